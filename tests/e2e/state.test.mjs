// Answers that belong to what is on screen: the three sequences that once gave a wrong number
// or a dead page, undo and redo, a random walk through the page, and the panic message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, openPage, text, typeValue, PANIC_DIST } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const seek = (page) => page.click('.goal button[type="submit"]');
const result = (page) => page.locator('[data-testid="goal-result"]');

test('an answer for 2018 is not shown in 2019, and the page keeps working', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.selectOption('[data-testid="year-select"]', '2018');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText === '0,6396');
  // The last indicator of 2018, which 2019 does not have.
  await page.selectOption('[data-testid="goal-indicator"]', 'universities-teaching-it-pct');
  await seek(page);
  await result(page).locator('[data-answer-indicator="universities-teaching-it-pct"]').waitFor();
  await page.selectOption('[data-testid="year-select"]', '2019');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText === '0,7350');
  await result(page).locator('[data-testid="answer-stale"]').waitFor();
  assert.equal(await result(page).locator('[data-answer-indicator]').count(), 0);
  const chosen = await page.inputValue('[data-testid="goal-indicator"]');
  assert.notEqual(chosen, 'universities-teaching-it-pct');
  // The page still answers: language toggle, edits.
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await typeValue(page, 'households-with-computer-pct', '60');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0.7350');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an answer is applied to its own indicator only', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.fill('[data-testid="goal-rank"]', '2');
  // The first indicator that reaches rank 2 alone (found by trying, as a planner would).
  const ids = await page.locator('[data-testid="goal-indicator"] option').evaluateAll((os) => os.map((o) => o.value));
  let found = null;
  for (const id of ids.filter((i) => i !== 'adult-literacy-pct')) {
    await page.selectOption('[data-testid="goal-indicator"]', id);
    await seek(page);
    await result(page).locator(`[data-answer-indicator="${id}"]`).waitFor();
    if (await result(page).locator('[data-testid="apply-single"]').count()) { found = id; break; }
  }
  assert.ok(found, 'some indicator reaches rank 2 alone');
  const literacy = await page.inputValue('input[data-indicator="adult-literacy-pct"]');
  const before = await page.inputValue(`input[data-indicator="${found}"]`);
  // The select moves to literacy: the answer no longer answers the question on screen.
  await page.selectOption('[data-testid="goal-indicator"]', 'adult-literacy-pct');
  await result(page).locator('[data-testid="answer-stale"]').waitFor();
  assert.equal(await result(page).locator('[data-testid="apply-single"]').count(), 0);
  assert.equal(await page.inputValue('input[data-indicator="adult-literacy-pct"]'), literacy);
  // Back to the question it answers: applied where it belongs.
  await page.selectOption('[data-testid="goal-indicator"]', found);
  await result(page).locator('[data-testid="apply-single"]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="index-rank"]').innerText.match(/\d+/)[0]) <= 2);
  assert.notEqual(await page.inputValue(`input[data-indicator="${found}"]`), before);
  assert.equal(await page.inputValue('input[data-indicator="adult-literacy-pct"]'), literacy);
  // One step: undo takes it back.
  await page.click('[data-testid="undo"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText === '0,7350');
  assert.equal(await page.inputValue(`input[data-indicator="${found}"]`), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the method rank table follows the edition', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  const table = '[data-testid="method-rank-table"]';
  // The panel is open while the method differs from the default (and opened by a click).
  const openMethod = async () => {
    if (!(await page.locator('details.method').evaluate((d) => d.open))) await page.click('.method summary');
  };
  await openMethod();
  await page.selectOption('[data-testid="normalisation"]', 'ratio-to-max');
  await page.locator(table).waitFor();
  const in2019 = await text(page, table);
  await page.selectOption('[data-testid="year-select"]', '2018');
  await page.waitForFunction(() => document.querySelector('[data-testid="baseline-score"]').innerText === '0,6396');
  await openMethod();
  await page.selectOption('[data-testid="normalisation"]', 'ratio-to-max');
  await page.locator(table).waitFor();
  const in2018 = await text(page, table);
  assert.notEqual(in2018, in2019);
  await page.selectOption('[data-testid="year-select"]', '2019');
  await page.waitForFunction(() => document.querySelector('[data-testid="baseline-score"]').innerText === '0,7350');
  assert.equal(await text(page, table), in2019);
  // Quảng Ninh's default rank in 2019 is 3 wherever it appears.
  const qn = page.locator(`${table} tr[data-province="22"] td`).first();
  if (await qn.count()) assert.equal(await qn.innerText(), '3');
  assert.deepEqual(errors, []);
  await context.close();
});

