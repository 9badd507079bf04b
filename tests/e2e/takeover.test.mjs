// Nothing is lost while the app arrives: on the pre-rendered first screen (a phone on a slow
// network waits seconds for the wasm) every action a visitor takes is recorded by the page, in
// order, and done again in the app when it takes over. Each sequence here is done twice: on the
// pre-rendered screen with the app held back, then released; and in a page whose app was live
// from the start. Both end the same: every field, the score, the rank, the language, the
// address. Random sequences come from fixed seeds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serveDist, launch, openPage, waitLive } from './helpers.mjs';

let srv, browser;
before(async () => { srv = await serveDist(); browser = await launch(); });
after(async () => { await browser?.close(); srv?.server.close(); });

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
/** The first module's wasm (held back); the second comes after it anyway. */
const APP_WASM = /ict-index-[0-9a-f]{16}_bg\.wasm$/;

/** What the page ends with: every indicator field, score, rank, language, address. */
async function outcome(page) {
  // The address is written a moment after the last change.
  await page.waitForFunction(() => {
    const link = document.querySelector('[data-testid="share-link"]');
    return link && location.href === link.dataset.href;
  });
  return page.evaluate(() => ({
    fields: Object.fromEntries([...document.querySelectorAll('input[data-indicator]')].map((i) => [i.dataset.indicator, i.value])),
    errors: [...document.querySelectorAll('[data-testid="input-error"]')].map((e) => e.textContent),
    score: document.querySelector('[data-testid="index-score"]').textContent,
    rank: document.querySelector('[data-testid="index-rank"]').textContent,
    province: document.querySelector('[data-testid="province-select"]').value,
    year: document.querySelector('[data-testid="year-select"]').value,
    lang: document.documentElement.lang,
    hash: location.hash,
  }));
}

/** The actions a visitor can take on the pre-rendered screen, as steps on a page. */
const act = {
  type: (id, text) => async (page) => { await page.locator(`input[data-indicator="${id}"]`).fill(text); },
  blur: (id) => async (page) => { await page.locator(`input[data-indicator="${id}"]`).blur(); },
  click: (sel) => async (page) => { await page.locator(sel).first().click(); },
  choose: (sel, value) => async (page) => { await page.locator(sel).selectOption(value); },
  slide: (id, value) => async (page) => {
    await page.locator(`input[data-slider="${id}"]`).evaluate((el, v) => {
      el.value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, value);
  },
  // A shortcut, pressed with no field focused.
  key: (combo) => async (page) => {
    await page.evaluate(() => document.activeElement?.blur());
    await page.keyboard.press(combo);
  },
};

/** `steps` done on the pre-rendered screen of a phone, the app held back until they are all
 * done; then the app takes over. */
async function beforeTheApp(steps) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(APP_WASM, async (route) => { await held; await route.continue(); });
  await page.goto(srv.url, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('#ict-prerender input[data-indicator]', { state: 'visible' });
  for (const step of steps) await step(page);
  assert.ok(await page.locator('#ict-prerender').count(), 'the app waited');
  release();
  await page.waitForFunction(() => !document.getElementById('ict-prerender') && window.ictReplayed !== undefined);
  await waitLive(page);
  const end = await outcome(page);
  assert.deepEqual(errors, []);
  await context.close();
  return end;
}

/** The same steps in a page whose app is live. */
async function inTheApp(steps) {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin, viewport: PHONE.viewport });
  for (const step of steps) await step(page);
  const end = await outcome(page);
  assert.deepEqual(errors, []);
  await context.close();
  return end;
}

async function same(steps) {
  const early = await beforeTheApp(steps);
  const late = await inTheApp(steps);
  assert.deepEqual(early, late);
  return early;
}

