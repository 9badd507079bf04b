//! One component per file.

pub mod compare;
pub mod data;
pub mod decision;
pub mod editor;
pub mod header;
pub mod indicator_row;
pub mod key_slider;
pub mod method_panel;
pub mod notes;
pub mod notice;
pub mod ranking;
pub mod ranking_row;
pub mod results;
pub mod scenarios;
pub mod score_bar;
pub mod shortcuts;
pub mod slider;
pub mod stage;
pub mod stage_keys;
pub mod toolbar;
pub mod unit_members;
