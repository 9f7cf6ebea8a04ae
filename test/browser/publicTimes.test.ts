import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { OutboxMessage } from '../../backend/models/OutboxMessage';
import type { LiveDaySnapshot } from '../../shared/api/live';
import { amsterdamInstant, parseHhmm } from '../../shared/domain/time';
import {
  RESULTS_DIR,
  ensureFrontendBuilt,
  launchChromium,
  requireChromium,
  seriousAxeViolations,
  loginThroughPage,
} from '../helpers/browser';
import { serveExtraApp, startTestApp, type ExtraServer, type TestApp } from '../helpers/app';
import { createTestUser } from '../helpers/auth';
import { fetchLogin, postJson, publishLiveDay, type FetchClient } from '../helpers/live';

const TRUCK = 'wagen-tijd';
// A day of its own (a Tuesday), so no other suite reports on it.
const DAY = '2027-05-11';
const PHONE = { width: 390, height: 900 };
const at = (hhmm: string) => amsterdamInstant(DAY, parseHhmm(hhmm));

/**
 * The public live page (/volg/…) and the live map tell one story about the time: before any position, an overdue
 * truck is "at least N minutes later" (never "op tijd" under a green "Live"), "geen positie" is said out loud, and
 * during a delay the arrival ETA, the expected session start and the minutes late add up, are the same as the API's
 * and the delay email's, and compare the session start with the session start.
 */
