import type { SearchContext } from '../context';
import { bestInsertion, indexOfSorted, insertAt } from '../context';
import { COST_EPSILON } from '../cost';

/** How regret insertion ranks requests. */
export interface RegretParams {
  /** Random noise added to each key, in km (0 for the deterministic construction). */
  noiseKm: number;
  /** Bonus in km per visit a request's region is below its fair share of `targetServed` visits. */
  fairBonusKm: number;
  /** The total served count the fair shares are taken for. */
  targetServed: number;
  /**
   * Construction: regions take turns in proportion to their fair share of targetServed, before priority.
   * Without it, the requests of the largest region fill the days that a region with few free days needs,
   * and the fairness guard then stops the construction long before the days are full.
   */
  paced?: boolean;
}

/**
 * Marks the regions where one more visit would raise the fairness guard's excess (see FairnessTable.excess);
 * a request of such a region waits until visits elsewhere make room, and is left out if none do.
 */
function markGuarded(ctx: SearchContext, blocked: Uint8Array): void {
  const { s, fairness } = ctx;
  const rs = s.regionServed;
  const now = fairness.excess(fairness.shortfall(rs, s.served), s.served);
  for (let g = 0; g < rs.length; g++) {
    rs[g]!++;
    const after = fairness.excess(fairness.shortfall(rs, s.served + 1), s.served + 1);
    rs[g]!--;
    blocked[g] = after > now + COST_EPSILON ? 1 : 0;
  }
}

const PRIORITY_KEY = 10_000;
const SINGLE_OPTION_REGRET = 500;
const MAX_REGRET = 300;
const PACE_KEY = 100_000;

/**
 * Regret insertion: repeatedly places the pool request with the highest key (priority first, then
 * regret, i.e. how much it loses if its best place is taken, then its region's fairness deficit) at
 * its cheapest place, skipping requests whose region would push the plan over the fairness guard.
 * Requests that fit nowhere (or only over the guard) stay unassigned. Returns how many were placed.
 */
export function insertRegret(ctx: SearchContext, pool: readonly number[], params: RegretParams): number {
  const { p, s } = ctx;
  const n = pool.length;
  const deltas: Float64Array[] = [];
  const positions: Int16Array[] = [];
  const best1 = new Float64Array(n);
  const best2 = new Float64Array(n);
  const bestIdx = new Int32Array(n);
  const count = new Int32Array(n);
  const noise = new Float64Array(n);
  const done = new Uint8Array(n);
  const slotOf = new Map<number, number[]>();

  const rescan = (i: number): void => {
    const ds = deltas[i]!;
    let b1 = Infinity;
    let b2 = Infinity;
    let bi = -1;
    let c = 0;
    for (let j = 0; j < ds.length; j++) {
      const v = ds[j]!;
      if (v === Infinity) continue;
      c++;
      if (v < b1) {
        b2 = b1;
        b1 = v;
        bi = j;
      } else if (v < b2) b2 = v;
    }
    best1[i] = b1;
    best2[i] = b2;
    bestIdx[i] = bi;
    count[i] = c;
  };

  for (let i = 0; i < n; i++) {
    const r = pool[i]!;
    const days = p.requests[r]!.candidateDays;
    const ds = new Float64Array(days.length);
    const ps = new Int16Array(days.length);
    for (let j = 0; j < days.length; j++) {
      const d = days[j]!;
      const ins = bestInsertion(ctx, r, d);
      ds[j] = ins.deltaKm;
      ps[j] = ins.pos;
      const list = slotOf.get(d);
      if (list) list.push(i);
      else slotOf.set(d, [i]);
    }
    deltas.push(ds);
    positions.push(ps);
    noise[i] = params.noiseKm > 0 ? ctx.rng.next() * params.noiseKm : 0;
    rescan(i);
  }

  let placed = 0;
  const blocked = new Uint8Array(p.regionWeights.length);
  const objective = ctx.fairness.objective;
  for (;;) {
    // The km-first objective needs no visit beyond its floor: every further one only adds km.
    if (objective.kind === 'km' && s.served >= objective.minServed && s.servedPriority >= objective.minServedPriority)
      break;
    const shares = ctx.fairness.sharesFor(params.targetServed);
    markGuarded(ctx, blocked);
    let pick = -1;
    let pickKey = -Infinity;
    for (let i = 0; i < n; i++) {
      if (done[i] || count[i] === 0) continue;
      const req = p.requests[pool[i]!]!;
      if (blocked[req.region]) continue;
      const regret =
        count[i] === 1 ? SINGLE_OPTION_REGRET : Math.min(MAX_REGRET, best2[i]! - best1[i]!) + 200 / count[i]!;
      const deficit = Math.max(-5, Math.min(5, shares[req.region]! - s.regionServed[req.region]!));
      let key = req.priority * PRIORITY_KEY + regret + params.fairBonusKm * deficit - best1[i]! * 0.1 + noise[i]!;
      if (params.paced)
        key +=
          PACE_KEY *
          Math.max(
            -3,
            Math.min(3, (shares[req.region]! * (s.served + 1)) / params.targetServed - s.regionServed[req.region]!),
          );
      if (key > pickKey) {
        pickKey = key;
        pick = i;
      }
    }
    if (pick < 0) break;
    const r = pool[pick]!;
    const j = bestIdx[pick]!;
    const d = p.requests[r]!.candidateDays[j]!;
    insertAt(ctx, r, d, positions[pick]![j]!, deltas[pick]![j]!);
    done[pick] = 1;
    placed++;
    for (const i of slotOf.get(d) ?? []) {
      if (done[i]) continue;
      const q = pool[i]!;
      const jj = indexOfSorted(p.requests[q]!.candidateDays, d);
      const ins = bestInsertion(ctx, q, d);
      deltas[i]![jj] = ins.deltaKm;
      positions[i]![jj] = ins.pos;
      rescan(i);
    }
  }
  return placed;
}
