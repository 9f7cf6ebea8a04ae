import type { LiveDaySnapshot } from '../../shared/api/live';
import { amsterdamClock, amsterdamToday, minutesOnDate, parseHhmm } from '../../shared/domain/time';

/** A position older than this (minutes) on a running day is "stale": the phone sends one every 15 s. */
export const STALE_POSITION_MINUTES = 5;
/** A day counts as running from this long (minutes) before its first planned arrival. */
const RUNNING_BEFORE_MINUTES = 60;

/**
 * How current the truck's position is: `not_running` (another day, before the tour or all stops finished), `fresh`,
 * `stale` (the last position is older than STALE_POSITION_MINUTES; `since` is its clock time) or `none` (no position
 * at all yet on a running day).
 */
export type Freshness =
  { kind: 'not_running' } | { kind: 'fresh' } | { kind: 'stale'; since: string } | { kind: 'none' };

export function liveFreshness(
  snapshot: Pick<LiveDaySnapshot, 'date' | 'stops' | 'position'> | null,
  now: Date,
): Freshness {
  if (!snapshot || snapshot.date !== amsterdamToday(now)) return { kind: 'not_running' };
  const open = snapshot.stops.filter((s) => s.state !== 'done' && s.state !== 'skipped');
  if (open.length === 0) return { kind: 'not_running' };
  const first = Math.min(...snapshot.stops.map((s) => parseHhmm(s.plannedArrive)));
  if (minutesOnDate(now, snapshot.date) < first - RUNNING_BEFORE_MINUTES) return { kind: 'not_running' };
  if (!snapshot.position) return { kind: 'none' };
  const at = new Date(snapshot.position.at);
  if (now.getTime() - at.getTime() > STALE_POSITION_MINUTES * 60_000)
    return { kind: 'stale', since: amsterdamClock(at) };
  return { kind: 'fresh' };
}

/** Minutes after midnight of `date` now, when `date` is today (Amsterdam); null on any other day (no overdue rule). */
export function nowMinutesOn(date: string, now: Date): number | null {
  return date === amsterdamToday(now) ? minutesOnDate(now, date) : null;
}

/** A last position older than this is not given an age ("… geleden"): it is from another day, or a replay. */
const MAX_AGE_MINUTES = 12 * 60;

/**
 * How long ago the last position came in ("laatst gezien … geleden"), in whole minutes (0: under a minute); null
 * without a position, or when it is older than 12 hours (another day) or ahead of this device's clock by more than a
 * minute.
 */
export function positionAgeMinutes(position: { at: string } | null | undefined, now: Date): number | null {
  if (!position) return null;
  const minutes = Math.floor((now.getTime() - Date.parse(position.at)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < -1 || minutes > MAX_AGE_MINUTES) return null;
  return Math.max(0, minutes);
}
