//! One component per file.

pub mod editor;
pub mod header;
pub mod indicator_row;
pub mod method_panel;
pub mod notes;
pub mod notice;
pub mod ranking;
pub mod ranking_row;
pub mod results;
pub mod shortcuts;
pub mod toolbar;
