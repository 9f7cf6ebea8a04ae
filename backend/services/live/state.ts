import { point, lineString, pointToLineDistance } from '@turf/turf';
import type { LiveStopDto, StopState, TruckEventKind } from '../../../shared/api/live';
import { travelMinutes, type LngLat, type TravelModel } from '../../../shared/domain/geo';
import { formatHhmm, parseHhmm } from '../../../shared/domain/time';
import { visitTimes, type VisitTimes } from '../../../shared/domain/visitTimes';
import { minutesOnDate } from './clock';

/** Farther than this from the planned path (depot → stops → depot) counts as off route. */
export const OFF_ROUTE_KM = 2;

/** A stop of the published day with what the live view needs (server side: contact data stays here). */
export interface LiveContextStop {
  requestId: string;
  order: number;
  schoolName: string;
  location: [number, number] | null;
  arrive: string;
  start: string;
  end: string;
  leave: string;
}

/** The published day a live state is computed against. */
export interface LiveContext {
  truckId: string;
  date: string;
  depot: [number, number];
  stops: LiveContextStop[];
  travel: TravelModel;
}

/** A GPS fix with its time. */
export interface Fix {
  at: Date;
  lng: number;
  lat: number;
}

/** A crew event with its own time; `key` breaks ties between equal times. */
export interface LiveEventInput {
  key: string;
  at: Date;
  kind: TruckEventKind;
  requestId: string | null;
  delayMinutes: number | null;
}

/** The live state of a day: stops with states and ETAs, and the day's flags. */
export interface LiveState {
  stops: LiveStopDto[];
  delayed: boolean;
  offRoute: boolean;
  lastEventAt: string | null;
}

/** Returns the planned path of a day: depot → every stop with a known location → depot. */
export function plannedPathOf(ctx: LiveContext): Array<[number, number]> {
  return [ctx.depot, ...ctx.stops.flatMap((s) => (s.location ? [s.location] : [])), ctx.depot];
}

/** Returns events in the order they happened: by their own time, then by key. */
export function sortEvents<T extends { at: Date; key: string }>(events: readonly T[]): T[] {
  return [...events].sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
}

/**
 * Returns the live state of a day from its events (applied in order of their own time) and the last
 * position: each stop's state, ETA ("HH:MM", Europe/Amsterdam) and lateness, and whether the day is
 * delayed or the truck is off route. ETAs run from the last position (or the stop the truck is at) at the
 * time of the latest report, through every remaining stop, with the travel model plus each stop's
 * set-up, session and teardown; a session never starts before its planned start.
 */
