// What every browser test needs: Debian's Chromium with the agreed flags, a built frontend, the
// serious/critical axe-core findings of a page, and waiting for a value the UI updates asynchronously.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright-core';
import { build } from 'vite';

declare global {
  interface Window {
    axe: { run(context?: unknown, options?: unknown): Promise<AxeResults> };
  }
}

const require = createRequire(import.meta.url);

export const ROOT = resolve(import.meta.dirname, '../..');
/** Screenshots go here (git-ignored). */
export const RESULTS_DIR = resolve(ROOT, 'test-results');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Throws a clear error when Debian's Chromium is missing (`.ci/run` installs it). */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`);
}

/** Builds the frontend once when dist/frontend is missing (npm test builds it before mocha). */
export async function ensureFrontendBuilt(): Promise<void> {
  if (existsSync(resolve(ROOT, 'dist/frontend/index.html'))) return;
  await build({ configFile: resolve(ROOT, 'frontend/vite.config.ts'), logLevel: 'warn' });
}

/** The page's serious and critical axe-core findings, one line each (empty when there are none). */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the app's CSP (script-src 'self') blocks inline scripts.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** Reads a value until it passes `check` (the UI updates asynchronously), then returns it (the last value on timeout). */
export async function settle<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}
