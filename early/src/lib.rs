//! The quick editor, and the page-address writer the app shares with it.
//!
//! On a slow phone the app's wasm takes seconds to arrive, while the first screen is already in
//! the page (pre-rendered by `cargo xtask dist`). This crate, built as its own small wasm
//! (feature `module`; `cargo xtask dist` writes `ict-early-<hash>.js` and `_bg.wasm`), makes that
//! screen's editor work at once in the one-column layout (a phone; the two-column layout loads
//! the app at once): a value typed in a field (or set with its slider) of the default page
//! (Quảng Ninh, 2019, the 63 provinces) changes the scenario's index score, rank and pillar
//! scores, computed by the same engine; what it does not recompute (changes, badges, ranks,
//! charts, the ranking, the decision aids) is hidden until the app takes over, and a note says
//! the score is an estimate. The first edit asks for the app (an `ict-index:need-app` event on
//! the window); the page's loader also loads it when the visitor does anything else, or when a
//! chart is in the first viewport. A click or a choice made meanwhile is marked for the app to
//! do again. The edits go into the page address (as the app writes it), which the app reads
//! when it takes over: it calls `ictEarlyFlush()` first, which writes the last edit at once and
//! stops the quick editor.

pub mod address;

#[cfg(feature = "module")]
mod quick;
