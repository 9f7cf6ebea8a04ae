/*
 * Improvement: adaptive large neighbourhood search (ALNS) with simulated-annealing acceptance.
 *
 * Determinism versus the time limit. Same input and seed must give byte-identical plans, but a
 * wall-clock limit would stop the search after a machine- and load-dependent number of steps.
 * So the search is bounded by a deterministic WORK BUDGET instead: the number of route evaluations
 * (calls of routeKm, the unit every move pays for). index.ts turns the time limit into a budget,
 * timeLimitMs × WORK_UNITS_PER_MS, measured on the 2-core reference machine: the largest bench instance
 * (3000 requests) ends after 3.7 s of 10 when the machine is quiet (load 2) and after 12.3 s at load 5,
 * so it stays in its limit unless other jobs take most of both cores. The first part of the budget is ALNS,
 * the last INTENSIFY_SHARE deterministic iterated descent. Every decision (temperature, operator
 * weights, progress reports) is a function of the work done, never of the clock. The clock is only a
 * safety stop (default: the time limit itself, counted from the start of the run): if it ever cuts a run, stats.stoppedBy is 'clock', the
 * CLI says so on stderr, and only then is the result not reproducible.
 */
import type { SearchContext } from './context';
import { isMovable } from './context';
import { COST_EPSILON, compareCost } from './cost';
import type { DestroyOperator } from './moves/destroy';
import {
  removeDateWindow,
  removeForUnderServed,
  removeOverServed,
  removeRandom,
  removeRelated,
  removeWorst,
} from './moves/destroy';
import { chainInsert, chainRelocate } from './moves/chain';
import { ejectInsert, ejectRelocate } from './moves/eject';
import { exchangeUnassigned } from './moves/exchange';
import { insertRegret } from './moves/insert';
import { relocateRequest } from './moves/relocate';
import { reorderDay } from './moves/reorder';
import { regroupDescent } from './moves/regroup';
import { swapRequest } from './moves/swap';
import { cloneSolution, copySolution, figuresOf, setRoute, undoChanges } from './solution';
import type { CostFigures, OptimizePhase, StopCause } from './types';

/** Work units (route evaluations plus per-iteration bookkeeping) per millisecond of time limit; see the top of this file for what it gives on the reference machine. */
export const WORK_UNITS_PER_MS = 1350;

/** Limits and hooks of the improvement phase. */
export interface ImproveParams {
  /** Stop when ctx.p.meter.work reaches this. */
  workLimit: number;
  /** Value of ctx.p.meter.work when the run (construction included) started, for progress fractions. */
  workStart: number;
  clock?: () => number;
  clockStart: number;
  hardStopMs: number;
  onProgress?: (phase: OptimizePhase, iteration: number, fraction: number, best: CostFigures) => void;
}

/** What the improvement phase did. */
export interface ImproveOutcome {
  iterations: number;
  stoppedBy: StopCause;
}

interface Operator {
  name: string;
  run: (ctx: SearchContext) => void;
  weight: number;
  score: number;
  uses: number;
}

const SCORE_NEW_BEST = 33;
const SCORE_BETTER = 9;
const SCORE_ACCEPTED = 3;
const SEGMENT = 100;
const REACTION = 0.2;
const MAX_POOL_EXTRA = 24;
const ITERATION_OVERHEAD_UNITS = 40;
/** Share of the improvement budget kept for the final descents (iteratedDescent: descent, regrouping, kicks). */
const INTENSIFY_SHARE = 0.4;
/** Requests an ejection chain looks at per search in the descents, where every request tries one each sweep (the search's operators look at up to MAX_CHAIN_NODES). */
const DESCENT_CHAIN_NODES = 20;
const REPAIR_FAIR_BONUS_KM = 40;
/** A visit (or priority point) given up, in average route km, for the annealed acceptance of a plan serving fewer. */
const VISIT_LOSS_WEIGHT = 0.3;
/** Start temperature in average route km (a lost visit is taken with probability e^-0.3 at first, e^-150 at the end). */
const START_TEMPERATURE = 1;

