import { Claim } from '../models/Claim';
import { insertBatched } from './batchedInsert';

/** True when an error is MongoDB's duplicate-key error (code 11000). */
export function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** The claim name of version `version` of a record, zero-padded so names sort by version. */
export const versionClaimName = (kind: string, id: string, version: number) =>
  `${kind}:${id}#${String(version).padStart(6, '0')}`;

/**
 * Claims a name: resolves true for exactly one of any number of concurrent callers, false for the
 * rest (and for every later caller). Optionally stores a state with the claim. Concurrent claims leave
 * together in one unordered insertMany (db/batchedInsert.ts); each still wins or loses on its own `_id`.
 */
export async function claim(name: string, state: unknown = null, now = new Date()): Promise<boolean> {
  try {
    await insertBatched(Claim, { _id: name, at: now, state: state === null ? null : JSON.stringify(state) });
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

/** Gives a claim back (the claimant could not complete its write). */
export async function releaseClaim(name: string): Promise<void> {
  await Claim.deleteOne({ _id: name });
}

/** The state stored with a claim, or undefined when the name is not claimed. */
export async function claimedState<T>(name: string): Promise<T | null | undefined> {
  const doc = await Claim.findById(name).lean<{ state: string | null }>();
  if (!doc) return undefined;
  return doc.state === null ? null : (JSON.parse(doc.state) as T);
}

/** When the claim was made, or null when the name is not claimed. */
export async function claimedAt(name: string): Promise<Date | null> {
  const doc = await Claim.findById(name).lean<{ at: Date }>();
  return doc ? new Date(doc.at) : null;
}

/** How long a version claim may wait for its write before another writer may take it over. */
const ABANDONED_MS = 30_000;

/**
 * Claims the step from `version` to `version + 1` of a record. When an earlier claimant died between
 * its claim and its write (the record is still at `version` long after), the claim is taken over.
 */
export async function claimVersion(kind: string, id: string, version: number, now = new Date()): Promise<boolean> {
  const name = versionClaimName(kind, id, version + 1);
  if (await claim(name, null, now)) return true;
  const at = await claimedAt(name);
  if (at && now.getTime() - at.getTime() > ABANDONED_MS) {
    await releaseClaim(name);
    return claim(name, null, now);
  }
  return false;
}
