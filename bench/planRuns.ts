/**
 * Plan-runs benchmark: what `--runs` "Plan maken" clicks at once cost the server. An own embedded FerretDB (temporary
 * folder), seeded, with `--requests` accepted requests in a four-week period; then `--runs` plan runs are started
 * together (each by another user, `--time-limit` seconds each) under the run limit `--max` (the default PLAN_RUNS_MAX
 * is 2; `--max 12` is what the server did before it had a limit). Prints the peak memory of the process (the runs are
 * worker threads in it), the time until every run is done, and how long a simple database read takes meanwhile.
 * Usage: npx tsx bench/planRuns.ts [--runs 12] [--max 2] [--requests 60] [--time-limit 5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { trusted } from 'mongoose';
import { createRequestSchema } from '../shared/api/requests';
import { connectDatabase } from '../backend/db/connection';
import { createLogger } from '../backend/logger';
import { ensureIndexes, PlanDraft, School, VisitRequest } from '../backend/models';
import { setPlanRunLimits, startPlan } from '../backend/services/planning/plans';
import { createRequest } from '../backend/services/requests';
import { seedDatabase } from '../seed/seedDatabase';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 1) throw new Error(`--${name} needs a number of at least 1`);
  return v;
};
const RUNS = arg('runs', 12);
const MAX = arg('max', 2);
const REQUESTS = arg('requests', 60);
const TIME_LIMIT = arg('time-limit', 5);
const PERIOD = { from: '2027-03-01', to: '2027-03-26' };
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'techniekwagen-bench-runs-'));
  const logger = createLogger('silent');
  const db = await connectDatabase(
    { mongodbUri: undefined, dataDir, ferretdbBin: resolve('.tools/bin/ferretdb') },
    logger,
  );
  try {
    await ensureIndexes({ embedded: true });
    await seedDatabase();
    const schools = await School.find({ location: trusted({ $ne: null }) }, '_id')
      .limit(REQUESTS)
      .lean<Array<{ _id: string }>>();
    for (const [i, s] of schools.entries()) {
      const week = i % 4;
      const from = new Date(Date.parse(PERIOD.from) + week * 7 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.parse(from) + 4 * 86_400_000).toISOString().slice(0, 10);
      const input = createRequestSchema.parse({
        schoolId: s._id,
        contact: { name: 'Bench', email: `bench-${i}@example.test` },
        pupils: 40,
        classes: 2,
        levels: ['vmbo-kader'],
        programmes: ['programmeren'],
        sessionLength: 'half-day',
        preferredWeeks: [{ from, to }],
        excludedDates: [],
        earliestStart: '08:30',
        latestEnd: '15:30',
        remarks: '',
      });
      await createRequest(input, { kind: 'anonymous' }, (t) => `http://localhost/status/${t}`);
    }
    await VisitRequest.updateMany({}, { $set: { status: 'accepted' } });
    setPlanRunLimits({ max: MAX, perUser: 1, queueMax: RUNS, queuePerUser: RUNS });
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    // A read the API does all the time, timed while the runs go on.
    const readMs: number[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) {
        const t0 = performance.now();
        await School.find({}, '_id name').limit(50).lean();
        readMs.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const started = performance.now();
    const ids: string[] = [];
    for (let r = 0; r < RUNS; r++) {
      const plan = await startPlan(
        {
          ...PERIOD,
          truckIds: ['wagen-1'],
          seed: r + 1,
          timeLimitSeconds: TIME_LIMIT,
          alternatives: false,
          name: `bench ${r}`,
        },
        `user-${r}`,
        logger,
      );
      ids.push(plan.id);
    }
    const doneAt = new Map<string, number>();
    while (doneAt.size < ids.length) {
      const docs = await PlanDraft.find({ _id: trusted({ $in: ids }) }, 'status').lean<
        Array<{ _id: unknown; status: string }>
      >();
      for (const d of docs)
        if (['done', 'failed', 'cancelled'].includes(d.status) && !doneAt.has(String(d._id)))
          doneAt.set(String(d._id), performance.now() - started);
      if (performance.now() - started > RUNS * TIME_LIMIT * 4000) throw new Error('runs did not finish in time');
      await new Promise((r) => setTimeout(r, 200));
    }
    reading = false;
    await reader;
    clearInterval(sampler);
    const failed = (await PlanDraft.countDocuments({ _id: trusted({ $in: ids }), status: 'failed' })) as number;
    const times = [...doneAt.values()];
    console.log(
      `${RUNS} plan runs of ${TIME_LIMIT} s on ${schools.length} requests, at most ${MAX} at once: ` +
        `all done after ${(Math.max(...times) / 1000).toFixed(1)} s (first ${(Math.min(...times) / 1000).toFixed(1)} s), ${failed} failed; ` +
        `process memory ${mb(baseline)} → peak ${mb(peak)} (+${mb(peak - baseline)}); ` +
        `a 50-school read meanwhile: median ${median(readMs).toFixed(1)} ms, max ${Math.max(...readMs).toFixed(1)} ms`,
    );
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
