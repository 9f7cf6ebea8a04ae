import { Router } from 'express';
import { acceptInvitationSchema, invitationSchema, linkTokenSchema } from '../../shared/api/auth';
import { AppError } from '../errors';
import { authorize, requireUser } from '../http/authorization';
import { byIp, rateLimit } from '../http/rateLimit';
import { securityOf } from '../http/securitySettings';
import { acceptInvitation, inviteUser } from '../services/accounts/invitations';

/** `/api/invitations`: an admin invites someone by email; the invitee accepts with the emailed link. */
export const invitationsRouter = Router();

invitationsRouter.post('/', authorize('users.manage'), async (req, res) => {
  const input = invitationSchema.parse(req.body);
  const settings = securityOf(req);
  res.status(201).json(await inviteUser(input, requireUser(req), settings.appUrl, settings.now()));
});

invitationsRouter.post(
  '/:token/accept',
  authorize('invitations.accept'),
  rateLimit({ bucket: 'link-ip', limit: 30, windowSeconds: 3600, key: byIp }),
  async (req, res) => {
    const token = linkTokenSchema.safeParse(req.params.token);
    if (!token.success) throw new AppError('not_found', 'Deze uitnodiging is verlopen of al gebruikt.');
    const input = acceptInvitationSchema.parse(req.body);
    res.json(await acceptInvitation(token.data, input, securityOf(req).now()));
  },
);