export function computeLiveState(ctx: LiveContext, eventsIn: readonly LiveEventInput[], last: Fix | null): LiveState {
  const events = sortEvents(eventsIn);
  const n = ctx.stops.length;
  const state: StopState[] = ctx.stops.map(() => 'planned');
  const arrivedAt: Array<number | null> = ctx.stops.map(() => null);
  const sessionAt: Array<number | null> = ctx.stops.map(() => null);
  const index = new Map(ctx.stops.map((s, i) => [s.requestId, i]));
  const mins = (d: Date) => minutesOnDate(d, ctx.date);
  // A reported delay holds the truck: it leaves no earlier than the report's time plus the minutes (several add up).
  // At a stop it lengthens the stay instead. Arriving somewhere makes earlier reports history.
  let holdUntil: number | null = null;
  let extraDelay = 0;
  let departedAt: number | null = null;
  let returned = false;
  const nextOpen = (from: number) => {
    for (let i = from; i < n; i++) if (state[i] === 'planned' || state[i] === 'en_route') return i;
    return -1;
  };

  for (const e of events) {
    const i = e.requestId ? index.get(e.requestId) : undefined;
    switch (e.kind) {
      case 'departed': {
        departedAt = mins(e.at);
        const busy = state.some((s) => s === 'en_route' || s === 'arrived' || s === 'in_session');
        const next = nextOpen(0);
        if (!busy && next >= 0) state[next] = 'en_route';
        break;
      }
      case 'arrived':
        if (i !== undefined && state[i] !== 'done') {
          state[i] = 'arrived';
          arrivedAt[i] = mins(e.at);
          extraDelay = 0;
          holdUntil = null;
        }
        break;
      case 'session_started':
        if (i !== undefined && state[i] !== 'done') {
          state[i] = 'in_session';
          sessionAt[i] = mins(e.at);
          arrivedAt[i] ??= mins(e.at);
        }
        break;
      case 'finished':
        if (i !== undefined) {
          state[i] = 'done';
          extraDelay = 0;
          holdUntil = null;
          const next = nextOpen(i + 1);
          if (next >= 0 && !returned) state[next] = 'en_route';
        }
        break;
      case 'delayed':
        extraDelay += e.delayMinutes ?? 0;
        holdUntil = Math.max(holdUntil ?? -Infinity, mins(e.at)) + (e.delayMinutes ?? 0);
        break;
      case 'returned':
        returned = true;
        for (let k = 0; k < n; k++) if (state[k] === 'planned' || state[k] === 'en_route') state[k] = 'skipped';
        break;
    }
  }

  const lastEvent = events.at(-1) ?? null;
  const refTimes = [last ? mins(last.at) : null, lastEvent ? mins(lastEvent.at) : null].filter(
    (x): x is number => x !== null,
  );
  const started = last !== null || departedAt !== null || state.some((s) => s !== 'planned');
  const plan = ctx.stops.map((s) => {
    const [arrive, start, end, leave] = [s.arrive, s.start, s.end, s.leave].map(parseHhmm) as [
      number,
      number,
      number,
      number,
    ];
    return { arrive, start, setup: start - arrive, session: end - start, teardown: leave - end };
  });

  const eta: Array<number | null> = ctx.stops.map(() => null);
  // Every stop's expected (or reported) session start and lateness come from the one timing function (shared/domain/visitTimes).
  const times: Array<VisitTimes | null> = ctx.stops.map(() => null);
  const plannedOf = (k: number) => ({
    plannedArrive: ctx.stops[k]!.arrive,
    plannedStart: ctx.stops[k]!.start,
    plannedEnd: ctx.stops[k]!.end,
  });
  for (let k = 0; k < n; k++) {
    if (state[k] === 'in_session' || (state[k] === 'done' && sessionAt[k] !== null))
      times[k] = visitTimes({ ...plannedOf(k), arrivedAt: arrivedAt[k], sessionStartedAt: sessionAt[k] });
    else if (state[k] === 'arrived' || (state[k] === 'done' && arrivedAt[k] !== null))
      times[k] = visitTimes({ ...plannedOf(k), arrivedAt: arrivedAt[k] });
  }

  if (!started || returned) {
    for (let k = 0; k < n; k++) {
      if (state[k] !== 'planned' && state[k] !== 'en_route') continue;
      eta[k] = returned ? null : plan[k]!.arrive;
      if (!returned) times[k] = visitTimes({ ...plannedOf(k), eta: eta[k] });
    }
  } else {
    // Where the truck is and when: at the stop it is working at, else at its last position (or the depot).
    let time = refTimes.length ? Math.max(...refTimes) : departedAt!;
    let loc: LngLat = last ? [last.lng, last.lat] : ctx.depot;
    let active = -1;
    for (let k = 0; k < n; k++) if (state[k] === 'arrived' || state[k] === 'in_session') active = k;
    if (active >= 0) {
      const p = plan[active]!;
      const sessionStart =
        state[active] === 'in_session' ? sessionAt[active]! : Math.max(arrivedAt[active]! + p.setup, p.start);
      time = Math.max(time, sessionStart + p.session + p.teardown + extraDelay);
      loc = ctx.stops[active]!.location ?? loc;
    } else if (holdUntil !== null) {
      time = Math.max(time, holdUntil);
    }
    for (let k = active + 1; k < n; k++) {
      if (state[k] !== 'planned' && state[k] !== 'en_route') continue;
      const stop = ctx.stops[k]!;
      const p = plan[k]!;
      if (!stop.location) continue; // no known place: no ETA, and the next stop is reckoned from the last known one
      const arrival = time + travelMinutes(loc, stop.location, ctx.travel);
      eta[k] = arrival;
      times[k] = visitTimes({ ...plannedOf(k), eta: arrival });
      time = Math.max(arrival + p.setup, p.start) + p.session + p.teardown;
      loc = stop.location;
    }
  }

  const stops: LiveStopDto[] = ctx.stops.map((s, k) => ({
    requestId: s.requestId,
    order: s.order,
    schoolName: s.schoolName,
    location: s.location,
    plannedArrive: s.arrive,
    plannedStart: s.start,
    plannedEnd: s.end,
    eta: eta[k] === null ? null : formatHhmm(Math.min(1439, Math.max(0, Math.ceil(eta[k]! - 1e-9)))),
    expectedStart: times[k]?.expectedStart ?? null,
    lateMinutes: times[k]?.lateMinutes ?? 0,
    state: state[k]!,
  }));

  const path = plannedPathOf(ctx);
  const offRoute =
    !returned &&
    last !== null &&
    path.length >= 2 &&
    pointToLineDistance(point([last.lng, last.lat]), lineString(path), { units: 'kilometers' }) > OFF_ROUTE_KM;
  return {
    stops,
    delayed: stops.some((s) => s.state !== 'done' && s.state !== 'skipped' && s.lateMinutes > 0),
    offRoute,
    lastEventAt: lastEvent ? lastEvent.at.toISOString() : null,
  };
}
