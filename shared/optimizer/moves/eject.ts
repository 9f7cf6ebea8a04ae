/*
 * Ejection chains of length two. On tight days (few visits per day, long sessions) a request can often
 * only go to a day by pushing one of its visits elsewhere, which relocate (needs a free place) and swap
 * (needs the two to fit each other's day) cannot do. Far-away schools pay a whole depot round trip
 * unless another visit nearby shares the day, so these moves look first at the days where the request
 * is cheapest to add (a nearby visit is already there) and make room on them.
 */
import type { SearchContext } from '../context';
import {
  bestInsertion,
  indexOfSorted,
  insertAt,
  isMovable,
  kmWithout,
  removeRequests,
  replacedRoute,
} from '../context';
import { compareCost } from '../cost';
import type { Problem } from '../input';
import { figuresOf, setRoute } from '../solution';

/** How many of a request's candidate days (cheapest detour first) an ejection chain tries. */
const TARGET_DAYS = 8;
/** How many candidate days (cheapest detour first) the ejected visit may go to. */
const LANDING_DAYS = 10;

/**
 * Returns the extra km of putting request r into truck-day d's route at its cheapest position by
 * distance alone (no timing, no capacity): a cheap proxy to rank days. Counts 1/8 unit of work per stop.
 */
function detourKm(p: Problem, route: readonly number[], depotLoc: number, r: number, skip: number): number {
  const n = p.locCount;
  const loc = p.requests[r]!.loc;
  let best = Infinity;
  let prev = depotLoc;
  let visited = 0;
  for (let i = 0; i <= route.length; i++) {
    const x = i < route.length ? route[i]! : -1;
    if (x === skip) continue;
    const next = x < 0 ? depotLoc : p.requests[x]!.loc;
    const add = p.km[prev * n + loc]! + p.km[loc * n + next]! - p.km[prev * n + next]!;
    if (add < best) best = add;
    prev = next;
    visited++;
  }
  p.meter.work += visited >> 3;
  return best;
}

/** Returns up to `limit` of r's candidate days (other than the excluded ones), cheapest distance detour first. */
function rankedDays(
  ctx: SearchContext,
  r: number,
  limit: number,
  exclude1: number,
  exclude2: number,
  needRoom: boolean,
): number[] {
  const { p, s } = ctx;
  const scored: { d: number; km: number }[] = [];
  for (const d of p.requests[r]!.candidateDays) {
    if (d === exclude1 || d === exclude2) continue;
    const route = s.routes[d]!;
    if (needRoom && route.length >= p.days[d]!.maxVisits) continue;
    scored.push({ d, km: detourKm(p, route, p.days[d]!.depotLoc, r, -1) });
  }
  scored.sort((a, b) => a.km - b.km || a.d - b.d);
  return scored.slice(0, limit).map((x) => x.d);
}

/** Where an ejected visit goes: a day with room (insert) at the given extra km. */
interface Landing {
  d: number;
  pos: number;
  deltaKm: number;
}

function bestLanding(ctx: SearchContext, w: number, exclude1: number, exclude2: number): Landing | null {
  let best: Landing | null = null;
  for (const d of rankedDays(ctx, w, LANDING_DAYS, exclude1, exclude2, true)) {
    const ins = bestInsertion(ctx, w, d);
    if (ins.deltaKm !== Infinity && (!best || ins.deltaKm < best.deltaKm - 1e-12))
      best = { d, pos: ins.pos, deltaKm: ins.deltaKm };
  }
  return best;
}

/**
 * Puts unassigned request u on one of its days that is full, by moving one visit v of that day to
 * another day with room. Takes the chain with the fewest extra km, and makes it only when the plan gets
 * better by compareCost (u is served, so mostly it does unless the fairness guard objects). Returns true when it did.
 */
