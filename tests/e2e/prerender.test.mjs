// The first screen is in index.html itself (pre-rendered at build time): readable before the
// wasm arrives, replaced by the app when it renders, hidden when the page opens on another
// state (an address, a query, imported data), and the address stays clean on the default page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openOneFile, typeValue, DIST, LAST_PANEL } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

/** A page whose wasm is held back until `release()` is called. */
async function heldPage(url, init, viewport = { width: 1366, height: 900 }) {
  const context = await browser.newContext({ viewport });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { page, context, errors, release };
}

const visible = (page, sel) => page.locator(sel).first().isVisible();

test('index.html holds the first screen: score, rank, selects and values, with no script at all', async () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  // It works before the app is live (the guard records, the app does again), all but the
  // second module's panels and the file pickers.
  assert.match(html, /<div id="ict-prerender">/);
  assert.match(html, /<div id="ict-slot-decision" class="slot" inert="">/);
  // The stylesheet, the loader and the preloads of the glue and the wasm are requested before the
  // parser waits for the guard (the one parser-blocking script), the guard before the body.
  const head = html.slice(0, html.indexOf('</head>'));
  const guard = head.search(/<script src="\.\/guard-[0-9a-f]{16}\.js"/);
  assert.ok(guard > 0, 'the guard script is in <head>');
  for (const re of [/<link rel="stylesheet"/, /<script type="module" src="\.\/init-/, /<link rel="modulepreload"/, /<link rel="preload" href="[^"]+_bg\.wasm"/]) {
    const at = head.search(re);
    assert.ok(at > 0 && at < guard, `${re} comes before the guard`);
  }
  assert.equal((head.match(/<script(?![^>]*type="module")[^>]*>/g) ?? []).length, 1, 'one parser-blocking script');
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(srv.url);
  assert.equal(await page.innerText('#ict-prerender [data-testid="index-score"]'), '0,7350');
  assert.equal(await page.innerText('#ict-prerender [data-testid="index-rank"]'), '3/63');
  assert.equal(await page.inputValue('#ict-prerender [data-testid="province-select"]'), '22');
  assert.equal(await page.inputValue('#ict-prerender [data-testid="year-select"]'), '2019');
  assert.equal(await page.inputValue('#ict-prerender input[data-indicator="fixed-broadband-per-100"]'), '14,50');
  assert.equal(await page.locator('#ict-prerender [data-testid="ranking-table"] tbody tr[data-province]').count(), 63);
  assert.ok(await visible(page, '#ict-prerender [data-testid="index-score"]'));
  await context.close();
});

test('before the wasm arrives the first screen reads; the app then takes its place', async () => {
  const { page, context, errors, release } = await heldPage(srv.url);
  await page.waitForSelector('#ict-prerender [data-testid="index-score"]', { state: 'visible' });
  assert.equal(await page.innerText('[data-testid="index-score"]'), '0,7350');
  release();
  await page.waitForSelector('#ict-prerender', { state: 'detached' });
  assert.equal(await page.locator('[data-testid="index-score"]').count(), 1);
  assert.equal(await page.innerText('[data-testid="index-score"]'), '0,7350');
  // The default page keeps a clean address: a reload shows the pre-rendered screen again.
  await page.waitForTimeout(600);
  assert.equal(new URL(page.url()).hash, '');
  // An edit writes the address; back to the baseline, it is clean again.
  await typeValue(page, 'fixed-broadband-per-100', '40');
  await page.waitForFunction(() => location.hash.startsWith('#v3.'));
  await page.click('[data-testid="reset"]');
  await page.waitForFunction(() => location.hash === '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a visitor who scrolled the first screen while the wasm loaded keeps their place when the app takes over', async () => {
  // A phone: the pre-render (captured at 1366 px) is laid out otherwise there than the app,
  // whose panels below the first screen join after its first render.
  const { page, context, errors, release } = await heldPage(srv.url, null, { width: 412, height: 915 });
  const row = 'tr[data-province="48"]';
  await page.waitForSelector(`#ict-prerender ${row}`);
  const top = await page.evaluate((row) => {
    const el = document.querySelector(`#ict-prerender ${row}`);
    el.scrollIntoView({ block: 'start' });
    return el.getBoundingClientRect().top;
  }, row);
  assert.ok(await page.evaluate(() => scrollY) > 2000, 'scrolled far down the first screen');
  release();
  await page.waitForSelector('#ict-prerender', { state: 'detached' });
  await page.locator(LAST_PANEL).first().waitFor({ state: 'attached' });
  // Once every panel has joined and the page has settled, the row is where the visitor left it.
  await page.waitForTimeout(1500);
  const now = await page.evaluate((row) => document.querySelector(row).getBoundingClientRect().top, row);
  assert.ok(Math.abs(now - top) <= 2, `the row at ${now} px, was at ${top} px`);
  // And the anchor is let go: the visitor scrolls freely.
  await page.mouse.wheel(0, -600);
  await page.waitForFunction(([row, top]) => document.querySelector(row).getBoundingClientRect().top > top + 300, [row, top]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an address, a query or imported data hide the first screen until the app shows theirs', async () => {
  // A scenario in the address.
  const first = await heldPage(srv.url);
  first.release();
  await first.page.waitForSelector('#ict-prerender', { state: 'detached' });
  await typeValue(first.page, 'fixed-broadband-per-100', '40');
  await first.page.waitForFunction(() => location.hash.startsWith('#v3.'));
  const scored = await first.page.innerText('[data-testid="index-score"]');
  const withScenario = first.page.url();
  await first.context.close();
  const cases = [
    [withScenario, null, scored],
    [srv.url + '?embed=1', null, '0,7350'],
    [srv.url + '?present=1', null, '0,7350'],
    [srv.url + '?year=2018', null, null],
    [srv.url, () => localStorage.setItem('ict-index/imported/v1', '{}'), null],
  ];
  for (const [url, init, score] of cases) {
    const { page, context, errors, release } = await heldPage(url, init);
    await page.waitForSelector('#ict-prerender', { state: 'attached' });
    await page.waitForTimeout(200);
    assert.equal(await visible(page, '#ict-prerender'), false, `${url}: hidden before the app`);
    release();
    await page.waitForSelector('#ict-prerender', { state: 'detached' });
    await page.waitForSelector('[data-testid="index-score"]');
    if (score) assert.equal(await page.innerText('[data-testid="index-score"]'), score, url);
    // Nothing of the hidden first screen comes back into the app (its panels, its ranking).
    assert.equal(await page.locator('.prerendered').count(), 0, `${url}: a pre-rendered panel shown`);
    assert.deepEqual(errors.filter((e) => !/imported|nhập/i.test(e)), [], url);
    await context.close();
  }
});

test('the one-file build carries the first screen and its guard, and works from disk', async () => {
  const html = fs.readFileSync(path.join(DIST, 'ict-index.html'), 'utf8');
  // It works before the app is live (the guard records, the app does again), all but the
  // second module's panels and the file pickers.
  assert.match(html, /<div id="ict-prerender">/);
  assert.match(html, /<div id="ict-slot-decision" class="slot" inert="">/);
  assert.match(html, /classList\.add\('no-prerender'\)/);
  const { page, context, errors, foreign } = await openOneFile(browser);
  await page.waitForSelector('#ict-prerender', { state: 'detached' });
  assert.equal(await page.locator('[data-testid="index-score"]').count(), 1);
  assert.equal(await page.innerText('[data-testid="index-score"]'), '0,7350');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
