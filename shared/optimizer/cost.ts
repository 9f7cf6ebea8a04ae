import { computeFairShares, shortfallFromShares } from '../domain/fairness';
import type { Problem } from './input';
import type { CostFigures } from './types';

/** Tolerance for comparing float figures (km, shortfall); smaller differences are ties. */
export const COST_EPSILON = 1e-7;

/**
 * Default fairness tolerance as a share of the visits served: at most 3 visits in 200 may go elsewhere than
 * the fair split says before fairness outranks serving more. See fairnessToleranceFor and docs in types.ts.
 */
export const DEFAULT_FAIRNESS_TOLERANCE_SHARE = 0.015;
/**
 * Floor of the default fairness tolerance in visits, for short tours where 1.5 % is less than a visit or two.
 * A one-truck term tour serves about 100 visits; there each extra school costs about one visit of
 * shortfall (the exact frontier of rijnmond-term-q1, `npm run bench:exact`: 98 served at 0.63, 99 at 1.84,
 * 100 at 3.00, 101 at 4.00). A floor of 1 stopped such a tour at 98 or 99; 2.5 lets it serve 100 schools
 * with 3 visits away from the fair split, and stays under a quarter of first-come-first-served's 14.8.
 * It is a policy choice, not a law: callers set `fairnessTolerance` (CLI --fairness-tolerance) to change it.
 */
export const MIN_FAIRNESS_TOLERANCE = 2.5;

/**
 * Returns < 0 when plan figures `a` are better than `b`, > 0 when worse, 0 when equal. Lexicographic, with
 * the fairness guard in front: lower fairExcess, then more servedPriority, then more served, then fewer
 * changes (re-plan), then lower fairShortfall, then fewer roadKm.
 */
export function compareCost(a: CostFigures, b: CostFigures): number {
  if (Math.abs(a.fairExcess - b.fairExcess) > COST_EPSILON) return a.fairExcess - b.fairExcess;
  if (a.servedPriority !== b.servedPriority) return b.servedPriority - a.servedPriority;
  if (a.served !== b.served) return b.served - a.served;
  if (a.changes !== b.changes) return a.changes - b.changes;
  if (Math.abs(a.fairShortfall - b.fairShortfall) > COST_EPSILON) return a.fairShortfall - b.fairShortfall;
  if (Math.abs(a.roadKm - b.roadKm) > COST_EPSILON) return a.roadKm - b.roadKm;
  return 0;
}

/** Returns the fairness tolerance in visits for a plan serving `served` visits: the fixed option when given, else max(2.5, 1.5 % of served). */
export function fairnessToleranceFor(served: number, fixed: number | undefined): number {
  return fixed ?? Math.max(MIN_FAIRNESS_TOLERANCE, DEFAULT_FAIRNESS_TOLERANCE_SHARE * served);
}

/**
 * Fair shares, shortfall and the fairness guard's excess. Caches per total served count, so a shortfall
 * costs O(regions) to evaluate.
 *
 * The shortfall is the checker's figure: demand counts every request, also those no truck-day can take
 * (outside the horizon, closed or excluded days, too long for a shift) and cancelled ones. The part of it
 * that no plan can avoid (see unavoidable) is not held against a plan by the guard: it would only push
 * the guard to serve fewer visits everywhere, which helps no region.
 */
export class FairnessTable {
  private readonly cache = new Map<number, Float64Array>();
  private readonly unavoidableCache = new Map<number, number>();
  private readonly servable: Int32Array;

  constructor(
    private readonly problem: Problem,
    private readonly fixedTolerance?: number,
    /** What the search ranks plans on; see Objective. Default: the fairness guard (today's order). */
    readonly objective: Objective = { kind: 'guard' },
  ) {
    this.servable = new Int32Array(problem.regionWeights.length);
    for (const r of problem.requests) if (!r.isCancelled && r.candidateDays.length > 0) this.servable[r.region]!++;
  }

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

