import { expect } from 'chai';
import ICAL from 'ical.js';
import request from 'supertest';
import type { PlanDto } from '../../shared/api/plans';
import type { RequestDto } from '../../shared/api/requests';
import { startTestApp, type TestApp } from '../helpers/app';
import { requestBody } from '../helpers/factories';
import { waitFor } from '../helpers/serverProcess';
import { loginAs, type LoggedIn } from '../helpers/users';

function parseEvents(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  ICAL.TimezoneService.register(new ICAL.Timezone(cal.getFirstSubcomponent('vtimezone')!));
  return cal
    .getAllSubcomponents('vevent')
    .map((c) => ({ event: new ICAL.Event(c), status: String(c.getFirstPropertyValue('status')) }));
}

// A remark with a bare CR, a bare LF and a CRLF, each trying to end the event and start one of its own.
const INJECTED_REMARKS =
  'Graag bellen.\rEND:VEVENT\rBEGIN:VEVENT\rUID:nep@x\rSUMMARY:Nep\nATTENDEE:mailto:a@b\r\nklaar; dank, \\ groet';

describe('calendar feeds (.ics)', function () {
  this.timeout(120_000);
  let t: TestApp;
  let crew: LoggedIn;
  let token: string;
  let r: RequestDto;

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    const period = { from: '2027-10-04', to: '2027-10-08' };
    const created = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', '10.6.6.6')
      .send(
        requestBody({ schoolId: '17ky00', preferredWeeks: [period], excludedDates: [], remarks: INJECTED_REMARKS }),
      );
    expect(created.status).to.equal(201);
    token = created.body.statusUrl.split('/').pop();
    r = created.body.request;
    const accepted = await crew.agent
      .post(`/api/requests/${r.id}/status`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: r.version, status: 'accepted' });
    expect(accepted.status).to.equal(200);
    const started = await crew.agent
      .post('/api/plans')
      .set('X-CSRF-Token', crew.csrf)
      .send({ ...period, truckIds: ['wagen-1'], timeLimitSeconds: 1 });
    let plan = started.body as PlanDto;
    await waitFor(
      async () => (plan = (await crew.agent.get(`/api/plans/${plan.id}`)).body).status === 'done',
      60_000,
      'plan',
    );
    await crew.agent
      .post(`/api/plans/${plan.id}/publish`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version })
      .expect(200);
  });

  it("offers the planned visit as an .ics on the school's status link, parsed back by ical.js", async () => {
    const res = await request(t.app).get(`/api/status/${token}/visit.ics`).expect(200);
    expect(res.headers['content-type']).to.match(/text\/calendar/);
    const [only] = parseEvents(res.text);
    const stored = (await crew.agent.get(`/api/requests/${r.id}`)).body as RequestDto;
    expect(only!.event.uid).to.equal(`visit-${r.id}@techniekwagen.glr.nl`);
    expect(only!.event.startDate.toString().slice(0, 10)).to.equal(stored.visit!.date);
    expect(only!.event.summary).to.include('Roncalli');
    expect(only!.status).to.equal('TENTATIVE');
  });

  it('serves school and truck subscriptions at secret URLs, and refuses a wrong key', async () => {
    const school = await loginAs(t.app, 'school', ['17ky00']);
    const link = (await school.agent.get('/api/feeds/schools/17ky00/link').expect(200)).body.url as string;
    const path = new URL(link).pathname + new URL(link).search;
    const feed = await request(t.app).get(path).expect(200);
    expect(parseEvents(feed.text).map((e) => e.event.uid)).to.include(`visit-${r.id}@techniekwagen.glr.nl`);
    // A wrong key: its first character changed (to one it is not: replacing it with a fixed "X" left a key starting
    // with X unchanged, one run in 64).
    await request(t.app)
      .get(path.replace(/key=(.)/, (_m, c: string) => `key=${c === 'X' ? 'Y' : 'X'}`))
      .expect(404);
    await school.agent.get('/api/feeds/schools/23ja01/link').expect(404); // not its school
    const truckLink = (await crew.agent.get('/api/feeds/trucks/wagen-1/link').expect(200)).body.url as string;
    const truckFeed = await request(t.app)
      .get(new URL(truckLink).pathname + new URL(truckLink).search)
      .expect(200);
    expect(parseEvents(truckFeed.text).some((e) => e.event.uid === `visit-${r.id}@techniekwagen.glr.nl`)).to.equal(
      true,
    );
  });

  it("escapes a bare CR, a bare LF and a CRLF in a school's remarks, so they stay one DESCRIPTION (RFC 5545)", async () => {
    const truckLink = (await crew.agent.get('/api/feeds/trucks/wagen-1/link').expect(200)).body.url as string;
    const res = await request(t.app)
      .get(new URL(truckLink).pathname + new URL(truckLink).search)
      .expect(200);
    const ics = res.text;
    // Every CR and LF of the feed belongs to a CRLF line end; splitting on a lone CR or LF finds no extra lines.
    expect(ics.replace(/\r\n/g, '')).not.to.match(/[\r\n]/);
    expect(ics.split(/\r\n|\r|\n/).filter((l) => l === 'BEGIN:VEVENT')).to.have.length(
      ics.split('\r\n').filter((l) => l === 'BEGIN:VEVENT').length,
    );
    expect(ics).not.to.match(/^UID:nep@x/m);
    expect(ics).not.to.match(/^ATTENDEE/m);
    const ours = parseEvents(ics).find((e) => e.event.uid === `visit-${r.id}@techniekwagen.glr.nl`)!;
    expect(ours.event.description).to.include(
      'Graag bellen.\nEND:VEVENT\nBEGIN:VEVENT\nUID:nep@x\nSUMMARY:Nep\nATTENDEE:mailto:a@b\nklaar; dank, \\ groet',
    );
    expect(parseEvents(ics).some((e) => e.event.uid === 'nep@x')).to.equal(false);
  });

  it('carries a confirmation and a cancellation through SEQUENCE and STATUS with the same UID', async () => {
    const before = parseEvents((await request(t.app).get(`/api/status/${token}/visit.ics`)).text)[0]!;
    let current = (await crew.agent.get(`/api/requests/${r.id}`)).body as RequestDto;
    current = (
      await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set('X-CSRF-Token', crew.csrf)
        .send({ version: current.version, status: 'confirmed' })
    ).body;
    const confirmed = parseEvents((await request(t.app).get(`/api/status/${token}/visit.ics`)).text)[0]!;
    expect(confirmed.status).to.equal('CONFIRMED');
    expect(confirmed.event.sequence).to.be.greaterThan(before.event.sequence);
    await crew.agent
      .post(`/api/requests/${r.id}/status`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: current.version, status: 'cancelled', reason: 'School dicht wegens storing' })
      .expect(200);
    const cancelled = parseEvents((await request(t.app).get(`/api/status/${token}/visit.ics`)).text)[0]!;
    expect(cancelled.event.uid).to.equal(before.event.uid);
    expect(cancelled.status).to.equal('CANCELLED');
    expect(cancelled.event.sequence).to.be.greaterThan(confirmed.event.sequence);
  });

  it('exports requests and visits as formula-safe CSV, and the tour as GeoJSON', async () => {
    const injected = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', '10.6.6.7')
      .send(
        requestBody({
          remarks: '=HYPERLINK("http://evil.example","klik")',
          contact: { name: '@SUM(A1)', email: 'x@example.nl' },
        }),
      );
    expect(injected.status).to.equal(201);
    const csv = await crew.agent.get('/api/exports/requests.csv').expect(200);
    expect(csv.headers['content-type']).to.match(/text\/csv/);
    const line = csv.text.split('\r\n').find((l) => l.includes(injected.body.request.reference))!;
    expect(line).to.include(`"'=HYPERLINK(""http://evil.example"",""klik"")"`);
    expect(line).to.include("'@SUM(A1)");
    expect(line).not.to.match(/,=|,@/);
    const visits = await crew.agent.get('/api/exports/visits.csv').expect(200);
    expect(visits.text).to.include(r.reference);
    expect(visits.text).not.to.include(injected.body.request.reference);
    const geo = await crew.agent.get('/api/exports/tour.geojson?from=2027-10-04&to=2027-10-08').expect(200);
    const fc = JSON.parse(geo.text);
    // The visit was cancelled in the test before: since issue #12 it leaves its truck's day, so the tour (and its GeoJSON) no longer has it.
    expect(fc.type).to.equal('FeatureCollection');
    expect(
      fc.features.some((f: { properties: { reference: string } }) => f.properties.reference === r.reference),
    ).to.equal(false);
    await request(t.app).get('/api/exports/requests.csv').expect(401);
  });
});
