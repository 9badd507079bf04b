//! One component per file.

pub mod editor;
pub mod header;
pub mod indicator_row;
pub mod notes;
pub mod notice;
pub mod ranking;
pub mod results;
pub mod toolbar;
