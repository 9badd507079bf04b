//! Writes the built-in data (`data/`: the editions with their methodology resolved, the province
//! sets, the presets) in the compact binary form of `ict_engine::packed` to
//! `OUT_DIR/builtin.bin`, which the crate embeds. The engine reads the JSON files here, natively;
//! the app then decodes the binary form with no JSON parser.

fn main() {
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data");
    println!("cargo:rerun-if-changed={}", data.display());
    let packed = ict_engine::packed::Packed::from_json_files().expect("data/ reads");
    let bytes = packed.to_bytes().expect("binary form");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("builtin.bin");
    std::fs::write(out, bytes).expect("OUT_DIR/builtin.bin");
}
