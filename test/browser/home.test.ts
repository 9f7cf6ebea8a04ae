import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import {
  RESULTS_DIR,
  ensureFrontendBuilt,
  launchChromium,
  requireChromium,
  seriousAxeViolations,
  settle,
} from '../helpers/browser';
import { startTestApp } from '../helpers/app';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const REGION_COUNT = 7;
const MIN_SCHOOL_MARKERS = 190;

describe('home page in a browser', function () {
  this.timeout(120_000);

  let app: Awaited<ReturnType<typeof startTestApp>> | undefined;
  let browser: Browser | undefined;
  let pageErrors: string[] = [];

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    app = await startTestApp();
    browser = await launchChromium();
  });

  // The app is shared by every suite of the run; the root hook in test/setup.ts stops it.
  after(async function () {
    await browser?.close();
  });

  beforeEach(function () {
    pageErrors = [];
  });

  /** Opens a page (Dutch, no stored language) with OSM tiles blocked, and waits for the school markers. */
  async function openHome(viewport: { width: number; height: number }, path = '/'): Promise<Page> {
    const context = await browser!.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    // No internet here: tile requests must fail fast instead of hanging.
    await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    await page.goto(`${app!.baseUrl}${path}`);
    // Schools, regions and outlines arrive in separate responses; wait for both kinds of shapes.
    await page.locator('path.school-marker').first().waitFor({ timeout: 30_000 });
    await page.locator('path.region-area').first().waitFor({ timeout: 30_000 });
    await page.locator('.depot-marker').first().waitFor({ timeout: 30_000 });
    return page;
  }

  async function countListItems(page: Page): Promise<number> {
    return page.locator('.school-list > li').count();
  }

  it('draws the seven region polygons and at least 190 school markers', async function () {
    const page = await openHome(DESKTOP);
    expect(await page.locator('path.region-area').count()).to.equal(REGION_COUNT);
    expect(await page.locator('path.school-marker').count()).to.be.at.least(MIN_SCHOOL_MARKERS);
    expect(await page.locator('.depot-marker').count()).to.equal(1);
    expect(await countListItems(page)).to.be.at.least(MIN_SCHOOL_MARKERS);
    expect(await page.locator('html').getAttribute('lang')).to.equal('nl');
    await page.waitForTimeout(1000); // the map settles on the regions
    await page.screenshot({ path: resolve(RESULTS_DIR, 'home-desktop.png') });
    expect(pageErrors).to.deep.equal([]);
    await page.context().close();
  });

  it('shrinks the list and the markers when a region is chosen, and puts it in the URL', async function () {
    const page = await openHome(DESKTOP);
    const allItems = await countListItems(page);
    const allMarkers = await page.locator('path.school-marker').count();

    await page.getByLabel('Regio', { exact: true }).selectOption('barendrecht-ridderkerk');
    const items = await settle(
      () => countListItems(page),
      (n) => n < allItems,
    );
    expect(items).to.be.lessThan(allItems);
    const markers = await page.locator('path.school-marker').count();
    expect(items).to.be.greaterThan(0);
    expect(markers).to.be.greaterThan(0).and.lessThan(allMarkers);
    expect(await page.locator('path.school-marker.region-barendrecht-ridderkerk').count()).to.equal(markers);
    expect(page.url()).to.contain('region=barendrecht-ridderkerk');
    expect(await page.locator('.school-count').textContent()).to.contain(`${items} van`);

    // Choosing a school in the list opens its popup on the map.
    await page.waitForTimeout(800); // the map flies to the region first
    await page.locator('.school-item').first().click();
    await page.locator('.leaflet-popup').waitFor();
    await page.waitForTimeout(1000); // let the fly-to-region and popup fade finish before the picture
    await page.screenshot({ path: resolve(RESULTS_DIR, 'home-region-filter.png') });
    expect(pageErrors).to.deep.equal([]);
    await page.context().close();
  });

  it('opens a shared link with the filter applied', async function () {
    const page = await openHome(DESKTOP, '/?region=rotterdam-zuid&type=vmbo');
    expect(await page.getByLabel('Regio', { exact: true }).inputValue()).to.equal('rotterdam-zuid');
    const markers = page.locator('path.school-marker');
    expect(await markers.count()).to.equal(await page.locator('path.school-marker.region-rotterdam-zuid').count());
    expect(await countListItems(page)).to.be.lessThan(MIN_SCHOOL_MARKERS);
    await page.context().close();
  });

  it('lists a school without a location as "locatie onbekend", without a marker', async function () {
    const page = await openHome(DESKTOP);
    await page.getByLabel('Zoek een school', { exact: true }).fill('Mathenesse');
    const unknown = page.locator('.school-list > li', { hasText: 'locatie onbekend' });
    await unknown.first().waitFor();
    expect(await unknown.count()).to.equal(1);
    expect(await page.locator('path.school-marker').count()).to.equal((await countListItems(page)) - 1);
    await page.context().close();
  });

  it('has no serious or critical accessibility violations (axe-core)', async function () {
    const page = await openHome(DESKTOP);
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.context().close();
  });

  it('works on a phone-sized screen', async function () {
    const page = await openHome(PHONE);
    expect(await page.locator('path.region-area').count()).to.equal(REGION_COUNT);
    expect(await page.locator('path.school-marker').count()).to.be.at.least(MIN_SCHOOL_MARKERS);
    // Nothing sticks out sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(PHONE.width);

    const allItems = await countListItems(page);
    await page.getByLabel('Regio', { exact: true }).selectOption('capelle-oostland');
    expect(
      await settle(
        () => countListItems(page),
        (n) => n < allItems,
      ),
    ).to.be.lessThan(allItems);
    await page.waitForTimeout(1000);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'home-phone.png') });

    // The bottom sheet folds away to give the map the screen, and comes back.
    const toggle = page.getByRole('button', { name: 'Lijst verbergen' });
    await toggle.click();
    expect(
      await settle(
        () => page.locator('.school-list').isVisible(),
        (v) => !v,
      ),
    ).to.equal(false);
    await page.getByRole('button', { name: 'Lijst tonen' }).click();
    expect(
      await settle(
        () => page.locator('.school-list').isVisible(),
        (v) => v,
      ),
    ).to.equal(true);

    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
    await page.context().close();
  });

  it('switches the visible text to English and remembers the choice', async function () {
    const page = await openHome(DESKTOP);
    expect(await page.locator('h1').textContent()).to.equal('Scholen in Rijnmond');
    await page.getByRole('button', { name: 'English' }).click();
    expect(
      await settle(
        () => page.locator('h1').textContent(),
        (t) => t === 'Schools in Rijnmond',
      ),
    ).to.equal('Schools in Rijnmond');
    expect(await page.getByLabel('Region', { exact: true }).isVisible()).to.equal(true);
    expect(await page.getByLabel('Search for a school', { exact: true }).isVisible()).to.equal(true);
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');

    await page.reload();
    await page.locator('path.region-area').first().waitFor();
    await page.waitForTimeout(1000); // the map settles on the regions
    expect(await page.locator('h1').textContent()).to.equal('Schools in Rijnmond');
    await page.screenshot({ path: resolve(RESULTS_DIR, 'home-english.png') });
    await page.context().close();
  });
});
