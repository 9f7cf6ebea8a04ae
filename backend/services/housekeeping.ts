import mongoose from 'mongoose';
import { LinkToken, RateLimit, Session } from '../models';

/** Deletes sessions, emailed links and rate-limit counters whose time is over; returns how many went. */
export async function removeExpired(now: Date): Promise<number> {
  const past = { expiresAt: mongoose.trusted({ $lt: now }) };
  const results = await Promise.all([Session.deleteMany(past), LinkToken.deleteMany(past), RateLimit.deleteMany(past)]);
  return results.reduce((n, r) => n + r.deletedCount, 0);
}
