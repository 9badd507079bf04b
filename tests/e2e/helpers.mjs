// Shared by the end-to-end tests and the timing script: serves dist/ on 127.0.0.1 under a
// sub-path (as a provincial website would), launches Debian's Chromium, and records page
// errors and every request to another host.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const SUBPATH = '/so-tttt/ict-index/';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

/** The test-only build with the panic trigger (`cargo xtask test` makes it). */
export const PANIC_DIST = path.join(ROOT, 'target/dist-panic-test');

/** Serves dist/ (or `dir`) under SUBPATH on a free port of 127.0.0.1; with `gzip`, files are
 * sent gzip-compressed to a browser that accepts it (as a web server would). */
export async function serveDist(dir = DIST, { gzip = false } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(SUBPATH)) { res.writeHead(404); res.end(); return; }
    let rel = decodeURIComponent(url.pathname.slice(SUBPATH.length)) || 'index.html';
    const file = path.join(dir, path.normalize(rel));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    const type = TYPES[path.extname(file)] || 'application/octet-stream';
    if (gzip && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
      return;
    }
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${SUBPATH}` };
}

/** Waits until the app's second module (the panels below the first screen) has every panel
 * in place. */
export async function waitLive(page) {
  await page.waitForFunction(() => document.documentElement.dataset.more === 'live');
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-quic'],
  });
}

/** A page that records page errors, console errors, requests to hosts other than `origin`, and
 * the names of the files fetched from it; `storage`: localStorage items set before the app
 * starts; `reducedMotion`: 'reduce' to emulate the user preference; `init`: a script run before
 * the page's own. */
export async function openPage(browser, url, { origin = null, viewport = { width: 1366, height: 900 }, storage = null, reducedMotion = 'no-preference', init = null } = {}) {
  const context = await browser.newContext({ viewport, reducedMotion });
  if (init) await context.addInitScript(init);
  if (storage) {
    await context.addInitScript((items) => {
      for (const [k, v] of Object.entries(items)) if (localStorage.getItem(k) === null) localStorage.setItem(k, v);
    }, storage);
  }
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  // The app's own files fetched (names).
  const files = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => {
    const u = r.url();
    if (u.startsWith('data:') || u.startsWith('blob:')) return;
    if (origin ? !u.startsWith(origin) : !u.startsWith('file://')) foreign.push(u);
    else files.push(new URL(u).pathname.split('/').pop());
  });
  await page.goto(url);
  // The app, not the pre-rendered screen it replaces (what is done there is done again by the
  // app as it takes over: takeover.test.mjs), with its second
  // module (the panels below the first screen).
  await page.waitForFunction(() => !document.getElementById('ict-prerender'));
  await page.waitForSelector('[data-testid="index-score"]');
  await waitLive(page);
  return { page, context, errors, foreign, files };
}

/** The one-file build opened from disk in a context with the network off; records page errors
 * and every request that is not to a file:// or data: address. */
export async function openOneFile(browser, { init = null } = {}) {
  const context = await browser.newContext({ acceptDownloads: true });
  if (init) await context.addInitScript(init);
  await context.setOffline(true);
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  // The app's own files fetched (names).
  const files = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A blob: of the page's own (opaque) origin is made by the page (the Monte Carlo's worker), not
  // fetched from anywhere.
  page.on('request', (r) => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:') && !r.url().startsWith('blob:null/')) foreign.push(r.url()); });
  await page.goto('file://' + path.join(DIST, 'ict-index.html'));
  await page.waitForFunction(() => !document.getElementById('ict-prerender'));
  await page.waitForSelector('[data-testid="index-score"]');
  return { page, context, errors, foreign };
}

/** The text a person sees in the first element matching `sel` (scrolled to first: panels far
 * below the fold are laid out only near the viewport, CSS content-visibility). */
export async function text(page, sel) {
  const el = page.locator(sel).first();
  await el.scrollIntoViewIfNeeded();
  // Content brought near the viewport is laid out in the next frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return el.innerText();
}

/** Types into an indicator field as a person would (select all, type). */
export async function typeValue(page, id, value) {
  const input = page.locator(`input[data-indicator="${id}"]`);
  await input.fill(value);
}

let axeSource = null;

/** The last of the panels that join after the first paint (the ranking table's rows): once it is
 * in the DOM, every panel is. */
export const LAST_PANEL = '[data-testid="ranking-table"] tr[data-province]';

/** Serious or critical axe-core violations on the page (after `ready`, if given, is visible). */
export async function axeViolations(page, { ready = LAST_PANEL } = {}) {
  if (ready) await page.locator(ready).first().waitFor({ state: 'attached' });
  axeSource ??= fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** An init script that counts the runs of the rank interval that joined the worker's half (`window.__joined`). */
export const COUNT_JOINED = `window.__joined = 0;
const __mark = performance.mark.bind(performance);
performance.mark = (name, ...rest) => { if (name === 'ict-index:interval-worker') window.__joined += 1; return __mark(name, ...rest); };`;
