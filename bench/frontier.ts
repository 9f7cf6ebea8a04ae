/**
 * The served/fairness frontier: runs the optimizer on bench instances with a range of fairness tolerances
 * (fixed, in visits, and the default) and prints served, fairShortfall, the unavoidable part and km for each,
 * next to the first-come-first-served baseline, so the default tolerance can be judged on all instances.
 * Usage: npx tsx bench/frontier.ts [--time-limit SECONDS] [--seed N] [--only SUBSTRING] [--tolerances 0,1,2,4,8,1000]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { evaluatePlan, optimizeTour } from '../shared/optimizer/index';
import type { PlanningInstance } from '../shared/optimizer/types';
import { planFirstComeFirstServed } from './baseline';

const HERE = dirname(fileURLToPath(import.meta.url));
const INSTANCES = join(HERE, 'instances');

function flag(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function main(): void {
  const timeLimitS = Number(flag('--time-limit') ?? 10);
  const seed = Number(flag('--seed') ?? 1);
  const only = flag('--only');
  const tolerances: (number | undefined)[] = [
    undefined,
    ...(flag('--tolerances') ?? '0,1,2,4,8,16,1000').split(',').map(Number),
  ];
  for (const file of readdirSync(INSTANCES)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    if (only && !file.includes(only)) continue;
    const inst = JSON.parse(readFileSync(join(INSTANCES, file), 'utf8')) as PlanningInstance;
    const base = evaluatePlan(inst, planFirstComeFirstServed(inst)).figures;
    console.log(
      `\n${inst.name}: baseline served ${base.served}, fairShortfall ${base.fairShortfall}, km/visit ${(base.roadKm / Math.max(1, base.served)).toFixed(2)}`,
    );
    console.log('  tolerance   served  fairShort  unavoid  km/visit  constructed        stopped');
    for (const tol of tolerances) {
      const t = performance.now();
      const r = optimizeTour(inst, {
        seed,
        timeLimitMs: timeLimitS * 1000,
        clock: () => performance.now(),
        ...(tol === undefined ? {} : { fairnessTolerance: tol }),
      });
      const f = r.figures;
      const label = tol === undefined ? `default(${r.stats.fairnessTolerance.toFixed(2)})` : String(tol);
      console.log(
        `  ${label.padEnd(14)}${String(f.served).padStart(4)}${f.fairShortfall.toFixed(2).padStart(11)}${r.stats.unavoidableShortfall.toFixed(2).padStart(9)}${(f.roadKm / Math.max(1, f.served)).toFixed(2).padStart(10)}  ${`${r.stats.constructed.served}/${r.stats.constructed.fairShortfall.toFixed(2)}`.padEnd(17)}  ${r.stats.stoppedBy} ${((performance.now() - t) / 1000).toFixed(1)}s`,
      );
    }
  }
}

main();
