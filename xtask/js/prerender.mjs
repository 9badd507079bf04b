// `cargo xtask dist` runs this after the release build: the default first screen (Quảng Ninh,
// 2019, Vietnamese, built-in data) as the app renders it, written to the file named by the
// first argument, so that dist/index.html shows it before the wasm arrives. Inputs, checkboxes
// and selects are rendered by Yew as properties: their values are written back as attributes
// so that the markup shows them. Canvases are left blank (the app draws them).
import fs from 'node:fs';
import { serveDist, launch } from '../../tests/e2e/helpers.mjs';

const out = process.argv[2];
if (!out) throw new Error('usage: node xtask/js/prerender.mjs <output file>');
const srv = await serveDist();
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(srv.url);
  // The first render, then the panels that join right after the first paint.
  await page.waitForSelector('[data-testid="index-score"]');
  await page.waitForSelector('[data-testid="lever-table"]');
  await page.waitForSelector('[data-testid="ranking-table"] tbody tr[data-province]');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  if (page.url() !== srv.url) throw new Error(`the default page rewrote its address: ${page.url()}`);
  if (errors.length) throw new Error(errors.join('\n'));
  const html = await page.evaluate(() => {
    for (const el of document.querySelectorAll('input')) {
      if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', el.checked);
      else if (el.type !== 'file') el.setAttribute('value', el.value);
    }
    for (const el of document.querySelectorAll('option')) el.toggleAttribute('selected', el.selected);
    for (const el of document.querySelectorAll('textarea')) el.textContent = el.value;
    // The first screen works before the app is live (the guard records what the visitor does,
    // the app does it again): all but the second module's panels (seen, not used, until it
    // draws them) and the file pickers.
    for (const el of document.querySelectorAll('[id^="ict-slot-"], input[type="file"]')) el.setAttribute('inert', '');
    return [...document.body.children]
      .filter((el) => !['NOSCRIPT', 'SCRIPT'].includes(el.tagName))
      .map((el) => el.outerHTML)
      .join('');
  });
  fs.writeFileSync(out, html);
  console.error(`xtask: pre-rendered the first screen (${html.length} B) into ${out}`);
} finally {
  await browser.close();
  srv.server.close();
}
