// The stage (`?present=1`) at 1280×720 and 1920×1080: no vertical scroll, score and rank (the
// score's digits at least 64 px high at 1280×720, larger at 1920×1080), the change, the chart and
// at least five key sliders inside the viewport, no overlapping text, axe clean; the arrow keys
// step the focused slider, PageDown / PageUp the saved scenarios, full screen, the rest of the
// app one key away; brief animations except under prefers-reduced-motion, the score in the DOM
// final at once; each contract name on one element. The normal layout on a 1366×768 laptop:
// the charts are reached by scrolling the page. The embedded layout (`?embed=1`) in a host page
// of another origin: what a visitor meets in the first 900 px at 800 px width, the address's
// province, edition and language, the height message, no map geometry for the first screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { serveDist, launch, openPage, text, typeValue, axeViolations, LAST_PANEL } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
// Host pages' servers still open when a test fails before closing them (else the process would
// wait for them after the last test).
const hosts = new Set();
after(async () => {
  await browser?.close();
  for (const h of hosts) { h.server.closeAllConnections(); h.server.close(); }
  srv?.server.closeAllConnections();
  srv?.server.close();
});

/** Two saved scenarios of Quảng Ninh 2019 (the stored form of the app's own list). */
const SAVED = JSON.stringify([
  { id: 's-1', schema: 'ict-index-scenario/1', name: 'Băng rộng 40', year: 2019, province: '22',
    scenario: { values: { 22: { 'fixed-broadband-per-100': 40 } } } },
  { id: 's-2', schema: 'ict-index-scenario/1', name: 'Máy tính 90', year: 2019, province: '22',
    scenario: { values: { 22: { 'households-with-computer-pct': 90 } } } },
]);

/** What the stage must show inside the viewport. */
const ON_STAGE = ['[data-testid="province-select"]', '[data-testid="year-select"]', '[data-testid="index-score"]',
  '[data-testid="index-rank"]', '[data-testid="baseline-score"]', '[data-testid="baseline-rank"]', '.stage-changes',
  '.stage-chart canvas', '[data-testid="show-all"]', '[data-testid="lang-toggle"]', '[data-testid="province-set"]'];

/** Names of the shared contract that must each be on exactly one element. */
const ONE_EACH = ['[data-testid="province-select"]', '[data-testid="year-select"]', '[data-testid="index-score"]',
  '[data-testid="index-rank"]', '[data-testid="baseline-score"]', '[data-testid="baseline-rank"]', '[data-testid="reset"]',
  '[data-testid="ranking-table"]', '[data-testid="lang-toggle"]', '[data-testid="share-link"]', '[data-preset="ke-hoach-60"]',
  'canvas[data-testid="chart-ranking"]', 'canvas[data-testid="chart-map"]', '[data-testid="map-measure"]',
  '[data-testid="province-set"]'];

/** In the page (or frame): the layout facts the tests check. `selectors` each give their first
 * element's box; every visible text's boxes (clipped by the boxes of ancestors that clip) are
 * compared pairwise for overlaps. */
