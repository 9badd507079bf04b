//! Province sets: a re-organisation of the provinces, as data, and the edition of its units
//! derived from an edition of the provinces it re-organises.
//!
//! The editions are of the 63 provinces as published ([`PUBLISHED_SET`]). Since 1 July 2025 Viet
//! Nam has 34 provincial-level units; `data/province-sets/2025.json` (embedded by
//! [`crate::builtin`]) says which of the 63 each took over. [`derive()`] turns a [`Model`] of the
//! 63 (built-in, or with imported data) into a [`Model`] of the 34:
//!
//! - a unit's raw value of an indicator is the weighted mean of its former provinces' values,
//!   rounded to the indicator's decimals; the weight of each indicator is named in the file
//!   ([`ProvinceSet::indicators`]: a weight column such as the 2019 census population, or
//!   [`EQUAL`]), so a unit that took over one province keeps its values exactly;
//! - the methodology is the same, so normalisation and rescaling run over the units;
//! - no published figure applies, and every cell's provenance is [`Provenance::Derived`];
//! - the model remembers its [`Derivation`] (the units' former provinces and their weights).
//!
//! A later re-organisation is one more file; the set it re-organises is its `from`.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::dataset::{Edition, EditionMeta, Model, Provenance, Province, PublishedFigures};
use crate::dataset::{Source, Values};
use crate::error::EngineError;
use crate::methodology::Text;

/// The province set of the editions as published: the 63 provinces.
pub const PUBLISHED_SET: &str = "63";
/// The weight that gives every former province of a unit the same share.
pub const EQUAL: &str = "equal";

/// A re-organisation of the provinces (`data/province-sets/<year>.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProvinceSet {
    /// The id of the set in addresses and scenario files (`"34"`).
    pub id: String,
    /// The set whose provinces the units took over (`"63"`).
    pub from: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub note: Option<Text>,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Weight name → a value per province of `from` (`"population"`: the 2019 census).
    #[serde(default)]
    pub weights: BTreeMap<String, WeightColumn>,
    /// Which weight combines each indicator, by kind of indicator.
    pub indicators: Vec<Weighting>,
    /// The units, in the order of their list (the official one for the 34).
    pub units: Vec<Unit>,
}

/// A unit of a province set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// Its administrative code (two digits for the 34, by Decision 19/2025/QĐ-TTg).
    pub id: String,
    pub name: Text,
    /// The provinces of the source set it took over (their ids there).
    pub members: Vec<String>,
}

/// A weight: one positive value per province of the source set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeightColumn {
    pub name: Text,
    /// The id of its source in the set's `sources`.
    pub source: String,
    pub values: BTreeMap<String, f64>,
}

/// A kind of indicator and the weight its values are combined with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Weighting {
    /// A key of [`ProvinceSet::weights`], or [`EQUAL`].
    pub weight: String,
    /// What the indicators count per ("per 100 residents", "% of agencies").
    pub basis: Text,
    /// Why that weight.
    pub why: Text,
    /// Indicator ids (of any edition; those an edition lacks are passed over).
    pub indicators: Vec<String>,
}

/// A former province of a unit and its weight there.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub id: String,
    pub name: Text,
    /// Weight name → its value for this province ([`EQUAL`]: 1).
    pub values: BTreeMap<String, f64>,
    /// Weight name → this province's share of the unit (the shares of a unit's members sum to
    /// 1).
    pub shares: BTreeMap<String, f64>,
}

/// How a model was derived: stored in its edition ([`EditionMeta::derivation`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Derivation {
    pub set: ProvinceSet,
    /// The provinces of the model it was derived from (the members' names).
    pub former: Vec<Province>,
}

impl Derivation {
    /// The former provinces of unit `unit` (in the set's order) with their weights; empty for an
    /// unknown unit.
    pub fn members(&self, unit: &str) -> Vec<Member> {
        self.set.members(unit, &self.former)
    }
    /// The weighting of an indicator.
    pub fn weighting(&self, indicator: &str) -> Option<&Weighting> {
        self.set.weighting(indicator)
    }
}

fn data_error(set: &str, what: String) -> EngineError {
    EngineError::Data(format!("province set {set}: {what}"))
}

