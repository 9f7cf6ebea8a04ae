import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LiveDaySnapshot, PublicLiveSnapshot } from '../../shared/api/live';
import { amsterdamInstant, parseHhmm } from '../../shared/domain/time';
import {
  RESULTS_DIR,
  ensureFrontendBuilt,
  launchChromium,
  requireChromium,
  seriousAxeViolations,
} from '../helpers/browser';
import { serveExtraApp, startTestApp, type ExtraServer, type TestApp } from '../helpers/app';
import { createTestUser } from '../helpers/auth';
import { LIVE_SCHOOLS, fetchLogin, publishLiveDay } from '../helpers/live';

const TRUCK = 'wagen-dagblad';
// A day of its own (a Tuesday), so no other suite reports on it.
const DAY = '2027-05-18';
// Screenshots go outside the repository when SCREENS_DIR is set (the lead's review folder), else under test-results.
const SCREENS = process.env.SCREENS_DIR ?? resolve(RESULTS_DIR, 'daysheet');

interface StopPlan {
  order: number;
  schoolName: string;
  plannedArrive: string;
  plannedStart: string;
  plannedEnd: string;
}
const plans = (stops: StopPlan[]) =>
  [...stops]
    .sort((a, b) => a.order - b.order)
    .map(({ order, schoolName, plannedArrive, plannedStart, plannedEnd }) => ({
      order,
      schoolName,
      plannedArrive,
      plannedStart,
      plannedEnd,
    }));

/**
 * The day sheet (/dagblad/…) reads a stop's planned arrival, set-up, session and leave from the one timing function
 * (shared/domain/visitTimes), with the same words as the crew page and the public page: for a published day, its
 * arrival and session times are the planned times the live API gives the crew page and the public page, stop by stop.
 */
