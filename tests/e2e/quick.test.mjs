// The quick editor (crate ict-early): on a phone the pre-rendered first screen's editor works
// before the app is loaded, with the same numbers as the app; the app comes when it is needed
// (here: the first edit) and takes over the edits, the field and its text. A visitor who only
// looks fetches the quick editor alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, axeViolations } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(undefined, { gzip: true }); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const PHONE = { viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true };
const APP = /ict-(simd|index)-[0-9a-f]{16}(_bg\.wasm|\.js)$/;
const FIELD = 'input[data-indicator="fixed-broadband-per-100"]';

/** A phone page whose app (glue and wasm) is held back until `release()`; `fetched` lists the
 * files it requested, `bytes` the bytes on the wire of each. */
async function phonePage(url = srv.url) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const fetched = [];
  const requested = [];
  const bytes = new Map();
  page.on('request', (r) => requested.push(new URL(r.url()).pathname.split('/').pop()));
  page.on('requestfinished', async (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() || 'index.html';
    fetched.push(name);
    bytes.set(name, (await r.sizes()).responseBodySize);
  });
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(APP, async (route) => { await held; await route.continue(); });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('ict-index:early-live').length > 0);
  return { page, context, errors, fetched, requested, bytes, release };
}

const quickText = (page, sel) => page.locator(`#ict-prerender ${sel}`).innerText();