function randomUnassigned(ctx: SearchContext): number {
  const { p, s, rng } = ctx;
  for (let t = 0; t < 40; t++) {
    const r = rng.int(p.requests.length);
    if (s.dayOf[r]! < 0 && isMovable(p, r) && p.requests[r]!.candidateDays.length > 0) return r;
  }
  return -1;
}

function randomServed(ctx: SearchContext): number {
  const { p, s, rng } = ctx;
  for (let t = 0; t < 40; t++) {
    const r = rng.int(p.requests.length);
    if (s.dayOf[r]! >= 0 && isMovable(p, r)) return r;
  }
  return -1;
}

/** Adds to the removed requests a random sample of unassigned requests that could use the freed truck-days. */
function repairPool(ctx: SearchContext, removed: number[]): number[] {
  const { p, s, rng } = ctx;
  const inPool = new Set(removed);
  const extra: number[] = [];
  const touched = new Set(ctx.log.map((c) => c.day));
  for (const d of touched) {
    for (const r of p.requestsByDay[d]!) {
      if (s.dayOf[r]! < 0 && !inPool.has(r) && isMovable(p, r)) {
        inPool.add(r);
        extra.push(r);
      }
    }
  }
  p.meter.work += extra.length >> 4;
  const cap = Math.min(extra.length, MAX_POOL_EXTRA + removed.length);
  for (let i = 0; i < cap; i++) {
    const j = i + rng.int(extra.length - i);
    const t = extra[i]!;
    extra[i] = extra[j]!;
    extra[j] = t;
  }
  return [...removed, ...extra.slice(0, cap)];
}

/**
 * Fairness bonus of a repair: half of the repairs favour under-served regions, half do not. The guard
 * already keeps every accepted plan fair enough; a bonus on every repair would keep putting the same
 * far-away visits back and hide plans that serve more within the tolerance.
 */
function repairFairBonusKm(ctx: SearchContext): number {
  return ctx.rng.next() < 0.5 ? 0 : REPAIR_FAIR_BONUS_KM;
}

function destroyAndRepair(destroy: DestroyOperator): (ctx: SearchContext) => void {
  return (ctx) => {
    const served = ctx.s.served;
    const qMax = Math.max(4, Math.min(30, Math.round(served * 0.12)));
    const q = 2 + ctx.rng.int(qMax - 1);
    const removed = destroy(ctx, q);
    if (removed.length === 0) return;
    insertRegret(ctx, repairPool(ctx, removed), {
      noiseKm: 15 * ctx.rng.next(),
      fairBonusKm: repairFairBonusKm(ctx),
      targetServed: served,
    });
  };
}

