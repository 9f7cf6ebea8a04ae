/*
 * Alternatives: up to four plans from one run, on the frontier of schools served, fairness and km.
 *
 * 1. gebalanceerd (balanced): optimizeTour with the caller's options, byte for byte today's plan.
 * 2. eerlijkst (fairest): from the balanced plan, the search with the fairness guard at tolerance 0.
 * 3. meeste scholen (most schools): from the balanced plan, ranked on served priority, served, then km.
 * 4. minste kilometers (fewest km): from the balanced plan, the fewest km among plans that serve at least
 *    as many (by priority and by count) as the balanced one.
 *
 * Each alternative search gets its own deterministic work budget (alternativeTimeLimitMs) and starts from
 * the balanced plan, so the set is reproducible for the same input and seed. Plans another one in the set
 * dominates (no fewer served, no more shortfall and km, one of them strictly) and duplicates are left out,
 * and `dropped` says why.
 */
import type { SearchContext } from './context';
import { FairnessTable } from './cost';
import type { Objective } from './cost';
import { evaluatePlanAgainst } from './evaluate';
import { WORK_UNITS_PER_MS, improvePlan } from './improve';
import { InvalidInputError, buildProblem, validatePlanningInstance } from './input';
import type { Problem } from './input';
import { explainUnassigned } from './reasons';
import { createRng } from './rng';
import { routeKm } from './route';
import { emptySolution, setRoute } from './solution';
import { toPlan } from './output';
import { optimizeTour } from './index';
import { ALTERNATIVE_KINDS, ALTERNATIVE_LABELS } from './types';
import type {
  AlternativeKind,
  CostFigures,
  OptimizeOptions,
  OptimizeResult,
  Plan,
  PlanFigures,
  PlanningInstance,
  StopCause,
  UnassignedReason,
} from './types';

/** One alternative plan with its figures (the checker's) and run statistics. */
export interface Alternative {
  kind: AlternativeKind;
  label: string;
  plan: Plan;
  figures: PlanFigures;
  reasons: UnassignedReason[];
  /** Work units and clock time this alternative's search took (the balanced one: its whole run). */
  workUnits: number;
  elapsedMs: number;
  /** 'clock' when the wall-clock safety stop cut this alternative's search (then it is not reproducible). */
  stoppedBy: StopCause;
}

/** An alternative left out of the set, and why. */
export interface DroppedAlternative {
  kind: AlternativeKind;
  label: string;
  /** The alternative that dominates or equals it. */
  by: AlternativeKind;
  why: 'dominated' | 'same';
  figures: PlanFigures;
}

/** What optimizeAlternatives returns. */
export interface AlternativesResult {
  alternatives: Alternative[];
  dropped: DroppedAlternative[];
  /** The balanced run's full result (today's optimizeTour result for the same input and options). */
  balanced: OptimizeResult;
}

/** Options of optimizeAlternatives: optimizeTour's, plus the time limit of each further alternative's search. */
export interface AlternativesOptions extends OptimizeOptions {
  /** Time limit (work budget) of each of the three searches after the balanced one; default half of timeLimitMs. */
  alternativeTimeLimitMs?: number;
}

/** Returns true when figures `a` dominate `b`: no fewer served (priority and count), no more shortfall and km, and better in one. */
export function dominates(a: PlanFigures, b: PlanFigures): boolean {
  const noWorse =
    a.servedPriority >= b.servedPriority &&
    a.served >= b.served &&
    a.fairShortfall <= b.fairShortfall &&
    a.roadKm <= b.roadKm;
  const better =
    a.servedPriority > b.servedPriority ||
    a.served > b.served ||
    a.fairShortfall < b.fairShortfall ||
    a.roadKm < b.roadKm;
  return noWorse && better;
}

const sameFigures = (a: PlanFigures, b: PlanFigures): boolean =>
  a.servedPriority === b.servedPriority &&
  a.served === b.served &&
  a.fairShortfall === b.fairShortfall &&
  a.roadKm === b.roadKm;

/**
 * Plans the instance and returns up to four alternatives (see the top of this file). The balanced one is
 * optimizeTour(instance, options) itself. Throws InvalidInputError like optimizeTour.
 */
