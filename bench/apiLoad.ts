// The load generator of `npm run bench:api`, in its own process so that it does not share the server's event
// loop (in one process the two compete for one thread, and the load generator's own work shows up as server
// latency). Reads one case as JSON from argv[2], prints the result as JSON (see LoadResult).
//
// Two ways to offer the load:
// - "paced" (the target's measure): request i is due at start + i / rate, whatever happened before, on up to
//   `connections` keep-alive sockets. Its latency runs from when it was due, not from when a socket was free,
//   so a server that falls behind shows it in full (no coordinated omission).
// - "burst": autocannon with `overallRate`. Autocannon gives each connection a budget of rate / connections
//   requests per second; every connection sends back to back (the next request when the last answer is in)
//   until its budget is spent, then waits for the next second. So each second starts with all connections
//   busy at once, and the 200 requests arrive within the first part of the second, as fast as the server
//   answers. Kept beside "paced" for comparison with earlier figures.
import { request as httpRequest, Agent } from 'node:http';
import autocannon from 'autocannon';

export interface LoadCase {
  mode: 'paced' | 'burst';
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Request bodies sent in turn (POST). */
  bodies?: string[];
  /** Give every request its own X-Forwarded-For (10.x.y.z), as many different visitors would have. */
  distinctIps?: boolean;
  /** Where the numbering of those IPs starts (so a warm-up run and the measured run do not share IPs). */
  ipOffset?: number;
  connections: number;
  duration: number;
  rate: number;
}

export interface LoadResult {
  /** Answers per second over the run. */
  rps: number;
  sent: number;
  /** Latency percentiles in ms. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
}

const c = JSON.parse(process.argv[2]!) as LoadCase;

function headersFor(i: number): Record<string, string> {
  return {
    ...c.headers,
    ...(c.bodies ? { 'content-type': 'application/json' } : {}),
    ...(c.distinctIps ? { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } : {}),
  };
}

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);

async function paced(): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: c.connections });
  const url = new URL(c.url);
  const interval = 1000 / c.rate;
  const total = Math.round(c.duration * c.rate);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let settled = 0;
  const start = performance.now() + 10;
  let sent = 0;
  let lastAnswer = start;
  await new Promise<void>((done) => {
    const settle = () => {
      if (++settled === total) done();
    };
    const fire = (i: number) => {
      const due = start + i * interval;
      const body = c.bodies?.[((c.ipOffset ?? 0) + i) % c.bodies.length];
      const req = httpRequest(url, { method: c.method ?? 'GET', agent, headers: headersFor((c.ipOffset ?? 0) + i) }, (res) => {
        res.resume();
        res.on('end', () => {
          lastAnswer = performance.now();
          latencies.push(lastAnswer - due);
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) non2xx++;
          settle();
        });
      });
      req.on('error', () => {
        errors++;
        settle();
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) fire(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    rps: Math.round(latencies.length / ((lastAnswer - start) / 1000)),
    sent: total,
    p50: round(percentile(latencies, 0.5)),
    p90: round(percentile(latencies, 0.9)),
    p99: round(percentile(latencies, 0.99)),
    max: round(percentile(latencies, 1)),
    non2xx,
    errors,
  };
}

async function burst(): Promise<LoadResult> {
  let n = 0;
  const r = await autocannon({
    url: c.url,
    connections: c.connections,
    duration: c.duration,
    overallRate: c.rate,
    headers: c.headers,
    requests: [
      {
        method: c.method ?? 'GET',
        setupRequest: (req) => {
          const i = (c.ipOffset ?? 0) + n++;
          return { ...req, headers: { ...req.headers, ...headersFor(i) }, ...(c.bodies ? { body: c.bodies[i % c.bodies.length] } : {}) };
        },
      },
    ],
  });
  return { rps: Math.round(r.requests.average), sent: r.requests.sent, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, non2xx: r.non2xx, errors: r.errors };
}

process.stdout.write(JSON.stringify(c.mode === 'burst' ? await burst() : await paced()));
