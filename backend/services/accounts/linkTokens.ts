import mongoose from 'mongoose';
import { AppError } from '../../errors';
import { LinkToken } from '../../models';
import type { LinkTokenKind } from '../../models/LinkToken';
import { hashToken, newToken } from './secrets';

/** Makes a single-use link token for a user; only its hash is stored. Returns the token for the emailed link. */
export async function issueLinkToken(
  kind: LinkTokenKind,
  userId: mongoose.Types.ObjectId,
  validMs: number,
  now: Date,
): Promise<string> {
  const token = newToken();
  await LinkToken.create({
    _id: hashToken(token),
    kind,
    userId,
    expiresAt: new Date(now.getTime() + validMs),
    createdAt: now,
  });
  return token;
}

/**
 * Uses up a link token and returns its user id; NotFoundError when it is unknown, already used, expired or of another
 * kind. Exactly one of two parallel uses succeeds: the use is claimed by inserting a marker with a unique _id, because
 * FerretDB 1.24 does not make a conditional findOneAndUpdate atomic.
 */
export async function consumeLinkToken(
  kind: LinkTokenKind,
  token: string,
  now: Date,
): Promise<mongoose.Types.ObjectId> {
  const id = hashToken(token);
  const doc = await findUsable(kind, id, now);
  try {
    await LinkToken.create({
      _id: hashToken(`${id}:used`),
      kind,
      userId: doc.userId,
      expiresAt: doc.expiresAt,
      usedAt: now,
      createdAt: now,
    });
  } catch (err) {
    if ((err as { code?: unknown }).code === 11000) throw gone();
    throw err;
  }
  await LinkToken.updateOne({ _id: id }, { $set: { usedAt: now } });
  return doc.userId;
}

/** Throws like consumeLinkToken when the link cannot be used, without using it (to refuse before costly work). */
export async function checkLinkToken(kind: LinkTokenKind, token: string, now: Date): Promise<void> {
  await findUsable(kind, hashToken(token), now);
}

async function findUsable(kind: LinkTokenKind, id: string, now: Date) {
  const doc = await LinkToken.findOne({
    _id: id,
    kind,
    usedAt: null,
    expiresAt: mongoose.trusted({ $gt: now }),
  }).lean();
  if (!doc) throw gone();
  return doc;
}

function gone(): AppError {
  return new AppError('not_found', 'Deze link is verlopen of al gebruikt. Vraag een nieuwe aan.');
}

/** Voids the unused links of a user of one kind (a new invitation or reset replaces the old link). */
export async function voidLinkTokens(kind: LinkTokenKind, userId: mongoose.Types.ObjectId, now: Date): Promise<void> {
  await LinkToken.updateMany({ userId, kind, usedAt: null }, { $set: { usedAt: now } });
}
