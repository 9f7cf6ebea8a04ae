import { expect } from 'chai';
import { Types } from 'mongoose';
import type { FairnessDashboard } from '../../shared/api/dashboard';
import { createRequestSchema, SESSION_LENGTHS } from '../../shared/api/requests';
import { computeFairShares } from '../../shared/domain/fairness';
import { addDays } from '../../shared/domain/time';
import { Region, School, Truck } from '../../backend/models';
import { instantOf } from '../../backend/services/live/clock';
import { recordEvents } from '../../backend/services/live/record';
import { changeRequestStatus, createRequest, type Actor } from '../../backend/services/requests';
import { bookStop, getTruckDay } from '../../backend/services/truckDays';
import { startTestApp, type TestApp } from '../helpers/app';
import { loggedIn, uniqueEmail, type TestClient } from '../helpers/auth';
import { requestBody } from '../helpers/factories';

/** Independent check figures: plain haversine (mean Earth radius) × 1.35, written out here on purpose. */
function roadKmIndependent(a: number[], b: number[]): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(r(b[1]! - a[1]!) / 2) ** 2 + Math.cos(r(a[1]!)) * Math.cos(r(b[1]!)) * Math.sin(r(b[0]! - a[0]!) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h)) * 1.35;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface RawVisit {
  requestId: string;
  schoolId: string;
  region: string;
  municipality: string;
  pupils: number;
  status: 'submitted' | 'accepted' | 'declined';
  submittedAt: Date;
  visit: { truckId: string; date: string } | null;
  done: boolean;
}

