import { Router } from 'express';
import { linkTokenSchema, passwordResetRequestSchema, passwordResetSchema } from '../../shared/api/auth';
import { writeLater } from '../db/deferredWrites';
import { AppError } from '../errors';
import { authorize } from '../http/authorization';
import { byBodyEmail, byIp, rateLimit } from '../http/rateLimit';
import { securityOf } from '../http/securitySettings';
import { requestPasswordReset, resetPassword } from '../services/accounts/invitations';

/** `/api/password-resets`: ask for a reset link by email, and use one. */
export const passwordResetsRouter = Router();

passwordResetsRouter.post(
  '/',
  authorize('passwordReset.use'),
  rateLimit({ bucket: 'reset-ip', limit: 10, windowSeconds: 3600, key: byIp }),
  rateLimit({ bucket: 'reset-email', limit: 3, windowSeconds: 3600, key: byBodyEmail }),
  async (req, res) => {
    const { email } = passwordResetRequestSchema.parse(req.body);
    const settings = securityOf(req);
    // The same answer whether or not the address has an account, and at the same moment: it leaves before the
    // account is even looked up, and the link and its email are made afterwards (with an account, that took about
    // twice as long, which told who has one). Not retried: a half-done reset must not send a second email, and
    // asking again is cheap.
    res.status(202).json({ message: 'Als dit e-mailadres een account heeft, is er een link gestuurd.' });
    writeLater('password reset', () => requestPasswordReset(email, settings.appUrl, settings.now()), { retry: false });
  },
);

passwordResetsRouter.post(
  '/:token',
  authorize('passwordReset.use'),
  rateLimit({ bucket: 'link-ip', limit: 30, windowSeconds: 3600, key: byIp }),
  async (req, res) => {
    const token = linkTokenSchema.safeParse(req.params.token);
    if (!token.success) throw new AppError('not_found', 'Deze link is verlopen of al gebruikt. Vraag een nieuwe aan.');
    const { password } = passwordResetSchema.parse(req.body);
    await resetPassword(token.data, password, securityOf(req).now());
    res.status(204).end();
  },
);
