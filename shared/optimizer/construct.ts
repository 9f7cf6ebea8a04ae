import type { SearchContext } from './context';
import { bestInsertion, insertAt } from './context';
import { InvalidInputError } from './input';
import { insertRegret } from './moves/insert';
import { reorderDay } from './moves/reorder';
import { routeKm } from './route';
import { setRoute } from './solution';
import type { Plan } from './types';

/** Returns how many visits the truck-days could hold at most, capped by the number of requests (the fair-share target while building). */
export function estimateServed(ctx: SearchContext): number {
  let slots = 0;
  for (const d of ctx.p.days) slots += d.maxVisits;
  const open = ctx.p.requests.filter((r) => !r.isCancelled && r.candidateDays.length > 0).length;
  return Math.min(open, Math.round(slots * 0.75));
}

/**
 * Builds the first plan into ctx.s (which must be empty): pinned visits first (InvalidInputError when
 * they do not fit together), then the previous plan's visits where they still fit (re-plan mode),
 * then every other request by regret insertion, then the best order of each day.
 */
export function constructPlan(ctx: SearchContext, previousPlan?: Plan): void {
  const { p, s } = ctx;
  const issues: string[] = [];
  for (const r of p.requests) {
    if (r.pinnedDay < 0) continue;
    const ins = bestInsertion(ctx, r.index, r.pinnedDay);
    if (ins.deltaKm === Infinity) {
      const day = p.days[r.pinnedDay]!;
      const others = s.routes[r.pinnedDay]!.map((x) => p.requests[x]!.id).join(', ');
      issues.push(
        `pinned ${r.id}: does not fit on ${p.instance.trucks[day.truck]!.id} ${day.date} together with pinned ${others || '(none)'}`,
      );
    } else insertAt(ctx, r.index, r.pinnedDay, ins.pos, ins.deltaKm);
  }
  if (issues.length > 0) throw new InvalidInputError(issues);

  if (previousPlan) keepPreviousVisits(ctx, previousPlan);

  const pool: number[] = [];
  for (const r of p.requests)
    if (s.dayOf[r.index]! < 0 && !r.isCancelled && r.candidateDays.length > 0) pool.push(r.index);
  insertRegret(ctx, pool, { noiseKm: 0, fairBonusKm: 40, targetServed: estimateServed(ctx), paced: true });
  for (let d = 0; d < p.days.length; d++) reorderDay(ctx, d);
  ctx.log.length = 0;
}

/** Re-plan mode: puts each still-valid visit of the previous plan back on its truck-day, in its old order. */
function keepPreviousVisits(ctx: SearchContext, plan: Plan): void {
  const { p, s } = ctx;
  const truckIndex = new Map(p.instance.trucks.map((t, i) => [t.id, i]));
  for (const route of plan.routes) {
    const d = p.dayByKey.get(`${truckIndex.get(route.truck) ?? -1}|${route.date}`);
    if (d === undefined) continue;
    for (const stop of route.stops) {
      const r = p.requestIndex.get(stop.request);
      if (r === undefined || s.dayOf[r]! >= 0) continue;
      const req = p.requests[r]!;
      if (req.isCancelled || req.pinnedDay >= 0 || !req.candidateDays.includes(d)) continue;
      const seq = [...s.routes[d]!, r];
      if (seq.length > p.days[d]!.maxVisits) continue;
      const km = routeKm(p, p.days[d]!, seq, seq.length);
      if (km >= 0) setRoute(p, s, ctx.prevDay, d, seq, km, ctx.log);
      else {
        const ins = bestInsertion(ctx, r, d);
        if (ins.deltaKm !== Infinity) insertAt(ctx, r, d, ins.pos, ins.deltaKm);
      }
    }
  }
}
