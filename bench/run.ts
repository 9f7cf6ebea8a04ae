/**
 * Benchmark: for every instance in bench/instances, the optimizer against the first-come-first-served
 * baseline, each plan checked by the vendored independent checker, with the ratios against the targets;
 * then the scaling figure (time per improvement iteration against the number of requests). Per instance it
 * also prints the frontier of the alternatives (eerlijkst, gebalanceerd, meeste scholen, minste kilometers;
 * the balanced one is the optimizer's plan the targets judge), beside the exact frontier of `npm run
 * bench:exact` and OR-Tools' figures of `npm run bench:ortools` when their results are in bench/results; then
 * the fewest km the optimizer finds at OR-Tools' served count (from the alternative serving most, for
 * --km-at-time-limit seconds, default 5), with the km against OR-Tools in per cent.
 * Usage: npm run bench -- [--time-limit SECONDS] [--alternative-time-limit SECONDS] [--seed N] [--fairness-tolerance VISITS] [--only SUBSTRING] [--no-alternatives] [--km-at-time-limit SECONDS] [--no-scaling] [--scaling-only]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fewestKmFrom, optimizeAlternatives, optimizeTour } from '../shared/optimizer/index';
import type { AlternativesResult } from '../shared/optimizer/index';
import type { OrToolsResult } from './ortools';
import type { Plan, PlanningInstance } from '../shared/optimizer/types';
import { planFirstComeFirstServed } from './baseline';

const HERE = dirname(fileURLToPath(import.meta.url));
const INSTANCES = join(HERE, 'instances');
const CHECKER = join(HERE, 'vendor', 'check-plan.mjs');
const OUT = join(tmpdir(), 'techniekwagen-bench');
const RESULTS = join(HERE, 'results');

interface Checked {
  valid: boolean;
  errors: string[];
  figures: { requests: number; served: number; servedPriority: number; roadKm: number; fairShortfall: number };
}

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function check(instancePath: string, plan: Plan, label: string): Checked {
  const planPath = join(OUT, `${label}.json`);
  writeFileSync(planPath, JSON.stringify(plan));
  const run = spawnSync(process.execPath, [CHECKER, '--json', instancePath, planPath], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (run.status === 2) throw new Error(`checker could not read ${label}: ${run.stderr}`);
  return JSON.parse(run.stdout) as Checked;
}

const pad = (s: string | number, n: number): string => String(s).padStart(n);
const fmt = (x: number, d = 2): string => x.toFixed(d);

function benchInstance(
  file: string,
  timeLimitS: number,
  seed: number,
  fairnessTolerance: number | undefined,
  withAlternatives: boolean,
  alternativeS: number | undefined,
  kmAtS: number,
): boolean {
  const path = join(INSTANCES, file);
  const inst = JSON.parse(readFileSync(path, 'utf8')) as PlanningInstance;
  let t = performance.now();
  const basePlan = planFirstComeFirstServed(inst);
  const baseS = (performance.now() - t) / 1000;
  t = performance.now();
  const tolerance = fairnessTolerance === undefined ? {} : { fairnessTolerance };
  const options = { seed, timeLimitMs: timeLimitS * 1000, clock: () => performance.now(), ...tolerance };
  const alternatives: AlternativesResult | null = withAlternatives
    ? optimizeAlternatives(inst, {
        ...options,
        ...(alternativeS === undefined ? {} : { alternativeTimeLimitMs: alternativeS * 1000 }),
      })
    : null;
  // The balanced alternative is optimizeTour's plan for the same options (tested in shared/optimizer/alternatives.test.ts).
  const result = alternatives ? alternatives.balanced : optimizeTour(inst, options);
  const optS = alternatives ? result.stats.elapsedMs / 1000 : (performance.now() - t) / 1000;
  const base = check(path, basePlan, `${inst.name}-baseline`);
  const opt = check(path, result.plan, `${inst.name}-optimizer`);
  const n = inst.requests.length;
  const row = (name: string, c: Checked, secs: number): string => {
    const f = c.figures;
    return `  ${name.padEnd(10)}${pad(f.served, 7)}${pad(f.servedPriority, 9)}${pad(fmt(f.fairShortfall), 10)}${pad(fmt(f.roadKm, 1), 10)}${pad(fmt(f.roadKm / Math.max(1, f.served)), 9)}${pad(fmt(secs), 8)}  ${c.valid ? 'VALID' : `INVALID (${c.errors.length} broken)`}`;
  };
  console.log(
    `\n${inst.name}: ${n} requests, ${inst.trucks.length} truck(s), ${inst.horizon.from}..${inst.horizon.to}`,
  );
  console.log(
    `  ${'plan'.padEnd(10)}${pad('served', 7)}${pad('priority', 9)}${pad('fairShort', 10)}${pad('roadKm', 10)}${pad('km/visit', 9)}${pad('secs', 8)}  checker`,
  );
  console.log(row('baseline', base, baseS));
  console.log(row('optimizer', opt, optS));
  const b = base.figures;
  const o = opt.figures;
  const leavesOut = (n - b.served) / n;
  const servedNeed = leavesOut >= 0.1 ? Math.ceil(1.05 * b.served - 1e-9) : b.served;
  const kmRatio = o.roadKm / Math.max(1, o.served) / (b.roadKm / Math.max(1, b.served));
  const targets: [string, boolean][] = [
    [`checker: optimizer plan valid`, opt.valid],
    [
      `served ${o.served} ≥ ${servedNeed} (${leavesOut >= 0.1 ? '1.05 × ' : ''}baseline ${b.served}, baseline leaves ${fmt(leavesOut * 100, 1)}% out); ratio ${fmt(o.served / Math.max(1, b.served), 3)}`,
      o.served >= servedNeed,
    ],
    [
      `fairShortfall ${fmt(o.fairShortfall)} ≤ max(1, 0.25 × ${fmt(b.fairShortfall)} = ${fmt(0.25 * b.fairShortfall)}); ratio ${fmt(o.fairShortfall / Math.max(1e-9, b.fairShortfall), 3)}`,
      o.fairShortfall <= Math.max(1, 0.25 * b.fairShortfall) + 1e-9,
    ],
    [`roadKm per visit ratio ${fmt(kmRatio, 3)} ≤ 0.90`, kmRatio <= 0.9],
  ];
  for (const [text, ok] of targets) console.log(`  ${ok ? 'PASS' : 'FAIL'} ${text}`);
  if (alternatives) printFrontier(path, inst.name, base, baseS, alternatives, kmAtS);
  const s = result.stats;
  console.log(
    `  fairness guard: tolerance ${fmt(s.fairnessTolerance)} visits above the unavoidable ${fmt(s.unavoidableShortfall)}`,
  );
  console.log(
    `  run: ${s.iterations} iterations, work ${s.workUnits}/${s.workBudget}, construct ${fmt(s.constructMs / 1000)} s, improve ${fmt(s.improveMs / 1000)} s, stopped by ${s.stoppedBy}`,
  );
  return targets.every(([, ok]) => ok);
}

/** The alternatives beside the baseline, the exact frontier (bench:exact) and OR-Tools (bench:ortools) when their results are saved. */
function printFrontier(
  path: string,
  name: string,
  base: Checked,
  baseS: number,
  alt: AlternativesResult,
  kmAtS: number,
): void {
  console.log(`  frontier of the alternatives (each checked by the checker; dominated ones left out):`);
  console.log(
    `  ${'plan'.padEnd(19)}${pad('served', 7)}${pad('priority', 9)}${pad('fairShort', 10)}${pad('roadKm', 10)}${pad('km/visit', 9)}${pad('secs', 8)}  checker`,
  );
  const line = (label: string, f: Omit<Checked['figures'], 'requests'>, secs: number, verdict: string): void =>
    console.log(
      `  ${label.padEnd(19)}${pad(f.served, 7)}${pad(f.servedPriority, 9)}${pad(fmt(f.fairShortfall), 10)}${pad(fmt(f.roadKm, 1), 10)}${pad(fmt(f.roadKm / Math.max(1, f.served)), 9)}${pad(fmt(secs), 8)}  ${verdict}`,
    );
  line('baseline', base.figures, baseS, base.valid ? 'VALID' : 'INVALID');
  for (const a of alt.alternatives) {
    const c = check(path, a.plan, `${name}-${a.kind}`);
    line(
      a.label,
      c.figures,
      a.elapsedMs / 1000,
      `${c.valid ? 'VALID' : `INVALID (${c.errors.length} broken)`}${a.stoppedBy === 'clock' ? ' (cut by the clock)' : ''}`,
    );
  }
  for (const d of alt.dropped)
    console.log(
      `  ${d.label.padEnd(19)} left out: ${d.why === 'same' ? 'same figures as' : 'dominated by'} ${d.by} (served ${d.figures.served}, fairShortfall ${fmt(d.figures.fairShortfall)}, roadKm ${fmt(d.figures.roadKm, 1)})`,
    );
  const ortools = existsSync(RESULTS)
    ? readdirSync(RESULTS)
        .filter((f) => f.startsWith(`ortools-${name}-`) && f.endsWith('.json'))
        .sort()
    : [];
  for (const f of ortools) {
    const o = JSON.parse(readFileSync(join(RESULTS, f), 'utf8')) as OrToolsResult;
    line(
      `OR-Tools ${o.timeLimitS} s`,
      o,
      o.seconds,
      `${o.valid ? 'VALID' : 'INVALID'} (bench:ortools, ${o.ranAt.slice(0, 10)})`,
    );
    // The same served count as OR-Tools: the fewest km from the alternative serving most, with at least OR-Tools' served and priority.
    const most = alt.alternatives.reduce((a, b) =>
      b.figures.servedPriority > a.figures.servedPriority ||
      (b.figures.servedPriority === a.figures.servedPriority && b.figures.served > a.figures.served)
        ? b
        : a,
    );
    if (most.figures.served < o.served || most.figures.servedPriority < o.servedPriority) {
      console.log(
        `  (no alternative serves OR-Tools' ${o.served} visits / priority ${o.servedPriority}: no km comparison at equal served)`,
      );
      continue;
    }
    const t = performance.now();
    const same = fewestKmFrom(
      JSON.parse(readFileSync(path, 'utf8')),
      most.plan,
      { minServed: o.served, minServedPriority: o.servedPriority },
      { seed: 1, timeLimitMs: kmAtS * 1000, clock: () => performance.now() },
    );
    const c = check(path, same.plan, `${name}-km-at-ortools`);
    const secs = (performance.now() - t) / 1000;
    line(
      `km at ${o.served} served`,
      c.figures,
      secs,
      `${c.valid ? 'VALID' : 'INVALID'}; km ${fmt((c.figures.roadKm / o.roadKm - 1) * 100, 1)} % against OR-Tools (from ${most.label}, +${fmt(secs, 1)} s)`,
    );
  }
  if (ortools.length === 0) console.log('  OR-Tools: no saved result (npm run bench:ortools)');
  const exactFile = join(RESULTS, `exact-${name}.json`);
  if (!existsSync(exactFile)) {
    console.log('  exact frontier: none saved (npm run bench:exact solves the one-truck, two-visit instances)');
    return;
  }
  const exact = JSON.parse(readFileSync(exactFile, 'utf8')) as {
    solvedAt: string;
    rows: {
      served: number;
      leastShortfall: number;
      shortfallOptimal: boolean;
      guardCap: number;
      kmWithinGuard: number | null;
      kmWithinGuardOptimal: boolean;
    }[];
  };
  const star = (ok: boolean): string => (ok ? '' : '*');
  console.log(
    `  exact frontier (bench:exact, ${exact.solvedAt.slice(0, 10)}; * = time limit, best found): served: least shortfall / least km within the default guard`,
  );
  console.log(
    `    ${exact.rows.map((r) => `${r.served}: ${fmt(r.leastShortfall)}${star(r.shortfallOptimal)} / ${r.kmWithinGuard === null ? '—' : `${fmt(r.kmWithinGuard, 1)}${star(r.kmWithinGuardOptimal)}`}`).join(';  ')}`,
  );
}

