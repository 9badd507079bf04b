//! `cargo xtask bench`: the engine's criterion benchmarks, download sizes, and the browser
//! timing script (load, input → repainted score). Figures are reported, never asserted.

use crate::util::{cmd, root, run, step};

/// Raw and gzip sizes of what a browser downloads from `dist/`: the first download (index.html
/// with the pre-rendered first screen, guard, loader, CSS, the first module's glue and wasm),
/// the second module fetched as soon as the first has rendered (its SIMD build, and apart its
/// baseline build, fetched instead by browsers without wasm SIMD), the file module fetched only
/// when a planner imports a file or uses Excel, and the map's geometry fetched when the map
/// comes near the viewport.
pub fn report_sizes() -> Result<(), String> {
    let mut groups: [(&str, Vec<String>, usize, usize); 5] = [
        "first download (index.html, css, loader, guard and the first module: the whole first \
         screen, live)",
        "right after the first module has rendered: the second module (the panels below), SIMD \
         build",
        "instead of the SIMD build, in browsers without wasm SIMD: the second module's baseline \
         build",
        "on demand: file module (first import, first Excel download)",
        "on demand: map geometry (when the map comes near the viewport)",
    ]
    .map(|title| (title, Vec::new(), 0, 0));
    for entry in std::fs::read_dir(root().join("dist")).map_err(|e| format!("dist/: {e}"))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let geo = name.starts_with(crate::geo::PREFIX);
        let counted = [".wasm", ".js", ".css"].iter().any(|s| name.ends_with(s));
        if !counted && !geo && name != "index.html" {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
        let gz = crate::util::gzip_len(&bytes);
        let g = &mut groups[if geo {
            4
        } else if name.starts_with("ict-io-") {
            3
        } else if name.starts_with(crate::more_module::PREFIX) {
            2
        } else {
            usize::from(name.starts_with(crate::more_module::SIMD_PREFIX))
        }];
        g.1.push(format!(
            "  {name:<40} {:>9} B raw {:>9} B gzip",
            bytes.len(),
            gz
        ));
        g.2 += bytes.len();
        g.3 += gz;
    }
    for (title, mut rows, raw, gz) in groups {
        rows.sort();
        eprintln!("xtask: {title}:");
        for r in rows {
            eprintln!("{r}");
        }
        eprintln!("  {:<40} {raw:>9} B raw {gz:>9} B gzip", "total");
    }
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
