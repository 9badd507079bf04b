// Accessibility and delivery: axe-core scan, keyboard-only use, strict CSP, no foreign requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openPage, text, axeViolations, ROOT } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

/** Presentation mode: axe on the stage alone, then with the rest of the app open below it. */
async function assertStageAccessible(page) {
  await page.click('.present-toggle');
  await page.locator('[data-testid="stage"]').waitFor();
  assert.deepEqual(await axeViolations(page, { ready: null }), []);
  await page.click('[data-testid="show-all"]');
  assert.deepEqual(await axeViolations(page), []);
}

test('axe-core finds no serious or critical violation (Vietnamese, English, presentation, error state)', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  assert.deepEqual(await axeViolations(page), []);
  await page.fill('input[data-indicator="households-with-computer-pct"]', 'abc');
  await page.locator('[data-testid="input-error"]').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.click('[data-testid="lang-toggle"]');
  await assertStageAccessible(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('axe-core: the data panel with an import preview, import errors, and the saved-scenario panel', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('.data summary');
  await page.click('.scenarios summary');
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
  const lines = fs.readFileSync(await d.path(), 'utf8').slice(1).trim().split(/\r?\n/);
  const col = lines[0].split(',').indexOf('fixed-phones-per-100');
  const cells = lines[1].split(',');
  cells[col] = '7.5';
  lines[1] = cells.join(',');
  await page.setInputFiles('[data-testid="import-data"]', { name: 'bo.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.locator('[data-testid="import-preview"]').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await page.setInputFiles('[data-testid="import-data"]', { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('province_id,nope\n99,1\n') });
  await page.locator('[data-testid="import-errors"]').waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: skip link, edit a value, move a slider, shortcuts', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  // The skip link moves focus to the results and leaves the address (the scenario) alone.
  const address = page.url();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results');
  assert.equal(page.url(), address);
  await page.evaluate(() => document.activeElement.blur());
  await page.evaluate(() => window.scrollTo(0, 0));
  // Tab forward to the first indicator field (through the rest of the results, then from the top).
  let found = false;
  for (let i = 0; i < 120 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement.dataset.indicator === 'fixed-phones-per-100');
  }
  assert.ok(found, 'the first indicator field is reachable with Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('11');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  const afterTyping = await text(page, '[data-testid="index-score"]');
  // The slider of the same indicator is next; End moves it to its maximum.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.slider), 'fixed-phones-per-100');
  await page.keyboard.press('End');
  await page.waitForFunction((v) => document.querySelector('[data-testid="index-score"]').innerText !== v, afterTyping);
  assert.equal(await page.inputValue('input[data-indicator="fixed-phones-per-100"]'), '12,000');
  // Shortcuts work when no field has focus: "?" lists them, Escape closes, "r" resets.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('?');
  await page.locator('[data-testid="shortcuts"]').waitFor();
  // Every key the app answers is listed, n / b (next / previous saved scenario) included.
  assert.deepEqual(await page.locator('[data-testid="shortcuts"] kbd').allInnerTexts(), ['p', 'a', 'f', 'r', 'n', 'b', 'PageDown / PageUp', '← → ↑ ↓', 'l', '?', 'Esc', 'Ctrl+Z', 'Ctrl+Shift+Z / Ctrl+Y']);
  assert.match(await page.locator('[data-testid="shortcuts"]').innerText(), /Kịch bản đã lưu tiếp theo[\s\S]*Kịch bản đã lưu trước đó/);
  await page.keyboard.press('Escape');
  await page.locator('[data-testid="shortcuts"]').waitFor({ state: 'detached' });
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText === '0,7350');
  await page.keyboard.press('p');
  assert.equal(await page.getAttribute('body', 'data-present'), 'true');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the hosted build runs under a strict CSP with no inline script and asks no other host', async () => {
  const html = fs.readFileSync(path.join(ROOT, 'dist/index.html'), 'utf8');
  assert.match(html, /http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script>');
  assert.match(html, /<script type="module" src="\.\/init-[0-9a-f]+\.js" integrity="sha384-/);
  const requests = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) violations.push(m.text()); });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(srv.url);
  await page.waitForSelector('[data-testid="index-score"]');
  await page.fill('input[data-indicator="fixed-broadband-per-100"]', '40');
  await page.click('[data-preset="ke-hoach-60"]');
  // index.html, loader, glue, wasm, css: a handful of same-origin requests.
  assert.ok(requests.length <= 8, `${requests.length} requests: ${requests.join(', ')}`);
  // The Excel module loads under the same policy (script element + fetch, both with integrity).
  await page.click('.data summary');
  await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-results-xlsx"]')]);
  assert.equal(requests.filter((u) => /ict-io-/.test(u)).length, 2);
  assert.deepEqual(violations, []);
  // A blob: of this origin is made by the page itself (the Monte Carlo's worker, allowed by
  // `worker-src blob:` with no violation above), not fetched from anywhere.
  const foreign = requests.filter((u) => !u.startsWith(srv.origin) && !u.startsWith('data:') && !u.startsWith(`blob:${srv.origin}/`));
  assert.deepEqual(foreign, []);
  await context.close();
});

test('axe-core: the 34 units, a merged unit with its former provinces, in both layouts', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.selectOption('[data-testid="province-set"]', '34');
  await page.selectOption('[data-testid="province-select"]', '25');
  await page.locator('[data-testid="unit-members"] td[data-share="population"]').first().waitFor();
  assert.deepEqual(await axeViolations(page), []);
  await assertStageAccessible(page);
  assert.deepEqual(errors, []);
  await context.close();
});
