//! Shared by the property and fuzz tests: the seed of their random inputs, the built-in editions
//! (of the 63 provinces and derived for the 34 units),
//! and workbook parts.
//!
//! `cargo test` (and so `cargo xtask test`) runs them from a fixed seed, so that a red run is red
//! again on every machine and every run; `cargo xtask fuzz` passes a fresh one in `ICT_FUZZ_SEED`
//! (and more cases in `ICT_FUZZ_SCALE`). A failure prints the seed that replays it.

// Each test binary uses its own part of this module.
#![allow(dead_code)]

use std::sync::OnceLock;

use ict_engine::{builtin, Model};
use proptest::test_runner::{Config, RngSeed};

/// The built-in 2019 edition, made once.
pub fn m19() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| builtin::model(2019).expect("2019"))
}

/// The built-in 2018 edition, made once.
pub fn m18() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| builtin::model(2018).expect("2018"))
}

/// The 2019 edition derived for the 34 units of 2025, made once.
pub fn u19() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| builtin::model_in(2019, "34").expect("2019 in 34 units"))
}

/// The 2018 edition derived for the 34 units of 2025, made once.
pub fn u18() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| builtin::model_in(2018, "34").expect("2018 in 34 units"))
}

/// The seed of `cargo test`.
pub const FIXED_SEED: u64 = 20_191_127;

/// `ICT_FUZZ_SEED`, else [`FIXED_SEED`].
pub fn seed() -> u64 {
    std::env::var("ICT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(FIXED_SEED)
}

/// `ICT_FUZZ_SCALE` (at least 1): how many times the usual number of cases to run.
pub fn scale() -> u32 {
    std::env::var("ICT_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1u32)
        .max(1)
}

/// How to replay a run of `seed`.
pub fn replay(seed: u64) -> String {
    format!(
        "replay: ICT_FUZZ_SEED={seed} cargo test -p ict-engine --features xlsx, or cargo xtask \
         fuzz --seed {seed}"
    )
}

/// A proptest configuration: `cases` cases (times [`scale`]) drawn from [`seed`]. The seed is
/// printed (the test harness shows it with a failure).
pub fn config(cases: u32) -> Config {
    let seed = seed();
    eprintln!("proptest seed {seed} ({})", replay(seed));
    Config {
        cases: cases.saturating_mul(scale()),
        rng_seed: RngSeed::Fixed(seed),
        ..Config::default()
    }
}

/// The parts of a zip file: (name, bytes) in their order.
#[cfg(feature = "xlsx")]
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|k| {
            let mut f = z.by_index(k).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

/// A zip file of `parts`, stored (`deflate` false) or compressed; a part whose name the zip
/// writer refuses (a second one of the same name) is left out.
#[cfg(feature = "xlsx")]
pub fn zip_parts(parts: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    use std::io::Write;
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in parts {
        if z.start_file(name.as_str(), opts).is_ok() {
            z.write_all(data).unwrap();
        }
    }
    z.finish().unwrap();
    buf.into_inner()
}

/// A stored zip file of `parts`.
#[cfg(feature = "xlsx")]
pub fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    zip_parts(parts, false)
}
