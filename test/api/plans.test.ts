import { expect } from 'chai';
import request from 'supertest';
import type { PlanDto } from '../../shared/api/plans';
import type { RequestDto } from '../../shared/api/requests';
import { PlanDraft } from '../../backend/models/PlanDraft';
import { OutboxMessage } from '../../backend/models/OutboxMessage';
import { startTestApp, type TestApp } from '../helpers/app';
import { waitFor } from '../helpers/serverProcess';
import { loginAs, type LoggedIn } from '../helpers/users';
import { requestBody } from '../helpers/factories';

describe('planning: Plan maken, edit, publish', function () {
  this.timeout(180_000);
  let t: TestApp;
  let crew: LoggedIn;
  let coordinator: LoggedIn;
  const period = { from: '2027-09-06', to: '2027-09-17' };
  const ids: string[] = [];

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    coordinator = await loginAs(t.app, 'coordinator');
    // Six schools in three regions ask for a half-day in the same two weeks.
    for (const schoolId of ['23ja01', '18ch02', '02vg04', '28df00', '18tr11', '15eo00']) {
      const res = await request(t.app)
        .post('/api/requests')
        .set('X-Forwarded-For', `10.5.${ids.length}.1`)
        .send(
          requestBody({
            schoolId,
            preferredWeeks: [{ ...period }],
            excludedDates: [],
            contact: { name: 'Contact', email: `${schoolId}@school.example.nl` },
          }),
        );
      expect(res.status).to.equal(201);
      const r = res.body.request as RequestDto;
      const accepted = await crew.agent
        .post(`/api/requests/${r.id}/status`)
        .set('X-CSRF-Token', crew.csrf)
        .send({ version: r.version, status: 'accepted' });
      expect(accepted.status).to.equal(200);
      ids.push(r.id);
    }
  });

  async function makePlan(body: Record<string, unknown> = {}): Promise<PlanDto> {
    const started = await crew.agent
      .post('/api/plans')
      .set('X-CSRF-Token', crew.csrf)
      .send({ ...period, truckIds: ['wagen-1'], timeLimitSeconds: 2, seed: 7, ...body });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    const plan = started.body as PlanDto;
    expect(plan.status).to.equal('queued');
    let last: PlanDto = plan;
    const seen = new Set<number>();
    await waitFor(
      async () => {
        last = (await crew.agent.get(`/api/plans/${plan.id}`)).body as PlanDto;
        if (last.progress) seen.add(last.progress.fraction);
        return last.status === 'done' || last.status === 'failed';
      },
      60_000,
      'the plan to finish',
    );
    expect(last.status, last.error ?? '').to.equal('done');
    expect(seen.size, 'progress was reported').to.be.greaterThan(0);
    return last;
  }

  it('makes a plan in the background with progress, and it serves the requests of the period', async () => {
    const plan = await makePlan();
    expect(plan.figures!.requests).to.equal(6);
    expect(plan.figures!.served).to.equal(6);
    expect(plan.plan!.routes.length).to.be.greaterThan(2);
    expect(plan.requests.map((r) => r.requestId).sort()).to.deep.equal([...ids].sort());
    expect(plan.progress!.fraction).to.equal(1);
  });

  it('gives the same plan for the same data and seed', async () => {
    const a = await makePlan();
    const b = await makePlan();
    expect(JSON.stringify(b.plan)).to.equal(JSON.stringify(a.plan));
  });

  it('moves a visit to another day when it fits, and refuses with a reason when it does not', async () => {
    const plan = await makePlan();
    const route = plan.plan!.routes[0]!;
    const stop = route.stops[0]!;
    const freeDay = [
      '2027-09-06',
      '2027-09-07',
      '2027-09-08',
      '2027-09-09',
      '2027-09-10',
      '2027-09-13',
      '2027-09-14',
      '2027-09-15',
      '2027-09-16',
      '2027-09-17',
    ].find((d) => !plan.plan!.routes.some((r) => r.date === d))!;
    const moved = await crew.agent
      .post(`/api/plans/${plan.id}/move`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version, request: stop.request, truck: 'wagen-1', date: freeDay });
    expect(moved.status, JSON.stringify(moved.body.check)).to.equal(200);
    const after = moved.body.plan as PlanDto;
    expect(after.plan!.routes.find((r) => r.date === freeDay)!.stops.map((s) => s.request)).to.include(stop.request);
    expect(after.version).to.equal(plan.version + 1);

    const outside = await crew.agent
      .post(`/api/plans/${plan.id}/move`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: after.version, request: stop.request, truck: 'wagen-1', date: '2027-09-20' });
    expect(outside.status).to.equal(422);
    expect(outside.body.check.valid).to.equal(false);
    expect(outside.body.check.violations[0].message).to.equal('2027-09-20 valt buiten de periode van dit plan.');
    expect(outside.body.check.violations[0].messageEn).to.equal("2027-09-20 is outside this plan's period.");
    const unchanged = (await crew.agent.get(`/api/plans/${plan.id}`)).body as PlanDto;
    expect(unchanged.version).to.equal(after.version);

    const stale = await crew.agent
      .post(`/api/plans/${plan.id}/move`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version, request: stop.request, truck: 'wagen-1', date: freeDay });
    expect(stale.status).to.equal(409);
  });

  it('answers a finished plan with an ETag (304 when unchanged); an edit shows at once, a change through another instance within two seconds', async () => {
    const plan = await makePlan();
    const first = await crew.agent.get(`/api/plans/${plan.id}`).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).to.be.a('string');
    expect(first.body).to.deep.equal(plan);
    await crew.agent.get(`/api/plans/${plan.id}`).set('If-None-Match', etag).expect(304);
    const saved = await crew.agent
      .put(`/api/plans/${plan.id}/routes`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version, routes: plan.plan!.routes, pinned: plan.pinned });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    const after = await crew.agent.get(`/api/plans/${plan.id}`).expect(200);
    expect(after.body.version).to.equal(plan.version + 1);
    expect(after.headers.etag).not.to.equal(etag);
    // Another instance changes the stored plan behind this one's back: this one shows it within two seconds.
    await PlanDraft.updateOne({ _id: plan.id }, { $set: { name: 'elders gewijzigd' }, $inc: { version: 1 } });
    const changedAt = Date.now();
    await waitFor(
      async () => (await crew.agent.get(`/api/plans/${plan.id}`)).body.name === 'elders gewijzigd',
      5000,
      'the change made through another instance',
    );
    expect(Date.now() - changedAt).to.be.lessThan(3000);
    const stale = await crew.agent
      .put(`/api/plans/${plan.id}/routes`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version + 1, routes: plan.plan!.routes, pinned: plan.pinned });
    expect(stale.status).to.equal(409);
  });

  it('refuses edited routes that break a hard rule and saves nothing', async () => {
    const plan = await makePlan();
    const routes = structuredClone(plan.plan!.routes);
    routes[0]!.stops[0]!.start = '06:00';
    const res = await crew.agent
      .put(`/api/plans/${plan.id}/routes`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version, routes, pinned: [] });
    expect(res.status).to.equal(422);
    expect(res.body.check.violations.length).to.be.greaterThan(0);
    const again = (await crew.agent.get(`/api/plans/${plan.id}`)).body as PlanDto;
    expect(JSON.stringify(again.plan)).to.equal(JSON.stringify(plan.plan));
  });

  it('publishes: truck-days get the stops, requests become "ingepland" with their visit, and schools get an email', async () => {
    const plan = await makePlan();
    const denied = await coordinator.agent
      .post(`/api/plans/${plan.id}/publish`)
      .set('X-CSRF-Token', coordinator.csrf)
      .send({ version: plan.version });
    expect(denied.status).to.equal(403);
    const res = await crew.agent
      .post(`/api/plans/${plan.id}/publish`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.planned).to.equal(6);
    expect(res.body.plan.status).to.equal('published');
    for (const id of ids) {
      const r = (await crew.agent.get(`/api/requests/${id}`)).body as RequestDto;
      expect(r.status).to.equal('planned');
      const route = plan.plan!.routes.find((x) =>
        x.stops.some((s) => plan.requests.find((i) => i.id === s.request)!.requestId === id),
      )!;
      expect(r.visit!.date).to.equal(route.date);
    }
    const tour = await coordinator.agent.get(`/api/tour?from=${period.from}&to=${period.to}`).expect(200);
    expect(tour.body.reduce((n: number, d: { stops: unknown[] }) => n + d.stops.length, 0)).to.equal(6);
    const mails = await OutboxMessage.collection.countDocuments({ kind: 'visit_planned' });
    expect(mails).to.be.at.least(6);
    const weeks = (await request(t.app).get(`/api/availability?from=${period.from}&to=${period.to}`).expect(200))
      .body as Array<{ week: number; capacity: number; booked: number }>;
    expect(weeks.map((w) => w.week)).to.deep.equal([36, 37]);
    expect(weeks.reduce((n, w) => n + w.booked, 0)).to.equal(6);
    // Capacity: every active truck's visits per day on each of its working days (other suites add trucks).
    const trucks = (await request(t.app).get('/api/trucks').expect(200)).body as Array<{
      active: boolean;
      maxVisitsPerDay: number;
      weekdays: number[];
    }>;
    const capacity = [1, 2, 3, 4, 5, 6, 7].reduce(
      (n, day) =>
        n + trucks.filter((x) => x.active && x.weekdays.includes(day)).reduce((m, x) => m + x.maxVisitsPerDay, 0),
      0,
    );
    expect(weeks[0]!.capacity).to.equal(capacity);
    const again = await crew.agent
      .post(`/api/plans/${plan.id}/publish`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version });
    expect(again.status).to.equal(409);
  });
});
