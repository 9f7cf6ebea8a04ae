import { z } from 'zod';
import { isoDateSchema } from './common';

/** What the crew reports from the road (big buttons on the phone page). */
export const TRUCK_EVENT_KINDS = ['departed', 'arrived', 'session_started', 'finished', 'delayed', 'returned'] as const;
export type TruckEventKind = (typeof TRUCK_EVENT_KINDS)[number];

const truckId = z.string().regex(/^[a-z0-9-]{2,40}$/);
/** Client-made key (e.g. a UUID) so a report queued offline and sent twice is stored once. */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

/**
 * The most GPS fixes in one `positions` request, and crew events in one `events` request: one limit for the schema,
 * the API's input guard (backend/http/inputGuard.ts, which counts fields) and the phone's queue
 * (frontend/live/offlineQueue.ts). 400 fixes with the longest values the schema allows (a 64-character key, a
 * time with an offset, 17 digits per number) are about 96 kB, within the API's 100 kB body limit.
 */
export const MAX_POSITIONS_PER_BATCH = 400;
export const MAX_EVENTS_PER_BATCH = 200;
/** Fields of one fix or event at most (each also has its array index): key, at and four more. */
const MAX_FIELDS_PER_ITEM = 6;
/** The most fields (object keys and array indexes) a live batch can have: the input guard allows at least this. */
export const MAX_LIVE_BATCH_FIELDS =
  1 + Math.max(MAX_POSITIONS_PER_BATCH, MAX_EVENTS_PER_BATCH) * (MAX_FIELDS_PER_ITEM + 1);