function buildOperators(): Operator[] {
  const op = (name: string, run: (ctx: SearchContext) => void): Operator => ({
    name,
    run,
    weight: 1,
    score: 0,
    uses: 0,
  });
  return [
    op('random-removal', destroyAndRepair(removeRandom)),
    op('related-removal', destroyAndRepair(removeRelated)),
    op('date-window-removal', destroyAndRepair(removeDateWindow)),
    op('worst-removal', destroyAndRepair(removeWorst)),
    op('over-served-removal', destroyAndRepair(removeOverServed)),
    op('under-served-insertion', destroyAndRepair(removeForUnderServed)),
    op('insert-unassigned', (ctx) => {
      const pool = new Set<number>();
      for (let i = 0; i < 12; i++) {
        const r = randomUnassigned(ctx);
        if (r >= 0) pool.add(r);
      }
      insertRegret(ctx, [...pool], { noiseKm: 0, fairBonusKm: repairFairBonusKm(ctx), targetServed: ctx.s.served });
    }),
    op('relocate', (ctx) => {
      for (let i = 0; i < 4; i++) {
        const r = randomServed(ctx);
        if (r >= 0) relocateRequest(ctx, r);
      }
    }),
    op('swap', (ctx) => {
      const r = randomServed(ctx);
      if (r >= 0) swapRequest(ctx, r);
    }),
    op('eject-insert', (ctx) => {
      for (let i = 0; i < 2; i++) {
        const r = randomUnassigned(ctx);
        if (r >= 0) ejectInsert(ctx, r);
      }
    }),
    op('chain-insert', (ctx) => {
      const r = randomUnassigned(ctx);
      if (r >= 0) chainInsert(ctx, r);
    }),
    op('chain-relocate', (ctx) => {
      const r = randomServed(ctx);
      if (r >= 0) chainRelocate(ctx, r);
    }),
    op('eject-relocate', (ctx) => {
      for (let i = 0; i < 2; i++) {
        const r = randomServed(ctx);
        if (r >= 0) ejectRelocate(ctx, r);
      }
    }),
    op('exchange-unassigned', (ctx) => {
      for (let i = 0; i < 4; i++) {
        const r = randomUnassigned(ctx);
        if (r >= 0) exchangeUnassigned(ctx, r);
      }
    }),
  ];
}

function pickOperator(ops: Operator[], x: number): Operator {
  let total = 0;
  for (const o of ops) total += o.weight;
  let t = x * total;
  for (const o of ops) {
    t -= o.weight;
    if (t < 0) return o;
  }
  return ops[ops.length - 1]!;
}

/**
 * Returns true when a candidate at figures `next` may replace the current one. The fairness guard's excess
 * never grows (and, re-planning, the changes never grow). More served (by priority) is always taken. Fewer
 * served is taken with a small probability: each lost visit (or priority point) counts as `visitWeightKm`,
 * annealed at `lossTemperature`, so the search can step back one visit to reach a plan with a different
 * day structure, which no destroy-and-repair of a few visits finds on tight days (one truck, two visits a
 * day). At equal served, simulated annealing on fairShortfall (weighted in km) plus km.
 */
function isAccepted(
  next: CostFigures,
  current: CostFigures,
  temperature: number,
  lossTemperature: number,
  weights: { fairKm: number; visitKm: number },
  x: number,
): boolean {
  if (Math.abs(next.fairExcess - current.fairExcess) > COST_EPSILON) return next.fairExcess < current.fairExcess;
  if (next.changes !== current.changes) return next.changes < current.changes;
  const lostPriority = current.servedPriority - next.servedPriority;
  const lostServed = current.served - next.served;
  if (lostPriority < 0 || (lostPriority === 0 && lostServed < 0)) return true;
  const loss = (lostPriority + Math.max(0, lostServed)) * weights.visitKm;
  const delta = (next.fairShortfall - current.fairShortfall) * weights.fairKm + (next.roadKm - current.roadKm);
  if (loss <= 0 && delta <= 1e-9) return true;
  return x < Math.exp(-loss / lossTemperature - Math.max(0, delta) / temperature);
}

