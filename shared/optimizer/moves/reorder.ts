import type { SearchContext } from '../context';
import { routeKm } from '../route';
import { setRoute } from '../solution';

function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items.slice()];
  const out: number[][] = [];
  items.forEach((x, i) => {
    for (const rest of permutations([...items.slice(0, i), ...items.slice(i + 1)])) out.push([x, ...rest]);
  });
  return out;
}

/**
 * Reorders the stops of truck-day d for the fewest km that still keeps every timing rule: all orders
 * for up to 5 stops, moving one stop at a time (or-opt) for longer days. Returns true when it changed the route.
 */
export function reorderDay(ctx: SearchContext, d: number): boolean {
  const { p, s } = ctx;
  const route = s.routes[d]!;
  if (route.length < 2) return false;
  const day = p.days[d]!;
  let bestKm = s.routeKm[d]!;
  let best: number[] | null = null;
  if (route.length <= 5) {
    for (const perm of permutations(route)) {
      const km = routeKm(p, day, perm, perm.length);
      if (km >= 0 && km < bestKm - 1e-9) {
        bestKm = km;
        best = perm;
      }
    }
  } else {
    let current = route.slice();
    let improved = true;
    while (improved) {
      improved = false;
      for (let i = 0; i < current.length && !improved; i++) {
        for (let j = 0; j < current.length && !improved; j++) {
          if (i === j) continue;
          const cand = current.slice();
          const [x] = cand.splice(i, 1);
          cand.splice(j, 0, x!);
          const km = routeKm(p, day, cand, cand.length);
          if (km >= 0 && km < bestKm - 1e-9) {
            bestKm = km;
            best = cand;
            current = cand;
            improved = true;
          }
        }
      }
    }
  }
  if (!best) return false;
  setRoute(p, s, ctx.prevDay, d, best, bestKm, ctx.log);
  return true;
}
