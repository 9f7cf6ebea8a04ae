import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { createApp } from '../../backend/app';
import { createLogger } from '../../backend/logger';
import { runSimulation } from '../../backend/cli/simulate';
import { instantOf } from '../../backend/services/live/clock';
import type { LiveDaySnapshot, TruckEventKind } from '../../shared/api/live';
import type { PlanDto } from '../../shared/api/plans';
import type { RequestDto } from '../../shared/api/requests';
import {
  RESULTS_DIR,
  ensureFrontendBuilt,
  launchChromium,
  requireChromium,
  seriousAxeViolations,
  settle,
} from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser } from '../helpers/auth';
import { requestBody } from '../helpers/factories';
import { waitFor } from '../helpers/serverProcess';
import { loginAs, type LoggedIn } from '../helpers/users';

const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
const TRUCK = 'wagen-1';
// A week of its own (no holidays), so this suite's tour does not meet the other suites' plans in the shared database.
const WEEK = { from: '2027-03-15', to: '2027-03-19' };
const DAY = '2027-03-16';
const OTHER_DAYS = ['2027-03-15', '2027-03-17', '2027-03-18', '2027-03-19'];
/** The day the simulator (backend/cli/simulate.ts) drives, start to end. */
const SIM_DAY = '2027-03-18';
const NOT_SIM_DAYS = ['2027-03-15', '2027-03-16', '2027-03-17', '2027-03-19'];

/** Minutes after midnight of "HH:MM". */
function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Points along a polyline ([lng, lat]) at `count` even steps from `from` to `to` (indexes into the line). */
function pointsBetween(a: [number, number], b: [number, number], count: number): Array<[number, number]> {
  return Array.from({ length: count }, (_, i) => {
    const f = (i + 1) / count;
    return [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f] as [number, number];
  });
}

/**
 * A coordinator follows a truck's published day: the crew's reports and positions (sent through the API the way the
 * phone page sends them, at high speed) move the truck, finish a stop and change the next stop's ETA; the replay
 * slider shows the morning; the public page shows the truck and schools only; the crew page works on a phone.
 */
