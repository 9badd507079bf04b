//! The methodology as data: the indicator tree, units, ranges, direction, weights, normalisation.
//! An index's methodology is a file of its own (`data/methodology/<id>.json`: the ICT Index,
//! the provincial DTI), read as a [`MethodologyFile`]; an edition names it and gets its
//! [`Methodology`] from [`MethodologyFile::resolve`]. Nothing here is hard-coded per index or
//! edition.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::EngineError;

/// A text in both languages of the app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, english: bool) -> &str {
        if english {
            &self.en
        } else {
            &self.vi
        }
    }
}

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

/// How raw indicator values become comparable scores in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Normalisation {
    /// `(x − min) / (max − min)` across provinces (the documented default assumption).
    #[default]
    MinMax,
    /// `x / max` across provinces (`min / x` for lower-is-better).
    RatioToMax,
    /// `(x − lo) / (hi − lo)` with fixed goalposts per indicator (its plausible range unless
    /// `goalposts` is given), clamped to [0, 1].
    Goalposts,
}

/// How a node combines its children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Aggregation {
    /// Weighted arithmetic mean (the published structure).
    #[default]
    Arithmetic,
    /// Weighted geometric mean, children floored at [`GEOMETRIC_FLOOR`].
    Geometric,
}

/// Scores below this are raised to it before a geometric mean, so one zero does not zero a node.
pub const GEOMETRIC_FLOOR: f64 = 0.01;

fn one() -> f64 {
    1.0
}

/// An aggregate node: the index, a pillar or a sub-pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeDef {
    pub id: String,
    pub name: Text,
    /// Weight inside the parent node.
    #[serde(default = "one")]
    pub weight: f64,
    /// Rescale the node's score across provinces so the best gets 1 and the worst 0.
    #[serde(default)]
    pub rescale: bool,
    /// Ids of child nodes or indicators.
    pub children: Vec<String>,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub note: Option<Text>,
}

/// An indicator: a leaf of the tree with a raw value per province.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorDef {
    pub id: String,
    pub name: Text,
    pub unit: Text,
    /// Values outside `[valid[0], valid[1]]` are rejected (e.g. 0–100 for a percentage).
    pub valid: [f64; 2],
    /// The range in which values of this edition are plausible (sliders, estimates, goalposts).
    pub plausible: [f64; 2],
    #[serde(default)]
    pub direction: Direction,
    /// Decimals shown and stored.
    pub decimals: u8,
    #[serde(default = "one")]
    pub weight: f64,
    /// Per-indicator normalisation, overriding the methodology's default.
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub normalisation: Option<Normalisation>,
    /// Fixed goalposts for [`Normalisation::Goalposts`]; the plausible range when absent.
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub goalposts: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub note: Option<Text>,
}

impl IndicatorDef {
    /// Rounds a value to the indicator's decimals.
    pub fn round(&self, v: f64) -> f64 {
        let f = 10f64.powi(i32::from(self.decimals));
        (v * f).round() / f
    }
}

/// The whole methodology of an edition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Methodology {
    /// Id of the root node (`ict-index`).
    pub root: String,
    #[serde(default)]
    pub normalisation: Normalisation,
    #[serde(default)]
    pub aggregation: Aggregation,
    pub nodes: Vec<NodeDef>,
    pub indicators: Vec<IndicatorDef>,
}

/// A source of a figure or of a method, named in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: String,
    pub name: Text,
}

/// What one edition of an index does differently from its methodology file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EditionVariant {
    /// Indicators this edition did not measure: left out of its tree (their weight with them).
    #[serde(default)]
    pub without: Vec<String>,
}

/// `data/methodology/<id>.json`: an index's methodology as a file: its tree (nodes and
/// indicators, each child's weight), units, valid ranges, directions, normalisation and
/// aggregation, and what each edition did differently. One evaluator ([`crate::compute`])
/// computes every index from its file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MethodologyFile {
    /// The index (`ict-index`, `dti`): what an edition's `methodology` names.
    pub id: String,
    pub name: Text,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub note: Option<Text>,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// The tree, weights, normalisation and aggregation. Its nodes' children may name
    /// indicators some editions lack (see `editions`), and each indicator's `plausible` is the
    /// usual range, which an edition may narrow or widen for its own data.
    #[serde(flatten)]
    pub tree: Methodology,
    /// Edition year → what that edition did differently.
    #[serde(default)]
    pub editions: BTreeMap<u16, EditionVariant>,
}

impl MethodologyFile {
    pub fn from_json(text: &str) -> Result<Self, EngineError> {
        serde_json::from_str(text).map_err(|e| EngineError::Data(format!("methodology: {e}")))
    }

    /// The methodology of the edition of `year`: the file's tree without the indicators that
    /// edition did not measure, with the edition's own plausible ranges (`plausible`, indicator
    /// id → range) where it gives them. An id in either that is not an indicator of the file is
    /// a data error.
    pub fn resolve(
        &self,
        year: u16,
        plausible: &BTreeMap<String, [f64; 2]>,
    ) -> Result<Methodology, EngineError> {
        let known: BTreeSet<&str> = self.tree.indicators.iter().map(|i| i.id.as_str()).collect();
        let without: BTreeSet<&str> = self
            .editions
            .get(&year)
            .map(|v| v.without.iter().map(String::as_str).collect())
            .unwrap_or_default();
        if let Some(id) = without
            .iter()
            .copied()
            .chain(plausible.keys().map(String::as_str))
            .find(|id| !known.contains(id))
        {
            return Err(EngineError::Data(format!(
                "methodology '{}', edition {year}: '{id}' is not one of its indicators",
                self.id
            )));
        }
        let tree = &self.tree;
        Ok(Methodology {
            root: tree.root.clone(),
            normalisation: tree.normalisation,
            aggregation: tree.aggregation,
            nodes: tree
                .nodes
                .iter()
                .map(|n| NodeDef {
                    children: (n.children.iter())
                        .filter(|c| !without.contains(c.as_str()))
                        .cloned()
                        .collect(),
                    ..n.clone()
                })
                .collect(),
            indicators: (tree.indicators.iter())
                .filter(|i| !without.contains(i.id.as_str()))
                .map(|i| IndicatorDef {
                    plausible: plausible.get(&i.id).copied().unwrap_or(i.plausible),
                    ..i.clone()
                })
                .collect(),
        })
    }
}
