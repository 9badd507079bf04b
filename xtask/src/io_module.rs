//! `cargo xtask io-module [DIR]`: the file module (`io/`, crate `ict-io`: data-file import checks,
//! Excel reading and writing), built apart from the app and loaded by it only when a planner
//! imports a file or asks for Excel, so that none of it weighs on the first download.
//!
//! Trunk runs this after every build (`[[hooks]]` in Trunk.toml, with `TRUNK_STAGING_DIR`), so
//! `trunk build`, `trunk serve` and `cargo xtask dist` all carry the module. It writes
//! `ict-io-<hash>.js` (wasm-bindgen glue, `--target no-modules`, defining `globalThis.ictIndexIo`)
//! and `ict-io-<hash>_bg.wasm` (wasm-opt -Oz) into DIR, and announces them to the app in DIR's
//! index.html: `<meta name="ict-index-io" data-js=… data-js-integrity=… data-wasm=…
//! data-wasm-integrity=…>` (the app checks both files against their sha384 when it loads them).

use std::path::Path;

use crate::util::{announce, out_dir, step, Placed, WasmModule};

/// The global the module's glue defines.
pub const GLOBAL: &str = "ictIndexIo";
/// The `<meta name>` announcing the module in index.html.
pub const META: &str = "ict-index-io";

/// Builds the module: (glue, optimised wasm). wasm-opt's output is cached by the hash of its
/// input, so a rebuild that changed only the app costs a second.
fn build() -> Result<(Vec<u8>, Vec<u8>), String> {
    let (glue, optimised) = WasmModule {
        cargo: &["-p", "ict-io"],
        target_dir: None,
        rustflags: None,
        artifact: "ict_io.wasm",
        bindgen: &["--target", "no-modules", "--no-modules-global", GLOBAL],
        stem: "ict_io",
        opt_features: &[],
    }
    .build()?;
    Ok((no_modules_glue(glue, GLOBAL)?, optimised))
}

/// wasm-bindgen's `--target no-modules` glue with its global reachable from the page: a
/// top-level `let` is not a property of the window.
pub fn no_modules_glue(glue: Vec<u8>, global: &str) -> Result<Vec<u8>, String> {
    let glue = String::from_utf8(glue).map_err(|e| e.to_string())?;
    let declared = format!("let {global} = ");
    if !glue.starts_with(&declared) {
        return Err(format!(
            "{global}: unexpected wasm-bindgen glue (no `{declared}`)"
        ));
    }
    Ok(glue
        .replacen(&declared, &format!("globalThis.{global} = "), 1)
        .into_bytes())
}

/// Writes the module into `dir` and announces it in `dir/index.html` (replacing an earlier one).
pub fn install(dir: &Path) -> Result<(), String> {
    let (glue, wasm) = build()?;
    let placed = Placed::write(dir, "ict-io-", &glue, &wasm)?;
    let meta = format!(
        "<meta name=\"{META}\" data-js=\"./{}\" data-js-integrity=\"{}\" data-wasm=\"./{}\" data-wasm-integrity=\"{}\" />",
        placed.glue, placed.glue_integrity, placed.wasm, placed.wasm_integrity
    );
    announce(dir, META, &meta)
}

/// `cargo xtask io-module [DIR]`: DIR, else Trunk's staging folder, else `dist/`.
pub fn run_io_module(args: &[String]) -> Result<(), String> {
    step("file module (ict-io)", || install(&out_dir(args)))
}