function measure(selectors) {
  const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height, bottom: r.bottom, right: r.right }; };
  const boxes = {};
  for (const s of selectors) { const el = document.querySelector(s); boxes[s] = el && el.checkVisibility() ? box(el) : null; }
  const sliders = [...document.querySelectorAll('[data-stage-slider]')].filter((el) => el.checkVisibility()).map((el) => ({
    id: el.dataset.stageSlider, box: box(el), value: el.closest('.key').querySelector('.key-value strong').textContent,
  }));
  // Every text on screen, as rectangles clipped by the ancestors that clip their content.
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.data.trim() || !n.parentElement || !n.parentElement.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (n.parentElement.closest('select, option, .sr-only, script, style')) continue;
    let clip = { l: -1e9, t: -1e9, r: 1e9, b: 1e9 };
    for (let a = n.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        const r = a.getBoundingClientRect();
        clip = { l: Math.max(clip.l, r.left), t: Math.max(clip.t, r.top), r: Math.min(clip.r, r.right), b: Math.min(clip.b, r.bottom) };
      }
    }
    // A text's box is its font's whole height; the glyphs keep within its line (line-height of
    // at least 1), so each box is cut to the line's height about its middle.
    const ps = getComputedStyle(n.parentElement);
    const line = ps.lineHeight === 'normal' ? 1.15 * parseFloat(ps.fontSize) : parseFloat(ps.lineHeight);
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      const mid = (r.top + r.bottom) / 2;
      const [top, bottom] = r.height > line ? [mid - line / 2, mid + line / 2] : [r.top, r.bottom];
      const c = { l: Math.max(r.left, clip.l), t: Math.max(top, clip.t), r: Math.min(r.right, clip.r), b: Math.min(bottom, clip.b) };
      if (c.r - c.l > 1 && c.b - c.t > 1) texts.push({ node: texts.length && texts.at(-1).n === n ? texts.at(-1).node : texts.length, n, text: n.data.trim().slice(0, 30), ...c });
    }
  }
  const overlaps = [];
  for (let i = 0; i < texts.length; i++) {
    for (let j = i + 1; j < texts.length; j++) {
      const [a, b] = [texts[i], texts[j]];
      if (a.n === b.n) continue;
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l);
      const h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 1 && h > 1) overlaps.push(`"${a.text}" × "${b.text}"`);
    }
  }
  const score = document.querySelector('[data-testid="index-score"]');
  const ctx = document.createElement('canvas').getContext('2d');
  const fs = getComputedStyle(score);
  ctx.font = `${fs.fontStyle} ${fs.fontWeight} ${fs.fontSize} ${fs.fontFamily}`;
  const m = ctx.measureText(score.textContent);
  return {
    scroll: document.documentElement.scrollHeight - window.innerHeight,
    hscroll: document.documentElement.scrollWidth - window.innerWidth,
    height: document.documentElement.getBoundingClientRect().height,
    viewport: { w: window.innerWidth, h: window.innerHeight },
    boxes, sliders, overlaps, texts: texts.length,
    digits: m.actualBoundingBoxAscent + m.actualBoundingBoxDescent,
    fontSize: parseFloat(getComputedStyle(score).fontSize),
  };
}

/** Each `selectors` element inside the rectangle 0..w × 0..h (1 px of rounding allowed). */
function assertInside(m, w, h, what) {
  for (const [s, b] of Object.entries(m.boxes)) {
    assert.ok(b, `${s} is shown (${what})`);
    assert.ok(b.x >= -1 && b.y >= -1 && b.right <= w + 1 && b.bottom <= h + 1, `${s} inside ${w}×${h} (${what}): ${JSON.stringify(b)}`);
  }
  for (const s of m.sliders) {
    assert.ok(s.box.x >= -1 && s.box.y >= -1 && s.box.right <= w + 1 && s.box.bottom <= h + 1, `slider ${s.id} inside (${what}): ${JSON.stringify(s.box)}`);
  }
}

async function countEach(page) {
  await page.locator(LAST_PANEL).first().waitFor({ state: 'attached' });
  const counts = {};
  for (const s of ONE_EACH) counts[s] = await page.locator(s).count();
  const inputs = await page.locator('input[data-indicator]').evaluateAll((is) => is.map((i) => i.dataset.indicator));
  return { counts, inputs: inputs.length, distinct: new Set(inputs).size };
}

async function assertOneEach(page, what) {
  const { counts, inputs, distinct } = await countEach(page);
  for (const [s, n] of Object.entries(counts)) assert.equal(n, 1, `${s} on one element (${what})`);
  assert.equal(inputs, 29, `every indicator's field once (${what})`);
  assert.equal(distinct, 29);
}

const digitsAt = {};

