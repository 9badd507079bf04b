//! `cargo xtask <command>`: set-up, serve, test, dist, bench and calibrate, with nothing but
//! cargo on a fresh machine.

mod calibrate;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("calibrate") => calibrate::run(args.iter().any(|a| a == "--check")),
        _ => Err(
            "usage: cargo xtask <serve [--port N] | test | dist | bench | calibrate [--check]>"
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
