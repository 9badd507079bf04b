//! The page address encodes the current scenario (the codec is in the engine, where it is
//! fuzzed natively).

pub use ict_engine::address::{decode, encode, UrlState};
