// End-to-end tests of the what-if screen on the release build, served under a sub-path.
import { test, before, after } from 'node:test';
import fs from 'node:fs';
import zlib from 'node:zlib';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, openOneFile, text, typeValue, LAST_PANEL } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const num = (s) => Number(s.replace(/\./g, '').replace(',', '.').replace('−', '-'));
const rankOf = (s) => Number(s.match(/\d+/)[0]);

test('published figures of Quảng Ninh 2019 are on screen, in Vietnamese format', async () => {
  const { page, context, errors, foreign } = await openPage(browser, srv.url, { origin: srv.origin });
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.inputValue('[data-testid="province-select"]'), '22');
  assert.equal(await page.inputValue('[data-testid="year-select"]'), '2019');
  assert.equal(await text(page, '[data-testid="index-score"]'), '0,7350');
  assert.equal(rankOf(await text(page, '[data-testid="index-rank"]')), 3);
  assert.equal(await text(page, '[data-testid="baseline-score"]'), '0,7350');
  const expected = { htkt: '0,5876', 'htkt-xh': '0,5388', 'htkt-cqnn': '0,6364', htnl: '0,9449',
    'htnl-xh': '0,9941', 'htnl-cqnn': '0,8956', 'ud-cqnn': '0,4849', 'ud-dvctt': '0,8600' };
  for (const [id, v] of Object.entries(expected)) {
    assert.equal(await text(page, `[data-testid="score-${id}"]`), v, id);
  }
  // Ranking: Đà Nẵng 0,8654, Thừa Thiên Huế 0,8046, Quảng Ninh third, Tây Ninh 0,4582 at 25.
  // The ranking table joins after the first paint (the last of the late panels).
  await page.locator(LAST_PANEL).first().waitFor({ state: 'attached' });
  const rows = page.locator('[data-testid="ranking-table"] tbody tr');
  assert.equal(await rows.count(), 63);
  assert.deepEqual(await rows.evaluateAll((trs) => trs.slice(0, 8).map((tr) => tr.dataset.province)),
    ['48', '46', '22', '77', '82', '27', '79', '01']);
  assert.equal(await text(page, 'tr[data-province="48"] [data-testid="row-score"]'), '0,8654');
  assert.equal(await text(page, 'tr[data-province="46"] [data-testid="row-score"]'), '0,8046');
  assert.equal(await text(page, 'tr[data-province="72"] [data-testid="row-score"]'), '0,4582');
  assert.equal(await rows.nth(24).getAttribute('data-province'), '72');
  // Quảng Ninh's rank on an indicator, as the plan reports it.
  assert.match(await text(page, '[data-testid="indicator-rank-households-with-computer-pct"]'), /27\/63/);
  // An estimated cell says so, and names the model it was estimated with.
  const badge = page.locator('[data-row="fixed-broadband-per-100"] .badge');
  assert.match(await badge.innerText(), /ước tính/);
  assert.match(await badge.getAttribute('title'), /Mô hình ước tính theo: .*GRDP\/người 2019/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('the 2018 edition shows 0,6396 and rank 4', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.selectOption('[data-testid="year-select"]', '2018');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText === '0,6396');
  assert.equal(rankOf(await text(page, '[data-testid="index-rank"]')), 4);
  assert.equal(await text(page, '[data-testid="score-ud"]'), '0,6593');
  assert.equal(await page.locator('input[data-indicator="universities-teaching-it-pct"]').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an edit moves score and rank, consistently with the ranking table', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  const before = num(await text(page, '[data-testid="index-score"]'));
  await typeValue(page, 'households-with-computer-pct', '90');
  await typeValue(page, 'fixed-broadband-per-100', '40');
  await page.waitForFunction((b) => document.querySelector('[data-testid="index-score"]').innerText !== b, '0,7350');
  const after = num(await text(page, '[data-testid="index-score"]'));
  assert.ok(after > before, `${after} > ${before}`);
  const rank = rankOf(await text(page, '[data-testid="index-rank"]'));
  assert.ok(rank <= 3);
  // The ranking table agrees with the score card.
  const row = page.locator('tr[data-province="22"]');
  assert.equal(num(await text(page, 'tr[data-province="22"] [data-testid="row-score"]')), after);
  const position = await page.locator('[data-testid="ranking-table"] tbody tr').evaluateAll(
    (trs) => trs.findIndex((tr) => tr.dataset.province === '22') + 1);
  assert.equal(position, rank);
  // The baseline does not move.
  assert.equal(await text(page, '[data-testid="baseline-score"]'), '0,7350');
  // The household indicator is now first among provinces? At 90% it beats every estimate (max 65%).
  assert.match(await text(page, '[data-testid="indicator-rank-households-with-computer-pct"]'), /\b1\/63/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('bad input is rejected with a message and the last valid value is kept', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await typeValue(page, 'households-with-computer-pct', '50');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  const valid = await text(page, '[data-testid="index-score"]');
  await typeValue(page, 'households-with-computer-pct', 'abc');
  const err = page.locator('[data-testid="input-error"]');
  await err.waitFor({ state: 'visible' });
  assert.equal(await err.getAttribute('role'), 'alert');
  assert.match(await err.innerText(), /Không phải là số/);
  assert.equal(await text(page, '[data-testid="index-score"]'), valid);
  await typeValue(page, 'households-with-computer-pct', '150');
  assert.match(await err.innerText(), /Ngoài khoảng hợp lệ \(0 – 100/);
  assert.equal(await text(page, '[data-testid="index-score"]'), valid);
  await typeValue(page, 'households-with-computer-pct', '');
  assert.match(await err.innerText(), /Hãy nhập một số/);
  await typeValue(page, 'households-with-computer-pct', '55,5');
  await err.waitFor({ state: 'detached' });
  assert.notEqual(await text(page, '[data-testid="index-score"]'), valid);
  assert.deepEqual(errors, []);
  await context.close();
});

test('preset of plan 60/KH-UBND applies its targets; reset goes back to baseline', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('[data-preset="ke-hoach-60"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  assert.equal(await page.inputValue('input[data-indicator="fixed-broadband-per-100"]'), '40,00');
  assert.equal(await page.inputValue('input[data-indicator="computers-per-civil-servant"]'), '1,300');
  assert.equal(await page.inputValue('input[data-indicator="households-with-computer-pct"]'), '90,00');
  assert.ok(num(await text(page, '[data-testid="index-score"]')) > 0.735);
  await page.locator('[data-testid="notice"]').waitFor();
  await page.click('[data-testid="reset"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText === '0,7350');
  assert.equal(rankOf(await text(page, '[data-testid="index-rank"]')), 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the language toggle switches labels, number format and <html lang>', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await text(page, '[data-testid="index-score"]'), '0.7350');
  assert.match(await text(page, 'h1'), /what-if calculator/);
  assert.equal(await page.inputValue('input[data-indicator="adult-literacy-pct"]'), '99.80');
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  assert.equal(await text(page, '[data-testid="index-score"]'), '0,7350');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the address encodes the scenario; a damaged address shows the baseline and says so', async () => {
  const { page, context } = await openPage(browser, srv.url, { origin: srv.origin });
  await typeValue(page, 'fixed-broadband-per-100', '40');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  const score = await text(page, '[data-testid="index-score"]');
  // The address follows a moment after the last edit.
  await page.waitForFunction(() => location.href === document.querySelector('[data-testid="share-link"]').dataset.href);
  const url = page.url();
  assert.match(url, /#v3\./);
  assert.equal(await page.getAttribute('[data-testid="share-link"]', 'data-href'), url);
  await context.close();
  const fresh = await openPage(browser, url, { origin: srv.origin });
  assert.equal(await text(fresh.page, '[data-testid="index-score"]'), score);
  assert.equal(await fresh.page.inputValue('input[data-indicator="fixed-broadband-per-100"]'), '40,00');
  await fresh.context.close();
  const brokenUrl = url.slice(0, -6) + 'xx!!';
  const broken = await openPage(browser, brokenUrl, { origin: srv.origin });
  assert.equal(await text(broken.page, '[data-testid="index-score"]'), '0,7350');
  assert.match(await text(broken.page, '[data-testid="notice"]'), /hỏng/);
  // The refused address stays as it was until something is changed (it can be copied,
  // reported, or read by a later version), then it is the page's.
  await broken.page.waitForTimeout(600);
  assert.equal(broken.page.url(), brokenUrl);
  await typeValue(broken.page, 'fixed-broadband-per-100', '41');
  await broken.page.waitForFunction(() => location.hash.startsWith('#v3.'));
  assert.deepEqual(broken.errors, []);
  await broken.context.close();
});

/** An address as versions before v3 wrote it: `v1.` (the 63 provinces) or `v2.` (another set,
 * named in `u`), base64url of the raw deflate of the JSON. */
const legacyAddress = (wire) =>
  `#${wire.u ? 'v2' : 'v1'}.${zlib.deflateRawSync(Buffer.from(JSON.stringify(wire))).toString('base64url')}`;

test('addresses shared before v3 (v1 and v2) still open, and are written again as v3', async () => {
  const v1 = legacyAddress({ y: 2019, p: '22', l: 'en', s: { values: { 22: { 'fixed-broadband-per-100': 40 } } } });
  const a = await openPage(browser, srv.url + v1, { origin: srv.origin });
  assert.equal(await a.page.inputValue('input[data-indicator="fixed-broadband-per-100"]'), '40.00');
  assert.equal(await a.page.evaluate(() => document.documentElement.lang), 'en');
  assert.notEqual(await text(a.page, '[data-testid="index-score"]'), '0.7350');
  const score = await text(a.page, '[data-testid="index-score"]');
  await a.page.waitForFunction(() => location.hash.startsWith('#v3.'));
  const again = await openPage(browser, a.page.url(), { origin: srv.origin });
  assert.equal(await text(again.page, '[data-testid="index-score"]'), score);
  assert.deepEqual([...a.errors, ...again.errors], []);
  await a.context.close();
  await again.context.close();
  // v2: the 34 units of 2025 (Quảng Ninh is unit 22 there too).
  const v2 = legacyAddress({ y: 2019, p: '22', l: 'vi', u: '34', s: { values: { 22: { 'households-with-computer-pct': 90 } } } });
  const b = await openPage(browser, srv.url + v2, { origin: srv.origin });
  assert.equal(await b.page.inputValue('[data-testid="province-set"]'), '34');
  assert.equal(await b.page.inputValue('input[data-indicator="households-with-computer-pct"]'), '90,00');
  assert.match(await text(b.page, '[data-testid="index-rank"]'), /\/34/);
  assert.deepEqual(b.errors, []);
  await b.context.close();
});

test('embed and presentation modes set their body attributes', async () => {
  const e = await openPage(browser, srv.url + '?embed=1', { origin: srv.origin, viewport: { width: 360, height: 700 } });
  assert.equal(await e.page.getAttribute('body', 'data-embed'), 'true');
  const overflow = await e.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px at 360 px`);
  await e.context.close();
  const p = await openPage(browser, srv.url + '?present=1', { origin: srv.origin });
  assert.equal(await p.page.getAttribute('body', 'data-present'), 'true');
  await p.page.click('.present-toggle');
  assert.equal(await p.page.getAttribute('body', 'data-present'), 'false');
  await p.context.close();
});

test('the one-file build works from disk with no network', async () => {
  const { page, context, errors, foreign } = await openOneFile(browser);
  assert.equal(await text(page, '[data-testid="index-score"]'), '0,7350');
  await typeValue(page, 'fixed-broadband-per-100', '40');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a changed method is marked unofficial, shows rank moves, and can be undone', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('.method summary');
  await page.selectOption('[data-testid="normalisation"]', 'ratio-to-max');
  await page.locator('[data-testid="unofficial-badge"]').waitFor();
  await page.locator('[data-testid="method-rank-table"]').waitFor();
  assert.ok(await page.locator('[data-testid="method-rank-table"] tbody tr').count() > 0);
  await page.fill('input[data-weight="htkt"]', 'abc');
  await page.locator('.method .error[role="alert"]').waitFor();
  await page.fill('input[data-weight="htkt"]', '2');
  await page.locator('.method .error[role="alert"]').waitFor({ state: 'detached' });
  await page.click('text=Về phương pháp mặc định');
  await page.locator('[data-testid="unofficial-badge"]').waitFor({ state: 'detached' });
  assert.equal(await text(page, '[data-testid="index-score"]'), '0,7350');
  assert.deepEqual(errors, []);
  await context.close();
});

test('each chart has a text alternative and can be saved as PNG', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  for (const id of ['chart-pillars', 'chart-ranking', 'chart-waterfall', 'chart-history', 'chart-levers']) {
    const label = await page.getAttribute(`[data-testid="${id}"]`, 'aria-label');
    assert.ok(label && label.length > 10, `${id}: ${label}`);
  }
  assert.match(await page.getAttribute('[data-testid="chart-history"]', 'aria-label'), /2018: 0,6396 \(Hạng 4\).*2019: 0,7350 \(Hạng 3\)/);
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-png="chart-ranking"]')]);
  assert.equal(d.suggestedFilename(), 'ict-index-chart-ranking.png');
  const png = fs.readFileSync(await d.path());
  assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  // The backing store follows devicePixelRatio (crisp on HiDPI screens).
  const hidpi = await browser.newContext({ deviceScaleFactor: 2 });
  const p2 = await hidpi.newPage();
  await p2.goto(srv.url);
  await p2.waitForSelector('[data-testid="index-score"]');
  await p2.waitForFunction(() => { const c = document.querySelector('[data-testid="chart-pillars"]'); return c && c.width >= 2 * c.clientWidth - 1; });
  await hidpi.close();
  assert.deepEqual(errors, []);
  await context.close();
});

test('messages follow the language: bad input and a bad data file in English', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await typeValue(page, 'households-with-computer-pct', 'abc');
  assert.match(await text(page, '[data-testid="input-error"]'), /Not a number/);
  await typeValue(page, 'households-with-computer-pct', '150');
  assert.match(await text(page, '[data-testid="input-error"]'), /Outside the valid range \(0 – 100 %\)/);
  await page.click('.data summary');
  await page.setInputFiles('[data-testid="import-data"]', { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('province_id,no-such-indicator\n22,5\n') });
  await page.locator('[data-testid="import-errors"]').waitFor();
  assert.match(await text(page, '[data-testid="import-errors"]'), /nothing changed[\s\S]*Line 1/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('print: every changed chart is drawn first, at its own aspect ratio; a one-page summary', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await typeValue(page, 'households-with-computer-pct', '90');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  await page.locator('canvas[data-testid="chart-levers"]').waitFor({ state: 'attached' });
  await page.locator(LAST_PANEL).first().waitFor({ state: 'attached' });
  const draws = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('canvas[data-testid]')]
    .map((c) => [c.dataset.testid, Number(c.dataset.draws || 0)])));
  const before = await draws();
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const after = await draws();
  for (const [id, n] of Object.entries(after)) assert.ok(n >= 1, `${id} drawn before printing (${JSON.stringify(before)} → ${n})`);
  const shapes = await page.evaluate(() => [...document.querySelectorAll('.charts canvas.chart')].map((c) => {
    const r = c.getBoundingClientRect();
    return { id: c.dataset.testid, shown: r.height / r.width, drawn: c.height / c.width };
  }));
  assert.ok(shapes.length >= 3);
  for (const s of shapes) assert.ok(Math.abs(s.shown - s.drawn) / s.drawn < 0.03, `${s.id}: shown ${s.shown.toFixed(3)} vs drawn ${s.drawn.toFixed(3)}`);
  assert.equal(await page.locator('[data-testid="ranking-table"]').isVisible(), false, 'the ranking is left out of the summary');
  // One A4 page (Chromium's own PDF of the print layout).
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page[^s]/g) || []).length, 1, 'one page');
  // Printed from presentation mode: the same one light page.
  await page.emulateMedia({ media: 'screen' });
  await page.click('.present-toggle');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  const pdf2 = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal((pdf2.match(/\/Type\s*\/Page[^s]/g) || []).length, 1, 'one page from presentation mode');
  assert.equal(await page.locator('[data-row="households-with-computer-pct"]').isVisible(), true, 'the changed indicator is in it');
  assert.deepEqual(errors, []);
  await context.close();
});