impl ProvinceSet {
    /// Reads and checks a province-set file.
    pub fn from_json(text: &str) -> Result<Self, EngineError> {
        let set: ProvinceSet = serde_json::from_str(text)
            .map_err(|e| EngineError::Data(format!("province set: {e}")))?;
        set.check()?;
        Ok(set)
    }

    /// Every unit has members, every member is in exactly one unit, ids are unique, every
    /// weight named exists and is finite and positive for every member, and every indicator has
    /// at most one weighting.
    pub fn check(&self) -> Result<(), EngineError> {
        let err = |what: String| data_error(&self.id, what);
        if self.id.is_empty() || self.id == self.from {
            return Err(err(format!("id '{}' beside from '{}'", self.id, self.from)));
        }
        let mut units = HashMap::new();
        let mut members = HashMap::new();
        for u in &self.units {
            if units.insert(u.id.as_str(), ()).is_some() {
                return Err(err(format!("unit '{}' listed twice", u.id)));
            }
            if u.members.is_empty() {
                return Err(err(format!("unit '{}' has no members", u.id)));
            }
            for m in &u.members {
                if let Some(other) = members.insert(m.as_str(), u.id.as_str()) {
                    return Err(err(format!(
                        "province '{m}' is in units '{other}' and '{}'",
                        u.id
                    )));
                }
            }
        }
        let mut seen = HashMap::new();
        for w in &self.indicators {
            if w.weight != EQUAL {
                let col = self
                    .weights
                    .get(&w.weight)
                    .ok_or_else(|| err(format!("no weight '{}'", w.weight)))?;
                for m in members.keys() {
                    match col.values.get(*m) {
                        Some(v) if v.is_finite() && *v > 0.0 => {}
                        _ => return Err(err(format!("no positive '{}' for '{m}'", w.weight))),
                    }
                }
            }
            for i in &w.indicators {
                if seen.insert(i.as_str(), ()).is_some() {
                    return Err(err(format!("indicator '{i}' weighted twice")));
                }
            }
        }
        Ok(())
    }

    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.id == id)
    }

    /// The unit that took over province `member` of the source set.
    pub fn unit_of(&self, member: &str) -> Option<&Unit> {
        self.units
            .iter()
            .find(|u| u.members.iter().any(|m| m == member))
    }

    /// The weighting of an indicator.
    pub fn weighting(&self, indicator: &str) -> Option<&Weighting> {
        self.indicators
            .iter()
            .find(|w| w.indicators.iter().any(|i| i == indicator))
    }

    /// The weight of province `member` under `weight` (1 for [`EQUAL`]).
    fn weight_of(&self, weight: &str, member: &str) -> Option<f64> {
        if weight == EQUAL {
            return Some(1.0);
        }
        self.weights.get(weight)?.values.get(member).copied()
    }

    /// The members of `unit` with their weights, named after `former` (the source provinces).
    pub fn members(&self, unit: &str, former: &[Province]) -> Vec<Member> {
        let Some(u) = self.unit(unit) else {
            return Vec::new();
        };
        let names = std::iter::once(EQUAL).chain(self.weights.keys().map(String::as_str));
        let mut out: Vec<Member> = u
            .members
            .iter()
            .map(|id| Member {
                id: id.clone(),
                name: former
                    .iter()
                    .find(|p| &p.id == id)
                    .map(|p| p.name.clone())
                    .unwrap_or_default(),
                values: BTreeMap::new(),
                shares: BTreeMap::new(),
            })
            .collect();
        for w in names {
            let values: Vec<f64> = out
                .iter()
                .map(|m| self.weight_of(w, &m.id).unwrap_or(0.0))
                .collect();
            let total: f64 = values.iter().sum();
            for (m, v) in out.iter_mut().zip(values) {
                m.values.insert(w.to_string(), v);
                let share = if total > 0.0 { v / total } else { 0.0 };
                m.shares.insert(w.to_string(), share);
            }
        }
        out
    }
}

