import { formatHhmm, MINUTES_PER_DAY, parseHhmm } from './time';

/**
 * The one place that says when a visit happens: planned arrival, session start and end, the expected (or reported)
 * arrival and session start, and how late the session starts. The live state (server), the delay email, the live
 * map, the public page and the crew's page all read their times from here, so they cannot contradict each other.
 *
 * Rules, in whole minutes (Europe/Amsterdam clock times on the visit's date):
 * - set-up = planned session start − planned arrival (the truck's work on site before the pupils come);
 * - expected session start = max(arrival + set-up, planned start): a session never starts before its planned start;
 * - late = expected session start − planned start (never negative): "late" is always about the session start,
 *   and always compared with the planned session start, never with the arrival;
 * - an ETA counts from its minute rounded up (the truck is not there before it), reported times as reported;
 * - once the clock is past the expected arrival and the truck has not arrived, it cannot arrive before now: the
 *   arrival becomes "now" and lateness a lower bound (`atLeast`); the same when there is no ETA at all.
 */
export interface VisitTimesInput {
  plannedArrive: string;
  plannedStart: string;
  plannedEnd: string;
  /** Planned departure from the school (after teardown); passed through for the day sheet, absent on live stops. */
  plannedLeave?: string | null;
  /** Expected arrival from the live model: "HH:MM" or minutes after midnight; null/absent when there is none. */
  eta?: string | number | null;
  /** Reported arrival, minutes after midnight. */
  arrivedAt?: number | null;
  /** Reported session start, minutes after midnight. */
  sessionStartedAt?: number | null;
  /** The time now, minutes after midnight of the visit's date (negative the day before); enables the overdue rule. */
  now?: number | null;
}

/** What the times rest on: the plan only, an ETA, an overdue truck (no arrival although due), or reports. */
export type VisitTimesBasis = 'planned' | 'eta' | 'overdue' | 'arrived' | 'started';

export interface VisitTimes {
  plannedArrive: string;
  plannedStart: string;
  plannedEnd: string;
  /** Planned departure from the school, when the input had it (the day sheet); null otherwise. */
  plannedLeave: string | null;
  setupMinutes: number;
  /** Expected or reported arrival ("HH:MM"); null when only a lower bound is known (overdue) or not reported. */
  expectedArrive: string | null;
  /** Expected or reported session start ("HH:MM"); with `atLeast`, the earliest it can be. */
  expectedStart: string;
  expectedStartMinutes: number;
  /** Minutes the session starts after its planned start (0 when on time or early). */
  lateMinutes: number;
  /** True when `lateMinutes` (and `expectedStart`) are a lower bound: the truck is due and nothing says where it is. */
  atLeast: boolean;
  basis: VisitTimesBasis;
}

const clampDay = (m: number) => Math.min(MINUTES_PER_DAY - 1, Math.max(0, m));
const toMinutes = (v: string | number) => (typeof v === 'number' ? v : parseHhmm(v));

/** The planned, expected and late times of one visit (see the rules above). */
export function visitTimes(input: VisitTimesInput): VisitTimes {
  const arrive = parseHhmm(input.plannedArrive);
  const start = parseHhmm(input.plannedStart);
  const setup = Math.max(0, start - arrive);
  const base = {
    plannedArrive: input.plannedArrive,
    plannedStart: input.plannedStart,
    plannedEnd: input.plannedEnd,
    plannedLeave: input.plannedLeave ?? null,
    setupMinutes: setup,
  };
  const result = (
    expectedArrive: number | null,
    startAt: number,
    atLeast: boolean,
    basis: VisitTimesBasis,
  ): VisitTimes => ({
    ...base,
    expectedArrive: expectedArrive === null ? null : formatHhmm(clampDay(expectedArrive)),
    expectedStart: formatHhmm(clampDay(startAt)),
    expectedStartMinutes: startAt,
    lateMinutes: Math.max(0, startAt - start),
    atLeast,
    basis,
  });

  if (input.sessionStartedAt != null) {
    const started = Math.round(input.sessionStartedAt);
    return result(input.arrivedAt != null ? Math.round(input.arrivedAt) : null, started, false, 'started');
  }
  if (input.arrivedAt != null) {
    const arrived = Math.round(input.arrivedAt);
    return result(arrived, Math.max(arrived + setup, start), false, 'arrived');
  }
  const now = input.now == null ? null : Math.ceil(input.now - 1e-9);
  const eta = input.eta == null ? null : Math.ceil(toMinutes(input.eta) - 1e-9);
  if (eta !== null && !Number.isNaN(eta)) {
    if (now !== null && now > eta) return result(null, Math.max(now + setup, start), true, 'overdue');
    return result(eta, Math.max(eta + setup, start), false, 'eta');
  }
  if (now !== null && now > arrive) return result(null, Math.max(now + setup, start), true, 'overdue');
  return result(arrive, start, false, 'planned');
}

