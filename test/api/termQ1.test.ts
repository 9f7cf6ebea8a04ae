import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import type { PlanDto } from '../../shared/api/plans';
import { optimizeTour } from '../../shared/optimizer';
import { importInstance } from '../../backend/services/importInstance';
import { startTestApp, type TestApp } from '../helpers/app';
import { waitFor } from '../helpers/serverProcess';
import { loginAs, type LoggedIn } from '../helpers/users';

describe('the term-q1 sample instance loaded as real requests', function () {
  this.timeout(240_000);
  let t: TestApp;
  let crew: LoggedIn;
  const instance = JSON.parse(readFileSync('bench/instances/rijnmond-term-q1-s11.json', 'utf8'));

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    // Precondition: no other planning data (earlier test files made requests of their own).
    for (const name of ['requests', 'truckDays', 'plans']) await t.db.connection.db!.collection(name).deleteMany({});
  });

  after(async () => {
    // Leave no 140 accepted requests in early 2027 behind for the suites that run later.
    for (const name of ['requests', 'plans']) await t.db.connection.db!.collection(name).deleteMany({});
    await t.db.connection
      .db!.collection('calendar')
      .deleteMany({ kind: 'truck_unavailable', note: { $regex: instance.name } });
  });

  it("imports as accepted requests from which the app builds exactly the file's planning problem", async () => {
    const report = await importInstance(instance);
    expect(report.created).to.equal(140);
    expect(report.differences).to.deep.equal([]);
    const again = await importInstance(instance);
    expect(again.created).to.equal(0);
  });

  it('"Plan maken" shows progress and ends with the same figures as `npm run plan` for the same seed', async () => {
    const started = await crew.agent
      .post('/api/plans')
      .set('X-CSRF-Token', crew.csrf)
      .send({
        from: instance.horizon.from,
        to: instance.horizon.to,
        truckIds: ['wagen-1'],
        seed: 11,
        timeLimitSeconds: 3,
      });
    expect(started.status).to.equal(202);
    let plan = started.body as PlanDto;
    const fractions: number[] = [];
    await waitFor(
      async () => {
        plan = (await crew.agent.get(`/api/plans/${plan.id}`)).body as PlanDto;
        if (plan.progress) fractions.push(plan.progress.fraction);
        return plan.status === 'done' || plan.status === 'failed';
      },
      120_000,
      'the plan',
    );
    expect(plan.status, plan.error ?? '').to.equal('done');
    expect(
      fractions.some((f) => f > 0 && f < 1),
      `progress seen: ${fractions.join(', ')}`,
    ).to.equal(true);
    const cli = optimizeTour(instance, { seed: 11, timeLimitMs: 3000 }); // what `npm run plan -- --time-limit 3 --seed 11` runs
    expect(plan.figures).to.deep.equal(cli.figures);
    expect(plan.plan!.routes).to.deep.equal(cli.plan.routes);
  });
});
