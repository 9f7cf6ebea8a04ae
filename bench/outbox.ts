/**
 * Outbox benchmark: an own embedded FerretDB (temporary folder), `--sent` messages already sent (the outbox as it
 * looks after a while) and `--queued` messages due now; times how fast one worker (or `--workers` workers at once)
 * writes them as .eml files, and how long a worker's stop takes in the middle of that backlog.
 * Usage: npx tsx bench/outbox.ts [--sent 3000] [--queued 300] [--workers 1]
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectDatabase } from '../backend/db/connection';
import { createLogger } from '../backend/logger';
import { ensureIndexes, OutboxMessage } from '../backend/models';
import { newOutboxMessage } from '../backend/services/outbox/enqueue';
import { startOutboxWorker } from '../backend/services/outbox/worker';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} needs a number`);
  return v;
};
const SENT = arg('sent', 3000);
const QUEUED = arg('queued', 300);
const WORKERS = Math.max(1, arg('workers', 1));
/** Gives up (and reports what was done) after this many seconds. */
const LIMIT_S = arg('limit-s', 180);

function message(i: number, sent: boolean) {
  const now = new Date(Date.now() - (sent ? 3600_000 : 0));
  const m = newOutboxMessage(
    {
      to: `bench-${i}@example.test`,
      kind: 'request_received',
      language: 'nl',
      params: { schoolName: 'Bench', reference: `B-${i}`, url: 'https://tw.example/status/x' },
    },
    now,
  );
  return sent
    ? { ...m, status: 'sent' as const, attempts: 1, nextAttemptAt: null, transport: 'file' as const, sentAt: now }
    : m;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'techniekwagen-bench-outbox-'));
  const outboxDir = join(dataDir, 'eml');
  const logger = createLogger('silent');
  const db = await connectDatabase(
    { mongodbUri: undefined, dataDir, ferretdbBin: resolve('.tools/bin/ferretdb') },
    logger,
  );
  try {
    await ensureIndexes({ embedded: true });
    for (let i = 0; i < SENT; i += 500) {
      await OutboxMessage.collection.insertMany(
        Array.from({ length: Math.min(500, SENT - i) }, (_, k) => message(i + k, true)),
      );
    }
    await OutboxMessage.collection.insertMany(Array.from({ length: QUEUED }, (_, k) => message(SENT + k, false)));
    console.log(`set up: ${SENT} sent and ${QUEUED} queued messages in the outbox`);
    const emls = () => {
      try {
        return readdirSync(outboxDir).length;
      } catch {
        return 0;
      }
    };
    const started = performance.now();
    const workers = Array.from({ length: WORKERS }, () =>
      startOutboxWorker({ outboxDir, from: 'bench@example.test', logger, pollMs: 200 }),
    );
    // Half-way through the backlog, time one worker's stop (as the server's shutdown does).
    const tooLong = () => {
      if (performance.now() - started > LIMIT_S * 1000) {
        console.log(
          `gave up after ${LIMIT_S} s: ${emls()} of ${QUEUED} emails written (${(emls() / LIMIT_S).toFixed(1)} emails/s)`,
        );
        process.exit(2);
      }
    };
    while (emls() < QUEUED / 2) {
      tooLong();
      await new Promise((r) => setTimeout(r, 20));
    }
    const half = (performance.now() - started) / 1000;
    const stopStarted = performance.now();
    await workers[0]!.stop();
    const stopMs = performance.now() - stopStarted;
    console.log(
      `first half: ${(QUEUED / 2 / half).toFixed(1)} emails/s; stop of a worker mid-backlog ${stopMs.toFixed(0)} ms (${emls()} written by then)`,
    );
    const rest = workers.slice(1);
    if (rest.length === 0)
      workers.splice(0, 1, startOutboxWorker({ outboxDir, from: 'bench@example.test', logger, pollMs: 200 }));
    while ((await OutboxMessage.countDocuments({ status: 'queued' })) > 0) {
      tooLong();
      await new Promise((r) => setTimeout(r, 100));
    }
    const total = (performance.now() - started) / 1000;
    for (const w of workers.slice(rest.length === 0 ? 0 : 1)) await w.stop();
    const files = emls();
    console.log(
      `${SENT} sent + ${QUEUED} queued, ${WORKERS} worker(s): first half ${(QUEUED / 2 / half).toFixed(1)} emails/s; all in ${total.toFixed(1)} s (${(QUEUED / total).toFixed(1)} emails/s); stop of a worker mid-backlog ${stopMs.toFixed(0)} ms; .eml files ${files} for ${QUEUED} messages`,
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