/** The fields of a live stop that its times come from (LiveStopDto and the public stop both have them). */
export interface LiveStopTimesInput {
  plannedArrive: string;
  plannedStart: string;
  plannedEnd: string;
  eta: string | null;
  /** The server's expected (or reported) session start; null when it has none (skipped, or an old server). */
  expectedStart?: string | null;
  lateMinutes: number;
  state: 'planned' | 'en_route' | 'arrived' | 'in_session' | 'done' | 'skipped';
}

/**
 * The times of a live stop as a viewer shows them at `now` (minutes after midnight of the day; null: do not apply
 * the overdue rule, e.g. a replay of the past or another day). Stops the truck has reached keep the server's
 * reported times; stops still to come are recomputed with `visitTimes` from the ETA, so a truck that is overdue
 * shows "at least N minutes late" rather than "on time". Null for a skipped stop.
 */
export function liveStopTimes(stop: LiveStopTimesInput, now: number | null = null): VisitTimes | null {
  if (stop.state === 'skipped') return null;
  if (stop.state === 'arrived' || stop.state === 'in_session' || stop.state === 'done') {
    const planned = visitTimes({
      plannedArrive: stop.plannedArrive,
      plannedStart: stop.plannedStart,
      plannedEnd: stop.plannedEnd,
    });
    const startAt = stop.expectedStart
      ? parseHhmm(stop.expectedStart)
      : parseHhmm(stop.plannedStart) + stop.lateMinutes;
    return {
      ...planned,
      expectedArrive: null,
      expectedStart: formatHhmm(clampDay(startAt)),
      expectedStartMinutes: startAt,
      lateMinutes: stop.lateMinutes,
      basis: stop.state === 'arrived' ? 'arrived' : 'started',
    };
  }
  return visitTimes({
    plannedArrive: stop.plannedArrive,
    plannedStart: stop.plannedStart,
    plannedEnd: stop.plannedEnd,
    eta: stop.eta,
    now,
  });
}

/**
 * The times of a day's stops at `now` (see liveStopTimes), in route order. When a stop is overdue (its times are a
 * lower bound), the stops after it cannot be on time for sure any more: each gets at least the bound its predecessor
 * leaves (that one's session end, without teardown or travel, so it is a true lower bound) and is marked `atLeast`,
 * so a viewer reads "at least N minutes later" or "not sure yet" instead of "on time".
 */
export function liveDayTimes<T extends LiveStopTimesInput & { order: number }>(
  stops: readonly T[],
  now: number | null = null,
): Map<T, VisitTimes | null> {
  const out = new Map<T, VisitTimes | null>();
  let boundEnd: number | null = null;
  for (const stop of [...stops].sort((a, b) => a.order - b.order)) {
    let times = liveStopTimes(stop, now);
    if (times && boundEnd !== null && (stop.state === 'planned' || stop.state === 'en_route')) {
      const bounded = visitTimes({
        plannedArrive: stop.plannedArrive,
        plannedStart: stop.plannedStart,
        plannedEnd: stop.plannedEnd,
        eta: boundEnd,
      });
      times =
        bounded.expectedStartMinutes > times.expectedStartMinutes
          ? { ...bounded, expectedArrive: null, atLeast: true, basis: 'overdue' }
          : { ...times, atLeast: true };
    }
    out.set(stop, times);
    if (times && times.atLeast && (stop.state === 'planned' || stop.state === 'en_route')) {
      boundEnd = times.expectedStartMinutes + (parseHhmm(stop.plannedEnd) - parseHhmm(stop.plannedStart));
    } else {
      boundEnd = null;
    }
  }
  return out;
}
