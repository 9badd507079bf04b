//! `cargo xtask more-module [DIR]`: the app's second module (bin `ict-more` of the app's crate,
//! `src/app/bridge.rs`): every panel below the first screen (saved scenarios, data, comparison,
//! charts, map, decision aids, method panel), loaded by the first module as soon as it has
//! rendered, so that the first download holds the first screen alone.
//!
//! Built twice: the baseline, and with wasm SIMD (`-C target-feature=+simd128`: the rank
//! interval's draws two cells per instruction, `cfg(wasm_simd)` in the engine), for the browsers
//! that have it (Chrome and Edge 91+, Firefox 89+, Safari 16.4+); both give the same results,
//! bit for bit. Like the file module, Trunk runs this after every build (`[[hooks]]` in
//! Trunk.toml), and it writes `ict-more-<hash>.js` / `…_bg.wasm` (baseline) and
//! `ict-simd-<hash>.js` / `…_bg.wasm` (SIMD) into DIR and announces them in DIR's index.html:
//! `<meta name="ict-index-more" data-js … data-wasm-integrity … data-simd-js …
//! data-simd-wasm-integrity …>` (the first module checks the files it takes against their
//! sha384, and takes the SIMD ones where `WebAssembly.validate` accepts a SIMD instruction).

use std::path::Path;

use crate::io_module::no_modules_glue;
use crate::util::{announce, out_dir, step, Placed, WasmModule};

/// The global the module's glue defines.
pub const GLOBAL: &str = "ictIndexMore";
/// The `<meta name>` announcing the module in index.html.
pub const META: &str = "ict-index-more";
/// Prefix of the baseline build's files.
pub const PREFIX: &str = "ict-more-";
/// Prefix of the SIMD build's files.
pub const SIMD_PREFIX: &str = "ict-simd-";

/// Builds the module, with SIMD or not: (glue, optimised wasm).
pub fn build(simd: bool) -> Result<(Vec<u8>, Vec<u8>), String> {
    let (glue, wasm) = WasmModule {
        cargo: &["-p", "ict-index", "--bin", "ict-more"],
        // Its own target folder: the two builds differ in their compiler flags.
        target_dir: simd.then_some("target/simd"),
        rustflags: simd.then_some("-C target-feature=+simd128"),
        artifact: "ict-more.wasm",
        bindgen: &["--target", "no-modules", "--no-modules-global", GLOBAL],
        stem: "ict-more",
        opt_features: if simd { &["--enable-simd"] } else { &[] },
    }
    .build()?;
    Ok((no_modules_glue(glue, GLOBAL)?, wasm))
}

/// Writes both builds into `dir` and announces them in `dir/index.html`.
pub fn install(dir: &Path) -> Result<(), String> {
    let (glue, wasm) = build(false)?;
    let base = Placed::write(dir, PREFIX, &glue, &wasm)?;
    let (glue, wasm) = build(true)?;
    let simd = Placed::write(dir, SIMD_PREFIX, &glue, &wasm)?;
    let meta = format!(
        "<meta name=\"{META}\" data-js=\"./{}\" data-js-integrity=\"{}\" data-wasm=\"./{}\" data-wasm-integrity=\"{}\" data-simd-js=\"./{}\" data-simd-js-integrity=\"{}\" data-simd-wasm=\"./{}\" data-simd-wasm-integrity=\"{}\" />",
        base.glue, base.glue_integrity, base.wasm, base.wasm_integrity,
        simd.glue, simd.glue_integrity, simd.wasm, simd.wasm_integrity
    );
    announce(dir, META, &meta)
}

/// `cargo xtask more-module [DIR]`: DIR, else Trunk's staging folder, else `dist/`.
pub fn run_more_module(args: &[String]) -> Result<(), String> {
    step("second module (ict-more, baseline and SIMD)", || {
        install(&out_dir(args))
    })
}
