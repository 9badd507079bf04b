//! Shared by the state tests: the built-in editions (made once per thread), a fresh state, and
//! the seed of the random action sequences (fixed in `cargo test`; `ICT_FUZZ_SEED` and
//! `ICT_FUZZ_SCALE` for longer runs, as in the engine's tests).

#![allow(dead_code)]

use std::rc::Rc;

use ict_state::{AppState, Editions};
use proptest::test_runner::{Config, RngSeed};

thread_local! {
    static EDITIONS: Rc<Editions> = Rc::new(Editions::load().expect("built-in editions"));
}

/// The built-in editions (shared: the state compares editions by identity).
pub fn editions() -> Rc<Editions> {
    EDITIONS.with(Rc::clone)
}

/// The state at start-up with no address, store or imported data.
pub fn fresh() -> AppState {
    AppState::new(
        editions(),
        None,
        false,
        Default::default(),
        Default::default(),
    )
}

/// The seed of `cargo test`.
pub const FIXED_SEED: u64 = 20_261_130;

/// `ICT_FUZZ_SEED`, else [`FIXED_SEED`].
pub fn seed() -> u64 {
    std::env::var("ICT_FUZZ_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(FIXED_SEED)
}

/// A proptest configuration of `cases` cases (times `ICT_FUZZ_SCALE`) drawn from [`seed`].
pub fn config(cases: u32) -> Config {
    let seed = seed();
    let scale = std::env::var("ICT_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(1u32)
        .max(1);
    eprintln!("proptest seed {seed} (replay: ICT_FUZZ_SEED={seed} cargo test -p ict-state)");
    Config {
        cases: cases.saturating_mul(scale),
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    }
}

/// The state with its goal form's answer sought (`AppState::seek`).
pub fn sought(s: ict_state::AppState) -> ict_state::AppState {
    let seek = s.seek();
    s.reduce(seek)
}
