// A failed load of either module is tried once more, then explained in the page's language, on
// every layout; what did load keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { serveDist, launch, waitLive } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

/** The first module's glue at its address (the loader's second try asks for it at another). */
const FIRST = /ict-index-[0-9a-f]{16}\.js$/;
/** The same, at any address. */
const FIRST_ANY = /ict-index-[0-9a-f]{16}\.js(\?.*)?$/;
const SECOND = /ict-(more|simd)-[0-9a-f]{16}_bg\.wasm$/;

/** A page whose requests matching `re` fail the first `failures` times; the count of them. */
async function failing(re, failures, viewport) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const counted = { n: 0 };
  await page.route(re, async (route) => {
    counted.n += 1;
    if (counted.n <= failures) await route.abort('connectionreset');
    else await route.continue();
  });
  await page.goto(srv.url);
  return { page, context, counted };
}

for (const viewport of [{ width: 1366, height: 900 }, { width: 390, height: 844 }]) {
  test(`the first module failing once is loaded on the second try (${viewport.width} px)`, async () => {
    const { page, context, counted } = await failing(FIRST, 99, viewport);
    await page.waitForFunction(() => !document.getElementById('ict-prerender'), null, { timeout: 20000 });
    await waitLive(page);
    assert.ok(counted.n >= 1);
    assert.equal(await page.locator('[data-testid="load-failed"]').count(), 0);
    await page.locator('input[data-indicator="fixed-broadband-per-100"]').fill('40');
    await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').textContent !== '0,7350');
    await context.close();
  });

  test(`the first module failing twice: the page says so in both languages (${viewport.width} px)`, async () => {
    const { page, context, counted } = await failing(FIRST_ANY, 99, viewport);
    const box = page.locator('[data-testid="load-failed"]');
    await box.waitFor({ timeout: 20000 });
    assert.ok(counted.n >= 2, `${counted.n} requests`);
    assert.equal(await box.getAttribute('role'), 'alert');
    const said = await box.innerText();
    assert.match(said, /Không tải được công cụ/);
    assert.match(said, /could not be loaded/);
    // The pre-rendered screen is still there to read.
    assert.equal(await page.locator('#ict-prerender [data-testid="index-score"]').innerText(), '0,7350');
    await context.close();
  });

  test(`the second module failing twice: its panels say why, the first screen works (${viewport.width} px)`, async () => {
    const { page, context, counted } = await failing(SECOND, 99, viewport);
    await page.waitForFunction(() => !document.getElementById('ict-prerender'));
    const why = page.locator('#ict-slot-decision [data-testid="part-unavailable"]');
    await why.waitFor({ timeout: 20000 });
    assert.ok(counted.n >= 2, `${counted.n} requests`);
    assert.match(await why.innerText(), /Không tải được phần này của công cụ/);
    await page.locator('input[data-indicator="fixed-broadband-per-100"]').fill('40');
    await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').textContent !== '0,7350');
    await context.close();
  });

  test(`a page that waits for the second module (an address from before v3), which fails twice: it starts, and its panels say why (${viewport.width} px)`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const counted = { n: 0 };
    await page.route(SECOND, async (route) => { counted.n += 1; await route.abort('connectionreset'); });
    // A v1 address (raw deflate of its JSON, base64url): only the second module reads it.
    const wire = { y: 2019, p: '22', l: 'vi', s: { values: { 22: { 'fixed-broadband-per-100': 40 } } } };
    const link = `${srv.url}#v1.${zlib.deflateRawSync(Buffer.from(JSON.stringify(wire))).toString('base64url')}`;
    await page.goto(link);
    const why = page.locator('#ict-slot-decision [data-testid="part-unavailable"]');
    await why.waitFor({ timeout: 30000 });
    assert.ok(counted.n >= 2, `${counted.n} requests`);
    assert.match(await why.innerText(), /Không tải được phần này của công cụ/);
    // The address could not be read without it: said so, and kept for a reload.
    assert.match(await page.locator('[data-testid="notice"]').first().innerText(), /định dạng cũ.*tải lại trang/s);
    await page.waitForTimeout(600);
    assert.equal(page.url(), link);
    await page.locator('input[data-indicator="fixed-broadband-per-100"]').fill('41');
    await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').textContent !== '0,7350');
    await context.close();
  });
}
