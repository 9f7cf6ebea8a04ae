// `npm run bench:api`: requests per second and latency of three API calls on loopback, against a real
// server with its own embedded FerretDB (temporary folder, free port), at a fixed offered rate.
// The server runs in this process; the load generator (bench/apiLoad.ts) runs in a child process, so
// autocannon's own work is not counted as server latency. Each row also says how busy the machine was
// (load average, and the share of CPU time the hypervisor gave to other machines), how fast the machine
// was just before (a fixed piece of CPU work, timed) and how much CPU the server and FerretDB used, since
// both share the machine's cores with the load generator and with anything else running.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { LoadCase, LoadResult } from './apiLoad';
import mongoose from 'mongoose';
import { optimizeTour } from '../shared/optimizer';
import { startTestApp } from '../test/helpers/app';
import { requestBody } from '../test/helpers/factories';
import { importInstance } from '../backend/services/importInstance';
import { PlanDraft } from '../backend/models/PlanDraft';
import { createActiveUser } from '../backend/services/accounts/users';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 10;
/** Seconds of the same load before each measured run, not counted (a cold process compiles its code paths first). */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** The machine's CPU ticks so far, from /proc/stat (Linux; null elsewhere): all of them, and those stolen (the hypervisor ran someone else on the core). */
function machineTicks(): { total: number; steal: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user)
    return { total: fields.slice(0, 8).reduce((a, b) => a + b, 0), steal: fields[7] ?? 0 };
  } catch {
    return null;
  }
}

/**
 * How fast this machine is right now: ms for a fixed piece of work like the server's (JSON of a form body,
 * SHA-256), on this process's thread. On a shared virtual machine the same code runs at different speeds from
 * hour to hour; this column lets rows from different runs be compared.
 */
function cpuCheckMs(): number {
  const body = JSON.stringify(requestBody());
  const started = performance.now();
  for (let i = 0; i < 20_000; i++)
    createHash('sha256')
      .update(JSON.stringify(JSON.parse(body)))
      .digest('hex');
  return Math.round(performance.now() - started);
}

function runLoad(spec: LoadCase): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/apiLoad.ts', JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load generator exited with ${code}`)),
    );
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};

/** The database's own floor: single-document inserts into a scratch collection at the offered rate (at most 10 in flight). */
async function insertFloor(seconds: number): Promise<{ rate: number; p50: number; p99: number; max: number }> {
  const coll = mongoose.connection.db!.collection<{ _id: string }>('benchScratch');
  const latencies: number[] = [];
  let inFlight = 0;
  let i = 0;
  const started = performance.now();
  const pending: Array<Promise<unknown>> = [];
  while (performance.now() - started < seconds * 1000) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= CONNECTIONS) {
      await Promise.race(pending);
      continue;
    }
    const t0 = performance.now();
    inFlight++;
    const p: Promise<unknown> = coll
      .insertOne({ _id: `floor-${i++}`, at: new Date(), pad: 'x'.repeat(600) } as never)
      .then(() => {
        latencies.push(performance.now() - t0);
        inFlight--;
        void pending.splice(pending.indexOf(p), 1);
      });
    pending.push(p);
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  await coll.drop();
  return {
    rate: latencies.length / elapsed,
    p50: pct(latencies, 0.5),
    p99: pct(latencies, 0.99),
    max: pct(latencies, 1),
  };
}

