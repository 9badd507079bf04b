//! Embeds the data compactly: every JSON file under `data/` is written to `OUT_DIR` without
//! whitespace, and each `values.json` with its province × indicator table as one row of numbers
//! per province (`columns` + `rows`) instead of a map per province, which repeats every indicator
//! id 63 times. The files in `data/` stay as they are (readable, reviewed, written by
//! `cargo xtask calibrate`); [`crate::builtin`] reads these copies. Saves ≈ 7 KB of the gzipped
//! download.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

fn compact_values(v: &mut Value) {
    let Some(obj) = v.as_object_mut() else {
        panic!("values.json: not an object")
    };
    let Some(Value::Object(table)) = obj.remove("values") else {
        panic!("values.json: no `values` object")
    };
    let mut columns: Vec<String> = Vec::new();
    let mut rows = Map::new();
    for (province, cells) in table {
        let Value::Object(cells) = cells else {
            panic!("values.json: province {province} is not an object")
        };
        let cells: BTreeMap<String, Value> = cells.into_iter().collect();
        if columns.is_empty() {
            columns = cells.keys().cloned().collect();
        }
        let row: Vec<Value> = columns
            .iter()
            .map(|c| {
                cells
                    .get(c)
                    .cloned()
                    .unwrap_or_else(|| panic!("values.json: {province} has no {c}"))
            })
            .collect();
        assert_eq!(
            row.len(),
            cells.len(),
            "values.json: {province} has other indicators"
        );
        rows.insert(province, Value::Array(row));
    }
    obj.remove("generated_by");
    obj.insert(
        "columns".into(),
        Value::Array(columns.into_iter().map(Value::String).collect()),
    );
    obj.insert("rows".into(), Value::Object(rows));
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("OUT_DIR");
    for entry in std::fs::read_dir(from).expect("data/") {
        let path = entry.expect("data/ entry").path();
        let target = to.join(path.file_name().expect("file name"));
        // The map's geometry (data/geo) is not the engine's: xtask builds it for the app.
        if path.is_dir() && path.ends_with("data/geo") {
            continue;
        }
        if path.is_dir() {
            copy_dir(&path, &target);
        } else if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("data file");
            let mut v: Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            if path.file_name().is_some_and(|n| n == "values.json") {
                compact_values(&mut v);
            }
            std::fs::write(&target, serde_json::to_string(&v).expect("json")).expect("write");
        }
    }
}

fn main() {
    // `cfg(wasm_simd)`: a wasm build with SIMD (the app's build for browsers that have it).
    println!("cargo:rustc-check-cfg=cfg(wasm_simd)");
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let features = std::env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
    if arch == "wasm32" && features.split(',').any(|f| f == "simd128") {
        println!("cargo:rustc-cfg=wasm_simd");
    }
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    println!("cargo:rerun-if-changed={}", data.display());
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    copy_dir(&data, &Path::new(&out).join("data"));
}
