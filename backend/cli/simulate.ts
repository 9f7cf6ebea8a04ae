/**
 * Drives a truck along its published route of a day through the same API the crew's phone uses: logs in as
 * crew, then sends positions (every simulated 15 s along straight legs, every 10 min on site) and events at
 * the stops (departed, arrived, session_started, finished, returned), with one seeded random delay, at
 * `speed` times real time. Timestamps are the simulated times on that date (Europe/Amsterdam).
 * Usage: npm run simulate -- --truck wagen-1 --date YYYY-MM-DD [--speed 20] [--seed 1]
 *          [--base-url http://localhost:3000] [--email crew@… --password …]   (or SIMULATE_EMAIL / SIMULATE_PASSWORD)
 */
import { along, lineString, length as lineLength } from '@turf/turf';
import type { LiveDaySnapshot, TruckEventKind } from '../../shared/api/live';
import { travelMinutes, type LngLat } from '../../shared/domain/geo';
import { parseHhmm } from '../../shared/domain/time';
import { instantOf } from '../services/live/clock';
import { TRAVEL } from '../services/planning/instance';

/** What a simulation run needs. */
export interface SimulateOptions {
  truck: string;
  date: string;
  speed: number;
  seed: number;
  baseUrl: string;
  email: string;
  password: string;
  /** Progress lines; default console.log. */
  log?: (line: string) => void;
}

/** What a run sent. */
export interface SimulateReport {
  positions: number;
  events: number;
  delay: { beforeStop: number; minutes: number };
}

const FIX_EVERY_S = 15;
const ON_SITE_FIX_EVERY_S = 600;

function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

class Api {
  private cookie = '';
  private csrf = '';
  constructor(private readonly baseUrl: string) {}

  async login(email: string, password: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`inloggen mislukt (${res.status}): ${await res.text()}`);
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
    this.cookie = cookies.join('; ');
    this.csrf = decodeURIComponent(cookies.find((c) => c.startsWith('csrf='))?.slice(5) ?? '');
  }

  async get<T>(path: string): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookie } });
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** POSTs with retries: every report carries its idempotency key, so a resend after a failure is safe. */
  async post(path: string, body: unknown): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${this.baseUrl}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrf },
          body: JSON.stringify(body),
        });
        if (res.status === 200) return;
        if (res.status < 500 && res.status !== 429) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      } catch (err) {
        if (attempt >= 5 || (err instanceof Error && err.message.startsWith('POST'))) throw err;
      }
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
}

