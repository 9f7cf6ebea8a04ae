import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
import { fetchLogin, postJson, publishLiveDay } from '../helpers/live';

const TRUCK = 'wagen-knoppen';
// A day of its own (a Thursday), so no other suite reports on it.
const DAY = '2027-05-13';

/**
 * The crew's road page guards its day-ending and pointless reports (#15): "Terug bij depot" asks once more (saying how
 * many schools are still open) before it is sent, and "Vertraagd" is off when no school is left to be late for.
 */
describe('the crew page guards "Terug bij depot" and "Vertraagd" (browser)', function () {
  this.timeout(120_000);
  let t: TestApp;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let requestIds: string[];
  const problems: string[] = [];

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    t = await startTestApp();
    ({ requestIds } = await publishLiveDay(TRUCK, DAY));
    browser = await launchChromium();
    const driver = await createTestUser('crew');
    phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    await phone.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    await phone.addInitScript((truck) => window.localStorage.setItem('techniekwagen.crewTruck', truck), TRUCK);
    page = await phone.newPage();
    page.on('pageerror', (err) => problems.push(err.message));
    await loginThroughPage(page, t.baseUrl, driver, `/onderweg?date=${DAY}`);
    await page.locator('.crew-stop').first().waitFor({ timeout: 15_000 });
  });

  after(async () => {
    await browser?.close();
  });

  const sentReports = () => page.locator('.crew-sent li').allTextContents();

  it('"Terug bij depot" asks first, with the open schools, and "Nee" sends nothing', async () => {
    await page.getByRole('button', { name: 'Terug bij depot', exact: true }).click();
    const question = page.locator('.crew-confirm');
    await question.waitFor();
    expect(await question.locator('p').textContent()).to.equal(
      'Er staan nog 2 scholen open. Toch terug bij het depot melden? De tour van vandaag is dan klaar.',
    );
    // The keyboard is on the answer, not left behind on the button.
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Ja, terug bij depot');
    await page.screenshot({ path: resolve(RESULTS_DIR, 'crew-return-confirm.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await question.getByRole('button', { name: 'Nee, nog niet' }).click();
    expect(await question.count()).to.equal(0);
    expect((await sentReports()).join(' ')).not.to.contain('Terug bij depot');
    // With schools to come, a delay can be reported.
    expect(await page.getByRole('button', { name: /^Vertraagd/ }).isEnabled()).to.equal(true);
  });

  it('once every school is done: "Vertraagd" is off, and "Terug bij depot" asks without open schools and sends', async () => {
    const crew = await fetchLogin(t.baseUrl, 'crew');
    const at = new Date(`${DAY}T15:00:00Z`).toISOString();
    const events = requestIds.map((requestId, i) => ({ key: `knoppen-done-${i}`, at, kind: 'finished', requestId }));
    expect((await postJson(t.baseUrl, crew, `/api/live/${TRUCK}/${DAY}/events`, { events })).status).to.equal(200);
    await page.reload();
    await page.getByText('Alle scholen van vandaag zijn klaar.').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('button', { name: /^Vertraagd/ }).isDisabled()).to.equal(true);
    await page.getByRole('button', { name: 'Terug bij depot', exact: true }).click();
    expect(await page.locator('.crew-confirm p').textContent()).to.equal(
      'Terug bij het depot melden? De tour van vandaag is dan klaar en het delen van de locatie stopt.',
    );
    await page.getByRole('button', { name: 'Ja, terug bij depot' }).click();
    await page.locator('.crew-sent li', { hasText: 'Terug bij depot' }).waitFor();
    expect(await page.locator('.crew-confirm').count()).to.equal(0);
    expect(problems).to.deep.equal([]);
  });
});
