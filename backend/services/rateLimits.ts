import { RateLimit } from '../models';
import { hashToken } from './accounts/secrets';

/** The state of one counter after a hit. */
export interface RateLimitHit {
  count: number;
  /** Seconds until the window ends and the counter starts again. */
  resetSeconds: number;
}

/**
 * Counts one hit for `key` in `bucket` in the current fixed window with one atomic `$inc` upsert, so the count holds
 * across restarts and instances. The key is stored hashed: counters must not keep email or IP addresses.
 */
export async function hitRateLimit(bucket: string, key: string, windowSeconds: number, now: Date): Promise<RateLimitHit> {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const expiresAt = new Date(windowStart + windowMs);
  const _id = `${bucket}:${hashToken(key).slice(0, 32)}:${windowStart}`;
  const update = { $inc: { count: 1 }, $setOnInsert: { expiresAt } };
  let doc;
  try {
    doc = await RateLimit.findOneAndUpdate({ _id }, update, { upsert: true, returnDocument: 'after' }).lean();
  } catch (err) {
    // Two first hits at once: one upsert inserts, the other gets a duplicate key and simply counts again.
    if ((err as { code?: unknown }).code !== 11000) throw err;
    doc = await RateLimit.findOneAndUpdate({ _id }, update, { upsert: true, returnDocument: 'after' }).lean();
  }
  return { count: doc?.count ?? 1, resetSeconds: Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000)) };
}
