// The province map: its geometry is fetched only when the map comes near the viewport (checked
// against its sha384), a click selects a province (on the map and in the Red River Delta inset),
// hovering shows a province's figures, the measure switch redraws, the text alternative names
// the archipelagos, PNG download; a tampered geometry gives a message; the one-file build draws
// the map from disk with no network.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openPage, openOneFile, DIST } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const geoRequests = (requests) => requests.filter((u) => /\/ict-geo-[0-9a-f]+\.json$/.test(u));
const geometry = JSON.parse(fs.readFileSync(path.join(DIST, fs.readdirSync(DIST).find((n) => /^ict-geo-.*\.json$/.test(n))), 'utf8'));

/** Where a place (longitude, latitude) is drawn on the map's canvas, in page pixels, on the map
 * or in the inset: the layout of `Layout::fit` (src/app/charts/map.rs). */
async function where(page, lon, lat, inInset = false) {
  const box = await page.locator('[data-testid="chart-map"]').boundingBox();
  const g = geometry.grid;
  const m = Math.min(box.width, box.height) * 0.02;
  const k = Math.min((box.width - 2 * m) / g.width, (box.height - 2 * m) / g.height);
  const [ox, oy] = [(box.width - g.width * k) / 2, (box.height - g.height * k) / 2];
  const [fx0, fy0, fx1, fy1] = geometry.inset.from;
  const [tx0, ty0, tx1, ty1] = geometry.inset.to;
  const ik = Math.min((tx1 - tx0) / (fx1 - fx0), (ty1 - ty0) / (fy1 - fy0));
  let [x, y] = [(lon - g.lon0) * g.kx, (g.lat0 - lat) * g.ky];
  if (inInset) [x, y] = [tx0 + (x - fx0) * ik, ty0 + (y - fy0) * ik];
  return { x: box.x + ox + x * k, y: box.y + oy + y * k };
}

const draws = (page) => page.evaluate(() => Number(document.querySelector('[data-testid="chart-map"]').dataset.draws || 0));

