// `npm test`: lint (type check and ESLint) and the frontend build side by side, then the test groups side by side,
// each in a mocha process of its own (so each has its own FerretDB): unit + API, lifecycle (server processes),
// browser, and the live-tracking browser suite. Much of a group's time is waiting (for a server to start, a page
// to settle, a timer), so the groups overlap even on 2 cores. Each group's output is printed whole when it ends,
// then a table of the times.
//
//   node scripts/test.mjs                 everything
//   node scripts/test.mjs --jobs 2        at most 2 test groups at a time (default 3; the checks always run together)
//   node scripts/test.mjs --serial        every step one after another (slowest; for a machine that struggles)
//   node scripts/test.mjs --no-lint       skip the type check and ESLint (the build still runs)
//   TEST_GROUPS=api,live node scripts/test.mjs --no-lint    only those groups (api, lifecycle, browser, live)
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = resolve(ROOT, 'node_modules/.bin');
const argv = process.argv.slice(2);
const args = new Set(argv);
const serial = args.has('--serial');
const jobsAt = argv.indexOf('--jobs');
const jobs = serial ? 1 : jobsAt >= 0 ? Number(argv[jobsAt + 1]) : 3;
if (!Number.isInteger(jobs) || jobs < 1) {
  console.error('--jobs needs a whole number of at least 1');
  process.exit(2);
}

// tsc's incremental state and ESLint's cache make a second run check only what changed. ESLint's cache does not
// notice a type changed in another file, so `npm run lint` (and CI's clean clone) runs without it.
const CACHE = resolve(ROOT, 'node_modules/.cache/techniekwagen');
const CHECKS = [
  {
    name: 'type check',
    cmd: 'tsc',
    argv: ['-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', resolve(CACHE, 'tsc.tsbuildinfo')],
    skip: args.has('--no-lint'),
  },
  {
    name: 'eslint',
    cmd: 'eslint',
    argv: ['--cache', '--cache-location', resolve(CACHE, 'eslint/'), '.'],
    skip: args.has('--no-lint'),
  },
  { name: 'format', cmd: 'prettier', argv: ['--check', '.'], skip: args.has('--no-lint') },
  { name: 'frontend build', cmd: 'vite', argv: ['build', '--config', 'frontend/vite.config.ts', '--logLevel', 'warn'] },
];
// In the order they start; with fewer jobs than groups, the lifecycle tests (which time real server starts) start
// last, when another group has ended.
const GROUPS = [
  {
    name: 'api',
    label: 'unit + API',
    argv: [
      'shared/**/*.test.ts',
      'seed/**/*.test.ts',
      'backend/**/*.test.ts',
      'frontend/**/*.test.ts',
      'test/unit/**/*.test.ts',
      'test/api/**/*.test.ts',
    ],
  },
  // The live-tracking suite (a simulated day of 400 positions) is as long as the other browser suites together.
  { name: 'browser', label: 'browser', argv: ['test/browser/**/*.test.ts', '--ignore', 'test/browser/live.test.ts'] },
  { name: 'live', label: 'browser (live)', argv: ['test/browser/live.test.ts'] },
  { name: 'lifecycle', label: 'lifecycle', argv: ['test/lifecycle/**/*.test.ts'] },
];
const wanted = process.env.TEST_GROUPS?.split(',')
  .map((g) => g.trim())
  .filter(Boolean);
for (const g of wanted ?? []) {
  if (!GROUPS.some((group) => group.name === g)) {
    console.error(`TEST_GROUPS: unknown group "${g}" (known: ${GROUPS.map((group) => group.name).join(', ')})`);
    process.exit(2);
  }
}

const running = new Set();
// Stopped (Ctrl-C, a CI timeout): the groups stop too, each shutting down its own database.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) child.kill(signal);
    process.exitCode = 130;
  });
}

/** Runs a command with its output kept; resolves with its exit code, output and time. */
function run(step) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(resolve(BIN, step.cmd), step.argv, {
      cwd: ROOT,
      env: { ...process.env, ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}) },
    });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', (err) =>
      done({ step, code: 1, output: `${output}\n${err.message}\n`, seconds: (Date.now() - started) / 1000 }),
    );
    child.on('close', (code, signal) =>
      done({ step, code: code ?? (signal ? 1 : 0), output, seconds: (Date.now() - started) / 1000 }),
    );
  });
}

/** Runs the steps, at most `width` at a time, printing each one's output as soon as it ends. */
async function phase(steps, width) {
  const results = [];
  const report = (r) => {
    const verdict = r.code === 0 ? 'ok' : `FAILED (exit ${r.code})`;
    process.stdout.write(
      `\n===== ${r.step.label ?? r.step.name}: ${verdict} in ${r.seconds.toFixed(1)} s =====\n${r.output.trimEnd()}\n`,
    );
    results.push(r);
  };
  const queue = [...steps];
  const lane = async () => {
    for (let s = queue.shift(); s && process.exitCode === undefined; s = queue.shift()) report(await run(s));
  };
  await Promise.all(Array.from({ length: Math.min(width, steps.length) }, lane));
  return results;
}

const started = Date.now();
const checks = await phase(
  CHECKS.filter((c) => !c.skip),
  serial ? 1 : CHECKS.length,
);
let tests = [];
if (checks.every((r) => r.code === 0) && process.exitCode === undefined) {
  const color = process.stdout.isTTY ? '--color' : '--no-color';
  tests = await phase(
    GROUPS.filter((g) => !wanted || wanted.includes(g.name)).map((g) => ({
      ...g,
      cmd: 'mocha',
      argv: [...g.argv, color],
    })),
    jobs,
  );
} else {
  console.log('\nThe checks failed; the tests did not run.');
}

const all = [...checks, ...tests];
const count = (word) => tests.reduce((n, r) => n + Number(new RegExp(`(\\d+) ${word}`).exec(r.output)?.[1] ?? 0), 0);
console.log('\n===== summary =====');
for (const r of all)
  console.log(
    `${(r.step.label ?? r.step.name).padEnd(16)} ${r.code === 0 ? 'ok    ' : 'FAILED'} ${r.seconds.toFixed(1).padStart(6)} s`,
  );
console.log(
  `${'total'.padEnd(16)} ${' '.repeat(6)} ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s (${serial ? 'serial' : `${jobs} test groups at a time`})`,
);
if (tests.length > 0)
  console.log(`tests: ${count('passing')} passed, ${count('failing')} failed, ${count('pending')} skipped`);
process.exit(process.exitCode ?? (all.every((r) => r.code === 0) ? 0 : 1));
