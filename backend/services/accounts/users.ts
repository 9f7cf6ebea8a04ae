import mongoose from 'mongoose';
import type {
  ListUsersQuery,
  Role,
  UpdateProfileInput,
  UpdateUserInput,
  UserDto,
  UserLanguage,
  UserStatus,
} from '../../../shared/api/auth';
import type { Page } from '../../../shared/api/common';
import { AppError, InvalidInputError, NotFoundError } from '../../errors';
import { claimVersion } from '../../db/claims';
import { School, Setting, User } from '../../models';
import type { UserFields } from '../../models/User';
import { recordAudit } from '../audit';
import { hashPassword, verifyPassword } from './secrets';
import { closeUserSessions, forgetCachedSessions, toAuthUser } from './sessions';
import type { AuthUser } from './types';

type UserDoc = UserFields & { _id: mongoose.Types.ObjectId; createdAt?: Date };

/** A stored user as the API presents it (never the password hash). */
export function toUserDto(u: UserDoc): UserDto {
  return {
    ...toAuthUser(u),
    status: u.status as UserStatus,
    createdAt: (u.createdAt ?? new Date(0)).toISOString(),
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
  };
}

/** Throws InvalidInputError when a school id is not a known school, or a role and its schools do not fit. */
export async function checkSchools(role: Role, schoolIds: string[]): Promise<void> {
  if ((role === 'school') !== schoolIds.length > 0) {
    throw new InvalidInputError('Een schoolcontact hoort bij één of meer scholen; andere rollen bij geen.', [
      { path: 'schoolIds', message: 'past niet bij de rol' },
    ]);
  }
  const unique = [...new Set(schoolIds)];
  if (unique.length === 0) return;
  const found = await School.countDocuments({ _id: mongoose.trusted({ $in: unique }) });
  if (found !== unique.length)
    throw new InvalidInputError('Een van de scholen bestaat niet.', [
      { path: 'schoolIds', message: 'onbekende school' },
    ]);
}

/** Creates an active user with a password (the command line's first admin); 409 conflict when the email exists. */
export async function createActiveUser(input: {
  email: string;
  password: string;
  role: Role;
  name?: string | null;
  schoolIds?: string[];
  language?: UserLanguage;
}): Promise<UserDto> {
  const schoolIds = input.schoolIds ?? [];
  await checkSchools(input.role, schoolIds);
  if (await User.exists({ email: input.email.toLowerCase() }))
    throw new AppError('conflict', 'Er is al een account met dit e-mailadres.');
  const doc = await User.create({
    email: input.email.toLowerCase(),
    name: input.name ?? null,
    role: input.role,
    schoolIds,
    language: input.language ?? 'nl',
    status: 'active',
    passwordHash: await hashPassword(input.password),
  });
  return toUserDto(doc.toObject());
}