describe('the day sheet tells the same planned times as the crew page and the public page', function () {
  this.timeout(180_000);
  let t: TestApp;
  let browser: Browser;
  let extra: ExtraServer | undefined;
  let publicUrl: string;
  let crewPlans: StopPlan[];
  let publicPlans: StopPlan[];
  const problems: string[] = [];

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(SCREENS, { recursive: true });
    t = await startTestApp();
    await publishLiveDay(TRUCK, DAY, LIVE_SCHOOLS);
    const crew = await fetchLogin(t.baseUrl, 'crew');
    const live = await fetch(`${t.baseUrl}/api/live/${TRUCK}/${DAY}`, { headers: { cookie: crew.cookie } });
    expect(live.status).to.equal(200);
    crewPlans = plans(((await live.json()) as LiveDaySnapshot).stops);
    expect(crewPlans.length, 'three visits published').to.equal(3);
    // The public view is for today only: a second server on the same database whose clock stands on the tour day.
    extra = await serveExtraApp({ now: () => amsterdamInstant(DAY, parseHhmm('07:00')) });
    publicUrl = extra.baseUrl;
    const pub = await fetch(`${publicUrl}/api/public/live/${TRUCK}/${DAY}`);
    expect(pub.status).to.equal(200);
    publicPlans = plans(((await pub.json()) as PublicLiveSnapshot).stops);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await extra?.stop();
  });

  afterEach(() => {
    expect(problems, 'no page errors').to.deep.equal([]);
  });

  async function crewContext(lang: 'nl' | 'en'): Promise<BrowserContext> {
    const user = await createTestUser('crew');
    const context = await browser.newContext({
      viewport: { width: 1100, height: 1400 },
      locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
      timezoneId: 'Europe/Amsterdam',
      baseURL: t.baseUrl,
    });
    await context.addInitScript((l) => window.localStorage.setItem('techniekwagen.lang', l), lang);
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const login = await context.request.post('/api/session', { data: { email: user.email, password: user.password } });
    expect(login.status()).to.equal(200);
    return context;
  }

  async function daySheet(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`/dagblad/${TRUCK}/${DAY}`);
    await page.locator('.sheet-stop').nth(2).waitFor({ timeout: 15_000 });
    return page;
  }

  /** Per stop on the day sheet: the school (heading) and the times the sheet shows. */
  async function sheetStops(page: Page) {
    // No named helper inside the page function: the test transform would wrap it in a `__name` call the page lacks.
    return page.locator('.sheet-stop').evaluateAll((items) =>
      items.map((li) => {
        const dd = li.querySelector<HTMLElement>('.sheet-stop-times')!;
        const [heading, arrive, setup, session, leave] = [
          'h2',
          '.sheet-arrive',
          '.sheet-setup',
          '.sheet-session',
          '.sheet-leave',
        ].map((sel) => li.querySelector(sel)?.textContent?.trim() ?? '');
        return {
          heading,
          arrive,
          setup,
          session,
          leave,
          plannedArrive: dd.dataset.plannedArrive,
          plannedStart: dd.dataset.plannedStart,
          plannedEnd: dd.dataset.plannedEnd,
        };
      }),
    );
  }

  it('shows, stop by stop, the planned arrival and session the crew API and the public API give (Dutch), without serious axe findings', async () => {
    // The crew page and the public page read the same planned times from the server.
    expect(publicPlans).to.deep.equal(crewPlans);
    const context = await crewContext('nl');
    const page = await daySheet(context);
    const sheet = await sheetStops(page);
    expect(sheet.length).to.equal(crewPlans.length);
    for (const [i, plan] of crewPlans.entries()) {
      const s = sheet[i]!;
      expect(s.heading, `stop ${i + 1}`).to.contain(plan.schoolName);
      expect({ arrive: s.plannedArrive, start: s.plannedStart, end: s.plannedEnd }, `stop ${i + 1}`).to.deep.equal({
        arrive: plan.plannedArrive,
        start: plan.plannedStart,
        end: plan.plannedEnd,
      });
      expect(s.arrive).to.equal(`Aankomst ${plan.plannedArrive}`);
      expect(s.session).to.equal(`Sessie ${plan.plannedStart}–${plan.plannedEnd}`);
      expect(s.setup).to.equal(`opbouwen ${parseHhmm(plan.plannedStart) - parseHhmm(plan.plannedArrive)} min`);
      expect(s.leave).to.match(/^vertrek \d\d:\d\d$/);
    }
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: resolve(SCREENS, 'daysheet-nl.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: resolve(SCREENS, 'daysheet-nl-print.png'), fullPage: true });
    expect(await page.locator('.sheet-head button').isVisible(), 'the print button is not printed').to.equal(false);
    await context.close();
  });

  it('reads the same arrival and session text as the crew page for each stop', async () => {
    const context = await crewContext('nl');
    const sheet = await sheetStops(await daySheet(context));
    const crewPage = await context.newPage();
    crewPage.on('pageerror', (err) => problems.push(err.message));
    await crewPage.goto(`/onderweg?date=${DAY}`);
    await crewPage.locator(`#crew-truck option[value="${TRUCK}"]`).waitFor({ state: 'attached', timeout: 15_000 });
    await crewPage.locator('#crew-truck').selectOption(TRUCK);
    await crewPage.locator('.crew-stop').nth(2).waitFor({ timeout: 15_000 });
    const crewTimes = await crewPage.locator('.crew-stop').evaluateAll((labels) =>
      labels.map((l) => ({
        arrive: l.querySelector('.live-stop-times')?.textContent?.trim() ?? '',
        session: l.querySelector('.live-stop-session')?.textContent?.trim() ?? '',
      })),
    );
    // Another day than today: the crew page shows the plan, as the day sheet does, in the same words; it adds only its
    // live verdict in brackets ("(op tijd)"), which the day sheet, a plan on paper, does not give.
    expect(
      crewTimes.every((c) => / \(op tijd\)$/.test(c.session)),
      JSON.stringify(crewTimes),
    ).to.equal(true);
    expect(crewTimes.map((c) => ({ arrive: c.arrive, session: c.session.replace(/ \(op tijd\)$/, '') }))).to.deep.equal(
      sheet.map((s) => ({ arrive: s.arrive, session: s.session })),
    );
    await context.close();
  });

  it('says the same in English', async () => {
    const context = await crewContext('en');
    const page = await daySheet(context);
    const sheet = await sheetStops(page);
    for (const [i, plan] of crewPlans.entries()) {
      expect(sheet[i]!.arrive).to.equal(`Arrival ${plan.plannedArrive}`);
      expect(sheet[i]!.session).to.equal(`Session ${plan.plannedStart}–${plan.plannedEnd}`);
      expect(sheet[i]!.setup).to.match(/^set-up \d+ min$/);
      expect(sheet[i]!.leave).to.match(/^departure \d\d:\d\d$/);
    }
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: resolve(SCREENS, 'daysheet-en.png'), fullPage: true });
    await context.close();
  });
});
