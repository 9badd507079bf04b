//! `cargo xtask bench`: the engine's criterion benchmarks, download sizes, and the browser
//! timing script (load, input → repainted score). Figures are reported, never asserted.

use crate::util::{cmd, root, run, step};

/// Raw and gzip sizes of what a browser downloads from `dist/`.
pub fn report_sizes() -> Result<(), String> {
    let mut total = (0usize, 0usize);
    let mut rows = Vec::new();
    for entry in std::fs::read_dir(root().join("dist")).map_err(|e| format!("dist/: {e}"))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let counted = [".wasm", ".js", ".css"].iter().any(|s| name.ends_with(s));
        if !counted && name != "index.html" {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
        // gzip -9 size: deflate stream + 18 bytes of gzip header and trailer.
        let gz = miniz_oxide::deflate::compress_to_vec(&bytes, 9).len() + 18;
        total.0 += bytes.len();
        total.1 += gz;
        rows.push(format!(
            "  {name:<40} {:>9} B raw {:>9} B gzip",
            bytes.len(),
            gz
        ));
    }
    rows.sort();
    eprintln!("xtask: download (index.html + wasm + js + css):");
    for r in rows {
        eprintln!("{r}");
    }
    eprintln!(
        "  {:<40} {:>9} B raw {:>9} B gzip",
        "total", total.0, total.1
    );
    Ok(())
}

pub fn run_bench() -> Result<(), String> {
    crate::tools::ensure_test_tools()?;
    step("criterion: engine", || {
        run(cmd("cargo").args(["bench", "-p", "ict-engine"]))
    })?;
    crate::dist::run_dist()?;
    step("browser timing", || {
        run(cmd("node").arg("tests/e2e/bench.mjs"))
    })
}
