// Excel in and out through the separately loaded Excel module: template and results as .xlsx,
// import of an .xlsx with preview, errors, integrity of the module, the one-file build offline.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { serveDist, launch, openPage, openOneFile, text } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

/** Clicks a download button and returns the file's name and bytes. */
async function download(page, testid) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

/** Entries named in a zip's central directory (names are stored uncompressed). */
function zipNames(bytes) {
  const names = [];
  for (let k = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); k >= 0; k = bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), k + 4)) {
    const len = bytes.readUInt16LE(k + 28);
    names.push(bytes.subarray(k + 46, k + 46 + len).toString('utf8'));
  }
  return names;
}

const ioRequests = (requests) => requests.filter((u) => /\/ict-io-[0-9a-f]+(_bg\.wasm|\.js)$/.test(u));

test('Excel template: the module loads on first use only; an edited workbook imports with a preview', async () => {
  const { page, context, errors, foreign } = await openPage(browser, srv.url, { origin: srv.origin });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.click('.data summary');
  assert.deepEqual(ioRequests(requests), [], 'the Excel module is not part of the first download');

  // A real change first, through CSV: Quảng Ninh's fixed telephones become 9.5.
  const csv = (await download(page, 'export-csv')).bytes.toString('utf8').slice(1);
  const lines = csv.trim().split(/\r?\n/);
  const col = lines[0].split(',').indexOf('fixed-phones-per-100');
  const qn = lines.findIndex((l) => l.startsWith('22,'));
  const cells = lines[qn].split(',');
  cells[col] = '9.5';
  lines[qn] = cells.join(',');
  await page.setInputFiles('[data-testid="import-data"]', { name: 'bo.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.click('[data-testid="import-confirm"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="baseline-score"]').innerText !== '0,7350');
  await page.click('.data summary');

  // The Excel template now carries 9.5; back to the built-in data, then import that workbook.
  const xlsx = await download(page, 'export-xlsx');
  assert.equal(xlsx.name, 'ict-index-2019-du-lieu.xlsx');
  assert.equal(xlsx.bytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004');
  assert.ok(zipNames(xlsx.bytes).includes('xl/worksheets/sheet2.xml'), 'data sheet + indicator list');
  assert.equal(ioRequests(requests).length, 2, `glue + wasm: ${ioRequests(requests)}`);
  await page.click('[data-testid="restore-builtin"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="baseline-score"]').innerText === '0,7350');
  await page.setInputFiles('[data-testid="import-data"]', {
    name: 'bo.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx.bytes,
  });
  const preview = page.locator('[data-testid="import-preview"]');
  await preview.waitFor();
  const shown = await preview.innerText();
  assert.match(shown, /1 ô thay đổi/);
  assert.match(shown, /Đã đọc trang tính '2019'/);
  assert.match(shown, /Tệp: bo\.xlsx/);
  assert.match(shown, /Quảng Ninh/);
  assert.match(shown, /9,5/);
  await page.click('[data-testid="import-confirm"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="baseline-score"]').innerText !== '0,7350');
  assert.equal(await page.inputValue('input[data-indicator="fixed-phones-per-100"]'), '9,500');
  assert.equal(ioRequests(requests).length, 2, 'the module is loaded once');
  await page.click('.data summary');

  // Results as Excel, from the keyboard: focus stays on the button while the file is made.
  await page.focus('[data-testid="export-results-xlsx"]');
  const [d] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.equal(d.suggestedFilename(), 'ict-index-2019-ket-qua.xlsx');
  assert.ok(zipNames(fs.readFileSync(await d.path())).includes('xl/worksheets/sheet1.xml'));
  await page.locator('[data-testid="excel-busy"]').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'export-results-xlsx');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a broken or old Excel file changes nothing and says why; a tampered module is refused', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.click('.data summary');
  const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await page.setInputFiles('[data-testid="import-data"]', { name: 'hong.xlsx', mimeType: xlsxMime, buffer: Buffer.from('PK\u0003\u0004 hỏng rồi', 'utf8') });
  const box = page.locator('[data-testid="import-errors"]');
  await box.waitFor();
  assert.match(await box.innerText(), /Excel/);
  assert.equal(await page.locator('[data-testid="import-preview"]').count(), 0);
  await page.setInputFiles('[data-testid="import-data"]', { name: 'cu.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) });
  await page.waitForFunction(() => /\.xls\b/.test(document.querySelector('[data-testid="import-errors"]').innerText));
  assert.equal(await text(page, '[data-testid="baseline-score"]'), '0,7350');
  assert.deepEqual(errors, []);
  await context.close();

  // A module that does not match its integrity hash is not run: a clear message, CSV still works.
  const t = await openPage(browser, srv.url + '#', { origin: srv.origin });
  await t.page.route(/ict-io-[0-9a-f]+_bg\.wasm$/, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm tampered') }));
  await t.page.click('.data summary');
  await t.page.click('[data-testid="export-xlsx"]');
  const failed = t.page.locator('[data-testid="excel-error"]');
  await failed.waitFor();
  assert.match(await failed.innerText(), /Không tải được mô-đun đọc\/ghi tệp/);
  assert.equal(await failed.getAttribute('role'), 'alert');
  const csv = await download(t.page, 'export-csv');
  assert.ok(csv.bytes.length > 1000, 'CSV still works');
  // An import while the module cannot load: the module is blamed, not the file.
  await t.page.setInputFiles('[data-testid="import-data"]', { name: 'bo.csv', mimeType: 'text/csv', buffer: csv.bytes });
  await t.page.waitForFunction(() => !document.querySelector('[data-testid="excel-busy"]'));
  await failed.waitFor();
  assert.match(await failed.innerText(), /Không tải được mô-đun đọc\/ghi tệp/);
  assert.equal(await t.page.locator('[data-testid="import-errors"]').count(), 0);
  await t.context.close();

  // A file over the 2 MB limit is refused before it is read.
  const big = await openPage(browser, srv.url, { origin: srv.origin });
  await big.page.click('.data summary');
  await big.page.setInputFiles('[data-testid="import-data"]', { name: 'lon.csv', mimeType: 'text/csv', buffer: Buffer.alloc(3 * 1024 * 1024, 'a') });
  const tooLarge = big.page.locator('[data-testid="import-errors"]');
  await tooLarge.waitFor();
  assert.match(await tooLarge.innerText(), /Tệp quá lớn/);
  assert.deepEqual(big.errors, []);
  await big.context.close();
});

test('the one-file build reads and writes Excel from disk with no network', async () => {
  const { page, context, errors, foreign } = await openOneFile(browser);
  await page.click('.data summary');
  const xlsx = await download(page, 'export-xlsx');
  assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
  await page.setInputFiles('[data-testid="import-data"]', { name: 'mau.xlsx', mimeType: 'application/octet-stream', buffer: xlsx.bytes });
  const preview = page.locator('[data-testid="import-preview"]');
  await preview.waitFor();
  assert.match(await preview.innerText(), /0 ô thay đổi/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
