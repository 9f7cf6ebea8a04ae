/**
 * The EXACT served/fairness/km frontier of the small bench instances (one truck, at most two visits a
 * day), by an integer program solved with HiGHS (WebAssembly, npm package `highs`). It is the yardstick
 * for the heuristic optimizer: for each number of visits S it proves the least fairShortfall any valid
 * plan can have, and the least road km within the optimizer's default fairness guard and within
 * 0.25 × the first-come baseline's shortfall.
 *
 * Model: a day pattern is one request alone or an unordered pair of requests, in the cheaper feasible
 * order (the truck departs at shift start, every stop starts as early as it can: the format's timing rules,
 * checked with shared/optimizer/route.ts on the optimizer's own km and minute matrices). A pattern fits a
 * truck-day when all its requests may be visited that day (buildProblem's candidate days). Each request at
 * most once, each truck-day at most one pattern, Σ visits = S, and per region served_r + short_r ≥ f_r(S)
 * (water-filling fair shares, shared/domain/fairness.ts, the checker's arithmetic). The (day, pattern)
 * choice is split into a binary per pattern and a continuous assignment of patterns to days: for fixed
 * patterns that assignment is a bipartite matching, whose polytope is integral, so the model is the same as
 * one binary per (day, pattern) but HiGHS does not branch over interchangeable days (6-8× faster here).
 * Objectives: min Σ short_r; min km subject to Σ short_r ≤ cap; max servedPriority subject to Σ short_r ≤
 * cap (compareCost ranks servedPriority before served); and max S without fairness (the served ceiling).
 * Every figure printed is recomputed from the chosen routes, not taken from the solver's objective.
 *
 * Usage: npx tsx bench/exact.ts [--only SUBSTRING] [--from S] [--to S] [--time-limit SECONDS]
 *                               [--plan-out FILE [--served S] [--cap X]]
 * Without --from/--to: from the served ceiling down to two below the best S under the default guard.
 * --plan-out writes the least-km plan with S visits and shortfall ≤ X (default: the best S under the
 * guard and its cap) for the one instance selected, and checks it with bench/vendor/check-plan.mjs.
 * Environment: EXACT_DEBUG=1 logs every solve (status, seconds, objective, bound) to stderr;
 * EXACT_DUMP=DIR writes every model as CPLEX LP text into DIR (to cross-check with another solver).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import loadHighs from 'highs';
import type { Highs } from 'highs';
import { formatHhmm } from '../shared/domain/time';
import {
  COST_EPSILON,
  DEFAULT_FAIRNESS_TOLERANCE_SHARE,
  FairnessTable,
  MIN_FAIRNESS_TOLERANCE,
} from '../shared/optimizer/cost';
import { buildProblem, validatePlanningInstance } from '../shared/optimizer/input';
import type { Problem } from '../shared/optimizer/input';
import { routeKm } from '../shared/optimizer/route';
import type { Plan, PlanningInstance } from '../shared/optimizer/types';
import { planFirstComeFirstServed } from './baseline';

const HERE = dirname(fileURLToPath(import.meta.url));
const INSTANCES = join(HERE, 'instances');
const CHECKER = join(HERE, 'vendor', 'check-plan.mjs');
const OUT = join(tmpdir(), 'techniekwagen-bench');
const UNCHOSEN_REASON = 'not chosen by the exact model';
/** HiGHS stops as optimal when the incumbent is within this relative gap of the bound: 0.015 km on 1500 km, far below the printed 0.1 km. */
const MIP_REL_GAP = 1e-5;

interface CheckerResult {
  valid: boolean;
  errors: string[];
  figures: { served: number; servedPriority: number; roadKm: number; fairShortfall: number };
}

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function numberFlag(name: string): number | undefined {
  const text = flag(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`${name} expects a number, got ${JSON.stringify(text)}`);
  return value;
}

