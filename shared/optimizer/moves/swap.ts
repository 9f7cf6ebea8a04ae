import type { SearchContext } from '../context';
import { indexOfSorted, isMovable } from '../context';
import { routeKm } from '../route';
import { setRoute } from '../solution';

function bestReplacement(
  ctx: SearchContext,
  d: number,
  out: number,
  into: number,
): { km: number; seq: number[] | null } {
  const { p, s } = ctx;
  const rest = s.routes[d]!.filter((x) => x !== out);
  let bestKm = Infinity;
  let best: number[] | null = null;
  for (let pos = 0; pos <= rest.length; pos++) {
    const seq = [...rest.slice(0, pos), into, ...rest.slice(pos)];
    const km = routeKm(p, p.days[d]!, seq, seq.length);
    if (km >= 0 && km < bestKm) {
      bestKm = km;
      best = seq;
    }
  }
  return { km: bestKm, seq: best };
}

/**
 * Swaps planned request r with a request on another truck-day when both fit each other's day and
 * the total km drops; takes the best such swap. Returns true when it swapped.
 */
export function swapRequest(ctx: SearchContext, r: number): boolean {
  const { p, s } = ctx;
  const d1 = s.dayOf[r]!;
  if (d1 < 0 || !isMovable(p, r)) return false;
  let bestGain = 1e-6;
  let best: { d2: number; seq1: number[]; km1: number; seq2: number[]; km2: number } | null = null;
  for (const d2 of p.requests[r]!.candidateDays) {
    if (d2 === d1) continue;
    for (const other of s.routes[d2]!) {
      if (!isMovable(p, other) || indexOfSorted(p.requests[other]!.candidateDays, d1) < 0) continue;
      const a = bestReplacement(ctx, d1, r, other);
      if (!a.seq) continue;
      const b = bestReplacement(ctx, d2, other, r);
      if (!b.seq) continue;
      const gain = s.routeKm[d1]! + s.routeKm[d2]! - a.km - b.km;
      if (gain > bestGain) {
        bestGain = gain;
        best = { d2, seq1: a.seq, km1: a.km, seq2: b.seq, km2: b.km };
      }
    }
  }
  if (!best) return false;
  // Empty d1 first so `other` is never on two days at once.
  setRoute(
    p,
    s,
    ctx.prevDay,
    d1,
    s.routes[d1]!.filter((x) => x !== r),
    s.routeKm[d1]!,
    ctx.log,
  );
  setRoute(p, s, ctx.prevDay, best.d2, best.seq2, best.km2, ctx.log);
  setRoute(p, s, ctx.prevDay, d1, best.seq1, best.km1, ctx.log);
  return true;
}
