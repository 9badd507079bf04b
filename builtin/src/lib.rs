//! The built-in data, embedded in the compact binary form written by `build.rs` from the JSON
//! files of `data/` (see `ict_engine::packed`): what the app and its modules start from. The
//! same data as `ict_engine::builtin`, which reads the JSON (the tests compare the two), without
//! a JSON parser or the JSON text in the app.

use std::rc::Rc;

use ict_engine::packed::Packed;
use ict_engine::presets::Preset;
use ict_engine::province_set::{self, ProvinceSet, PUBLISHED_SET};
use ict_engine::{Edition, EngineError, Model};

pub use ict_engine::builtin::{DEFAULT_PROVINCE, DEFAULT_YEAR};

/// The binary form of everything built in.
pub const BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin.bin"));

/// Everything built in, decoded once per call (the app decodes it once, as it starts).
pub fn packed() -> Result<Packed, EngineError> {
    Packed::from_bytes(BYTES)
}

/// The built-in data, decoded: editions newest first, the other province sets, the presets.
#[derive(Debug, Clone)]
pub struct Builtin {
    pub editions: Vec<Edition>,
    pub province_sets: Vec<ProvinceSet>,
    pub presets: Vec<Preset>,
}

impl Builtin {
    pub fn load() -> Result<Self, EngineError> {
        let p = packed()?;
        Ok(Builtin {
            editions: p
                .editions
                .into_iter()
                .map(|e| e.unpack())
                .collect::<Result<_, _>>()?,
            province_sets: p.province_sets,
            presets: p.presets,
        })
    }

    /// Years of the editions, newest first.
    pub fn years(&self) -> Vec<u16> {
        self.editions.iter().map(|e| e.meta.year).collect()
    }

    /// The model of every edition, newest first.
    pub fn models(&self) -> Result<Vec<Rc<Model>>, EngineError> {
        self.editions
            .iter()
            .map(|e| Model::new(e.clone()).map(Rc::new))
            .collect()
    }

    /// The model of the edition of `year`.
    pub fn model(&self, year: u16) -> Result<Model, EngineError> {
        let e = self
            .editions
            .iter()
            .find(|e| e.meta.year == year)
            .ok_or_else(|| EngineError::Data(format!("no built-in edition {year}")))?;
        Model::new(e.clone())
    }

    /// The built-in province set `id` other than the editions' own (`"34"`).
    pub fn province_set(&self, id: &str) -> Result<&ProvinceSet, EngineError> {
        self.province_sets
            .iter()
            .find(|s| s.id == id)
            .ok_or_else(|| EngineError::Data(format!("no built-in province set '{id}'")))
    }

    /// The edition of `year` in province set `set` (derived from the 63 for another set).
    pub fn model_in(&self, year: u16, set: &str) -> Result<Model, EngineError> {
        let published = self.model(year)?;
        if set == PUBLISHED_SET {
            return Ok(published);
        }
        province_set::derive(&published, self.province_set(set)?)
    }
}
