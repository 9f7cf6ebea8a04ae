import type { SearchContext } from '../context';
import { isMovable, kmWithout, removeRequests } from '../context';

/** A destroy operator: picks up to q planned, movable requests and unassigns them; returns them. */
export type DestroyOperator = (ctx: SearchContext, q: number) => number[];

function randomServed(ctx: SearchContext, tries = 50): number {
  const { p, s, rng } = ctx;
  for (let t = 0; t < tries; t++) {
    const r = rng.int(p.requests.length);
    if (s.dayOf[r]! >= 0 && isMovable(p, r)) return r;
  }
  return -1;
}

/** Removes q random planned requests. */
export const removeRandom: DestroyOperator = (ctx, q) => {
  const picked = new Set<number>();
  for (let t = 0; t < q * 3 && picked.size < q; t++) {
    const r = randomServed(ctx);
    if (r >= 0) picked.add(r);
  }
  removeRequests(ctx, picked);
  return [...picked];
};

/** Removes requests at schools near a random planned request's school, within four weeks of its date (Shaw-like relatedness). */
export const removeRelated: DestroyOperator = (ctx, q) => {
  const { p, s } = ctx;
  const seed = randomServed(ctx);
  if (seed < 0) return [];
  const seedReq = p.requests[seed]!;
  const seedDay = p.days[s.dayOf[seed]!]!.dayNumber;
  const picked = new Set<number>([seed]);
  const locs = [seedReq.loc, ...p.nearLocs[seedReq.loc]!];
  for (const loc of locs) {
    if (picked.size >= q) break;
    for (const r of p.requestsByLoc[loc]!) {
      const d = s.dayOf[r]!;
      if (d < 0 || !isMovable(p, r) || Math.abs(p.days[d]!.dayNumber - seedDay) > 28) continue;
      picked.add(r);
      if (picked.size >= q) break;
    }
  }
  removeRequests(ctx, picked);
  return [...picked];
};

/** Removes every movable visit on the truck-days of a few consecutive dates, so repair can reshuffle a week. */
export const removeDateWindow: DestroyOperator = (ctx, q) => {
  const { p, s, rng } = ctx;
  const start = rng.int(p.days.length);
  const picked = new Set<number>();
  for (let d = start; d < p.days.length && picked.size < q; d++) {
    for (const r of s.routes[d]!) if (isMovable(p, r)) picked.add(r);
  }
  removeRequests(ctx, picked);
  return [...picked];
};

/** Removes the requests whose removal saves the most km, from a random sample of planned ones. */
export const removeWorst: DestroyOperator = (ctx, q) => {
  const { s } = ctx;
  const sample: { r: number; saving: number }[] = [];
  for (let t = 0; t < q * 3; t++) {
    const r = randomServed(ctx);
    if (r < 0 || sample.some((x) => x.r === r)) continue;
    const d = s.dayOf[r]!;
    sample.push({ r, saving: s.routeKm[d]! - kmWithout(ctx, d, r) + ctx.rng.next() * 2 });
  }
  sample.sort((a, b) => b.saving - a.saving || a.r - b.r);
  const picked = sample.slice(0, q).map((x) => x.r);
  removeRequests(ctx, picked);
  return picked;
};

/** Removes random visits of regions served above their fair share, so repair can give their places to under-served regions. */
export const removeOverServed: DestroyOperator = (ctx, q) => {
  const { p, s } = ctx;
  const shares = ctx.fairness.sharesFor(s.served);
  const picked = new Set<number>();
  for (let t = 0; t < q * 10 && picked.size < q; t++) {
    const r = randomServed(ctx, 10);
    if (r < 0) continue;
    const region = p.requests[r]!.region;
    if (s.regionServed[region]! > shares[region]! + 1e-9) picked.add(r);
  }
  removeRequests(ctx, picked);
  return [...picked];
};

/**
 * Makes room for an unassigned request of a region below its fair share: removes the visits on one
 * of its candidate dates (all trucks) and returns the request with them, so repair can fit it in
 * and re-place the others elsewhere.
 */
export const removeForUnderServed: DestroyOperator = (ctx, q) => {
  const { p, s, rng } = ctx;
  const shares = ctx.fairness.sharesFor(s.served);
  for (let t = 0; t < 40; t++) {
    const u = rng.int(p.requests.length);
    const req = p.requests[u]!;
    if (s.dayOf[u]! >= 0 || !isMovable(p, u) || req.candidateDays.length === 0) continue;
    if (s.regionServed[req.region]! >= shares[req.region]! - 1e-9) continue;
    const d = req.candidateDays[rng.int(req.candidateDays.length)]!;
    const date = p.days[d]!.dayNumber;
    const picked = new Set<number>(s.routes[d]!.filter((r) => isMovable(p, r)));
    for (let e = d; e >= 0 && p.days[e]!.dayNumber === date; e--)
      for (const r of s.routes[e]!) if (isMovable(p, r)) picked.add(r);
    for (let e = d + 1; e < p.days.length && p.days[e]!.dayNumber === date; e++)
      for (const r of s.routes[e]!) if (isMovable(p, r)) picked.add(r);
    const extra = [...picked].slice(0, Math.max(1, q));
    removeRequests(ctx, extra);
    return [u, ...extra];
  }
  return [];
};
