//! The app built a second time with wasm SIMD (`-C target-feature=+simd128`), for the browsers
//! that have it (Chrome and Edge 91+, Firefox 89+, Safari 16.4+): the rank interval's draws run
//! two cells per instruction (`cfg(wasm_simd)` in the engine), twice as fast. Browsers without
//! it run the baseline build, which Trunk makes; both give the same results, bit for bit.
//!
//! `cargo xtask dist` writes `ict-simd-<hash>.js` (its own wasm-bindgen glue: a glue is tied to
//! its wasm) and `ict-simd-<hash>_bg.wasm` into `dist/`, preloads them instead of the baseline's
//! files, and gives the page a loader that picks a build with `WebAssembly.validate` on a few
//! bytes of SIMD. Each file is still checked against its sha384: the preloaded ones by their
//! `<link integrity>`, the baseline's glue by a `modulepreload` the loader adds before importing
//! it, each wasm by the integrity of its `Request`. The one-file build keeps the baseline.

use crate::util::{read, root, write, Placed, WasmModule};

/// Prefix of the SIMD build's files in `dist/` (not `ict-index-`, which names the baseline's).
pub const PREFIX: &str = "ict-simd-";

/// Where the SIMD build is compiled: a target folder of its own, so that the two builds, which
/// differ in their compiler flags, do not undo each other's incremental work.
const TARGET_DIR: &str = "target/simd";

/// A module of one function returning a v128 (`i8x16.popcnt(i8x16.splat(0))`): valid exactly
/// where wasm SIMD is (the check of the `wasm-feature-detect` package).
const PROBE: &str = "[0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, \
8, 0, 65, 0, 253, 15, 253, 98, 11]";

/// The loader's form of a build's files: `[[glue, integrity], [wasm, integrity]]`.
fn js_pairs(b: &Placed) -> String {
    format!(
        "[['./{}', '{}'], ['./{}', '{}']]",
        b.glue, b.glue_integrity, b.wasm, b.wasm_integrity
    )
}

/// Compiles the SIMD build into `dist/` (its files named by the hash of its wasm).
fn build() -> Result<Placed, String> {
    let (glue, wasm) = WasmModule {
        cargo: &["-p", "ict-index", "--bin", "ict-index"],
        target_dir: Some(TARGET_DIR),
        rustflags: Some("-C target-feature=+simd128"),
        artifact: "ict-index.wasm",
        bindgen: &["--target", "web", "--out-name", "ict-simd"],
        stem: "ict-simd",
        opt_features: &["--enable-simd"],
    }
    .build()?;
    Placed::write(&root().join("dist"), PREFIX, &glue, &wasm)
}

/// The `<link>` in `index` whose `href` is `./{name}`: (start, end) of the tag.
fn link_to(index: &str, name: &str) -> Result<(usize, usize), String> {
    let at = index
        .find(&format!("href=\"./{name}\""))
        .ok_or(format!("dist/index.html: no link to {name}"))?;
    let start = index[..at]
        .rfind("<link")
        .ok_or("dist/index.html: a broken link")?;
    let end = at
        + index[at..]
            .find('>')
            .ok_or("dist/index.html: an unclosed link")?
        + 1;
    Ok((start, end))
}

/// The two-column layout (a desktop or a tablet), where the app loads at once; below it, the
/// quick editor runs on the pre-rendered screen.
const WIDE: &str = "(min-width: 901px)";
const NARROW: &str = "(max-width: 900px)";

/// Points Trunk's `<link>` to `./{name}` at `./{to}` with integrity `to_integrity`, for the
/// two-column layout only (`media`); returns the integrity it had.
fn wide_link(
    index: &mut String,
    name: &str,
    to: &str,
    to_integrity: &str,
) -> Result<String, String> {
    let (start, end) = link_to(index, name)?;
    let tag = &index[start..end];
    let had = attribute(tag, "integrity")?.to_string();
    let body = tag.trim_end_matches('>').trim_end_matches('/').trim_end();
    let new_tag = format!(
        "{} media=\"{WIDE}\">",
        body.replace(&format!("./{name}"), &format!("./{to}"))
            .replace(&had, to_integrity)
    );
    index.replace_range(start..end, &new_tag);
    Ok(had)
}

/// The value of attribute `name` in `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Result<&'a str, String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key).ok_or(format!("{tag}: no {name}"))? + key.len();
    let len = tag[start..]
        .find('"')
        .ok_or(format!("{tag}: unclosed {name}"))?;
    Ok(&tag[start..start + len])
}