/** One page of users, sorted by email. */
export async function listUsers(query: ListUsersQuery): Promise<Page<UserDto>> {
  const filter: Record<string, string> = {};
  if (query.role) filter.role = query.role;
  if (query.status) filter.status = query.status;
  const [docs, total] = await Promise.all([
    User.find(filter)
      .sort({ email: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .lean(),
    User.countDocuments(filter),
  ]);
  return { items: docs.map(toUserDto), total, page: query.page, pageSize: query.pageSize };
}

/** The setting that holds the admin set's version: how many times an active admin was taken away. */
const ADMIN_SET_VERSION = 'adminSetVersion';

async function readAdminSetVersion(): Promise<number> {
  const doc = await Setting.findById(ADMIN_SET_VERSION).lean<{ value: string }>();
  return doc ? Number(doc.value) : 0;
}

/** Changes a user as an admin; role, schools and status changes are audited. Deactivating ends the user's sessions. */
export async function updateUser(id: string, input: UpdateUserInput, actor: AuthUser, now: Date): Promise<UserDto> {
  const user = await User.findById(id).lean();
  if (!user) throw new NotFoundError('Deze gebruiker');
  if (user.status === 'invited' && input.status === 'active') {
    throw new AppError(
      'invalid_transition',
      'Een uitgenodigde gebruiker wordt actief door de uitnodiging aan te nemen.',
    );
  }
  const role = (input.role ?? user.role) as Role;
  const schoolIds = input.schoolIds ?? (input.role && input.role !== 'school' ? [] : [...user.schoolIds]);
  if (input.role || input.schoolIds) await checkSchools(role, schoolIds);
  const losesAdmin =
    user.role === 'admin' && user.status === 'active' && (role !== 'admin' || input.status === 'deactivated');
  // Taking away an admin claims the next version of the admin set first (db/claims.ts): of two admins demoting each
  // other at once, one gets it and the other 409, so the count below cannot be read by both before either writes.
  const adminSetVersion = losesAdmin ? await readAdminSetVersion() : 0;
  if (losesAdmin && (await User.countDocuments({ role: 'admin', status: 'active' })) <= 1) {
    throw new AppError('conflict', 'Dit is de laatste actieve beheerder; maak eerst iemand anders beheerder.');
  }
  if (losesAdmin && !(await claimVersion('adminSet', 'active', adminSetVersion, now))) {
    throw new AppError(
      'conflict',
      'Er werd tegelijk een andere beheerder gewijzigd; laad de lijst opnieuw en probeer het nog eens.',
    );
  }
  const set: Record<string, unknown> = { role, schoolIds };
  if (input.name !== undefined) set.name = input.name;
  if (input.status) set.status = input.status;
  const updated = await User.findOneAndUpdate({ _id: user._id }, { $set: set }, { returnDocument: 'after' }).lean();
  if (losesAdmin)
    await Setting.updateOne(
      { _id: ADMIN_SET_VERSION },
      { $set: { value: String(adminSetVersion + 1) } },
      { upsert: true },
    );
  forgetCachedSessions({ userId: user._id.toString() }); // the new role and schools count from the next request
  if (!updated) throw new NotFoundError('Deze gebruiker');
  const before = { role: user.role, schoolIds: user.schoolIds, status: user.status };
  const after = { role: updated.role, schoolIds: updated.schoolIds, status: updated.status };
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    const action =
      before.role !== after.role
        ? 'user.role_changed'
        : before.status !== after.status
          ? 'user.status_changed'
          : 'user.schools_changed';
    await recordAudit({ actor, action, target: { type: 'user', id: user._id.toString() }, before, after }, now);
  }
  if (updated.status !== 'active') await closeUserSessions(user._id.toString());
  return toUserDto(updated);
}

/** Changes one's own name, language or password (the current password must be right); a new password ends other sessions. */
export async function updateProfile(
  actor: AuthUser,
  input: UpdateProfileInput,
  currentSessionId: string | undefined,
): Promise<UserDto> {
  const user = await User.findById(actor.id).lean();
  if (!user) throw new NotFoundError('Deze gebruiker');
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) set.name = input.name;
  if (input.language) set.language = input.language;
  if (input.newPassword) {
    if (!(await verifyPassword(input.currentPassword ?? '', user.passwordHash ?? null))) {
      throw new InvalidInputError('Het huidige wachtwoord klopt niet.', [
        { path: 'currentPassword', message: 'klopt niet' },
      ]);
    }
    set.passwordHash = await hashPassword(input.newPassword);
  }
  const updated = await User.findOneAndUpdate({ _id: user._id }, { $set: set }, { returnDocument: 'after' }).lean();
  forgetCachedSessions({ userId: actor.id });
  if (!updated) throw new NotFoundError('Deze gebruiker');
  if (input.newPassword) await closeUserSessions(actor.id, currentSessionId);
  return toUserDto(updated);
}

/** The stored user behind a session, for `GET /api/session`. */
export async function getUser(id: string): Promise<UserDto> {
  const user = await User.findById(id).lean();
  if (!user) throw new NotFoundError('Deze gebruiker');
  return toUserDto(user);
}