  /**
   * Returns the least shortfall any plan with `served` visits can have, whatever its routes: the best split
   * of whole visits over the regions, each region at most its servable requests. It is the part of the
   * shortfall that is unavoidable, from requests no truck-day can take and from fair shares being fractions.
   */
  unavoidable(served: number): number {
    let value = this.unavoidableCache.get(served);
    if (value === undefined) {
      value = leastShortfall(this.sharesFor(served), this.servable, served);
      this.unavoidableCache.set(served, value);
    }
    return value;
  }

  /** Returns the tolerance in visits the guard allows a plan serving `served` visits. */
  tolerance(served: number): number {
    return fairnessToleranceFor(served, this.fixedTolerance);
  }

  /** Returns the fairness guard's excess: how far a shortfall is above its unavoidable part plus the tolerance (0 when within). */
  excess(shortfall: number, served: number): number {
    if (this.objective.kind !== 'guard') return 0;
    return Math.max(0, shortfall - this.unavoidable(served) - this.tolerance(served));
  }

  /**
   * Returns the figures compareCost needs, from a plan's totals and its split over regions. Under another
   * objective than the guard they are rank figures, not the plan's own: 'schools' ranks on priority, served,
   * then km (fairShortfall reads 0); 'km' puts the visits and priority below the floor in fairExcess and then
   * ranks on km alone (servedPriority, served and fairShortfall read 0). Use plainFigures for reports.
   */
  figures(
    servedPriority: number,
    served: number,
    changes: number,
    regionServed: ArrayLike<number>,
    roadKm: number,
  ): CostFigures {
    const o = this.objective;
    if (o.kind === 'schools') return { fairExcess: 0, servedPriority, served, changes, fairShortfall: 0, roadKm };
    if (o.kind === 'km') {
      const below = Math.max(0, o.minServedPriority - servedPriority) + Math.max(0, o.minServed - served);
      return { fairExcess: below, servedPriority: 0, served: 0, changes, fairShortfall: 0, roadKm };
    }
    const fairShortfall = this.shortfall(regionServed, served);
    return { fairExcess: this.excess(fairShortfall, served), servedPriority, served, changes, fairShortfall, roadKm };
  }

  /** Returns a plan's own figures (fairShortfall, served, km), whatever the objective; fairExcess is the default guard's. */
  plainFigures(
    servedPriority: number,
    served: number,
    changes: number,
    regionServed: ArrayLike<number>,
    roadKm: number,
  ): CostFigures {
    const fairShortfall = this.shortfall(regionServed, served);
    const fairExcess = Math.max(0, fairShortfall - this.unavoidable(served) - this.tolerance(served));
    return { fairExcess, servedPriority, served, changes, fairShortfall, roadKm };
  }
}

/**
 * What the search ranks plans on. 'guard' is the default order of compareCost (fairness guard, priority,
 * served, changes, shortfall, km). 'schools' leaves fairness out: priority, served, changes, km. 'km' keeps
 * at least `minServedPriority` priority and `minServed` visits (falling below counts as a guard excess that
 * never grows) and then ranks on km alone: the fewest km among plans serving at least as many.
 */
export type Objective =
  { kind: 'guard' } | { kind: 'schools' } | { kind: 'km'; minServedPriority: number; minServed: number };

/**
 * Returns min Σ_r max(0, shares_r − s_r) over whole numbers 0 ≤ s_r ≤ caps_r with Σ s_r = served (when the
 * caps allow that many). Greedy is exact: every region first gets ⌊share⌋ (capped), and each further visit
 * gains at most the fractional part of one region's share, so the leftover visits go to the largest parts.
 */
export function leastShortfall(shares: ArrayLike<number>, caps: ArrayLike<number>, served: number): number {
  let shortfall = 0;
  let left = served;
  const gains: number[] = [];
  for (let i = 0; i < shares.length; i++) {
    const share = shares[i]!;
    const base = Math.min(caps[i]!, Math.floor(share + COST_EPSILON));
    left -= base;
    const rest = Math.max(0, share - base);
    shortfall += rest;
    if (base < caps[i]! && rest > 0) gains.push(Math.min(1, rest));
  }
  gains.sort((a, b) => b - a);
  for (let k = 0; k < gains.length && left > 0; k++, left--) shortfall -= gains[k]!;
  return Math.max(0, shortfall);
}
