//! The built-in editions, embedded at compile time so the app fetches nothing (the files of
//! `data/`, written compactly by `build.rs`).

use crate::dataset::{Edition, Model};
use crate::error::EngineError;

macro_rules! edition_files {
    ($year:literal) => {
        (
            $year,
            include_str!(concat!(
                env!("OUT_DIR"),
                "/data/",
                stringify!($year),
                "/edition.json"
            )),
            include_str!(concat!(
                env!("OUT_DIR"),
                "/data/",
                stringify!($year),
                "/values.json"
            )),
            include_str!(concat!(
                env!("OUT_DIR"),
                "/data/",
                stringify!($year),
                "/published.json"
            )),
        )
    };
}

/// (year, edition.json, values.json, published.json), newest first.
pub const EDITIONS: &[(u16, &str, &str, &str)] = &[edition_files!(2019), edition_files!(2018)];

/// Years of the built-in editions, newest first.
pub fn years() -> Vec<u16> {
    EDITIONS.iter().map(|e| e.0).collect()
}

/// The newest edition with full data: the default of the year select.
pub const DEFAULT_YEAR: u16 = 2019;
/// Quảng Ninh, the default province.
pub const DEFAULT_PROVINCE: &str = "22";

pub fn edition(year: u16) -> Result<Edition, EngineError> {
    let (_, e, v, p) = EDITIONS
        .iter()
        .find(|e| e.0 == year)
        .ok_or_else(|| EngineError::Data(format!("no built-in edition {year}")))?;
    Edition::from_json(e, v, p)
}

pub fn model(year: u16) -> Result<Model, EngineError> {
    Model::new(edition(year)?)
}

/// The built-in preset scenarios.
pub fn presets() -> Result<Vec<crate::presets::Preset>, EngineError> {
    [include_str!(concat!(
        env!("OUT_DIR"),
        "/data/presets/ke-hoach-60.json"
    ))]
    .iter()
    .map(|s| serde_json::from_str(s).map_err(|e| EngineError::Data(format!("preset: {e}"))))
    .collect()
}
