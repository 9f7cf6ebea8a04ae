import { mkdirSync } from 'node:fs';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Role } from '../../shared/api/auth';
import {
  ensureFrontendBuilt,
  launchChromium,
  requireChromium,
  seriousAxeViolations,
  loginThroughPage,
} from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser } from '../helpers/auth';

/** Screenshots of this suite (outside the repository, for the lead to look at). */
const SCREENS = process.env.UX_SCREENS_DIR ?? '';
const VIEWPORTS = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;
type Viewer = Role | 'anonymous';
/** What each viewer's header menu offers (paths), derived by hand from the server's permission table. */
const EXPECTED: Record<Exclude<Viewer, 'admin'>, string[]> = {
  anonymous: ['/aanvragen'],
  school: ['/aanvragen', '/mijn-aanvragen'],
  coordinator: ['/planning', '/live', '/eerlijkheid'],
  crew: ['/aanvragen', '/inbox', '/planning', '/live', '/onderweg', '/eerlijkheid'],
};
const GATE_TEXTS = /Geen toegang|No access|Inloggen nodig|Log eerst in/;

describe('navigation per role, skip link and focus (browser)', function () {
  this.timeout(300_000);
  let t: TestApp;
  let browser: Browser;
  let problems: string[] = [];

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    if (SCREENS) mkdirSync(SCREENS, { recursive: true });
    t = await startTestApp();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(() => {
    problems = [];
  });

  /** A Dutch browser context, logged in as `viewer` through the login page (none for anonymous). */
  async function contextFor(viewer: Viewer): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: VIEWPORTS.desktop,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    if (viewer !== 'anonymous') {
      const user = await createTestUser(viewer);
      await loginThroughPage(page, t.baseUrl, user);
      await page.waitForURL((url) => url.pathname !== '/inloggen');
    }
    return { context, page };
  }

  /** The header's menu links (not the skip links), once the session is known. */
  async function menuLinks(page: Page, viewer: Viewer): Promise<string[]> {
    const header = page.locator('header.app-header');
    if (viewer === 'anonymous') await header.getByRole('link', { name: 'Inloggen' }).waitFor();
    else await header.getByRole('button', { name: 'Uitloggen' }).waitFor();
    const links = header.locator('nav:not(.skip-links) a');
    const hrefs: string[] = [];
    for (let i = 0; i < (await links.count()); i++) {
      const link = links.nth(i);
      expect(await link.isVisible(), `link ${i} is visible`).to.equal(true);
      hrefs.push((await link.getAttribute('href'))!);
    }
    return hrefs;
  }

  for (const viewer of Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]) {
    it(`${viewer}: the menu shows ${EXPECTED[viewer].join(', ')} and every link opens a page without "Geen toegang" (1366×768 and 390×844)`, async () => {
      const { context, page } = await contextFor(viewer);
      for (const [name, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport);
        await page.goto(`${t.baseUrl}/`);
        const hrefs = await menuLinks(page, viewer);
        expect(hrefs, `${name} menu`).to.deep.equal(EXPECTED[viewer]);
        if (SCREENS)
          await page.locator('header.app-header').screenshot({ path: `${SCREENS}/header-${viewer}-${name}.png` });
        for (const href of hrefs) {
          await page.goto(`${t.baseUrl}${href}`);
          await page.locator('main h1').first().waitFor({ timeout: 30_000 });
          const text = await page.locator('main').innerText();
          expect(text, `${viewer} ${href}`).to.not.match(GATE_TEXTS);
          expect(await seriousAxeViolations(page), `${viewer} ${href} (${name})`).to.deep.equal([]);
        }
      }
      expect(problems).to.deep.equal([]);
      await context.close();
    });
  }

  it('the skip link "Naar de inhoud" is first in tab order and moves focus to main, on every kind of page', async () => {
    const { context, page } = await contextFor('anonymous');
    for (const path of ['/', '/aanvragen', '/inloggen', '/planning']) {
      await page.goto(`${t.baseUrl}${path}`);
      await page.locator('main h1, main h2').first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent), path).to.equal('Naar de inhoud');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id), path).to.equal('inhoud');
      // Skip links point only at what the page has.
      const targets = await page.locator('.skip-links a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
      for (const target of targets) expect(await page.locator(target).count(), `${path} ${target}`).to.equal(1);
      if (path !== '/') expect(targets).to.deep.equal(['#inhoud']);
    }
    await context.close();
  });

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`choosing a school with Enter keeps focus out of <body> (home list and request form, ${name})`, async () => {
      const { context, page } = await contextFor('anonymous');
      await page.setViewportSize(viewport);
      await page.goto(`${t.baseUrl}/`);
      const item = page.locator('.school-item').first();
      await item.waitFor({ timeout: 30_000 });
      await item.focus();
      await page.keyboard.press('Enter');
      await page.locator('.school-list li.is-selected').waitFor();
      await page.waitForTimeout(500);
      expect(await page.evaluate(() => document.activeElement?.tagName), 'home list').to.not.equal('BODY');
      if (SCREENS && name === 'desktop') await page.screenshot({ path: `${SCREENS}/home-${name}.png` });

      await page.goto(`${t.baseUrl}/aanvragen`);
      await page.getByLabel(/Zoek uw school/i).fill('Rotterdam');
      const result = page.locator('.school-result').first();
      await result.waitFor();
      await result.focus();
      await page.keyboard.press('Enter');
      await page.locator('.chosen-school').waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName), 'request form').to.not.equal('BODY');
      expect(problems).to.deep.equal([]);
      await context.close();
    });
  }

  it('the home page says what the techniekwagen is and offers "Bezoek aanvragen"', async () => {
    const { context, page } = await contextFor('anonymous');
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await page.goto(`${t.baseUrl}/`);
      const intro = page.locator('main .home-intro');
      await intro.waitFor({ timeout: 30_000 });
      expect(await intro.innerText()).to.match(/techniekwagen/i);
      const cta = intro.getByRole('link', { name: 'Bezoek aanvragen' });
      expect(await cta.isVisible(), name).to.equal(true);
      expect(await cta.getAttribute('href')).to.equal('/aanvragen');
      await page.locator('path.school-marker').first().waitFor({ timeout: 30_000 });
      expect(await seriousAxeViolations(page), name).to.deep.equal([]);
      if (SCREENS) await page.screenshot({ path: `${SCREENS}/home-intro-${name}.png` });
    }
    await context.close();
  });
  it('the request form: an empty submit lists every missing field including the school; too long remarks are refused with a message', async () => {
    const { context, page } = await contextFor('anonymous');
    await page.goto(`${t.baseUrl}/aanvragen`);
    const submit = page.getByRole('button', { name: /versturen|verzenden/i });
    await submit.waitFor({ timeout: 30_000 });
    await submit.click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    const items = await summary.locator('li').allInnerTexts();
    expect(
      items.some((i) => i.startsWith('School')),
      items.join(' | '),
    ).to.equal(true);
    expect(await summary.locator('h2').innerText()).to.equal(`Controleer ${items.length} veld(en)`);
    if (SCREENS) await page.screenshot({ path: `${SCREENS}/form-empty-submit.png` });

    const remarks = page.getByLabel(/^Opmerkingen/);
    await remarks.fill('x'.repeat(2001));
    expect((await remarks.inputValue()).length, 'not cut').to.equal(2001);
    await page.getByText('(2.001 van 2.000 tekens)').waitFor();
    await submit.click();
    await page
      .locator('.error-summary li')
      .filter({ hasText: 'De opmerkingen zijn te lang: hoogstens 2000 tekens.' })
      .waitFor();
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await context.close();
  });
});
