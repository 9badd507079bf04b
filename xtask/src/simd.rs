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

use crate::util::{cmd, integrity, read, remove_stale, root, run, sha384_hex, write};

/// Prefix of the SIMD build's files in `dist/` (not `ict-index-`, which names the baseline's).
pub const PREFIX: &str = "ict-simd-";

/// Where the SIMD build is compiled: a target folder of its own, so that the two builds, which
/// differ in their compiler flags, do not undo each other's incremental work.
const TARGET_DIR: &str = "target/simd";

/// A module of one function returning a v128 (`i8x16.popcnt(i8x16.splat(0))`): valid exactly
/// where wasm SIMD is (the check of the `wasm-feature-detect` package).
const PROBE: &str = "[0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, \
8, 0, 65, 0, 253, 15, 253, 98, 11]";

/// A build's files in `dist/`: (glue, its integrity, wasm, its integrity).
struct Build {
    glue: String,
    glue_integrity: String,
    wasm: String,
    wasm_integrity: String,
}

impl Build {
    fn js_array(&self) -> String {
        format!(
            "['./{}', '{}', './{}', '{}']",
            self.glue, self.glue_integrity, self.wasm, self.wasm_integrity
        )
    }
}

/// Compiles the SIMD build into `dist/` (its files named by the hash of its wasm).
fn build() -> Result<Build, String> {
    run(cmd("cargo")
        .args([
            "build",
            "--quiet",
            "-p",
            "ict-index",
            "--bin",
            "ict-index",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--target-dir",
            TARGET_DIR,
        ])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
            "-C target-feature=+simd128",
        ))?;
    let work = root().join(TARGET_DIR).join("bindgen");
    let raw = root()
        .join(TARGET_DIR)
        .join("wasm32-unknown-unknown/release/ict-index.wasm");
    run(cmd("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--out-name",
            "ict-simd",
            "--out-dir",
        ])
        .arg(&work)
        .arg(&raw))?;
    let wasm = crate::util::wasm_opt_cached(&work.join("ict-simd_bg.wasm"), &["--enable-simd"])?;
    let glue = read(&work.join("ict-simd.js"))?;
    let stem = format!("{PREFIX}{}", &sha384_hex(&wasm)[..16]);
    let dist = root().join("dist");
    let built = Build {
        glue: format!("{stem}.js"),
        glue_integrity: integrity(&glue),
        wasm: format!("{stem}_bg.wasm"),
        wasm_integrity: integrity(&wasm),
    };
    write(&dist.join(&built.glue), &glue)?;
    write(&dist.join(&built.wasm), &wasm)?;
    remove_stale(&dist, PREFIX, &[&built.glue, &built.wasm])?;
    eprintln!("xtask: SIMD build {stem}: {} B wasm", wasm.len());
    Ok(built)
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

/// Points the `<link>` to `./{name}` at `./{to}` with integrity `to_integrity`; returns the
/// integrity it had.
fn swap_link(
    index: &mut String,
    name: &str,
    to: &str,
    to_integrity: &str,
) -> Result<String, String> {
    let (start, end) = link_to(index, name)?;
    let tag = &index[start..end];
    let had = attribute(tag, "integrity")?.to_string();
    let new_tag = tag
        .replace(&format!("./{name}"), &format!("./{to}"))
        .replace(&had, to_integrity);
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

/// Builds the SIMD variant and makes `dist/index.html` load it where the browser can (run after
/// the one-file build, which keeps the baseline, and before the loader moves into its own file).
pub fn install() -> Result<(), String> {
    let simd = build()?;
    let path = root().join("dist/index.html");
    let mut index = String::from_utf8(read(&path)?).map_err(|e| format!("dist/index.html: {e}"))?;
    let base_glue = crate::dist::find("ict-index-", ".js")?;
    let base_wasm = crate::dist::find("ict-index-", "_bg.wasm")?;
    // The baseline's preloads become the SIMD build's.
    let base = Build {
        glue_integrity: swap_link(&mut index, &base_glue, &simd.glue, &simd.glue_integrity)?,
        wasm_integrity: swap_link(&mut index, &base_wasm, &simd.wasm, &simd.wasm_integrity)?,
        glue: base_glue,
        wasm: base_wasm,
    };
    // Trunk's inline loader gives way to one that picks the build.
    let open = "<script type=\"module\">";
    let (start, end) = crate::dist::script_span(&index, open)?;
    if !index[start..end].contains(&format!("module_or_path: './{}'", base.wasm)) {
        return Err("dist/index.html: unexpected Trunk loader".into());
    }
    let loader = LOADER
        .replace("{PROBE}", PROBE)
        .replace("{SIMD}", &simd.js_array())
        .replace("{BASE}", &base.js_array());
    index.replace_range(start..end, &format!("{open}\n{loader}</script>"));
    write(&path, index.as_bytes())
}

/// The page's loader (`{PROBE}`, `{SIMD}` and `{BASE}` filled in).
const LOADER: &str = "\
// The app's build: with wasm SIMD where the browser has it (preloaded), else the baseline.
const simd = WebAssembly.validate(new Uint8Array({PROBE}));
const [glue, glueIntegrity, wasm, wasmIntegrity] = simd ? {SIMD} : {BASE};
if (!simd) {
  // The glue is checked against its sha384 as a modulepreload; the import then takes that one.
  await new Promise((resolve, reject) => {
    const link = Object.assign(document.createElement('link'),
      { rel: 'modulepreload', href: glue, integrity: glueIntegrity, crossOrigin: 'anonymous' });
    link.onload = resolve;
    link.onerror = () => reject(new Error(`${glue}: not loaded`));
    document.head.append(link);
  });
}
const bindings = await import(glue);
const instance = await bindings.default({ module_or_path: new Request(wasm, { integrity: wasmIntegrity }) });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
";
