/**
 * OR-Tools beside the optimizer: runs bench/ortools_plan.py (Google OR-Tools' routing solver, guided local
 * search; every truck-day a vehicle, every request a node it may drop at a priority-weighted penalty, fairness
 * not modelled) on every instance, checks each plan with the vendored independent checker, prints its figures
 * and keeps them in bench/results/ortools-NAME-SECSs.json for `npm run bench` to print beside the alternatives.
 *
 * OR-Tools is an optional, bench-only dependency: when python3 (or $PYTHON) or its `ortools` package is
 * missing, this prints a notice and exits 0. Install it outside the project, e.g.
 *   python3 -m venv ~/ortools && ~/ortools/bin/pip install ortools && PYTHON=~/ortools/bin/python npm run bench:ortools
 * Usage: npm run bench:ortools -- [--time-limit SECONDS (default 300)] [--only SUBSTRING] [--metaheuristic guided|tabu|sa]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { PlanningInstance } from '../shared/optimizer/types';

const HERE = dirname(fileURLToPath(import.meta.url));
const INSTANCES = join(HERE, 'instances');
const CHECKER = join(HERE, 'vendor', 'check-plan.mjs');
const SCRIPT = join(HERE, 'ortools_plan.py');
const RESULTS = join(HERE, 'results');

/** What bench/results/ortools-*.json holds. */
export interface OrToolsResult {
  instance: string;
  seconds: number;
  timeLimitS: number;
  metaheuristic: string;
  valid: boolean;
  served: number;
  servedPriority: number;
  fairShortfall: number;
  roadKm: number;
  ranAt: string;
}

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(): number {
  const python = process.env.PYTHON ?? 'python3';
  const probe = spawnSync(python, ['-c', 'import ortools; print(ortools.__version__)'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? `${python} not found` : `${python} has no ortools package`;
    console.log(
      `bench:ortools skipped: ${why}. OR-Tools is optional and bench-only; install it with \`pip install ortools\` (a venv outside the project) and set PYTHON to that interpreter.`,
    );
    return 0;
  }
  const timeLimitS = Number(flag('--time-limit') ?? 300);
  if (!Number.isInteger(timeLimitS) || timeLimitS <= 0) {
    console.error('bench:ortools: --time-limit must be a whole number of seconds > 0');
    return 2;
  }
  const meta = flag('--metaheuristic') ?? 'guided';
  const only = flag('--only');
  const out = join(tmpdir(), 'techniekwagen-bench');
  mkdirSync(out, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  console.log(
    `OR-Tools ${probe.stdout.trim()} (${meta} local search, ${timeLimitS} s per instance); plans checked by bench/vendor/check-plan.mjs`,
  );
  console.log(
    `  ${'instance'.padEnd(32)}${'served'.padStart(7)}${'priority'.padStart(9)}${'fairShort'.padStart(10)}${'roadKm'.padStart(10)}${'secs'.padStart(8)}  checker`,
  );
  for (const file of readdirSync(INSTANCES)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    if (only && !file.includes(only)) continue;
    const path = join(INSTANCES, file);
    const inst = JSON.parse(readFileSync(path, 'utf8')) as PlanningInstance;
    const t = performance.now();
    const run = spawnSync(python, [SCRIPT, path, String(timeLimitS), meta], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const seconds = (performance.now() - t) / 1000;
    if (run.status !== 0) {
      console.log(
        `  ${inst.name.padEnd(32)} OR-Tools failed: ${(run.stderr || String(run.error)).trim().split('\n').slice(-1)[0]}`,
      );
      continue;
    }
    const planPath = join(out, `${inst.name}-ortools.json`);
    writeFileSync(planPath, run.stdout);
    const checked = JSON.parse(
      spawnSync(process.execPath, [CHECKER, '--json', path, planPath], { encoding: 'utf8', maxBuffer: 64 << 20 })
        .stdout,
    ) as {
      valid: boolean;
      figures: { served: number; servedPriority: number; fairShortfall: number; roadKm: number };
    };
    const f = checked.figures;
    const result: OrToolsResult = {
      instance: inst.name,
      seconds,
      timeLimitS,
      metaheuristic: meta,
      valid: checked.valid,
      served: f.served,
      servedPriority: f.servedPriority,
      fairShortfall: f.fairShortfall,
      roadKm: f.roadKm,
      ranAt: new Date().toISOString(),
    };
    writeFileSync(join(RESULTS, `ortools-${inst.name}-${timeLimitS}s.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `  ${inst.name.padEnd(32)}${String(f.served).padStart(7)}${String(f.servedPriority).padStart(9)}${f.fairShortfall.toFixed(2).padStart(10)}${f.roadKm.toFixed(1).padStart(10)}${seconds.toFixed(1).padStart(8)}  ${checked.valid ? 'VALID' : 'INVALID'}`,
    );
  }
  return 0;
}

process.exitCode = main();
