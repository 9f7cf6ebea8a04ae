import mongoose from 'mongoose';
import { AppError } from '../../errors';
import { LinkToken } from '../../models';
import type { LinkTokenKind } from '../../models/LinkToken';
import { hashToken, newToken } from './secrets';

/** Makes a single-use link token for a user; only its hash is stored. Returns the token for the emailed link. */
export async function issueLinkToken(kind: LinkTokenKind, userId: mongoose.Types.ObjectId, validMs: number, now: Date): Promise<string> {
  const token = newToken();
  await LinkToken.create({ _id: hashToken(token), kind, userId, expiresAt: new Date(now.getTime() + validMs), createdAt: now });
  return token;
}

/**
 * Uses up a link token in one atomic update (so two clicks cannot both succeed) and returns its user id;
 * NotFoundError when it is unknown, already used, expired or of another kind.
 */
export async function consumeLinkToken(kind: LinkTokenKind, token: string, now: Date): Promise<mongoose.Types.ObjectId> {
  const doc = await LinkToken.findOneAndUpdate(
    { _id: hashToken(token), kind, usedAt: null, expiresAt: mongoose.trusted({ $gt: now }) },
    { $set: { usedAt: now } },
    { returnDocument: 'after' },
  ).lean();
  if (!doc) throw new AppError('not_found', 'Deze link is verlopen of al gebruikt. Vraag een nieuwe aan.');
  return doc.userId;
}

/** Voids the unused links of a user of one kind (a new invitation or reset replaces the old link). */
export async function voidLinkTokens(kind: LinkTokenKind, userId: mongoose.Types.ObjectId, now: Date): Promise<void> {
  await LinkToken.updateMany({ userId, kind, usedAt: null }, { $set: { usedAt: now } });
}