function runChecker(instancePath: string, planPath: string): CheckerResult {
  const run = spawnSync(process.execPath, [CHECKER, '--json', instancePath, planPath], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (run.status === 2 || !run.stdout) throw new Error(`checker could not read ${planPath}: ${run.stderr}`);
  return JSON.parse(run.stdout) as CheckerResult;
}

/** One day pattern on one truck-day: the requests in driving order and the route's road km. */
interface Column {
  day: number;
  /** Index into Columns.patterns. */
  pattern: number;
  reqs: number[];
  km: number;
}

/** A day pattern regardless of the day: the requests in driving order, road km, and its columns (one per day it fits). */
interface Pattern {
  reqs: number[];
  km: number;
  columns: number[];
}

/** The column set of an instance and what the model needs per column. */
interface Columns {
  list: Column[];
  patterns: Pattern[];
  singles: number;
  pairs: number;
  /** Distinct feasible unordered pairs (before multiplying by the days both are eligible on). */
  pairPatterns: number;
}

/**
 * Enumerates every feasible pattern on every truck-day. A request is eligible on a day when the day is
 * one of its candidate days (windows, excluded dates, the visit alone fits the shift: buildProblem's
 * rule); a pair is feasible when either order passes routeKm's timing check, and keeps the cheaper order.
 */
function enumerateColumns(p: Problem): Columns {
  const n = p.requests.length;
  const day0 = p.days[0]!;
  const single = new Float64Array(n).fill(-1);
  for (const r of p.requests) if (r.candidateDays.length > 0) single[r.index] = routeKm(p, day0, [r.index], 1);
  // Pair km by (i, j) with i < j; the sign of `order` says which order is the cheaper feasible one.
  const pairKm = new Float64Array(n * n).fill(-1);
  const pairFlip = new Uint8Array(n * n);
  let pairPatterns = 0;
  if (day0.maxVisits >= 2) {
    for (let i = 0; i < n; i++) {
      if (single[i]! < 0) continue;
      for (let j = i + 1; j < n; j++) {
        if (single[j]! < 0) continue;
        const ij = routeKm(p, day0, [i, j], 2);
        const ji = routeKm(p, day0, [j, i], 2);
        if (ij < 0 && ji < 0) continue;
        const flip = ij < 0 || (ji >= 0 && ji < ij);
        pairKm[i * n + j] = flip ? ji : ij;
        pairFlip[i * n + j] = flip ? 1 : 0;
        pairPatterns++;
      }
    }
  }
  const list: Column[] = [];
  const patterns: Pattern[] = [];
  const patternOf = new Map<number, number>();
  const columnFor = (day: number, i: number, j: number, reqs: number[], km: number): void => {
    const key = j < 0 ? i : n + i * n + j;
    let pattern = patternOf.get(key);
    if (pattern === undefined) {
      pattern = patterns.length;
      patterns.push({ reqs, km, columns: [] });
      patternOf.set(key, pattern);
    }
    patterns[pattern]!.columns.push(list.length);
    list.push({ day, pattern, reqs, km });
  };
  let singles = 0;
  let pairs = 0;
  for (const day of p.days) {
    const eligible = [...p.requestsByDay[day.index]!].sort((a, b) => a - b);
    for (const i of eligible) {
      columnFor(day.index, i, -1, [i], single[i]!);
      singles++;
    }
    for (let a = 0; a < eligible.length; a++) {
      for (let b = a + 1; b < eligible.length; b++) {
        const i = eligible[a]!;
        const j = eligible[b]!;
        const km = pairKm[i * n + j]!;
        if (km < 0) continue;
        columnFor(day.index, i, j, pairFlip[i * n + j] ? [j, i] : [i, j], km);
        pairs++;
      }
    }
  }
  return { list, patterns, singles, pairs, pairPatterns };
}

type Objective =
  | { kind: 'maxServed' }
  | { kind: 'minShort'; served: number }
  | { kind: 'minKm'; served: number; cap: number }
  | { kind: 'maxPriority'; served: number; cap: number };

/** Writes terms `c name` as LP text, a few per line. */
function sumText(terms: [number, string][]): string {
  const parts = terms.map(([c, v]) => (c === 1 ? v : `${lpNumber(c)} ${v}`));
  const lines: string[] = [];
  for (let k = 0; k < parts.length; k += 16) lines.push(parts.slice(k, k + 16).join(' + '));
  return lines.join('\n   + ');
}

function lpNumber(x: number): string {
  if (Math.abs(x) < 1e-12) return '0';
  return String(x);
}

/**
 * Returns the CPLEX LP text of the model for one objective. Binaries y<p>: pattern p is driven on some day;
 * z<k> ≥ 0: column k (pattern on a day) is the day's route, Σ_k∈p z_k = y_p and Σ_k on day d z_k ≤ 1. For
 * fixed y the z part is a bipartite matching, whose polytope is integral: the chosen patterns fit on distinct
 * days exactly when some 0/1 z exists, so z needs no integrality and HiGHS branches on patterns only, not on
 * which of the equivalent days a pattern takes (the days are assigned afterwards by a matching).
 * n<g>: visits to region g as a whole number; s<g>: its shortfall, n_g + s_g ≥ f_g(S).
 */
function modelText(p: Problem, cols: Columns, fairness: FairnessTable, objective: Objective): string {
  const G = p.regionWeights.length;
  const y = (q: number): string => `y${q}`;
  const z = (k: number): string => `z${k}`;
  const s = (g: number): string => `s${g}`;
  const out: string[] = [];
  const pats = cols.patterns.map((_, q) => q);
  const size = (q: number): number => cols.patterns[q]!.reqs.length;
  if (objective.kind === 'maxServed') {
    out.push('Maximize', ` obj: ${sumText(pats.map((q) => [size(q), y(q)]))}`);
  } else if (objective.kind === 'maxPriority') {
    out.push(
      'Maximize',
      ` obj: ${sumText(pats.map((q) => [cols.patterns[q]!.reqs.reduce((a, i) => a + p.requests[i]!.priority, 0), y(q)]))}`,
    );
  } else if (objective.kind === 'minKm') {
    out.push('Minimize', ` obj: ${sumText(pats.map((q) => [cols.patterns[q]!.km, y(q)]))}`);
  } else {
    out.push('Minimize', ` obj: ${sumText(Array.from({ length: G }, (_, g) => [1, s(g)]))}`);
  }
  out.push('Subject To');
  const byDay = new Map<number, number[]>();
  for (const [k, c] of cols.list.entries()) {
    const d = byDay.get(c.day);
    if (d) d.push(k);
    else byDay.set(c.day, [k]);
  }
  const byReq = new Map<number, number[]>();
  for (const [q, pat] of cols.patterns.entries()) {
    for (const i of pat.reqs) {
      const l = byReq.get(i);
      if (l) l.push(q);
      else byReq.set(i, [q]);
    }
  }
  for (const [q, pat] of cols.patterns.entries())
    out.push(` link${q}: ${sumText(pat.columns.map((k) => [1, z(k)]))} - ${y(q)} = 0`);
  for (const [d, ks] of byDay) out.push(` day${d}: ${sumText(ks.map((k) => [1, z(k)]))} <= 1`);
  for (const [i, qs] of byReq) out.push(` req${i}: ${sumText(qs.map((q) => [1, y(q)]))} <= 1`);
  if (objective.kind !== 'maxServed') {
    const S = objective.served;
    out.push(` served: ${sumText(pats.map((q) => [size(q), y(q)]))} = ${S}`);
    const shares = fairness.sharesFor(S);
    // A pair whose two requests are in the same region counts 2 in that region's row.
    const rowTerms: [number, string][][] = Array.from({ length: G }, () => []);
    for (const [q, pat] of cols.patterns.entries()) {
      const count = new Map<number, number>();
      for (const i of pat.reqs) count.set(p.requests[i]!.region, (count.get(p.requests[i]!.region) ?? 0) + 1);
      for (const [g, m] of count) rowTerms[g]!.push([m, y(q)]);
    }
    for (let g = 0; g < G; g++) {
      out.push(` count${g}: ${rowTerms[g]!.length > 0 ? `${sumText(rowTerms[g]!)} - ` : '- '}n${g} = 0`);
      out.push(` region${g}: n${g} + ${s(g)} >= ${lpNumber(shares[g] ?? 0)}`);
    }
    if (objective.kind !== 'minShort')
      out.push(` shortcap: ${sumText(Array.from({ length: G }, (_, g) => [1, s(g)]))} <= ${lpNumber(objective.cap)}`);
  }
  out.push('Bounds');
  for (let g = 0; g < G; g++) out.push(` ${s(g)} >= 0`);
  if (objective.kind !== 'maxServed')
    out.push('Generals', ` ${Array.from({ length: G }, (_, g) => `n${g}`).join(' ')}`);
  out.push('Binaries');
  for (let q = 0; q < pats.length; q += 20)
    out.push(
      ` ${pats
        .slice(q, q + 20)
        .map(y)
        .join(' ')}`,
    );
  out.push('End', '');
  return out.join('\n');
}

/** Returns columns (one per chosen pattern) on distinct days: a maximum bipartite matching of patterns to their days (Kuhn's algorithm). */
function assignDays(cols: Columns, chosenPatterns: number[]): number[] {
  const dayTaken = new Map<number, number>(); // day → pattern
  const columnOf = new Map<number, number>(); // pattern → column
  const tryPlace = (q: number, seen: Set<number>): boolean => {
    for (const k of cols.patterns[q]!.columns) {
      const d = cols.list[k]!.day;
      if (seen.has(d)) continue;
      seen.add(d);
      const other = dayTaken.get(d);
      if (other === undefined || tryPlace(other, seen)) {
        dayTaken.set(d, q);
        columnOf.set(q, k);
        return true;
      }
    }
    return false;
  };
  for (const q of chosenPatterns)
    if (!tryPlace(q, new Set())) throw new Error(`the chosen patterns do not fit on distinct days (pattern ${q})`);
  return chosenPatterns.map((q) => columnOf.get(q)!).sort((a, b) => a - b);
}

/** What one solve found, recomputed from the chosen columns (not the solver's objective). */
interface Found {
  /** HiGHS model status in words. */
  status: string;
  optimal: boolean;
  infeasible: boolean;
  /** Chosen column indices, or null when HiGHS has no feasible solution. */
  chosen: number[] | null;
  served: number;
  servedPriority: number;
  shortfall: number;
  km: number;
  /** HiGHS objective and best bound (equal up to the gap when optimal). */
  objective: number;
  bound: number;
  seconds: number;
}

const STATUS_NAMES: Record<number, string> = {
  7: 'optimal',
  8: 'infeasible',
  9: 'infeasible or unbounded',
  13: 'time limit',
  14: 'iteration limit',
  15: 'unknown',
  17: 'interrupted',
};

/** Solve settings: a time limit per solve, and gaps tight enough that the printed figures (0.01 visit, 0.1 km) are exact. */
interface SolveSettings {
  timeLimitS: number;
}

/**
 * Help for one solve. `start`: chosen columns of a plan known to be feasible for this model (given to HiGHS as
 * its first incumbent). `provenBound`: a bound no solution can beat, proven elsewhere (a lower bound when
 * minimising, an upper bound when maximising); HiGHS is stopped as soon as its incumbent reaches it, which
 * proves the incumbent optimal.
 */
interface SolveHelp {
  start?: number[] | null;
  provenBound?: number;
}

function solve(
  highs: Highs,
  p: Problem,
  cols: Columns,
  fairness: FairnessTable,
  objective: Objective,
  settings: SolveSettings,
  help: SolveHelp = {},
): Found {
  const text = modelText(p, cols, fairness, objective);
  if (process.env.EXACT_DUMP)
    writeFileSync(
      join(
        process.env.EXACT_DUMP,
        `${objective.kind}-${'served' in objective ? objective.served : ''}-${'cap' in objective ? objective.cap.toFixed(2) : ''}.lp`,
      ),
      text,
    );
  const t = performance.now();
  const model = highs.createModel({ format: 'lp', data: text });
  try {
    // Shortfall, served and priority optima are proved exactly (no relative gap); km within MIP_REL_GAP.
    model.options.set({
      output_flag: false,
      time_limit: settings.timeLimitS,
      mip_rel_gap: objective.kind === 'minKm' ? MIP_REL_GAP : 0,
      mip_abs_gap: 1e-6,
    });
    const { numCols } = model.getDimensions();
    const names = Array.from({ length: numCols }, (_, c) => model.getColName(c));
    if (help.start && objective.kind !== 'maxServed')
      model.setSolution({ colValue: startValues(p, cols, fairness, objective.served, help.start, names) });
    const maximise = objective.kind === 'maxServed' || objective.kind === 'maxPriority';
    const bound = help.provenBound;
    let reachedBound = false;
    const callbacks =
      bound === undefined
        ? {}
        : {
            [highs.constants.callbackType.mipInterrupt]: (event: {
              data: { mip_primal_bound?: number };
              interrupt(): void;
            }): undefined => {
              const incumbent = event.data.mip_primal_bound;
              if (incumbent === undefined || !Number.isFinite(incumbent)) return;
              const slack = 1e-6 + 1e-9 * Math.abs(bound);
              if (maximise ? incumbent >= bound - slack : incumbent <= bound + slack) {
                reachedBound = true;
                event.interrupt();
              }
            },
          };
    model.run(callbacks);
    const statusCode = model.getModelStatus();
    const byBound = reachedBound && statusCode === highs.constants.modelStatus.interrupted;
    const found: Found = {
      status: byBound ? 'optimal (reached a proven bound)' : (STATUS_NAMES[statusCode] ?? `status ${statusCode}`),
      optimal: statusCode === highs.constants.modelStatus.optimal || byBound,
      infeasible: statusCode === highs.constants.modelStatus.infeasible,
      chosen: null,
      served: 0,
      servedPriority: 0,
      shortfall: Number.NaN,
      km: Number.NaN,
      objective: Number.NaN,
      bound: Number.NaN,
      seconds: 0,
    };
    if (Number(model.info.get('primal_solution_status')) === highs.constants.solutionStatus.feasible) {
      const values = model.getSolution().colValue;
      const chosenPatterns: number[] = [];
      for (let c = 0; c < numCols; c++)
        if (names[c]!.startsWith('y') && values[c]! > 0.5) chosenPatterns.push(Number(names[c]!.slice(1)));
      const chosen = assignDays(cols, chosenPatterns);
      found.chosen = chosen;
      found.objective = model.getObjectiveValue();
      Object.assign(found, figuresOf(p, cols, fairness, chosen));
    }
    try {
      found.bound = Number(model.info.get('mip_dual_bound'));
    } catch {
      found.bound = Number.NaN;
    }
    found.seconds = (performance.now() - t) / 1000;
    if (process.env.EXACT_DEBUG)
      console.error(
        `    ${objective.kind} ${'served' in objective ? objective.served : ''} ${'cap' in objective ? objective.cap.toFixed(3) : ''}: ${found.status}, ${found.seconds.toFixed(1)} s, objective ${found.objective}, bound ${found.bound}`,
      );
    return found;
  } finally {
    model.dispose();
  }
}

/** Returns the model's full column vector for a column choice with S visits: y, z, region counts n and shortfalls s. */
function startValues(
  p: Problem,
  cols: Columns,
  fairness: FairnessTable,
  served: number,
  chosen: number[],
  names: string[],
): Float64Array {
  const counts = new Float64Array(p.regionWeights.length);
  for (const k of chosen) for (const i of cols.list[k]!.reqs) counts[p.requests[i]!.region]!++;
  const shares = fairness.sharesFor(served);
  const picked = new Set(chosen);
  const pickedPatterns = new Set(chosen.map((k) => cols.list[k]!.pattern));
  return Float64Array.from(names, (name) => {
    const index = Number(name.slice(1));
    if (name.startsWith('z')) return picked.has(index) ? 1 : 0;
    if (name.startsWith('y')) return pickedPatterns.has(index) ? 1 : 0;
    if (name.startsWith('n')) return counts[index]!;
    if (name.startsWith('s')) return Math.max(0, (shares[index] ?? 0) - counts[index]!);
    return 0;
  });
}

/** Recomputes a column choice's figures the checker's way, and asserts that it is a valid choice. */
function figuresOf(
  p: Problem,
  cols: Columns,
  fairness: FairnessTable,
  chosen: number[],
): { served: number; servedPriority: number; shortfall: number; km: number } {
  const days = new Set<number>();
  const used = new Set<number>();
  const regionServed = new Float64Array(p.regionWeights.length);
  let km = 0;
  let servedPriority = 0;
  for (const k of chosen) {
    const c = cols.list[k]!;
    if (days.has(c.day)) throw new Error(`solution uses truck-day ${c.day} twice`);
    days.add(c.day);
    km += c.km;
    for (const i of c.reqs) {
      if (used.has(i)) throw new Error(`solution serves request ${p.requests[i]!.id} twice`);
      used.add(i);
      regionServed[p.requests[i]!.region]!++;
      servedPriority += p.requests[i]!.priority;
    }
  }
  return { served: used.size, servedPriority, shortfall: fairness.shortfall(regionServed, used.size), km };
}

/** Returns the plan (exchange format) of a column choice: depart at shift start, every stop as early as it can. */
function planOf(p: Problem, cols: Columns, chosen: number[]): Plan {
  const n = p.locCount;
  const routes: Plan['routes'] = [];
  const used = new Set<number>();
  for (const k of [...chosen].sort((a, b) => cols.list[a]!.day - cols.list[b]!.day)) {
    const c = cols.list[k]!;
    const day = p.days[c.day]!;
    let clock = day.shiftStart;
    let at = day.depotLoc;
    const stops: Plan['routes'][number]['stops'] = [];
    for (const i of c.reqs) {
      const r = p.requests[i]!;
      const arrive = clock + p.travelMin[at * n + r.loc]!;
      const start = Math.max(arrive + r.setup, r.earliestStart);
      const end = start + r.session;
      const leave = end + r.teardown;
      stops.push({
        request: r.id,
        arrive: formatHhmm(arrive),
        start: formatHhmm(start),
        end: formatHhmm(end),
        leave: formatHhmm(leave),
      });
      clock = leave;
      at = r.loc;
      used.add(i);
    }
    const back = clock + p.travelMin[at * n + day.depotLoc]!;
    routes.push({
      truck: p.instance.trucks[day.truck]!.id,
      date: day.date,
      depart: formatHhmm(day.shiftStart),
      return: formatHhmm(back),
      stops,
    });
  }
  const unassigned = p.requests
    .filter((r) => !used.has(r.index))
    .map((r) => ({ request: r.id, reason: UNCHOSEN_REASON }));
  return { format: 'techniekwagen-plan/1', instance: p.instance.name, routes, unassigned };
}

/** Why an instance is out of this model's reach, or null when it fits (one truck, at most two visits a day). */
function whyNot(inst: PlanningInstance): string | null {
  if (inst.trucks.length !== 1) return `${inst.trucks.length} trucks (the model has one truck)`;
  if (inst.trucks[0]!.maxVisitsPerDay > 2)
    return `maxVisitsPerDay ${inst.trucks[0]!.maxVisitsPerDay} (the model enumerates at most pairs)`;
  return null;
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '—');
const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '—');