test('an edit, a reset, another edit before the app: both edits kept in order, the reset between', async () => {
  const end = await same([
    act.type('households-with-computer-pct', '90'),
    act.click('[data-testid="reset"]'),
    act.type('fixed-broadband-per-100', '40'),
  ]);
  // (The field still has the focus: it shows the text typed.)
  assert.equal(end.fields['fixed-broadband-per-100'], '40');
  assert.equal(end.fields['households-with-computer-pct'], '18,31');
  assert.notEqual(end.score, '0,7350');
  assert.match(end.hash, /^#v3\./);
});

test('a province chosen, then an edit: the edit is the chosen province\'s', async () => {
  const end = await same([
    act.choose('[data-testid="province-select"]', '48'),
    act.type('households-with-computer-pct', '90'),
  ]);
  assert.equal(end.province, '48');
  assert.equal(end.fields['households-with-computer-pct'], '90');
});

test('a refused text, then the slider: the slider\'s value stands, the refusal is gone', async () => {
  const end = await same([
    act.type('fixed-broadband-per-100', 'bốn mươi'),
    act.slide('fixed-broadband-per-100', 30),
  ]);
  assert.deepEqual(end.errors, []);
  assert.equal(end.fields['fixed-broadband-per-100'], '30,00');
});

test('a refused text in a field left before the app comes: the app says why', async () => {
  const end = await same([
    act.type('fixed-broadband-per-100', '9999'),
    act.blur('fixed-broadband-per-100'),
    act.type('households-with-computer-pct', '50'),
  ]);
  assert.equal(end.errors.length, 1);
  assert.match(end.errors[0], /ngoài khoảng hợp lệ/i);
});

test('a preset, the language, undo by the keyboard', async () => {
  const end = await same([
    act.click('[data-preset="ke-hoach-60"]'),
    act.click('[data-testid="lang-toggle"]'),
    act.type('fixed-broadband-per-100', '33'),
    act.key('Control+z'),
  ]);
  assert.equal(end.lang, 'en');
});

/** A small random generator (xorshift), from a fixed seed. */
function random(seed) {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

const FIELDS = ['fixed-broadband-per-100', 'households-with-computer-pct', 'it-staff-pct', 'email-use-pct', 'mobile-phones-per-100'];
const TEXTS = ['90', '40,5', '12', '0', 'abc', '', '150', '3,25'];

/** A random sequence of what a visitor can do on the pre-rendered screen. */
function sequence(seed, length) {
  const r = random(seed);
  const steps = [];
  const names = [];
  for (let k = 0; k < length; k++) {
    const field = FIELDS[r(FIELDS.length)];
    switch (r(9)) {
      case 0: case 1: case 2: {
        const t = TEXTS[r(TEXTS.length)];
        steps.push(act.type(field, t)); names.push(`type ${field} ${t}`); break;
      }
      case 3: steps.push(act.blur(field)); names.push(`blur ${field}`); break;
      case 4: steps.push(act.click('[data-testid="reset"]')); names.push('reset'); break;
      case 5: steps.push(act.click('[data-preset="ke-hoach-60"]')); names.push('preset'); break;
      case 6: {
        const p = ['22', '48', '01', '79'][r(4)];
        steps.push(act.choose('[data-testid="province-select"]', p)); names.push(`province ${p}`); break;
      }
      case 7: { const v = 5 + r(30); steps.push(act.slide(field, v)); names.push(`slide ${field} ${v}`); break; }
      default: steps.push(act.key(r(2) ? 'Control+z' : 'l')); names.push('key'); break;
    }
  }
  return { steps, names };
}

for (const seed of [2019, 60, 7024, 8002]) {
  test(`random actions before the app (seed ${seed}) end as the same actions in the app`, async () => {
    const { steps, names } = sequence(seed, 7);
    const early = await beforeTheApp(steps);
    const late = await inTheApp(steps);
    assert.deepEqual(early, late, names.join(' · '));
  });
}

/** The second module's wasm, either build. */
const MORE_WASM = /ict-(more|simd)-[0-9a-f]{16}_bg\.wasm$/;

test('another province chosen in the app, with no edit: the pre-rendered panels of the first province go', async () => {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  // The second module held back: its slots keep the pre-rendered panels meanwhile.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(MORE_WASM, async (route) => { await held; await route.continue(); });
  await page.goto(srv.url);
  await page.waitForFunction(() => !document.getElementById('ict-prerender') && window.ictReplayed !== undefined);
  await page.waitForFunction(() => performance.getEntriesByName('ict-index:first-render').length > 0);
  assert.ok(await page.locator('.prerendered').count() > 0, 'the pre-rendered panels wait in their slots');
  await page.locator('[data-testid="province-select"]').selectOption('48');
  // Same edition, no edit: the same results as before, but another province's panels.
  await page.waitForFunction(() => document.querySelectorAll('.prerendered').length === 0);
  await page.waitForSelector('[data-testid="ranking-table"] tr[data-province]');
  release();
  await context.close();
});

test('a second copy of the second module gets no start of its own', async () => {
  const { page, context, errors } = await openPage(browser, srv.url, { origin: srv.origin, viewport: PHONE.viewport });
  await page.waitForFunction(() => document.documentElement.dataset.more === 'live');
  // A module that says it is ready after the first has linked (a load given up for slow that
  // came after all) is not answered: its state would start without the actions since.
  const inits = await page.evaluate(async () => {
    let n = 0;
    window.addEventListener('ict-index:more-init', () => { n += 1; });
    window.dispatchEvent(new CustomEvent('ict-index:more-ready', { detail: new Uint8Array([0, 0]) }));
    await new Promise((r) => setTimeout(r, 100));
    return n;
  });
  assert.equal(inits, 0);
  assert.deepEqual(errors, []);
  await context.close();
});
