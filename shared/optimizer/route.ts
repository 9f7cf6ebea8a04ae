import type { Problem, TruckDay } from './input';

/**
 * Returns the road km of a truck-day visiting `len` requests of `seq` in order, or -1 when the
 * earliest-start schedule breaks a timing rule (rule 4). Counts one unit of work.
 */
export function routeKm(p: Problem, day: TruckDay, seq: ArrayLike<number>, len: number): number {
  p.meter.work++;
  const n = p.locCount;
  let clock = day.shiftStart;
  let at = day.depotLoc;
  let km = 0;
  for (let i = 0; i < len; i++) {
    const r = p.requests[seq[i]!]!;
    const leg = at * n + r.loc;
    km += p.km[leg]!;
    const start = Math.max(clock + p.travelMin[leg]! + r.setup, r.earliestStart);
    const end = start + r.session;
    if (end > r.latestEnd) return -1;
    clock = end + r.teardown;
    at = r.loc;
  }
  const home = at * n + day.depotLoc;
  if (clock + p.travelMin[home]! > day.shiftEnd) return -1;
  return km + p.km[home]!;
}

/** Times (minutes after midnight) of one stop of a scheduled route. */
export interface StopTimes {
  arrive: number;
  start: number;
  end: number;
  leave: number;
}

/** A timed route: depart, stops and return in minutes after midnight. */
export interface RouteTimes {
  depart: number;
  back: number;
  stops: StopTimes[];
}

/**
 * Returns the schedule of a feasible sequence, or null when it breaks a timing rule. Every stop
 * starts as early as it can; the truck leaves the depot as late as that allows, so the crew waits
 * at the depot rather than at the school gate.
 */
export function scheduleRoute(p: Problem, day: TruckDay, seq: readonly number[]): RouteTimes | null {
  if (seq.length === 0) return null;
  const n = p.locCount;
  const stops: StopTimes[] = [];
  let clock = day.shiftStart;
  let at = day.depotLoc;
  for (const [i, ri] of seq.entries()) {
    const r = p.requests[ri]!;
    const drive = p.travelMin[at * n + r.loc]!;
    const start = Math.max(clock + drive + r.setup, r.earliestStart);
    const end = start + r.session;
    if (end > r.latestEnd) return null;
    // The first stop may be reached later than the earliest arrival: arrive exactly for setup.
    const arrive = i === 0 ? start - r.setup : clock + drive;
    stops.push({ arrive, start, end, leave: end + r.teardown });
    clock = end + r.teardown;
    at = r.loc;
  }
  const back = clock + p.travelMin[at * n + day.depotLoc]!;
  if (back > day.shiftEnd) return null;
  const first = p.requests[seq[0]!]!;
  const depart = stops[0]!.arrive - p.travelMin[day.depotLoc * n + first.loc]!;
  return { depart, back, stops };
}
