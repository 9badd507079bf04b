//! `cargo xtask fuzz [--minutes N] [--seed N] [--parser P] [--at K]`: the engine's property and
//! fuzz tests from a fresh seed (or the one given, to replay a run), then the structured fuzzing
//! of the four parsers (`engine/tests/fuzz/`) for the rest of the time asked (default 10 minutes).
//! Built with the `fuzz` profile: optimised, overflow checks on. `--parser` (some of
//! `address,scenario,csv,xlsx`) and `--at K` (one execution) replay what a failure printed.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant, SystemTime};

use crate::util::{cmd, run, step};

/// The value after `name`, parsed; `Ok(None)` when the flag is absent.
fn flag<T: std::str::FromStr>(args: &[String], name: &str) -> Result<Option<T>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .and_then(|v| v.parse().ok())
            .map(Some)
            .ok_or_else(|| format!("{name} needs a value")),
    }
}

/// A seed from the operating system's randomness and the clock.
fn fresh_seed() -> u64 {
    let mut h = RandomState::new().build_hasher();
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default();
    h.write_u128(now.as_nanos());
    h.write_u32(std::process::id());
    // Small enough to type.
    h.finish() % 10_000_000_000
}

/// `cargo test` of the engine's test targets `tests` with Excel, in the `fuzz` profile.
fn engine_tests(tests: &[&str]) -> std::process::Command {
    let mut c = cmd("cargo");
    c.args([
        "test",
        "--profile",
        "fuzz",
        "-p",
        "ict-engine",
        "--features",
        "xlsx",
    ]);
    for t in tests {
        c.args(["--test", t]);
    }
    c
}

/// The property and fuzz tests run again with a new seed.
const PROPERTY_TESTS: [&str; 3] = ["properties", "address", "io"];

pub fn run_fuzz(args: &[String]) -> Result<(), String> {
    let minutes: f64 = flag(args, "--minutes")?.unwrap_or(10.0);
    let seed: u64 = flag(args, "--seed")?.unwrap_or_else(fresh_seed);
    let parser: Option<String> = flag(args, "--parser")?;
    let at: Option<u64> = flag(args, "--at")?;
    let budget = Duration::from_secs_f64(minutes.max(0.0) * 60.0);
    step(
        "build (profile fuzz: optimised, overflow checks on)",
        || run(engine_tests(&PROPERTY_TESTS).args(["--test", "fuzz", "--no-run"])),
    )?;
    // The time asked starts once everything is built.
    let start = Instant::now();
    eprintln!("xtask: fuzz seed {seed} (replay: cargo xtask fuzz --seed {seed})");
    let seed = seed.to_string();
    if parser.is_none() && at.is_none() {
        step(
            &format!("property and fuzz tests, seed {seed}, 10 x their cases"),
            || {
                run(engine_tests(&PROPERTY_TESTS)
                    .env("ICT_FUZZ_SEED", &seed)
                    .env("ICT_FUZZ_SCALE", "10"))
            },
        )?;
        step(
            &format!("action sequences of the app state, seed {seed}, 10 x their cases"),
            || {
                run(cmd("cargo")
                    .args([
                        "test",
                        "--profile",
                        "fuzz",
                        "-p",
                        "ict-state",
                        "--test",
                        "sequences",
                    ])
                    .args(["--", "--nocapture"])
                    .env("ICT_FUZZ_SEED", &seed)
                    .env("ICT_FUZZ_SCALE", "10"))
            },
        )?;
    }
    let mut fuzz = engine_tests(&["fuzz"]);
    fuzz.args(["--", "--nocapture"]).env("ICT_FUZZ_SEED", &seed);
    if let Some(p) = &parser {
        fuzz.env("ICT_FUZZ_PARSER", p);
    }
    let what = match at {
        Some(k) => {
            fuzz.env("ICT_FUZZ_AT", k.to_string());
            format!("execution {k}")
        }
        None => {
            // The rest of the time asked, at least half a minute (or all of it, if less).
            let left = budget
                .saturating_sub(start.elapsed())
                .max(budget.min(Duration::from_secs(30)));
            fuzz.env("ICT_FUZZ_SECONDS", format!("{:.0}", left.as_secs_f64()));
            format!("{:.1} min", left.as_secs_f64() / 60.0)
        }
    };
    step(&format!("structured fuzzing, seed {seed}, {what}"), || {
        run(&mut fuzz)
    })?;
    eprintln!(
        "xtask: fuzzing done in {:.1} min, nothing found (seed {seed})",
        start.elapsed().as_secs_f64() / 60.0
    );
    Ok(())
}
