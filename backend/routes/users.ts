import { Router } from 'express';
import { listUsersQuerySchema, updateProfileSchema, updateUserSchema, userIdSchema } from '../../shared/api/auth';
import { AppError } from '../errors';
import { authorize, requireUser } from '../http/authorization';
import { securityOf } from '../http/securitySettings';
import { listUsers, updateProfile, updateUser } from '../services/accounts/users';

/** `/api/users`: the admin's user list and changes; `/me` for everyone's own profile. */
export const usersRouter = Router();

usersRouter.get('/', authorize('users.manage'), async (req, res) => {
  res.json(await listUsers(listUsersQuerySchema.parse(req.query)));
});

usersRouter.patch('/me', authorize('profile.update'), async (req, res) => {
  const input = updateProfileSchema.parse(req.body);
  res.json(await updateProfile(requireUser(req), input, req.authSession?.id));
});

usersRouter.patch('/:id', authorize('users.manage'), async (req, res) => {
  const id = userIdSchema.safeParse(req.params.id);
  if (!id.success) throw new AppError('invalid_id', 'Ongeldige gebruikers-id.');
  res.json(await updateUser(id.data, updateUserSchema.parse(req.body), requireUser(req), securityOf(req).now()));
});