/// The edition of `set`'s units derived from `source` (a model of the set `set.from`, with its
/// current baseline: built-in or imported data): each unit's value of each indicator is the
/// weighted mean of its members' values (the indicator's weighting), rounded to the indicator's
/// decimals; same methodology, same year, no published figures, [`EditionMeta::derivation`] set.
pub fn derive_edition(source: &Model, set: &ProvinceSet) -> Result<Edition, EngineError> {
    let (edition, _) = derive_values(source, set)?;
    Ok(edition)
}

/// The model of `set`'s units derived from `source` (see [`derive_edition`]); every cell's
/// provenance is [`Provenance::Derived`], an estimate when one of its members' values is.
/// A pure function of the source model: derive again after an import into it.
pub fn derive(source: &Model, set: &ProvinceSet) -> Result<Model, EngineError> {
    let (edition, estimated) = derive_values(source, set)?;
    let mut model = Model::new(edition)?;
    model.set_provenance(
        estimated
            .into_iter()
            .map(|estimated| Provenance::Derived { estimated })
            .collect(),
    );
    Ok(model)
}

/// The derived edition, and per cell (indicator-major, units in the set's order) whether it
/// rests on an estimate.
fn derive_values(source: &Model, set: &ProvinceSet) -> Result<(Edition, Vec<bool>), EngineError> {
    set.check()?;
    let err = |what: String| data_error(&set.id, what);
    if source.province_set() != set.from {
        return Err(err(format!(
            "takes over provinces of set '{}', not of set '{}'",
            set.from,
            source.province_set()
        )));
    }
    // Each unit's members as province indexes of the source; every source province in one unit.
    let mut taken = vec![false; source.province_count()];
    let mut members: Vec<Vec<usize>> = Vec::with_capacity(set.units.len());
    for u in &set.units {
        let mut ps = Vec::with_capacity(u.members.len());
        for m in &u.members {
            let p = source.province_index(m).ok_or_else(|| {
                err(format!(
                    "unit '{}': province '{m}' is not in the {} edition",
                    u.id,
                    source.year()
                ))
            })?;
            taken[p] = true;
            ps.push(p);
        }
        members.push(ps);
    }
    if let Some(p) = taken.iter().position(|t| !t) {
        return Err(err(format!(
            "province '{}' is in no unit",
            source.provinces()[p].id
        )));
    }

    let np = source.province_count();
    let nu = set.units.len();
    let mut rows: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    let mut estimated = vec![false; source.indicators().len() * nu];
    for (i, def) in source.indicators().iter().enumerate() {
        let w = set
            .weighting(&def.id)
            .ok_or_else(|| err(format!("indicator '{}' has no weighting", def.id)))?;
        for (u, (unit, ps)) in set.units.iter().zip(&members).enumerate() {
            let (mut sum, mut total) = (0.0, 0.0);
            for (&p, m) in ps.iter().zip(&unit.members) {
                let weight = set
                    .weight_of(&w.weight, m)
                    .ok_or_else(|| err(format!("no '{}' for '{m}'", w.weight)))?;
                sum += weight * source.baseline()[i * np + p];
                total += weight;
                estimated[i * nu + u] |= source.provenance_of(i, p).is_estimate();
            }
            let v = def.round(sum / total).clamp(def.valid[0], def.valid[1]);
            rows.entry(unit.id.clone())
                .or_default()
                .insert(def.id.clone(), v);
        }
    }

    let from = &source.edition().meta;
    let both = |a: &str, b: &str| format!("{a} — {b}");
    let meta = EditionMeta {
        year: from.year,
        name: Text {
            vi: both(&from.name.vi, &set.name.vi),
            en: both(&from.name.en, &set.name.en),
        },
        methodology: from.methodology.clone(),
        provinces: set
            .units
            .iter()
            .map(|u| Province {
                id: u.id.clone(),
                name: u.name.clone(),
            })
            .collect(),
        sources: set.sources.clone(),
        derivation: Some(Derivation {
            set: set.clone(),
            former: from.provinces.clone(),
        }),
    };
    let values = Values {
        year: from.year,
        generated_by: format!(
            "derived: the {} units from the {} provinces (weighted means)",
            set.id, set.from
        ),
        values: rows,
        ..Values::default()
    };
    let edition = Edition {
        meta,
        values,
        published: PublishedFigures::default(),
    };
    Ok((edition, estimated))
}
