import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PlanDto, PublishReportDto } from '../../shared/api/plans';
import { addDays, isoWeekday } from '../../shared/domain/time';
import { ensureFrontendBuilt, launchChromium, requireChromium, seriousAxeViolations, settle } from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser } from '../helpers/auth';
import { loginAs, type LoggedIn } from '../helpers/users';
import { acceptedRequests, futurePeriod, makePlan, schoolsWithLocation } from '../api/lifecycleHelpers';

/** Screenshots of the changed screens go outside the repository (issue #12 asks for them there). */
const SCREENS = process.env.LIFECYCLE_SCREENS_DIR ?? resolve('test-results/lifecycle');

async function fullShot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(
    () =>
      (document.querySelector('.page-scroll')?.scrollHeight ?? document.body.scrollHeight) +
      (document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0),
  );
  await page.setViewportSize({ width: size.width, height: Math.min(Math.ceil(height) + 4, 6000) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: resolve(SCREENS, name) });
  await page.setViewportSize(size);
}

/**
 * Issue #12 in a browser: a school confirms one published visit with one click from its email link, cancels
 * another on its status page (which then shows the cancelled state only), and the crew's planning board flags the
 * day the visit left, and the inbox shows the cancellation with who did it.
 */
describe('a school cancels a published visit; the crew sees the flagged day (browser)', function () {
  this.timeout(240_000);
  let app: TestApp;
  let browser: Browser;
  let school: BrowserContext;
  let crew: BrowserContext;
  let crewApi: LoggedIn;
  let published: Array<{ request: { id: string; reference: string; schoolName: string }; token: string }>;
  let period: { from: string; to: string };
  const pageErrors: string[] = [];

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(SCREENS, { recursive: true });
    app = await startTestApp();
    crewApi = await loginAs(app.app, 'crew');
    period = await futurePeriod(12);
    published = await acceptedRequests(await schoolsWithLocation(3, 20), period, crewApi, 'browser-cancel');
    const plan = await makePlan(crewApi, period);
    const res = await crewApi.agent
      .post(`/api/plans/${plan.id}/publish`)
      .set('X-CSRF-Token', crewApi.csrf)
      .send({ version: plan.version });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect((res.body as PublishReportDto).planned).to.equal(3);
    // A request that waits for a date: the candidate to fill the slot a cancellation leaves.
    await acceptedRequests(await schoolsWithLocation(1, 24), period, crewApi, 'browser-wait');

    browser = await launchChromium();
    const options = {
      viewport: { width: 1300, height: 900 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      baseURL: app.baseUrl,
      bypassCSP: true,
    };
    school = await browser.newContext(options);
    crew = await browser.newContext(options);
    for (const context of [school, crew]) {
      await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
      context.on('page', (p) => p.on('pageerror', (err) => pageErrors.push(err.message)));
    }
    const user = await createTestUser('crew');
    const login = await crew.request.post('/api/session', { data: { email: user.email, password: user.password } });
    expect(login.status()).to.equal(200);
  });

  after(async () => {
    await browser?.close();
  });

  it('the school confirms a planned visit with one click from the email link', async () => {
    const page = await school.newPage();
    await page.goto(`/status/${published[0]!.token}`);
    await page.getByRole('button', { name: 'Bezoek bevestigen' }).waitFor();
    await fullShot(page, 'status-planned-confirm.png');
    await page.goto(`/status/${published[0]!.token}?bevestig=1`);
    await page.getByText('Dank u: het bezoek is bevestigd.').waitFor();
    expect(await page.locator('.status-now .status-badge').textContent()).to.equal('Bevestigd');
    expect(await page.getByRole('button', { name: 'Bezoek bevestigen' }).count()).to.equal(0);
    await fullShot(page, 'status-confirmed.png');
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.close();
  });

  it('the school cancels its published visit; its status page shows the cancelled state only', async () => {
    const page = await school.newPage();
    await page.goto(`/status/${published[1]!.token}`);
    await page.getByTestId('visit-date').waitFor();
    await page.getByRole('button', { name: 'Aanvraag annuleren' }).click();
    await page.getByRole('button', { name: 'Ja, annuleren' }).click();
    await page.getByTestId('ended').waitFor();
    expect(await page.getByRole('heading', { name: 'Deze aanvraag is geannuleerd' }).count()).to.equal(1);
    // No date, no calendar link, no checklist, nothing to change or cancel any more.
    expect(await page.getByTestId('visit-date').count()).to.equal(0);
    expect(await page.getByText('Zet het bezoek in uw agenda (.ics)').count()).to.equal(0);
    expect(await page.getByText('Wat de school klaarzet').count()).to.equal(0);
    expect(await page.getByRole('button', { name: 'Aanvraag annuleren' }).count()).to.equal(0);
    await fullShot(page, 'status-cancelled.png');
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.close();
  });

  it("the crew's planning board flags the day the visit left, the inbox shows the cancellation, and one click fills the slot", async () => {
    const cancelled = published[1]!.request;
    const page = await crew.newPage();
    await page.goto('/planning');
    const flags = page.getByTestId('day-flags');
    await flags.waitFor();
    const text = await settle(
      () => flags.textContent(),
      (v) => Boolean(v?.includes(cancelled.reference)),
    );
    expect(text).to.include(cancelled.schoolName);
    expect(text).to.include('geannuleerd');
    await flags.getByRole('button', { name: `Gat vullen: kandidaten ${cancelled.reference}` }).click();
    const offered = flags.locator('.slot-candidates li');
    await offered.first().waitFor();
    expect(await offered.first().textContent()).to.match(/\d\d:\d\d–\d\d:\d\d/);
    await fullShot(page, 'board-flagged-day.png');
    expect(await seriousAxeViolations(page)).to.deep.equal([]);

    await page.goto('/inbox');
    const note = page.locator('.request-card', { hasText: cancelled.reference }).getByTestId('ended-note');
    await note.waitFor();
    expect(await note.textContent()).to.match(/Geannuleerd door de school/);
    await page.locator('.request-card', { hasText: cancelled.reference }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(SCREENS, 'inbox-cancelled.png') });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);

    // "Inplannen": the first candidate goes into the free slot with one click; the flag goes, and the board says
    // what happened.
    await page.goto('/planning');
    const board = page.getByTestId('day-flags');
    await board.getByRole('button', { name: `Gat vullen: kandidaten ${cancelled.reference}` }).click();
    const first = board.locator('.slot-candidates li').first();
    await first.waitFor();
    const candidateText = (await first.textContent())!;
    await first.getByRole('button', { name: /^Inplannen/ }).click();
    const filled = page.getByTestId('slot-filled');
    await filled.waitFor();
    expect(await filled.textContent()).to.match(/is ingepland op .*; de school krijgt een e-mail om te bevestigen\./);
    expect(candidateText).to.include((await filled.textContent())!.split(' (')[0]!); // the reference of the candidate
    expect(await page.getByTestId('day-flags').count()).to.equal(0);
    await page.screenshot({ path: resolve(SCREENS, 'board-slot-filled.png') });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
    await page.close();
  });

  it('a published visit the crew moves shows "Verzet" on the status page, and asks the school to confirm again', async () => {
    const moving = published[2]!.request;
    // A new plan of the period (a published one is not changed), the visit moved to another working day that fits,
    // published.
    let plan = await makePlan(crewApi, period);
    const inPlan = plan.requests.find((r) => r.requestId === moving.id)!.id;
    const now = plan.plan!.routes.find((r) => r.stops.some((st) => st.request === inPlan))!.date;
    let moved = false;
    for (let d = period.from; d <= period.to && !moved; d = addDays(d, 1)) {
      if (d === now || isoWeekday(d) > 5) continue;
      const res = await crewApi.agent
        .post(`/api/plans/${plan.id}/move`)
        .set('X-CSRF-Token', crewApi.csrf)
        .send({ version: plan.version, request: inPlan, truck: 'wagen-1', date: d });
      if (res.status === 200) {
        moved = true;
        plan = res.body.plan as PlanDto;
      }
    }
    expect(moved, 'a day in the period the visit can move to').to.equal(true);
    const republished = await crewApi.agent
      .post(`/api/plans/${plan.id}/publish`)
      .set('X-CSRF-Token', crewApi.csrf)
      .send({ version: plan.version });
    expect(republished.status, JSON.stringify(republished.body)).to.equal(200);

    const page = await school.newPage();
    await page.goto(`/status/${published[2]!.token}`);
    const current = page.locator('.timeline li[aria-current="step"]');
    await current.waitFor();
    expect(await current.locator('.timeline-label').textContent()).to.equal('Verzet');
    const steps = await page.locator('.timeline .timeline-label').allTextContents();
    expect(steps).to.deep.equal(['Ingediend', 'Geaccepteerd', 'Ingepland', 'Verzet', 'Bevestigd', 'Uitgevoerd']);
    expect(await page.locator('.timeline li.is-future').allTextContents()).to.deep.equal([
      'Bevestigdnog niet',
      'Uitgevoerdnog niet',
    ]);
    await page.getByRole('button', { name: 'Bezoek bevestigen' }).waitFor();
    await fullShot(page, 'status-moved.png');
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.close();
  });
});
