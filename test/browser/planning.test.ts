import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { format, parseISO } from 'date-fns';
import { nl } from 'date-fns/locale/nl';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays } from '../../shared/domain/time';
import {
  RESULTS_DIR,
  ensureFrontendBuilt,
  launchChromium,
  requireChromium,
  seriousAxeViolations,
} from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser } from '../helpers/auth';

const DESKTOP = { width: 1400, height: 900 };
const PHONE = { width: 390, height: 844 };
const TRUCK = 'wagen-1';

/**
 * A picture of the whole page: the app scrolls inside `.page-scroll` (the header stays put), so Playwright's
 * fullPage cannot see it; the viewport is made as tall as the content for the shot.
 */
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

/**
 * The whole way of one request: a school asks for a visit through the public form, the crew accepts it in the
 * inbox, makes a plan ("Plan maken", progress bar), moves the visit (one move fits, one is refused), publishes,
 * prints the day sheet, and the school's status page shows the date.
 */
describe('request to published visit in a browser', function () {
  this.timeout(180_000);

  let app: TestApp;
  let browser: Browser;
  let school: BrowserContext;
  let crew: BrowserContext;
  let pageErrors: string[] = [];
  // What the steps hand on to each other.
  let monday = '';
  let reference = '';
  let statusPath = '';
  let plannedDate = '';
  let daySheetPath = '';

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    app = await startTestApp();
    browser = await launchChromium();
    // bypassCSP: the app's CSP (rightly) forbids inline scripts, and axe-core is injected as one.
    const options = {
      viewport: DESKTOP,
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
    // The crew logs in through the API in its own browser context, which keeps the session and CSRF cookies.
    const user = await createTestUser('crew');
    const login = await crew.request.post('/api/session', { data: { email: user.email, password: user.password } });
    expect(login.status()).to.equal(200);
  });

  after(async function () {
    await browser?.close();
  });

  beforeEach(function () {
    pageErrors = [];
  });

  it('a school fills in the form, sees field errors with nothing lost, and gets a reference and status link', async function () {
    const page = await school.newPage();
    await page.goto('/aanvragen');
    await page.getByRole('heading', { level: 1, name: 'Een bezoek van de techniekwagen aanvragen' }).waitFor();

    await page.getByLabel('Zoek uw school').fill('Wolfert');
    await page.locator('.school-results button').first().waitFor();
    await page.locator('.school-results button').first().click();
    await page.locator('.chosen-school').waitFor();

    await page.getByLabel('Naam', { exact: false }).first().fill('Fatima de Vries');
    await page.getByLabel('E-mailadres').fill('geen-emailadres');
    await page.getByLabel('Telefoonnummer').fill('010 123 45 67');
    await page.getByLabel('Aantal leerlingen').fill('24');
    await page.getByLabel('Aantal klassen').fill('1');
    await page.getByLabel('vmbo basis').check();
    await page.getByLabel('vmbo kader').check();
    await page.getByLabel('Programmeren').check();
    await page.getByLabel('VR en AR').check();
    await page.getByLabel('2 uur').check();
    await page.getByLabel('Opmerkingen').fill('Parkeren kan op het schoolplein, ingang Hoofdweg.');

    // The first week without any holiday, and the week after it must exist in the list too.
    const weeks = page.locator('.week-cell:not(.is-closed)');
    await weeks.first().waitFor();
    const count = await weeks.count();
    for (let i = 0; i < count && !monday; i++) {
      const cell = weeks.nth(i);
      // No holiday note in the week (the occupancy note is not about holidays), and no visit booked yet.
      const holidays = await cell.locator('.week-info').evaluate((el) =>
        [...el.childNodes]
          .filter((n) => !(n instanceof HTMLElement && n.classList.contains('week-occupancy')))
          .map((n) => n.textContent ?? '')
          .join('')
          .trim(),
      );
      const occupancy = await cell.locator('.week-occupancy').allTextContents();
      if (holidays === '' && (occupancy.length === 0 || /: 0 van /.test(occupancy[0]!)))
        monday = (await cell.locator('input').getAttribute('value')) ?? '';
    }
    expect(monday).to.match(/^\d{4}-\d{2}-\d{2}$/);
    await page.locator(`.week-grid input[value="${monday}"]`).check();
    // A day the school cannot: the Friday of that week.
    await page.locator(`#req-excludedDates-${addDays(monday, 4)}`).check();
    await fullShot(page, 'request-form.png');

    // A wrong email: the error is shown next to the field and in the summary, and everything typed stays.
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).to.contain('E-mailadres');
    expect(await page.locator('#req-contact-email-error').textContent()).to.contain('geldig e-mailadres');
    expect(await page.getByLabel('E-mailadres').getAttribute('aria-invalid')).to.equal('true');
    expect(await page.getByLabel('Aantal leerlingen').inputValue()).to.equal('24');
    expect(await page.getByLabel('Opmerkingen').inputValue()).to.contain('schoolplein');
    expect(await page.locator(`.week-grid input[value="${monday}"]`).isChecked()).to.equal(true);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'request-form-error.png') });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);

    await page.getByLabel('E-mailadres').fill('f.devries@school.example');
    await page.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await page.getByRole('heading', { name: 'Uw aanvraag is ontvangen' }).waitFor();
    reference = (await page.getByTestId('reference').textContent()) ?? '';
    expect(reference).to.match(/^TW-\d{4}-\d{4}$/);
    const statusUrl = await page.getByLabel('Uw statuslink').inputValue();
    statusPath = new URL(statusUrl).pathname;
    expect(statusPath).to.match(/^\/status\/[\w-]{20,}$/);
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'request-sent.png') });

    // The honeypot is out of sight and out of the accessibility tree.
    await page.goto('/aanvragen');
    await page.getByRole('button', { name: 'Aanvraag versturen' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Website' }).count()).to.equal(0);
    expect(pageErrors).to.deep.equal([]);
    await page.close();
  });

  it('the status page shows the request as submitted, on a phone too', async function () {
    const page = await school.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(statusPath);
    await page.getByRole('heading', { name: 'Status van uw aanvraag' }).waitFor();
    expect(await page.locator('.status-now').textContent()).to.contain('Ingediend');
    expect(await page.locator('.reference').textContent()).to.contain(reference);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).to.be.at.most(PHONE.width);
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await fullShot(page, 'status-submitted-phone.png');
    await page.close();
  });

  it('asks anyone not logged in to log in before the inbox', async function () {
    const page = await school.newPage();
    await page.goto('/inbox');
    await page.getByRole('link', { name: 'Naar inloggen' }).waitFor();
    expect(await page.getByRole('link', { name: 'Naar inloggen' }).getAttribute('href')).to.contain('next=%2Finbox');
    await page.close();
  });

  it('the crew accepts the request in the inbox', async function () {
    const page = await crew.newPage();
    await page.goto('/inbox');
    const card = page.locator('.request-card', { hasText: reference });
    await card.waitFor();
    expect(await seriousAxeViolations(page)).to.deep.equal([]);

    // Declining needs a reason: the dialog refuses an empty one, and can be closed without declining.
    await card.getByRole('button', { name: `Afwijzen ${reference}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Afwijzen' }).click();
    await dialog.getByText('Geef een reden van minstens 3 tekens.').waitFor();
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await dialog.getByRole('button', { name: 'Annuleren' }).click();

    await card.getByRole('button', { name: `Accepteren ${reference}` }).click();
    await page.getByText(`${reference} is geaccepteerd.`).waitFor({ state: 'attached' });
    await card.locator('.status-badge', { hasText: 'Geaccepteerd' }).waitFor();
    expect(pageErrors).to.deep.equal([]);
    await page.close();
  });

  it('the crew makes a plan, moves the visit (one move fits, one is refused) and publishes it', async function () {
    const page = await crew.newPage();
    await page.goto('/planning');
    await page.getByRole('button', { name: 'Plan maken' }).waitFor();
    await page.getByLabel('Eerste dag').fill(monday);
    await page.getByLabel('Laatste dag').fill(addDays(monday, 11));
    await page.getByRole('button', { name: 'Plan maken' }).click();

    const bar = page.getByRole('progressbar');
    await bar.waitFor();
    const value = Number(await bar.getAttribute('aria-valuenow'));
    expect(value).to.be.within(0, 100);
    expect(await seriousAxeViolations(page)).to.deep.equal([]);

    const card = page.locator(`.visit-card[data-request="${reference}"]`);
    await card.waitFor({ timeout: 90_000 });
    expect(await bar.count()).to.equal(0);
    const fromCell = await card.evaluate((el) => el.closest('[data-cell]')!.getAttribute('data-cell')!);
    const fromDate = fromCell.split('|')[1]!;
    expect(fromDate >= monday && fromDate <= addDays(monday, 3)).to.equal(true);

    // Drag it to an empty day of the same week (its Friday is excluded by the school).
    let target = '';
    for (const d of [0, 1, 2, 3].map((i) => addDays(monday, i))) {
      if (d === fromDate) continue;
      if ((await page.locator(`[data-cell="${TRUCK}|${d}"] .visit-card`).count()) === 0) {
        target = d;
        break;
      }
    }
    expect(target, 'an empty day in the request week').to.not.equal('');
    await card.dragTo(page.locator(`td[data-cell="${TRUCK}|${target}"]`));
    const notice = page.getByTestId('board-notice');
    await notice.filter({ hasText: 'staat nu op' }).waitFor();
    await page.locator(`[data-cell="${TRUCK}|${target}"] .visit-card[data-request="${reference}"]`).waitFor();
    plannedDate = target;

    // The keyboard way, to a day outside the request's weeks: refused with the reason, and it stays put.
    const outside = addDays(monday, 8);
    await page
      .locator(`.visit-card[data-request="${reference}"]`)
      .getByRole('button', { name: /Verplaats naar/ })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Naar dag en wagen').selectOption(`${TRUCK}|${outside}`);
    await dialog.getByRole('button', { name: 'Verplaatsen' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Dat past niet' });
    await refusal.waitFor();
    expect((await refusal.locator('li').count()) > 0, 'the refusal says why').to.equal(true);
    await page.locator(`[data-cell="${TRUCK}|${target}"] .visit-card[data-request="${reference}"]`).waitFor();

    // Figures and the region bars are there; the chosen day's route is on the map.
    await page.locator(`[data-cell="${TRUCK}|${target}"]`).getByRole('button', { name: /Route/ }).click();
    await page.locator('.route-stop-marker').first().waitFor();
    expect(await page.locator('.figures-table').textContent()).to.contain('Rijtijd');
    expect(await page.locator('.bar-row').count()).to.be.greaterThan(0);
    await page.waitForTimeout(800); // the map settles on the route
    await fullShot(page, 'planning-board.png');
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.getByRole('button', { name: 'Maand' }).click();
    await page.locator('.month-view').waitFor();
    expect(await page.locator(`.month-view .visit-card[data-request="${reference}"]`).count()).to.equal(1);
    await fullShot(page, 'planning-month.png');
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.getByRole('button', { name: 'Week' }).click();

    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.getByRole('button', { name: 'Ja, publiceren' }).click();
    const report = page.getByTestId('publish-report');
    await report.waitFor();
    expect(await report.textContent()).to.match(/[1-9]\d* bezoeken nieuw ingepland/);
    const link = report.getByRole('link', {
      name: new RegExp(format(parseISO(target), 'd MMMM yyyy', { locale: nl })),
    });
    daySheetPath = (await link.getAttribute('href')) ?? '';
    expect(daySheetPath).to.equal(`/dagblad/${TRUCK}/${target}`);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'planning-published.png') });
    expect(pageErrors).to.deep.equal([]);
    await page.close();
  });

  it('the day sheet lists the visit with times, address, contact and what was booked', async function () {
    const page = await crew.newPage();
    await page.goto(daySheetPath);
    const stop = page.locator('.sheet-stop', { hasText: reference });
    await stop.waitFor();
    const text = (await stop.textContent()) ?? '';
    expect(text).to.contain('Fatima de Vries');
    expect(text).to.contain('010 123 45 67');
    expect(text).to.contain('schoolplein');
    expect(text).to.contain('Programmeren');
    expect(text).to.contain('24 leerlingen');
    await page.locator('.route-stop-marker').first().waitFor();
    await page.waitForTimeout(800);
    await fullShot(page, 'day-sheet.png');
    await page.emulateMedia({ media: 'print' });
    await fullShot(page, 'day-sheet-print.png');
    // The shared print layout (styles.css): no app header, no print button.
    expect(await page.locator('.app-header').isVisible()).to.equal(false);
    expect(await page.locator('.sheet-head .no-print').isVisible()).to.equal(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
    await page.close();
  });

  it("the school's status page shows the planned date", async function () {
    const page = await school.newPage();
    await page.goto(statusPath);
    const date = page.getByTestId('visit-date');
    await date.waitFor();
    expect(await date.textContent()).to.contain(format(parseISO(plannedDate), 'd MMMM yyyy', { locale: nl }));
    expect(await page.locator('.status-now').textContent()).to.contain('Ingepland');
    expect(await page.getByRole('link', { name: /agenda/ }).getAttribute('href')).to.match(/\/visit\.ics$/);
    await fullShot(page, 'status-planned.png');
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
    await page.close();
  });
});
