//! The methodology as data: the indicator tree, units, ranges, direction, weights, normalisation.
//! Deserialised from `data/<year>/edition.json`; nothing here is hard-coded per edition.

use serde::{Deserialize, Serialize};

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
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalisation: Option<Normalisation>,
    /// Fixed goalposts for [`Normalisation::Goalposts`]; the plausible range when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goalposts: Option<[f64; 2]>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
