import type { LiveDaySnapshot, LiveMessage, LiveStopDto, StopState } from '../../shared/api/live';
import { amsterdamClock, amsterdamInstant, amsterdamToday, parseHhmm } from '../../shared/domain/time';

/**
 * Applies one stream message to the day's state. A snapshot replaces the state (a reconnect starts over);
 * updates whose `seq` is not newer than the state's are ignored, so a message seen twice (or one that is older
 * than a refetched snapshot) changes nothing.
 */
export function applyLiveMessage(state: LiveDaySnapshot | null, message: LiveMessage): LiveDaySnapshot | null {
  if (message.type === 'snapshot') return message.snapshot;
  if (!state || message.seq <= state.seq) return state;
  if (message.type === 'position') {
    const point: [number, number] = [message.lng, message.lat];
    return {
      ...state,
      seq: message.seq,
      position: { at: message.at, lng: message.lng, lat: message.lat },
      drivenPath: [...state.drivenPath, point],
    };
  }
  return { ...state, seq: message.seq, stops: message.stops, delayed: message.delayed, offRoute: message.offRoute };
}

/** Takes a REST snapshot unless the state already has newer updates from the stream (same truck-day). */
export function mergeSnapshot(state: LiveDaySnapshot | null, snapshot: LiveDaySnapshot): LiveDaySnapshot {
  if (!state || state.truckId !== snapshot.truckId || state.date !== snapshot.date) return snapshot;
  return snapshot.seq >= state.seq ? snapshot : state;
}

const FINISHED: readonly StopState[] = ['done', 'skipped'];

/** True when the stop needs no more visiting (done or skipped). */
export function isStopFinished(stop: LiveStopDto): boolean {
  return FINISHED.includes(stop.state);
}

/** The stops still to come (or going on), in route order. */
export function upcomingStops(stops: readonly LiveStopDto[]): LiveStopDto[] {
  return [...stops].sort((a, b) => a.order - b.order).filter((s) => !isStopFinished(s));
}

/** The stop the crew is at or heading for: the first one in route order that is not finished; null when all are. */
export function currentStop(stops: readonly LiveStopDto[]): LiveStopDto | null {
  return upcomingStops(stops)[0] ?? null;
}

/** The point a fraction `f` (0…1) of the way from `a` to `b` (straight line; fine over the few hundred metres between fixes). */
export function lerpPoint(a: readonly [number, number], b: readonly [number, number], f: number): [number, number] {
  const t = Math.min(1, Math.max(0, f));
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
}

/** Smooth start and stop of a move (ease-in-out), for the truck marker's glide between fixes. */
export function easeInOut(f: number): number {
  const t = Math.min(1, Math.max(0, f));
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

/** "HH:MM" in Europe/Amsterdam of an ISO instant. */
export function clockTime(isoInstant: string): string {
  return amsterdamClock(new Date(isoInstant));
}

/** The ISO instant of a clock time ("HH:MM") on a date, in Europe/Amsterdam. */
export function instantOf(date: string, hhmm: string): string {
  return amsterdamInstant(date, parseHhmm(hhmm)).toISOString();
}

/** Today's date (YYYY-MM-DD) in Europe/Amsterdam. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return amsterdamToday(now);
}
