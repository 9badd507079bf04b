//! The built-in editions, embedded at compile time so the app fetches nothing (the files of
//! `data/`, written compactly by `build.rs`).

use crate::dataset::{Edition, Model};
use crate::error::EngineError;
use crate::methodology::MethodologyFile;
use crate::province_set::{self, ProvinceSet, PUBLISHED_SET};

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

/// The methodology files (`data/methodology/`): (id, file). The built-in editions are of the
/// ICT Index; the provincial DTI's file is here for the engine and its tests (its published
/// figures, `data/dti/`, do not yet cover every province).
pub const METHODOLOGIES: &[(&str, &str)] = &[
    (
        "ict-index",
        include_str!(concat!(env!("OUT_DIR"), "/data/methodology/ict-index.json")),
    ),
    (
        "dti",
        include_str!(concat!(env!("OUT_DIR"), "/data/methodology/dti.json")),
    ),
];

/// Every built-in methodology file.
pub fn methodology_files() -> Result<Vec<MethodologyFile>, EngineError> {
    METHODOLOGIES
        .iter()
        .map(|(_, text)| MethodologyFile::from_json(text))
        .collect()
}

/// The built-in methodology file of index `id` (`ict-index`, `dti`).
pub fn methodology_file(id: &str) -> Result<MethodologyFile, EngineError> {
    let (_, text) = METHODOLOGIES
        .iter()
        .find(|m| m.0 == id)
        .ok_or_else(|| EngineError::Data(format!("no built-in methodology '{id}'")))?;
    MethodologyFile::from_json(text)
}

/// (year, edition.json, values.json, published.json), newest first.
pub const EDITIONS: &[(u16, &str, &str, &str)] = &[edition_files!(2019), edition_files!(2018)];

/// Years of the built-in editions, newest first (apart from [`EDITIONS`], so that reading
/// the years does not bring the files into the app, which has them in binary form:
/// `ict-builtin`; a test checks that they agree).
pub const YEARS: &[u16] = &[2019, 2018];

/// Years of the built-in editions, newest first.
pub fn years() -> Vec<u16> {
    YEARS.to_vec()
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

/// (id, file) of the built-in province sets besides the editions' own [`PUBLISHED_SET`]:
/// `data/province-sets/2025.json`, the 34 units of 2025.
pub const PROVINCE_SETS: &[(&str, &str)] = &[(
    "34",
    include_str!(concat!(env!("OUT_DIR"), "/data/province-sets/2025.json")),
)];

/// The ids of [`PROVINCE_SETS`] (apart, so that reading the ids does not bring the files into
/// the app, which has them in binary form: `ict-builtin`).
pub const PROVINCE_SET_IDS: &[&str] = &["34"];

/// The province sets the app knows, the editions' own first: `"63"`, `"34"`.
pub fn province_set_ids() -> impl Iterator<Item = &'static str> {
    std::iter::once(PUBLISHED_SET).chain(PROVINCE_SET_IDS.iter().copied())
}

/// A built-in province set other than [`PUBLISHED_SET`] (`"34"`).
pub fn province_set(id: &str) -> Result<ProvinceSet, EngineError> {
    let (_, text) = PROVINCE_SETS
        .iter()
        .find(|s| s.0 == id)
        .ok_or_else(|| EngineError::Data(format!("no built-in province set '{id}'")))?;
    ProvinceSet::from_json(text)
}

/// The built-in edition of `year` in province set `set`: [`model`] for [`PUBLISHED_SET`], else
/// derived from it (see [`province_set::derive`]; with imported data, derive from that model).
pub fn model_in(year: u16, set: &str) -> Result<Model, EngineError> {
    let published = model(year)?;
    if set == PUBLISHED_SET {
        return Ok(published);
    }
    province_set::derive(&published, &province_set(set)?)
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
