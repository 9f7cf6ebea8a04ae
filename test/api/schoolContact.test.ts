import { expect } from 'chai';
import ICAL from 'ical.js';
import request from 'supertest';
import type { Page } from '../../shared/api/common';
import type { PlanDto } from '../../shared/api/plans';
import type { RequestDto } from '../../shared/api/requests';
import { startTestApp, type TestApp } from '../helpers/app';
import { requestBody } from '../helpers/factories';
import { waitFor } from '../helpers/serverProcess';
import { loginAs, type LoggedIn } from '../helpers/users';

// A week of its own, so the plan published here meets no other suite's requests.
const WEEK = { from: '2027-11-15', to: '2027-11-19' };
const OWN = '23ja01';
const OTHER = '17ky00';

function uids(ics: string): string[] {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents('vevent').map((c) => String(c.getFirstPropertyValue('uid')));
}

/** "Mijn aanvragen": a school contact sees, changes and cancels only its own schools' requests, with calendars. */
describe('school contact: own requests, visits and calendars', function () {
  this.timeout(120_000);
  let t: TestApp;
  let crew: LoggedIn;
  let contact: LoggedIn;
  let planned: RequestDto;
  let open: RequestDto;
  let foreign: RequestDto;

  const submit = async (schoolId: string, ip: string): Promise<RequestDto> => {
    const res = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', ip)
      .send(requestBody({ schoolId, preferredWeeks: [WEEK], excludedDates: [] }));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.request as RequestDto;
  };

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    contact = await loginAs(t.app, 'school', [OWN]);
    planned = await submit(OWN, '10.12.5.1');
    open = await submit(OWN, '10.12.5.2');
    foreign = await submit(OTHER, '10.12.5.3');
    // Accept the first one and the other school's, and publish a plan of the week: both get a visit.
    for (const r of [planned, foreign]) {
      await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set('X-CSRF-Token', crew.csrf)
        .send({ version: r.version, status: 'accepted' })
        .expect(200);
    }
    const started = await crew.agent
      .post('/api/plans')
      .set('X-CSRF-Token', crew.csrf)
      .send({ ...WEEK, truckIds: ['wagen-1'], timeLimitSeconds: 1 });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
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
    planned = (await crew.agent.get(`/api/requests/${planned.id}`).expect(200)).body;
    foreign = (await crew.agent.get(`/api/requests/${foreign.id}`).expect(200)).body;
    expect(planned.visit, 'the own request got a visit').to.not.equal(null);
    expect(foreign.visit, "the other school's request got a visit").to.not.equal(null);
  });

  it("lists only the contact's schools' requests, with status and visit", async () => {
    const page = (await contact.agent.get('/api/requests?pageSize=1000').expect(200)).body as Page<RequestDto>;
    const ids = page.items.map((r) => r.id);
    expect(ids).to.include.members([planned.id, open.id]);
    expect(ids).to.not.include(foreign.id);
    expect(
      page.items.every((r) => r.schoolId === OWN),
      'every listed request is of the own school',
    ).to.equal(true);
    const mine = page.items.find((r) => r.id === planned.id)!;
    expect(mine.status).to.equal('planned');
    expect(mine.visit!.date >= WEEK.from && mine.visit!.date <= WEEK.to).to.equal(true);
    // Asking for the other school explicitly gives nothing, not its requests.
    const filtered = (await contact.agent.get(`/api/requests?schoolId=${OTHER}`).expect(200)).body as Page<RequestDto>;
    expect(filtered.items).to.have.length(0);
  });

  it("answers 404 for another school's request, its calendar file and its changes", async () => {
    await contact.agent.get(`/api/requests/${foreign.id}`).expect(404);
    await contact.agent.get(`/api/requests/${foreign.id}/visit.ics`).expect(404);
    await contact.agent
      .patch(`/api/requests/${foreign.id}`)
      .set('X-CSRF-Token', contact.csrf)
      .send({ version: foreign.version, pupils: 12 })
      .expect(404);
    await contact.agent
      .post(`/api/requests/${foreign.id}/status`)
      .set('X-CSRF-Token', contact.csrf)
      .send({ version: foreign.version, status: 'cancelled' })
      .expect(404);
    const still = (await crew.agent.get(`/api/requests/${foreign.id}`).expect(200)).body as RequestDto;
    expect(still.pupils).to.equal(foreign.pupils);
    expect(still.status).to.equal('planned');
  });

  it('serves the calendar file of an own visit, and 404 for a request without a visit', async () => {
    const ics = await contact.agent.get(`/api/requests/${planned.id}/visit.ics`).expect(200);
    expect(ics.headers['content-type']).to.match(/^text\/calendar/);
    expect(uids(ics.text)).to.deep.equal([`visit-${planned.id}@techniekwagen.glr.nl`]);
    const none = await contact.agent.get(`/api/requests/${open.id}/visit.ics`).expect(404);
    expect(none.body.error.code).to.equal('not_found');
    // Not for anonymous callers (the status link's .ics is the way without an account).
    await request(t.app).get(`/api/requests/${planned.id}/visit.ics`).expect(401);
  });

  it("gives the own school's subscription link (which serves the visit), and 404 for another school's", async () => {
    const link = (await contact.agent.get(`/api/feeds/schools/${OWN}/link`).expect(200)).body.url as string;
    expect(link).to.match(new RegExp(`/api/feeds/schools/${OWN}\\.ics\\?key=`));
    const url = new URL(link);
    const feed = await request(t.app)
      .get(url.pathname + url.search)
      .expect(200);
    expect(uids(feed.text)).to.include(`visit-${planned.id}@techniekwagen.glr.nl`);
    expect(uids(feed.text)).to.not.include(`visit-${foreign.id}@techniekwagen.glr.nl`);
    await contact.agent.get(`/api/feeds/schools/${OTHER}/link`).expect(404);
  });

  it('lets the contact change and cancel its own open request', async () => {
    const changed = await contact.agent
      .patch(`/api/requests/${open.id}`)
      .set('X-CSRF-Token', contact.csrf)
      .send({ version: open.version, pupils: 61 });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect(changed.body.pupils).to.equal(61);
    const refused = await contact.agent
      .post(`/api/requests/${open.id}/status`)
      .set('X-CSRF-Token', contact.csrf)
      .send({ version: changed.body.version, status: 'accepted' });
    expect(refused.status).to.equal(409);
    const cancelled = await contact.agent
      .post(`/api/requests/${open.id}/status`)
      .set('X-CSRF-Token', contact.csrf)
      .send({ version: changed.body.version, status: 'cancelled' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    expect(cancelled.body.status).to.equal('cancelled');
  });
});
