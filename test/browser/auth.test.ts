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
} from '../helpers/browser';
import { startTestApp, type TestApp } from '../helpers/app';
import { createTestUser, uniqueEmail } from '../helpers/auth';

const DESKTOP = { width: 1280, height: 800 };

describe('accounts in a browser', function () {
  this.timeout(120_000);
  let t: TestApp;
  let browser: Browser | undefined;
  let problems: string[] = [];

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    t = await startTestApp();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
  });

  beforeEach(() => {
    problems = [];
  });

  /** A fresh page (Dutch); page errors and CSP violations are collected as problems. */
  async function newPage(): Promise<Page> {
    const context = await browser!.newContext({ viewport: DESKTOP, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
    });
    await page.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    return page;
  }

  async function logIn(page: Page, email: string, password: string): Promise<void> {
    await page.goto(`${t.baseUrl}/inloggen`);
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  }

  it('shows a clear error for a wrong password and keeps the typed email', async () => {
    const u = await createTestUser('crew');
    const page = await newPage();
    await logIn(page, u.email, 'dit-is-niet-goed');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).to.match(/e-mailadres of het wachtwoord klopt niet/i);
    expect(await page.getByLabel('E-mailadres').inputValue()).to.equal(u.email);
    expect(await page.getByLabel('Wachtwoord').inputValue()).to.equal('');
    // The error takes focus, so screen readers and keyboard users land on it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).to.equal('alert');
    await page.screenshot({ path: resolve(RESULTS_DIR, 'auth-login-wrong-password.png') });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    expect(problems).to.deep.equal([]);
    await page.context().close();
  });

  it('lets an admin invite a crew member, see the invitation in "Verzonden berichten", and the invitee accept and log in', async () => {
    const admin = await createTestUser('admin');
    const page = await newPage();
    await logIn(page, admin.email, admin.password);
    await page.waitForURL(`${t.baseUrl}/`);
    await page.getByText('Ingelogd als').waitFor();
    expect(await page.locator('.acc-whoami').textContent()).to.contain('Test admin');
    await page.locator('path.region-area').first().waitFor({ timeout: 30_000 }); // the map works under the CSP
    await page.screenshot({ path: resolve(RESULTS_DIR, 'auth-admin-home.png') });

    // Invite.
    await page.getByRole('link', { name: 'Gebruikers' }).click();
    await page.getByRole('heading', { name: 'Iemand uitnodigen' }).waitFor();
    const invitee = uniqueEmail('nieuwe-crew');
    await page.getByLabel('E-mailadres').fill(invitee);
    await page.getByLabel('Rol', { exact: true }).selectOption('crew');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await page.getByRole('status').filter({ hasText: invitee }).waitFor();
    await page.getByRole('cell', { name: invitee, exact: true }).waitFor();
    await page.screenshot({ path: resolve(RESULTS_DIR, 'auth-users.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);

    // The outbox shows the invitation.
    await page.getByRole('link', { name: 'Verzonden berichten' }).click();
    const row = page.locator('.acc-table tr', { hasText: invitee });
    await row.waitFor();
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'auth-outbox.png'), fullPage: true });
    await row.getByRole('link').click();
    const text = (await page.locator('.acc-mailtext').textContent())!;
    expect(await page.locator('h1').textContent()).to.match(/Uitnodiging/);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'auth-outbox-message.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).to.deep.equal([]);
    const link = /\/uitnodiging\/[A-Za-z0-9_-]{43}/.exec(text);
    expect(link, text).not.to.equal(null);

    // The invitee accepts in another browser and logs in.
    const other = await newPage();
    await other.goto(`${t.baseUrl}${link![0]}`);
    await other.getByLabel('Naam').fill('Nina Nieuw');
    await other.getByLabel('Nieuw wachtwoord').fill('nina-haar-wachtwoord');
    await other.getByLabel('Herhaal het wachtwoord').fill('nina-haar-wachtwoord');
    expect(await seriousAxeViolations(other)).to.deep.equal([]);
    await other.getByRole('button', { name: 'Account aanmaken' }).click();
    await other.getByRole('status').filter({ hasText: 'is klaar' }).waitFor();
    await other.screenshot({ path: resolve(RESULTS_DIR, 'auth-accepted.png') });
    await logIn(other, invitee, 'nina-haar-wachtwoord');
    await other.waitForURL(`${t.baseUrl}/`);
    await other.getByText('Nina Nieuw').waitFor();
    expect(await other.locator('.acc-whoami').textContent()).to.contain('crew');
    await other.screenshot({ path: resolve(RESULTS_DIR, 'auth-invitee-logged-in.png') });

    // Logging out ends the session.
    await other.getByRole('button', { name: 'Uitloggen' }).click();
    await other.getByRole('link', { name: 'Inloggen' }).waitFor();
    expect(problems).to.deep.equal([]);
    await page.context().close();
    await other.context().close();
  });
});
