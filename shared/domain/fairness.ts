/** A region as far as fairness is concerned: its id and its weight (share of visits ∝ weight). */
export interface WeightedRegion {
  id: string;
  weight: number;
}

/**
 * Returns each region's max-min fair number of visits (water filling) for `served` visits in total:
 * f[i] = min(demand[i], λ·weight[i]) with Σ f = served. Arrays are indexed like `weights`.
 * Regions without demand or weight get 0. Same arithmetic, in the same order, as check-plan.mjs.
 */
export function computeFairShares(weights: readonly number[], demands: readonly number[], served: number): number[] {
  const fair = weights.map(() => 0);
  let open: number[] = [];
  for (let i = 0; i < weights.length; i++) if ((demands[i] ?? 0) > 0 && (weights[i] ?? 0) > 0) open.push(i);
  let left = served;
  while (open.length > 0 && left > 1e-9) {
    let totalWeight = 0;
    for (const i of open) totalWeight += weights[i] ?? 0;
    const capped = open.filter((i) => (demands[i] ?? 0) - (fair[i] ?? 0) <= (left * (weights[i] ?? 0)) / totalWeight);
    if (capped.length === 0) {
      for (const i of open) fair[i] = (fair[i] ?? 0) + (left * (weights[i] ?? 0)) / totalWeight;
      left = 0;
    } else {
      for (const i of capped) {
        left -= (demands[i] ?? 0) - (fair[i] ?? 0);
        fair[i] = demands[i] ?? 0;
      }
      open = open.filter((i) => !capped.includes(i));
    }
  }
  return fair;
}

/** Returns Σ max(0, fair[i] − served[i]): the visits that went elsewhere than the fair split says (0 is perfectly fair). */
export function shortfallFromShares(fair: ArrayLike<number>, servedByRegion: ArrayLike<number>): number {
  let shortfall = 0;
  for (let i = 0; i < fair.length; i++) shortfall += Math.max(0, (fair[i] ?? 0) - (servedByRegion[i] ?? 0));
  return shortfall;
}

/** Returns the fair-share shortfall of a split of served visits over regions (arrays indexed like `weights`). */
export function computeFairShortfall(
  weights: readonly number[],
  demands: readonly number[],
  servedByRegion: readonly number[],
): number {
  const total = servedByRegion.reduce((sum, s) => sum + s, 0);
  return shortfallFromShares(computeFairShares(weights, demands, total), servedByRegion);
}

/** Returns each region's fair number of visits by region id, for `served` visits and the demand (requests) per region id. */
export function fairShares(
  regions: readonly WeightedRegion[],
  demand: Readonly<Record<string, number>>,
  served: number,
): Record<string, number> {
  const shares = computeFairShares(
    regions.map((r) => r.weight),
    regions.map((r) => demand[r.id] ?? 0),
    served,
  );
  return Object.fromEntries(regions.map((r, i) => [r.id, shares[i] ?? 0]));
}

/** Returns the fair-share shortfall (see PLANNING-FORMAT.md "fairShortfall") given demand and served visits by region id. */
export function fairShortfall(
  regions: readonly WeightedRegion[],
  demand: Readonly<Record<string, number>>,
  servedByRegion: Readonly<Record<string, number>>,
): number {
  return computeFairShortfall(
    regions.map((r) => r.weight),
    regions.map((r) => demand[r.id] ?? 0),
    regions.map((r) => servedByRegion[r.id] ?? 0),
  );
}
