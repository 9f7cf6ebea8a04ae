import { Router } from 'express';
import { loginSchema, type SessionDto } from '../../shared/api/auth';
import { authorize } from '../http/authorization';
import { byBodyEmail, byIp, byIpAndBodyEmail, progressiveDelay, rateLimit } from '../http/rateLimit';
import { securityOf } from '../http/securitySettings';
import { clearSessionCookies, setSessionCookies } from '../http/session';
import { closeSession, logIn } from '../services/accounts/sessions';
import { getUser } from '../services/accounts/users';

/** `/api/session`: who am I, log in, log out. */
export const sessionRouter = Router();

sessionRouter.get('/', authorize('session.read'), async (req, res) => {
  res.set('Cache-Control', 'no-store');
  const body: SessionDto = { user: req.user ? await getUser(req.user.id) : null };
  res.json(body);
});

sessionRouter.post(
  '/',
  authorize('session.login'),
  // Hard limits per address, and per address and account; per account (from every address) only a slow-down, so
  // wrong passwords typed for someone's address elsewhere never lock the owner out (README, Accounts and security).
  rateLimit({ bucket: 'login-ip', limit: 30, windowSeconds: 600, key: byIp }),
  rateLimit({ bucket: 'login-ip-email', limit: 10, windowSeconds: 900, key: byIpAndBodyEmail }),
  // Only well-formed attempts count here: a body that cannot be a login guesses no password (it gets its 400 at once).
  progressiveDelay({
    bucket: 'login-email',
    freeAttempts: 10,
    windowSeconds: 900,
    delays: (req) => securityOf(req).loginSlowdown,
    key: (req) => (loginSchema.safeParse(req.body).success ? byBodyEmail(req) : null),
  }),
  async (req, res) => {
    const { email, password } = loginSchema.parse(req.body);
    const settings = securityOf(req);
    const { user, session } = await logIn(
      email,
      password,
      { idleMs: settings.sessionIdleMs, absoluteMs: settings.sessionAbsoluteMs },
      settings.now(),
    );
    // A login always gets a new session id; an older session of this browser ends (no session fixation).
    if (req.authSession) await closeSession(req.authSession.id);
    setSessionCookies(req, res, session);
    res.set('Cache-Control', 'no-store');
    const body: SessionDto = { user: await getUser(user.id) };
    res.json(body);
  },
);

sessionRouter.delete('/', authorize('session.logout'), async (req, res) => {
  if (req.authSession) await closeSession(req.authSession.id);
  clearSessionCookies(req, res);
  res.status(204).end();
});