/// Builds the SIMD variant and the quick editor, and gives `dist/index.html` the loader that
/// starts the quick editor (preloaded instead of the app) and loads the app when it is needed, in
/// its SIMD build where the browser can (run after the one-file build, which keeps the baseline
/// and loads it at once, and before the loader moves into its own file).
pub fn install() -> Result<(), String> {
    let simd = build()?;
    let quick = crate::early::build()?;
    let path = root().join("dist/index.html");
    let mut index = String::from_utf8(read(&path)?).map_err(|e| format!("dist/index.html: {e}"))?;
    let base_glue = crate::dist::find("ict-index-", ".js")?;
    let base_wasm = crate::dist::find("ict-index-", "_bg.wasm")?;
    // Trunk's preloads of the app become the SIMD build's, in the two-column layout; on a phone
    // the guard preloads what the page will run first.
    let base = Placed {
        glue_integrity: wide_link(&mut index, &base_glue, &simd.glue, &simd.glue_integrity)?,
        wasm_integrity: wide_link(&mut index, &base_wasm, &simd.wasm, &simd.wasm_integrity)?,
        glue: base_glue,
        wasm: base_wasm,
    };
    let guard = format!("<script>\n{}", crate::dist::GUARD);
    let at = index
        .find(&guard)
        .ok_or("dist/index.html: no guard script")?
        + guard.len();
    let preloads = PRELOADS
        .replace("{NARROW}", NARROW)
        .replace("{APP}", &js_pairs(&simd))
        .replace("{QUICK}", &js_pairs(&quick));
    index.insert_str(at, &preloads);
    // Trunk's inline loader gives way to one that picks the build.
    let open = "<script type=\"module\">";
    let (start, end) = crate::dist::script_span(&index, open)?;
    if !index[start..end].contains(&format!("module_or_path: './{}'", base.wasm)) {
        return Err("dist/index.html: unexpected Trunk loader".into());
    }
    let loader = LOADER
        .replace("{PROBE}", PROBE)
        .replace("{SIMD}", &js_pairs(&simd))
        .replace("{BASE}", &js_pairs(&base))
        .replace("{QUICK}", &js_pairs(&quick))
        .replace("{WIDE}", WIDE);
    index.replace_range(start..end, &format!("{open}\n{loader}</script>"));
    write(&path, index.as_bytes())
}

/// Added to the guard (which knows whether the pre-rendered screen will show): on a phone, the
/// quick editor's files are preloaded when it will, the app's when it will not (`{NARROW}`,
/// `{APP}`, `{QUICK}` filled in).
const PRELOADS: &str = "\
// A phone: what the page runs first is preloaded now (in the two-column layout <head> preloads
// the app): the quick editor on the pre-rendered screen, else the app.
(function () {
  if (!matchMedia('{NARROW}').matches) return;
  var other = document.documentElement.classList.contains('no-prerender');
  (other ? {APP} : {QUICK}).forEach(function (file, i) {
    var link = document.createElement('link');
    link.rel = i === 0 ? 'modulepreload' : 'preload';
    if (i === 1) { link.as = 'fetch'; link.type = 'application/wasm'; }
    link.href = file[0];
    link.integrity = file[1];
    link.crossOrigin = 'anonymous';
    document.head.appendChild(link);
  });
})();
";

/// The page's loader (`{PROBE}`, `{SIMD}`, `{BASE}` and `{QUICK}` filled in).
const LOADER: &str = "\
// The app's build: with wasm SIMD where the browser has it, else the baseline.
const simd = WebAssembly.validate(new Uint8Array({PROBE}));
const [[glue, glueIntegrity], [wasm, wasmIntegrity]] = simd ? {SIMD} : {BASE};
const [[quickGlue, quickGlueIntegrity], [quickWasm, quickWasmIntegrity]] = {QUICK};
// A build started, each file checked against its sha384: the glue as a modulepreload with
// integrity (which the import then takes), the wasm by its request's integrity.
const started = async (glue, glueIntegrity, wasm, wasmIntegrity) => {
  await new Promise((resolve, reject) => {
    const link = Object.assign(document.createElement('link'),
      { rel: 'modulepreload', href: glue, integrity: glueIntegrity, crossOrigin: 'anonymous' });
    link.onload = resolve;
    link.onerror = () => reject(new Error(`${glue}: not loaded`));
    document.head.append(link);
  });
  const bindings = await import(glue);
  const instance = await bindings.default({ module_or_path: new Request(wasm, { integrity: wasmIntegrity }) });
  return [bindings, instance];
};
const wide = matchMedia('{WIDE}').matches;
let quick = null;
let app = null;
const loadApp = () => (app ??= (async () => {
  // On a phone the quick editor (≈ 160 KB) comes first; not waited for more than 4 s.
  await Promise.race([quick?.catch(() => {}), new Promise((r) => setTimeout(r, 4000))]);
  const [bindings, instance] = await started(glue, glueIntegrity, wasm, wasmIntegrity);
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
})().catch((e) => {
  // Tried again on the next occasion (a network that came back).
  app = null;
  throw e;
}));
const pre = document.getElementById('ict-prerender');
if (wide || !pre || document.documentElement.classList.contains('no-prerender')) {
  // The two-column layout (a desktop or a tablet: the whole tool on one screen; its preloads are
  // the app's), or the page opens on another state: the app at once.
  await loadApp();
} else {
  // A phone, on the pre-rendered screen: the quick editor makes its editor work at once, and
  // the app comes when it is needed: a chart (blank until the app draws it) in the first
  // viewport, the first edit, or anything else the visitor does (scroll, touch, click, key,
  // focus outside the editor). A visitor who only looks fetches the quick editor alone.
  quick = (async () => {
    const [module] = await started(quickGlue, quickGlueIntegrity, quickWasm, quickWasmIntegrity);
    window.ictEarlyFlush = module.flush;
    if (!module.start()) loadApp();
  })();
  quick.catch(() => loadApp());
  // Should the quick editor ever stop on an error (a wasm trap), the app takes over.
  addEventListener('error', (e) => {
    if (e.error instanceof WebAssembly.RuntimeError && document.getElementById('ict-prerender')) loadApp();
  });
  const charts = [...pre.querySelectorAll('canvas')];
  if (charts.some((c) => { const r = c.getBoundingClientRect(); return r.height > 0 && r.top < innerHeight; })) loadApp();
  addEventListener('ict-index:need-app', loadApp);
  addEventListener('scroll', loadApp, { passive: true });
  const editor = 'input[data-indicator], input[data-slider]';
  const act = (e) => { if (!(e.target instanceof Element && e.target.matches(editor))) loadApp(); };
  for (const kind of ['pointerdown', 'keydown', 'focusin']) addEventListener(kind, act, { capture: true, passive: true });
}
";
