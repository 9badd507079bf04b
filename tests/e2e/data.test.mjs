// The ministry's table: template, import with preview and validation, restore, results export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, openPage, text } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

async function template(page) {
  await page.click('.data summary');
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
  const csv = fs.readFileSync(await d.path(), 'utf8');
  assert.ok(csv.startsWith('\ufeff'), 'UTF-8 BOM for Excel');
  return csv.slice(1);
}

test('template → edited file → preview → apply → imported label; persists; built-in restorable', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  const csv = await template(page);
  const lines = csv.trim().split(/\r?\n/);
  assert.match(lines[0], /^province_id,province_name,fixed-phones-per-100,/);
  assert.equal(lines.length, 64);
  // Quảng Ninh's fixed telephones become 9.5 (a new, "official" figure).
  const header = lines[0].split(',');
  const col = header.indexOf('fixed-phones-per-100');
  const qn = lines.findIndex((l) => l.startsWith('22,'));
  const cells = lines[qn].split(',');
  cells[col] = '9.5';
  lines[qn] = cells.join(',');
  await page.setInputFiles('[data-testid="import-data"]', { name: 'bo.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  const preview = page.locator('[data-testid="import-preview"]');
  await preview.waitFor();
  assert.match(await preview.innerText(), /1 ô thay đổi/);
  assert.equal(await text(page, '[data-testid="index-score"]'), '0,7350', 'nothing changes before Apply');
  await page.click('[data-testid="import-confirm"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="baseline-score"]').innerText !== '0,7350');
  assert.equal(await page.inputValue('input[data-indicator="fixed-phones-per-100"]'), '9,500');
  const row = page.locator('[data-row="fixed-phones-per-100"]');
  assert.match(await row.locator('.badge').innerText(), /nhập từ tệp/);
  // The baseline score is no longer labelled published: it is not the published data any more.
  assert.doesNotMatch(await page.locator('.card.baseline .badge').innerText(), /công bố/);
  // Persists across a reload.
  await page.reload();
  await page.waitForSelector('[data-testid="index-score"]');
  assert.equal(await page.inputValue('input[data-indicator="fixed-phones-per-100"]'), '9,500');
  await page.click('.data summary');
  await page.click('[data-testid="restore-builtin"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="baseline-score"]').innerText === '0,7350');
  assert.match(await page.locator('.card.baseline .badge').innerText(), /công bố/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a broken data file changes nothing and says where and why, in the current language', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  const csv = await template(page);
  const lines = csv.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = header.indexOf('households-with-computer-pct');
  const cells = lines[5].split(',');
  cells[col] = '150';
  lines[5] = cells.join(',');
  lines.push('99,Tỉnh lạ,' + header.slice(2).map(() => '1').join(','));
  const cells2 = lines[7].split(',');
  cells2[col] = 'nhiều';
  lines[7] = cells2.join(',');
  await page.setInputFiles('[data-testid="import-data"]', { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  const box = page.locator('[data-testid="import-errors"]');
  await box.waitFor();
  const msg = await box.innerText();
  assert.match(msg, /Dòng 6/);
  assert.match(msg, /households-with-computer-pct/);
  assert.match(msg, /Dòng 8/);
  assert.match(msg, /99/);
  assert.equal(await page.locator('[data-testid="import-preview"]').count(), 0);
  assert.equal(await text(page, '[data-testid="baseline-score"]'), '0,7350');
  // Not a CSV at all.
  await page.setInputFiles('[data-testid="import-data"]', { name: 'y.csv', mimeType: 'text/csv', buffer: Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x00]) });
  await page.waitForFunction(() => /UTF-8|mã hoá|mã hóa/i.test(document.querySelector('[data-testid="import-errors"]').innerText));
  assert.deepEqual(errors, []);
  await context.close();
});

test('results export has every province with score and rank', async () => {
  const { page, context } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('.data summary');
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-results-csv"]')]);
  const lines = fs.readFileSync(await d.path(), 'utf8').replace(/^\ufeff/, '').trim().split(/\r?\n/);
  assert.equal(lines.length, 64);
  assert.ok(lines.some((l) => l.startsWith('22,') && l.includes('0.7350') && l.includes(',3,')), lines.find((l) => l.startsWith('22,')));
  await context.close();
});
