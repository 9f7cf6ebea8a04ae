// `npm run bench:api`: requests per second and latency of three API calls on loopback, against a real
// server with its own embedded FerretDB (temporary folder, free port), at a fixed offered rate.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { optimizeTour } from '../shared/optimizer';
import { startTestApp } from '../test/helpers/app';
import { requestBody } from '../test/helpers/factories';
import { importInstance } from '../backend/services/importInstance';
import { PlanDraft } from '../backend/models/PlanDraft';
import { createActiveUser } from '../backend/services/accounts/users';

const RATE = Number(process.env.BENCH_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);

const t = await startTestApp();
try {
  // A realistic crew plan to read: the term-q1 sample loaded as requests and planned.
  const instance = JSON.parse(readFileSync('bench/instances/rijnmond-term-q1-s11.json', 'utf8'));
  await importInstance(instance);
  const result = optimizeTour(instance, { seed: 1, timeLimitMs: 2000 });
  const plan = await PlanDraft.create({
    name: 'bench', from: instance.horizon.from, to: instance.horizon.to, truckIds: ['wagen-1'], seed: 1, timeLimitSeconds: 2,
    status: 'done', instanceJson: JSON.stringify(instance), requestsJson: '[]', planJson: JSON.stringify(result.plan),
    figuresJson: JSON.stringify(result.figures), reasonsJson: JSON.stringify(result.reasons), createdAt: new Date(), version: 0,
  });
  await createActiveUser({ email: 'bench-crew@example.nl', password: 'bench-password-123', role: 'crew' });
  const login = await fetch(`${t.baseUrl}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench-crew@example.nl', password: 'bench-password-123' }) });
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');

  let ip = 0;
  const body = JSON.stringify(requestBody());
  const cases: Array<{ name: string; opts: autocannon.Options }> = [
    { name: 'GET /api/schools', opts: { url: `${t.baseUrl}/api/schools?pageSize=50` } },
    {
      name: 'POST /api/requests (form)',
      opts: {
        url: `${t.baseUrl}/api/requests`,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({ ...req, body, headers: { ...req.headers, 'content-type': 'application/json', 'x-forwarded-for': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}` } }),
          },
        ],
      },
    },
    { name: 'GET /api/plans/:id (crew)', opts: { url: `${t.baseUrl}/api/plans/${plan._id}`, headers: { cookie } } },
  ];

  console.log(`Offered rate ${RATE} requests/s for ${SECONDS} s each, 10 connections, loopback, embedded FerretDB.`);
  console.log('| call | requests/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const c of cases) {
    const r = await autocannon({ ...c.opts, connections: 10, duration: SECONDS, overallRate: RATE });
    console.log(`| ${c.name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p90} | ${r.latency.p99} | ${r.latency.max} | ${r.non2xx} | ${r.errors} |`);
  }
  const mem = process.memoryUsage();
  console.log(`Server process (in-process with the load generator): RSS ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB.`);
} finally {
  await t.stop();
}