export function ejectInsert(ctx: SearchContext, u: number): boolean {
  const { p, s } = ctx;
  if (s.dayOf[u]! >= 0 || !isMovable(p, u)) return false;
  let best: { d: number; seq: number[]; km: number; v: number; landing: Landing; deltaKm: number } | null = null;
  for (const d of rankedDays(ctx, u, TARGET_DAYS, -1, -1, false)) {
    for (const v of s.routes[d]!) {
      if (!isMovable(p, v)) continue;
      const here = replacedRoute(ctx, d, v, u);
      if (!here) continue;
      const hereDelta = here.km - s.routeKm[d]!;
      if (best && hereDelta >= best.deltaKm) continue;
      const landing = bestLanding(ctx, v, d, -1);
      if (!landing) continue;
      const deltaKm = hereDelta + landing.deltaKm;
      if (!best || deltaKm < best.deltaKm - 1e-12) best = { d, seq: here.seq, km: here.km, v, landing, deltaKm };
    }
  }
  if (!best) return false;
  const before = figuresOf(s, ctx.fairness);
  const mark = ctx.log.length;
  removeRequests(ctx, [best.v]);
  setRoute(p, s, ctx.prevDay, best.d, best.seq, best.km, ctx.log);
  insertAt(ctx, best.v, best.landing.d, best.landing.pos, best.landing.deltaKm);
  if (compareCost(figuresOf(s, ctx.fairness), before) < 0) return true;
  undoSince(ctx, mark);
  return false;
}

/**
 * Moves planned request r to a day where it is cheap (a nearby visit is there) and, to make room, moves
 * one visit w of that day to r's old day or to another day with room. Takes the chain that saves the most
 * km, if any saves. Served visits and their regions stay the same. Returns true when it moved.
 */
export function ejectRelocate(ctx: SearchContext, r: number): boolean {
  const { p, s } = ctx;
  const from = s.dayOf[r]!;
  if (from < 0 || !isMovable(p, r)) return false;
  const fromWithout = kmWithout(ctx, from, r);
  const fromSaving = s.routeKm[from]! - fromWithout;
  let best: {
    d2: number;
    seq2: number[];
    km2: number;
    w: number;
    back: { seq: number[]; km: number } | null;
    landing: Landing | null;
    gain: number;
  } | null = null;
  for (const d2 of rankedDays(ctx, r, TARGET_DAYS, from, -1, false)) {
    for (const w of s.routes[d2]!) {
      if (!isMovable(p, w)) continue;
      const there = replacedRoute(ctx, d2, w, r);
      if (!there) continue;
      const partial = fromSaving + s.routeKm[d2]! - there.km;
      // Landing and swap-back costs are never negative (triangle inequality), so this chain cannot win.
      if (partial <= (best?.gain ?? 1e-6)) continue;
      // w to r's old day (a swap) or to another day with room.
      let back: { seq: number[]; km: number } | null = null;
      let backCost = Infinity;
      if (indexOfSorted(p.requests[w]!.candidateDays, from) >= 0) {
        back = replacedRoute(ctx, from, r, w);
        if (back) backCost = back.km - fromWithout;
      }
      const landing = bestLanding(ctx, w, from, d2);
      const useLanding = landing !== null && landing.deltaKm < backCost - 1e-12;
      const cost = useLanding ? landing.deltaKm : backCost;
      if (cost === Infinity) continue;
      const gain = partial - cost;
      if (gain > (best?.gain ?? 1e-6))
        best = {
          d2,
          seq2: there.seq,
          km2: there.km,
          w,
          back: useLanding ? null : back,
          landing: useLanding ? landing : null,
          gain,
        };
    }
  }
  if (!best) return false;
  removeRequests(ctx, [r, best.w]);
  setRoute(p, s, ctx.prevDay, best.d2, best.seq2, best.km2, ctx.log);
  if (best.back) setRoute(p, s, ctx.prevDay, from, best.back.seq, best.back.km, ctx.log);
  else if (best.landing) insertAt(ctx, best.w, best.landing.d, best.landing.pos, best.landing.deltaKm);
  return true;
}

/** Undoes the changes logged after position `mark` of ctx.log (earlier ones stay). */
function undoSince(ctx: SearchContext, mark: number): void {
  const { p, s } = ctx;
  const tail = ctx.log.splice(mark);
  const original = new Map<number, { seq: number[]; km: number }>();
  for (const c of tail) if (!original.has(c.day)) original.set(c.day, c);
  for (const day of original.keys()) setRoute(p, s, ctx.prevDay, day, [], 0, null);
  for (const [day, c] of original) setRoute(p, s, ctx.prevDay, day, c.seq, c.km, null);
}
