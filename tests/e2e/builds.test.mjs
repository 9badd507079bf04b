// The two builds of the app's second module (the panels below the first screen, the rank
// interval among them): with wasm SIMD where the browser has it, the baseline elsewhere
// (emulated here by a WebAssembly.validate that says no). Each is loaded alone, after the first
// module (one build), and both give the same answers, the rank interval's draws included, to
// the last bit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, openOneFile, text, typeValue, COUNT_JOINED } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const INTERVAL = '[data-testid="rank-interval"][data-p-better]';

/** The page's answers: score, rank, and the rank interval with its share of better draws. */
async function answers(page) {
  await page.locator(INTERVAL).waitFor();
  return {
    score: await text(page, '[data-testid="index-score"]'),
    rank: await text(page, '[data-testid="index-rank"]'),
    interval: await text(page, '[data-testid="rank-interval"]'),
    pBetter: await page.getAttribute('[data-testid="rank-interval"]', 'data-p-better'),
  };
}

const NO_SIMD = 'WebAssembly.validate = () => false;';

/** Whether the worker's half was joined in a run so far (at load, after the edit). */
const byWorker = (page) => page.evaluate(() => window.__joined >= 1);

/** The answers after typing 90 % of households with a computer. */
async function edit(page, baseline) {
  await typeValue(page, 'households-with-computer-pct', '90');
  await page.waitForFunction((s) => document.querySelector('[data-testid="index-score"]').textContent !== s, baseline.score);
  return answers(page);
}

/** Opens the app (`simd`: false makes the browser look as if it had no wasm SIMD); the answers
 * at the baseline and after an edit, and the app's files it fetched. */
async function run(simd) {
  const init = simd ? COUNT_JOINED : `${COUNT_JOINED}\n${NO_SIMD}`;
  const { page, context, errors, foreign, files } = await openPage(browser, srv.url, { origin: srv.origin, init });
  const baseline = await answers(page);
  const edited = await edit(page, baseline);
  // Half of the draws by the worker, which runs this build's wasm.
  assert.ok(await byWorker(page), `worker (SIMD build: ${simd})`);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
  return { baseline, edited, files };
}

test('wasm SIMD where the browser has it, else the baseline build: each fetched once, the same answers bit for bit', async () => {
  const simd = await run(true);
  const base = await run(false);
  const count = (files, re) => files.filter((f) => re.test(f)).length;
  // The first module once in both.
  for (const run of [simd, base]) {
    assert.equal(count(run.files, /^ict-index-[0-9a-f]+\.js$/), 1, run.files.join(' '));
    assert.equal(count(run.files, /^ict-index-[0-9a-f]+_bg\.wasm$/), 1, run.files.join(' '));
  }
  // With SIMD: the second module's SIMD glue and wasm once each, nothing of its baseline.
  assert.equal(count(simd.files, /^ict-simd-[0-9a-f]+\.js$/), 1, simd.files.join(' '));
  assert.equal(count(simd.files, /^ict-simd-[0-9a-f]+_bg\.wasm$/), 1, simd.files.join(' '));
  assert.equal(count(simd.files, /^ict-more-/), 0, simd.files.join(' '));
  // Without: its baseline's, nothing of the SIMD build.
  assert.equal(count(base.files, /^ict-more-[0-9a-f]+\.js$/), 1, base.files.join(' '));
  assert.equal(count(base.files, /^ict-more-[0-9a-f]+_bg\.wasm$/), 1, base.files.join(' '));
  assert.equal(count(base.files, /^ict-simd-/), 0, base.files.join(' '));
  // The published baseline, and the same answers in both builds.
  assert.equal(simd.baseline.score, '0,7350');
  assert.match(simd.baseline.rank, /^3\/63/);
  assert.deepEqual(base.baseline, simd.baseline);
  assert.deepEqual(base.edited, simd.edited);
  assert.notEqual(simd.edited.score, simd.baseline.score);
  // The share of better draws is a real fraction of the 10,000 draws, not a placeholder.
  for (const { pBetter } of [simd.baseline, simd.edited]) {
    const p = Number(pBetter);
    assert.ok(p >= 0 && p <= 1 && Number.isInteger(Math.round(p * 10000)), pBetter);
  }
});

test('the one-file build opened from disk runs half of the draws in its worker too, with the same answers', async () => {
  const hosted = await run(true);
  const { page, context, errors, foreign } = await openOneFile(browser, { init: COUNT_JOINED });
  const baseline = await answers(page);
  assert.deepEqual(baseline, hosted.baseline);
  const edited = await edit(page, baseline);
  assert.ok(await byWorker(page), 'worker from a page on disk');
  assert.deepEqual(edited, hosted.edited);
  assert.deepEqual(errors, []);
  assert.deepEqual(foreign, []);
  await context.close();
});
