import type { Server } from 'node:http';
import { expect } from 'chai';
import type { LiveMessage, PublicLiveMessage } from '../../shared/api/live';
import { createApp } from '../../backend/app';
import { createLogger } from '../../backend/logger';
import { amsterdamToday, instantOf } from '../../backend/services/live/clock';
import type { LiveHub } from '../../backend/services/live/hub';
import { startTestApp, type TestApp } from '../helpers/app';
import { fetchLogin, openSse, postJson, publishLiveDay, type FetchClient } from '../helpers/live';

const at = (date: string, hhmm: string) =>
  instantOf(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))).toISOString();
let n = 0;
const key = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(n++).toString(36)}`;

describe('live tracking: Server-Sent Events', function () {
  this.timeout(60_000);
  let t: TestApp;
  let crew: FetchClient;
  let coordinator: FetchClient;

  before(async () => {
    t = await startTestApp();
    crew = await fetchLogin(t.baseUrl, 'crew');
    coordinator = await fetchLogin(t.baseUrl, 'coordinator');
  });

  it('streams a snapshot first, then positions and stop changes, with a retry hint and SSE headers', async () => {
    const date = '2027-11-08';
    const { requestIds } = await publishLiveDay('live-sse', date);
    const stream = await openSse(`${t.baseUrl}/api/live/live-sse/${date}/stream`, coordinator);
    try {
      expect(stream.status).to.equal(200);
      expect(stream.headers.get('content-type')).to.match(/^text\/event-stream/);
      expect(stream.headers.get('cache-control')).to.contain('no-cache');
      const first = await stream.waitFor<LiveMessage>(() => true);
      expect(first.type).to.equal('snapshot');
      expect(stream.raw()).to.match(/^retry: \d+\n\n/);
      const seq0 = first.type === 'snapshot' ? first.snapshot.seq : -1;

      await postJson(t.baseUrl, crew, `/api/live/live-sse/${date}/events`, {
        events: [{ key: key('e'), at: at(date, '07:45'), kind: 'departed' }],
      });
      const stops = (await stream.waitFor<LiveMessage>((m) => m.type === 'stops')) as Extract<
        LiveMessage,
        { type: 'stops' }
      >;
      expect(stops.stops[0]!.state).to.equal('en_route');
      expect(stops.seq).to.be.greaterThan(seq0);

      await postJson(t.baseUrl, crew, `/api/live/live-sse/${date}/positions`, {
        positions: [{ key: key('p'), at: at(date, '07:55'), lng: 4.47, lat: 51.92 }],
      });
      const position = (await stream.waitFor<LiveMessage>((m) => m.type === 'position')) as Extract<
        LiveMessage,
        { type: 'position' }
      >;
      expect(position).to.include({ lng: 4.47, lat: 51.92, at: at(date, '07:55') });
      expect(position.seq).to.be.greaterThan(stops.seq);

      await postJson(t.baseUrl, crew, `/api/live/live-sse/${date}/events`, {
        events: [{ key: key('e'), at: at(date, '08:10'), kind: 'arrived', requestId: requestIds[0] }],
      });
      await stream.waitFor<LiveMessage>((m) => m.type === 'stops' && m.stops[0]!.state === 'arrived');
      const seqs = (stream.messages as LiveMessage[]).flatMap((m) => (m.type === 'snapshot' ? [] : [m.seq]));
      expect(seqs).to.deep.equal([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).to.equal(seqs.length);
    } finally {
      stream.close();
    }
  });

  it('fans out across app instances: a position posted to one reaches a viewer on another (shared database, no shared memory)', async () => {
    const date = '2027-11-09';
    await publishLiveDay('live-fan', date);
    const other = createApp({ logger: createLogger('silent'), embeddedDatabase: true });
    const server: Server = await new Promise((done) => {
      const s = other.listen(0, '127.0.0.1', () => done(s));
    });
    const address = server.address();
    const otherUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const viewer = await fetchLogin(otherUrl, 'coordinator');
    const stream = await openSse(`${otherUrl}/api/live/live-fan/${date}/stream`, viewer);
    try {
      await stream.waitFor<LiveMessage>((m) => m.type === 'snapshot');
      const started = Date.now();
      const res = await postJson(t.baseUrl, crew, `/api/live/live-fan/${date}/positions`, {
        positions: [{ key: key('p'), at: at(date, '08:00'), lng: 4.481, lat: 51.921 }],
      });
      expect(res.status).to.equal(200);
      const got = await stream.waitFor<LiveMessage>((m) => m.type === 'position' && m.lng === 4.481, 5000);
      expect(got.type === 'position' && got.lat).to.equal(51.921);
      expect(Date.now() - started).to.be.below(3000);
      expect((other.locals.liveHub as LiveHub).stats()).to.deep.equal({ channels: 1, viewers: 1 });
    } finally {
      stream.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      (other.locals.liveHub as LiveHub).close();
    }
  });

  it('serves a public view of today without contact data or ids, and nothing for other days', async () => {
    const today = amsterdamToday(new Date());
    const { requestIds, emails } = await publishLiveDay('live-public', today);
    await postJson(t.baseUrl, crew, `/api/live/live-public/${today}/positions`, {
      positions: [{ key: key('p'), at: new Date().toISOString(), lng: 4.47, lat: 51.92 }],
    });
    const res = await fetch(`${t.baseUrl}/api/public/live/live-public/${today}`);
    expect(res.status).to.equal(200);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.stops).to.have.length(2);
    expect(body.position).to.include({ lng: 4.47, lat: 51.92 });
    expect(Object.keys(body.stops[0]).sort()).to.deep.equal([
      'eta',
      'expectedStart',
      'lateMinutes',
      'location',
      'order',
      'plannedArrive',
      'plannedEnd',
      'plannedStart',
      'schoolName',
      'state',
    ]);
    for (const secret of [...emails, ...requestIds, 'Live Contact', '010 1234567', 'drivenPath', 'contact'])
      expect(text).not.to.contain(secret);

    const stream = await openSse(`${t.baseUrl}/api/public/live/live-public/${today}/stream`);
    try {
      const first = await stream.waitFor<PublicLiveMessage>(() => true);
      expect(first.type).to.equal('snapshot');
      await postJson(t.baseUrl, crew, `/api/live/live-public/${today}/events`, {
        events: [{ key: key('e'), at: new Date().toISOString(), kind: 'delayed', delayMinutes: 30 }],
      });
      await stream.waitFor<PublicLiveMessage>((m) => m.type === 'stops');
      for (const secret of [...emails, ...requestIds, 'requestId', 'Live Contact'])
        expect(stream.raw()).not.to.contain(secret);
    } finally {
      stream.close();
    }
    const otherDay = await fetch(`${t.baseUrl}/api/public/live/live-public/2027-11-09`);
    expect(otherDay.status).to.equal(404);
  });
});