/** `POST /api/live/:truckId/:date/positions`: one or more GPS fixes (batched when coming back online). */
export const positionBatchSchema = z
  .object({
    positions: z
      .array(
        z
          .object({
            key: idempotencyKey,
            at: z.iso.datetime({ offset: true }),
            lng: z.number().min(-180).max(180),
            lat: z.number().min(-90).max(90),
            accuracyM: z.number().min(0).max(100_000).optional(),
            speedKmh: z.number().min(0).max(300).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_POSITIONS_PER_BATCH),
  })
  .strict();
export type PositionBatch = z.infer<typeof positionBatchSchema>;

/** `POST /api/live/:truckId/:date/events`: crew events, in the order they happened, each with its own time. */
export const eventBatchSchema = z
  .object({
    events: z
      .array(
        z
          .object({
            key: idempotencyKey,
            at: z.iso.datetime({ offset: true }),
            kind: z.enum(TRUCK_EVENT_KINDS),
            /** The request the event is about (arrived, session_started, finished); none for departed/returned. */
            requestId: z
              .string()
              .regex(/^[a-f0-9]{24}$/)
              .optional(),
            delayMinutes: z.number().int().min(1).max(600).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_EVENTS_PER_BATCH),
  })
  .strict();
export type EventBatch = z.infer<typeof eventBatchSchema>;

export const liveDayParamsSchema = z.object({ truckId, date: isoDateSchema }).strict();

export const STOP_STATES = ['planned', 'en_route', 'arrived', 'in_session', 'done', 'skipped'] as const;
export type StopState = (typeof STOP_STATES)[number];

/** A stop of the day as viewers see it. Public viewers get no contact data (none is in here). */
export interface LiveStopDto {
  requestId: string;
  order: number;
  schoolName: string;
  location: [number, number] | null;
  plannedArrive: string;
  plannedStart: string;
  plannedEnd: string;
  /** Estimated arrival ("HH:MM", Europe/Amsterdam) from the last position and the travel model; null once arrived. */
  eta: string | null;
  /**
   * Expected session start ("HH:MM"): from the ETA (or the reported arrival) plus the set-up time, never before the
   * planned start; once started, the reported start. Null for a skipped stop. See shared/domain/visitTimes.ts.
   */
  expectedStart: string | null;
  /**
   * Minutes the session is expected to start after its planned start (positive = late, 0 on time or early):
   * ETA plus the stop's set-up time (planned start − planned arrival) against the planned start; once
   * arrived, from the reported arrival or session start.
   */
  lateMinutes: number;
  state: StopState;
}

/** A snapshot of a truck's day: what a (re)connecting viewer loads before the stream's updates. */
export interface LiveDaySnapshot {
  truckId: string;
  date: string;
  depot: [number, number];
  stops: LiveStopDto[];
  /** Planned route, depot → stops → depot, as [lng, lat]. */
  plannedPath: Array<[number, number]>;
  /** Driven so far, from the positions. */
  drivenPath: Array<[number, number]>;
  position: { at: string; lng: number; lat: number } | null;
  delayed: boolean;
  offRoute: boolean;
  lastEventAt: string | null;
  /** Monotonic sequence number of the last change; stream messages carry the next ones. */
  seq: number;
}

/** Messages on the Server-Sent Events stream `GET /api/live/:truckId/:date/stream` (event name "live"). */
export type LiveMessage =
  | { type: 'snapshot'; snapshot: LiveDaySnapshot }
  | { type: 'position'; seq: number; at: string; lng: number; lat: number }
  | { type: 'stops'; seq: number; stops: LiveStopDto[]; delayed: boolean; offRoute: boolean };

/** The SSE event name of every message on the live streams. */
export const LIVE_EVENT_NAME = 'live';
/** Reconnect delay the streams advise (`retry:`), in ms. */
export const LIVE_RETRY_MS = 3000;
/** A comment line (": heartbeat") is sent this often, so proxies keep the stream open. */
export const LIVE_HEARTBEAT_MS = 15_000;

/** The answer to a position or event batch: which idempotency keys were new (stored) and which were resends. */
export interface LiveWriteResult {
  stored: string[];
  duplicates: string[];
  /** Sequence number of the last change of the day after this write. */
  seq: number;
}

/** A stored GPS fix, as the history returns it. */
export interface LivePositionDto {
  key: string;
  at: string;
  lng: number;
  lat: number;
  accuracyM: number | null;
  speedKmh: number | null;
}

/** A stored crew event, as the history returns it. */
export interface LiveEventDto {
  key: string;
  at: string;
  kind: TruckEventKind;
  requestId: string | null;
  delayMinutes: number | null;
}

/** `GET /api/live/:truckId/:date/history?until=ISO`: positions and events up to a time (default: all). */
export const liveHistoryQuerySchema = z.object({ until: z.iso.datetime({ offset: true }).optional() }).strict();
export type LiveHistoryQuery = z.infer<typeof liveHistoryQuerySchema>;

/** The day up to `until`, for the replay slider: raw positions and events (by their own time) and the state then. */
export interface LiveHistory {
  truckId: string;
  date: string;
  until: string | null;
  positions: LivePositionDto[];
  events: LiveEventDto[];
  /** The snapshot as it was at `until` (stop states and ETAs from the data up to then). */
  snapshot: LiveDaySnapshot;
}

/** A stop as the public (school-facing) view shows it: no request id, no contact data. */
export interface PublicLiveStopDto {
  order: number;
  schoolName: string;
  location: [number, number] | null;
  plannedArrive: string;
  plannedStart: string;
  plannedEnd: string;
  eta: string | null;
  expectedStart: string | null;
  lateMinutes: number;
  state: StopState;
}

/** `GET /api/public/live/:truckId/:date` (today only): the truck's position and the day's schools. */
export interface PublicLiveSnapshot {
  truckId: string;
  date: string;
  stops: PublicLiveStopDto[];
  position: { at: string; lng: number; lat: number } | null;
  delayed: boolean;
  seq: number;
}

/** Messages on the public stream `GET /api/public/live/:truckId/:date/stream` (event name "live"). */
export type PublicLiveMessage =
  | { type: 'snapshot'; snapshot: PublicLiveSnapshot }
  | { type: 'position'; seq: number; at: string; lng: number; lat: number }
  | { type: 'stops'; seq: number; stops: PublicLiveStopDto[]; delayed: boolean };

/** The public form of a stop: what a school may see. */
export function toPublicStop(s: LiveStopDto): PublicLiveStopDto {
  return {
    order: s.order,
    schoolName: s.schoolName,
    location: s.location,
    plannedArrive: s.plannedArrive,
    plannedStart: s.plannedStart,
    plannedEnd: s.plannedEnd,
    eta: s.eta,
    expectedStart: s.expectedStart,
    lateMinutes: s.lateMinutes,
    state: s.state,
  };
}

/** The public form of a snapshot: the position and the stops, without paths or ids. */
export function toPublicSnapshot(s: LiveDaySnapshot): PublicLiveSnapshot {
  return {
    truckId: s.truckId,
    date: s.date,
    stops: s.stops.map(toPublicStop),
    position: s.position,
    delayed: s.delayed,
    seq: s.seq,
  };
}

/** The public form of a stream message. */
export function toPublicMessage(m: LiveMessage): PublicLiveMessage {
  if (m.type === 'snapshot') return { type: 'snapshot', snapshot: toPublicSnapshot(m.snapshot) };
  if (m.type === 'stops') return { type: 'stops', seq: m.seq, stops: m.stops.map(toPublicStop), delayed: m.delayed };
  return m;
}