/** A number as the fields show it in Vietnamese ("12,34") or English. */
const num = (t) => Number(t.trim().replace(/\./g, (m, i, all) => (all.includes(',') ? '' : m)).replace(',', '.'));

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`the stage at ${width}×${height}: everything on one screen, no scroll, no overlapping text, axe clean`, async () => {
    const { page, context, errors, foreign } = await openPage(browser, srv.url + '?present=1', { origin: srv.origin, viewport: { width, height } });
    await page.locator('[data-testid="stage"]').waitFor();
    assert.equal(await page.getAttribute('body', 'data-present'), 'true');
    await page.locator('canvas[data-testid="chart-map"]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => Number(document.querySelector('canvas[data-testid="chart-ranking"]').dataset.draws) >= 1);
    const m = await page.evaluate(measure, ON_STAGE);
    assert.equal(m.scroll, 0, `no vertical scroll at ${width}×${height}`);
    // The score inside its card (not cut by it).
    const [scoreBox, card] = await page.evaluate(() => ['[data-testid="index-score"]', '.stage-score'].map((s) => document.querySelector(s).getBoundingClientRect().toJSON()));
    assert.ok(scoreBox.left >= card.left && scoreBox.right <= card.right, `the score inside its card: ${scoreBox.right} ≤ ${card.right}`);
    assert.ok(m.hscroll <= 0, `no horizontal scroll: ${m.hscroll}`);
    assertInside(m, width, height, `${width}×${height}`);
    assert.ok(m.sliders.length >= 5, `${m.sliders.length} key sliders`);
    console.log(`key sliders: ${m.sliders.map((s) => s.id).join(', ')}`);
    for (const s of m.sliders) assert.match(s.value, /^\d[\d.]*(,\d+)?$/, `slider ${s.id} shows its value`);
    assert.deepEqual(m.overlaps, [], 'no text overlaps another');
    assert.ok(m.texts > 40, `${m.texts} texts measured`);
    // The score: its digits at least 64 px high at 1280×720, and larger on a larger screen.
    digitsAt[width] = m.digits;
    if (width === 1280) assert.ok(m.digits >= 64, `score digits ${m.digits.toFixed(1)} px high (font ${m.fontSize} px)`);
    else assert.ok(m.digits >= 1.35 * 64, `score digits ${m.digits.toFixed(1)} px high at ${width}×${height}`);
    console.log(`stage ${width}×${height}: page height ${m.height}px, score digits ${m.digits.toFixed(1)} px (font ${m.fontSize.toFixed(1)} px), ${m.sliders.length} sliders`);
    assert.equal(await text(page, '[data-testid="index-score"]'), '0,7350');
    assert.equal(await text(page, '[data-testid="index-rank"]'), '3/63');
    assert.equal(await text(page, '.stage-changes'), 'không đổi · không đổi so với số liệu gốc công bố');
    await assertOneEach(page, 'the stage alone');
    assert.deepEqual(await axeViolations(page, { ready: null }), []);

    // The map in the chart slot: still one screen, and each name still on one element.
    await page.click('[data-stage-view="map"]');
    await page.waitForSelector('.stage-chart section.map[data-geo="ready"]');
    await page.waitForFunction(() => Number(document.querySelector('canvas[data-testid="chart-map"]').dataset.draws) >= 2);
    const withMap = await page.evaluate(measure, ON_STAGE);
    assert.equal(withMap.scroll, 0, 'no vertical scroll with the map');
    assertInside(withMap, width, height, `${width}×${height} with the map`);
    const mapBox = await page.locator('canvas[data-testid="chart-map"]').boundingBox();
    assert.ok(mapBox.height >= 0.35 * height && mapBox.y + mapBox.height <= height + 1, `the map is large and inside: ${JSON.stringify(mapBox)}`);
    console.log(`stage ${width}×${height}: the map ${mapBox.width.toFixed(0)}×${mapBox.height.toFixed(0)} px`);
    assert.deepEqual(withMap.overlaps, [], 'no text overlaps another (map)');
    await assertOneEach(page, 'the stage with the map');
    assert.deepEqual(await axeViolations(page, { ready: null }), []);
    await page.click('[data-stage-view="ranking"]');
    await page.locator('.stage-chart canvas[data-testid="chart-ranking"]').waitFor();

    // The rest of the app, one key away, below the stage; the same names once each.
    await page.keyboard.press('a');
    await page.locator('#rest [data-testid="lever-table"]').waitFor();
    assert.equal(await page.getAttribute('[data-testid="show-all"]', 'aria-expanded'), 'true');
    await assertOneEach(page, 'the stage and the rest');
    assert.deepEqual(await axeViolations(page), []);
    await page.keyboard.press('a');
    await page.waitForFunction(() => document.documentElement.scrollHeight <= window.innerHeight);

    // The 34 units of 2025 (derived, marked illustrative): still one screen.
    await page.selectOption('[data-testid="province-set"]', '34');
    await page.waitForFunction(() => /\/34$/.test(document.querySelector('[data-testid="index-rank"]').textContent));
    await page.locator('[data-testid="illustrative-badge"]').first().waitFor();
    const units = await page.evaluate(measure, [...ON_STAGE, '[data-testid="illustrative-badge"]']);
    assert.equal(units.scroll, 0, 'no vertical scroll with the 34 units');
    assertInside(units, width, height, `${width}×${height}, 34 units`);
    assert.deepEqual(units.overlaps, [], 'no text overlaps another (34 units)');
    assert.equal(await page.locator('[data-testid="illustrative-badge"]').count(), 1);
    assert.deepEqual(errors, []);
    assert.deepEqual(foreign, []);
    await context.close();
  });
}

