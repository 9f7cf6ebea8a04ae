import { createRequestSchema } from '../../shared/api/requests';
import { Truck } from '../../backend/models';
import { createRequest } from '../../backend/services/requests';
import { getTruckDay, replaceStops, type TruckDayStop } from '../../backend/services/truckDays';
import { createTestUser, uniqueEmail, uniqueIp } from './auth';
import { requestBody } from './factories';
import type { Role } from '../../shared/api/auth';
import type { LiveMessage, PublicLiveMessage } from '../../shared/api/live';

/** What a live stream carries: the full or the public messages. */
export type StreamMessage = LiveMessage | PublicLiveMessage;

/** A JSON answer as the tests read it: the write result or the error body. */
export interface JsonAnswer {
  stored: string[];
  duplicates: string[];
  seq: number;
  error?: { code: string };
}

/** A logged-in fetch client for a real server (cookies and CSRF token by hand, as a phone or browser sends them). */
export interface FetchClient {
  cookie: string;
  csrf: string;
  ip: string;
}

/** Logs a new user of `role` in against `baseUrl` with fetch. */
export async function fetchLogin(baseUrl: string, role: Role): Promise<FetchClient> {
  const u = await createTestUser(role);
  const ip = uniqueIp();
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ email: u.email, password: u.password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const csrf = decodeURIComponent(cookies.find((c) => c.startsWith('csrf='))!.slice(5));
  return { cookie: cookies.join('; '), csrf, ip };
}

/** POSTs JSON as a logged-in client; returns status and body. */
export async function postJson(
  baseUrl: string,
  client: FetchClient,
  path: string,
  body: unknown,
): Promise<{ status: number; body: JsonAnswer }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: client.cookie,
      'x-csrf-token': client.csrf,
      'x-forwarded-for': client.ip,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as JsonAnswer };
}

/** An open SSE stream: every parsed "live" message so far, the raw text, and a way to wait for one. */
export interface SseReader {
  status: number;
  headers: Headers;
  messages: StreamMessage[];
  raw(): string;
  waitFor<T extends StreamMessage = StreamMessage>(match: (m: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

/** Opens an SSE stream with fetch and parses its `event: live` messages as they arrive. */
export async function openSse(url: string, client?: FetchClient): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: client ? { cookie: client.cookie, 'x-forwarded-for': client.ip } : {},
    signal: abort.signal,
  });
  const messages: StreamMessage[] = [];
  let text = '';
  let buffer = '';
  const waiters: Array<() => void> = [];
  if (res.body && res.status === 200) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          const chunk = decoder.decode(value, { stream: true });
          text += chunk;
          buffer += chunk;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const lines = block.split('\n');
            if (!lines.includes('event: live')) continue;
            const data = lines
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            messages.push(JSON.parse(data) as StreamMessage);
          }
          for (const w of waiters.splice(0)) w();
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: res.status,
    headers: res.headers,
    messages,
    raw: () => text,
    async waitFor<T extends StreamMessage>(match: (m: T) => boolean, timeoutMs = 5000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (messages as T[]).find(match);
        if (found) return found;
        if (Date.now() > deadline)
          throw new Error(`no matching message within ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 2000)}`);
        await new Promise<void>((done) => {
          waiters.push(done);
          setTimeout(done, 50);
        });
      }
    },
    close: () => abort.abort(),
  };
}

/** Schools with known locations used by the live tests (Rotterdam area). */
export const LIVE_SCHOOLS = ['23ja01', '18ch02', '02vg04'];

/** Creates a truck (if new) and publishes a day for it with one stop per school, morning and afternoon; returns the request ids and contacts. */
export async function publishLiveDay(
  truckId: string,
  date: string,
  schoolIds: string[] = LIVE_SCHOOLS.slice(0, 2),
): Promise<{ requestIds: string[]; emails: string[] }> {
  await Truck.updateOne(
    { _id: truckId },
    {
      $setOnInsert: {
        name: `Test ${truckId}`,
        depotId: 'glr',
        shift: { start: '07:00', end: '18:00' },
        weekdays: [1, 2, 3, 4, 5, 6, 7],
        maxVisitsPerDay: 4,
        active: true,
      },
    },
    { upsert: true },
  );
  const slots = [
    { arrive: '08:15', start: '09:00', end: '11:00', leave: '11:30' },
    { arrive: '12:00', start: '12:45', end: '14:45', leave: '15:15' },
    { arrive: '15:30', start: '16:15', end: '16:45', leave: '17:15' },
  ];
  const requestIds: string[] = [];
  const emails: string[] = [];
  for (const schoolId of schoolIds) {
    const email = uniqueEmail('live-contact');
    const input = createRequestSchema.parse(
      requestBody({ schoolId, contact: { name: 'Live Contact', email, phone: '010 1234567' } }),
    );
    const { request } = await createRequest(input, { kind: 'anonymous' }, (t) => `http://localhost/status/${t}`);
    requestIds.push(request.id);
    emails.push(email);
  }
  const stops: TruckDayStop[] = requestIds.map((requestId, i) => ({ requestId, ...slots[i]!, pinned: false }));
  const day = await getTruckDay(truckId, date);
  await replaceStops(truckId, date, stops, { depart: '07:45', return: '17:45' }, day.version);
  return { requestIds, emails };
}
