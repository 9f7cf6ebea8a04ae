import type { SearchContext } from '../context';
import { bestInsertion, insertAt, isMovable } from '../context';
import { compareCost } from '../cost';
import { routeKm } from '../route';
import { figuresOf, setRoute } from '../solution';
import type { CostFigures } from '../types';

/**
 * Exchange with the unassigned pool: places unassigned request u where it fits, or in place of a
 * planned request v on one of u's days (v becomes unassigned), whichever makes the plan best by
 * compareCost (fairness guard, priority, served, changes, fairness, km). Returns true when the plan improved.
 */
export function exchangeUnassigned(ctx: SearchContext, u: number): boolean {
  const { p, s } = ctx;
  if (s.dayOf[u]! >= 0 || !isMovable(p, u)) return false;
  const req = p.requests[u]!;
  const current = figuresOf(s, ctx.fairness);
  let best: CostFigures = current;
  let action:
    | { kind: 'replace'; d: number; seq: number[]; km: number }
    | { kind: 'insert'; d: number; pos: number; delta: number }
    | null = null;
  for (const d of req.candidateDays) {
    const route = s.routes[d]!;
    if (route.length < p.days[d]!.maxVisits) {
      const ins = bestInsertion(ctx, u, d);
      if (ins.deltaKm !== Infinity) {
        const cand = figuresWithSwap(ctx, req.region, -1, req.priority, 1, 0, s.totalKm + ins.deltaKm);
        if (compareCost(cand, best) < 0) {
          best = cand;
          action = { kind: 'insert', d, pos: ins.pos, delta: ins.deltaKm };
        }
      }
    }
    for (const v of route) {
      if (!isMovable(p, v)) continue;
      const vReq = p.requests[v]!;
      if (vReq.priority > req.priority) continue;
      const rest = route.filter((x) => x !== v);
      const vChange = ctx.prevDay && ctx.prevDay[v]! >= 0 && ctx.prevDay[v] === d ? 1 : 0;
      for (let pos = 0; pos <= rest.length; pos++) {
        const seq = [...rest.slice(0, pos), u, ...rest.slice(pos)];
        const km = routeKm(p, p.days[d]!, seq, seq.length);
        if (km < 0) continue;
        const cand = figuresWithSwap(
          ctx,
          req.region,
          vReq.region,
          req.priority - vReq.priority,
          0,
          vChange,
          s.totalKm + km - s.routeKm[d]!,
        );
        if (compareCost(cand, best) < 0) {
          best = cand;
          action = { kind: 'replace', d, seq, km };
        }
      }
    }
  }
  if (!action) return false;
  if (action.kind === 'insert') insertAt(ctx, u, action.d, action.pos, action.delta);
  else setRoute(p, s, ctx.prevDay, action.d, action.seq, action.km, ctx.log);
  return true;
}

/** Returns the figures of the plan with one visit more in `inRegion` and, when outRegion ≥ 0, one fewer in outRegion. */
function figuresWithSwap(
  ctx: SearchContext,
  inRegion: number,
  outRegion: number,
  priorityDelta: number,
  servedDelta: number,
  changesDelta: number,
  roadKm: number,
): CostFigures {
  const s = ctx.s;
  const rs = s.regionServed;
  rs[inRegion]!++;
  if (outRegion >= 0) rs[outRegion]!--;
  const value = ctx.fairness.figures(
    s.servedPriority + priorityDelta,
    s.served + servedDelta,
    s.changes + changesDelta,
    rs,
    roadKm,
  );
  rs[inRegion]!--;
  if (outRegion >= 0) rs[outRegion]!++;
  return value;
}
