import type mongoose from 'mongoose';
import type { AcceptInvitationInput, InvitationInput, UserDto } from '../../../shared/api/auth';
import { AppError } from '../../errors';
import { User } from '../../models';
import { recordAudit } from '../audit';
import { enqueueEmail } from '../outbox/enqueue';
import { checkLinkToken, consumeLinkToken, issueLinkToken, voidLinkTokens } from './linkTokens';
import { hashPassword } from './secrets';
import { closeUserSessions } from './sessions';
import type { AuthUser } from './types';
import { checkSchools, toUserDto } from './users';

export const INVITATION_VALID_DAYS = 7;
export const RESET_VALID_MINUTES = 60;

/**
 * Invites someone by email: makes (or renews) an "invited" user and queues the invitation email with a single-use
 * link. 409 conflict when an active or deactivated account has this email.
 */
export async function inviteUser(input: InvitationInput, actor: AuthUser, appUrl: string, now: Date): Promise<UserDto> {
  await checkSchools(input.role, input.schoolIds);
  const existing = await User.findOne({ email: input.email }).lean();
  if (existing && existing.status !== 'invited')
    throw new AppError('conflict', 'Er is al een account met dit e-mailadres.');
  const fields = { name: input.name ?? null, role: input.role, schoolIds: input.schoolIds, language: input.language };
  if (existing) {
    await User.updateOne({ _id: existing._id }, { $set: fields });
    await voidLinkTokens('invitation', existing._id, now);
  } else {
    await User.create({ email: input.email, status: 'invited', ...fields });
  }
  const user = await User.findOne({ email: input.email }).lean();
  const token = await issueLinkToken('invitation', user!._id, INVITATION_VALID_DAYS * 86_400_000, now);
  await enqueueEmail(
    {
      to: user!.email,
      kind: 'invitation',
      language: input.language,
      params: {
        url: `${appUrl}/uitnodiging/${token}`,
        role: input.role,
        inviterName: actor.name,
        expiresDays: INVITATION_VALID_DAYS,
      },
    },
    now,
  );
  await recordAudit(
    {
      actor,
      action: 'user.invited',
      target: { type: 'user', id: user!._id.toString() },
      after: { email: user!.email, role: input.role, schoolIds: input.schoolIds },
    },
    now,
  );
  return toUserDto(user!);
}

/** Accepts an invitation: the user chooses a name and password and becomes active. The link works once. */
export async function acceptInvitation(token: string, input: AcceptInvitationInput, now: Date): Promise<UserDto> {
  // An unknown link is refused before hashing, so guessed links cost the server nothing.
  await checkLinkToken('invitation', token, now);
  const passwordHash = await hashPassword(input.password);
  const userId = await consumeLinkToken('invitation', token, now);
  const set: Record<string, unknown> = { name: input.name, passwordHash, status: 'active' };
  if (input.language) set.language = input.language;
  const user = await User.findOneAndUpdate(
    { _id: userId, status: 'invited' },
    { $set: set },
    { returnDocument: 'after' },
  ).lean();
  if (!user) throw new AppError('not_found', 'Deze uitnodiging is niet meer geldig.');
  return toUserDto(user);
}

/**
 * Sends a reset link when an active account has this email; answers the same either way, so the form does not tell
 * which addresses have an account.
 */
export async function requestPasswordReset(email: string, appUrl: string, now: Date): Promise<void> {
  const user = await User.findOne({ email }).lean();
  if (!user || user.status !== 'active') return;
  await voidLinkTokens('password_reset', user._id, now);
  const token = await issueLinkToken('password_reset', user._id, RESET_VALID_MINUTES * 60_000, now);
  await enqueueEmail(
    {
      to: user.email,
      kind: 'password_reset',
      language: (user.language ?? 'nl') as 'nl' | 'en',
      params: { url: `${appUrl}/wachtwoord/${token}`, expiresMinutes: RESET_VALID_MINUTES },
    },
    now,
  );
}

/** Sets a new password with a reset link (single use) and ends every session of the user. */
export async function resetPassword(token: string, password: string, now: Date): Promise<void> {
  await checkLinkToken('password_reset', token, now);
  const passwordHash = await hashPassword(password);
  const userId: mongoose.Types.ObjectId = await consumeLinkToken('password_reset', token, now);
  const user = await User.findOneAndUpdate(
    { _id: userId, status: 'active' },
    { $set: { passwordHash } },
    { returnDocument: 'after' },
  ).lean();
  if (!user) throw new AppError('not_found', 'Deze link is niet meer geldig.');
  await closeUserSessions(userId.toString());
}
