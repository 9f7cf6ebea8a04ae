/**
 * Command-line planner: reads an instance file and prints ONLY the plan JSON on stdout; progress and
 * the run's figures go to stderr. Usage:
 *   npm run plan -- --instance FILE [--time-limit SECONDS] [--seed N] [--fairness-tolerance VISITS] [--alternatives [--alternative-time-limit SECONDS]]
 * With --alternatives it prints a JSON array of up to four plans (eerlijkst, gebalanceerd, meeste scholen,
 * minste kilometers), each a plan in the exchange format with `label`, `kind` and `figures` added.
 * Exit codes: 0 plan printed, 2 bad flags or unreadable/invalid instance, 1 unexpected failure.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  DEFAULT_TIME_LIMIT_MS,
  InvalidInputError,
  optimizeAlternatives,
  optimizeTour,
} from '../../shared/optimizer/index';
import type { OptimizeOptions } from '../../shared/optimizer/index';

interface CliArgs {
  instance: string;
  timeLimitS: number;
  seed: number;
  /** Fairness guard tolerance in visits; undefined for the optimizer's default. */
  fairnessTolerance: number | undefined;
  /** Print the alternatives (a JSON array) instead of one plan. */
  alternatives: boolean;
  /** Time limit of each alternative's search after the balanced one, in seconds; undefined for the default (half of timeLimitS). */
  alternativeTimeLimitS: number | undefined;
}

class UsageError extends Error {}

const USAGE =
  'usage: npm run plan -- --instance FILE [--time-limit SECONDS] [--seed N] [--fairness-tolerance VISITS] [--alternatives [--alternative-time-limit SECONDS]]';