test('the map loads near the viewport only; a click selects a province; the measure switch redraws', async () => {
  const { page, context, errors, foreign } = await openPage(browser, srv.url, { origin: srv.origin });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.locator('[data-testid="chart-map"]').waitFor({ state: 'attached' });
  await page.waitForTimeout(300);
  assert.deepEqual(geoRequests(requests), [], 'the geometry is not part of the first download');
  assert.equal(await page.getAttribute('section.map', 'data-geo'), 'waiting');
  const label = await page.getAttribute('[data-testid="chart-map"]', 'aria-label');
  assert.match(label, /Quần đảo Hoàng Sa/);
  assert.match(label, /Quần đảo Trường Sa/);
  assert.match(label, /Cao nhất: .*; thấp nhất: .*Đang chọn: Quảng Ninh, điểm 0,7350, hạng 3\/63/);

  await page.locator('[data-testid="chart-map"]').scrollIntoViewIfNeeded();
  await page.waitForSelector('section.map[data-geo="ready"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-map"]').dataset.draws) >= 2);
  assert.equal(geoRequests(requests).length, 1);
  // The score cards stay on top of the results column as it scrolls: the map's top just below them.
  await page.evaluate(() => {
    const map = document.querySelector('[data-testid="chart-map"]').getBoundingClientRect();
    window.scrollBy(0, map.top - document.querySelector('.results .cards').getBoundingClientRect().bottom - 8);
  });

  // Hover Gia Lai (108.2 °E, 13.85 °N): its name, score (and where it comes from) and rank; a click
  // selects it.
  const gialai = await where(page, 108.2, 13.85);
  await page.mouse.move(gialai.x, gialai.y);
  const tip = page.locator('.map-tip');
  await tip.waitFor();
  const tipText = await tip.innerText();
  assert.match(tipText, /^Gia Lai: điểm 0,\d{4} \((công bố|ước tính)\), hạng \d+\/63$/);
  // The score says where it comes from, as the ranking table's row does.
  await page.locator('[data-testid="ranking-table"] tr[data-province="64"]').waitFor();
  const word = await page.evaluate(() => [...document.querySelectorAll('[data-testid="ranking-table"] tr[data-province="64"] td')]
    .map((td) => td.textContent).find((t) => t === 'công bố' || t === 'ước tính'));
  assert.equal(tipText.match(/\((công bố|ước tính)\)/)[1], word);
  await page.mouse.click(gialai.x, gialai.y);
  await page.waitForFunction(() => document.querySelector('[data-testid="province-select"]').value === '64');
  assert.match(await page.getAttribute('[data-testid="chart-map"]', 'aria-label'), /Đang chọn: Gia Lai/);
  // Bắc Ninh, a few pixels on the map, is clicked in the enlarged inset.
  const bacninh = await where(page, 106.07, 21.13, true);
  await page.mouse.click(bacninh.x, bacninh.y);
  await page.waitForFunction(() => document.querySelector('[data-testid="province-select"]').value === '27');
  // The sea selects nothing.
  await page.mouse.click((await where(page, 110.5, 12.5)).x, (await where(page, 110.5, 12.5)).y);
  await page.waitForTimeout(100);
  assert.equal(await page.inputValue('[data-testid="province-select"]'), '27');

  // The rank change against the baseline: redrawn, and said in words.
  const before = await draws(page);
  await page.selectOption('[data-testid="map-measure"]', 'change');
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="chart-map"]').dataset.draws) > n, before);
  assert.match(await page.getAttribute('[data-testid="chart-map"]', 'aria-label'), /thay đổi thứ hạng so với số liệu gốc: không tỉnh nào đổi hạng/);
  await page.selectOption('[data-testid="map-measure"]', 'score');
  await page.waitForFunction(() => /^Bản đồ điểm/.test(document.querySelector('[data-testid="chart-map"]').getAttribute('aria-label')));

  // English names the archipelagos in English.
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => /Hoang Sa \(Paracel\) Islands.*Truong Sa \(Spratly\) Islands/.test(document.querySelector('[data-testid="chart-map"]').getAttribute('aria-label')));

  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-png="chart-map"]')]);
  assert.equal(d.suggestedFilename(), 'ict-index-chart-map.png');
  assert.deepEqual([...fs.readFileSync(await d.path()).subarray(1, 4)], [0x50, 0x4e, 0x47]);
  assert.equal(geoRequests(requests).length, 1, 'fetched once');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('a tampered geometry is refused with a message; the rest of the app works on', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.route(/ict-geo-[0-9a-f]+\.json$/, (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"format":"ict-index-geo/1"}' }));
  await page.locator('[data-testid="chart-map"]').scrollIntoViewIfNeeded();
  const failed = page.locator('[data-testid="map-error"]');
  await failed.waitFor();
  assert.match(await failed.innerText(), /Không tải được bản đồ/);
  assert.equal(await failed.getAttribute('role'), 'alert');
  await page.fill('input[data-indicator="fixed-broadband-per-100"]', '40');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').innerText !== '0,7350');
  // The browser reports the integrity failure on the console; nothing else went wrong.
  assert.deepEqual(errors.filter((e) => !/integrity/i.test(e)), []);
  await context.close();
});

test('the one-file build draws the map from disk with no network', async () => {
  const { page, context, errors, foreign } = await openOneFile(browser);
  await page.locator('[data-testid="chart-map"]').scrollIntoViewIfNeeded();
  await page.waitForSelector('section.map[data-geo="ready"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="chart-map"]').dataset.draws) >= 2);
  const gialai = await where(page, 108.2, 13.85);
  await page.mouse.click(gialai.x, gialai.y);
  await page.waitForFunction(() => document.querySelector('[data-testid="province-select"]').value === '64');
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
