//! Typed errors. The engine never panics on user input: every failure is one of these.

use std::fmt;

/// What went wrong, with enough detail (ids, ranges) for a message in either language.
#[derive(Debug, Clone, PartialEq)]
pub enum EngineError {
    UnknownProvince(String),
    UnknownIndicator(String),
    UnknownNode(String),
    /// The value is NaN or infinite.
    NotFinite {
        indicator: String,
    },
    /// The value is outside the indicator's valid range `[min, max]`.
    OutOfRange {
        indicator: String,
        value: f64,
        min: f64,
        max: f64,
    },
    /// A weight is negative, NaN or all weights of a node are zero.
    InvalidWeight {
        id: String,
    },
    /// The methodology or dataset file is inconsistent (cycle, missing child, bad JSON...).
    Data(String),
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EngineError::UnknownProvince(id) => write!(f, "unknown province id '{id}'"),
            EngineError::UnknownIndicator(id) => write!(f, "unknown indicator id '{id}'"),
            EngineError::UnknownNode(id) => write!(f, "unknown node id '{id}'"),
            EngineError::NotFinite { indicator } => {
                write!(f, "the value of '{indicator}' is not a finite number")
            }
            EngineError::OutOfRange {
                indicator,
                value,
                min,
                max,
            } => write!(
                f,
                "the value {value} of '{indicator}' is outside its valid range {min} to {max}"
            ),
            EngineError::InvalidWeight { id } => {
                write!(
                    f,
                    "the weight of '{id}' must be a finite number ≥ 0, not all zero"
                )
            }
            EngineError::Data(msg) => write!(f, "invalid data: {msg}"),
        }
    }
}

impl std::error::Error for EngineError {}
