import { z } from 'zod';
import type {
  EventBatch,
  LiveDaySnapshot,
  LiveHistory,
  LiveMessage,
  LiveWriteResult,
  PositionBatch,
  PublicLiveSnapshot,
} from '../../shared/api/live';
import { STOP_STATES } from '../../shared/api/live';
import { getJson, sendJson } from './http';

/** Which side of the API to read: the logged-in one (crew, coordinators) or the public one (no contact data). */
export interface LiveScope {
  isPublic?: boolean;
}

function livePath(truckId: string, date: string, { isPublic }: LiveScope = {}): string {
  return `/api/${isPublic ? 'public/live' : 'live'}/${encodeURIComponent(truckId)}/${encodeURIComponent(date)}`;
}

/**
 * `GET /api/live/:truckId/:date`, or the public `GET /api/public/live/:truckId/:date` turned into the same shape
 * (see fromPublicSnapshot), so the map and lists need only one kind of data.
 */
export async function getLiveSnapshot(
  truckId: string,
  date: string,
  scope?: LiveScope,
  signal?: AbortSignal,
): Promise<LiveDaySnapshot> {
  const body = await getJson<unknown>(livePath(truckId, date, scope), undefined, signal);
  return scope?.isPublic ? fromPublicSnapshot(publicSnapshotSchema.parse(body)) : liveSnapshotSchema.parse(body);
}

/** The URL of the day's Server-Sent Events stream (event name "live"). */
export function liveStreamUrl(truckId: string, date: string, scope?: LiveScope): string {
  return `${livePath(truckId, date, scope)}/stream`;
}

/** `GET /api/live/:truckId/:date/history?until=ISO`: the positions and events up to `until`, and the day as it was then. */
export function getLiveHistory(
  truckId: string,
  date: string,
  until: string,
  signal?: AbortSignal,
): Promise<LiveHistory> {
  return getJson<LiveHistory>(`${livePath(truckId, date)}/history`, { until }, signal);
}

/** `POST /api/live/:truckId/:date/events` (crew). */
export function postLiveEvents(truckId: string, date: string, events: EventBatch['events']): Promise<LiveWriteResult> {
  return sendJson<LiveWriteResult>('POST', `${livePath(truckId, date)}/events`, { events } satisfies EventBatch);
}

/** `POST /api/live/:truckId/:date/positions` (crew). */
export function postLivePositions(
  truckId: string,
  date: string,
  positions: PositionBatch['positions'],
): Promise<LiveWriteResult> {
  return sendJson<LiveWriteResult>('POST', `${livePath(truckId, date)}/positions`, {
    positions,
  } satisfies PositionBatch);
}

// The stream is read by the browser, not by our typed client, so what arrives is checked before it is used.
const lngLat = z.tuple([z.number(), z.number()]);
const stopSchema = z.object({
  requestId: z.string(),
  order: z.number(),
  schoolName: z.string(),
  location: lngLat.nullable(),
  plannedArrive: z.string(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  eta: z.string().nullable(),
  expectedStart: z.string().nullable(),
  lateMinutes: z.number(),
  state: z.enum(STOP_STATES),
});
const liveSnapshotSchema = z.object({
  truckId: z.string(),
  date: z.string(),
  depot: lngLat,
  stops: z.array(stopSchema),
  plannedPath: z.array(lngLat),
  drivenPath: z.array(lngLat),
  position: z.object({ at: z.string(), lng: z.number(), lat: z.number() }).nullable(),
  delayed: z.boolean(),
  offRoute: z.boolean(),
  lastEventAt: z.string().nullable(),
  seq: z.number(),
}) satisfies z.ZodType<LiveDaySnapshot>;
const liveMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), snapshot: liveSnapshotSchema }),
  z.object({ type: z.literal('position'), seq: z.number(), at: z.string(), lng: z.number(), lat: z.number() }),
  z.object({
    type: z.literal('stops'),
    seq: z.number(),
    stops: z.array(stopSchema),
    delayed: z.boolean(),
    offRoute: z.boolean(),
  }),
]) satisfies z.ZodType<LiveMessage>;

const publicStopSchema = stopSchema.omit({ requestId: true });
const publicSnapshotSchema = z.object({
  truckId: z.string(),
  date: z.string(),
  stops: z.array(publicStopSchema),
  position: z.object({ at: z.string(), lng: z.number(), lat: z.number() }).nullable(),
  delayed: z.boolean(),
  seq: z.number(),
}) satisfies z.ZodType<PublicLiveSnapshot>;
const publicMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), snapshot: publicSnapshotSchema }),
  z.object({ type: z.literal('position'), seq: z.number(), at: z.string(), lng: z.number(), lat: z.number() }),
  z.object({ type: z.literal('stops'), seq: z.number(), stops: z.array(publicStopSchema), delayed: z.boolean() }),
]);

function fromPublicStop(s: z.infer<typeof publicStopSchema>): LiveDaySnapshot['stops'][number] {
  // Public stops have no request id; the order is unique within a day and serves as the list key.
  return { ...s, requestId: `stop-${s.order}` };
}

/**
 * A public snapshot in the shape of a full one: no paths (the public view draws none), the depot taken as the first
 * stop's location (used only to frame the map), never "off route" (the public view does not say so).
 */
export function fromPublicSnapshot(p: PublicLiveSnapshot): LiveDaySnapshot {
  const first =
    p.stops.find((s) => s.location)?.location ??
    (p.position ? ([p.position.lng, p.position.lat] as [number, number]) : [4.48, 51.92]);
  return {
    truckId: p.truckId,
    date: p.date,
    depot: first,
    stops: p.stops.map(fromPublicStop),
    plannedPath: [],
    drivenPath: [],
    position: p.position,
    delayed: p.delayed,
    offRoute: false,
    lastEventAt: null,
    seq: p.seq,
  };
}

/** Parses the data of one "live" SSE message; null when it is not a message we know (it is then ignored). */
export function parseLiveMessage(data: string, scope: LiveScope = {}): LiveMessage | null {
  try {
    const json: unknown = JSON.parse(data);
    if (!scope.isPublic) {
      const parsed = liveMessageSchema.safeParse(json);
      return parsed.success ? parsed.data : null;
    }
    const parsed = publicMessageSchema.safeParse(json);
    if (!parsed.success) return null;
    const m = parsed.data;
    if (m.type === 'snapshot') return { type: 'snapshot', snapshot: fromPublicSnapshot(m.snapshot) };
    if (m.type === 'stops')
      return { type: 'stops', seq: m.seq, stops: m.stops.map(fromPublicStop), delayed: m.delayed, offRoute: false };
    return m;
  } catch {
    return null;
  }
}