test('the stage: arrow keys step a slider, the score is final at once, animations only without reduced motion', async () => {
  for (const motion of ['no-preference', 'reduce']) {
    const { page, context, errors } = await openPage(browser, srv.url + '?present=1', { origin: srv.origin, viewport: { width: 1280, height: 720 }, reducedMotion: motion });
    await page.locator('[data-testid="stage"]').waitFor();
    // Households with a computer (plausible 5–65 %, two decimals): a step of 0.5.
    const slider = page.locator('[data-stage-slider="households-with-computer-pct"]');
    assert.equal(await slider.count(), 1, 'households with a computer is a key slider (a top lever of Quảng Ninh)');
    const field = page.locator('input[data-indicator="households-with-computer-pct"]');
    const before = num(await field.inputValue());
    // Each key value says where it comes from, as the editor's row does (an edited one also
    // says what it was).
    const provenance = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.stage .key')].map((k) => [
      k.dataset.key, k.querySelector('.key-meta [data-provenance]')?.dataset.provenance ?? null])));
    const editorProvenance = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.stage .key')].map((k) => [
      k.dataset.key, document.querySelector(`.indicator[data-row="${k.dataset.key}"] [data-provenance]`)?.dataset.provenance ?? null])));
    const scoreBadge = () => page.evaluate(() => document.querySelector('.stage-changes [data-provenance]').dataset.provenance);
    assert.equal(await scoreBadge(), 'công bố', 'the baseline score is the published one');
    const shown = await provenance();
    assert.equal(Object.keys(shown).length, 6);
    assert.ok(Object.values(shown).every((v) => ['công bố', 'ước tính'].includes(v)), JSON.stringify(shown));
    assert.deepEqual(shown, editorProvenance);
    // Every value the score takes in the DOM, from the key press on.
    await page.evaluate(() => {
      window.__scores = [];
      const el = document.querySelector('[data-testid="index-score"]');
      new MutationObserver(() => window.__scores.push(el.textContent)).observe(el, { subtree: true, childList: true, characterData: true });
    });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').textContent !== '0,7350');
    const after = num(await field.inputValue());
    assert.equal(Math.round((after - before) * 100) / 100, 0.5, `ArrowRight: ${before} → ${after}`);
    const score = await text(page, '[data-testid="index-score"]');
    await page.waitForTimeout(800);
    assert.deepEqual(await page.evaluate(() => window.__scores), [score], 'the score is written once, final');
    assert.equal(num(await page.locator('[data-key="households-with-computer-pct"] .key-value strong').innerText()), after);
    assert.equal((await provenance())['households-with-computer-pct'], await page.evaluate(() =>
      document.querySelector('.indicator[data-row="households-with-computer-pct"] [data-provenance]').dataset.provenance));
    assert.match(await page.locator('[data-key="households-with-computer-pct"] .key-meta').innerText(), /đã sửa gốc: /);
    assert.equal(await scoreBadge(), 'ước tính', 'a what-if score is not an official figure');
    // Brief animations: the flash on the score and the bars' transition, none under reduced motion.
    const anim = await page.evaluate(() => ({
      flash: getComputedStyle(document.querySelector('.stage-big .flash')).animationName,
      bar: getComputedStyle(document.querySelector('.score-bar .now')).transitionDuration,
    }));
    if (motion === 'reduce') assert.deepEqual(anim, { flash: 'none', bar: '0s' });
    else assert.deepEqual(anim, { flash: 'stage-flash', bar: '0.6s' });
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction((v) => Math.abs(Number(document.querySelector('input[data-indicator="households-with-computer-pct"]').value.replace(',', '.')) - v) < 1e-9, Math.round((before - 0.5) * 100) / 100);
    // ArrowUp / ArrowDown too.
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction((v) => Math.abs(Number(document.querySelector('input[data-indicator="households-with-computer-pct"]').value.replace(',', '.')) - v) < 1e-9, before);
    assert.equal(await text(page, '[data-testid="index-score"]'), '0,7350');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the stage: PageDown / PageUp step through saved scenarios; full screen; the shortcuts keep working', async () => {
  const { page, context, errors } = await openPage(browser, srv.url + '?present=1', {
    origin: srv.origin, viewport: { width: 1280, height: 720 }, storage: { 'ict-index/scenarios/v1': SAVED },
  });
  await page.locator('[data-testid="stage-saved"]').waitFor();
  assert.equal(await text(page, '[data-testid="stage-saved"] span'), 'Kịch bản đã lưu (2)');
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => /1\/2/.test(document.querySelector('[data-testid="stage-saved"] span').textContent));
  assert.equal(await text(page, '[data-testid="stage-saved"] span'), 'Kịch bản 1/2: Băng rộng 40');
  assert.equal(await page.inputValue('input[data-indicator="fixed-broadband-per-100"]'), '40,00');
  const first = await text(page, '[data-testid="index-score"]');
  assert.notEqual(first, '0,7350');
  // A clicker's PageDown also from a focused slider (which would otherwise move by a page).
  await page.locator('[data-stage-slider]').first().focus();
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => /2\/2/.test(document.querySelector('[data-testid="stage-saved"] span').textContent));
  assert.equal(await page.inputValue('input[data-indicator="households-with-computer-pct"]'), '90,00');
  assert.notEqual(await page.inputValue('input[data-indicator="fixed-broadband-per-100"]'), '40,00');
  await page.keyboard.press('PageUp');
  await page.waitForFunction(() => /1\/2/.test(document.querySelector('[data-testid="stage-saved"] span').textContent));
  assert.equal(await text(page, '[data-testid="index-score"]'), first);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the page did not scroll');

  // Full screen: the button, then the key f.
  await page.click('[data-testid="fullscreen"]');
  await page.waitForFunction(() => document.fullscreenElement === document.documentElement);
  await page.waitForSelector('[data-testid="fullscreen"][aria-pressed="true"]');
  await page.locator('[data-testid="stage"]').focus();
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === null);

  // Existing shortcuts: l language, ? the list, r reset, p out of presentation mode.
  await page.keyboard.press('l');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await text(page, '[data-testid="stage-saved"] span'), 'Scenario 1/2: Băng rộng 40');
  await page.keyboard.press('?');
  await page.locator('[data-testid="shortcuts"]').waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.querySelector('[data-testid="index-score"]').textContent === '0.7350');
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.body.dataset.present === 'false');
  assert.equal(await page.locator('[data-testid="stage"]').count(), 0);
  await assertOneEach(page, 'back to the normal layout');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the normal layout on a 1366×768 laptop: the charts are reached by scrolling the page', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin, viewport: { width: 1366, height: 768 } });
  const chart = page.locator('canvas[data-testid="chart-pillars"]');
  await chart.waitFor();
  const facts = await page.evaluate(() => {
    const col = document.querySelector('.results-col');
    const cs = getComputedStyle(col);
    return { overflow: cs.overflowY, inner: col.scrollHeight - col.clientHeight, page: document.documentElement.scrollHeight };
  });
  assert.equal(facts.overflow, 'visible', 'the results column has no inner scroll');
  assert.ok(facts.inner <= 1, `nothing hidden in the results column: ${facts.inner}px`);
  // Scrolling the page (a wheel, as on a laptop) brings the chart fully into view, not under
  // the score cards that stay on top.
  await page.mouse.move(1000, 400);
  const top = await chart.evaluate((c) => c.getBoundingClientRect().top + window.scrollY);
  await page.mouse.wheel(0, top - 250);
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, top - 250);
  const box = await chart.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 768, `the chart is in view: ${JSON.stringify(box)}`);
  const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.dataset.testid, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
  assert.equal(hit, 'chart-pillars', 'nothing covers the chart');
  // The score cards stay on screen while scrolling.
  const card = await page.locator('.card.scenario').boundingBox();
  assert.ok(card.y >= -1 && card.y + card.height <= 768, `the score card stays in view: ${JSON.stringify(card)}`);
  assert.deepEqual(errors, []);
  await context.close();
});

