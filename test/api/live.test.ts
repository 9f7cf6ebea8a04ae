import { expect } from 'chai';
import { MAX_POSITIONS_PER_BATCH, type LiveDaySnapshot, type LiveHistory } from '../../shared/api/live';
import { OutboxMessage } from '../../backend/models';
import { instantOf } from '../../backend/services/live/clock';
import { startTestApp, type TestApp } from '../helpers/app';
import { fetchLogin, openSse, postJson, publishLiveDay, type FetchClient } from '../helpers/live';

const at = (date: string, hhmm: string) =>
  instantOf(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))).toISOString();
let keyCounter = 0;
const key = (prefix = 'k') => `${prefix}-${Date.now().toString(36)}-${(keyCounter++).toString(36)}`;

describe('live tracking: reports, ETA, delays, off route', function () {
  this.timeout(60_000);
  let t: TestApp;
  let crew: FetchClient;
  let coordinator: FetchClient;
  let depot: [number, number];

  before(async () => {
    t = await startTestApp();
    crew = await fetchLogin(t.baseUrl, 'crew');
    coordinator = await fetchLogin(t.baseUrl, 'coordinator');
  });

  async function snapshot(truckId: string, date: string, client: FetchClient = coordinator): Promise<LiveDaySnapshot> {
    const res = await fetch(`${t.baseUrl}/api/live/${truckId}/${date}`, { headers: { cookie: client.cookie } });
    expect(res.status).to.equal(200);
    return (await res.json()) as LiveDaySnapshot;
  }

  it('stores a resent position once and says which keys were new', async () => {
    const date = '2027-11-01';
    await publishLiveDay('live-idem', date);
    const first = { key: key('p'), at: at(date, '07:50'), lng: 4.45, lat: 51.93 };
    const a = await postJson(t.baseUrl, crew, `/api/live/live-idem/${date}/positions`, { positions: [first] });
    expect(a.status, JSON.stringify(a.body)).to.equal(200);
    expect(a.body.stored).to.deep.equal([first.key]);
    const second = { key: key('p'), at: at(date, '07:51'), lng: 4.46, lat: 51.93 };
    const b = await postJson(t.baseUrl, crew, `/api/live/live-idem/${date}/positions`, { positions: [first, second] });
    expect(b.body.stored).to.deep.equal([second.key]);
    expect(b.body.duplicates).to.deep.equal([first.key]);
    const snap = await snapshot('live-idem', date);
    depot = snap.depot;
    expect(snap.drivenPath).to.have.length(2);
    expect(snap.position).to.deep.equal({ at: second.at, lng: 4.46, lat: 51.93 });
  });

  it('takes a full batch of positions (MAX_POSITIONS_PER_BATCH) with the longest values, and refuses one more with 400', async () => {
    const date = '2027-11-03';
    await publishLiveDay('live-full', date);
    // Every field at its longest: a 64-character key, a time with milliseconds and an offset, 17-digit numbers.
    const fix = (i: number) => ({
      key: `${'k'.repeat(56)}${String(i).padStart(8, '0')}`,
      at: `${date}T07:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.123+01:00`,
      lng: -4.123456789012345 - i / 1e9,
      lat: -51.12345678901234 - i / 1e9,
      accuracyM: 12345.678901234567,
      speedKmh: 123.45678901234567,
    });
    const full = Array.from({ length: MAX_POSITIONS_PER_BATCH }, (_, i) => fix(i));
    expect(JSON.stringify({ positions: full }).length, 'within the 100 kB body limit').to.be.below(100 * 1024);
    const ok = await postJson(t.baseUrl, crew, `/api/live/live-full/${date}/positions`, { positions: full });
    expect(ok.status, JSON.stringify(ok.body).slice(0, 300)).to.equal(200);
    expect(ok.body.stored).to.have.length(MAX_POSITIONS_PER_BATCH);
    const more = await postJson(t.baseUrl, crew, `/api/live/live-full/${date}/positions`, {
      positions: [
        ...full.slice(0, 100),
        ...Array.from({ length: MAX_POSITIONS_PER_BATCH - 99 }, (_, i) => ({
          ...fix(i + 1000),
          accuracyM: 1,
          speedKmh: 1,
        })),
      ],
    });
    expect(more.status).to.equal(400);
    expect(more.body.error?.code).to.equal('validation_failed');
  });

  it('applies events sent late and twice once each, in the order of their own times', async () => {
    const date = '2027-11-02';
    const { requestIds } = await publishLiveDay('live-events', date);
    const [r1, r2] = requestIds as [string, string];
    const departed = { key: key('e'), at: at(date, '07:45'), kind: 'departed' };
    const arrived = { key: key('e'), at: at(date, '08:20'), kind: 'arrived', requestId: r1 };
    const started = { key: key('e'), at: at(date, '09:00'), kind: 'session_started', requestId: r1 };
    const finished = { key: key('e'), at: at(date, '11:00'), kind: 'finished', requestId: r1 };
    // The phone was offline: "finished" comes first, then the earlier events, then everything again.
    const one = await postJson(t.baseUrl, crew, `/api/live/live-events/${date}/events`, { events: [finished] });
    expect(one.status, JSON.stringify(one.body)).to.equal(200);
    const two = await postJson(t.baseUrl, crew, `/api/live/live-events/${date}/events`, {
      events: [started, departed, arrived],
    });
    expect(two.body.stored).to.have.members([started.key, departed.key, arrived.key]);
    const three = await postJson(t.baseUrl, crew, `/api/live/live-events/${date}/events`, {
      events: [departed, arrived, started, finished],
    });
    expect(three.body.stored).to.deep.equal([]);
    expect(three.body.duplicates).to.have.length(4);

    const history = (await (
      await fetch(`${t.baseUrl}/api/live/live-events/${date}/history`, { headers: { cookie: coordinator.cookie } })
    ).json()) as LiveHistory;
    expect(history.events.map((e) => e.kind)).to.deep.equal(['departed', 'arrived', 'session_started', 'finished']);
    const snap = await snapshot('live-events', date);
    expect(snap.stops.map((s) => s.state)).to.deep.equal(['done', 'en_route']);
    expect(snap.stops[1]!.requestId).to.equal(r2);

    // The replay at 10:00 shows the first visit in session and the second still planned.
    const replay = (await (
      await fetch(`${t.baseUrl}/api/live/live-events/${date}/history?until=${encodeURIComponent(at(date, '10:00'))}`, {
        headers: { cookie: coordinator.cookie },
      })
    ).json()) as LiveHistory;
    expect(replay.events).to.have.length(3);
    expect(replay.snapshot.stops.map((s) => s.state)).to.deep.equal(['in_session', 'planned']);
  });

  it('refuses an event about a visit that is not on the day, and a delay without minutes', async () => {
    const date = '2027-11-02';
    const bad = await postJson(t.baseUrl, crew, `/api/live/live-events/${date}/events`, {
      events: [{ key: key('e'), at: at(date, '08:00'), kind: 'arrived', requestId: 'a'.repeat(24) }],
    });
    expect(bad.status).to.equal(400);
    expect(bad.body.error?.code).to.equal('validation_failed');
    const noMinutes = await postJson(t.baseUrl, crew, `/api/live/live-events/${date}/events`, {
      events: [{ key: key('e'), at: at(date, '08:00'), kind: 'delayed' }],
    });
    expect(noMinutes.status).to.equal(400);
    const noDay = await postJson(t.baseUrl, crew, `/api/live/live-events/2027-11-27/events`, {
      events: [{ key: key('e'), at: at('2027-11-27', '08:00'), kind: 'departed' }],
    });
    expect(noDay.status).to.equal(404);
    expect(noDay.body.error?.code).to.equal('not_found');
  });

  it('makes the next stop late when the truck is far away, and tells that school exactly once', async () => {
    const date = '2027-11-03';
    const { requestIds, emails } = await publishLiveDay('live-late', date);
    const onTime = await snapshot('live-late', date);
    expect(onTime.stops.map((s) => s.eta)).to.deep.equal(['08:15', '12:00']);
    expect(onTime.delayed).to.equal(false);
    await postJson(t.baseUrl, crew, `/api/live/live-late/${date}/events`, {
      events: [{ key: key('e'), at: at(date, '07:45'), kind: 'departed' }],
    });
    // 08:30 in Middelharnis (about 30 km away): arriving after 09:30 at the earliest, with 45 min set-up.
    const far = { key: key('p'), at: at(date, '08:30'), lng: 4.165, lat: 51.757 };
    const res = await postJson(t.baseUrl, crew, `/api/live/live-late/${date}/positions`, { positions: [far] });
    expect(res.status).to.equal(200);
    const snap = await snapshot('live-late', date);
    const next = snap.stops[0]!;
    expect(next.state).to.equal('en_route');
    expect(next.lateMinutes).to.be.greaterThan(30);
    expect(snap.delayed).to.equal(true);
    expect(snap.offRoute).to.equal(true);
    // Another fix still far away: no second notice.
    await postJson(t.baseUrl, crew, `/api/live/live-late/${date}/positions`, {
      positions: [{ ...far, key: key('p'), at: at(date, '08:35') }],
    });
    expect(await OutboxMessage.countDocuments({ to: emails[0], kind: 'visit_delayed' })).to.equal(1);
    // The afternoon visit is late too (the morning session ends later): its school gets its own single notice.
    const afternoon = (await snapshot('live-late', date)).stops[1]!;
    expect(afternoon.lateMinutes).to.be.greaterThan(0);
    expect(await OutboxMessage.countDocuments({ to: emails[1], kind: 'visit_delayed' })).to.equal(1);
    const notice = (await OutboxMessage.findOne({ to: emails[0], kind: 'visit_delayed' }).lean())!;
    // The email's times are the stop's (the public page shows the same), with a link to follow the truck.
    expect(notice.text).to.contain(
      `begint naar verwachting om ${next.expectedStart}, ${next.lateMinutes} minuten later`,
    );
    expect(notice.text).to.contain(`/volg/live-late/${date}`);
    expect(notice.text).to.not.contain('Nieuwe datum');
    expect(requestIds).to.have.length(2);
  });

  it('shifts the ETAs by a reported delay', async () => {
    const date = '2027-11-04';
    await publishLiveDay('live-delay', date);
    await postJson(t.baseUrl, crew, `/api/live/live-delay/${date}/events`, {
      events: [{ key: key('e'), at: at(date, '07:45'), kind: 'departed' }],
    });
    await postJson(t.baseUrl, crew, `/api/live/live-delay/${date}/positions`, {
      positions: [{ key: key('p'), at: at(date, '07:46'), lng: depot[0], lat: depot[1] }],
    });
    const before = await snapshot('live-delay', date);
    await postJson(t.baseUrl, crew, `/api/live/live-delay/${date}/events`, {
      events: [{ key: key('e'), at: at(date, '07:47'), kind: 'delayed', delayMinutes: 60 }],
    });
    const after = await snapshot('live-delay', date);
    const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    expect(minutes(after.stops[0]!.eta!) - minutes(before.stops[0]!.eta!)).to.be.within(60, 61);
    expect(after.stops[0]!.lateMinutes).to.be.greaterThan(0);
  });

  it('says off route when the last position is more than 2 km from the planned path, and not on it', async () => {
    const date = '2027-11-05';
    await publishLiveDay('live-route', date);
    const snap0 = await snapshot('live-route', date);
    const [a, b] = [snap0.plannedPath[0]!, snap0.plannedPath[1]!];
    const mid: [number, number] = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    await postJson(t.baseUrl, crew, `/api/live/live-route/${date}/positions`, {
      positions: [{ key: key('p'), at: at(date, '08:00'), lng: mid[0], lat: mid[1] }],
    });
    expect((await snapshot('live-route', date)).offRoute).to.equal(false);
    // About 5.5 km north of the line's midpoint.
    await postJson(t.baseUrl, crew, `/api/live/live-route/${date}/positions`, {
      positions: [{ key: key('p'), at: at(date, '08:05'), lng: mid[0], lat: mid[1] + 0.05 }],
    });
    expect((await snapshot('live-route', date)).offRoute).to.equal(true);
    await postJson(t.baseUrl, crew, `/api/live/live-route/${date}/positions`, {
      positions: [{ key: key('p'), at: at(date, '08:10'), lng: mid[0], lat: mid[1] }],
    });
    expect((await snapshot('live-route', date)).offRoute).to.equal(false);
  });

  it('lets only the crew and admins report, and only crew, coordinators and admins follow', async () => {
    const date = '2027-11-01';
    const body = { positions: [{ key: key('p'), at: at(date, '09:00'), lng: 4.4, lat: 51.9 }] };
    const anon = await fetch(`${t.baseUrl}/api/live/live-idem/${date}/positions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(anon.status).to.equal(401);
    const school = await fetchLogin(t.baseUrl, 'school');
    expect((await postJson(t.baseUrl, school, `/api/live/live-idem/${date}/positions`, body)).status).to.equal(403);
    expect((await postJson(t.baseUrl, coordinator, `/api/live/live-idem/${date}/positions`, body)).status).to.equal(
      403,
    );
    expect(
      (
        await postJson(t.baseUrl, school, `/api/live/live-idem/${date}/events`, {
          events: [{ key: key('e'), at: at(date, '09:00'), kind: 'departed' }],
        })
      ).status,
    ).to.equal(403);
    const admin = await fetchLogin(t.baseUrl, 'admin');
    expect((await postJson(t.baseUrl, admin, `/api/live/live-idem/${date}/positions`, body)).status).to.equal(200);
    expect((await fetch(`${t.baseUrl}/api/live/live-idem/${date}`)).status).to.equal(401);
    expect(
      (await fetch(`${t.baseUrl}/api/live/live-idem/${date}`, { headers: { cookie: school.cookie } })).status,
    ).to.equal(403);
    const stream = await openSse(`${t.baseUrl}/api/live/live-idem/${date}/stream`, school);
    expect(stream.status).to.equal(403);
    stream.close();
  });
});