export function optimizeAlternatives(instanceValue: unknown, options: AlternativesOptions = {}): AlternativesResult {
  const instance = validatePlanningInstance(instanceValue);
  const timeLimitMs = options.timeLimitMs ?? 10_000;
  const balancedBudget = Math.max(0, Math.round(options.workBudget ?? timeLimitMs * WORK_UNITS_PER_MS));
  const altMs = options.alternativeTimeLimitMs ?? timeLimitMs / 2;
  if (!(Number.isFinite(altMs) && altMs >= 0))
    throw new InvalidInputError([`alternativeTimeLimitMs must be a number of ms ≥ 0, got ${String(altMs)}`]);
  // Half the balanced run's budget each unless given: a work budget (tests) halves too.
  const altBudget =
    options.alternativeTimeLimitMs !== undefined
      ? Math.round(altMs * WORK_UNITS_PER_MS)
      : Math.round(balancedBudget / 2);
  const total = Math.max(1, balancedBudget + 3 * altBudget);
  const report = options.onProgress;
  const clock = options.clock;
  const t0 = clock ? clock() : 0;
  const { alternativeTimeLimitMs: _ignored, ...tourOptions } = options;
  void _ignored;

  const balanced = optimizeTour(instance, {
    ...tourOptions,
    ...(report
      ? {
          onProgress: (r) =>
            report({
              ...r,
              phase: r.phase === 'done' ? 'improve' : r.phase,
              fraction: (r.fraction * balancedBudget) / total,
            }),
        }
      : {}),
  });
  const out: Alternative[] = [
    {
      kind: 'balanced',
      label: ALTERNATIVE_LABELS.balanced,
      plan: balanced.plan,
      figures: balanced.figures,
      reasons: balanced.reasons,
      workUnits: balanced.stats.workUnits,
      elapsedMs: balanced.stats.elapsedMs,
      stoppedBy: balanced.stats.stoppedBy,
    },
  ];

  const p = buildProblem(instance, options.pinned ?? [], options.cancelled ?? []);
  const floor = { minServedPriority: balanced.figures.servedPriority, minServed: balanced.figures.served };
  const runs: { kind: AlternativeKind; objective: Objective; tolerance?: number }[] = [
    { kind: 'fairest', objective: { kind: 'guard' }, tolerance: 0 },
    { kind: 'most-schools', objective: { kind: 'schools' } },
    { kind: 'fewest-km', objective: { kind: 'km', ...floor } },
  ];
  let done = balancedBudget;
  for (const [i, run] of runs.entries()) {
    const base = done;
    const found = searchFrom(instance, p, balanced.plan, {
      objective: run.objective,
      ...((run.tolerance ?? options.fairnessTolerance) !== undefined
        ? { tolerance: run.tolerance ?? options.fairnessTolerance }
        : {}),
      seed: (options.seed ?? 1) + 7919 * (i + 1),
      workBudget: altBudget,
      hardStopMs: options.hardStopMs ?? Math.max(altMs, 1),
      ...(clock ? { clock } : {}),
      ...(report
        ? {
            onProgress: (iteration: number, fraction: number, best: CostFigures) =>
              report({
                phase: 'improve',
                iteration,
                fraction: Math.min(1, (base + fraction * altBudget) / total),
                best,
                elapsedMs: clock ? clock() - t0 : 0,
              }),
          }
        : {}),
    });
    done += altBudget;
    out.push({ kind: run.kind, label: ALTERNATIVE_LABELS[run.kind], ...found });
  }
  if (report)
    report({
      phase: 'done',
      iteration: 0,
      fraction: 1,
      best: balanced.stats.best,
      elapsedMs: clock ? clock() - t0 : 0,
    });
  return { ...pruneDominated(out), balanced };
}

interface SearchFromOptions {
  objective: Objective;
  tolerance?: number;
  seed: number;
  workBudget: number;
  hardStopMs: number;
  clock?: () => number;
  onProgress?: (iteration: number, fraction: number, best: CostFigures) => void;
}