/** A host page on another origin (another port of 127.0.0.1) with the calculator in an iframe
 * 800 px wide that follows the height messages. */
async function hostPage(src) {
  const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Sở Thông tin và Truyền thông</title></head>
<body style="margin:0;background:#fff"><h1>Chỉ số ICT Index của tỉnh</h1>
<iframe id="ict-index" title="Chỉ số ICT Index" src="${src}" style="width:800px;height:600px;border:0;display:block"></iframe>
<script>
  window.heights = [];
  window.addEventListener('message', (e) => {
    if (e.data && e.data.type === 'ict-index:height') {
      window.heights.push(e.data.height);
      document.getElementById('ict-index').style.height = e.data.height + 'px';
    }
  });
</script></body></html>`;
  const server = http.createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}/provincial-site/` };
}

async function embedded(src, viewport = { width: 1000, height: 900 }) {
  const host = await hostPage(src);
  hosts.add(host);
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(host.url);
  const frame = await (await page.waitForSelector('#ict-index')).contentFrame();
  await frame.locator('[data-testid="stage"]').waitFor();
  await page.waitForFunction(() => window.heights.length > 0);
  return { host, context, page, frame, errors, requests, close: async () => { await context.close(); host.server.close(); hosts.delete(host); } };
}

const geoRequests = (requests) => requests.filter((u) => /\/ict-geo-[0-9a-f]+\.json$/.test(u));
const files = (requests) => [...new Set(requests.filter((u) => u.startsWith(srv.origin)).map((u) => new URL(u).pathname.split('/').pop()))].sort();

