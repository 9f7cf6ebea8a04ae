import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { createTestUser, type TestUser } from '../helpers/auth';
import { requestBody } from '../helpers/factories';
import { waitFor } from '../helpers/serverProcess';
import { loginAs, type LoggedIn } from '../helpers/users';

const DESKTOP = { width: 1280, height: 900 };
// A week of its own (no holidays), so this suite's plan meets no other suite's requests.
const WEEK = { from: '2027-11-22', to: '2027-11-26' };
const OWN = ['23ja01', '18ch02'];
const OTHER = '17ky00';

/** A school contact logs in, finds "Mijn aanvragen", sees its schools' requests and visits, subscribes and cancels. */
describe('school contact in a browser ("Mijn aanvragen")', function () {
  this.timeout(180_000);
  let t: TestApp;
  let browser: Browser;
  let crew: LoggedIn;
  let contact: TestUser;
  let visit: RequestDto;
  let open: RequestDto;
  let foreign: RequestDto;
  let problems: string[] = [];

  const submit = async (schoolId: string, ip: string): Promise<RequestDto> => {
    const res = await request(t.app)
      .post('/api/requests')
      .set('X-Forwarded-For', ip)
      .send(requestBody({ schoolId, preferredWeeks: [WEEK], excludedDates: [] }));
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.request as RequestDto;
  };

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    t = await startTestApp();
    crew = await loginAs(t.app, 'crew');
    contact = await createTestUser('school', OWN);
    visit = await submit(OWN[0]!, '10.13.1.1');
    open = await submit(OWN[1]!, '10.13.1.2');
    foreign = await submit(OTHER, '10.13.1.3');
    await crew.agent
      .post(`/api/requests/${visit.id}/status`)
      .set('X-CSRF-Token', crew.csrf)
      .send({ version: visit.version, status: 'accepted' })
      .expect(200);
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
    visit = (await crew.agent.get(`/api/requests/${visit.id}`).expect(200)).body;
    expect(visit.visit).to.not.equal(null);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(() => {
    problems = [];
  });

  /** A logged-in school contact's page (Dutch); the browser's clock stands at `now` when given. */
  async function contactPage(now?: Date): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    if (now) await context.clock.setFixedTime(now);
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
    });
    await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    await loginThroughPage(page, t.baseUrl, contact);
    await page.waitForURL((url) => url.pathname !== '/inloggen');
    return { context, page };
  }

  it('logs in, finds "Mijn aanvragen" in the header and sees only its own schools\' requests and visits', async () => {
    const { context, page } = await contactPage();
    await page.getByRole('link', { name: 'Mijn aanvragen' }).click();
    await page.waitForURL(/\/mijn-aanvragen$/);
    await page.getByRole('heading', { level: 1, name: 'Mijn aanvragen' }).waitFor();
    const planned = page.locator(`tr[data-request-id="${visit.id}"]`);
    await planned.waitFor();
    await page.locator(`tr[data-request-id="${open.id}"]`).waitFor();
    expect(await page.locator(`tr[data-request-id="${foreign.id}"]`).count(), "another school's request").to.equal(0);
    // One section per school, headed by its name.
    expect(await page.locator('section.mine-school h2').count()).to.equal(2);
    expect(await planned.textContent()).to.include(`sessie ${visit.visit!.start}–${visit.visit!.end}`);
    expect(await planned.textContent()).to.include('Ingepland');
    expect(await planned.getByRole('link', { name: /Agenda \(\.ics\)/ }).getAttribute('href')).to.equal(
      `/api/requests/${visit.id}/visit.ics`,
    );
    // The visit is not today: no follow link.
    expect(await planned.getByRole('link', { name: /Volg de wagen/ }).count()).to.equal(0);
    // The calendar subscription of the first school, with its one-click links.
    const feed = page.getByLabel('Adres van het abonnement').first();
    await page.waitForFunction(() =>
      (document.querySelector<HTMLInputElement>('input[id^="feed-url-"]')?.value ?? '').includes('key='),
    );
    expect(await feed.inputValue()).to.match(/\/api\/feeds\/schools\/(23ja01|18ch02)\.ics\?key=/);
    const google = await page.getByRole('link', { name: 'Toevoegen aan Google Agenda' }).first().getAttribute('href');
    expect(google).to.match(/^https:\/\/calendar\.google\.com\/calendar\/render\?cid=webcal%3A%2F%2F/);
    const outlook = await page.getByRole('link', { name: 'Toevoegen aan Outlook' }).first().getAttribute('href');
    expect(outlook).to.match(/^https:\/\/outlook\.live\.com\/calendar\/0\/addfromweb\?url=http/);
    // The .ics link works with the browser's session.
    const ics = await page.evaluate(async (id) => (await fetch(`/api/requests/${id}/visit.ics`)).text(), visit.id);
    expect(ics).to.include(`UID:visit-${visit.id}@techniekwagen.glr.nl`);
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'school-1-mijn-aanvragen.png'), fullPage: true });
    expect(problems).to.deep.equal([]);
    await context.close();
  });

  it('opens an open request from the list and cancels it', async () => {
    const { context, page } = await contactPage();
    await page.goto(`${t.baseUrl}/mijn-aanvragen`);
    await page
      .locator(`tr[data-request-id="${open.id}"]`)
      .getByRole('link', { name: 'Bekijken, wijzigen of annuleren' })
      .click();
    await page.waitForURL(new RegExp(`/mijn-aanvragen/${open.id}$`));
    await page.getByRole('heading', { level: 1, name: 'Uw aanvraag' }).waitFor();
    await page.getByRole('button', { name: 'Wensen wijzigen' }).waitFor();
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'school-2-aanvraag.png'), fullPage: true });
    await page.getByRole('button', { name: 'Aanvraag annuleren' }).click();
    // The way back says "Nee, terug" rather than a second "Annuleren" next to "Ja, annuleren".
    await page.getByRole('dialog').getByRole('button', { name: 'Nee, terug' }).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Ja, annuleren' }).click();
    await page.getByRole('status').filter({ hasText: 'Uw aanvraag is geannuleerd.' }).waitFor();
    const stored = (await crew.agent.get(`/api/requests/${open.id}`).expect(200)).body as RequestDto;
    expect(stored.status).to.equal('cancelled');
    // Another school's request is not found, by its address either.
    await page.goto(`${t.baseUrl}/mijn-aanvragen/${foreign.id}`);
    await page.getByRole('alert').filter({ hasText: 'hoort niet bij uw school' }).waitFor();
    expect(problems.filter((p) => !/404/.test(p))).to.deep.equal([]);
    await context.close();
  });

  it('links the public live page on the day of the visit', async () => {
    const { context, page } = await contactPage(new Date(`${visit.visit!.date}T07:00:00Z`));
    await page.goto(`${t.baseUrl}/mijn-aanvragen`);
    const follow = page
      .locator(`tr[data-request-id="${visit.id}"]`)
      .getByRole('link', { name: 'Volg de wagen vandaag' });
    await follow.waitFor();
    expect(await follow.getAttribute('href')).to.equal(`/volg/${visit.visit!.truckId}/${visit.visit!.date}`);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'school-3-volg-vandaag.png'), fullPage: true });
    await context.close();
  });
});