/** Returns the parsed flags; throws UsageError on an unknown, repeated or malformed flag. */
export function parseArgs(argv: string[]): CliArgs {
  const values = new Map<string, string>();
  let alternatives = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--alternatives') {
      if (alternatives) throw new UsageError('--alternatives given twice');
      alternatives = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    if (!['--instance', '--time-limit', '--seed', '--fairness-tolerance', '--alternative-time-limit'].includes(flag))
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    if (values.has(flag)) throw new UsageError(`${flag} given twice`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  const instance = values.get('--instance');
  if (!instance) throw new UsageError('--instance FILE is required');
  const timeLimitS = Number(values.get('--time-limit') ?? DEFAULT_TIME_LIMIT_MS / 1000);
  if (!Number.isFinite(timeLimitS) || timeLimitS <= 0 || timeLimitS > 3600) {
    throw new UsageError(
      `--time-limit must be a number of seconds in (0, 3600], got ${JSON.stringify(values.get('--time-limit'))}`,
    );
  }
  const seedText = values.get('--seed') ?? '1';
  if (!/^\d{1,10}$/.test(seedText))
    throw new UsageError(`--seed must be a non-negative integer, got ${JSON.stringify(seedText)}`);
  const toleranceText = values.get('--fairness-tolerance');
  const fairnessTolerance = toleranceText === undefined ? undefined : Number(toleranceText);
  if (
    fairnessTolerance !== undefined &&
    (toleranceText!.trim() === '' || !Number.isFinite(fairnessTolerance) || fairnessTolerance < 0)
  ) {
    throw new UsageError(`--fairness-tolerance must be a number of visits ≥ 0, got ${JSON.stringify(toleranceText)}`);
  }
  const altText = values.get('--alternative-time-limit');
  const alternativeTimeLimitS = altText === undefined ? undefined : Number(altText);
  if (altText !== undefined && !alternatives) throw new UsageError('--alternative-time-limit needs --alternatives');
  if (
    alternativeTimeLimitS !== undefined &&
    (altText!.trim() === '' ||
      !Number.isFinite(alternativeTimeLimitS) ||
      alternativeTimeLimitS <= 0 ||
      alternativeTimeLimitS > 3600)
  ) {
    throw new UsageError(
      `--alternative-time-limit must be a number of seconds in (0, 3600], got ${JSON.stringify(altText)}`,
    );
  }
  return { instance, timeLimitS, seed: Number(seedText), fairnessTolerance, alternatives, alternativeTimeLimitS };
}

function main(): number {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`plan: ${error.message}\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  let instance: unknown;
  try {
    instance = JSON.parse(readFileSync(args.instance, 'utf8'));
  } catch (error) {
    const why =
      error instanceof SyntaxError
        ? `not valid JSON (${error.message})`
        : (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file'
          : String((error as Error).message);
    process.stderr.write(`plan: cannot read instance ${args.instance}: ${why}\n`);
    return 2;
  }
  let lastPct = -1;
  try {
    const options: OptimizeOptions = {
      seed: args.seed,
      timeLimitMs: args.timeLimitS * 1000,
      ...(args.fairnessTolerance === undefined ? {} : { fairnessTolerance: args.fairnessTolerance }),
      clock: () => performance.now(),
      onProgress: (r) => {
        const pct = Math.floor(r.fraction * 10) * 10;
        if (pct === lastPct && r.phase === 'improve') return;
        lastPct = pct;
        process.stderr.write(
          `plan: ${r.phase} ${pct}% it=${r.iteration} served=${r.best.served} priority=${r.best.servedPriority} fairShortfall=${r.best.fairShortfall.toFixed(2)} roadKm=${r.best.roadKm.toFixed(1)} ${(r.elapsedMs / 1000).toFixed(1)}s\n`,
        );
      },
    };
    if (args.alternatives) return printAlternatives(options, instance, args);
    const result = optimizeTour(instance, options);
    process.stdout.write(`${JSON.stringify(result.plan, null, 2)}\n`);
    const f = result.figures;
    process.stderr.write(
      `plan: served ${f.served}/${f.requests} priority=${f.servedPriority} fairShortfall=${f.fairShortfall} roadKm=${f.roadKm} fairnessTolerance=${result.stats.fairnessTolerance.toFixed(2)} unavoidableShortfall=${result.stats.unavoidableShortfall.toFixed(2)} iterations=${result.stats.iterations} work=${result.stats.workUnits}/${result.stats.workBudget} ${(result.stats.elapsedMs / 1000).toFixed(1)}s\n`,
    );
    if (result.stats.stoppedBy === 'clock') {
      process.stderr.write(
        'plan: WARNING the wall-clock safety stop cut this run before its work budget was used; the plan is valid but not reproducible\n',
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof InvalidInputError) {
      process.stderr.write(
        `plan: invalid instance ${args.instance}: ${error.issues.slice(0, 10).join('; ')}${error.issues.length > 10 ? ` (… ${error.issues.length - 10} more)` : ''}\n`,
      );
      return 2;
    }
    process.stderr.write(`plan: failed: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}

/** --alternatives: prints the JSON array of alternatives on stdout and one line of figures per alternative on stderr. */
function printAlternatives(options: OptimizeOptions, instance: unknown, args: CliArgs): number {
  const result = optimizeAlternatives(instance, {
    ...options,
    ...(args.alternativeTimeLimitS === undefined ? {} : { alternativeTimeLimitMs: args.alternativeTimeLimitS * 1000 }),
  });
  const out = result.alternatives.map((a) => ({ label: a.label, kind: a.kind, figures: a.figures, ...a.plan }));
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  for (const a of result.alternatives) {
    const f = a.figures;
    process.stderr.write(
      `plan: ${a.label.padEnd(17)} served ${f.served}/${f.requests} priority=${f.servedPriority} fairShortfall=${f.fairShortfall} roadKm=${f.roadKm} ${(a.elapsedMs / 1000).toFixed(1)}s${a.stoppedBy === 'clock' ? ' (cut by the wall-clock safety stop: not reproducible)' : ''}\n`,
    );
  }
  for (const d of result.dropped) {
    process.stderr.write(
      `plan: ${d.label} left out: ${d.why === 'same' ? 'the same figures as' : 'dominated by'} ${d.by} (served ${d.figures.served}, fairShortfall ${d.figures.fairShortfall}, roadKm ${d.figures.roadKm})\n`,
    );
  }
  return 0;
}

process.exitCode = main();
