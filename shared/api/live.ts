import { z } from 'zod';
import { isoDateSchema } from './common';

/** What the crew reports from the road (big buttons on the phone page). */
export const TRUCK_EVENT_KINDS = ['departed', 'arrived', 'session_started', 'finished', 'delayed', 'returned'] as const;
export type TruckEventKind = (typeof TRUCK_EVENT_KINDS)[number];

const truckId = z.string().regex(/^[a-z0-9-]{2,40}$/);
/** Client-made key (e.g. a UUID) so a report queued offline and sent twice is stored once. */
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

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
      .max(500),
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
            requestId: z.string().regex(/^[a-f0-9]{24}$/).optional(),
            delayMinutes: z.number().int().min(1).max(600).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
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
  /** Minutes the ETA is after the planned start (positive = late). */
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
