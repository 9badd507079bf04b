//! The calculator's state and its reducer, with no web types, so that it is tested natively
//! (`cargo test -p ict-state`): the editions (with the user's imported data), the scenario of
//! each edition, the saved scenarios, the decision aids' answers (each keyed by everything it
//! was computed from), undo/redo and the notices shown. The Yew app wraps it
//! (`src/app/state.rs`), and its two modules each keep a copy (`src/app/bridge.rs`).

pub mod answers;
pub mod app;
pub mod editions;
pub mod history;
pub mod notices;
pub mod saved;
pub mod stage;

pub use answers::{AnswerKey, Decision, GoalError, GoalForm, KeyedInterval, Move, SeekAnswer};
pub use app::{
    Action, AppState, FieldError, PendingImport, ScenarioKey, Start, MAX_COMPARE, MAX_NAME,
};
pub use editions::{DerivedSet, Editions, ImportedCells};
pub use history::{History, Snapshot, MAX_STEPS};
pub use notices::{Notice, NoticeId, Notices};
pub use saved::{fresh_id, parse_store, store_json, LoadReport, Saved};