test('undo and redo: buttons and keys; edits of one field are one step', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  const score = () => text(page, '[data-testid="index-score"]');
  await typeValue(page, 'households-with-computer-pct', '90');
  await page.locator('input[data-indicator="households-with-computer-pct"]').blur();
  await typeValue(page, 'fixed-broadband-per-100', '40');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  const both = await score();
  // Ctrl+Z in the field undoes the app's step (the broadband edit).
  await page.locator('input[data-indicator="fixed-broadband-per-100"]').press('Control+z');
  await page.waitForFunction((b) => document.querySelector('[data-testid="index-score"]').innerText !== b, both);
  const one = await score();
  assert.notEqual(one, '0,7350');
  await page.click('[data-testid="undo"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText === '0,7350');
  assert.equal(await page.getAttribute('[data-testid="undo"]', 'aria-disabled'), 'true');
  await page.locator('body').press('Control+Shift+z');
  await page.waitForFunction((o) => document.querySelector('[data-testid="index-score"]').innerText === o, one);
  await page.locator('body').press('Control+y');
  await page.waitForFunction((b) => document.querySelector('[data-testid="index-score"]').innerText === b, both);
  assert.equal(await page.getAttribute('[data-testid="redo"]', 'aria-disabled'), 'true');
  // A preset is one step too.
  await page.click('[data-preset="ke-hoach-60"]');
  await page.waitForFunction((b) => document.querySelector('[data-testid="index-score"]').innerText !== b, both);
  await page.click('[data-testid="undo"]');
  await page.waitForFunction((b) => document.querySelector('[data-testid="index-score"]').innerText === b, both);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a random walk through the page never shows an answer for another state', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  // A fixed-seed walk (xorshift), so that a failure is the same on every run.
  let x = 2026;
  const rnd = (n) => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return Math.abs(x) % n; };
  const inds = await page.locator('input[data-indicator]').evaluateAll((is) => is.map((i) => i.dataset.indicator));
  const steps = [];
  for (let k = 0; k < 40; k++) {
    const r = rnd(10);
    if (r === 0) { steps.push('year'); await page.selectOption('[data-testid="year-select"]', rnd(2) ? '2018' : '2019'); }
    else if (r === 1) { steps.push('province'); await page.selectOption('[data-testid="province-select"]', ['22', '48', '01', '72'][rnd(4)]); }
    else if (r <= 4) {
      const id = inds[rnd(inds.length)];
      const input = page.locator(`input[data-indicator="${id}"]`);
      if (await input.count()) { steps.push(`type ${id}`); await input.fill(String(rnd(90) + 1)); }
    } else if (r === 5) { steps.push('seek'); await seek(page); }
    else if (r === 6) {
      const apply = result(page).locator('[data-testid="apply-single"], [data-testid="apply-plan"]').first();
      if (await apply.count()) { steps.push('apply'); await apply.click(); }
    } else if (r === 7 || r === 8) {
      // Enabled or not (aria-disabled), the buttons take a click; the keys work anywhere.
      const which = r === 7 ? 'undo' : 'redo';
      steps.push(which);
      if (rnd(2)) await page.locator(`[data-testid="${which}"]`).dispatchEvent('click');
      else await page.locator('body').press(r === 7 ? 'Control+z' : 'Control+y');
    }
    else { steps.push('reset'); await page.click('[data-testid="reset"]'); }
    // An answer shown as current names an indicator of the edition on screen, and its
    // apply buttons exist only with it.
    const shown = await result(page).locator('[data-answer-indicator]').evaluateAll((es) => es.map((e) => e.dataset.answerIndicator));
    const present = await page.locator('input[data-indicator]').evaluateAll((is) => is.map((i) => i.dataset.indicator));
    for (const id of shown) assert.ok(present.includes(id), `${id} after ${steps.join(', ')}`);
    assert.deepEqual(errors, [], steps.join(', '));
  }
  await context.close();
});

test('should the app ever panic: a message in both languages, and reloading loses nothing', async (t) => {
  if (!fs.existsSync(PANIC_DIST)) { t.skip('no test build with the panic trigger (cargo xtask test makes it)'); return; }
  const panicSrv = await serveDist(PANIC_DIST);
  try {
    const { page, context } = await openPage(browser, panicSrv.url, { origin: panicSrv.origin });
    await typeValue(page, 'households-with-computer-pct', '77,5');
    await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
    // At once: the regular address write waits 250 ms after the last edit.
    await page.evaluate(() => window.dispatchEvent(new Event('ict-index:panic-test')));
    const dialog = page.locator('[data-testid="panic"]');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('role'), 'alertdialog');
    const said = await dialog.innerText();
    assert.match(said, /Ứng dụng gặp lỗi/);
    assert.match(said, /The app hit an error/);
    assert.match(page.url(), /#v3\./);
    // The button is focused and reloads (a browser function: the app is gone).
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'panic-reload');
    await Promise.all([page.waitForEvent('load'), page.click('[data-testid="panic-reload"]')]);
    await page.waitForSelector('[data-testid="index-score"]');
    assert.equal(await page.inputValue('input[data-indicator="households-with-computer-pct"]'), '77,50');
    await context.close();
  } finally {
    panicSrv.server.close();
  }
});
