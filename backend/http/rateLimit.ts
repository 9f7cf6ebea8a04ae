import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { RateLimitedError } from '../errors';
import { hitRateLimit, hitRateLimitLater } from '../services/rateLimits';
import { securityOf } from './securitySettings';

/** A limit: at most `limit` requests per `key` in each window of `windowSeconds`, counted in bucket `bucket`. */
export interface RateLimitOptions {
  bucket: string;
  limit: number;
  windowSeconds: number;
  /** What to count by (IP, email, …); null or '' skips this limit for the request. */
  key: (req: Request) => string | null | undefined;
}

/**
 * Counts each request in the database (see hitRateLimit) and answers 429 `rate_limited` with Retry-After once the
 * limit is passed.
 *
 * `countAfterAnswer: true` (the public form): nobody waits for the count to be written (hitRateLimitLater). The
 * decision is taken from what this process knows, and the count follows in a batch, so the form's answer waits
 * for one write (the request) instead of two. The price: per key and window, an instance may admit one request
 * too many after the limit was reached through another instance or before a restart. Either way every request is
 * counted, also one whose body turns out to be invalid or that the honeypot catches.
 */
export function rateLimit(options: RateLimitOptions & { countAfterAnswer?: boolean }): RequestHandler {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(options.bucket)) throw new Error(`bad rate-limit bucket name: ${options.bucket}`);
  const hitOf = options.countAfterAnswer ? hitRateLimitLater : hitRateLimit;
  return async (req, _res, next) => {
    const key = options.key(req);
    if (!key) return next();
    const hit = await hitOf(options.bucket, key, options.windowSeconds, securityOf(req).now(), options.limit);
    if (hit.count > options.limit) throw new RateLimitedError(hit.resetSeconds);
    next();
  };
}

/** A slow-down rather than a limit: attempts past `freeAttempts` per key and window wait before they are handled. */
export interface ProgressiveDelayOptions {
  bucket: string;
  freeAttempts: number;
  windowSeconds: number;
  /** The first delay (the attempt after the free ones) and the longest; each further attempt doubles it. */
  delays: (req: Request) => { firstDelayMs: number; maxDelayMs: number };
  key: (req: Request) => string | null | undefined;
}

/** The wait of attempt number `n` (1-based) under a progressive delay. */
export function progressiveDelayMs(
  n: number,
  freeAttempts: number,
  o: { firstDelayMs: number; maxDelayMs: number },
): number {
  if (n <= freeAttempts) return 0;
  return Math.min(o.maxDelayMs, o.firstDelayMs * 2 ** Math.min(30, n - freeAttempts - 1));
}

/**
 * Counts each attempt like rateLimit, but never refuses: past `freeAttempts` in the window the request waits
 * (firstDelayMs, doubling, at most maxDelayMs) and then goes on. For the per-account login count, where a refusal
 * would let anyone lock the owner out by typing wrong passwords for their address: the owner, from an address that
 * is not over its own limits, still gets in, after at most maxDelayMs. The counter stops growing at a thousand
 * (the wait is long reached by then).
 */
export function progressiveDelay(options: ProgressiveDelayOptions): RequestHandler {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(options.bucket)) throw new Error(`bad rate-limit bucket name: ${options.bucket}`);
  const ceiling = 1000;
  return async (req, _res, next) => {
    const key = options.key(req);
    if (!key) return next();
    const hit = await hitRateLimit(options.bucket, key, options.windowSeconds, securityOf(req).now(), ceiling);
    const wait = progressiveDelayMs(hit.count, options.freeAttempts, options.delays(req));
    if (wait > 0) {
      if (hit.count === options.freeAttempts + 1)
        req.log?.warn({ bucket: options.bucket }, 'many attempts for one account: slowing them down');
      await new Promise((done) => setTimeout(done, wait));
    }
    next();
  };
}

/** The client's IP (Express resolves X-Forwarded-For only from a trusted proxy). */
export const byIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** The body's `email`, lowercased, when it is a string; for per-account limits. */
export const byBodyEmail = (req: Request): string | null => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.length <= 254 ? email.trim().toLowerCase() : null;
};

/** The client's IP and the body's email together: for limits per address and account. */
export const byIpAndBodyEmail = (req: Request): string | null => {
  const email = byBodyEmail(req);
  return email ? `${byIp(req)} ${email}` : null;
};

/**
 * A trap field for bots: people never see it, so a filled-in value means a bot. Then `answer` answers instead of the
 * handler, as the handler would but storing nothing (default: 201 with a random `id`). The field is removed from the
 * body either way, so strict schemas need not know it.
 */
export function honeypot(
  fieldName: string,
  answer: (req: Request, res: Response) => Promise<void> | void = (_req, res) =>
    void res.status(201).json({ id: randomBytes(12).toString('hex') }),
): RequestHandler {
  return async (req, res, next) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || !(fieldName in body)) return next();
    const value = body[fieldName];
    delete body[fieldName];
    if (value === '' || value === null || value === undefined) return next();
    req.log?.info({ honeypot: fieldName }, 'honeypot filled: pretending success');
    await answer(req, res);
  };
}
