import { markVisitDone } from '../requests';
import { trusted } from 'mongoose';
import type { EventBatch, LiveWriteResult, PositionBatch } from '../../../shared/api/live';
import { formatHhmm, parseHhmm } from '../../../shared/domain/time';
import { insertBatched } from '../../db/batchedInsert';
import { claim, isDuplicateKey, releaseClaim } from '../../db/claims';
import { InvalidInputError } from '../../errors';
import { TruckEvent } from '../../models/TruckEvent';
import { TruckPosition } from '../../models/TruckPosition';
import { enqueueEmail } from '../outbox/enqueue';
import { loadLiveDay, type LoadedDay } from './context';
import { appendChange, latestSeq, latestStops } from './feed';
import { computeLiveState, type Fix, type LiveEventInput } from './state';

const docId = (truckId: string, date: string, key: string) => `${truckId}:${date}:${key}`;
/** Where the delay email's follow link points when the caller names no app address. */
const DEFAULT_APP_URL = 'http://localhost:3000';

/**
 * Inserts a batch's documents through the collection's group commit (db/batchedInsert.ts: one insertMany for
 * what arrives together, each document failing on its own); returns which were new. A duplicate _id is a resend,
 * also within one batch (the first one wins).
 */
async function insertIdempotent(
  model: typeof TruckPosition | typeof TruckEvent,
  docs: Array<Record<string, unknown>>,
): Promise<boolean[]> {
  return Promise.all(
    docs.map((doc) =>
      insertBatched(model, doc).then(
        () => true,
        (err: unknown) => {
          if (isDuplicateKey(err)) return false;
          throw err;
        },
      ),
    ),
  );
}

/**
 * Stores a batch of GPS fixes of a truck's published day (a resent key is a no-op), pushes the fixes that are
 * newer than the last known one to the live feed, and recomputes the stops (ETAs, delay, off route).
 */
export async function recordPositions(
  truckId: string,
  date: string,
  batch: PositionBatch,
  now = new Date(),
  onChange: () => void = () => undefined,
  appUrl = DEFAULT_APP_URL,
): Promise<LiveWriteResult> {
  const day = await loadLiveDay(truckId, date);
  const before = await lastFix(truckId, date);
  // A key repeated within one batch is stored once, like a resend.
  const fixes = batch.positions.map((p) => ({ ...p, atDate: new Date(p.at) }));
  const isNew = await insertIdempotent(
    TruckPosition,
    fixes.map((f) => ({
      _id: docId(truckId, date, f.key),
      truckId,
      date,
      key: f.key,
      at: f.atDate,
      lng: f.lng,
      lat: f.lat,
      accuracyM: f.accuracyM ?? null,
      speedKmh: f.speedKmh ?? null,
      receivedAt: now,
    })),
  );
  const stored = fixes.filter((_, i) => isNew[i]);
  const fresh = stored
    .filter((f) => !before || f.atDate > before.at)
    .sort((a, b) => a.atDate.getTime() - b.atDate.getTime());
  for (const f of fresh)
    await appendChange(truckId, date, { type: 'position', at: f.atDate.toISOString(), lng: f.lng, lat: f.lat }, now);
  if (fresh.length > 0) onChange(); // viewers get the position before the stops are recomputed
  if (stored.length > 0) await refreshStops(day, now, appUrl);
  return {
    stored: stored.map((f) => f.key),
    duplicates: fixes.filter((_, i) => !isNew[i]).map((f) => f.key),
    seq: await latestSeq(truckId, date),
  };
}

/**
 * Stores crew events of a truck's published day (a resent key is a no-op); the day's state is always
 * recomputed from all events in the order of their own time, so late and out-of-order reports land right.
 */
export async function recordEvents(
  truckId: string,
  date: string,
  batch: EventBatch,
  now = new Date(),
  onChange: () => void = () => undefined,
  appUrl = DEFAULT_APP_URL,
): Promise<LiveWriteResult> {
  const day = await loadLiveDay(truckId, date);
  const known = new Set(day.ctx.stops.map((s) => s.requestId));
  batch.events.forEach((e, i) => {
    const needsStop = e.kind === 'arrived' || e.kind === 'session_started' || e.kind === 'finished';
    if (needsStop && (!e.requestId || !known.has(e.requestId))) {
      throw new InvalidInputError(`Gebeurtenis ${e.kind} hoort bij een bezoek van deze dag.`, [
        { path: `events.${i}.requestId`, message: 'geen bezoek van deze dag' },
      ]);
    }
    if (e.kind === 'delayed' && !e.delayMinutes) {
      throw new InvalidInputError('Geef bij een vertraging het aantal minuten.', [
        { path: `events.${i}.delayMinutes`, message: 'verplicht bij delayed' },
      ]);
    }
  });
  const isNew = await insertIdempotent(
    TruckEvent,
    batch.events.map((e) => ({
      _id: docId(truckId, date, e.key),
      truckId,
      date,
      key: e.key,
      at: new Date(e.at),
      kind: e.kind,
      requestId: e.requestId ?? null,
      delayMinutes: e.delayMinutes ?? null,
      receivedAt: now,
    })),
  );
  if (isNew.some(Boolean)) await refreshStops(day, now, appUrl);
  // "Klaar": a finished visit is carried out (the request's status, through its state machine).
  for (const e of batch.events.filter((e, i) => isNew[i] && e.kind === 'finished' && e.requestId))
    await markVisitDone(e.requestId!, `klaar gemeld door ${truckId}`, now);
  onChange();
  return {
    stored: batch.events.filter((_, i) => isNew[i]).map((e) => e.key),
    duplicates: batch.events.filter((_, i) => !isNew[i]).map((e) => e.key),
    seq: await latestSeq(truckId, date),
  };
}

