// The load generator of `npm run bench:api`, in its own process so that autocannon does not share the
// server's event loop (in one process the two compete for one thread, and the load generator's own work
// shows up as server latency). Reads one case as JSON from argv[2], prints autocannon's result as JSON.
import autocannon from 'autocannon';

interface LoadCase {
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

const c = JSON.parse(process.argv[2]!) as LoadCase;
let n = 0;
const result = await autocannon({
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
        const headers = {
          ...req.headers,
          ...(c.bodies ? { 'content-type': 'application/json' } : {}),
          ...(c.distinctIps ? { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } : {}),
        };
        return { ...req, headers, ...(c.bodies ? { body: c.bodies[i % c.bodies.length] } : {}) };
      },
    },
  ],
});
process.stdout.write(JSON.stringify(result));
