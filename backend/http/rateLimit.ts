import { randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
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

/** The client's IP (Express resolves X-Forwarded-For only from a trusted proxy). */
export const byIp = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** The body's `email`, lowercased, when it is a string; for per-account limits. */
export const byBodyEmail = (req: Request): string | null => {
  const email = (req.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.length <= 254 ? email.trim().toLowerCase() : null;
};

/**
 * A trap field for bots: people never see it, so a filled-in value means a bot. Then the answer looks like a
 * success (201 with `fakeBody`) and nothing is stored. An empty field is removed from the body so strict schemas
 * need not know it.
 */
export function honeypot(fieldName: string, fakeBody: (req: Request) => unknown = () => ({ id: randomBytes(12).toString('hex') })): RequestHandler {
  return (req, res, next) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || !(fieldName in body)) return next();
    const value = body[fieldName];
    if (value === '' || value === null || value === undefined) {
      delete body[fieldName];
      return next();
    }
    req.log?.info({ honeypot: fieldName }, 'honeypot filled: pretending success');
    res.status(201).json(fakeBody(req));
  };
}
