import type { FairnessTable } from './cost';
import type { Problem } from './input';
import type { CostFigures } from './types';

/** A solution under search: the sequence of requests on every truck-day and running totals. */
export interface Solution {
  routes: number[][];
  routeKm: Float64Array;
  /** Truck-day of each request, or -1 when unassigned. */
  dayOf: Int32Array;
  served: number;
  servedPriority: number;
  totalKm: number;
  regionServed: Int32Array;
  /** Re-plan mode: previously planned requests that are now elsewhere or unassigned. */
  changes: number;
}

/** One undoable change: the route a truck-day had before. */
export interface RouteChange {
  day: number;
  seq: number[];
  km: number;
}

/** Returns an empty solution (nothing planned). `prevDay` gives each request's day in a previous plan (re-plan mode). */
export function emptySolution(p: Problem): Solution {
  return {
    routes: p.days.map(() => []),
    routeKm: new Float64Array(p.days.length),
    dayOf: new Int32Array(p.requests.length).fill(-1),
    served: 0,
    servedPriority: 0,
    totalKm: 0,
    regionServed: new Int32Array(p.regionWeights.length),
    changes: 0,
  };
}

/** Returns a deep copy of a solution. */
export function cloneSolution(s: Solution): Solution {
  return {
    routes: s.routes.map((r) => r.slice()),
    routeKm: s.routeKm.slice(),
    dayOf: s.dayOf.slice(),
    served: s.served,
    servedPriority: s.servedPriority,
    totalKm: s.totalKm,
    regionServed: s.regionServed.slice(),
    changes: s.changes,
  };
}

/** Makes `to` a copy of `from` in place (the search context keeps its reference to `to`). */
export function copySolution(from: Solution, to: Solution): void {
  for (let d = 0; d < from.routes.length; d++) to.routes[d] = from.routes[d]!.slice();
  to.routeKm.set(from.routeKm);
  to.dayOf.set(from.dayOf);
  to.served = from.served;
  to.servedPriority = from.servedPriority;
  to.totalKm = from.totalKm;
  to.regionServed.set(from.regionServed);
  to.changes = from.changes;
}

function setDay(p: Problem, s: Solution, prevDay: Int32Array | null, r: number, day: number): void {
  const old = s.dayOf[r]!;
  if (old === day) return;
  const req = p.requests[r]!;
  if (old < 0) {
    s.served++;
    s.servedPriority += req.priority;
    s.regionServed[req.region]!++;
  }
  if (day < 0) {
    s.served--;
    s.servedPriority -= req.priority;
    s.regionServed[req.region]!--;
  }
  if (prevDay) {
    const prev = prevDay[r]!;
    if (prev >= 0) s.changes += (day !== prev ? 1 : 0) - (old !== prev ? 1 : 0);
  }
  s.dayOf[r] = day;
}

/**
 * Replaces the route of a truck-day (the caller has checked `km` is its feasible km) and keeps the
 * totals right: requests that left it become unassigned, new ones are moved here. Logs the old route in `log`.
 */
export function setRoute(
  p: Problem,
  s: Solution,
  prevDay: Int32Array | null,
  day: number,
  seq: number[],
  km: number,
  log: RouteChange[] | null,
): void {
  const old = s.routes[day]!;
  if (log) log.push({ day, seq: old, km: s.routeKm[day]! });
  for (const r of old) if (!seq.includes(r)) setDay(p, s, prevDay, r, -1);
  for (const r of seq) {
    const from = s.dayOf[r]!;
    if (from >= 0 && from !== day) throw new Error(`internal: request ${r} is still on day ${from}`);
    setDay(p, s, prevDay, r, day);
  }
  s.routes[day] = seq;
  s.totalKm += km - s.routeKm[day]!;
  s.routeKm[day] = km;
}

/** Undoes the logged changes: every touched truck-day gets back the route it had before the first change. */
export function undoChanges(p: Problem, s: Solution, prevDay: Int32Array | null, log: RouteChange[]): void {
  const original = new Map<number, RouteChange>();
  for (const c of log) if (!original.has(c.day)) original.set(c.day, c);
  // Clear every touched day first so a request that moved between them is never on two days at once.
  for (const day of original.keys()) setRoute(p, s, prevDay, day, [], 0, null);
  for (const c of original.values()) setRoute(p, s, prevDay, c.day, c.seq, c.km, null);
  log.length = 0;
}

/** Returns the figures of a solution (unrounded) for lexicographic comparison. */
export function figuresOf(s: Solution, fairness: FairnessTable): CostFigures {
  return fairness.figures(s.servedPriority, s.served, s.changes, s.regionServed, s.totalKm);
}