const t = await startTestApp();
try {
  // A realistic crew plan to read: the term-q1 sample loaded as requests and planned.
  const instance = JSON.parse(readFileSync('bench/instances/rijnmond-term-q1-s11.json', 'utf8'));
  await importInstance(instance);
  const result = optimizeTour(instance, { seed: 1, timeLimitMs: 2000 });
  const plan = await PlanDraft.create({
    name: 'bench',
    from: instance.horizon.from,
    to: instance.horizon.to,
    truckIds: ['wagen-1'],
    seed: 1,
    timeLimitSeconds: 2,
    status: 'done',
    instanceJson: JSON.stringify(instance),
    requestsJson: '[]',
    planJson: JSON.stringify(result.plan),
    figuresJson: JSON.stringify(result.figures),
    reasonsJson: JSON.stringify(result.reasons),
    createdAt: new Date(),
    version: 0,
  });
  await createActiveUser({ email: 'bench-crew@example.nl', password: 'bench-password-123', role: 'crew' });
  const login = await fetch(`${t.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench-crew@example.nl', password: 'bench-password-123' }),
  });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');

  const base = { connections: CONNECTIONS, duration: SECONDS, rate: RATE };
  const cases: Array<{ name: string; spec: Omit<LoadCase, 'mode'> }> = [
    { name: 'GET /api/schools', spec: { ...base, url: `${t.baseUrl}/api/schools?pageSize=50` } },
    // Every submission from its own IP (the form allows 10 an hour per IP), all for the same school as before.
    {
      name: 'POST /api/requests (form)',
      spec: {
        ...base,
        url: `${t.baseUrl}/api/requests`,
        method: 'POST',
        bodies: [JSON.stringify(requestBody())],
        distinctIps: true,
      },
    },
    {
      name: 'GET /api/plans/:id (crew)',
      spec: { ...base, url: `${t.baseUrl}/api/plans/${plan._id}`, headers: { cookie } },
    },
  ];

  // BENCH_CASES=form (or schools, plans; comma-separated) measures only the calls whose name contains one of them.
  const only = (process.env.BENCH_CASES ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const chosen = only.length === 0 ? cases : cases.filter((c) => only.some((o) => c.name.toLowerCase().includes(o)));
  // BENCH_MODES=paced,burst (the default) says how the load is offered; see bench/apiLoad.ts.
  const modes = (process.env.BENCH_MODES ?? 'paced,burst')
    .split(',')
    .map((m) => m.trim())
    .filter((m): m is LoadCase['mode'] => m === 'paced' || m === 'burst');
  const ferretPid = t.db.embedded?.pid ?? null;
  console.log(
    `Offered rate ${RATE} requests/s for ${SECONDS} s per call and mode, at most ${CONNECTIONS} connections, loopback, ${ferretPid ? 'embedded FerretDB' : 'MongoDB'}; load generator in its own process; ${WARMUP_SECONDS} s warm-up before each row, not counted; ${cpus().length} cores.`,
  );
  console.log(
    "paced: one request every 1/rate s, latency from when it was due (the target's measure). burst: autocannon overallRate, each connection sends back to back until its share of the second is spent.",
  );
  console.log(
    '| call | load | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors | server CPU | FerretDB CPU | CPU stolen | CPU check ms | load avg (1 min) before → after |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  cpuCheckMs(); // once to compile it, so the first row's figure is like the others
  let row = 0;
  for (const c of chosen) {
    for (const mode of modes) {
      row++;
      // Each run its own block of client IPs (the form allows 10 submissions an hour per IP).
      if (WARMUP_SECONDS > 0)
        await runLoad({ ...c.spec, mode, duration: WARMUP_SECONDS, ipOffset: (2 * row + 1) << 16 });
      const check = cpuCheckMs();
      const load0 = loadavg()[0]!;
      const ticks0 = machineTicks();
      const cpu0 = process.cpuUsage();
      const db0 = ferretPid ? cpuSecondsOf(ferretPid) : null;
      const r = await runLoad({ ...c.spec, mode, ipOffset: (2 * row) << 16 });
      const cpu = process.cpuUsage(cpu0);
      const db1 = ferretPid ? cpuSecondsOf(ferretPid) : null;
      const ticks1 = machineTicks();
      const stolen =
        ticks0 && ticks1 && ticks1.total > ticks0.total
          ? `${Math.round(((ticks1.steal - ticks0.steal) / (ticks1.total - ticks0.total)) * 100)} %`
          : 'n/a';
      const share = (s: number) => `${Math.round((s / SECONDS) * 100)} %`;
      console.log(
        `| ${c.name} | ${mode} | ${r.rps} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.non2xx} | ${r.errors} | ` +
          `${share((cpu.user + cpu.system) / 1e6)} | ${db0 !== null && db1 !== null ? share(db1 - db0) : 'n/a'} | ${stolen} | ${check} | ${load0.toFixed(2)} → ${loadavg()[0]!.toFixed(2)} |`,
      );
    }
  }
  const floor = await insertFloor(Math.min(SECONDS, 10));
  console.log(
    `Database floor: single inserts (one document, ~0.6 kB) at ${RATE}/s offered, at most ${CONNECTIONS} in flight: ` +
      `${floor.rate.toFixed(0)} inserts/s, p50 ${floor.p50.toFixed(1)} ms, p99 ${floor.p99.toFixed(1)} ms, max ${floor.max.toFixed(1)} ms.`,
  );
  const mem = process.memoryUsage();
  console.log(
    `Server process: RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB. Load average now ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}.`,
  );
} finally {
  await t.stop();
}
