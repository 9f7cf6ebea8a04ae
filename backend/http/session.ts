import type { Request, RequestHandler, Response } from 'express';
import { CsrfError } from '../errors';
import { hashToken, safeEqual } from '../services/accounts/secrets';
import { resolveSession, type OpenedSession } from '../services/accounts/sessions';
import { securityOf } from './securitySettings';

/** The session cookie (httpOnly) and the CSRF cookie (readable by the app's script, sent back as a header). */
export const SESSION_COOKIE = 'sid';
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The cookies of a request (no dependency: a name=value list; the values we set are base64url). */
export function readCookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (!(name in out)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

/** Sets both cookies of a fresh session. */
export function setSessionCookies(req: Request, res: Response, session: OpenedSession): void {
  const settings = securityOf(req);
  const maxAge = Math.max(0, session.expiresAt.getTime() - settings.now().getTime());
  const base = { path: '/', sameSite: 'lax', secure: settings.secureCookies, maxAge } as const;
  res.cookie(SESSION_COOKIE, session.token, { ...base, httpOnly: true });
  res.cookie(CSRF_COOKIE, session.csrfToken, { ...base, httpOnly: false });
}

/** Removes both cookies (logout, or a session that has ended). */
export function clearSessionCookies(req: Request, res: Response): void {
  const base = { path: '/', sameSite: 'lax', secure: securityOf(req).secureCookies } as const;
  res.clearCookie(SESSION_COOKIE, { ...base, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, base);
}

/**
 * Finds the session of the cookie and sets `req.user` (null when there is none, or when it timed out; then the stale
 * cookies are cleared). A write (POST, PUT, PATCH, DELETE) with a live session must carry the session's CSRF token in
 * X-CSRF-Token, else 403 csrf_failed: another site can make the browser send the cookie, but cannot read the token.
 */
export const sessionMiddleware: RequestHandler = async (req, res, next) => {
  req.user = null;
  req.authSession = null;
  const token = readCookies(req)[SESSION_COOKIE];
  if (!token) return next();
  const settings = securityOf(req);
  const session = await resolveSession(
    token,
    { idleMs: settings.sessionIdleMs, absoluteMs: settings.sessionAbsoluteMs },
    settings.now(),
  );
  if (!session) {
    clearSessionCookies(req, res);
    return next();
  }
  req.user = session.user;
  req.authSession = { id: session.id, csrfHash: session.csrfHash };
  if (!SAFE_METHODS.has(req.method)) {
    const header = req.get(CSRF_HEADER);
    if (!header || header.length > 100 || !safeEqual(hashToken(header), session.csrfHash)) throw new CsrfError();
  }
  next();
};
