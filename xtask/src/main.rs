//! `cargo xtask <command>`: everything from a fresh machine with nothing but cargo.
//!
//! - `serve [--port N]`: installs what is missing, serves the app with the built-in data.
//! - `test`: installs what is missing, runs every check and test (fmt, clippy, native,
//!   wasm-bindgen-test in headless Chromium, end-to-end with playwright-core).
//! - `dist`: release build into `dist/` plus the one-file `dist/ict-index.html`.
//! - `bench`: criterion figures, download sizes, browser timings.
//! - `fuzz [--minutes N] [--seed N] [--parser P] [--at K]`: property and fuzz tests from a fresh
//!   seed, then structured fuzzing of the parsers for as long as asked (see `fuzz.rs`).
//! - `calibrate [--check]`: (re)makes the estimated cells of `data/*/values.json`.
//! - `io-module [DIR]`: the separately loaded file module into DIR (Trunk runs it after builds).
//! - `more-module [DIR]`: the app's second module into DIR (Trunk runs it after builds).
//! - `map-geometry [DIR]`: the province map's geometry into DIR (Trunk runs it after builds).

mod bench;
mod calibrate;
mod dist;
mod fuzz;
mod geo;
mod io_module;
mod loader;
mod more_module;
mod tools;
mod util;

use std::process::ExitCode;
use std::time::Instant;

use util::{cmd, run, step};

fn serve(args: &[String]) -> Result<(), String> {
    let port = match args.iter().position(|a| a == "--port") {
        Some(i) => args
            .get(i + 1)
            .and_then(|p| p.parse::<u16>().ok())
            .ok_or("--port needs a number from 1 to 65535")?,
        None => 8080,
    };
    tools::ensure_build_tools()?;
    eprintln!("xtask: serving on http://127.0.0.1:{port}/ (Ctrl-C stops)");
    run(cmd("trunk").args(["serve", "--release", "--port", &port.to_string()]))
}

/// The natively built packages, the engine with its Excel feature.
const NATIVE: [&str; 12] = [
    "-p",
    "ict-builtin",
    "-p",
    "ict-engine",
    "-p",
    "ict-io",
    "-p",
    "ict-state",
    "-p",
    "xtask",
    "--features",
    "ict-engine/xlsx",
];

fn test() -> Result<(), String> {
    let start = Instant::now();
    tools::ensure_test_tools()?;
    step("rustfmt", || {
        run(cmd("cargo").args(["fmt", "--all", "--", "--check"]))
    })?;
    step(
        "clippy (built-in data, engine, file module, state, xtask)",
        || {
            run(cmd("cargo").args(["clippy"]).args(NATIVE).args([
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))
        },
    )?;
    step("clippy (the app's two modules, wasm)", || {
        run(cmd("cargo").args([
            "clippy",
            "-p",
            "ict-index",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    })?;
    step(
        "native tests (engine with Excel, file module, state and action sequences, calibration)",
        || run(cmd("cargo").args(["test"]).args(NATIVE)),
    )?;
    step("wasm-bindgen-test in headless Chromium", || {
        run(cmd("cargo")
            .args([
                "test",
                "-p",
                "ict-index",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .env("CHROMEDRIVER", "/usr/bin/chromedriver"))
    })?;
    dist::build_all()?;
    dist::panic_test_build()?;
    step("end-to-end (playwright-core, Chromium)", || {
        run(cmd("node").args([
            "--test",
            "--test-concurrency=1",
            "--test-timeout=180000",
            "tests/e2e/",
        ]))
    })?;
    eprintln!(
        "xtask: all tests passed in {:.0} s",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(rest),
        Some("test") => test(),
        Some("dist") => dist::run_dist(),
        Some("bench") => bench::run_bench(),
        Some("fuzz") => fuzz::run_fuzz(rest),
        Some("io-module") => io_module::run_io_module(rest),
        Some("more-module") => more_module::run_more_module(rest),
        Some("map-geometry") => geo::run_map_geometry(rest),
        Some("calibrate") => calibrate::run(rest),
        _ => Err(
            "usage: cargo xtask <serve [--port N] | test | dist | bench | fuzz [--minutes N] [--seed N] \
             [--parser P] [--at K] | calibrate [--check] [--report] | io-module [DIR] | more-module [DIR] \
             | map-geometry [DIR]>"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