/** Instance with the first `count` requests by earliest window start and a horizon cut to match, so the load per day stays alike. */
function subsetInstance(inst: PlanningInstance, count: number): PlanningInstance {
  const firstDay = (r: PlanningInstance['requests'][number]): string =>
    r.windows.reduce((a, w) => (w.from < a ? w.from : a), '9999-12-31');
  const requests = [...inst.requests]
    .sort((a, b) => (firstDay(a) < firstDay(b) ? -1 : firstDay(a) > firstDay(b) ? 1 : a.id < b.id ? -1 : 1))
    .slice(0, count);
  const lastStart = requests.reduce((a, r) => (firstDay(r) > a ? firstDay(r) : a), inst.horizon.from);
  const to = new Date(Date.parse(`${lastStart}T00:00:00Z`) + 21 * 86_400_000).toISOString().slice(0, 10);
  return {
    ...inst,
    name: `${inst.name}-first-${count}`,
    horizon: { from: inst.horizon.from, to: to < inst.horizon.to ? to : inst.horizon.to },
    requests,
  };
}

function benchScaling(seed: number): void {
  const file = readdirSync(INSTANCES).find((f) => f.includes('3000'));
  if (!file) return;
  const inst = JSON.parse(readFileSync(join(INSTANCES, file), 'utf8')) as PlanningInstance;
  const workBudget = 4_000_000;
  console.log(`\nScaling (subsets of ${inst.name}, fixed work budget ${workBudget} route evaluations, seed ${seed})`);
  console.log(
    `  ${pad('requests', 8)}${pad('truckdays', 10)}${pad('construct s', 12)}${pad('iterations', 11)}${pad('improve s', 10)}${pad('ms/iter', 9)}${pad('µs/eval', 9)}${pad('evals/iter', 11)}`,
  );
  for (const count of [250, 500, 1000, 2000, 3000]) {
    const sub = subsetInstance(inst, count);
    const result = optimizeTour(sub, { seed, workBudget, clock: () => performance.now() });
    const s = result.stats;
    const truckDays = result.plan.routes.length;
    const improveWork = s.workUnits - s.constructWorkUnits;
    console.log(
      `  ${pad(count, 8)}${pad(truckDays, 10)}${pad(fmt(s.constructMs / 1000), 12)}${pad(s.iterations, 11)}${pad(fmt(s.improveMs / 1000), 10)}${pad(fmt(s.improveMs / Math.max(1, s.iterations), 3), 9)}${pad(fmt((s.improveMs * 1000) / Math.max(1, improveWork), 3), 9)}${pad(fmt(improveWork / Math.max(1, s.iterations), 0), 11)}`,
    );
  }
  console.log('  (truckdays = routes used; ms/iter should stay roughly flat or grow at most linearly with requests)');
}

