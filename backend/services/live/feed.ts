import { trusted } from 'mongoose';
import type { LiveMessage } from '../../../shared/api/live';
import { isDuplicateKey } from '../../db/claims';
import { LiveChange, liveChangeId } from '../../models/LiveChange';

/** A message as stored in the feed (without its sequence number, which the append assigns). */
export type FeedMessage =
  | { type: 'position'; at: string; lng: number; lat: number }
  | { type: 'stops'; stops: Extract<LiveMessage, { type: 'stops' }>['stops']; delayed: boolean; offRoute: boolean };

/** A stored feed entry with its sequence number. */
export interface FeedEntry {
  seq: number;
  message: LiveMessage;
}

const dayRange = (truckId: string, date: string, afterSeq: number) => ({
  _id: trusted({ $gt: liveChangeId(truckId, date, afterSeq), $lte: liveChangeId(truckId, date, 999_999_999) }),
});

/** Returns the sequence number of the day's last change (0 when there is none). */
export async function latestSeq(truckId: string, date: string): Promise<number> {
  const doc = await LiveChange.findOne(dayRange(truckId, date, 0), 'seq')
    .sort({ _id: -1 })
    .lean<{ seq: number }>();
  return doc?.seq ?? 0;
}

/** Returns the day's last "stops" message, or null. */
export async function latestStops(
  truckId: string,
  date: string,
): Promise<Extract<LiveMessage, { type: 'stops' }> | null> {
  const doc = await LiveChange.findOne({ ...dayRange(truckId, date, 0), type: 'stops' }, 'message')
    .sort({ _id: -1 })
    .lean<{ message: string }>();
  return doc ? (JSON.parse(doc.message) as Extract<LiveMessage, { type: 'stops' }>) : null;
}

/** Returns the day's changes after `afterSeq`, in order (at most `limit`). */
export async function changesAfter(truckId: string, date: string, afterSeq: number, limit = 500): Promise<FeedEntry[]> {
  const docs = await LiveChange.find(dayRange(truckId, date, afterSeq), 'seq message')
    .sort({ _id: 1 })
    .limit(limit)
    .lean<Array<{ seq: number; message: string }>>();
  return docs.map((d) => ({ seq: d.seq, message: JSON.parse(d.message) as LiveMessage }));
}

// The last number this process saw per day: a hint only; the unique _id decides.
const seqHint = new Map<string, number>();

/**
 * Appends a message to the day's feed and returns it with its sequence number. The number is claimed by
 * inserting its _id: of concurrent writers (in any app instance) exactly one gets it, the others read
 * the new last number and try the next one, so numbers are gap-free and in commit order.
 */
export async function appendChange(
  truckId: string,
  date: string,
  message: FeedMessage,
  now = new Date(),
): Promise<FeedEntry> {
  const key = `${truckId}:${date}`;
  let next = (seqHint.get(key) ?? (await latestSeq(truckId, date))) + 1;
  for (let attempt = 0; attempt < 50; attempt++) {
    const full = { ...message, seq: next } as LiveMessage;
    try {
      await LiveChange.create({
        _id: liveChangeId(truckId, date, next),
        truckId,
        date,
        seq: next,
        type: message.type,
        message: JSON.stringify(full),
        createdAt: now,
      });
      seqHint.set(key, next);
      if (seqHint.size > 1000) seqHint.delete(seqHint.keys().next().value!);
      return { seq: next, message: full };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      next = (await latestSeq(truckId, date)) + 1;
    }
  }
  throw new Error(`could not append to the live feed of ${key}: too much contention`);
}