/** Runs the simulation of one truck-day; resolves when the truck is back at the depot. */
export async function runSimulation(o: SimulateOptions): Promise<SimulateReport> {
  const log = o.log ?? ((line: string) => console.log(line));
  const api = new Api(o.baseUrl.replace(/\/$/, ''));
  await api.login(o.email, o.password);
  const day = await api.get<LiveDaySnapshot>(`/api/live/${o.truck}/${o.date}`);
  const stops = day.stops.filter((s) => s.location);
  if (stops.length === 0) throw new Error(`geen bezoeken met een bekende locatie op ${o.date} voor ${o.truck}`);
  const random = seededRandom(o.seed);
  const delay = { beforeStop: Math.floor(random() * stops.length), minutes: 10 + Math.floor(random() * 31) };
  const run = `sim${o.seed}${o.date.replace(/-/g, '')}`;
  let n = 0;
  const report: SimulateReport = { positions: 0, events: 0, delay };

  // Simulated time in minutes after midnight; real time follows it at `speed`.
  const first = stops[0]!;
  let now = parseHhmm(first.plannedArrive) - travelMinutes(day.depot, first.location!, TRAVEL);
  const realStart = Date.now();
  const simStart = now;
  const pace = async () => {
    const due = realStart + ((now - simStart) * 60_000) / o.speed;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };
  const iso = () => instantOf(o.date, now).toISOString();
  const fix = async (p: LngLat) => {
    await api.post(`/api/live/${o.truck}/${o.date}/positions`, {
      positions: [{ key: `${run}-p${++n}`, at: iso(), lng: p[0], lat: p[1] }],
    });
    report.positions += 1;
  };
  const event = async (kind: TruckEventKind, extra: { requestId?: string; delayMinutes?: number } = {}) => {
    await api.post(`/api/live/${o.truck}/${o.date}/events`, {
      events: [{ key: `${run}-e${++n}`, at: iso(), kind, ...extra }],
    });
    report.events += 1;
    log(
      `${iso()}  ${kind}${extra.requestId ? ` ${extra.requestId}` : ''}${extra.delayMinutes ? ` +${extra.delayMinutes} min` : ''}`,
    );
  };
  const stay = async (where: LngLat, minutes: number) => {
    const end = now + minutes;
    while (now < end) {
      now = Math.min(end, now + ON_SITE_FIX_EVERY_S / 60);
      await pace();
      await fix(where);
    }
  };
  const drive = async (from: LngLat, to: LngLat) => {
    const minutes = travelMinutes(from, to, TRAVEL);
    const line = lineString([from as [number, number], to as [number, number]]);
    const km = lineLength(line, { units: 'kilometers' });
    const steps = Math.max(1, Math.ceil((minutes * 60) / FIX_EVERY_S));
    for (let i = 1; i <= steps; i++) {
      now += minutes / steps;
      await pace();
      const p = along(line, (km * i) / steps, { units: 'kilometers' }).geometry.coordinates as [number, number];
      await fix(p);
    }
  };

  log(
    `${o.truck} ${o.date}: ${stops.length} bezoeken, ${o.speed}× echte tijd; vertraging van ${delay.minutes} min voor bezoek ${delay.beforeStop + 1}`,
  );
  let here: LngLat = day.depot;
  await fix(here);
  await event('departed');
  for (const [i, stop] of stops.entries()) {
    if (i === delay.beforeStop) {
      await event('delayed', { delayMinutes: delay.minutes });
      await stay(here, delay.minutes);
    }
    await drive(here, stop.location!);
    here = stop.location!;
    await event('arrived', { requestId: stop.requestId });
    const setup = parseHhmm(stop.plannedStart) - parseHhmm(stop.plannedArrive);
    const sessionStart = Math.max(now + setup, parseHhmm(stop.plannedStart));
    await stay(here, sessionStart - now);
    await event('session_started', { requestId: stop.requestId });
    await stay(here, parseHhmm(stop.plannedEnd) - parseHhmm(stop.plannedStart));
    await event('finished', { requestId: stop.requestId });
    await stay(here, 30);
  }
  await drive(here, day.depot);
  await event('returned');
  log(`klaar: ${report.positions} posities, ${report.events} gebeurtenissen`);
  return report;
}

function parseArgs(argv: string[]): SimulateOptions {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`onbekend argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (!['truck', 'date', 'speed', 'seed', 'base-url', 'email', 'password'].includes(flag))
      throw new Error(`onbekende optie --${flag}`);
    if (value === undefined) throw new Error(`--${flag} heeft een waarde nodig`);
    values.set(flag, value);
  }
  const truck = values.get('truck');
  const date = values.get('date');
  if (!truck || !date || !/^\d{4}-\d{2}-\d{2}$/.test(date))
    throw new Error('--truck en --date (YYYY-MM-DD) zijn verplicht');
  const speed = Number(values.get('speed') ?? 20);
  if (!(speed > 0 && speed <= 100_000)) throw new Error('--speed moet een getal > 0 zijn');
  const email = values.get('email') ?? process.env.SIMULATE_EMAIL;
  const password = values.get('password') ?? process.env.SIMULATE_PASSWORD;
  if (!email || !password)
    throw new Error('geef --email en --password van een crew-account (of SIMULATE_EMAIL en SIMULATE_PASSWORD)');
  return {
    truck,
    date,
    speed,
    seed: Number(values.get('seed') ?? 1),
    baseUrl: values.get('base-url') ?? 'http://localhost:3000',
    email,
    password,
  };
}

const isMain = process.argv[1] && /simulate\.ts$/.test(process.argv[1]);
if (isMain) {
  let options: SimulateOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    console.error(
      'gebruik: npm run simulate -- --truck wagen-1 --date YYYY-MM-DD [--speed 20] [--seed 1] [--base-url URL] [--email E --password P]',
    );
    process.exit(2);
  }
  runSimulation(options).catch((err: unknown) => {
    console.error((err as Error).message);
    process.exit(1);
  });
}
