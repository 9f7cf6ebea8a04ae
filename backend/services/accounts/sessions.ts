import mongoose from 'mongoose';
import type { Role, UserLanguage } from '../../../shared/api/auth';
import { UnauthenticatedError } from '../../errors';
import { Session, User } from '../../models';
import type { UserFields } from '../../models/User';
import { hashToken, newToken, verifyPassword } from './secrets';
import type { AuthUser } from './types';

/** Timeouts of a session, in ms. */
export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

/** A session that was just opened: the tokens for the cookies (never stored as they are). */
export interface OpenedSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A session found from its cookie: who it belongs to and the hash of its CSRF token. */
export interface ResolvedSession {
  id: string;
  csrfHash: string;
  user: AuthUser;
}

// Writing lastSeenAt on every request would double the database work; a minute's precision is enough.
const TOUCH_AFTER_MS = 60_000;

const WRONG_LOGIN = 'Het e-mailadres of het wachtwoord klopt niet.';

/** The AuthUser view of a stored user. */
export function toAuthUser(u: UserFields & { _id: mongoose.Types.ObjectId }): AuthUser {
  return {
    id: u._id.toString(),
    email: u.email,
    name: u.name ?? null,
    role: u.role as Role,
    schoolIds: [...(u.schoolIds ?? [])],
    language: (u.language ?? 'nl') as UserLanguage,
  };
}

/** Checks email and password and opens a new session; throws UnauthenticatedError with one message for every failure. */
export async function logIn(
  email: string,
  password: string,
  timeouts: SessionTimeouts,
  now: Date,
): Promise<{ user: AuthUser; session: OpenedSession }> {
  const user = await User.findOne({ email }).lean();
  const ok = await verifyPassword(password, user?.status === 'active' ? (user.passwordHash ?? null) : null);
  if (!user || !ok) throw new UnauthenticatedError(WRONG_LOGIN);
  await User.updateOne({ _id: user._id }, { $set: { lastLoginAt: now } });
  return { user: toAuthUser(user), session: await openSession(user._id, timeouts, now) };
}

/** Opens a new session for a user: a fresh random id (never reused from before the login). */
export async function openSession(
  userId: mongoose.Types.ObjectId,
  timeouts: SessionTimeouts,
  now: Date,
): Promise<OpenedSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + timeouts.absoluteMs);
  await Session.create({
    _id: hashToken(token),
    userId,
    csrfHash: hashToken(csrfToken),
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

/**
 * Sessions this instance resolved in the last second, by session id: a page load sends several API calls
 * at once, and each would read the session and its user (two reads that FerretDB answers by scanning).
 * A kept session is used only while it is well inside its timeouts and needs no touch (its lastSeenAt is
 * less than TOUCH_AFTER_MS old), so timeouts and touches work as before. Logout, a new password, a role or
 * status change through this instance drop it at once (forgetCachedSessions); through another instance
 * they take effect here within RESOLVED_TTL_MS.
 */
const resolvedSessions = new Map<
  string,
  { resolved: ResolvedSession; lastSeenAt: number; expiresAt: number; cachedAt: number }
>();
const RESOLVED_TTL_MS = 1000;
const RESOLVED_MAX = 10_000;

const copyOf = (r: ResolvedSession): ResolvedSession => ({
  ...r,
  user: { ...r.user, schoolIds: [...r.user.schoolIds] },
});

/** Drops kept sessions: one by id, or every one of a user. */
export function forgetCachedSessions(which: { sessionId?: string; userId?: string }): void {
  if (which.sessionId) resolvedSessions.delete(which.sessionId);
  if (which.userId)
    for (const [id, e] of resolvedSessions) if (e.resolved.user.id === which.userId) resolvedSessions.delete(id);
}

/** The live session of a cookie token, or null when it is unknown, idle too long, past its end, or its user is not active. */
export async function resolveSession(
  token: string,
  timeouts: SessionTimeouts,
  now: Date,
): Promise<ResolvedSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = hashToken(token);
  const t = now.getTime();
  const kept = resolvedSessions.get(id);
  if (
    kept &&
    Date.now() - kept.cachedAt < RESOLVED_TTL_MS &&
    t >= kept.lastSeenAt &&
    t - kept.lastSeenAt < Math.min(TOUCH_AFTER_MS, timeouts.idleMs) &&
    t < kept.expiresAt
  ) {
    return copyOf(kept.resolved);
  }
  resolvedSessions.delete(id);
  const session = await Session.findById(id).lean();
  if (!session) return null;
  if (t >= session.expiresAt.getTime() || t - session.lastSeenAt.getTime() >= timeouts.idleMs) {
    await Session.deleteOne({ _id: id });
    return null;
  }
  const user = await User.findById(session.userId).lean();
  if (!user || user.status !== 'active') {
    await Session.deleteOne({ _id: id });
    return null;
  }
  let lastSeenAt = session.lastSeenAt.getTime();
  if (t - lastSeenAt >= TOUCH_AFTER_MS) {
    await Session.updateOne({ _id: id }, { $set: { lastSeenAt: now } });
    lastSeenAt = t;
  }
  const resolved: ResolvedSession = { id, csrfHash: session.csrfHash, user: toAuthUser(user) };
  if (resolvedSessions.size >= RESOLVED_MAX) resolvedSessions.clear();
  resolvedSessions.set(id, {
    resolved: copyOf(resolved),
    lastSeenAt,
    expiresAt: session.expiresAt.getTime(),
    cachedAt: Date.now(),
  });
  return resolved;
}

/** Ends one session (logout). */
export async function closeSession(sessionId: string): Promise<void> {
  forgetCachedSessions({ sessionId });
  await Session.deleteOne({ _id: sessionId });
  forgetCachedSessions({ sessionId });
}

/** Ends every session of a user (password change, deactivation), except `keepSessionId` when given. */
export async function closeUserSessions(userId: string, keepSessionId?: string): Promise<void> {
  const filter: Record<string, unknown> = { userId: new mongoose.Types.ObjectId(userId) };
  if (keepSessionId) filter._id = mongoose.trusted({ $ne: keepSessionId });
  forgetCachedSessions({ userId });
  await Session.deleteMany(filter);
  forgetCachedSessions({ userId });
}
