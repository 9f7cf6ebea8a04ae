/**
 * Live fan-out benchmark: a server started in this process (own embedded FerretDB on a free port, temporary
 * data folder, loopback only), N SSE viewers of one truck-day, and one truck posting a position every second.
 * Prints p50/p95/p99 of the time from the start of the position POST to its receipt at each viewer, lost
 * messages, and the process's RSS and heap (server and viewers share this process). Target: p95 < 300 ms.
 * Usage: npm run bench:live -- [--viewers 100] [--seconds 30]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../backend/app';
import { connectDatabase } from '../backend/db/connection';
import { createLogger } from '../backend/logger';
import { ensureIndexes, Truck } from '../backend/models';
import { createActiveUser } from '../backend/services/accounts/users';
import type { LiveHub } from '../backend/services/live/hub';
import { createRequest } from '../backend/services/requests';
import { replaceStops } from '../backend/services/truckDays';
import { createRequestSchema } from '../shared/api/requests';
import { seedDatabase } from '../seed/seedDatabase';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
};
const VIEWERS = Math.min(500, arg('viewers', 100));
const SECONDS = Math.min(120, arg('seconds', 30));
/** A phone back online after a stretch without signal sends its queue in batches of this many fixes (MAX 400). */
const OFFLINE_BATCH = Math.min(400, arg('offline-batch', 400));
const TRUCK = 'bench-1';
const DATE = '2030-03-05';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'techniekwagen-bench-live-'));
  const logger = createLogger('silent');
  const db = await connectDatabase(
    { mongodbUri: undefined, dataDir, ferretdbBin: process.env.FERRETDB_BIN ?? resolve('.tools/bin/ferretdb') },
    logger,
  );
  let server: Server | undefined;
  const viewers: http.ClientRequest[] = [];
  try {
    await ensureIndexes({ embedded: db.ferretDb });
    await seedDatabase();
    await Truck.updateOne(
      { _id: TRUCK },
      {
        $setOnInsert: {
          name: 'Bench',
          depotId: 'glr',
          shift: { start: '07:00', end: '18:00' },
          weekdays: [1, 2, 3, 4, 5],
          maxVisitsPerDay: 2,
          active: true,
        },
      },
      { upsert: true },
    );
    const stops = [];
    for (const [i, schoolId] of ['23ja01', '18ch02'].entries()) {
      const input = createRequestSchema.parse({
        schoolId,
        contact: { name: 'Bench', email: `bench-${i}@example.test` },
        pupils: 30,
        classes: 1,
        levels: ['vmbo-kader'],
        programmes: ['programmeren'],
        sessionLength: 'half-day',
        preferredWeeks: [{ from: '2030-03-04', to: '2030-03-08' }],
      });
      const { request } = await createRequest(input, { kind: 'anonymous' }, (t) => `http://localhost/${t}`);
      stops.push(
        i === 0
          ? { requestId: request.id, arrive: '08:15', start: '09:00', end: '12:00', leave: '12:30' }
          : { requestId: request.id, arrive: '13:00', start: '13:45', end: '15:45', leave: '16:15' },
      );
    }
    await replaceStops(TRUCK, DATE, stops, { depart: '07:45', return: '16:45' }, 0);
    const crew = await createActiveUser({
      email: 'bench-crew@example.test',
      password: 'bench-wachtwoord-1',
      role: 'crew',
    });

    const app = createApp({ logger, embeddedDatabase: true });
    server = await new Promise<Server>((done) => {
      const s = app.listen(0, '127.0.0.1', () => done(s));
    });
    const port = (server.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: crew.email, password: 'bench-wachtwoord-1' }),
    });
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const cookie = cookies.join('; ');
    const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('csrf='))!.slice(5));

    // Viewers: plain node:http requests on a keep-alive-free agent, each parsing its own stream.
    const sentAt = new Map<number, number>();
    const latencies: number[] = [];
    const received = new Map<number, number>();
    const agent = new http.Agent({ keepAlive: false, maxSockets: VIEWERS + 10 });
    let ready = 0;
    await Promise.all(
      Array.from(
        { length: VIEWERS },
        () =>
          new Promise<void>((done, fail) => {
            const req = http.get(`${base}/api/live/${TRUCK}/${DATE}/stream`, { agent, headers: { cookie } }, (res) => {
              if (res.statusCode !== 200) return fail(new Error(`viewer got ${res.statusCode}`));
              let buffer = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => {
                const now = performance.now();
                buffer += chunk;
                let cut: number;
                while ((cut = buffer.indexOf('\n\n')) >= 0) {
                  const block = buffer.slice(0, cut);
                  buffer = buffer.slice(cut + 2);
                  const data = block.split('\n').find((l) => l.startsWith('data: '));
                  if (!data) continue;
                  const m = JSON.parse(data.slice(6)) as { type: string; lng?: number };
                  if (m.type === 'snapshot') {
                    ready += 1;
                    done();
                  } else if (m.type === 'position') {
                    const i = Math.round((m.lng! - 4.4) * 1e5);
                    const t0 = sentAt.get(i);
                    if (t0 !== undefined) {
                      latencies.push(now - t0);
                      received.set(i, (received.get(i) ?? 0) + 1);
                    }
                  }
                }
              });
            });
            req.on('error', fail);
            viewers.push(req);
          }),
      ),
    );
    const hub = app.locals.liveHub as LiveHub;
    console.log(
      `${ready} viewers connected (hub: ${JSON.stringify(hub.stats())}); sending ${SECONDS} positions, one per second`,
    );
    const memBefore = process.memoryUsage();
    const postMs: number[] = [];
    for (let i = 1; i <= SECONDS; i++) {
      const started = performance.now();
      sentAt.set(i, started);
      const at = new Date(Date.parse(`${DATE}T07:00:00Z`) + i * 1000).toISOString();
      const res = await fetch(`${base}/api/live/${TRUCK}/${DATE}/positions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({ positions: [{ key: `bench-pos-${i}`, at, lng: 4.4 + i * 1e-5, lat: 51.92 }] }),
      });
      if (res.status !== 200) throw new Error(`POST gave ${res.status}: ${await res.text()}`);
      postMs.push(performance.now() - started);
      const wait = started + 1000 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await new Promise((r) => setTimeout(r, 1500));

    // A phone back online: one batch of OFFLINE_BATCH fixes, 15 s apart, after the live ones. Its last fix is the
    // newest position: measured until every viewer has it.
    const offline = Array.from({ length: OFFLINE_BATCH }, (_, j) => ({
      key: `bench-offline-${j}`,
      at: new Date(Date.parse(`${DATE}T08:00:00Z`) + j * 15_000).toISOString(),
      lng: 4.4 + (SECONDS + 1 + j) * 1e-5,
      lat: 51.92,
    }));
    const last = SECONDS + OFFLINE_BATCH;
    const batchStarted = performance.now();
    sentAt.set(last, batchStarted);
    const batchRes = await fetch(`${base}/api/live/${TRUCK}/${DATE}/positions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ positions: offline }),
    });
    if (batchRes.status !== 200) throw new Error(`batch POST gave ${batchRes.status}: ${await batchRes.text()}`);
    const batchMs = performance.now() - batchStarted;
    const stored = ((await batchRes.json()) as { stored: string[] }).stored.length;
    const allHaveIt = performance.now() + 30_000;
    while ((received.get(last) ?? 0) < VIEWERS && performance.now() < allHaveIt)
      await new Promise((r) => setTimeout(r, 20));
    const lastAt = performance.now() - batchStarted;
    const liveDeliveries = latencies.length - (received.get(last) ?? 0);
    latencies.length = liveDeliveries; // the offline batch is reported on its own line below
    const memAfter = process.memoryUsage();
    latencies.sort((a, b) => a - b);
    postMs.sort((a, b) => a - b);
    const expected = VIEWERS * SECONDS;
    console.log(`deliveries: ${latencies.length} of ${expected} (${expected - latencies.length} lost)`);
    console.log(
      `POST → viewer ms: p50 ${pct(latencies, 50).toFixed(1)}  p95 ${pct(latencies, 95).toFixed(1)}  p99 ${pct(latencies, 99).toFixed(1)}  max ${latencies.at(-1)?.toFixed(1)}`,
    );
    console.log(`POST round trip ms: p50 ${pct(postMs, 50).toFixed(1)}  p95 ${pct(postMs, 95).toFixed(1)}`);
    console.log(
      `offline batch of ${OFFLINE_BATCH} fixes: ${stored} stored, POST ${batchMs.toFixed(0)} ms, newest position at all ${received.get(last) ?? 0} viewers after ${lastAt.toFixed(0)} ms`,
    );
    console.log(
      `memory (server and viewers in this process): rss ${mb(memBefore.rss)} → ${mb(memAfter.rss)}, heap used ${mb(memBefore.heapUsed)} → ${mb(memAfter.heapUsed)}`,
    );
    console.log(pct(latencies, 95) < 300 ? 'target met: p95 < 300 ms' : 'TARGET MISSED: p95 ≥ 300 ms');
    (app.locals.liveHub as LiveHub).close();
  } finally {
    for (const v of viewers) v.destroy();
    server?.closeAllConnections();
    if (server) await new Promise<void>((done) => server!.close(() => done()));
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