test('a visitor who only looks fetches the quick editor, not the app: under 300 KB gzip in all', async () => {
  const { page, context, errors, fetched, requested, bytes } = await phonePage();
  await page.waitForTimeout(1500);
  assert.equal(requested.filter((f) => APP.test(f)).length, 0, `the app was asked for: ${requested}`);
  for (const re of [/^ict-early-[0-9a-f]{16}\.js$/, /^ict-early-[0-9a-f]{16}_bg\.wasm$/, /^index\.html$/, /^style-/])
    assert.ok(fetched.some((f) => re.test(f)), `${re} fetched: ${fetched}`);
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  assert.ok(total > 100_000 && total <= 300 * 1024, `first download ${total} B`);
  // The pre-rendered screen is no longer inert: its fields take input; what the app would lose
  // when it takes over stays shut (other text fields read-only, file pickers inert).
  assert.equal(await page.evaluate(() => document.getElementById('ict-prerender').hasAttribute('inert')), false);
  assert.equal(await page.locator('#ict-prerender [data-testid="scenario-name"]').getAttribute('readonly'), '');
  assert.equal(await page.locator('#ict-prerender [data-testid="import-data"]').getAttribute('inert'), '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an edit in the quick editor shows the score, rank and pillar scores the app then shows', async () => {
  const { page, context, errors, requested, release } = await phonePage();
  const pillars = await page.locator('#ict-prerender [data-testid^="score-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.ok(pillars.length >= 9, `pillar and sub-pillar scores: ${pillars}`);
  await page.locator(`#ict-prerender ${FIELD}`).fill('40');
  // The quick editor's answer, while the app is still held back.
  assert.equal(await quickText(page, '[data-testid="index-score"]'), '0,7551');
  // The field's notes (rank and badge of the baseline value) are not read out meanwhile; the
  // slider reads the new value.
  assert.equal(await page.locator(`#ict-prerender ${FIELD}`).getAttribute('aria-describedby'), null);
  assert.match(await page.locator('#ict-prerender input[data-slider="fixed-broadband-per-100"]').getAttribute('aria-valuetext'), /^40,00 /);
  const quick = {
    score: await quickText(page, '[data-testid="index-score"]'),
    rank: await quickText(page, '[data-testid="index-rank"]'),
    pillars: await Promise.all(pillars.map((id) => quickText(page, `[data-testid="${id}"]`))),
  };
  // What it does not recompute is hidden in place, and the note says the score is an estimate.
  const pre = '#ict-prerender';
  assert.equal(await page.locator(`${pre} .card.scenario .changes`).isVisible(), false);
  assert.equal(await page.locator(`${pre} .card.scenario .badge`).first().isVisible(), false);
  assert.equal(await page.locator(`${pre} [data-testid="ranking-table"]`).isVisible(), false);
  assert.equal(await page.locator(`${pre} .card.baseline .badge`).first().isVisible(), true);
  assert.match(await page.locator(`${pre} .quick-note`).innerText(), /Ước tính/);
  assert.deepEqual(await axeViolations(page, { ready: null }), []);
  // The edit asked for the app; the address has the edit (written 250 ms after it).
  await page.waitForFunction(() => location.hash.startsWith('#v1.'));
  assert.ok(requested.some((f) => APP.test(f)), `the app was asked for: ${requested}`);
  release();
  await page.waitForSelector('#ict-prerender', { state: 'detached' });
  assert.equal(await page.innerText('[data-testid="index-score"]'), quick.score);
  assert.equal(await page.innerText('[data-testid="index-rank"]'), quick.rank);
  for (const [k, id] of pillars.entries())
    assert.equal(await page.innerText(`[data-testid="${id}"]`), quick.pillars[k], id);
  // The field keeps the focus and its value in the app.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.indicator), 'fixed-broadband-per-100');
  assert.equal(await page.inputValue(FIELD), '40');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a text the quick editor refuses changes nothing; the app then says why and keeps it', async () => {
  const { page, context, errors, release } = await phonePage();
  await page.locator(`#ict-prerender ${FIELD}`).fill('bốn mươi');
  assert.equal(await quickText(page, '[data-testid="index-score"]'), '0,7350');
  assert.equal(await page.locator(`#ict-prerender ${FIELD}`).getAttribute('aria-invalid'), 'true');
  // A message says so (the app says why), and the field points to it.
  const said = await page.locator(`#ict-prerender ${FIELD}`).getAttribute('aria-describedby');
  assert.match(await page.locator(`#ict-prerender #${said}[role="alert"]`).innerText(), /chưa được nhận/);
  release();
  await page.waitForSelector('#ict-prerender', { state: 'detached' });
  await page.waitForSelector('[data-testid="input-error"]');
  assert.match(await page.innerText('[data-testid="input-error"]'), /số/);
  assert.equal(await page.inputValue(FIELD), 'bốn mươi');
  assert.equal(await page.innerText('[data-testid="index-score"]'), '0,7350');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the quick editor: a slider moves the field too, back at the baseline every figure shows again, and a reload keeps an edit', async () => {
  const { page, context, errors } = await phonePage();
  const slider = page.locator('#ict-prerender input[data-slider="fixed-broadband-per-100"]');
  await slider.evaluate((el) => { el.value = '30'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.equal(await page.inputValue(`#ict-prerender ${FIELD}`), '30,00');
  assert.notEqual(await quickText(page, '[data-testid="index-score"]'), '0,7350');
  // Its arrow keys move it as the app's do (about 1 % of the plausible range, not one last
  // decimal), and its range widens to a typed value beyond it.
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  const stepped = await page.inputValue(`#ict-prerender ${FIELD}`);
  assert.ok(Number(stepped.replace(',', '.')) - 30 >= 0.1, `one arrow step: ${stepped}`);
  await page.locator(`#ict-prerender ${FIELD}`).fill('95');
  assert.equal(await slider.inputValue(), '95');
  // Typed back to the baseline: the pre-rendered figures are right again, the address clean.
  await page.locator(`#ict-prerender ${FIELD}`).fill('14,50');
  assert.equal(await quickText(page, '[data-testid="index-score"]'), '0,7350');
  assert.equal(await page.locator('#ict-prerender').getAttribute('data-early'), 'baseline');
  assert.equal(await page.locator('#ict-prerender .card.scenario .changes').isVisible(), true);
  await page.waitForTimeout(400);
  assert.equal(new URL(page.url()).hash, '');
  // An edit, the page hidden at once (a phone switching apps: the address is written then,
  // not 250 ms later), then a reload before the app came: the page opens on the edit.
  await page.locator(`#ict-prerender ${FIELD}`).fill('40');
  const hash = await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    return location.hash;
  });
  assert.match(hash, /^#v1\./);
  await page.unrouteAll();
  await page.reload();
  await page.waitForSelector('#ict-prerender', { state: 'detached' });
  assert.equal(await page.innerText('[data-testid="index-score"]'), '0,7551');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a province chosen and a button pressed before the app came are done by the app when it takes over', async () => {
  // A choice: the pre-rendered figures (Quảng Ninh's) are hidden meanwhile, with a note; then
  // a button: both are done, in order.
  const first = await phonePage();
  await first.page.locator('#ict-prerender [data-testid="province-select"]').selectOption('01');
  assert.equal(await first.page.locator('#ict-prerender').getAttribute('data-early'), 'pending');
  assert.equal(await first.page.locator('#ict-prerender [data-testid="index-score"]').isVisible(), false);
  assert.match(await first.page.locator('#ict-prerender .quick-loading').innerText(), /Đang tải/);
  await first.page.locator('#ict-prerender [data-testid="lang-toggle"]').click();
  // A link waits for the app too (the address stays the default page's).
  await first.page.locator('#ict-prerender a.skip').dispatchEvent('click');
  assert.equal(new URL(first.page.url()).hash, '');
  first.release();
  await first.page.waitForSelector('#ict-prerender', { state: 'detached' });
  await first.page.waitForFunction(() => document.querySelector('[data-testid="province-select"]').value === '01');
  await first.page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.match(await first.page.innerText('#results-title'), /Ha Noi/);
  assert.deepEqual(first.errors, []);
  await first.context.close();
  // An edit, then the language button: the app opens on the edit, in English.
  const second = await phonePage();
  await second.page.locator(`#ict-prerender ${FIELD}`).fill('40');
  await second.page.locator('#ict-prerender [data-testid="lang-toggle"]').click();
  second.release();
  await second.page.waitForSelector('#ict-prerender', { state: 'detached' });
  await second.page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await second.page.innerText('[data-testid="index-score"]'), '0.7551');
  assert.deepEqual(second.errors, []);
  await second.context.close();
});
