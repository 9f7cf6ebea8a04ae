import type { RequestHandler } from 'express';

/**
 * Every API answer starts as `Cache-Control: no-store`: most carry personal data (names, addresses, phone numbers,
 * sessions), which must not stay in a shared cache or on the disk of a shared computer. A route that may be cached
 * says so itself (publicRevalidate, or its own header), which replaces this one.
 */
export const noStoreByDefault: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/** Reference data that anyone may read (schools, regions, the calendar): stored, but checked by ETag every time. */
export const publicRevalidate: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'public, no-cache');
  next();
};