/** Improves ctx.s in place until the work limit (or the safety stop); leaves the best plan found in ctx.s. */
export function improvePlan(ctx: SearchContext, params: ImproveParams): ImproveOutcome {
  const { p, s, rng } = ctx;
  const ops = buildOperators();
  const budget = Math.max(1, params.workLimit - params.workStart);
  const workAtStart = p.meter.work;
  let current = figuresOf(s, ctx.fairness);
  let best = current;
  const bestRoutes = s.routes.map((r) => r.slice());
  const bestKm = s.routeKm.slice();
  const dirty = new Set<number>();
  const routes = Math.max(1, s.routes.filter((r) => r.length > 0).length);
  const avgRouteKm = Math.max(1, s.totalKm / routes);
  // Hot enough at first to move a far visit (a whole depot round trip) off a day it holds; cools to a descent.
  const t0 = START_TEMPERATURE * avgRouteKm;
  const tEnd = 0.002 * avgRouteKm;
  const weights = { fairKm: 2 * avgRouteKm, visitKm: VISIT_LOSS_WEIGHT * avgRouteKm };
  let iterations = 0;
  let stoppedBy: StopCause = 'budget';
  let sinceBest = 0;
  let nextReport = 0;
  ctx.log.length = 0;

  const saveBest = (): void => {
    for (const d of dirty) {
      bestRoutes[d] = s.routes[d]!.slice();
      bestKm[d] = s.routeKm[d]!;
    }
    dirty.clear();
  };
  const restoreBest = (): void => {
    for (const d of dirty) setRoute(p, s, ctx.prevDay, d, [], 0, null);
    for (const d of dirty) setRoute(p, s, ctx.prevDay, d, bestRoutes[d]!.slice(), bestKm[d]!, null);
    dirty.clear();
    current = figuresOf(s, ctx.fairness);
  };

  const searchLimit = params.workLimit - Math.floor(INTENSIFY_SHARE * budget);
  while (p.meter.work < searchLimit) {
    if (params.clock && (iterations & 31) === 0 && params.clock() - params.clockStart > params.hardStopMs) {
      stoppedBy = 'clock';
      break;
    }
    iterations++;
    // Bookkeeping per iteration (figures, undo, operator choice) is work too; counting it keeps the budget proportional to time on small instances.
    p.meter.work += ITERATION_OVERHEAD_UNITS;
    const fraction = Math.min(1, (p.meter.work - workAtStart) / budget);
    const temperature = t0 * Math.pow(tEnd / t0, fraction);
    const op = pickOperator(ops, rng.next());
    op.run(ctx);
    op.uses++;
    for (const d of new Set(ctx.log.map((c) => c.day))) reorderDay(ctx, d);
    const next = figuresOf(s, ctx.fairness);
    if (compareCost(next, best) < 0) {
      for (const c of ctx.log) dirty.add(c.day);
      ctx.log.length = 0;
      saveBest();
      best = next;
      current = next;
      op.score += SCORE_NEW_BEST;
      sinceBest = 0;
    } else if (isAccepted(next, current, temperature, temperature, weights, rng.next())) {
      op.score += compareCost(next, current) < 0 ? SCORE_BETTER : SCORE_ACCEPTED;
      for (const c of ctx.log) dirty.add(c.day);
      ctx.log.length = 0;
      current = next;
      sinceBest++;
    } else {
      undoChanges(p, s, ctx.prevDay, ctx.log);
      sinceBest++;
    }
    if (iterations % SEGMENT === 0) {
      for (const o of ops) {
        if (o.uses > 0) o.weight = Math.max(0.05, (1 - REACTION) * o.weight + (REACTION * o.score) / o.uses);
        o.score = 0;
        o.uses = 0;
      }
    }
    if (sinceBest > 3000) {
      restoreBest();
      sinceBest = 0;
    }
    const total = (p.meter.work - params.workStart) / Math.max(1, params.workLimit - params.workStart);
    if (params.onProgress && total >= nextReport) {
      params.onProgress('improve', iterations, Math.min(1, total), best);
      nextReport = Math.min(1, total) + 0.02;
    }
  }
  restoreBest();
  if (stoppedBy === 'budget') iteratedDescent(ctx, params.workLimit, ops.length);
  fillRemaining(ctx);
  return { iterations, stoppedBy };
}

/** Destroy operators of the kicks between descents, with the number of visits each takes out. */
const KICKS: DestroyOperator[] = [
  removeRelated,
  removeDateWindow,
  removeRandom,
  removeWorst,
  removeOverServed,
  removeForUnderServed,
];

/**
 * The final share of the budget: a descent (intensify) to a local optimum, then, while work is left,
 * iterated local search: kick the best plan (take out a few related visits and put back with noise),
 * descend again, keep the result when it is better by compareCost. One descent alone stops at the first
 * local optimum, which on tight one-truck tours is a few percent of km above the best arrangement.
 */
