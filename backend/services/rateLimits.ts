import { insertPlain } from '../db/batchedInsert';
import { isDuplicateKey } from '../db/claims';
import { writeLater } from '../db/deferredWrites';
import { RateLimit } from '../models';
import { hashToken } from './accounts/secrets';

/** The state of one counter after a hit. */
export interface RateLimitHit {
  /** This request's number in the window; above the limit it is limit + 1 (then nothing more is stored). */
  count: number;
  /** Seconds until the window ends and the counter starts again. */
  resetSeconds: number;
}

/** What this process knows of a counter: the highest slot it saw taken (slots are never given back within a window). */
interface Known {
  n: number;
  limit: number;
  expiresAt: number;
}
const seen = new Map<string, Known>();
const SEEN_MAX = 20_000;

/** The highest slot of counter `id` this process saw taken (0: none, or forgotten). */
const knownCount = (id: string): number => seen.get(id)?.n ?? 0;

function remember(id: string, n: number, limit: number, expiresAt: Date): void {
  if (seen.size >= SEEN_MAX && !seen.has(id)) makeRoom();
  seen.set(id, { n: Math.max(knownCount(id), n), limit, expiresAt: expiresAt.getTime() });
}

/**
 * Forgets counters whose window has ended, and counters below their limit: forgetting one of those costs the
 * next hit a failed insert and a read (it finds its slot in the database), never a wrong answer. Only full
 * counters are worth keeping, since hitRateLimitLater refuses from them without the database. Should more than
 * SEEN_MAX counters be full at once, all is forgotten, and each may admit one request more.
 */
function makeRoom(): void {
  const now = Date.now();
  for (const [id, known] of seen) if (known.expiresAt <= now || known.n < known.limit) seen.delete(id);
  if (seen.size >= SEEN_MAX) seen.clear();
}

/** Forgets what this process knows of the counters, as a restart would (for tests). */
export function forgetRateLimitMemory(): void {
  seen.clear();
}

/** Claims slot `#n` of a counter; false when it is taken. */
async function claimSlot(id: string, n: number, expiresAt: Date, later: boolean): Promise<boolean> {
  try {
    await insertPlain(RateLimit, { _id: `${id}#${n}`, count: n, expiresAt }, { later });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

interface CounterWindow {
  id: string;
  expiresAt: Date;
  resetSeconds: number;
}

function windowOf(bucket: string, key: string, windowSeconds: number, now: Date): CounterWindow {
  const windowMs = windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const expiresAt = new Date(windowStart + windowMs);
  const resetSeconds = Math.max(1, Math.ceil((expiresAt.getTime() - now.getTime()) / 1000));
  return { id: `${bucket}:${hashToken(key).slice(0, 32)}:${windowStart}`, expiresAt, resetSeconds };
}

/**
 * Counts one hit for `key` in `bucket` in the current fixed window, in the database so that limits hold across
 * restarts and instances. The key is stored hashed: counters must not keep email or IP addresses.
 *
 * Why slots and not only `$inc`: FerretDB 1.24 loses concurrent `$inc` updates (25 parallel increments of one
 * document ended at 2 in our test), while a unique `_id` is enforced on both FerretDB and MongoDB. So each hit
 * claims slot `${bucket}:${key}:${window}#n` by inserting it; the insert that succeeds tells the exact count.
 * Where to start: this process remembers the highest slot it saw taken; when its guess is taken (a hit through
 * another instance, or before a restart), it reads the summary document `${bucket}:${key}:${window}` (count by
 * `$max`, written from the second hit on) and goes on from there. So a first hit costs one insert, and the
 * inserts of concurrent requests leave together (db/batchedInsert.ts).
 */
export async function hitRateLimit(
  bucket: string,
  key: string,
  windowSeconds: number,
  now: Date,
  limit: number,
  options: { later?: boolean } = {},
): Promise<RateLimitHit> {
  const { id, expiresAt, resetSeconds } = windowOf(bucket, key, windowSeconds, now);
  let n = knownCount(id) + 1;
  let askedSummary = false;
  while (n <= limit) {
    if (await claimSlot(id, n, expiresAt, options.later ?? false)) {
      remember(id, n, limit, expiresAt);
      if (n > 1) {
        await RateLimit.updateOne(
          { _id: id },
          { $max: { count: n }, $setOnInsert: { expiresAt } },
          { upsert: true },
        ).catch((err: unknown) => {
          if (!isDuplicateKey(err)) throw err; // a parallel upsert created it first; the summary is only a hint
        });
      }
      return { count: n, resetSeconds };
    }
    remember(id, n, limit, expiresAt);
    if (!askedSummary) {
      askedSummary = true;
      const summary = await RateLimit.findById(id).lean();
      if (summary && summary.count >= n) {
        remember(id, summary.count, limit, expiresAt);
        n = summary.count + 1;
        continue;
      }
    }
    n += 1; // someone else has hit n: try the next number
  }
  return { count: limit + 1, resetSeconds };
}

/** Per counter, the hitRateLimitLater count being written now (settles when it is written or failed). */
const counting = new Map<string, Promise<void>>();

/**
 * Admits or refuses a hit from what this process knows, without waiting for the database: the hit is counted in
 * it afterwards (hitRateLimit's slots, in a lingering batch), and nobody waits for that.
 *
 * While a count of the same counter is being written, the next hit waits for it and decides with what it learnt.
 * So this process decides each hit knowing every hit it counted itself, and hits through another instance or from
 * before a restart are learnt from the next count it writes: per counter and window an instance admits at most
 * one hit too many (the one whose count reveals them), and refuses the rest. Hits of one key that arrive
 * together thus take turns, each about one linger time (LATER_LINGER_MS) after the one before: a client sending
 * many at once from one address, which the form's limit of 10 an hour does not expect of people. The public form
 * uses this, where answering after one write matters; logins and reset links, which guard accounts, wait for the
 * database (hitRateLimit).
 */
export function hitRateLimitLater(
  bucket: string,
  key: string,
  windowSeconds: number,
  now: Date,
  limit: number,
): RateLimitHit | Promise<RateLimitHit> {
  const { id, expiresAt, resetSeconds } = windowOf(bucket, key, windowSeconds, now);
  const inFlight = counting.get(id);
  if (inFlight) return inFlight.then(() => hitRateLimitLater(bucket, key, windowSeconds, now, limit));
  const count = knownCount(id) + 1;
  if (count > limit) return { count: limit + 1, resetSeconds };
  const counted = hitRateLimit(bucket, key, windowSeconds, now, limit, { later: true });
  const settled: Promise<void> = counted.then(
    () => undefined,
    // The count could not be written (writeLater logs why). This process still counts the hit it admitted, so
    // the limit holds here while the rate-limit database is away.
    () => remember(id, count, limit, expiresAt),
  );
  counting.set(id, settled);
  void settled.then(() => {
    if (counting.get(id) === settled) counting.delete(id);
  });
  writeLater(`rate limit ${bucket}`, () => counted, { retry: false });
  return { count, resetSeconds };
}
