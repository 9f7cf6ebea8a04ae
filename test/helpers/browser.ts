// What every browser test needs: a Chromium (CHROMIUM_PATH's, Debian's or the bundled one) with the agreed flags, a
// built frontend, the serious/critical axe-core findings of a page, and waiting for a value the UI updates asynchronously.
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { brotliDecompressSync, createBrotliDecompress } from 'node:zlib';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
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
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Which Chromium the browser tests drive: an executable, and the environment it needs (the bundled one's libraries and fonts). */
interface ChromiumChoice {
  path: string;
  env?: Record<string, string>;
  label: string;
}

let choice: Promise<ChromiumChoice | string> | undefined;
let noticeShown = false;

/**
 * Skips the calling suite, with one loud line for the whole run, when no Chromium can be had; call it first in a
 * browser suite's `before` hook. The Chromium is the one at `CHROMIUM_PATH` (default: Debian's `/usr/bin/chromium`)
 * when that file exists, else the one `npm install` brings in the package `@sparticuz/chromium` (unpacked once into the
 * temporary folder, and started once here to prove that it runs on this machine).
 */
export async function requireChromium(context: Mocha.Context): Promise<void> {
  choice ??= chooseChromium();
  const found = await choice;
  if (typeof found !== 'string') return;
  if (!noticeShown) {
    noticeShown = true;
    console.warn(
      `\n  !!! BROWSER TESTS SKIPPED: ${found}. To run them, install Chromium (apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome executable.\n`,
    );
  }
  context.skip();
}

/** Starts the chosen Chromium headless with the agreed flags (after `requireChromium`). */
export async function launchChromium(): Promise<Browser> {
  choice ??= chooseChromium();
  const found = await choice;
  if (typeof found === 'string') throw new Error(`no Chromium: ${found}`);
  return chromium.launch({
    executablePath: found.path,
    args: CHROMIUM_ARGS,
    env: found.env ? { ...process.env, ...found.env } : undefined,
  });
}

/** The Chromium to use, or why there is none. */
async function chooseChromium(): Promise<ChromiumChoice | string> {
  const installed = process.env.CHROMIUM_PATH || SYSTEM_CHROMIUM;
  if (existsSync(installed)) return { path: installed, label: installed };
  const missing = `no Chromium at ${installed}${process.env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}`;
  let bundled: ChromiumChoice;
  try {
    bundled = await unpackBundledChromium();
  } catch (e) {
    return `${missing}, and the bundled one (npm package @sparticuz/chromium) could not be unpacked: ${e instanceof Error ? e.message : String(e)}`;
  }
  try {
    const browser = await chromium.launch({
      executablePath: bundled.path,
      args: CHROMIUM_ARGS,
      env: { ...process.env, ...bundled.env },
      timeout: 30_000,
    });
    await browser.close();
  } catch (e) {
    return `${missing}, and the bundled one (${bundled.path}) does not start here: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
  }
  console.log(`  (browser tests: ${missing}; using the bundled ${bundled.label})`);
  return bundled;
}

/**
 * Unpacks @sparticuz/chromium's brotli-compressed headless Chromium, its fonts, the NSS libraries it links against
 * (Amazon Linux builds, which also run on Debian and Ubuntu) and SwiftShader into one folder in the temporary folder
 * per version. The folder is filled under another name and renamed when complete, so an interrupted unpack is never
 * taken for a finished one.
 */
async function unpackBundledChromium(): Promise<ChromiumChoice> {
  // The package exports only its entry points (build/…); its folder is the one above them with its package.json.
  let pkg = dirname(require.resolve('@sparticuz/chromium'));
  const manifest = (folder: string) => {
    const file = join(folder, 'package.json');
    return existsSync(file)
      ? (JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string })
      : undefined;
  };
  while (manifest(pkg)?.name !== '@sparticuz/chromium') {
    if (dirname(pkg) === pkg) throw new Error('the folder of @sparticuz/chromium not found');
    pkg = dirname(pkg);
  }
  const { version } = manifest(pkg)!;
  const bin = join(pkg, 'bin');
  const dir = join(tmpdir(), `techniekwagen-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  if (!existsSync(join(dir, 'chromium'))) {
    const work = mkdtempSync(`${dir}.partial-`);
    try {
      await pipeline(
        createReadStream(join(bin, 'chromium.br')),
        createBrotliDecompress(),
        createWriteStream(join(work, 'chromium'), { mode: 0o700 }),
      );
      untar(join(bin, 'swiftshader.tar.br'), work);
      untar(join(bin, 'fonts.tar.br'), work);
      untar(join(bin, 'al2023.tar.br'), work);
      // Our own fontconfig file: the machine's fonts when it has any, and the bundled Open Sans in any case.
      writeFileSync(
        join(work, 'fonts.conf'),
        `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
      );
      renameSync(work, dir);
    } catch (e) {
      rmSync(work, { recursive: true, force: true });
      // Another test run may have finished the same folder meanwhile.
      if (!existsSync(join(dir, 'chromium'))) throw e;
    }
  }
  return {
    path: join(dir, 'chromium'),
    env: {
      LD_LIBRARY_PATH: [join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
    label: `@sparticuz/chromium ${version} (${join(dir, 'chromium')})`,
  };
}

/** Unpacks a small .tar.br archive into a folder (node decompresses, the system's tar extracts). */
function untar(archive: string, into: string): void {
  const tar = spawnSync('tar', ['-x', '--no-same-owner', '-C', into], {
    input: brotliDecompressSync(readFileSync(archive)),
    encoding: 'utf8',
  });
  if (tar.error) throw tar.error;
  if (tar.status !== 0) throw new Error(`tar -x ${archive} exited with ${tar.status}: ${tar.stderr.trim()}`);
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
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} → ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
    );
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

/** Logs in through the login page (`/inloggen`, with `next` when given), as a person would. Does not wait for `next`. */
export async function loginThroughPage(
  page: Page,
  baseUrl: string,
  user: { email: string; password: string },
  next?: string,
): Promise<void> {
  await page.goto(`${baseUrl}/inloggen${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('E-mailadres').fill(user.email);
  await page.getByLabel('Wachtwoord').fill(user.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}
