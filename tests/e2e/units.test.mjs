// The 34 provinces of 2025: the switch, the illustrative badge, 34 rows, Quảng Ninh's values
// kept, Phú Thọ's values the population-weighted means of its three former provinces (from the
// data files, to each indicator's decimals), a unit's former provinces shown, and a 34-unit
// scenario through the address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serveDist, launch, openPage, text, typeValue, ROOT, LAST_PANEL } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
const edition = read('data/2019/edition.json');
const values = read('data/2019/values.json').values;
const set = read('data/province-sets/2025.json');
// The 2019 edition's indicators: those of the ICT Index's methodology file that it measured.
const methodology = read(`data/methodology/${edition.methodology}.json`);
const without = methodology.editions?.[edition.year]?.without ?? [];
const indicators = methodology.indicators.filter((i) => !without.includes(i.id));
const weightOf = (id) => set.indicators.find((w) => w.indicators.includes(id))?.weight;

/** A number as the page writes it in Vietnamese ("1.234,5"). */
const vi = (s) => Number(s.trim().replaceAll('.', '').replace(',', '.'));

/** Every indicator's field, as numbers. */
async function fields(page) {
  return page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('input[data-indicator]')].map((i) => [i.dataset.indicator, i.value])));
}

async function toUnits(page) {
  await page.selectOption('[data-testid="province-set"]', '34');
  await page.waitForFunction(() => /\/34$/.test(document.querySelector('[data-testid="index-rank"]').innerText));
}

test('34 units: the badge, 34 rows, ranks out of 34, Quảng Ninh keeps its values', async () => {
  const { page, context, errors, foreign } = await openPage(browser, srv.url, { origin: srv.origin });
  assert.equal(await page.inputValue('[data-testid="province-set"]'), '63');
  assert.equal(await page.locator('[data-testid="illustrative-badge"]').count(), 0);
  const before = await fields(page);
  await toUnits(page);
  const badge = page.locator('[data-testid="illustrative-badge"]');
  assert.ok(await badge.isVisible());
  assert.match(await badge.innerText(), /Minh họa/);
  assert.match(await badge.innerText(), /không phải xếp hạng chính thức/);
  await page.locator(LAST_PANEL).first().waitFor({ state: 'attached' });
  assert.equal(await page.locator('[data-testid="ranking-table"] tbody tr[data-province]').count(), 34);
  assert.equal(await page.locator('[data-testid="province-select"] option').count(), 34);
  assert.equal(await page.inputValue('[data-testid="province-select"]'), '22');
  // No published figure applies among the 34: the score is not the published 0,7350.
  assert.notEqual(await text(page, '[data-testid="index-score"]'), '0,7350');
  assert.deepEqual(await fields(page), before, 'Quảng Ninh kept its borders, and its values');
  assert.match(await page.locator('[data-testid="unit-members"]').innerText(), /giữ nguyên địa giới/);
  // Data files are of the 63: the data panel says so.
  await page.click('.data summary');
  assert.match(await page.locator('[data-testid="data-into-63"]').innerText(), /63 tỉnh, thành phố cũ/);
  // English names the switch and the badge.
  await page.click('[data-testid="lang-toggle"]');
  await page.waitForFunction(() => /Illustrative/.test(document.querySelector('[data-testid="illustrative-badge"]').innerText));
  assert.match(await page.locator('[data-testid="province-set"] option[value="34"]').innerText(), /34 provinces/);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});

test('Phú Thọ: each population-weighted indicator is the weighted mean of Vĩnh Phúc, Phú Thọ and Hòa Bình', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await toUnits(page);
  await page.selectOption('[data-testid="province-select"]', '25');
  await page.waitForFunction(() => /Phú Thọ/.test(document.querySelector('#results-title').innerText));
  const shown = await fields(page);
  const unit = set.units.find((u) => u.id === '25');
  assert.deepEqual([...unit.members].sort(), ['17', '25', '26']);
  const pop = set.weights.population.values;
  let checked = 0;
  for (const def of indicators) {
    if (weightOf(def.id) !== 'population') continue;
    const total = unit.members.reduce((s, m) => s + pop[m], 0);
    const mean = unit.members.reduce((s, m) => s + pop[m] * values[m][def.id], 0) / total;
    const want = Number(mean.toFixed(def.decimals));
    assert.equal(vi(shown[def.id]), want, `${def.id}: ${shown[def.id]} vs ${want}`);
    checked++;
  }
  assert.ok(checked >= 20, `${checked} indicators checked`);
  // The unit names its former provinces and their population shares (summing to 100 %).
  const members = page.locator('[data-testid="unit-members"]');
  const said = await members.innerText();
  for (const name of ['Vĩnh Phúc', 'Phú Thọ', 'Hòa Bình']) assert.match(said, new RegExp(name));
  const shares = await members.locator('td[data-share="population"]').allInnerTexts();
  assert.equal(shares.length, 3);
  const sum = shares.map((s) => vi(s.replace('%', ''))).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum - 100) < 0.2, `${shares} sum to ${sum}`);
  const vp = pop['26'] / unit.members.reduce((s, m) => s + pop[m], 0);
  assert.equal(vi((await members.locator('tr[data-member="26"] td[data-share="population"]').innerText()).replace('%', '')),
    Number((vp * 100).toFixed(1)));
  // Back to the 63: the unit's own former province, with its own values.
  await page.selectOption('[data-testid="province-set"]', '63');
  await page.waitForFunction(() => /\/63$/.test(document.querySelector('[data-testid="index-rank"]').innerText));
  assert.equal(await page.inputValue('[data-testid="province-select"]'), '25');
  assert.equal(vi((await fields(page))['households-with-computer-pct']), values['25']['households-with-computer-pct']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 34-unit scenario round-trips through the address', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin });
  await toUnits(page);
  await page.selectOption('[data-testid="province-select"]', '25');
  await page.waitForFunction(() => /Phú Thọ/.test(document.querySelector('#results-title').innerText));
  const base = await text(page, '[data-testid="index-score"]');
  // The unit's own address (written 250 ms after the choice), then the edit's.
  await page.waitForFunction(() => location.hash.startsWith('#v3.'));
  const before = await page.evaluate(() => location.hash);
  await typeValue(page, 'fixed-broadband-per-100', '40');
  await page.waitForFunction((b) => document.querySelector('[data-testid="index-score"]').innerText !== b, base);
  await page.waitForFunction((h) => location.hash.startsWith('#v3.') && location.hash !== h, before);
  const score = await text(page, '[data-testid="index-score"]');
  const rank = await text(page, '[data-testid="index-rank"]');
  const url = page.url();
  const second = await openPage(browser, url, { origin: srv.origin });
  const p2 = second.page;
  await p2.waitForFunction((s) => document.querySelector('[data-testid="index-score"]').innerText === s, score);
  assert.equal(await p2.inputValue('[data-testid="province-set"]'), '34');
  assert.equal(await p2.inputValue('[data-testid="province-select"]'), '25');
  assert.equal(await text(p2, '[data-testid="index-rank"]'), rank);
  assert.equal(vi(await p2.inputValue('input[data-indicator="fixed-broadband-per-100"]')), 40);
  assert.ok(await p2.locator('[data-testid="illustrative-badge"]').isVisible());
  assert.deepEqual(second.errors, []);
  await second.context.close();
  assert.deepEqual(errors, []);
  await context.close();
});
