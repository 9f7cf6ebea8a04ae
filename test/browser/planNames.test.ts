import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import type { PlanDto } from '../../shared/api/plans';
import type { RequestDto } from '../../shared/api/requests';
import {
  RESULTS_DIR,
  ensureFrontendBuilt,
  launchChromium,
  requireChromium,
  seriousAxeViolations,
  loginThroughPage,
} from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser } from '../helpers/auth';
import { requestBody } from '../helpers/factories';
import { waitFor } from '../helpers/serverProcess';
import { loginAs } from '../helpers/users';

// A period of its own, so other suites' requests do not land in these plans.
const PERIOD = { from: '2027-12-13', to: '2027-12-17' };

/** Two plans of the same period, one a what-if of the other, read differently in "Plan openen" and "Vergelijken met". */
describe('plan names on the planning board', function () {
  this.timeout(150_000);
  let t: TestApp;
  let browser: Browser;
  const ids: string[] = [];

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    t = await startTestApp();
    const crew = await loginAs(t.app, 'crew');
    const created = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', '10.15.1.1')
      .send(requestBody({ schoolId: '02vg04', preferredWeeks: [PERIOD], excludedDates: [] }));
    const r = created.body.request as RequestDto;
    await crew.agent
      .post(`/api/requests/${r.id}/status`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: r.version, status: 'accepted' })
      .expect(200);
    for (const extra of [{}, { fairnessTolerance: 2 }]) {
      const res = await crew.agent
        .post('/api/plans')
        .set('X-CSRF-Token', crew.csrf)
        .send({
          ...PERIOD,
          truckIds: ['wagen-1'],
          timeLimitSeconds: 1,
          ...(ids[0] ? { basePlanId: ids[0] } : {}),
          ...extra,
        });
      let plan = res.body as PlanDto;
      await waitFor(
        async () => (plan = (await crew.agent.get(`/api/plans/${plan.id}`)).body).status === 'done',
        60_000,
        'plan',
      );
      ids.push(plan.id);
    }
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  it('labels each plan with when, by whom and what-if, so no two options read the same', async () => {
    const user = await createTestUser('crew');
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const page = await context.newPage();
    await loginThroughPage(page, t.baseUrl, user, '/planning');
    const open = page.getByLabel('Plan openen');
    await page.locator(`#plan-open option[value="${ids[1]}"]`).waitFor({ state: 'attached', timeout: 20_000 });
    const first = (await page.locator(`#plan-open option[value="${ids[0]}"]`).textContent())!;
    const whatIf = (await page.locator(`#plan-open option[value="${ids[1]}"]`).textContent())!;
    expect(first).to.match(/^Tour 2027-12-13 – 2027-12-17 · gemaakt .+ · door Test crew · klaar \(concept\)$/);
    expect(whatIf).to.contain('· wat-als op basis van Tour 2027-12-13 – 2027-12-17, ');
    expect(whatIf).to.contain('· eerlijkheidsmarge 2');
    const all = await page.locator('#plan-open option').allTextContents();
    expect(new Set(all).size, 'every option reads differently').to.equal(all.length);
    await open.selectOption(ids[1]!);
    const compare = page.getByLabel('Vergelijken met');
    await compare.waitFor({ timeout: 20_000 });
    expect(await page.locator(`#plan-compare option[value="${ids[0]}"]`).textContent()).to.equal(first);
    await compare.selectOption(ids[0]!);
    await page.locator('.figures-table thead th').nth(1).waitFor({ timeout: 10_000 });
    const heads = await page.locator('.figures-table thead th').allTextContents();
    expect(new Set(heads).size, 'the comparison table names the two plans differently').to.equal(heads.length);
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'plans-1-names.png') });
    await context.close();
  });
});
