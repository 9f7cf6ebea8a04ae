import type { SearchContext } from '../context';
import { bestInsertion, insertAt, isMovable, kmWithout, removeRequests } from '../context';

/**
 * Moves planned request r to the truck-day and position where the total km drops most, if any
 * does (served and fairness do not change). Returns true when it moved r.
 */
export function relocateRequest(ctx: SearchContext, r: number): boolean {
  const { p, s } = ctx;
  const from = s.dayOf[r]!;
  if (from < 0 || !isMovable(p, r)) return false;
  const saving = s.routeKm[from]! - kmWithout(ctx, from, r);
  let bestDelta = -1e-6;
  let bestDay = -1;
  let bestPos = -1;
  for (const d of p.requests[r]!.candidateDays) {
    if (d === from) continue;
    const ins = bestInsertion(ctx, r, d);
    const delta = ins.deltaKm - saving;
    if (delta < bestDelta) {
      bestDelta = delta;
      bestDay = d;
      bestPos = ins.pos;
    }
  }
  if (bestDay < 0) return false;
  removeRequests(ctx, [r]);
  insertAt(ctx, r, bestDay, bestPos, bestDelta + saving);
  return true;
}