/** The day's latest fix by its own time, or null. */
export async function lastFix(truckId: string, date: string, until?: Date): Promise<Fix | null> {
  const filter = until ? { truckId, date, at: trusted({ $lte: until }) } : { truckId, date };
  const doc = await TruckPosition.findOne(filter, 'at lng lat').sort({ at: -1 }).lean<Fix>();
  return doc ? { at: new Date(doc.at), lng: doc.lng, lat: doc.lat } : null;
}

/** The day's events (up to `until`), unsorted. */
export async function loadEvents(truckId: string, date: string, until?: Date): Promise<LiveEventInput[]> {
  const filter = until ? { truckId, date, at: trusted({ $lte: until }) } : { truckId, date };
  const docs = await TruckEvent.find(filter, 'key at kind requestId delayMinutes').lean<LiveEventInput[]>();
  return docs.map((d) => ({
    key: d.key,
    at: new Date(d.at),
    kind: d.kind,
    requestId: d.requestId ?? null,
    delayMinutes: d.delayMinutes ?? null,
  }));
}

async function countReports(truckId: string, date: string): Promise<number> {
  const [p, e] = await Promise.all([
    TruckPosition.countDocuments({ truckId, date }),
    TruckEvent.countDocuments({ truckId, date }),
  ]);
  return p + e;
}

/**
 * Recomputes the day's stops and appends a "stops" message when they differ from the last one sent. Two
 * writers can compute from different data; each checks afterwards whether reports arrived meanwhile and
 * then computes again, so the last "stops" message in the feed reflects every stored report.
 */
async function refreshStops(day: LoadedDay, now: Date, appUrl: string): Promise<void> {
  const { truckId, date } = day.ctx;
  for (let round = 0; round < 5; round++) {
    const seen = await countReports(truckId, date);
    const [events, last] = await Promise.all([loadEvents(truckId, date), lastFix(truckId, date)]);
    const state = computeLiveState(day.ctx, events, last);
    const previous = await latestStops(truckId, date);
    const same =
      previous &&
      JSON.stringify([previous.stops, previous.delayed, previous.offRoute]) ===
        JSON.stringify([state.stops, state.delayed, state.offRoute]);
    if (!same)
      await appendChange(
        truckId,
        date,
        { type: 'stops', stops: state.stops, delayed: state.delayed, offRoute: state.offRoute },
        now,
      );
    await sendDelayNotices(day, state.stops, now, appUrl);
    if ((await countReports(truckId, date)) === seen) return;
  }
}

/**
 * Tells each school whose stop is expected to start late, once per stop and day: the claim of the name
 * "live-delay:<truck>:<date>:<request>" (a unique insert) decides which writer sends it.
 */
async function sendDelayNotices(
  day: LoadedDay,
  stops: ReturnType<typeof computeLiveState>['stops'],
  now: Date,
  appUrl: string,
): Promise<void> {
  for (const s of stops) {
    if (s.lateMinutes <= 0 || !s.expectedStart || (s.state !== 'planned' && s.state !== 'en_route')) continue;
    const contact = day.contacts.get(s.requestId);
    if (!contact) continue;
    const name = `live-delay:${day.ctx.truckId}:${day.ctx.date}:${s.requestId}`;
    if (!(await claim(name, { lateMinutes: s.lateMinutes }, now))) continue;
    // The times are the stop's own (shared/domain/visitTimes), the ones the public page shows.
    const sessionMin = parseHhmm(s.plannedEnd) - parseHhmm(s.plannedStart);
    const followUrl = `${appUrl.replace(/\/+$/, '')}/volg/${encodeURIComponent(day.ctx.truckId)}/${day.ctx.date}`;
    try {
      await enqueueEmail(
        {
          to: contact.email,
          kind: 'visit_delayed',
          language: contact.language,
          params: {
            schoolName: contact.schoolName,
            date: day.ctx.date,
            plannedStart: s.plannedStart,
            expectedStart: s.expectedStart,
            expectedEnd: formatHhmm(Math.min(1439, parseHhmm(s.expectedStart) + sessionMin)),
            lateMinutes: s.lateMinutes,
            followUrl,
          },
        },
        now,
      );
    } catch (err) {
      await releaseClaim(name);
      throw err;
    }
  }
}
