import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { PlanDto } from '../../shared/api/plans';
import { dominates, evaluatePlan, optimizeTour } from '../../shared/optimizer';
import { importInstance } from '../../backend/services/importInstance';
import { setPlanRunLimits } from '../../backend/services/planning/plans';
import { startTestApp, type TestApp } from '../helpers/app';
import { waitFor } from '../helpers/serverProcess';
import { loginAs, type LoggedIn } from '../helpers/users';

describe('alternatives on the planning board: make, compare, choose with a note, publish', function () {
  this.timeout(300_000);
  let t: TestApp;
  let crew: LoggedIn;
  let plan: PlanDto;
  const instance = JSON.parse(readFileSync('bench/instances/rijnmond-term-q1-s11.json', 'utf8'));

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    // Its balanced plan must equal the CLI's, which holds when the work budget ends the run; a test run shares two
    // cores with other test groups, so the wall-clock safety stop gets room (PLAN_SAFETY_STOP_FACTOR).
    setPlanRunLimits({ safetyStopFactor: 30 });
    for (const name of ['requests', 'truckDays', 'plans']) await t.db.connection.db!.collection(name).deleteMany({});
    await importInstance(instance);
  });

  after(async () => {
    setPlanRunLimits({});
    for (const name of ['requests', 'plans', 'truckDays']) await t.db.connection.db!.collection(name).deleteMany({});
    await t.db.connection
      .db!.collection('calendar')
      .deleteMany({ kind: 'truck_unavailable', note: { $regex: instance.name } });
  });

  it('"Plan maken" with alternatives stores up to four valid plans, none dominated, the balanced one equal to npm run plan', async () => {
    const started = await crew.agent
      .post('/api/plans')
      .set('X-CSRF-Token', crew.csrf)
      .send({
        from: instance.horizon.from,
        to: instance.horizon.to,
        truckIds: ['wagen-1'],
        seed: 11,
        timeLimitSeconds: 1,
        alternatives: true,
      });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    plan = started.body as PlanDto;
    await waitFor(
      async () => {
        plan = (await crew.agent.get(`/api/plans/${plan.id}`)).body as PlanDto;
        return plan.status === 'done' || plan.status === 'failed';
      },
      200_000,
      'the plan with alternatives',
    );
    expect(plan.status, plan.error ?? '').to.equal('done');
    expect(plan.alternatives.length).to.be.within(2, 4);
    expect(plan.chosenAlternative).to.equal(null);
    for (const a of plan.alternatives) {
      const check = evaluatePlan(instance, { ...a.plan, instance: instance.name });
      expect(check.valid, `${a.kind}: ${check.violations.map((v) => v.message).join('; ')}`).to.equal(true);
      expect(a.drivingHours).to.be.closeTo(a.figures.roadKm / instance.travel.speedKmh, 0.06);
      expect(a.co2Kg).to.equal(Math.round(a.figures.roadKm * 0.25));
      for (const b of plan.alternatives)
        if (a !== b) expect(dominates(b.figures, a.figures), `${b.kind} dominates ${a.kind}`).to.equal(false);
    }
    // Reproducible only when the work budget, not the wall-clock safety stop (3 × the limit), ended the run.
    expect(plan.stats?.stoppedBy, 'the balanced run was cut by the safety stop (machine overloaded)').to.equal(
      'budget',
    );
    const cli = optimizeTour(instance, { seed: 11, timeLimitMs: 1000 });
    const balanced = plan.alternatives.find((a) => a.kind === 'balanced')!;
    expect(balanced.plan.routes).to.deep.equal(cli.plan.routes);
    expect(plan.plan!.routes).to.deep.equal(cli.plan.routes);
  });

  it('refuses an unknown alternative (400), a stale version (409) and a note over 500 characters (400), changing nothing', async () => {
    const bad = await crew.agent
      .post(`/api/plans/${plan.id}/choose`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version, kind: 'cheapest' });
    expect(bad.status).to.equal(400);
    const stale = await crew.agent
      .post(`/api/plans/${plan.id}/choose`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version + 5, kind: 'balanced' });
    expect(stale.status).to.equal(409);
    const tooLong = await crew.agent
      .post(`/api/plans/${plan.id}/choose`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version, kind: 'balanced', note: 'x'.repeat(501) });
    expect(tooLong.status).to.equal(400);
    const after = (await crew.agent.get(`/api/plans/${plan.id}`)).body as PlanDto;
    expect(after.version).to.equal(plan.version);
  });

  it('choosing "meeste scholen" with a note makes it the plan, is audited, and publishing it publishes that plan', async () => {
    const most = plan.alternatives.find((a) => a.kind === 'most-schools');
    expect(most, 'most-schools is in the set').to.not.equal(undefined);
    const note = 'Meer scholen dit kwartaal; de regio krijgt voorrang in het volgende.';
    const chosen = await crew.agent
      .post(`/api/plans/${plan.id}/choose`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: plan.version, kind: 'most-schools', note });
    expect(chosen.status, JSON.stringify(chosen.body)).to.equal(200);
    const doc = chosen.body as PlanDto;
    expect(doc.version).to.equal(plan.version + 1);
    expect(doc.chosenAlternative).to.include({ kind: 'most-schools', label: 'meeste scholen', note });
    expect(doc.figures).to.deep.equal(most!.figures);
    expect(doc.plan!.routes).to.deep.equal(most!.plan.routes);
    // Audit entries are written in batches: wait for it.
    let audit: Record<string, unknown>[] = [];
    await waitFor(
      async () =>
        (audit = await t.db.connection
          .db!.collection('auditLog')
          .find({ action: 'plan.alternative_chosen', targetId: plan.id })
          .toArray()).length > 0,
      10_000,
      'the audit entry',
    );
    expect(audit.length).to.equal(1);
    expect(JSON.stringify(audit[0])).to.contain('most-schools').and.to.contain('volgende');

    const published = await crew.agent
      .post(`/api/plans/${plan.id}/publish`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: doc.version });
    expect(published.status, JSON.stringify(published.body)).to.equal(200);
    expect(published.body.planned).to.equal(most!.figures.served);
    const days = await t.db.connection
      .db!.collection('truckDays')
      .find({ 'stops.0': { $exists: true } })
      .toArray();
    expect(days.reduce((n, d) => n + (d.stops as unknown[]).length, 0)).to.equal(most!.figures.served);
    let pub: Record<string, unknown>[] = [];
    await waitFor(
      async () =>
        (pub = await t.db.connection
          .db!.collection('auditLog')
          .find({ action: 'plan.published', targetId: plan.id })
          .toArray()).length > 0,
      10_000,
      'the publish audit entry',
    );
    expect(JSON.stringify(pub[0])).to.contain('most-schools');
    const late = await crew.agent
      .post(`/api/plans/${plan.id}/choose`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: published.body.plan.version, kind: 'balanced' });
    expect(late.status).to.equal(409);
  });

  it('a what-if plan ("tweede wagen") runs on the same requests, shows what it buys and is never published', async () => {
    const bad = await crew.agent
      .post('/api/plans')
      .set('X-CSRF-Token', crew.csrf)
      .send({
        from: instance.horizon.from,
        to: instance.horizon.to,
        truckIds: ['wagen-1'],
        scenario: { kind: 'region-first', region: 'atlantis' },
      });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.message).to.contain('atlantis');
    const started = await crew.agent
      .post('/api/plans')
      .set('X-CSRF-Token', crew.csrf)
      .send({
        from: instance.horizon.from,
        to: instance.horizon.to,
        truckIds: ['wagen-1'],
        seed: 11,
        timeLimitSeconds: 1,
        scenario: { kind: 'second-truck', from: '2027-02-01', to: '2027-03-12' },
      });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    let what = started.body as PlanDto;
    expect(what.name).to.match(/^Wat als – /);
    expect(what.scenario).to.deep.equal({ kind: 'second-truck', from: '2027-02-01', to: '2027-03-12' });
    await waitFor(
      async () => {
        what = (await crew.agent.get(`/api/plans/${what.id}`)).body as PlanDto;
        return what.status === 'done' || what.status === 'failed';
      },
      120_000,
      'the what-if plan',
    );
    expect(what.status, what.error ?? '').to.equal('done');
    expect(what.truckIds).to.deep.equal(['wagen-1', 'wat-als-wagen']);
    expect(what.plan!.routes.some((r) => r.truck === 'wat-als-wagen')).to.equal(true);
    // What it buys: more schools than the one-truck balanced plan of the same requests.
    expect(what.figures!.served).to.be.greaterThan(
      plan.alternatives.find((a) => a.kind === 'balanced')!.figures.served,
    );
    const daysBefore = await t.db.connection.db!.collection('truckDays').find({}).toArray();
    const refused = await crew.agent
      .post(`/api/plans/${what.id}/publish`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: what.version });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.message).to.contain('wat-als-plan');
    expect(await t.db.connection.db!.collection('truckDays').find({}).toArray()).to.deep.equal(daysBefore);
  });
});