test('embedded in a host page of another origin: the first 900 px, the address, the height message, no map geometry', async () => {
  // What a plain visit downloads first.
  const plain = await openPage(browser, srv.url, { origin: srv.origin });
  const plainRequests = [];
  plain.page.on('request', (r) => plainRequests.push(r.url()));
  await plain.page.reload();
  await plain.page.locator('[data-testid="index-score"]').waitFor();
  await plain.page.waitForTimeout(500);
  await plain.context.close();

  const e = await embedded(srv.url + '?embed=1&province=48&year=2018&lang=en');
  const { page, frame } = e;
  assert.notEqual(new URL(page.url()).origin, srv.origin, 'the host is another origin');
  assert.equal(await frame.getAttribute('body', 'data-embed'), 'true');
  // The host's choice: Đà Nẵng, 2018, English.
  assert.equal(await frame.inputValue('[data-testid="province-select"]'), '48');
  assert.equal(await frame.inputValue('[data-testid="year-select"]'), '2018');
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await text(frame, '[data-testid="index-score"]'), /^0\.\d{4}$/);
  assert.match(await text(frame, '[data-testid="index-rank"]'), /^\d+\/63$/);
  assert.match(await text(frame, '.stage-changes'), /against the baseline published$/);
  await frame.waitForFunction(() => Number(document.querySelector('canvas[data-testid="chart-ranking"]').dataset.draws) >= 1);
  await page.waitForTimeout(300);

  // Within the first 900 px at 800 px width, in light colours.
  const m = await frame.evaluate(measure, ON_STAGE);
  assert.equal(m.viewport.w, 800);
  assertInside(m, 800, 900, 'the first 900 px of the embedded page');
  assert.ok(m.sliders.length >= 5, `${m.sliders.length} key sliders`);
  assert.deepEqual(m.overlaps, [], 'no text overlaps another');
  console.log(`embedded at 800 px: first screen ${m.height}px high, lowest item at ${Math.max(...Object.values(m.boxes).map((b) => b.bottom), ...m.sliders.map((s) => s.box.bottom)).toFixed(0)}px`);
  const colours = await frame.evaluate(() => [document.body, document.querySelector('.stage-score')].map((el) => getComputedStyle(el).backgroundColor));
  for (const c of colours) {
    const [r, g, b] = c.match(/\d+/g).map(Number);
    assert.ok(Math.min(r, g, b) >= 235, `light background: ${c}`);
  }
  assert.deepEqual(await axeViolations(frame, { ready: null }), []);

  // The height message: the content's height, once it settles; then following what is open.
  const heights = () => page.evaluate(() => window.heights.slice());
  const closed = (await heights()).at(-1);
  assert.ok(Math.abs(closed - m.height) <= 1, `height message ${closed} vs content ${m.height}`);
  assert.ok(closed <= 1100, `the closed embed is ${closed}px high (was ≈ 7,100 px with every panel)`);
  assert.equal(await page.evaluate(() => document.getElementById('ict-index').getBoundingClientRect().height), closed);
  const settled = (await heights()).length;
  await page.waitForTimeout(1200);
  assert.equal((await heights()).length, settled, 'no message while nothing changes (no timer)');
  await frame.click('[data-testid="show-all"]');
  await page.waitForFunction((h) => window.heights.at(-1) > h + 1500, closed);
  const open = (await heights()).at(-1);
  assert.ok(Math.abs(open - await frame.evaluate(() => document.documentElement.getBoundingClientRect().height)) <= 1);
  await frame.click('[data-testid="show-all"]');
  await page.waitForFunction((h) => window.heights.at(-1) === h, closed);
  // The host makes the iframe narrower: a new height.
  await page.evaluate(() => { document.getElementById('ict-index').style.width = '420px'; });
  await page.waitForFunction((h) => window.heights.at(-1) > h + 50, closed);

  // No map geometry for the first screen; the same first download as a plain visit.
  assert.deepEqual(geoRequests(e.requests), [], 'the geometry is not fetched for the first screen');
  assert.deepEqual(files(e.requests), files(plainRequests), 'the first download does not grow');
  assert.ok(!e.requests.some((u) => /ict-io-/.test(u)), 'nor the file module');
  // The map when asked for: the geometry then, once.
  await page.evaluate(() => { document.getElementById('ict-index').style.width = '800px'; });
  await frame.click('[data-stage-view="map"]');
  await frame.waitForSelector('section.map[data-geo="ready"]');
  assert.equal(geoRequests(e.requests).length, 1);
  assert.deepEqual(e.errors, []);
  await e.close();
});

test('embedded: a scenario in the address fragment wins over the query', async () => {
  const { page, context } = await openPage(browser, srv.url, { origin: srv.origin });
  await page.selectOption('[data-testid="province-select"]', '01');
  await typeValue(page, 'fixed-broadband-per-100', '40');
  await page.waitForFunction(() => /#v3\./.test(document.querySelector('[data-testid="share-link"]').dataset.href));
  const fragment = (await page.getAttribute('[data-testid="share-link"]', 'data-href')).split('#')[1];
  const score = await text(page, '[data-testid="index-score"]');
  await context.close();
  const e = await embedded(srv.url + `?embed=1&province=48&year=2018&lang=en#${fragment}`);
  assert.equal(await e.frame.inputValue('[data-testid="province-select"]'), '01');
  assert.equal(await e.frame.inputValue('[data-testid="year-select"]'), '2019');
  assert.equal(await text(e.frame, '[data-testid="index-score"]'), score);
  assert.equal(await e.frame.inputValue('input[data-indicator="fixed-broadband-per-100"]'), '40,00');
  assert.deepEqual(e.errors, []);
  await e.close();
});
