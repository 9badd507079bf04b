// The first download: everything a browser fetches until the app is live (its first render), on
// every layout and state, is at most 300 KB on the wire (files served gzip-compressed, as a web
// server would). The second module (the panels below the first screen) is asked for only
// then; it is held back here so that nothing of it is counted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(undefined, { gzip: true }); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const SECOND = /ict-(more|simd)-[0-9a-f]{16}(\.js|_bg\.wasm)$/;

/** Bytes on the wire of every file fetched until the app's first render, by name. */
async function firstDownload(url, options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const sizes = new Map();
  const pending = [];
  page.on('requestfinished', (r) => pending.push((async () => {
    const name = new URL(r.url()).pathname.split('/').pop() || 'index.html';
    sizes.set(name, (sizes.get(name) ?? 0) + (await r.sizes()).responseBodySize);
  })()));
  await page.route(SECOND, () => new Promise(() => {}));
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('ict-index:first-render').length > 0);
  await Promise.all(pending);
  const second = [...sizes.keys()].filter((f) => SECOND.test(f));
  await context.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(second, [], 'nothing of the second module counted');
  return sizes;
}

/** An address holding a scenario, as the app writes it. */
async function scenarioAddress() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(srv.url);
  await page.waitForFunction(() => !document.getElementById('ict-prerender'));
  await page.locator('input[data-indicator="households-with-computer-pct"]').fill('90');
  await page.waitForFunction(() => location.hash.startsWith('#v3.'));
  const url = page.url();
  await context.close();
  return url;
}

test('the first download is at most 300 KB gzip on every layout and state', async () => {
  const address = await scenarioAddress();
  const cases = [
    ['desktop', srv.url, { viewport: { width: 1366, height: 900 } }],
    ['tablet', srv.url, { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true }],
    ['phone', srv.url, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
    ['embedded', `${srv.url}?embed=1`, { viewport: { width: 600, height: 700 } }],
    ['presentation', `${srv.url}?present=1`, { viewport: { width: 1280, height: 720 } }],
    ['an address holding a scenario', address, { viewport: { width: 390, height: 844 }, isMobile: true }],
  ];
  for (const [name, url, options] of cases) {
    const sizes = await firstDownload(url, options);
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const files = [...sizes.entries()].map(([f, b]) => `${f} ${(b / 1024).toFixed(1)} KB`).join(', ');
    console.log(`${name}: ${(total / 1024).toFixed(1)} KB — ${files}`);
    assert.ok(total <= 300 * 1024, `${name}: ${total} B (${files})`);
    // The first module itself, once (not a placeholder).
    assert.equal([...sizes.keys()].filter((f) => /^ict-index-[0-9a-f]{16}_bg\.wasm$/.test(f)).length, 1, files);
    assert.ok(total > 150 * 1024, `${name}: ${total} B`);
  }
});
