import { RateLimit } from '../models';
import { hashToken } from './accounts/secrets';

/** The state of one counter after a hit. */
export interface RateLimitHit {
  /** This request's number in the window; above the limit it is limit + 1 (then nothing more is stored). */
  count: number;
  /** Seconds until the window ends and the counter starts again. */
  resetSeconds: number;
}

function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: unknown }).code === 11000;
}

/**
 * Counts one hit for `key` in `bucket` in the current fixed window, in the database so that limits hold across
 * restarts and instances. The key is stored hashed: counters must not keep email or IP addresses.
 *
 * Why slots and not only `$inc`: FerretDB 1.24 loses concurrent `$inc` updates (25 parallel increments of one
 * document ended at 2 in our test), while a unique `_id` is enforced on both FerretDB and MongoDB. So each hit
 * claims slot `${bucket}:${key}:${window}#n` by inserting it; the insert that succeeds tells the exact count. The
 * summary document `${bucket}:${key}:${window}` (count by `$max`) only gives the next hit a good first guess.
 */
export async function hitRateLimit(bucket: string, key: string, windowSeconds: number, now: Date, limit: number): Promise<RateLimitHit> {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const expiresAt = new Date(windowStart + windowMs);
  const resetSeconds = Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));
  const id = `${bucket}:${hashToken(key).slice(0, 32)}:${windowStart}`;
  const summary = await RateLimit.findById(id).lean();
  for (let n = (summary?.count ?? 0) + 1; n <= limit; n++) {
    try {
      await RateLimit.create({ _id: `${id}#${n}`, count: n, expiresAt });
    } catch (err) {
      if (isDuplicateKey(err)) continue; // someone else has hit n: try the next number
      throw err;
    }
    await RateLimit.updateOne({ _id: id }, { $max: { count: n }, $setOnInsert: { expiresAt } }, { upsert: true }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err; // a parallel upsert created it first; the guess is only a hint
    });
    return { count: n, resetSeconds };
  }
  return { count: limit + 1, resetSeconds };
}