/** A figure from a solve: the value, marked `*` when HiGHS stopped before proving it optimal, `infeasible` when no plan exists. */
function shown(f: Found | null, value: (f: Found) => string): string {
  if (!f) return '—';
  if (f.infeasible) return 'none';
  if (!f.chosen) return `?(${f.status})`;
  return f.optimal ? value(f) : `${value(f)}*`;
}

interface Row {
  S: number;
  short: Found;
  unavoidable: number;
  guardCap: number;
  guardKm: Found | null;
  guardPriority: Found | null;
  quarterKm: Found | null;
}

function exactInstance(
  highs: Highs,
  file: string,
  opts: { from?: number; to?: number; timeLimitS: number; planOut?: string; planServed?: number; planCap?: number },
): void {
  const path = join(INSTANCES, file);
  const raw = JSON.parse(readFileSync(path, 'utf8')) as PlanningInstance;
  const why = whyNot(raw);
  if (why) {
    console.log(`\n${raw.name}: skipped, ${why}`);
    return;
  }
  const started = performance.now();
  const inst = validatePlanningInstance(raw);
  const p = buildProblem(inst);
  const fairness = new FairnessTable(p);
  const cols = enumerateColumns(p);
  const settings: SolveSettings = { timeLimitS: opts.timeLimitS };
  // The most servedPriority S visits can have at all: the S highest priorities among requests some day can take.
  const priorities = p.requests
    .filter((r) => r.candidateDays.length > 0)
    .map((r) => r.priority)
    .sort((a, b) => b - a);
  const priorityCeiling = (S: number): number => priorities.slice(0, S).reduce((a, x) => a + x, 0);

  const basePath = join(OUT, `${inst.name}-baseline.json`);
  writeFileSync(basePath, JSON.stringify(planFirstComeFirstServed(inst)));
  const base = runChecker(path, basePath).figures;
  const quarterCap = 0.25 * base.fairShortfall;

  console.log(
    `\n${inst.name}: ${p.requests.length} requests, ${p.days.length} truck-days, ${inst.horizon.from}..${inst.horizon.to}`,
  );
  console.log(
    `  model: ${cols.patterns.length} day patterns (binary; ${cols.pairPatterns} feasible pairs), ${cols.list.length} pattern-days (continuous; ${cols.singles} single-visit, ${cols.pairs} pair)\n` +
      `  baseline (first come): served ${base.served}, fairShortfall ${f2(base.fairShortfall)}, ${f2(base.roadKm / Math.max(1, base.served))} km/visit → quarter cap ${f2(quarterCap)}`,
  );
  const ceiling = solve(highs, p, cols, fairness, { kind: 'maxServed' }, settings);
  const ceilingS = ceiling.optimal ? ceiling.served : Math.floor(ceiling.bound + 1e-6);
  console.log(
    `  served ceiling (max visits, fairness ignored): ${ceiling.optimal ? ceilingS : `≤ ${ceilingS} (${ceiling.status}, best found ${ceiling.served})`}  [${f2(ceiling.seconds)} s]`,
  );

  const planOnly =
    opts.planOut !== undefined && opts.planServed !== undefined && opts.from === undefined && opts.to === undefined;
  const to = planOnly ? opts.planServed! : Math.min(opts.to ?? ceilingS, ceilingS);
  const from = planOnly ? opts.planServed! : opts.from;
  console.log(
    `  guard cap = unavoidable + tolerance max(${MIN_FAIRNESS_TOLERANCE}, ${DEFAULT_FAIRNESS_TOLERANCE_SHARE * 100} % of S) (shared/optimizer/cost.ts as it is now); km columns: least road km (and km/visit) over plans with S visits and shortfall within the cap;\n` +
      '  maxPrio = most servedPriority within the guard cap (compareCost ranks it before served); * = time limit, best found; none = no such plan',
  );
  console.log(
    `  ${pad('S', 4)}${pad('minShort', 10)}${pad('unavoid', 9)}${pad('guardCap', 10)}${pad('km≤guard', 11)}${pad('/visit', 8)}${pad('maxPrio', 9)}` +
      `${pad(`km≤${f2(quarterCap)}`, 11)}${pad('/visit', 8)}${pad('secs', 7)}`,
  );
  const rows: Row[] = [];
  let guardBest: number | null = null;
  for (let S = to; S >= Math.max(0, from ?? 0); S--) {
    const t = performance.now();
    const unavoidable = fairness.unavoidable(S);
    const short = solve(highs, p, cols, fairness, { kind: 'minShort', served: S }, settings, {
      provenBound: unavoidable,
    });
    const guardCap = unavoidable + fairness.tolerance(S);
    const within = (cap: number): boolean => short.chosen !== null && short.shortfall <= cap + COST_EPSILON;
    // The least km under each cap, loosest cap first: a looser cap's optimum is a lower bound for a tighter
    // cap, and is the tighter cap's optimum outright when its own shortfall is within the tighter cap.
    // The guard's test is excess = shortfall − unavoidable − tolerance ≤ COST_EPSILON; the model gets the same slack.
    const kmUnder = new Map<number, Found | null>();
    let looser: Found | null = null;
    for (const cap of [...new Set([guardCap, quarterCap])].sort((a, b) => b - a)) {
      if (!within(cap)) {
        kmUnder.set(cap, null);
        continue;
      }
      let found: Found;
      if (looser?.optimal && looser.chosen && looser.shortfall <= cap + COST_EPSILON) found = { ...looser, seconds: 0 };
      else
        found = solve(highs, p, cols, fairness, { kind: 'minKm', served: S, cap: cap + COST_EPSILON }, settings, {
          start: short.chosen,
          ...(looser?.optimal ? { provenBound: looser.km } : {}),
        });
      kmUnder.set(cap, found);
      looser = found;
    }
    const guardKm = kmUnder.get(guardCap) ?? null;
    const quarterKm = kmUnder.get(quarterCap) ?? null;
    // The most servedPriority within the guard: settled without a solve when a plan already found reaches the ceiling.
    let guardPriority: Found | null = null;
    if (within(guardCap)) {
      const ceilingPriority = priorityCeiling(S);
      const known = [guardKm, short, quarterKm].filter(
        (f): f is Found => f?.chosen != null && f.shortfall <= guardCap + COST_EPSILON,
      );
      const best = known.reduce<Found | null>((a, f) => (!a || f.servedPriority > a.servedPriority ? f : a), null);
      guardPriority =
        best && best.servedPriority >= ceilingPriority
          ? { ...best, optimal: true, seconds: 0 }
          : solve(
              highs,
              p,
              cols,
              fairness,
              { kind: 'maxPriority', served: S, cap: guardCap + COST_EPSILON },
              settings,
              { start: best?.chosen ?? null, provenBound: ceilingPriority },
            );
    }
    const row: Row = { S, short, unavoidable, guardCap, guardKm, guardPriority, quarterKm };
    rows.push(row);
    const perVisit = (f: Found): string => f2(f.km / Math.max(1, f.served));
    console.log(
      `  ${pad(S, 4)}${pad(
        shown(short, (f) => f2(f.shortfall)),
        10,
      )}${pad(f2(unavoidable), 9)}${pad(f2(guardCap), 10)}` +
        `${pad(
          shown(guardKm, (f) => f1(f.km)),
          11,
        )}${pad(guardKm?.chosen ? perVisit(guardKm) : '', 8)}${pad(
          shown(guardPriority, (f) => String(f.servedPriority)),
          9,
        )}` +
        `${pad(
          shown(quarterKm, (f) => f1(f.km)),
          11,
        )}${pad(quarterKm?.chosen ? perVisit(quarterKm) : '', 8)}${pad(((performance.now() - t) / 1000).toFixed(1), 7)}`,
    );
    if (short.infeasible) continue;
    // A solve that stopped early gives only an upper bound on the least shortfall: within the cap is then still proof.
    if (guardBest === null && within(guardCap)) guardBest = S;
    if (from === undefined && guardBest !== null && S <= guardBest - 2) break;
    if (from === undefined && guardBest === null && rows.length >= 40) {
      console.log('  (stopped after 40 rows without a plan within the guard; use --from)');
      break;
    }
  }
  const fromCeiling = to >= ceilingS && ceiling.optimal;
  if (guardBest !== null) {
    const row = rows.find((r) => r.S === guardBest)!;
    const notes: string[] = [];
    // A larger S whose solve stopped early with a bound still within the cap is undecided.
    const undecided = rows.filter(
      (r) =>
        r.S > guardBest! && !r.short.optimal && !r.short.infeasible && !(r.short.bound > r.guardCap + COST_EPSILON),
    );
    if (undecided.length > 0)
      notes.push(
        `; S=${undecided.map((r) => r.S).join(',')} undecided (time limit), so S=${guardBest} is only a lower bound`,
      );
    if (!fromCeiling) notes.push(`; S above ${to} not solved`);
    // compareCost ranks servedPriority before served: the most priority within the guard over the rows solved.
    const bestPrio = rows.reduce<Row | null>(
      (a, r) =>
        r.guardPriority?.chosen && (!a || r.guardPriority.servedPriority > a.guardPriority!.servedPriority) ? r : a,
      null,
    );
    if (bestPrio && bestPrio.S !== guardBest)
      notes.push(
        `; by compareCost's order (servedPriority first) S=${bestPrio.S} with priority ${bestPrio.guardPriority!.servedPriority} beats it`,
      );
    const lowest = Math.min(...rows.map((r) => r.S));
    if (bestPrio && lowest > 0 && bestPrio.guardPriority!.servedPriority < priorityCeiling(lowest - 1))
      notes.push(`; an S below ${lowest} (not solved) could still carry more priority`);
    console.log(
      `  best under the default guard: S=${guardBest} (${fromCeiling ? 'max S' : `max S ≤ ${to}`} whose least shortfall ${f2(row.short.shortfall)} ≤ cap ${f2(row.guardCap)}), ` +
        `least km ${shown(row.guardKm, (f) => `${f1(f.km)} (${f2(f.km / Math.max(1, f.served))}/visit)`)}, most priority ${shown(row.guardPriority, (f) => String(f.servedPriority))}${notes.join('')}`,
    );
  } else {
    console.log(
      `  no S in ${rows.length > 0 ? `${Math.min(...rows.map((r) => r.S))}..${to}` : 'the range'} has a plan within the default guard`,
    );
  }
  const nonOptimal = rows
    .flatMap((r) => [r.short, r.guardKm, r.guardPriority, r.quarterKm])
    .filter((f): f is Found => f !== null && !f.optimal && !f.infeasible);
  if (nonOptimal.length > 0)
    console.log(
      `  ${nonOptimal.length} solve(s) stopped before optimality (${[...new Set(nonOptimal.map((f) => f.status))].join(', ')}); their figures carry *`,
    );

  if (opts.planOut) {
    const S = opts.planServed ?? guardBest;
    if (S === null || S === undefined) {
      console.log('  --plan-out: no S given and none within the guard; no plan written');
    } else {
      const cap = opts.planCap ?? fairness.unavoidable(S) + fairness.tolerance(S);
      // Reuse the table's solve for the same S and cap; otherwise solve, starting from the row's least-shortfall plan.
      const row = rows.find((r) => r.S === S);
      const same = [row?.guardKm, row?.quarterKm].find(
        (f) => f?.chosen && f.optimal && Math.abs((f === row?.guardKm ? row.guardCap : quarterCap) - cap) < 1e-9,
      );
      const start = row?.short.chosen && row.short.shortfall <= cap + COST_EPSILON ? row.short.chosen : null;
      const found =
        same ??
        solve(highs, p, cols, fairness, { kind: 'minKm', served: S, cap: cap + COST_EPSILON }, settings, { start });
      if (!found.chosen) {
        console.log(`  --plan-out: no plan with S=${S} and shortfall ≤ ${f2(cap)} (${found.status}); nothing written`);
      } else {
        const out = resolve(opts.planOut);
        writeFileSync(out, `${JSON.stringify(planOf(p, cols, found.chosen), null, 2)}\n`);
        const checked = runChecker(path, out);
        const c = checked.figures;
        console.log(
          `  plan S=${S}, shortfall ≤ ${f2(cap)}: model ${found.served} served, short ${f2(found.shortfall)}, ${f1(found.km)} km (${found.status}) → ${out}\n` +
            `  checker: ${checked.valid ? 'VALID' : `INVALID (${checked.errors.length} broken: ${checked.errors.slice(0, 3).join('; ')})`} served=${c.served} priority=${c.servedPriority} roadKm=${c.roadKm} fairShortfall=${c.fairShortfall}`,
        );
        if (!checked.valid) process.exitCode = 1;
      }
    }
  }
  console.log(`  wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  saveFrontier(inst.name, rows, (performance.now() - started) / 1000);
}

/** Writes the solved rows to bench/results/exact-NAME.json, where `npm run bench` prints them beside the alternatives. */
function saveFrontier(name: string, rows: Row[], seconds: number): void {
  const value = (f: Found | null): number | null => (f?.chosen ? f.km : null);
  const out = rows
    .filter((r) => r.short.chosen)
    .map((r) => ({
      served: r.S,
      leastShortfall: r.short.shortfall,
      shortfallOptimal: r.short.optimal,
      guardCap: r.guardCap,
      kmWithinGuard: value(r.guardKm),
      kmWithinGuardOptimal: r.guardKm?.optimal ?? false,
    }));
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(
    join(HERE, 'results', `exact-${name}.json`),
    `${JSON.stringify({ instance: name, solvedAt: new Date().toISOString(), seconds, rows: out }, null, 2)}\n`,
  );
}

async function main(): Promise<void> {
  const only = flag('--only');
  const from = numberFlag('--from');
  const to = numberFlag('--to');
  const timeLimitS = numberFlag('--time-limit') ?? 120;
  const planOut = flag('--plan-out');
  const planServed = numberFlag('--served');
  const planCap = numberFlag('--cap');
  mkdirSync(OUT, { recursive: true });
  const files = readdirSync(INSTANCES)
    .filter((f) => f.endsWith('.json') && (!only || f.includes(only)))
    .sort();
  if (planOut) {
    const fitting = files.filter(
      (f) => whyNot(JSON.parse(readFileSync(join(INSTANCES, f), 'utf8')) as PlanningInstance) === null,
    );
    if (fitting.length !== 1) {
      console.error(
        `--plan-out needs exactly one instance the model fits; --only ${only ?? '(none)'} selects ${fitting.length}: ${fitting.join(', ')}`,
      );
      process.exit(2);
    }
  }
  const t = performance.now();
  const highs = await loadHighs();
  console.log(
    `Exact frontier: HiGHS ${highs.version.string} (WebAssembly), time limit ${timeLimitS} s per solve, km optimal within a relative gap of ${MIP_REL_GAP}`,
  );
  for (const file of files) exactInstance(highs, file, { from, to, timeLimitS, planOut, planServed, planCap });
  console.log(`\nTotal wall time ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

await main();
