// Saved scenarios, comparison and scenario files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, openPage, text, typeValue, waitLive } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const score = (page) => text(page, '[data-testid="index-score"]');

async function saveAs(page, name) {
  await page.fill('[data-testid="scenario-name"]', name);
  await page.click('[data-testid="save-scenario"]');
  await page.locator('[data-testid="scenario-list"] li', { hasText: name }).first().waitFor();
}

test('save, survive a reload, rename, duplicate, show, compare and delete', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('.scenarios summary');
  // An empty name is refused with a message.
  await page.click('[data-testid="save-scenario"]');
  await page.locator('.save-form .error[role="alert"]').waitFor();
  await typeValue(page, 'fixed-broadband-per-100', '40');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  const a = await score(page);
  await saveAs(page, 'Băng rộng 40');
  await page.click('[data-testid="reset"]');
  await typeValue(page, 'households-with-computer-pct', '90');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  const b = await score(page);
  await saveAs(page, 'Máy tính 90%');
  // Reload: both are still there.
  await page.reload();
  await waitLive(page);
  const list = page.locator('[data-testid="scenario-list"] li');
  assert.equal(await list.count(), 2);
  // Show the first: its score comes back.
  await list.nth(0).locator('[data-testid="load-scenario"]').click();
  await page.waitForFunction((a) => document.querySelector('[data-testid="index-score"]').innerText === a, a);
  // Rename and duplicate.
  await list.nth(0).locator('text=Đổi tên').click();
  await list.nth(0).locator('.rename input').fill('Kịch bản A');
  await list.nth(0).locator('.rename button').click();
  await page.locator('[data-testid="scenario-list"] li', { hasText: 'Kịch bản A' }).waitFor();
  await list.nth(0).locator('text=Nhân bản').click();
  assert.equal(await list.count(), 3);
  assert.match(await list.nth(1).innerText(), /Kịch bản A \(bản sao\)/);
  // Compare two saved scenarios with the current one.
  await list.nth(0).locator('input[type="checkbox"]').check();
  await list.nth(2).locator('input[type="checkbox"]').check();
  const cmp = page.locator('[data-testid="compare"]');
  await cmp.waitFor();
  assert.equal(await cmp.locator('thead th').count(), 4);
  const indexRow = await cmp.locator('tr[data-node="ict-index"]').innerText();
  assert.ok(indexRow.includes(a) && indexRow.includes(b), indexRow);
  assert.ok(await cmp.locator('tr.indicator-diff').count() >= 1);
  // Delete.
  await list.nth(1).locator('[data-testid="delete-scenario"]').click();
  assert.equal(await list.count(), 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a scenario name is shown as text, never as HTML', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('.scenarios summary');
  await page.evaluate(() => { window.__xss = 0; });
  await saveAs(page, '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>');
  assert.equal(await page.evaluate(() => window.__xss), 0);
  assert.equal(await page.locator('[data-testid="scenario-list"] img').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a corrupted store is reported, the readable part kept and the original backed up', async () => {
  const context = await browser.newContext();
  const good = { id: 'a-0', schema: 'ict-index-scenario/1', name: 'Đọc được', year: 2019, province: '22', scenario: {} };
  await context.addInitScript((good) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('ict-index/scenarios/v1', JSON.stringify([good, { id: 'b', schema: 'other/9' }, 42]));
      sessionStorage.setItem('seeded', '1');
    }
  }, good);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(srv.url);
  await page.waitForSelector('[data-testid="index-score"]');
  assert.match(await text(page, '[data-testid="notice"]'), /không đọc được/);
  assert.equal(await page.locator('[data-testid="scenario-list"] li').count(), 1);
  const backup = await page.evaluate(() => localStorage.getItem('ict-index/scenarios/v1.unreadable'));
  assert.match(backup, /other\/9/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an earlier backup is never written over; unreadable imported data are backed up before an import', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('ict-index/scenarios/v1.unreadable', '[{"earlier": true}]');
      localStorage.setItem('ict-index/scenarios/v1', '[{"id": "c", "schema": "other/9"}]');
      localStorage.setItem('ict-index/imported/v1', '{"2019": [["22", "fixed-broadband');
      sessionStorage.setItem('seeded', '1');
    }
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(srv.url);
  await page.waitForSelector('[data-testid="index-score"]');
  await page.waitForFunction(() => document.documentElement.dataset.more === 'live');
  const kept = await page.evaluate(() => [
    localStorage.getItem('ict-index/scenarios/v1.unreadable'),
    localStorage.getItem('ict-index/scenarios/v1.unreadable.2'),
    localStorage.getItem('ict-index/imported/v1.unreadable'),
  ]);
  assert.deepEqual(kept, [
    '[{"earlier": true}]',
    '[{"id": "c", "schema": "other/9"}]',
    '{"2019": [["22", "fixed-broadband',
  ]);
  // Both said: the saved scenarios, and the imported data (the built-in data shown).
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="notice"]').length >= 2);
  const said = await page.locator('[data-testid="notice"]').allInnerTexts();
  assert.ok(said.some((t) => /kịch bản đã lưu/.test(t)), said.join(' | '));
  assert.ok(said.some((t) => /Dữ liệu đã nhập .* không đọc được/.test(t)), said.join(' | '));
  assert.equal(await page.locator('[data-testid="index-score"]').innerText(), '0,7350');
  // The next load backs nothing up twice.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.more === 'live');
  assert.equal(await page.evaluate(() => localStorage.getItem('ict-index/scenarios/v1.unreadable.3')), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('scenario files: export, import, and a broken file changes nothing', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('.scenarios summary');
  await typeValue(page, 'fixed-broadband-per-100', '40');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  const edited = await score(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-scenario"]')]);
  const json = fs.readFileSync(await download.path(), 'utf8');
  const file = JSON.parse(json);
  assert.equal(file.schema, 'ict-index-scenario/1');
  assert.equal(file.scenario.values['22']['fixed-broadband-per-100'], 40);
  await page.click('[data-testid="reset"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText === '0,7350');
  await page.setInputFiles('[data-testid="import-scenario"]', { name: 'k.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await page.waitForFunction((e) => document.querySelector('[data-testid="index-score"]').innerText === e, edited);
  assert.equal(await page.locator('[data-testid="scenario-list"] li').count(), 1);
  // Broken: another version; then not JSON at all. Nothing changes, the message says why.
  const other = JSON.stringify({ ...file, schema: 'ict-index-scenario/2' });
  await page.setInputFiles('[data-testid="import-scenario"]', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(other) });
  // Each refusal stands as its own notice, after the earlier ones (the import's stays too).
  await page.locator('[data-testid="notice"][role="alert"]').waitFor();
  assert.match(await text(page, '[data-testid="notice"][role="alert"]'), /ict-index-scenario\/2/);
  await page.setInputFiles('[data-testid="import-scenario"]', { name: 'y.json', mimeType: 'application/json', buffer: Buffer.from('{"schema": ') });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="notice"][role="alert"]')].length === 2
    && /không/i.test(document.querySelectorAll('[data-testid="notice"][role="alert"]')[1].innerText));
  assert.match(await page.locator('[data-testid="notice"][role="status"]').innerText(), /Đã nhập kịch bản/);
  assert.equal(await score(page), edited);
  assert.equal(await page.locator('[data-testid="scenario-list"] li').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