describe('live tracking in a browser', function () {
  this.timeout(240_000);

  let app: TestApp;
  let browser: Browser;
  let coordinator: BrowserContext;
  let crewApi: LoggedIn;
  let pageErrors: string[] = [];
  let snapshot: LiveDaySnapshot;
  let keyCounter = 0;
  let page: Page;

  const key = () => `test-${Date.now().toString(36)}-${(keyCounter++).toString(36).padStart(4, '0')}`;
  const at = (hhmm: string, second = 0) =>
    new Date(instantOf(DAY, minutes(hhmm)).getTime() + second * 1000).toISOString();

  async function sendPositions(
    points: Array<[number, number]>,
    fromHhmm: string,
    stepSeconds: number,
    pauseMs: number,
  ) {
    for (let i = 0; i < points.length; i++) {
      const [lng, lat] = points[i]!;
      const res = await crewApi.agent
        .post(`/api/live/${TRUCK}/${DAY}/positions`)
        .set('X-CSRF-Token', crewApi.csrf)
        .send({ positions: [{ key: key(), at: at(fromHhmm, i * stepSeconds), lng, lat, speedKmh: 40 }] });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    }
  }

  async function sendEvent(kind: TruckEventKind, hhmm: string, requestId?: string, delayMinutes?: number) {
    const res = await crewApi.agent
      .post(`/api/live/${TRUCK}/${DAY}/events`)
      .set('X-CSRF-Token', crewApi.csrf)
      .send({
        events: [
          {
            key: key(),
            at: at(hhmm),
            kind,
            ...(requestId ? { requestId } : {}),
            ...(delayMinutes ? { delayMinutes } : {}),
          },
        ],
      });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
  }

  /** The truck marker's pixel position on the page. */
  async function truckBox(p: Page) {
    const box = await p.locator('.truck-marker').boundingBox();
    return box ? { x: Math.round(box.x), y: Math.round(box.y) } : null;
  }

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    app = await startTestApp();
    crewApi = await loginAs(app.app, 'crew');

    // Two schools ask for two hours on the same Tuesday, two others on the Thursday (every other day of the week
    // excluded); plan and publish.
    const ids: string[] = [];
    const asks: Array<[string, string[]]> = [
      ['18ch02', OTHER_DAYS],
      ['02vg04', OTHER_DAYS],
      ['28df00', NOT_SIM_DAYS],
      ['18tr11', NOT_SIM_DAYS],
    ];
    for (const [i, [schoolId, excludedDates]] of asks.entries()) {
      const res = await request(app.app)
        .post('/api/requests')
        .set('X-Forwarded-For', `10.77.${i}.1`)
        .send(
          requestBody({
            schoolId,
            sessionLength: '2-hours',
            preferredWeeks: [{ ...WEEK }],
            excludedDates,
            contact: { name: 'Contact', email: `${schoolId}@live.example.nl` },
          }),
        );
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      const r = res.body.request as RequestDto;
      const accepted = await crewApi.agent
        .post(`/api/requests/${r.id}/status`)
        .set('X-CSRF-Token', crewApi.csrf)
        .send({ version: r.version, status: 'accepted' });
      expect(accepted.status).to.equal(200);
      ids.push(r.id);
    }
    const started = await crewApi.agent
      .post('/api/plans')
      .set('X-CSRF-Token', crewApi.csrf)
      .send({ ...WEEK, truckIds: [TRUCK], timeLimitSeconds: 2, seed: 3 });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    let plan = started.body as PlanDto;
    await waitFor(
      async () => {
        plan = (await crewApi.agent.get(`/api/plans/${plan.id}`)).body as PlanDto;
        return plan.status === 'done' || plan.status === 'failed';
      },
      60_000,
      'the plan to finish',
    ).catch((e: unknown) => {
      throw new Error(
        `${String(e)} ${JSON.stringify({ status: plan.status, progress: plan.progress, error: plan.error })}`,
      );
    });
    expect(plan.status, plan.error ?? '').to.equal('done');
    const published = await crewApi.agent
      .post(`/api/plans/${plan.id}/publish`)
      .set('X-CSRF-Token', crewApi.csrf)
      .send({ version: plan.version });
    expect(
      published.status,
      `${JSON.stringify(published.body)} ${JSON.stringify((await crewApi.agent.get(`/api/plans/${plan.id}`)).body.status)} ${plan.status}`,
    ).to.equal(200);

    const snap = await crewApi.agent.get(`/api/live/${TRUCK}/${DAY}`);
    expect(snap.status, JSON.stringify(snap.body)).to.equal(200);
    snapshot = snap.body as LiveDaySnapshot;
    expect(snapshot.stops.length, 'both visits on the Tuesday').to.equal(2);

    browser = await launchChromium();
    coordinator = await browser.newContext({
      viewport: DESKTOP,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      baseURL: app.baseUrl,
    });
    await coordinator.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    coordinator.on('page', (p) => p.on('pageerror', (err) => pageErrors.push(err.message)));
    const user = await createTestUser('coordinator');
    const login = await coordinator.request.post('/api/session', {
      data: { email: user.email, password: user.password },
    });
    expect(login.status()).to.equal(200);
  });

  after(async function () {
    await browser?.close();
  });

  beforeEach(function () {
    pageErrors = [];
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page && !page.isClosed()) {
      await page.screenshot({
        path: resolve(RESULTS_DIR, `live-failed-${this.currentTest.title.slice(0, 20).replace(/\W+/g, '-')}.png`),
      });
    }
  });

  it('shows the published day on the live map: planned route, both stops "Gepland", no alert; accessible', async function () {
    page = await coordinator.newPage();
    await page.goto(`/live?truck=${TRUCK}&date=${DAY}`);
    await page.getByRole('heading', { level: 1, name: 'Live kaart' }).waitFor();
    await page.locator('.live-stop').nth(1).waitFor({ timeout: 30_000 });
    await page.locator('.live-connection-live').waitFor({ timeout: 15_000 });
    expect(await page.locator('.live-stop .live-state').allTextContents()).to.deep.equal(['Gepland', 'Gepland']);
    expect(await page.locator('path.live-planned-line').count()).to.equal(1);
    expect(await page.locator('.live-stop-marker').count()).to.equal(2);
    expect(await page.getByRole('alert').filter({ hasText: /\S/ }).count()).to.equal(0);
    await page.waitForTimeout(900); // the map flies to the route
    await page.screenshot({ path: resolve(RESULTS_DIR, 'live-1-planned.png') });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
  });

  it('moves the truck as positions arrive, finishes the first stop and updates the next stop’s ETA', async function () {
    const [first, second] = [...snapshot.stops].sort((a, b) => a.order - b.order) as [
      LiveDaySnapshot['stops'][number],
      LiveDaySnapshot['stops'][number],
    ];
    const depot = snapshot.depot;
    const leave = minutes(first.plannedArrive) - 30;
    const leaveAt = `${String(Math.floor(leave / 60)).padStart(2, '0')}:${String(leave % 60).padStart(2, '0')}`;

    await sendEvent('departed', leaveAt);
    const toFirst = pointsBetween(depot, first.location!, 10);
    await sendPositions(toFirst.slice(0, 3), leaveAt, 120, 150);
    await page.locator('.truck-marker').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1600); // the glide ends
    const before = await truckBox(page);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'live-2-driving.png') });
    await sendPositions(toFirst.slice(3), leaveAt, 120, 150);
    await page.waitForTimeout(1600);
    const after = await truckBox(page);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'live-3-arriving.png') });
    expect(before).to.not.equal(null);
    expect(after).to.not.deep.equal(before);
    expect(await page.locator('path.live-driven-line').count()).to.equal(1);

    const etaBefore = await page
      .locator(`.live-stop[data-request-id="${second.requestId}"] .live-stop-eta`)
      .getAttribute('data-eta');

    await sendEvent('arrived', first.plannedArrive, first.requestId);
    await sendEvent('session_started', first.plannedStart, first.requestId);
    await page
      .locator(`.live-stop[data-request-id="${first.requestId}"] .live-state`, { hasText: 'Sessie bezig' })
      .waitFor({ timeout: 10_000 });
    // The session overran by 40 minutes; the crew reports "klaar" and drives on.
    const end = minutes(first.plannedEnd) + 40;
    const endAt = `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
    await sendEvent('finished', endAt, first.requestId);
    await page
      .locator(`.live-stop[data-request-id="${first.requestId}"] .live-state`, { hasText: 'Klaar' })
      .waitFor({ timeout: 10_000 });
    await sendPositions(pointsBetween(first.location!, second.location!, 6).slice(0, 2), endAt, 60, 150);

    const etaCell = page.locator(`.live-stop[data-request-id="${second.requestId}"] .live-stop-eta`);
    await etaCell.waitFor({ timeout: 10_000 });
    const etaAfter = await settle(
      () => etaCell.getAttribute('data-eta'),
      (v) => v !== null && v !== etaBefore,
    );
    expect(etaAfter, `ETA was ${etaBefore}`).to.not.equal(etaBefore);
    await page.waitForTimeout(1600);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'live-4-first-done.png') });
    expect(pageErrors).to.deep.equal([]);
  });

  it('replays the morning with a keyboard-operable time slider', async function () {
    const first = [...snapshot.stops].sort((a, b) => a.order - b.order)[0]!;
    await page.getByRole('button', { name: 'Dag terugkijken' }).click();
    const slider = page.getByRole('slider', { name: 'Tijdstip van de dag' });
    await slider.waitFor();
    // Ten minutes after leaving the depot: set by keyboard from the slider's start.
    const target = minutes(first.plannedArrive) - 20;
    await slider.focus();
    await page.keyboard.press('Home');
    const min = Number(await slider.getAttribute('min'));
    for (let m = min; m < target; m++) await page.keyboard.press('ArrowRight');
    const label = `${String(Math.floor(target / 60)).padStart(2, '0')}:${String(target % 60).padStart(2, '0')}`;
    await page.locator('.replay-time', { hasText: `De dag om ${label}` }).waitFor();
    await page.locator('.live-stops h2', { hasText: `Stops om ${label}` }).waitFor({ timeout: 10_000 });
    const states = await page.locator('.live-stop .live-state').allTextContents();
    expect(states[0]).to.not.equal('Klaar');
    expect(states).to.not.include('Klaar');
    await page.waitForTimeout(1600);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'live-5-replay-morning.png') });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.getByRole('button', { name: 'Terug naar live' }).click();
    await page.locator('.live-stop .live-state', { hasText: 'Klaar' }).waitFor();
    expect(pageErrors).to.deep.equal([]);
  });

  it('shows the public page (no login) with the truck and the schools only, on the tour day', async function () {
    // The public view is for today only; a second server on the same database believes it is the tour day.
    const tourNow = new Date(instantOf(DAY, minutes('12:30')).getTime());
    const publicApp = createApp({
      logger: createLogger('silent'),
      embeddedDatabase: true,
      frontendDir: resolve('dist/frontend'),
      security: { now: () => tourNow },
    });
    const server: Server = await new Promise((done) => {
      const s = publicApp.listen(0, '127.0.0.1', () => done(s));
    });
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const anonymous = await browser.newContext({ viewport: PHONE, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
      await anonymous.route(/tile\.openstreetmap\.org/, (route) => route.abort());
      const p = await anonymous.newPage();
      p.on('pageerror', (err) => pageErrors.push(err.message));
      await p.goto(`http://127.0.0.1:${port}/volg/${TRUCK}/${DAY}`);
      await p.getByRole('heading', { level: 1, name: 'Waar is de techniekwagen?' }).waitFor();
      await p.locator('.live-stop').nth(1).waitFor({ timeout: 15_000 });
      await p.locator('.truck-marker').waitFor({ timeout: 10_000 });
      const text = (await p.locator('body').textContent()) ?? '';
      expect(text).to.not.contain('@live.example.nl');
      expect(await p.locator('path.live-planned-line').count()).to.equal(0);
      await p.waitForTimeout(1000);
      await p.screenshot({ path: resolve(RESULTS_DIR, 'live-6-public-phone.png'), fullPage: true });
      expect(await seriousAxeViolations(p)).to.deep.equal([]);
      // Another day is not public.
      await p.goto(`http://127.0.0.1:${port}/volg/${TRUCK}/2027-03-17`);
      await p.locator('.notice-error', { hasText: 'geen tour te volgen' }).waitFor({ timeout: 15_000 });
      await anonymous.close();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    }
    expect(pageErrors).to.deep.equal([]);
  });

  it('lets the crew report from a phone, keeps reports made offline and sends them once when back online', async function () {
    const crewUser = await createTestUser('crew');
    const phone = await browser.newContext({
      viewport: PHONE,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      baseURL: app.baseUrl,
      hasTouch: true,
      isMobile: true,
    });
    await phone.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const login = await phone.request.post('/api/session', {
      data: { email: crewUser.email, password: crewUser.password },
    });
    expect(login.status()).to.equal(200);
    const p = await phone.newPage();
    p.on('pageerror', (err) => pageErrors.push(err.message));
    const posted: string[] = [];
    p.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes(`/api/live/${TRUCK}/${DAY}/events`))
        posted.push(r.postData() ?? '');
    });
    await p.goto(`/onderweg?date=${DAY}`);
    await p.getByRole('heading', { level: 1, name: 'Onderweg' }).waitFor();
    await p.locator('.crew-stop').nth(1).waitFor({ timeout: 15_000 });
    // The first school is done, so the buttons are about the second one.
    const second = [...snapshot.stops].sort((a, b) => a.order - b.order)[1]!;
    await p.locator('.crew-target', { hasText: second.schoolName }).waitFor();
    expect(await seriousAxeViolations(p)).to.deep.equal([]);

    await phone.setOffline(true);
    await p.getByRole('button', { name: 'Aangekomen' }).click();
    await p.getByRole('button', { name: 'Sessie gestart' }).click();
    await p.locator('.crew-queue', { hasText: 'Geen verbinding' }).waitFor({ timeout: 10_000 });
    expect(await p.locator('.crew-queue').textContent()).to.contain('2');
    await p.screenshot({ path: resolve(RESULTS_DIR, 'live-7-crew-offline.png'), fullPage: true });

    await phone.setOffline(false);
    await p.evaluate(() => window.dispatchEvent(new Event('online')));
    await p.locator('.crew-queue', { hasText: 'Alle meldingen zijn verzonden' }).waitFor({ timeout: 20_000 });
    await p
      .locator('.crew-stop', { hasText: second.schoolName })
      .locator('.live-state', { hasText: 'Sessie bezig' })
      .waitFor({ timeout: 10_000 });
    await p.screenshot({ path: resolve(RESULTS_DIR, 'live-8-crew-online.png'), fullPage: true });

    const history = await crewApi.agent.get(`/api/live/${TRUCK}/${DAY}/history`);
    const forSecond = (history.body.events as Array<{ kind: string; requestId: string | null }>).filter(
      (e) => e.requestId === second.requestId,
    );
    expect(forSecond.map((e) => e.kind)).to.deep.equal(['arrived', 'session_started']);
    await phone.close();
    expect(pageErrors).to.deep.equal([]);
  });
  it('follows a day driven by the simulator: the truck moves, stops turn "Klaar", the next ETA changes, the replay shows the morning', async function () {
    const sim = await crewApi.agent.get(`/api/live/${TRUCK}/${SIM_DAY}`);
    expect(sim.status).to.equal(200);
    const stops = [...(sim.body as LiveDaySnapshot).stops].sort((a, b) => a.order - b.order);
    expect(stops.length, 'both visits on the Thursday').to.equal(2);
    const p = await coordinator.newPage();
    await p.goto(`/live?truck=${TRUCK}&date=${SIM_DAY}`);
    await p.locator('.live-stop').nth(1).waitFor({ timeout: 30_000 });
    await p.locator('.live-connection-live').waitFor({ timeout: 15_000 });

    const driver = await createTestUser('crew');
    this.timeout(420_000);
    const lines: string[] = [];
    const started = Date.now();
    // About 450 simulated minutes at 900× real time: half a minute, or as fast as the API takes the fixes.
    const run = runSimulation({
      truck: TRUCK,
      date: SIM_DAY,
      speed: 900,
      seed: 4,
      baseUrl: app.baseUrl,
      email: driver.email,
      password: driver.password,
      log: (l) => lines.push(`${Math.round((Date.now() - started) / 1000)} s  ${l}`),
    });
    let failed: unknown = null;
    const done = run.catch((err: unknown) => {
      failed = err;
    });

    await p.locator('.truck-marker').waitFor({ timeout: 20_000 });
    await p.waitForTimeout(1500);
    const a = await truckBox(p);
    await p.screenshot({ path: resolve(RESULTS_DIR, 'sim-1-driving.png') });
    const etaCell = p.locator(`.live-stop[data-request-id="${stops[1]!.requestId}"] .live-stop-eta`);
    const etaBefore = await etaCell.getAttribute('data-eta');
    await p
      .locator(`.live-stop[data-request-id="${stops[0]!.requestId}"] .live-state`, { hasText: 'Klaar' })
      .waitFor({ timeout: 120_000 });
    const b = await truckBox(p);
    await p.screenshot({ path: resolve(RESULTS_DIR, 'sim-2-first-done.png') });
    expect(b).to.not.deep.equal(a);
    const etaAfter = await settle(
      () => etaCell.getAttribute('data-eta').catch(() => null),
      (v) => v !== null && v !== etaBefore,
      60_000,
    );
    expect(etaAfter, `ETA was ${etaBefore}`).to.not.equal(etaBefore);
    await p.screenshot({ path: resolve(RESULTS_DIR, 'sim-3-next-eta.png') });

    await done;
    expect(failed, `${String(failed)}\n${lines.join('\n')}`).to.equal(null);
    if (Date.now() - started > 120_000) console.log(lines.join('\n'));
    await p.locator('.live-stop .live-state', { hasText: 'Klaar' }).nth(1).waitFor({ timeout: 20_000 });

    await p.getByRole('button', { name: 'Dag terugkijken' }).click();
    const slider = p.getByRole('slider', { name: 'Tijdstip van de dag' });
    const morning = minutes(stops[0]!.plannedArrive) - 10;
    await slider.fill(String(morning));
    const label = `${String(Math.floor(morning / 60)).padStart(2, '0')}:${String(morning % 60).padStart(2, '0')}`;
    await p.locator('.live-stops h2', { hasText: `Stops om ${label}` }).waitFor({ timeout: 10_000 });
    expect(await p.locator('.live-stop .live-state').allTextContents()).to.not.include('Klaar');
    await p.waitForTimeout(1600);
    await p.screenshot({ path: resolve(RESULTS_DIR, 'sim-4-replay-morning.png') });
    await p.close();
    expect(pageErrors).to.deep.equal([]);
  });

  it('shows the fairness dashboard: bars with a table, a choropleth with legend, drill-down, CSV and a printable report', async function () {
    const p = await coordinator.newPage();
    await p.goto('/eerlijkheid?from=2027-03-01&to=2027-03-31');
    await p.getByRole('heading', { level: 1, name: 'Eerlijke verdeling over de regio’s' }).waitFor();
    const table = p.locator('#fair-region-table');
    await table.locator('tbody tr').nth(6).waitFor({ timeout: 20_000 });
    expect(await table.locator('tbody tr').count()).to.equal(7);
    await p.locator('path.choropleth-area').nth(6).waitFor({ timeout: 20_000 });
    const noord = table.locator('tbody tr', { hasText: 'Rotterdam-Noord' });
    // Our two visits of 16 March are in Rotterdam Noord.
    expect(Number(await noord.locator('td').nth(2).textContent())).to.be.at.least(2);
    expect(await p.locator('.gap-legend li').count()).to.equal(5);
    await p.waitForTimeout(1000);
    await p.screenshot({ path: resolve(RESULTS_DIR, 'fairness-1-regions.png'), fullPage: true });
    expect(await seriousAxeViolations(p)).to.deep.equal([]);

    await noord.getByRole('button').click();
    const municipalities = p.locator('#fair-municipality-table tbody tr');
    await municipalities.first().waitFor();
    expect(await p.locator('#fair-municipality-table caption').textContent()).to.contain('Rotterdam-Noord');
    await p.locator('#fair-school-table tbody tr').first().waitFor();
    await p.locator('#fair-drill-heading').scrollIntoViewIfNeeded();
    await p.screenshot({ path: resolve(RESULTS_DIR, 'fairness-2-drilldown.png') });

    const href = await p.getByRole('link', { name: 'CSV: regio’s' }).getAttribute('href');
    expect(href).to.equal('/api/dashboard/fairness/export?from=2027-03-01&to=2027-03-31&level=regions');
    const csv = await coordinator.request.get(href!);
    expect(csv.status()).to.equal(200);
    expect(csv.headers()['content-type']).to.contain('text/csv');

    expect(await p.locator('.fair-print-period').isVisible()).to.equal(false); // on paper only
    await p.emulateMedia({ media: 'print' });
    await p.screenshot({ path: resolve(RESULTS_DIR, 'fairness-3-print.png'), fullPage: true });
    expect(await p.locator('.fair-print-period').isVisible()).to.equal(true);
    await p.pdf({ path: resolve(RESULTS_DIR, 'fairness-report.pdf'), format: 'A4', printBackground: true });
    expect(await p.locator('.app-header').isVisible()).to.equal(false);
    await p.close();
    expect(pageErrors).to.deep.equal([]);
  });
});
