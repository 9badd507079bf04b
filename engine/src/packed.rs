//! The built-in data in the compact binary form the app embeds ([`crate::wire`]): every
//! edition (methodology resolved, values, published figures), the province sets and the preset
//! scenarios, written once at build time from the JSON files of `data/` (the crate
//! `ict-builtin` does it in its build script) and decoded by the app as it starts, without a
//! JSON parser.
//!
//! The values are the bulk: as decimal text in JSON they compress well, as 8-byte floats they do
//! not. Each is stored as an integer, the value times 10 to the power of its indicator's
//! decimals (a varint of 1 to 3 bytes), which gives back exactly the same float: the integer and
//! the power of ten are exact, and one correctly rounded division gives the float nearest the
//! decimal, which is what parsing its JSON text gave. A value with more decimals than its
//! indicator (none in the built-in data) is kept whole.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dataset::{Edition, EditionMeta, PublishedValue, Values};
use crate::error::EngineError;
use crate::methodology::Text;
use crate::presets::Preset;
use crate::province_set::ProvinceSet;
use crate::PublishedFigures;

/// Everything built in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Packed {
    /// Newest first.
    pub editions: Vec<PackedEdition>,
    /// The province sets besides the editions' own (the 34 units of 2025).
    pub province_sets: Vec<ProvinceSet>,
    pub presets: Vec<Preset>,
}

/// An edition with its values as scaled integers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackedEdition {
    pub meta: EditionMeta,
    pub values: PackedValues,
    pub published: PublishedFigures,
}

/// [`Values`] without the ids repeated per cell: one row per province of the edition (in its
/// order), one cell per indicator of the methodology (in its order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackedValues {
    /// Province-major: `cells[p * indicators + i]`, the value times `10^decimals` of indicator
    /// `i`, or `None` for a cell that has no value.
    pub cells: Vec<Option<i64>>,
    /// Cells whose value is not an integer number of its indicator's smallest unit: (cell, value).
    pub whole: Vec<(u32, f64)>,
    pub published: Vec<PublishedValue>,
    pub estimates: BTreeMap<String, Text>,
    pub generated_by: String,
}

/// `10^decimals` as a float (exact up to 10^22).
fn scale(decimals: u8) -> f64 {
    10f64.powi(i32::from(decimals))
}

/// The integer `n` with `n / scale == v` exactly, if there is one.
fn scaled(v: f64, decimals: u8) -> Option<i64> {
    let s = scale(decimals);
    let n = (v * s).round();
    (n.abs() < 2f64.powi(53) && (n / s).to_bits() == v.to_bits()).then_some(n as i64)
}

impl PackedEdition {
    pub fn pack(e: &Edition) -> Self {
        let m = &e.meta.methodology;
        let mut cells = Vec::with_capacity(e.meta.provinces.len() * m.indicators.len());
        let mut whole = Vec::new();
        for p in &e.meta.provinces {
            let row = e.values.values.get(&p.id);
            for ind in &m.indicators {
                let v = row.and_then(|r| r.get(&ind.id)).copied();
                let n = v.and_then(|v| scaled(v, ind.decimals));
                if let (Some(v), None) = (v, n) {
                    whole.push((cells.len() as u32, v));
                }
                cells.push(n);
            }
        }
        PackedEdition {
            meta: e.meta.clone(),
            values: PackedValues {
                cells,
                whole,
                published: e.values.published.clone(),
                estimates: e.values.estimates.clone(),
                generated_by: e.values.generated_by.clone(),
            },
            published: e.published.clone(),
        }
    }

    /// The edition, as [`Edition::from_json`] reads it from its files.
    pub fn unpack(self) -> Result<Edition, EngineError> {
        let m = &self.meta.methodology;
        let (np, ni) = (self.meta.provinces.len(), m.indicators.len());
        let v = self.values;
        if v.cells.len() != np * ni {
            return Err(EngineError::Data(format!(
                "packed edition {}: {} cells for {np} provinces × {ni} indicators",
                self.meta.year,
                v.cells.len()
            )));
        }
        let whole: BTreeMap<u32, f64> = v.whole.into_iter().collect();
        let mut values = BTreeMap::new();
        for (p, province) in self.meta.provinces.iter().enumerate() {
            let row: BTreeMap<String, f64> = (m.indicators.iter().enumerate())
                .filter_map(|(i, ind)| {
                    let k = p * ni + i;
                    let value = match v.cells[k] {
                        Some(n) => Some(n as f64 / scale(ind.decimals)),
                        None => whole.get(&(k as u32)).copied(),
                    };
                    value.map(|x| (ind.id.clone(), x))
                })
                .collect();
            if !row.is_empty() {
                values.insert(province.id.clone(), row);
            }
        }
        Ok(Edition {
            values: Values {
                year: self.meta.year,
                generated_by: v.generated_by,
                values,
                columns: Vec::new(),
                rows: BTreeMap::new(),
                published: v.published,
                estimates: v.estimates,
            },
            meta: self.meta,
            published: self.published,
        })
    }
}

impl Packed {
    pub fn to_bytes(&self) -> Result<Vec<u8>, EngineError> {
        crate::wire::to_bytes(self)
    }

    /// Decodes and checks the province sets as [`ProvinceSet::from_json`] does (the editions
    /// are checked when they become models).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, EngineError> {
        let packed: Packed = crate::wire::from_bytes(bytes)?;
        for set in &packed.province_sets {
            set.check()?;
        }
        Ok(packed)
    }

    /// The built-in data, read from the JSON files of `data/` ([`crate::builtin`]).
    pub fn from_json_files() -> Result<Self, EngineError> {
        Ok(Packed {
            editions: crate::builtin::years()
                .into_iter()
                .map(|y| crate::builtin::edition(y).map(|e| PackedEdition::pack(&e)))
                .collect::<Result<_, _>>()?,
            province_sets: crate::builtin::PROVINCE_SETS
                .iter()
                .map(|(id, _)| crate::builtin::province_set(id))
                .collect::<Result<_, _>>()?,
            presets: crate::builtin::presets()?,
        })
    }
}
