/**
 * The IndexedDB backend in real headless Chromium (Debian's): import a persistent key,
 * reload the page, open it, decrypt.
 */
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, serveDir } from './chromium.js';

const here = dirname(fileURLToPath(import.meta.url));
const PLAINTEXT = '101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f';

describe.runIf(chromiumAvailable())('indexedDbStorage in headless Chromium', () => {
  let browser: Browser;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [join(here, 'pages/its-page.ts')],
      bundle: true,
      format: 'esm',
      write: false,
      platform: 'browser',
      target: 'es2022',
    });
    const js = bundle.outputFiles[0]!.text;
    const html =
      '<!doctype html><meta charset="utf-8"><title>psa-emu ITS</title><script type="module" src="/page.js"></script>';
    ({ url, server } = await serveDir(here, { '/index.html': html, '/': html, '/page.js': js }));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('a persistent key survives a page reload: import, reload, open, decrypt', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => 'psaTest' in window);
    const first = await page.evaluate(() => window.psaTest.phase1!());
    expect(first).toEqual({ id: 10, sets: [0, 0, 0, 0, 0, 0, 0, 0], status: 0, plaintext: PLAINTEXT });
    await page.reload();
    await page.waitForFunction(() => 'psaTest' in window);
    const second = await page.evaluate(() => window.psaTest.phase2!());
    expect(second).toEqual({
      opened: { status: 0, handle: 10 },
      assets: [[0], [1], [2], [3], [4], [5], [6], [7]],
      status: 0,
      plaintext: PLAINTEXT,
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('copies of key records are zeroed: those read at open, and those queued once IndexedDB has stored them', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => 'psaTest' in window);
    expect(await page.evaluate(() => window.psaTest.phase1!())).toMatchObject({ id: 10, status: 0 });
    await page.reload();
    await page.waitForFunction(() => 'psaTest' in window);
    const seen = await page.evaluate(() => window.psaTest.hygiene!());
    // 9 records at open (key 10 and 8 assets), 2 writes (key 11, asset 200): all zero afterwards.
    expect(seen).toEqual({
      loaded: new Array(9).fill(true),
      put: [true, true],
      status: 0,
      plaintext: PLAINTEXT,
    });
    // Zeroing after the write did not touch what IndexedDB stored (it cloned at put time).
    await page.reload();
    await page.waitForFunction(() => 'psaTest' in window);
    expect(await page.evaluate(() => window.psaTest.afterHygiene!())).toEqual({
      asset: [1, 2, 3],
      status: 0,
      plaintext: PLAINTEXT,
    });
    expect(errors).toEqual([]);
    await context.close();
  });
});