/** Searches from a valid plan under another objective, with its own work budget; returns the checked plan. */
function searchFrom(
  instance: PlanningInstance,
  p: Problem,
  start: Plan,
  o: SearchFromOptions,
): Omit<Alternative, 'kind' | 'label'> {
  const clock = o.clock;
  const started = clock ? clock() : 0;
  p.meter.work = 0;
  const ctx: SearchContext = {
    p,
    s: emptySolution(p),
    fairness: new FairnessTable(p, o.tolerance, o.objective),
    prevDay: null,
    log: [],
    rng: createRng(o.seed),
    scratch: new Int32Array(p.maxVisits + 2),
  };
  loadPlan(ctx, start);
  const onProgress = o.onProgress;
  const outcome = improvePlan(ctx, {
    workLimit: o.workBudget,
    workStart: 0,
    clockStart: started,
    hardStopMs: o.hardStopMs,
    ...(clock ? { clock } : {}),
    ...(onProgress
      ? {
          onProgress: (_phase, iteration, fraction) =>
            onProgress(
              iteration,
              fraction,
              ctx.fairness.plainFigures(
                ctx.s.servedPriority,
                ctx.s.served,
                ctx.s.changes,
                ctx.s.regionServed,
                ctx.s.totalKm,
              ),
            ),
        }
      : {}),
  });
  const reasons = explainUnassigned(p, ctx.s);
  const plan = toPlan(p, ctx.s, reasons);
  const check = evaluatePlanAgainst(instance, plan);
  if (!check.valid)
    throw new Error(`internal: a plan searched from another is not valid: ${check.violations[0]?.message}`);
  return {
    plan,
    figures: check.figures,
    reasons,
    workUnits: p.meter.work,
    elapsedMs: clock ? clock() - started : 0,
    stoppedBy: outcome.stoppedBy,
  };
}

/**
 * The fewest km among plans that serve at least `floor` (visits and priority), searched from a valid plan
 * that does (e.g. the most-schools alternative). For the bench: the optimizer's km at another planner's
 * served count. Deterministic for the same input, start, floor and seed.
 */
export function fewestKmFrom(
  instanceValue: unknown,
  start: Plan,
  floor: { minServed: number; minServedPriority: number },
  options: { seed?: number; timeLimitMs?: number; clock?: () => number } = {},
): Omit<Alternative, 'kind' | 'label'> {
  const instance = validatePlanningInstance(instanceValue);
  const timeLimitMs = options.timeLimitMs ?? 10_000;
  return searchFrom(instance, buildProblem(instance), start, {
    objective: { kind: 'km', ...floor },
    seed: options.seed ?? 1,
    workBudget: Math.round(timeLimitMs * WORK_UNITS_PER_MS),
    hardStopMs: timeLimitMs * 3,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}

/** Leaves out alternatives another one dominates or duplicates (the earlier kind in ALTERNATIVE_KINDS order, balanced first, stays). */
export function pruneDominated(list: Alternative[]): { alternatives: Alternative[]; dropped: DroppedAlternative[] } {
  const rank = (k: AlternativeKind): number => (k === 'balanced' ? -1 : ALTERNATIVE_KINDS.indexOf(k));
  const ordered = [...list].sort((a, b) => rank(a.kind) - rank(b.kind));
  const kept: Alternative[] = [];
  const dropped: DroppedAlternative[] = [];
  for (const a of ordered) {
    const same = kept.find((k) => sameFigures(k.figures, a.figures));
    const over = ordered.find((o) => o !== a && dominates(o.figures, a.figures));
    if (over) dropped.push({ kind: a.kind, label: a.label, by: over.kind, why: 'dominated', figures: a.figures });
    else if (same) dropped.push({ kind: a.kind, label: a.label, by: same.kind, why: 'same', figures: a.figures });
    else kept.push(a);
  }
  kept.sort((a, b) => ALTERNATIVE_KINDS.indexOf(a.kind) - ALTERNATIVE_KINDS.indexOf(b.kind));
  return { alternatives: kept, dropped };
}

/** Puts the routes of a valid plan for the same instance into ctx.s (which must be empty). */
function loadPlan(ctx: SearchContext, plan: Plan): void {
  const { p, s } = ctx;
  const truckIndex = new Map(p.instance.trucks.map((t, i) => [t.id, i]));
  for (const route of plan.routes) {
    const d = p.dayByKey.get(`${truckIndex.get(route.truck) ?? -1}|${route.date}`);
    if (d === undefined) throw new Error(`internal: no truck-day ${route.truck} ${route.date}`);
    const seq = route.stops.map((x) => p.requestIndex.get(x.request)!);
    const km = routeKm(p, p.days[d]!, seq, seq.length);
    if (km < 0) throw new Error(`internal: route ${route.truck} ${route.date} does not fit`);
    setRoute(p, s, ctx.prevDay, d, seq, km, null);
  }
}