function iteratedDescent(ctx: SearchContext, workLimit: number, seedSalt: number): void {
  const { p, s, rng } = ctx;
  descend(ctx, workLimit);
  let best = cloneSolution(s);
  let bestFigures = figuresOf(s, ctx.fairness);
  let kick = seedSalt;
  let idle = 0;
  while (p.meter.work < workLimit && idle < KICKS.length) {
    ctx.log.length = 0;
    const destroy = KICKS[kick++ % KICKS.length]!;
    const removed = destroy(ctx, 3 + rng.int(6));
    // A kick with nothing to take out (no over-served region, say): the next kind; stop when none has.
    idle = removed.length === 0 ? idle + 1 : 0;
    if (removed.length === 0) continue;
    insertRegret(ctx, repairPool(ctx, removed), { noiseKm: 10 * rng.next(), fairBonusKm: 0, targetServed: s.served });
    for (const d of new Set(ctx.log.map((c) => c.day))) reorderDay(ctx, d);
    ctx.log.length = 0;
    descend(ctx, workLimit);
    const figures = figuresOf(s, ctx.fairness);
    // Copying a plan costs about one unit per truck-day and per request, counted in routes' terms.
    p.meter.work += (p.days.length + p.requests.length) >> 1;
    if (compareCost(figures, bestFigures) < 0) {
      best = cloneSolution(s);
      bestFigures = figures;
    } else {
      copySolution(best, s);
    }
  }
  copySolution(best, s);
  ctx.log.length = 0;
}

/** Descends to a plan no move and no regrouping of days improves (or until the work runs out). */
function descend(ctx: SearchContext, workLimit: number): void {
  intensify(ctx, workLimit);
  while (ctx.p.meter.work < workLimit && regroupDescent(ctx, workLimit)) {
    ctx.log.length = 0;
    intensify(ctx, workLimit);
  }
  ctx.log.length = 0;
}

/**
 * Final descent on the best plan with the rest of the budget: every planned visit tries relocate, swap and
 * the ejection chain, every unassigned one the ejection insert, keeping only changes that make the plan
 * better by compareCost, until a full sweep finds none or the work runs out. Sweeps go in index order, so it is deterministic.
 */
function intensify(ctx: SearchContext, workLimit: number): void {
  const { p, s } = ctx;
  let improved = true;
  while (improved && p.meter.work < workLimit) {
    improved = false;
    for (let r = 0; r < p.requests.length && p.meter.work < workLimit; r++) {
      if (!isMovable(p, r) || p.requests[r]!.candidateDays.length === 0) continue;
      const before = figuresOf(s, ctx.fairness);
      p.meter.work += 2;
      ctx.log.length = 0;
      if (s.dayOf[r]! >= 0) {
        if (!relocateRequest(ctx, r) && !swapRequest(ctx, r) && !ejectRelocate(ctx, r))
          chainRelocate(ctx, r, DESCENT_CHAIN_NODES);
      } else if (!exchangeUnassigned(ctx, r) && !ejectInsert(ctx, r)) chainInsert(ctx, r, DESCENT_CHAIN_NODES);
      for (const d of new Set(ctx.log.map((c) => c.day))) reorderDay(ctx, d);
      if (ctx.log.length === 0) continue;
      if (compareCost(figuresOf(s, ctx.fairness), before) < 0) improved = true;
      else undoChanges(p, s, ctx.prevDay, ctx.log);
    }
  }
  ctx.log.length = 0;
}

/** Last pass: any unassigned request that still fits somewhere (or beats a planned one) gets in. */
function fillRemaining(ctx: SearchContext): void {
  const { p, s } = ctx;
  for (const r of p.requests) {
    if (s.dayOf[r.index]! < 0 && isMovable(p, r.index) && r.candidateDays.length > 0) exchangeUnassigned(ctx, r.index);
  }
  ctx.log.length = 0;
}