describe('fairness dashboard', function () {
  this.timeout(180_000);
  let t: TestApp;
  let coordinator: TestClient;
  const raw: RawVisit[] = [];
  const from = '2029-01-01';
  const to = '2029-12-31';

  before(async () => {
    t = await startTestApp();
    coordinator = (await loggedIn(t.app, 'coordinator')).client;
    const crewUser = await loggedIn(t.app, 'crew');
    const actor: Actor = {
      kind: 'user',
      id: crewUser.user.id,
      email: crewUser.user.email,
      role: 'crew',
      schoolIds: [],
    };
    for (const id of ['dash-1', 'dash-2']) {
      await Truck.updateOne(
        { _id: id },
        {
          $setOnInsert: {
            name: id,
            depotId: 'glr',
            shift: { start: '07:00', end: '18:00' },
            weekdays: [1, 2, 3, 4, 5],
            maxVisitsPerDay: 2,
            active: true,
          },
        },
        { upsert: true },
      );
    }
    const schools = (
      await School.find({ offersVmbo: true }, 'municipality region location')
        .sort({ _id: 1 })
        .lean<Array<{ _id: string; municipality: string; region: string; location: unknown }>>()
    ).filter((s) => s.location);
    const random = rng(2029);
    // A school year of requests: 90 in all, one per school-week; most planned on a truck-day, some carried out.
    for (let i = 0; i < 90; i++) {
      const school = schools[Math.floor(random() * schools.length)]!;
      const week = i % 50;
      const monday = addDays('2029-01-01', week * 7); // 2029-01-01 is a Monday
      const submittedAt = new Date(Date.UTC(2028, 8, 1) + Math.floor(random() * 200) * 86_400_000 + i * 1000);
      const pupils = 10 + Math.floor(random() * 90);
      const input = createRequestSchema.parse(
        requestBody({
          schoolId: school._id,
          pupils,
          sessionLength: 'half-day',
          preferredWeeks: [{ from: monday, to: addDays(monday, 4) }],
          excludedDates: [],
          contact: { name: 'Dashboard', email: uniqueEmail('dash') },
        }),
      );
      const { request } = await createRequest(input, { kind: 'anonymous' }, (tok) => `http://x/${tok}`, submittedAt);
      const kind = random();
      let status: RawVisit['status'] = 'submitted';
      let visit: RawVisit['visit'] = null;
      let done = false;
      if (kind < 0.08) {
        await changeRequestStatus(
          request.id,
          { version: request.version, status: 'declined', reason: 'buiten het programma' },
          actor,
        );
        status = 'declined';
      } else if (kind > 0.16) {
        await changeRequestStatus(request.id, { version: request.version, status: 'accepted' }, actor);
        status = 'accepted';
        if (kind > 0.3) {
          const truckId = i % 2 === 0 ? 'dash-1' : 'dash-2';
          const date = addDays(monday, Math.floor(i / 50) + (i % 2 === 0 ? 0 : 2));
          const day = await getTruckDay(truckId, date);
          const slot =
            day.stops.length === 0
              ? { arrive: '08:15', start: '09:00', end: '12:00', leave: '12:30' }
              : { arrive: '12:45', start: '13:30', end: '16:30', leave: '17:00' };
          await bookStop(truckId, date, { requestId: request.id, ...slot }, day.version);
          visit = { truckId, date };
          if (kind > 0.6) {
            await recordEvents(truckId, date, {
              events: [
                {
                  key: `dash-fin-${i}-${request.id}`,
                  at: instantOf(date, 12 * 60).toISOString(),
                  kind: 'finished',
                  requestId: request.id,
                },
              ],
            });
            done = true;
          }
        }
      }
      raw.push({
        requestId: request.id,
        schoolId: school._id,
        region: school.region,
        municipality: school.municipality,
        pupils,
        status,
        submittedAt,
        visit,
        done,
      });
    }
  });

  it('gives per region the requests, visits planned and done, pupils, fair share and gap as computed from the raw visits', async () => {
    const res = await coordinator.send('get', `/api/dashboard/fairness?from=${from}&to=${to}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    const d = res.body as FairnessDashboard;
    const regions = await Region.find().sort({ order: 1 }).lean<Array<{ _id: string; weight: number }>>();
    const counted = raw.filter((r) => r.status === 'accepted');
    const planned = raw.filter((r) => r.visit);
    const demand = regions.map((g) => counted.filter((r) => r.region === g._id).length);
    const fair = computeFairShares(
      regions.map((g) => g.weight),
      demand,
      planned.length,
    );
    regions.forEach((g, i) => {
      const row = d.regions.find((x) => x.id === g._id)!;
      const mine = (list: RawVisit[]) => list.filter((r) => r.region === g._id);
      expect(row.requests, g._id).to.equal(demand[i]);
      expect(row.planned, g._id).to.equal(mine(planned).length);
      expect(row.done, g._id).to.equal(mine(planned).filter((r) => r.done).length);
      expect(row.pupilsReached, g._id).to.equal(
        mine(planned)
          .filter((r) => r.done)
          .reduce((s, r) => s + r.pupils, 0),
      );
      expect(row.pupilsPlanned, g._id).to.equal(mine(planned).reduce((s, r) => s + r.pupils, 0));
      expect(row.fairShare, g._id).to.be.closeTo(fair[i]!, 0.006);
      expect(row.gap, g._id).to.be.closeTo(mine(planned).length - fair[i]!, 0.006);
    });
    expect(d.regions.reduce((s, r) => s + r.fairShare, 0)).to.be.closeTo(planned.length, 0.05);
    expect(d.totals).to.include({
      requests: counted.length,
      planned: planned.length,
      done: planned.filter((r) => r.done).length,
    });
  });

  it('drills down per municipality and per school with the same counts', async () => {
    const d = (await coordinator.send('get', `/api/dashboard/fairness?from=${from}&to=${to}`))
      .body as FairnessDashboard;
    const counted = raw.filter((r) => r.status === 'accepted');
    for (const m of new Set(counted.map((r) => r.municipality))) {
      const row = d.municipalities.find((x) => x.name === m)!;
      const mine = counted.filter((r) => r.municipality === m);
      expect(row.requests, m).to.equal(mine.length);
      expect(row.planned, m).to.equal(mine.filter((r) => r.visit).length);
      expect(row.done, m).to.equal(mine.filter((r) => r.done).length);
    }
    for (const s of new Set(counted.map((r) => r.schoolId))) {
      const row = d.schools.find((x) => x.id === s)!;
      const mine = counted.filter((r) => r.schoolId === s);
      expect(row.requests, s).to.equal(mine.length);
      expect(row.pupilsReached, s).to.equal(mine.filter((r) => r.done).reduce((sum, r) => sum + r.pupils, 0));
      const last =
        mine
          .map((r) => r.visit?.date ?? '')
          .sort()
          .at(-1) || null;
      expect(row.lastVisit, s).to.equal(last);
    }
  });

  it('lists schools never visited and the longest-waiting open requests', async () => {
    const d = (await coordinator.send('get', `/api/dashboard/fairness?from=${from}&to=${to}`))
      .body as FairnessDashboard;
    // Visits of other suites (earlier years) count as visits too: read them raw from the collections.
    const db = t.db.connection.db!;
    const days = await db
      .collection('truckDays')
      .find({ date: { $lte: to } })
      .toArray();
    const ids = days.flatMap((x) =>
      (x.stops as Array<{ requestId: string }>).map((s) => new Types.ObjectId(s.requestId)),
    );
    const visitedSchools = new Set(
      (
        await db
          .collection('requests')
          .find({ _id: { $in: ids } })
          .toArray()
      ).map((r) => r.schoolId as string),
    );
    const vmbo = await School.find({ offersVmbo: true }, '_id').lean<Array<{ _id: string }>>();
    const expected = vmbo
      .map((s) => s._id)
      .filter((id) => !visitedSchools.has(id))
      .sort();
    expect(d.neverVisited.map((s) => s.id).sort()).to.deep.equal(expected);
    for (const r of raw.filter((x) => x.visit)) expect(d.neverVisited.some((s) => s.id === r.schoolId)).to.equal(false);

    const open = raw
      .filter((r) => (r.status === 'submitted' || r.status === 'accepted') && !r.visit)
      .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
    expect(d.waitingLongest.map((w) => w.requestId)).to.deep.equal(open.slice(0, 20).map((r) => r.requestId));
    const first = open[0]!;
    expect(d.waitingLongest[0]!.waitingDays).to.be.closeTo(
      Math.max(0, Math.floor((Date.now() - first.submittedAt.getTime()) / 86_400_000)),
      1,
    );
  });

  it('adds up the kilometres of every truck-day (depot → stops → depot, haversine × 1.35) and the CO2 at 0.25 kg/km', async () => {
    const d = (await coordinator.send('get', `/api/dashboard/fairness?from=${from}&to=${to}`))
      .body as FairnessDashboard;
    const depot = (await t.db.connection.db!.collection('depots').findOne({ _id: 'glr' as never }))!
      .location as number[];
    const locations = new Map(
      (
        await School.find({}, 'location').lean<Array<{ _id: string; location: { coordinates: number[] } | null }>>()
      ).map((s) => [s._id, s.location?.coordinates]),
    );
    const byDay = new Map<string, RawVisit[]>();
    for (const r of raw.filter((x) => x.visit)) {
      const k = `${r.visit!.truckId}:${r.visit!.date}`;
      byDay.set(k, [...(byDay.get(k) ?? []), r]);
    }
    let km = 0;
    for (const [, visits] of byDay) {
      // Stops in the order of the day: morning (09:00) before afternoon, i.e. the order they were booked.
      const path = [depot, ...visits.map((v) => locations.get(v.schoolId)!), depot];
      let dayKm = 0;
      for (let i = 1; i < path.length; i++) dayKm += roadKmIndependent(path[i - 1]!, path[i]!);
      km += Math.round(dayKm * 10) / 10;
    }
    expect(d.truckDays).to.have.length(byDay.size);
    expect(d.totals.km).to.be.closeTo(km, 0.05);
    expect(d.co2KgPerKm).to.equal(0.25);
    expect(d.totals.co2Kg).to.be.closeTo(km * 0.25, 0.1);
    expect(SESSION_LENGTHS['half-day']).to.equal(180);
  });

  it('exports a region table as CSV, refuses bad periods, and is not for schools or anonymous users', async () => {
    const csv = await coordinator.send('get', `/api/dashboard/fairness/export?from=${from}&to=${to}&level=regions`);
    expect(csv.status).to.equal(200);
    expect(csv.headers['content-type']).to.match(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).to.equal(
      'regio,gewicht,aanvragen,bezoeken gepland,bezoeken uitgevoerd,leerlingen gepland,leerlingen bereikt,eerlijk deel,verschil',
    );
    expect(lines).to.have.length(8);
    const schoolsCsv = await coordinator.send(
      'get',
      `/api/dashboard/fairness/export?from=${from}&to=${to}&level=schools`,
    );
    expect(schoolsCsv.text.split('\r\n')[0]).to.match(/^school,id,gemeente/);
    expect((await coordinator.send('get', `/api/dashboard/fairness?from=${to}&to=${from}`)).status).to.equal(400);
    expect((await coordinator.send('get', `/api/dashboard/fairness?from=${from}`)).status).to.equal(400);
    const school = (await loggedIn(t.app, 'school')).client;
    expect((await school.send('get', `/api/dashboard/fairness?from=${from}&to=${to}`)).status).to.equal(403);
    const anonymous = await (
      await import('supertest')
    )
      .default(t.app)
      .get(`/api/dashboard/fairness?from=${from}&to=${to}`);
    expect(anonymous.status).to.equal(401);
  });
});
