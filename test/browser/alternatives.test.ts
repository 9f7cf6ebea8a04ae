import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { importInstance } from '../../backend/services/importInstance';
import {
  RESULTS_DIR,
  ensureFrontendBuilt,
  launchChromium,
  requireChromium,
  seriousAxeViolations,
} from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser } from '../helpers/auth';

/** The page's full height in one picture (the app scrolls inside .page-scroll). */
async function fullShot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  const height = await page.evaluate(() => {
    const scroller = document.querySelector('.page-scroll');
    const header = document.querySelector('.app-header');
    return (scroller?.scrollHeight ?? document.body.scrollHeight) + (header?.getBoundingClientRect().height ?? 0);
  });
  await page.setViewportSize({ width: size.width, height: Math.min(Math.ceil(height) + 4, 8000) });
  await page.waitForTimeout(400);
  await page.screenshot({ path: resolve(RESULTS_DIR, name) });
  await page.setViewportSize(size);
}

/** The term-q1 requests: make a plan with alternatives, compare them, choose "meeste scholen" with a note, publish it. */
describe('alternatives on the planning board in a browser', function () {
  this.timeout(400_000);
  let app: TestApp;
  let browser: Browser;
  let crew: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const instance = JSON.parse(readFileSync('bench/instances/rijnmond-term-q1-s11.json', 'utf8'));

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    app = await startTestApp();
    for (const name of ['requests', 'truckDays', 'plans']) await app.db.connection.db!.collection(name).deleteMany({});
    await importInstance(instance);
    browser = await launchChromium();
    crew = await browser.newContext({
      viewport: { width: 1400, height: 900 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
      baseURL: app.baseUrl,
      bypassCSP: true,
    });
    await crew.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    crew.on('page', (p) => p.on('pageerror', (err) => pageErrors.push(err.message)));
    const user = await createTestUser('crew');
    const login = await crew.request.post('/api/session', { data: { email: user.email, password: user.password } });
    expect(login.status()).to.equal(200);
    page = await crew.newPage();
  });

  after(async function () {
    await browser?.close();
    for (const name of ['requests', 'plans', 'truckDays']) await app?.db.connection.db!.collection(name).deleteMany({});
    await app?.db.connection
      .db!.collection('calendar')
      .deleteMany({ kind: 'truck_unavailable', note: { $regex: instance.name } });
  });

  it('makes a plan with alternatives and shows them side by side with figures, bars and sentences', async function () {
    await page.goto('/planning');
    await page.getByRole('button', { name: 'Plan maken' }).waitFor();
    await page.getByLabel('Eerste dag').fill(instance.horizon.from);
    await page.getByLabel('Laatste dag').fill(instance.horizon.to);
    const box = page.getByLabel('Ook alternatieven');
    expect(await box.isChecked()).to.equal(true);
    await page.getByRole('button', { name: 'Plan maken' }).click();
    const panel = page.getByTestId('alternatives');
    await panel.waitFor({ timeout: 360_000 });
    const cards = panel.locator('article.alt-card');
    const kinds = await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).to.include.members(['balanced', 'most-schools']);
    const most = panel.locator('article[data-kind="most-schools"]');
    const sentence = await most.locator('.alt-sentence').innerText();
    expect(sentence).to.match(/^\d+ scholen? meer; /);
    expect(sentence).to.match(/km (minder|meer)\.$/);
    expect(await most.locator('.bar-row').count()).to.be.greaterThan(3);
    await panel.locator('article[data-kind="balanced"]').getByText('dit is nu het plan').waitFor();
    await fullShot(page, 'alternatives-compare.png');
    await panel.screenshot({ path: resolve(RESULTS_DIR, 'alternatives-panel.png') });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
  });

  it('chooses "meeste scholen" with a note, and publishes it', async function () {
    const panel = page.getByTestId('alternatives');
    const most = panel.locator('article[data-kind="most-schools"]');
    const served = Number((await most.locator('dd').first().innerText()).split(' ')[0]);
    await most.getByRole('button', { name: 'Kies “Meeste scholen”' }).click();
    await most
      .getByLabel('Waarom dit plan? (de coördinator ziet dit)')
      .fill('Tien scholen meer; de eilanden krijgen voorrang in het volgende kwartaal.');
    await most.getByRole('button', { name: 'Kies dit plan' }).click();
    await page.getByTestId('board-notice').getByText('“Meeste scholen” is nu het plan.').waitFor();
    await page.getByTestId('chosen-alternative').getByText('Gekozen alternatief: Meeste scholen').waitFor();
    await most.getByText('gekozen').waitFor();
    await fullShot(page, 'alternatives-chosen.png');
    await page.locator('.plan-header').screenshot({ path: resolve(RESULTS_DIR, 'alternatives-chosen-header.png') });
    await panel.screenshot({ path: resolve(RESULTS_DIR, 'alternatives-chosen-panel.png') });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);

    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByRole('button', { name: 'Ja, publiceren' }).click();
    const report = page.getByTestId('publish-report');
    await report.waitFor({ timeout: 120_000 });
    expect(await report.innerText()).to.contain(String(served));
    expect(await page.getByTestId('chosen-alternative').innerText()).to.contain('eilanden krijgen voorrang');
    await fullShot(page, 'alternatives-published.png');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.evaluate(() => document.querySelector('.page-scroll')?.scrollTo(0, 0));
    await page.screenshot({ path: resolve(RESULTS_DIR, 'alternatives-published-top.png') });
    const visits = (await app.db.connection.db!.collection('truckDays').find({}).toArray()).reduce(
      (n, d) => n + (d.stops as unknown[]).length,
      0,
    );
    expect(visits).to.equal(served);
    expect(pageErrors).to.deep.equal([]);
  });

  it('"Wat als…" with a second truck plans the same requests beside the published plan, without publishing', async function () {
    const publishedId = new URL(page.url()).searchParams.get('plan');
    await page.getByLabel('Wijziging').selectOption('second-truck');
    await page.getByLabel('Tweede wagen vanaf').fill('2027-02-01');
    await page.getByLabel('Tweede wagen tot en met').fill('2027-03-12');
    await page.getByRole('button', { name: 'Doorrekenen' }).click();
    await page.getByTestId('whatif-note').waitFor({ timeout: 240_000 });
    await page.locator('.figures-table').first().waitFor({ timeout: 240_000 });
    expect(new URL(page.url()).searchParams.get('compare')).to.equal(publishedId);
    expect(await page.getByRole('button', { name: 'Publiceren' }).count()).to.equal(0);
    await fullShot(page, 'alternatives-whatif.png');
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.evaluate(() => document.querySelector('.page-scroll')?.scrollTo(0, 0));
    await page.screenshot({ path: resolve(RESULTS_DIR, 'alternatives-whatif-top.png') });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
  });
});
