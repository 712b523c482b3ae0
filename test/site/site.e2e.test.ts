/**
 * The teaching page (site/, built with Vite) in real headless Chromium (Debian's, via
 * playwright-core): it opens on the field report (-134 in the log, the doctor's fix), the
 * fixed preset attaches (DB…9000), the keys survive a reload in IndexedDB, the page works
 * with the server gone (service worker), a factory reset empties the flash, the keyboard
 * reaches the controls, and no request leaves the local server. Screenshots of each step go
 * to test/site/artifacts/ (not committed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, serveDir } from '../browser/chromium.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = join(root, 'site/dist');
const artifacts = join(here, 'artifacts');

/** Newest modification time under `dir` (skipping build output and dependencies). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds the site when site/dist is missing or older than site/ or src/. */
function ensureBuilt(): void {
  const index = join(dist, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (built >= Math.max(newest(join(root, 'site')), newest(join(root, 'src')))) return;
  execFileSync(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'site/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    // vitest sets NODE_ENV=test, which would make Vite build in development mode (no service worker).
    { cwd: root, stdio: 'inherit', timeout: 60_000, env: { ...process.env, NODE_ENV: 'production' } },
  );
}

describe.runIf(chromiumAvailable())('the teaching page in headless Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let server: Server;
  let url: string;
  const requests: string[] = [];
  const problems: string[] = [];

  const idle = () => page.waitForSelector('[data-testid="main"][data-state="idle"]', { timeout: 15_000 });
  const text = async (id: string) => (await page.getByTestId(id).textContent()) ?? '';
  const shot = (name: string) => page.screenshot({ path: join(artifacts, name), fullPage: true });

  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(artifacts, { recursive: true });
    ({ url, server } = await serveDir(dist));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    context.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => problems.push(`pageerror: ${String(e)}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it("opens on the reporter's prj.conf: -134 in the log, the cause and the doctor's fix on the first screen", async () => {
    await page.goto(`${url}/`);
    await idle();
    expect(await page.getByTestId('preset').inputValue()).toBe('reporter');
    expect(await text('log')).toContain('Failed to open key 10, error: -134');
    expect(await text('verdict')).toMatch(
      /Not attached\. \d+ of \d+ PSA calls answered -134 PSA_ERROR_NOT_SUPPORTED/,
    );
    expect(await text('cause')).toContain('minimal profile');
    expect(await text('findings')).toContain('CONFIG_TFM_PROFILE_TYPE_NOT_SET=y');
    expect(await page.getByTestId('fix').first().textContent()).toBe(
      'CONFIG_TFM_PROFILE_TYPE_NOT_SET=y\nCONFIG_MBEDTLS_PSA_CRYPTO_STORAGE_C=y',
    );
    expect(await text('warnings')).toContain(
      'CONFIG_TFM_PARTITION_INTERNAL_TRUSTED_STORAGE was assigned the value y but got the value n',
    );
    expect(await text('module-key')).toContain('OFF');
    expect(await text('module-rng')).toContain('ON');
    expect(await text('stage-its')).toContain('OFF');
    expect(await text('calls')).toContain('psa_open_key');
    expect(await text('calls-summary')).toMatch(/^\d+ calls: \d+ × -134 PSA_ERROR_NOT_SUPPORTED$/);
    expect(await page.getByTestId('answer').allTextContents()).toEqual(['DC…9000']);
    // The cause is on the first screen, without scrolling.
    expect(await page.getByTestId('cause').isVisible()).toBe(true);
    const box = await page.getByTestId('cause').boundingBox();
    expect(box && box.y + box.height).toBeLessThan(900);
    await page.screenshot({ path: join(artifacts, '00-first-screen.png') });
    await shot('01-reporter.png');
  });

  it('the keyboard reaches the preset select, then the run button, with a visible focus ring', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const order: string[] = [];
    let outline = '';
    for (let i = 0; i < 30 && !order.includes('run'); i++) {
      await page.keyboard.press('Tab');
      const [id, style] = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return [el?.dataset.testid ?? el?.tagName ?? '', el ? getComputedStyle(el).outlineStyle : ''];
      });
      order.push(id);
      if (id === 'preset') outline = style;
    }
    expect(order).toContain('preset');
    expect(order).toContain('run');
    expect(order.indexOf('preset')).toBeLessThan(order.indexOf('apply'));
    expect(order.indexOf('apply')).toBeLessThan(order.indexOf('run'));
    expect(outline).toBe('solid');
  });

  it('the fixed preset, Apply, Boot & attach: the SIM answers DB…9000 and the keys are in ITS', async () => {
    await page.getByTestId('preset').selectOption('fixed');
    expect(await page.getByTestId('prjconf').inputValue()).toContain('CONFIG_TFM_PROFILE_TYPE_NOT_SET=y');
    await page.getByTestId('apply').click();
    await idle();
    expect(await text('module-cipher')).toContain('ON');
    expect(await text('stage-its')).toContain('ON');
    await page.getByTestId('run').click();
    await idle();
    const answers = await page.getByTestId('answer').allTextContents();
    expect(answers).toEqual(['DC…9000', 'DB…9000']);
    expect(await text('verdict')).toMatch(/Attached: RES = XRES/);
    expect(await text('network')).toContain('MME: RES = XRES — attached');
    expect(await page.locator('[data-testid="sequence"] svg').count()).toBe(1);
    for (const id of [10, 11, 12]) expect(await text(`key-${id}`)).toContain('hidden (16 bytes)');
    await shot('02-fixed.png');
  });

  it('a reload reopens on the field report and the keys 10, 11, 12 are still on the flash', async () => {
    await page.reload();
    await idle();
    expect(await page.getByTestId('preset').inputValue()).toBe('reporter');
    expect(await text('log')).toContain('-134');
    // The minimal build cannot write ITS: the keys can only come from IndexedDB.
    expect(await text('keystore-note')).toMatch(/no ITS partition .* earlier build/);
    const ids = await page.locator('[data-testid^="key-"] th').allTextContents();
    expect(ids).toEqual(['10', '11', '12']);
    expect(await text('key-10')).toContain('0xc4000000_0000000a');
    await shot('03-reload.png');
  });

  it('works with the server gone once loaded (service worker cache)', async () => {
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, {
      timeout: 10_000,
    });
    await new Promise<void>((done) => {
      server.close(() => done());
      server.closeAllConnections();
    });
    await expect(fetch(url)).rejects.toThrow();
    await page.reload();
    await idle();
    expect(await text('log')).toContain('-134');
    expect(await page.locator('[data-testid^="key-"] th').allTextContents()).toEqual(['10', '11', '12']);
    await shot('04-offline.png');
  });

  it('factory reset empties the flash', async () => {
    await page.getByTestId('reset').click();
    await idle();
    expect(await page.locator('[data-testid^="key-"]').count()).toBe(0);
    expect(await text('records')).toBe('None.');
    expect(await text('keystore-note')).toMatch(/Nothing this build does ends up in ITS/);
    await shot('05-factory-reset.png');
  });

  it('a prj.conf loaded from disk is read in the page and derived', async () => {
    const conf = `${await page.getByTestId('prjconf').inputValue()}CONFIG_TFM_PROFILE_TYPE_SMALL=y\n`;
    await page.getByTestId('prjconf-file').setInputFiles({
      name: 'prj.conf',
      mimeType: 'text/plain',
      buffer: Buffer.from(conf),
    });
    await page.waitForFunction(
      () => (document.querySelector('#preset') as HTMLSelectElement).value === 'custom',
    );
    await page.getByTestId('apply').click();
    await idle();
    expect(await text('profile')).toContain('TF-M profile small');
    expect(await text('module-key')).toContain('ON');
  });

  it('no request left the local server, and the page logged no error', () => {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.filter((r) => !r.startsWith(`${url}/`))).toEqual([]);
    expect(problems).toEqual([]);
  });
});
