import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { amsterdamInstant, parseHhmm } from '../../shared/domain/time';
import {
  RESULTS_DIR,
  ensureFrontendBuilt,
  launchChromium,
  requireChromium,
  seriousAxeViolations,
} from '../helpers/browser';
import { serveExtraApp, startTestApp, type ExtraServer } from '../helpers/app';
import { publishLiveDay } from '../helpers/live';

const TRUCK = 'wagen-vol';
// A day of its own (a Wednesday), so no other suite reports on it.
const DAY = '2027-05-12';

/**
 * The public live page when the server refuses its stream (too many viewers from one address): it says so, and when
 * it tries again, instead of a bare "opnieuw verbinden…" (an EventSource cannot see the 429), and it connects by
 * itself once a slot is free.
 */
describe('the public live page when the server refuses the stream', function () {
  this.timeout(120_000);
  let browser: Browser;
  let extra: ExtraServer | undefined;
  let baseUrl: string;
  const problems: string[] = [];

  before(async function () {
    await requireChromium(this);
    await ensureFrontendBuilt();
    mkdirSync(RESULTS_DIR, { recursive: true });
    await startTestApp();
    await publishLiveDay(TRUCK, DAY);
    // One public stream per address, on a server whose clock stands on the tour day (the public view is for today).
    extra = await serveExtraApp({
      now: () => amsterdamInstant(DAY, parseHhmm('10:00')),
      publicStreams: { perIp: 1, total: 10 },
    });
    baseUrl = extra.baseUrl;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await extra?.stop();
  });

  async function open(): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort());
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(err.message));
    await page.goto(`${baseUrl}/volg/${TRUCK}/${DAY}`);
    await page.getByRole('heading', { level: 1, name: 'Waar is de techniekwagen?' }).waitFor();
    return { context, page };
  }

  const connected = (page: Page) =>
    page.locator('.live-connection:not([data-refused])', { hasText: /^Live/ }).waitFor({ timeout: 45_000 });

  it('says "te veel kijkers" with the time of the next try, and connects once the other viewer leaves', async () => {
    const first = await open();
    await connected(first.page);

    const second = await open();
    const refused = second.page.locator('.live-connection[data-refused="429"]');
    await refused.waitFor({ timeout: 15_000 });
    expect(await refused.textContent()).to.equal(
      'Te veel kijkers vanaf dit adres tegelijk; we proberen het over 30 s opnieuw.',
    );
    // The day's stops are still shown from the snapshot: only the live updates wait.
    expect(await second.page.locator('.live-stop').count()).to.be.greaterThan(0);
    await second.page.screenshot({ path: resolve(RESULTS_DIR, 'public-live-refused.png') });
    expect(await seriousAxeViolations(second.page)).to.deep.equal([]);

    await first.context.close();
    await connected(second.page);
    expect(await second.page.locator('.live-connection[data-refused]').count()).to.equal(0);
    await second.context.close();
    expect(problems).to.deep.equal([]);
  });
});
