import { computeFairShares, shortfallFromShares } from '../domain/fairness';
import type { Problem } from './input';
import type { CostFigures } from './types';

/** Tolerance for comparing float figures (km, shortfall); smaller differences are ties. */
export const COST_EPSILON = 1e-7;

/**
 * Returns < 0 when plan figures `a` are better than `b`, > 0 when worse, 0 when equal. Lexicographic:
 * more servedPriority, then more served, then fewer changes (re-plan), then lower fairShortfall, then fewer roadKm.
 */
export function compareCost(a: CostFigures, b: CostFigures): number {
  if (a.servedPriority !== b.servedPriority) return b.servedPriority - a.servedPriority;
  if (a.served !== b.served) return b.served - a.served;
  if (a.changes !== b.changes) return a.changes - b.changes;
  if (Math.abs(a.fairShortfall - b.fairShortfall) > COST_EPSILON) return a.fairShortfall - b.fairShortfall;
  if (Math.abs(a.roadKm - b.roadKm) > COST_EPSILON) return a.roadKm - b.roadKm;
  return 0;
}

/** Caches fair shares per total served count, so a shortfall costs O(regions) to evaluate. */
export class FairnessTable {
  private readonly cache = new Map<number, Float64Array>();

  constructor(private readonly problem: Problem) {}

  /** Returns the fair number of visits per region when `served` visits are planned in total. */
  sharesFor(served: number): Float64Array {
    let shares = this.cache.get(served);
    if (!shares) {
      shares = Float64Array.from(computeFairShares(this.problem.regionWeights, this.problem.regionDemand, served));
      this.cache.set(served, shares);
    }
    return shares;
  }

  /** Returns the fair-share shortfall of a split of served visits over regions. */
  shortfall(regionServed: ArrayLike<number>, served: number): number {
    return shortfallFromShares(this.sharesFor(served), regionServed);
  }
}