describe('consistent times on the public live page and the live map', function () {
  this.timeout(180_000);
  let t: TestApp;
  let browser: Browser;
  let extra: ExtraServer | undefined;
  let baseUrl: string;
  let tourNow = at('07:30');
  let crew: FetchClient;
  let emails: string[];
  let keyCounter = 0;
  const key = () => `times-${Date.now().toString(36)}-${(keyCounter++).toString(36).padStart(4, '0')}`;
  const problems: string[] = [];

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    t = await startTestApp();
    ({ emails } = await publishLiveDay(TRUCK, DAY));
    crew = await fetchLogin(t.baseUrl, 'crew');
    // The public view is for today only: a second server on the same database whose clock stands on the tour day.
    extra = await serveExtraApp({ now: () => tourNow });
    baseUrl = extra.baseUrl;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await extra?.stop();
  });

  /** The public page on a phone, with the browser's clock at `tourNow`. */
  async function publicPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    await context.clock.setFixedTime(tourNow);
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`${baseUrl}/volg/${TRUCK}/${DAY}`);
    await page.getByRole('heading', { level: 1, name: 'Waar is de techniekwagen?' }).waitFor();
    await page.locator('.live-stop').nth(1).waitFor({ timeout: 15_000 });
    return page;
  }

  const firstStop = (page: Page) => page.locator('.live-stop').first();

  it('before the tour: the planned times, and "nog geen positie" once the day is running', async () => {
    tourNow = at('07:30');
    const page = await publicPage();
    const text = (await firstStop(page).textContent()) ?? '';
    // The plan is all there is: no "expected" time that merely repeats it.
    expect(text).to.contain('Aankomst 08:15');
    expect(text).to.contain('Sessie 09:00–11:00 (op tijd)');
    expect(text).to.not.contain('verwacht');
    await page
      .locator('.live-connection[data-freshness="none"]', { hasText: 'nog geen positie ontvangen' })
      .waitFor({ timeout: 10_000 });
    await page.context().close();
  });

  it('overdue without any position: "minstens N minuten later", never "op tijd"', async () => {
    tourNow = at('08:40');
    const page = await publicPage();
    const stop = firstStop(page);
    // 08:40 and not arrived: the session cannot start before 08:40 + 45 min set-up = 09:25, 25 minutes after 09:00.
    await stop.locator('.live-stop-session', { hasText: 'begint niet vóór 09:25' }).waitFor({ timeout: 10_000 });
    const text = (await stop.textContent()) ?? '';
    expect(text).to.contain('Aankomst gepland 08:15, nog niet aangekomen');
    expect(text).to.contain('(minstens 25 minuten later)');
    expect(text).to.not.contain('op tijd');
    // The next school's time depends on this delay: "not sure yet", not "on time".
    const second = (await page.locator('.live-stop').nth(1).textContent()) ?? '';
    expect(second).to.contain('nog onzeker');
    expect(second).to.not.contain('op tijd');
    expect(await page.locator('.live-connection').getAttribute('class')).to.contain('live-connection-stale');
    expect(await page.getByRole('alert').textContent()).to.contain('nog geen positie binnengekomen');
    expect(await page.getByRole('alert').textContent()).to.contain('minstens 25 minuten later');
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'times-1-public-overdue-no-position.png'), fullPage: true });
    await page.context().close();
  });

  it('during a delay: one arrival time and one session start, the same on the page, in the API and in the email', async () => {
    // The truck left at 07:45 and is at Middelharnis (about 30 km away) at 08:40.
    expect(
      (
        await postJson(t.baseUrl, crew, `/api/live/${TRUCK}/${DAY}/events`, {
          events: [{ key: key(), at: at('07:45').toISOString(), kind: 'departed' }],
        })
      ).status,
    ).to.equal(200);
    const fix = { key: key(), at: at('08:40').toISOString(), lng: 4.165, lat: 51.757 };
    expect(
      (await postJson(t.baseUrl, crew, `/api/live/${TRUCK}/${DAY}/positions`, { positions: [fix] })).status,
    ).to.equal(200);
    const snapshot = (await (
      await fetch(`${t.baseUrl}/api/live/${TRUCK}/${DAY}`, { headers: { cookie: crew.cookie } })
    ).json()) as LiveDaySnapshot;
    const api = snapshot.stops[0]!;
    expect(api.state).to.equal('en_route');
    expect(api.lateMinutes).to.be.greaterThan(30);
    // The API's own figures add up: ETA + 45 min set-up = expected session start; that − 09:00 = minutes late.
    expect(parseHhmm(api.eta!) + 45).to.equal(parseHhmm(api.expectedStart!));
    expect(parseHhmm(api.expectedStart!) - parseHhmm('09:00')).to.equal(api.lateMinutes);

    tourNow = at('08:41');
    const page = await publicPage();
    const stop = firstStop(page);
    await stop.locator('.live-stop-eta').waitFor({ timeout: 10_000 });
    const arrival = (await stop.locator('.live-stop-eta').textContent()) ?? '';
    const session = (await stop.locator('.live-stop-session').textContent()) ?? '';
    expect(arrival).to.equal(`Aankomst gepland 08:15, verwacht ${api.eta}`);
    expect(session).to.equal(
      `Sessie gepland 09:00–11:00, begint naar verwachting ${api.expectedStart} (${api.lateMinutes} minuten later)`,
    );
    expect(await page.locator('.live-connection').getAttribute('data-freshness')).to.equal('fresh');
    expect(await page.getByRole('alert').textContent()).to.contain(`${api.lateMinutes} minuten later`);
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'times-2-public-delay.png'), fullPage: true });
    await page.context().close();

    // The school's delay email: the same session start and minutes, the same date, and the link to this page.
    const email = (await OutboxMessage.findOne({ to: emails[0], kind: 'visit_delayed' }).lean<{
      subject: string;
      text: string;
    }>())!;
    expect(email, 'delay email').to.not.equal(null);
    expect(email.subject).to.contain(api.expectedStart!);
    expect(email.text).to.contain(
      `was gepland om 09:00 en begint naar verwachting om ${api.expectedStart}, ${api.lateMinutes} minuten later`,
    );
    expect(email.text).to.contain(`/volg/${TRUCK}/${DAY}`);
    expect(email.text).to.not.contain('Nieuwe datum');
  });

  it('says "geen positie sinds" when positions stop, and the live map and the crew page show the same times as the public page', async () => {
    tourNow = at('08:50');
    const page = await publicPage();
    await page
      .locator('.live-connection[data-freshness="stale"]', { hasText: 'geen positie sinds 08:40' })
      .waitFor({ timeout: 10_000 });
    // With how long ago: the fix came at 08:40, the page's clock stands at 08:50.
    expect(await page.locator('.live-connection').textContent()).to.contain(
      'geen positie sinds 08:40 (10 min geleden)',
    );
    const publicSession = (await firstStop(page).locator('.live-stop-session').textContent()) ?? '';
    await page.screenshot({ path: resolve(RESULTS_DIR, 'times-3-public-stale.png'), fullPage: true });
    await page.context().close();

    const coordinator = await createTestUser('coordinator');
    const context = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    await context.clock.setFixedTime(tourNow);
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const map = await context.newPage();
    map.on('pageerror', (err) => problems.push(err.message));
    await loginThroughPage(map, baseUrl, coordinator, `/live?truck=${TRUCK}&date=${DAY}`);
    await map.getByRole('heading', { level: 1, name: 'Live kaart' }).waitFor();
    const mapStop = map.locator('.live-stop').first();
    await mapStop.locator('.live-stop-session').waitFor({ timeout: 15_000 });
    expect((await mapStop.locator('.live-stop-session').textContent()) ?? '').to.equal(publicSession);
    await map.locator('.live-connection', { hasText: 'geen positie sinds 08:40' }).waitFor({ timeout: 10_000 });
    expect(await seriousAxeViolations(map)).to.deep.equal([]);
    await map.screenshot({ path: resolve(RESULTS_DIR, 'times-4-live-map-stale.png') });
    await context.close();

    // The crew's phone page: the same line for the same stop.
    const driver = await createTestUser('crew');
    const phone = await browser.newContext({ viewport: PHONE, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    await phone.clock.setFixedTime(tourNow);
    await phone.addInitScript((truck) => window.localStorage.setItem('techniekwagen.crewTruck', truck), TRUCK);
    const crewPage = await phone.newPage();
    crewPage.on('pageerror', (err) => problems.push(err.message));
    await loginThroughPage(crewPage, baseUrl, driver, `/onderweg?date=${DAY}`);
    const crewStop = crewPage.locator('.crew-stop').first();
    await crewStop.locator('.live-stop-session').waitFor({ timeout: 15_000 });
    expect((await crewStop.locator('.live-stop-session').textContent()) ?? '').to.equal(publicSession);
    await crewPage.screenshot({ path: resolve(RESULTS_DIR, 'times-5-crew-page.png'), fullPage: true });
    await phone.close();
    expect(problems).to.deep.equal([]);
  });
});
