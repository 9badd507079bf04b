//! The quick editor (`early/`, crate `ict-early`): a small wasm module that makes the
//! pre-rendered first screen's editor work while the app itself is not loaded (see the crate's
//! documentation). `cargo xtask dist` writes `ict-early-<hash>.js` and `…_bg.wasm` into `dist/`;
//! the page preloads them instead of the app, whose loading waits until it is needed
//! ([`crate::simd::install`] writes the loader).

use crate::util::{root, Placed, WasmModule};

/// Prefix of the quick editor's files in `dist/`.
pub const PREFIX: &str = "ict-early-";

/// Compiles the quick editor into `dist/`.
pub fn build() -> Result<Placed, String> {
    let (glue, wasm) = WasmModule {
        cargo: &["-p", "ict-early", "--lib", "--features", "module"],
        target_dir: None,
        rustflags: None,
        artifact: "ict_early.wasm",
        bindgen: &["--target", "web", "--out-name", "ict-early"],
        stem: "ict-early",
        opt_features: &[],
    }
    .build()?;
    Placed::write(&root().join("dist"), PREFIX, &glue, &wasm)
}
