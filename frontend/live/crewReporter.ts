import type { TruckEventKind } from '../../shared/api/live';
import { ApiError } from '../api/http';
import { postLiveEvents, postLivePositions } from '../api/live';
import { makeIdempotencyKey, OfflineQueue, webStorageStore, type QueueStore } from './offlineQueue';

/** The localStorage entry of the crew's waiting reports. */
export const QUEUE_STORAGE_KEY = 'techniekwagen.liveQueue';

/**
 * The API refused a batch as a whole (400 validation, 413 too large): the queue splits it and tries the halves, so
 * GPS fixes and events are never thrown away for the size of a batch (shared/api/live.ts MAX_POSITIONS_PER_BATCH).
 */
export function isSplittableLiveError(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 400 || error.status === 413);
}

/**
 * Errors no retry can fix: the API refused the day itself (unknown day, not a day to report on). Being logged out
 * (401), forbidden (403, e.g. an expired session's CSRF), rate-limited or offline keeps the reports for later.
 */
export function isPermanentLiveError(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 422);
}

function memoryStore(): QueueStore {
  let value: string | null = null;
  return { load: () => value, save: (v) => void (value = v) };
}

/** The phone's queue: localStorage when it can be used, else memory (the reports then live as long as the page). */
export function createCrewQueue(onChange: (pending: number) => void): OfflineQueue {
  let store: QueueStore;
  try {
    window.localStorage.getItem(QUEUE_STORAGE_KEY);
    store = webStorageStore(window.localStorage, QUEUE_STORAGE_KEY);
  } catch {
    store = memoryStore();
  }
  return new OfflineQueue(
    store,
    {
      sendEvents: async (truckId, date, events) => void (await postLiveEvents(truckId, date, events)),
      sendPositions: async (truckId, date, positions) => void (await postLivePositions(truckId, date, positions)),
    },
    { isSplittable: isSplittableLiveError, isPermanent: isPermanentLiveError, onChange },
  );
}

/** A crew event made now, with a fresh idempotency key. */
export function makeEvent(kind: TruckEventKind, requestId: string | null, delayMinutes?: number) {
  return {
    key: makeIdempotencyKey(),
    at: new Date().toISOString(),
    kind,
    ...(requestId ? { requestId } : {}),
    ...(delayMinutes ? { delayMinutes } : {}),
  };
}

/** Events that are about one school (need a requestId); the others are about the whole day. */
export const STOP_EVENTS: readonly TruckEventKind[] = ['arrived', 'session_started', 'finished'];
