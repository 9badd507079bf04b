//! Pure engine of the Vietnam ICT Index what-if calculator.
//!
//! No web types: methodologies and editions are data (`data/methodology/<index>.json`,
//! `data/<year>/*.json`, embedded at compile time by [`builtin`]); a [`Scenario`] goes in and [`Results`] come out. The pipeline follows the
//! methodology text: normalise each indicator across provinces → aggregate inside each node →
//! rescale where the node says so (sub-pillars: best province 1, worst 0) → rank.
//!
//! Where is the score computed? [`compute::compute`].

pub mod address;
pub mod analysis;
pub mod builtin;
pub mod compute;
pub mod dataset;
pub mod error;
pub mod interval_part;
pub mod io;
pub mod methodology;
pub mod numfmt;
pub mod packed;
pub mod presets;
pub mod province_set;
pub mod rank;
pub mod scenario;
pub mod table;
pub mod verify;
pub mod wire;

pub use compute::{compute, Results};
pub use dataset::{Edition, Model, Provenance, Province, PublishedFigures};
pub use error::EngineError;
pub use methodology::{
    Aggregation, Direction, IndicatorDef, Methodology, NodeDef, Normalisation, Text,
};
pub use province_set::{ProvinceSet, PUBLISHED_SET};
pub use scenario::{Scenario, Settings};
