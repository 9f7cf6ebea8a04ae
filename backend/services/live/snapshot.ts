import { trusted } from 'mongoose';
import type { LiveDaySnapshot, LiveHistory, LiveEventDto, LivePositionDto } from '../../../shared/api/live';
import { TruckPosition } from '../../models/TruckPosition';
import { loadLiveDay } from './context';
import { latestSeq } from './feed';
import { loadEvents } from './record';
import { computeLiveState, plannedPathOf, sortEvents } from './state';

/** At most this many driven points go into a snapshot (a day at one fix per 15 s is about 2 000). */
const MAX_DRIVEN_POINTS = 5000;

type PositionDoc = {
  key: string;
  at: Date;
  lng: number;
  lat: number;
  accuracyM: number | null;
  speedKmh: number | null;
};

async function loadPositions(truckId: string, date: string, until?: Date): Promise<PositionDoc[]> {
  const filter = until ? { truckId, date, at: trusted({ $lte: until }) } : { truckId, date };
  return TruckPosition.find(filter, 'key at lng lat accuracyM speedKmh').sort({ at: 1 }).lean<PositionDoc[]>();
}

/**
 * Returns the day as a viewer loads it before the stream's updates: stops with states and ETAs, paths, the
 * last position and flags, computed from every report (or those up to `until`). Its `seq` is read before
 * the reports, so a change made meanwhile comes again on the stream rather than being lost.
 */
export async function getLiveSnapshot(truckId: string, date: string, until?: Date): Promise<LiveDaySnapshot> {
  return (await buildSnapshot(truckId, date, until)).snapshot;
}

async function buildSnapshot(truckId: string, date: string, until?: Date) {
  const seq = await latestSeq(truckId, date);
  const day = await loadLiveDay(truckId, date);
  const [positions, events] = await Promise.all([
    loadPositions(truckId, date, until),
    loadEvents(truckId, date, until),
  ]);
  const lastDoc = positions.at(-1);
  const last = lastDoc ? { at: new Date(lastDoc.at), lng: lastDoc.lng, lat: lastDoc.lat } : null;
  const state = computeLiveState(day.ctx, events, last);
  const snapshot: LiveDaySnapshot = {
    truckId,
    date,
    depot: day.ctx.depot,
    stops: state.stops,
    plannedPath: plannedPathOf(day.ctx),
    drivenPath: positions.slice(-MAX_DRIVEN_POINTS).map((p) => [p.lng, p.lat] as [number, number]),
    position: last ? { at: last.at.toISOString(), lng: last.lng, lat: last.lat } : null,
    delayed: state.delayed,
    offRoute: state.offRoute,
    lastEventAt: state.lastEventAt,
    seq,
  };
  return { snapshot, positions, events };
}

/** Returns the positions and events of a day up to `until` (all when absent), by their own time, and the state then. */
export async function getLiveHistory(truckId: string, date: string, until?: Date): Promise<LiveHistory> {
  const { snapshot, positions, events } = await buildSnapshot(truckId, date, until);
  const positionDtos: LivePositionDto[] = positions.map((p) => ({
    key: p.key,
    at: new Date(p.at).toISOString(),
    lng: p.lng,
    lat: p.lat,
    accuracyM: p.accuracyM ?? null,
    speedKmh: p.speedKmh ?? null,
  }));
  const eventDtos: LiveEventDto[] = sortEvents(events).map((e) => ({
    key: e.key,
    at: e.at.toISOString(),
    kind: e.kind,
    requestId: e.requestId,
    delayMinutes: e.delayMinutes,
  }));
  return {
    truckId,
    date,
    until: until ? until.toISOString() : null,
    positions: positionDtos,
    events: eventDtos,
    snapshot,
  };
}