function main(): void {
  const timeLimitS = Number(flag('--time-limit') ?? 10);
  const seed = Number(flag('--seed') ?? 1);
  const only = flag('--only');
  const toleranceText = flag('--fairness-tolerance');
  const fairnessTolerance = toleranceText === undefined ? undefined : Number(toleranceText);
  const altText = flag('--alternative-time-limit');
  const alternativeS = altText === undefined ? undefined : Number(altText);
  mkdirSync(OUT, { recursive: true });
  let allPass = true;
  if (!process.argv.includes('--scaling-only')) {
    console.log(
      `Benchmark: optimizer (--time-limit ${timeLimitS}, seed ${seed}, fairness tolerance ${toleranceText ?? 'default'}) against first-come-first-served; plans checked by bench/vendor/check-plan.mjs`,
    );
    for (const file of readdirSync(INSTANCES)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      if (only && !file.includes(only)) continue;
      allPass =
        benchInstance(
          file,
          timeLimitS,
          seed,
          fairnessTolerance,
          !process.argv.includes('--no-alternatives'),
          alternativeS,
          Number(flag('--km-at-time-limit') ?? 5),
        ) && allPass;
    }
    console.log(`\n${allPass ? 'All targets met.' : 'Some targets NOT met (see FAIL lines).'}`);
  }
  if (!process.argv.includes('--no-scaling')) benchScaling(seed);
}

main();
