import type { FairnessTable } from './cost';
import type { Problem } from './input';
import type { Rng } from './rng';
import type { RouteChange, Solution } from './solution';
import { setRoute } from './solution';
import { routeKm } from './route';

/** Everything a move needs: the problem, the solution it changes, the undo log and the random numbers. */
export interface SearchContext {
  p: Problem;
  s: Solution;
  fairness: FairnessTable;
  /** Re-plan mode: each request's truck-day in the previous plan (-1 when it was not planned); null otherwise. */
  prevDay: Int32Array | null;
  log: RouteChange[];
  rng: Rng;
  scratch: Int32Array;
}

/** Best place for a request on one truck-day. */
export interface Insertion {
  /** Extra km, Infinity when it fits nowhere on the day. */
  deltaKm: number;
  pos: number;
}

/** Returns the cheapest feasible position for request r on truck-day d (deltaKm Infinity when none or the day is full). */
export function bestInsertion(ctx: SearchContext, r: number, d: number): Insertion {
  const route = ctx.s.routes[d]!;
  const day = ctx.p.days[d]!;
  const len = route.length;
  if (len >= day.maxVisits) return { deltaKm: Infinity, pos: -1 };
  const base = ctx.s.routeKm[d]!;
  const seq = ctx.scratch;
  let bestKm = Infinity;
  let bestPos = -1;
  for (let pos = 0; pos <= len; pos++) {
    for (let i = 0, j = 0; i <= len; i++) seq[i] = i === pos ? r : route[j++]!;
    const km = routeKm(ctx.p, day, seq, len + 1);
    if (km >= 0 && km < bestKm - 1e-12) {
      bestKm = km;
      bestPos = pos;
    }
  }
  return { deltaKm: bestPos < 0 ? Infinity : bestKm - base, pos: bestPos };
}

/** Puts request r (unassigned) on truck-day d at position pos, at the known extra km. */
export function insertAt(ctx: SearchContext, r: number, d: number, pos: number, deltaKm: number): void {
  const route = ctx.s.routes[d]!;
  const seq = [...route.slice(0, pos), r, ...route.slice(pos)];
  setRoute(ctx.p, ctx.s, ctx.prevDay, d, seq, ctx.s.routeKm[d]! + deltaKm, ctx.log);
}

/** Returns the best (km, sequence) of truck-day d with request `out` taken out and `into` put in at its cheapest feasible position, or null when nothing fits. */
export function replacedRoute(
  ctx: SearchContext,
  d: number,
  out: number,
  into: number,
): { km: number; seq: number[] } | null {
  const { p, s } = ctx;
  const rest = s.routes[d]!.filter((x) => x !== out);
  if (rest.length >= p.days[d]!.maxVisits) return null;
  return cheapestWith(ctx, d, rest, into);
}

/** Returns the best (km, sequence) of truck-day d visiting `rest` with request r put in at its cheapest feasible position, or null. */
export function cheapestWith(
  ctx: SearchContext,
  d: number,
  rest: readonly number[],
  r: number,
): { km: number; seq: number[] } | null {
  const day = ctx.p.days[d]!;
  let best: { km: number; seq: number[] } | null = null;
  for (let pos = 0; pos <= rest.length; pos++) {
    const seq = [...rest.slice(0, pos), r, ...rest.slice(pos)];
    const km = routeKm(ctx.p, day, seq, seq.length);
    if (km >= 0 && (!best || km < best.km - 1e-12)) best = { km, seq };
  }
  return best;
}

/** Returns the km of truck-day d without request r (removal never breaks timing, see removeRequests). */
export function kmWithout(ctx: SearchContext, d: number, r: number): number {
  const route = ctx.s.routes[d]!;
  if (route.length <= 1) return 0;
  const seq = ctx.scratch;
  let n = 0;
  for (const x of route) if (x !== r) seq[n++] = x;
  return routeKm(ctx.p, ctx.p.days[d]!, seq, n);
}

/**
 * Unassigns the given requests. Removing stops never breaks a feasible route: travel minutes obey
 * the triangle inequality (ceil(a)+ceil(b) ≥ ceil(a+b) ≥ ceil(c)), so later stops can only start earlier or at the same time.
 */
export function removeRequests(ctx: SearchContext, requests: Iterable<number>): void {
  const byDay = new Map<number, Set<number>>();
  for (const r of requests) {
    const d = ctx.s.dayOf[r]!;
    if (d < 0) continue;
    const set = byDay.get(d) ?? new Set<number>();
    set.add(r);
    byDay.set(d, set);
  }
  for (const [d, gone] of byDay) {
    const seq = ctx.s.routes[d]!.filter((x) => !gone.has(x));
    const km = seq.length === 0 ? 0 : routeKm(ctx.p, ctx.p.days[d]!, seq, seq.length);
    if (km < 0) throw new Error('internal: removing a stop made a route infeasible');
    setRoute(ctx.p, ctx.s, ctx.prevDay, d, seq, km, ctx.log);
  }
}

/** Returns the index of `value` in an ascending Int32Array, or -1. */
export function indexOfSorted(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = list[mid]!;
    if (v === value) return mid;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Returns true when request r may be moved by the search (it is neither pinned nor cancelled). */
export function isMovable(p: Problem, r: number): boolean {
  const req = p.requests[r]!;
  return req.pinnedDay < 0 && !req.isCancelled;
}
