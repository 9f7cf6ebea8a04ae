// The load generator of `npm run bench:api`, in its own process so that it does not share the server's event
// loop (in one process the two compete for one thread, and the load generator's own work shows up as server
// latency). Reads one case as JSON from argv[2], prints the result as JSON (see LoadResult).
//
// Two ways to offer the load:
// - "paced" (the target's measure): request i is due at start + i / rate, whatever happened before, on up to
//   `connections` keep-alive sockets (BENCH_TRACE=1 prints p50 and p99 per second). Its latency runs from when
//   it was due, not from when a socket was free, so a server that falls behind shows it in full (no
//   coordinated omission).
// - "burst": autocannon with `overallRate`. Autocannon gives each connection a budget of rate / connections
//   requests per second; every connection sends back to back (the next request when the last answer is in)
//   until its budget is spent, then waits for the next second. So each second starts with all connections
//   busy at once, and the 200 requests arrive within the first part of the second, as fast as the server
//   answers. Kept beside "paced" for comparison with earlier figures.
import { connect, type Socket } from 'node:net';
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

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * One keep-alive HTTP/1.1 connection on a raw socket: requests written as prebuilt text, answers read by
 * status line and Content-Length (the API always sends one). Lean on purpose: the load generator shares the
 * machine's two cores with the server and FerretDB, and node:http's client cost about 1.2 ms of CPU per
 * request, a quarter of a core at 200 requests/s, taken from the server it measures.
 */
class RawConnection {
  private socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: Array<(status: number) => void> = [];
  busy = false;
  /** The server closed it (idle keep-alive timeout) or it failed: a request still waiting is answered with 0. */
  closed = false;

  constructor(port: number, host: string) {
    this.socket = connect({ port, host, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => undefined); // 'close' follows
    this.socket.on('close', () => {
      this.closed = true;
      for (const answer of this.waiting.splice(0)) answer(0);
    });
  }

  send(text: string): Promise<number> {
    this.busy = true;
    return new Promise((resolve) => {
      this.waiting.push((status) => {
        this.busy = false;
        resolve(status);
      });
      this.socket.write(text);
    });
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headEnd = this.buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = this.buffer.subarray(0, headEnd).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (this.buffer.length < headEnd + 4 + length) return;
      this.buffer = this.buffer.subarray(headEnd + 4 + length);
      this.waiting.shift()?.(Number(head.slice(9, 12)));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

async function paced(): Promise<LoadResult> {
  const url = new URL(c.url);
  const interval = 1000 / c.rate;
  const total = Math.round(c.duration * c.rate);
  const latencies: number[] = [];
  const trace: number[][] = [];
  let non2xx = 0;
  let errors = 0;
  const open = () => new RawConnection(Number(url.port), url.hostname);
  const connections = Array.from({ length: c.connections }, open);
  /** The next connection that is not busy, in turn (so none idles until the server closes it), reopened if it was closed. */
  let turn = 0;
  const freeConnection = (): RawConnection | undefined => {
    const k = Array.from({ length: connections.length }, (_, j) => (turn + j) % connections.length).find(
      (j) => !connections[j]!.busy,
    );
    if (k === undefined) return undefined;
    turn = k + 1;
    const i = k;
    if (connections[i]!.closed) connections[i] = open();
    return connections[i];
  };
  /** Requests due while every connection was busy; each goes out on the next free one (its clock already runs). */
  const backlog: number[] = [];
  const requestText = (i: number) => {
    const body = c.bodies?.[i % c.bodies.length];
    const headers = {
      host: url.host,
      ...headersFor(i),
      ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
    };
    return `${c.method ?? 'GET'} ${url.pathname}${url.search} HTTP/1.1\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}\r\n${body ?? ''}`;
  };
  const start = performance.now() + 10;
  let sent = 0;
  let settled = 0;
  let lastAnswer = start;
  await new Promise<void>((done) => {
    const fire = (conn: RawConnection, i: number) => {
      const due = start + i * interval;
      void conn.send(requestText((c.ipOffset ?? 0) + i)).then((status) => {
        lastAnswer = performance.now();
        latencies.push(lastAnswer - due);
        if (process.env.BENCH_TRACE) (trace[Math.floor((due - start) / 1000)] ??= []).push(lastAnswer - due);
        if (status === 0) errors++;
        else if (status < 200 || status >= 300) non2xx++;
        const next = backlog.shift();
        if (next !== undefined) fire(freeConnection()!, next);
        if (++settled === total) done();
      });
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const free = freeConnection();
        if (free) fire(free, sent++);
        else backlog.push(sent++);
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
  for (const conn of connections) conn.close();
  if (process.env.BENCH_TRACE) {
    trace.forEach((l, sec) => {
      l.sort((a, b) => a - b);
      process.stderr.write(
        `${sec} s: p50 ${percentile(l, 0.5).toFixed(1)} ms, p99 ${percentile(l, 0.99).toFixed(1)} ms\n`,
      );
    });
  }
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
          return {
            ...req,
            headers: { ...req.headers, ...headersFor(i) },
            ...(c.bodies ? { body: c.bodies[i % c.bodies.length] } : {}),
          };
        },
      },
    ],
  });
  return {
    rps: Math.round(r.requests.average),
    sent: r.requests.sent,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

process.stdout.write(JSON.stringify(c.mode === 'burst' ? await burst() : await paced()));
