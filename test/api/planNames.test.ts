import { expect } from 'chai';
import request from 'supertest';
import type { PlanDto, PlanListItemDto } from '../../shared/api/plans';
import type { RequestDto } from '../../shared/api/requests';
import { requestBody } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/app';
import { waitFor } from '../helpers/serverProcess';
import { loginAs, type LoggedIn } from '../helpers/users';

// A period of its own, so other suites' requests do not land in these plans.
const PERIOD = { from: '2027-12-06', to: '2027-12-10' };

/** Plans of the same period carry what distinguishes them: when, by whom, and their what-if settings. */
describe('plan list: what tells plans of one period apart', function () {
  this.timeout(120_000);
  let t: TestApp;
  let crew: LoggedIn;

  before(async () => {
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    // One accepted request in the period, so the plans have an outcome (a what-if needs one to start from).
    const created = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', '10.14.1.1')
      .send(requestBody({ schoolId: '18ch02', preferredWeeks: [PERIOD], excludedDates: [] }));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const r = created.body.request as RequestDto;
    await crew.agent
      .post(`/api/requests/${r.id}/status`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: r.version, status: 'accepted' })
      .expect(200);
  });

  const start = async (extra: Record<string, unknown> = {}): Promise<PlanDto> => {
    const res = await crew.agent
      .post('/api/plans')
      .set('X-CSRF-Token', crew.csrf)
      .send({ ...PERIOD, truckIds: ['wagen-1'], timeLimitSeconds: 1, ...extra });
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    let plan = res.body as PlanDto;
    await waitFor(
      async () => ['done', 'failed'].includes((plan = (await crew.agent.get(`/api/plans/${plan.id}`)).body).status),
      60_000,
      'plan',
    );
    return plan;
  };

  it('lists the creator, the base plan and the tolerance of each plan', async () => {
    const first = await start();
    const whatIf = await start({ basePlanId: first.id, fairnessTolerance: 2, seed: 5 });
    const list = (await crew.agent.get('/api/plans').expect(200)).body as PlanListItemDto[];
    const a = list.find((p) => p.id === first.id)!;
    const b = list.find((p) => p.id === whatIf.id)!;
    expect(a.name).to.equal(b.name); // the same period: the name alone cannot tell them apart
    expect(a).to.include({
      createdBy: crew.id,
      createdByName: 'Test crew',
      basePlanId: null,
      fairnessTolerance: null,
      seed: 1,
    });
    expect(b).to.include({
      createdBy: crew.id,
      createdByName: 'Test crew',
      basePlanId: first.id,
      fairnessTolerance: 2,
      seed: 5,
    });
    expect(a.createdAt < b.createdAt).to.equal(true);
    // One plan (GET /api/plans/:id) carries the same what-if fields.
    expect(whatIf).to.include({ basePlanId: first.id, fairnessTolerance: 2 });
  });
});
