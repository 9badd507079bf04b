// Browser timing script (`cargo xtask bench`): load time and input → repainted score, reported
// as figures (p50/p95 over 40 edits), never asserted.
import { serveDist, launch } from './helpers.mjs';

const srv = await serveDist();
const browser = await launch();
const loads = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(srv.url);
  await page.waitForSelector('[data-testid="index-score"]');
  const mark = await page.evaluate(() => performance.getEntriesByName('ict-index:first-render')[0]?.startTime ?? NaN);
  loads.push({ wall: Date.now() - t0, sinceNavigation: mark });
  await context.close();
}
const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
const page = await context.newPage();
await page.goto(srv.url);
await page.waitForSelector('[data-testid="index-score"]');
const edits = await page.evaluate(async () => {
  const input = document.querySelector('input[data-indicator="fixed-broadband-per-100"]');
  const score = document.querySelector('[data-testid="index-score"]');
  const times = [];
  const doms = [];
  for (let i = 0; i < 40; i++) {
    const before = score.textContent;
    const value = String(15 + (i % 2 === 0 ? 10 + i * 0.5 : 0));
    const changed = new Promise((resolve) => {
      const mo = new MutationObserver(() => { if (score.textContent !== before) { mo.disconnect(); resolve(performance.now()); } });
      mo.observe(score, { childList: true, characterData: true, subtree: true });
    });
    const t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const tDom = await changed;
    await new Promise((r) => requestAnimationFrame(() => r()));
    times.push(performance.now() - t0);
    doms.push(tDom - t0);
  }
  return { times, doms };
});
// Monte Carlo rank interval in the browser: 10,000 draws start 150 ms after an edit.
await page.locator('[data-testid="rank-interval"]').waitFor();
const mc = await page.evaluate(async () => {
  const input = document.querySelector('input[data-indicator="households-with-computer-pct"]');
  const out = [];
  for (let i = 0; i < 5; i++) {
    const el = () => document.querySelector('[data-testid="rank-interval"]');
    input.value = String(20 + i);
    input.dispatchEvent(new InputEvent('input', { bubbles: true }));
    const t0 = performance.now();
    await new Promise((resolve) => {
      const tick = () => (/–/.test(el().textContent) ? resolve() : setTimeout(tick, 1));
      setTimeout(tick, 100);
    });
    out.push(performance.now() - t0 - 150);
  }
  return out;
});
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const f = (x) => x.toFixed(1);
console.log(`first render (5 loads from 127.0.0.1): navigation start → first render in the DOM ` +
  `(performance mark) p50 ${f(pct(loads.map((l) => l.sinceNavigation), 0.5))} ms, max ${f(Math.max(...loads.map((l) => l.sinceNavigation)))} ms; ` +
  `test-driver wall time to the score element p50 ${f(pct(loads.map((l) => l.wall), 0.5))} ms`);
console.log(`input → score updated in the DOM (40 edits; recompute + render): p50 ${f(pct(edits.doms, 0.5))} ms, p95 ${f(pct(edits.doms, 0.95))} ms, max ${f(Math.max(...edits.doms))} ms`);
console.log(`input → next animation frame after the update (includes waiting for vsync): p50 ${f(pct(edits.times, 0.5))} ms, p95 ${f(pct(edits.times, 0.95))} ms`);
console.log(`Monte Carlo rank interval, 10,000 draws, in the browser (after the 150 ms debounce): p50 ${f(pct(mc, 0.5))} ms, max ${f(Math.max(...mc))} ms`);
await browser.close();
srv.server.close();
