import { constructPlan } from './construct';
import type { SearchContext } from './context';
import { FairnessTable } from './cost';
import { evaluatePlanAgainst } from './evaluate';
import { WORK_UNITS_PER_MS, improvePlan } from './improve';
import { InvalidInputError, buildProblem, validatePlanningInstance } from './input';
import type { Problem } from './input';
import { explainUnassigned } from './reasons';
import { createRng } from './rng';
import { emptySolution, figuresOf } from './solution';
import type { Solution } from './solution';
import { toPlan } from './output';
import type { EvaluationResult, OptimizeOptions, OptimizeResult, Plan } from './types';

export * from './types';
export { InvalidInputError, validatePlanningInstance } from './input';
export { DEFAULT_FAIRNESS_TOLERANCE_SHARE, MIN_FAIRNESS_TOLERANCE, compareCost, fairnessToleranceFor } from './cost';
export { WORK_UNITS_PER_MS } from './improve';
export { dominates, fewestKmFrom, optimizeAlternatives } from './alternatives';
export type { Alternative, AlternativesOptions, AlternativesResult, DroppedAlternative } from './alternatives';

/** Default time limit of optimizeTour in ms. */
export const DEFAULT_TIME_LIMIT_MS = 10_000;

/**
 * Plans the instance: validate → construct (regret insertion) → improve (ALNS) → plan in the exchange
 * format with reasons for every unassigned request. Deterministic for the same instance and options
 * (the time limit sets a work budget; see improve.ts). Honours pinned visits and re-plans around a
 * previous plan. Throws InvalidInputError for an invalid instance or options, never for infeasibility.
 */
export function optimizeTour(instanceValue: unknown, options: OptimizeOptions = {}): OptimizeResult {
  const instance = validatePlanningInstance(instanceValue);
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const workBudget = Math.max(0, Math.round(options.workBudget ?? timeLimitMs * WORK_UNITS_PER_MS));
  const clock = options.clock;
  const clockStart = clock ? clock() : 0;
  const elapsed = (): number => (clock ? clock() - clockStart : 0);
  const fairnessTolerance = options.fairnessTolerance;
  if (fairnessTolerance !== undefined && !(Number.isFinite(fairnessTolerance) && fairnessTolerance >= 0)) {
    throw new InvalidInputError([
      `fairnessTolerance must be a finite number of visits ≥ 0, got ${String(fairnessTolerance)}`,
    ]);
  }
  const p = buildProblem(instance, options.pinned ?? [], options.cancelled ?? []);
  const prevDay = options.previousPlan ? previousDays(p, options.previousPlan) : null;
  const ctx: SearchContext = {
    p,
    s: emptySolution(p),
    fairness: new FairnessTable(p, fairnessTolerance),
    prevDay,
    log: [],
    rng: createRng(options.seed ?? 1),
    scratch: new Int32Array(p.maxVisits + 2),
  };
  constructPlan(ctx, options.previousPlan);
  const constructed = figuresOf(ctx.s, ctx.fairness);
  const constructMs = elapsed();
  const constructWorkUnits = p.meter.work;
  const report = options.onProgress;
  report?.({
    phase: 'construct',
    iteration: 0,
    fraction: Math.min(1, p.meter.work / Math.max(1, workBudget)),
    best: constructed,
    elapsedMs: elapsed(),
  });

  const outcome = improvePlan(ctx, {
    workLimit: workBudget,
    workStart: 0,
    clockStart,
    hardStopMs: options.hardStopMs ?? timeLimitMs,
    ...(clock ? { clock } : {}),
    ...(report
      ? {
          onProgress: (phase, iteration, fraction, best) =>
            report({ phase, iteration, fraction, best, elapsedMs: elapsed() }),
        }
      : {}),
  });

  const improveMs = elapsed() - constructMs;
  const reasons = explainUnassigned(p, ctx.s);
  const plan = toPlan(p, ctx.s, reasons);
  const check = evaluatePlanAgainst(instance, plan);
  if (!check.valid) throw new Error(`internal: optimizer produced an invalid plan: ${check.violations[0]?.message}`);
  const best = figuresOf(ctx.s, ctx.fairness);
  const { moved, retimed } = options.previousPlan
    ? countChanges(p, ctx.s, prevDay!, options.previousPlan, plan)
    : { moved: 0, retimed: 0 };
  report?.({ phase: 'done', iteration: outcome.iterations, fraction: 1, best, elapsedMs: elapsed() });
  return {
    plan,
    figures: check.figures,
    reasons,
    stats: {
      iterations: outcome.iterations,
      workUnits: p.meter.work,
      workBudget,
      constructWorkUnits,
      elapsedMs: elapsed(),
      constructMs,
      improveMs,
      stoppedBy: outcome.stoppedBy,
      constructed,
      best,
      fairnessTolerance: ctx.fairness.tolerance(best.served),
      unavoidableShortfall: ctx.fairness.unavoidable(best.served),
      movedVisits: moved,
      retimedVisits: retimed,
    },
  };
}

/** Plan mode: checks a plan against an instance on every hard rule and returns violations and figures. Throws InvalidInputError for an invalid instance. */
export function evaluatePlan(instanceValue: unknown, plan: unknown): EvaluationResult {
  return evaluatePlanAgainst(validatePlanningInstance(instanceValue), plan);
}

/** Each request's truck-day in the previous plan: -1 when not planned or cancelled, days.length when its old day no longer exists. */
function previousDays(p: Problem, plan: Plan): Int32Array {
  const prev = new Int32Array(p.requests.length).fill(-1);
  const truckIndex = new Map(p.instance.trucks.map((t, i) => [t.id, i]));
  for (const route of plan.routes) {
    const d = p.dayByKey.get(`${truckIndex.get(route.truck) ?? -1}|${route.date}`) ?? p.days.length;
    for (const stop of route.stops) {
      const r = p.requestIndex.get(stop.request);
      if (r !== undefined && !p.requests[r]!.isCancelled) prev[r] = d;
    }
  }
  return prev;
}

function countChanges(
  p: Problem,
  s: Solution,
  prevDay: Int32Array,
  previous: Plan,
  plan: Plan,
): { moved: number; retimed: number } {
  const startOf = (pl: Plan): Map<string, string> =>
    new Map(pl.routes.flatMap((r) => r.stops.map((x) => [x.request, x.start] as const)));
  const before = startOf(previous);
  const after = startOf(plan);
  let moved = 0;
  let retimed = 0;
  for (const r of p.requests) {
    const prev = prevDay[r.index]!;
    if (prev < 0) continue;
    if (s.dayOf[r.index] !== prev) moved++;
    else if (before.get(r.id) !== after.get(r.id)) retimed++;
  }
  return { moved, retimed };
}
