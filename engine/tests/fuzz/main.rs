//! Structured fuzzing of the four parsers of what a planner brings in: the page address
//! (`address::decode`), scenario files (`io::scenario_from_json`), CSV tables and workbooks
//! (`io::import_file`). Random bytes mostly stop at the first check (not base64, not JSON, not a
//! zip), so each input is a valid one of its kind, damaged with its structure in mind: the JSON
//! inside an address and its deflate stream, a scenario file's tree and text, a table's cells,
//! columns and separators, a workbook's XML parts re-zipped (see each target's module).
//!
//! Each parser must answer every input with a result or its bilingual errors, never a panic; what
//! it accepts must also make sense (see [`check_import`], [`check_results`] and each target).
//!
//! `cargo test` runs a fixed number of executions per parser from a fixed seed (a few seconds).
//! `cargo xtask fuzz [--minutes N] [--seed N]` runs every parser for as long as asked from a fresh
//! seed, through the environment: `ICT_FUZZ_SEED`, `ICT_FUZZ_SECONDS` (run until then),
//! `ICT_FUZZ_RUNS` (executions per parser), `ICT_FUZZ_PARSER` (some of `address,scenario,csv,
//! xlsx`), `ICT_FUZZ_AT` (one execution). An execution's input depends only on the seed, the
//! parser and its number, so a failure prints the three, keeps the input under
//! `target/tmp/fuzz-crashes/`, and `cargo xtask fuzz --seed S --parser P --at K` replays it alone.
//! A request for more than 1 GB of memory at once is a failure too (see [`Guarded`]).

#[path = "../common/mod.rs"]
mod common;

mod address;
mod csv;
mod mutate;
mod scenario;
mod xlsx;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use common::{m18, m19, u18, u19};
use ict_engine::dataset::validate_value;
use ict_engine::io::{ImportError, ImportPreview, MAX_ERRORS};
use ict_engine::{Model, Results, Scenario};

use mutate::Rng;

/// Most bytes one allocation may ask for. A parser that asks for more on a file of at most 2 MB
/// is a finding: in the browser the file module would die of it, and here the program would
/// abort, which no `catch_unwind` catches. So [`Guarded`] names the execution first.
const HUGE: usize = 1 << 30;

thread_local! {
    /// The execution under way on this thread: parser, seed, number.
    static CURRENT: Cell<(&'static str, u64, u64)> = const { Cell::new(("", 0, 0)) };
}

/// The system allocator, but a request of more than [`HUGE`] bytes prints the execution under
/// way and how to replay it, then fails (the program aborts).
struct Guarded;

impl Guarded {
    fn refuse(size: usize) -> *mut u8 {
        let (name, seed, k) = CURRENT.with(Cell::get);
        let mut buf = [0u8; 256];
        let mut out = &mut buf[..];
        let _ = write!(
            out,
            "\nfuzz: {name} execution {k} asks for {size} bytes at once; replay: cargo xtask \
             fuzz --seed {seed} --parser {name} --at {k}\n"
        );
        let n = 256 - out.len();
        let _ = std::io::stderr().write_all(&buf[..n]);
        std::ptr::null_mut()
    }
}

// SAFETY: every call goes to `System` with the same arguments, except that a request over
// `HUGE` gets null, which callers handle as a failed allocation.
unsafe impl GlobalAlloc for Guarded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > HUGE {
            return Self::refuse(layout.size());
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > HUGE {
            return Self::refuse(layout.size());
        }
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > HUGE {
            return Self::refuse(new_size);
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Guarded = Guarded;

/// What the harness needs to know of a parser under fuzz.
pub struct Spec {
    pub name: &'static str,
    /// The file extension of a kept input.
    pub extension: &'static str,
    /// Executions in `cargo test`.
    pub ci_runs: u64,
    /// Threads given to it: the slower parsers get more, so that each gets a fair number of
    /// executions in a run of given length.
    pub threads: u64,
}

/// One parser under fuzz: how its inputs are made, and what must hold for each.
pub trait Target: Sync {
    fn spec(&self) -> Spec;
    fn generate(&self, rng: &mut Rng) -> Vec<u8>;
    /// Runs the parser on `input` and checks the answer (panics when something does not hold);
    /// returns the kind of answer, for the tally ("accepted", the kind of the first error…).
    fn check(&self, input: &[u8]) -> String;
}

/// Both languages present and different.
pub fn expect_bilingual(e: &ImportError) {
    assert!(
        !e.message.vi.trim().is_empty() && !e.message.en.trim().is_empty(),
        "{e:?}"
    );
    assert_ne!(e.message.vi, e.message.en, "{e:?}");
    let located = e.located();
    assert!(located.vi.ends_with(&e.message.vi) && located.en.ends_with(&e.message.en));
}

/// Every score finite and in [0, 1], every rank from 1 to the number of provinces.
pub fn check_results(model: &Model, results: &Results) {
    let np = model.province_count();
    for (n, node) in model.nodes().iter().enumerate() {
        for p in 0..np {
            let s = results.score(n, p);
            assert!(
                s.is_finite() && (-1e-9..=1.0 + 1e-9).contains(&s),
                "score {s} of '{}' for province {p}",
                node.id
            );
            let rank = results.rank(n, p);
            assert!(
                (1..=np as u32).contains(&rank),
                "rank {rank} of '{}'",
                node.id
            );
        }
    }
}

/// What must hold for any import: a preview whose changes are valid cells that apply and evaluate,
/// or 1 to `MAX_ERRORS` + 1 bilingual errors. Returns the kind of answer.
pub fn check_import(model: &Model, answer: Result<ImportPreview, Vec<ImportError>>) -> String {
    match answer {
        Ok(preview) => {
            for c in &preview.changes {
                let i = model
                    .indicator_index(&c.indicator)
                    .expect("a known indicator");
                assert!(model.province_index(&c.province).is_some(), "{c:?}");
                assert!(
                    validate_value(&model.indicators()[i], c.new).is_ok(),
                    "{c:?}"
                );
                assert!(c.new != c.old, "{c:?}");
            }
            assert!(preview.changes.len() + preview.unchanged <= model.baseline().len());
            // The app takes the changes into its data as they are.
            let mut scenario = Scenario::default();
            for c in &preview.changes {
                scenario.set(&c.province, &c.indicator, c.new);
            }
            let results = model.evaluate(&scenario).expect("an import evaluates");
            check_results(model, &results);
            "accepted".into()
        }
        Err(errors) => {
            assert!(
                !errors.is_empty() && errors.len() <= MAX_ERRORS + 1,
                "{} errors",
                errors.len()
            );
            errors.iter().for_each(expect_bilingual);
            format!("{:?}", errors[0].kind)
        }
    }
}

fn targets() -> Vec<Box<dyn Target>> {
    // Addresses and scenario files of the 63 provinces and of the 34 units; imports apply to the
    // 63 provinces only.
    let models = vec![m19(), m18(), u19(), u18()];
    let words = mutate::scenario_words(&models);
    vec![
        Box::new(address::Address {
            models: models.clone(),
            words: words.clone(),
        }),
        Box::new(scenario::ScenarioFiles { models, words }),
        Box::new(csv::Csv::new(m19(), m18())),
        Box::new(xlsx::Xlsx::new(m19())),
    ]
}

/// How much to run: a number of executions per parser (`None`: each one's `ci_runs`), until a
/// moment, or the one execution numbered so.
#[derive(Clone, Copy)]
enum Plan {
    Runs(Option<u64>),
    Until(Instant),
    At(u64),
}

struct Report {
    name: &'static str,
    /// Threads it ran on.
    lanes: u64,
    executions: u64,
    elapsed: Duration,
    outcomes: BTreeMap<String, u64>,
    /// The time spent in the parser and checks (the rest makes inputs).
    checking: Duration,
    /// The longest execution and its number.
    slowest: (Duration, u64),
    failure: Option<String>,
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}

/// Keeps a failing input; returns where.
fn keep(target: &dyn Target, seed: u64, k: u64, input: &[u8]) -> String {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz-crashes");
    let file = dir.join(format!(
        "{}-{seed}-{k}.{}",
        target.spec().name,
        target.spec().extension
    ));
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, input)) {
        Ok(()) => file.display().to_string(),
        Err(e) => format!("not kept: {e}"),
    }
}

/// Runs one parser by `plan`, the executions numbered `lane` modulo `lanes`; stops at its first
/// failure.
fn run(target: &dyn Target, seed: u64, plan: Plan, lane: u64, lanes: u64) -> Report {
    let start = Instant::now();
    let (first, end) = match plan {
        Plan::At(k) if lane == 0 => (k, k.saturating_add(1)),
        Plan::At(_) => (0, 0),
        Plan::Runs(n) => (lane, n.unwrap_or_else(|| target.spec().ci_runs)),
        Plan::Until(_) => (lane, u64::MAX),
    };
    let mut report = Report {
        name: target.spec().name,
        lanes,
        executions: 0,
        elapsed: Duration::ZERO,
        outcomes: BTreeMap::new(),
        checking: Duration::ZERO,
        slowest: (Duration::ZERO, 0),
        failure: None,
    };
    let replay = |k: u64| {
        format!(
            "cargo xtask fuzz --seed {seed} --parser {} --at {k}",
            target.spec().name
        )
    };
    let mut k = first;
    while k < end {
        if matches!(plan, Plan::Until(t) if Instant::now() >= t) {
            break;
        }
        CURRENT.with(|c| c.set((target.spec().name, seed, k)));
        let mut rng = Rng::for_execution(seed, target.spec().name, k);
        let input = match catch_unwind(AssertUnwindSafe(|| target.generate(&mut rng))) {
            Ok(input) => input,
            Err(p) => {
                report.failure = Some(format!(
                    "making input {k} panicked: {} (replay: {})",
                    panic_message(p.as_ref()),
                    replay(k)
                ));
                break;
            }
        };
        let t0 = Instant::now();
        let answer = catch_unwind(AssertUnwindSafe(|| target.check(&input)));
        let took = t0.elapsed();
        report.executions += 1;
        report.checking += took;
        if took > report.slowest.0 {
            report.slowest = (took, k);
        }
        match answer {
            Ok(kind) => *report.outcomes.entry(kind).or_default() += 1,
            Err(p) => {
                report.failure = Some(format!(
                    "execution {k} panicked: {}\n  input kept in {}\n  replay: {}",
                    panic_message(p.as_ref()),
                    keep(target, seed, k, &input),
                    replay(k)
                ));
                break;
            }
        }
        k = k.saturating_add(lanes);
    }
    report.elapsed = start.elapsed();
    report
}

impl Report {
    /// The report of one parser from those of its threads.
    fn merge(mut self, other: Report) -> Report {
        self.executions += other.executions;
        self.elapsed = self.elapsed.max(other.elapsed);
        self.checking += other.checking;
        for (kind, n) in other.outcomes {
            *self.outcomes.entry(kind).or_default() += n;
        }
        if other.slowest.0 > self.slowest.0 {
            self.slowest = other.slowest;
        }
        self.failure = self.failure.or(other.failure);
        self
    }
}

/// 1234567 → "1,234,567".
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn env<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok().and_then(|s| s.trim().parse().ok())
}

#[test]
fn structured_fuzz() {
    let seed = common::seed();
    let plan = if let Some(k) = env("ICT_FUZZ_AT") {
        Plan::At(k)
    } else if let Some(s) = env::<f64>("ICT_FUZZ_SECONDS") {
        Plan::Until(Instant::now() + Duration::from_secs_f64(s.max(0.0)))
    } else {
        Plan::Runs(env("ICT_FUZZ_RUNS"))
    };
    let only: Option<String> = env("ICT_FUZZ_PARSER");
    let all = targets();
    let chosen: Vec<&dyn Target> = all
        .iter()
        .map(Box::as_ref)
        .filter(|t| {
            only.as_ref()
                .is_none_or(|o| o.split(',').any(|n| n.trim() == t.spec().name))
        })
        .collect();
    assert!(
        !chosen.is_empty(),
        "ICT_FUZZ_PARSER names none of address, scenario, csv, xlsx"
    );
    let start = Instant::now();
    let reports: Vec<Report> = std::thread::scope(|s| {
        let handles: Vec<Vec<_>> = chosen
            .iter()
            .map(|&t| {
                let lanes = t.spec().threads;
                (0..lanes)
                    .map(|lane| s.spawn(move || run(t, seed, plan, lane, lanes)))
                    .collect()
            })
            .collect();
        handles
            .into_iter()
            .filter_map(|lanes| {
                lanes
                    .into_iter()
                    .map(|h| h.join().expect("a fuzz thread"))
                    .reduce(Report::merge)
            })
            .collect()
    });
    let total: u64 = reports.iter().map(|r| r.executions).sum();
    eprintln!(
        "fuzz seed {seed}: {} executions in {:.1} s",
        thousands(total),
        start.elapsed().as_secs_f64()
    );
    for r in &reports {
        let mut kinds: Vec<(&String, &u64)> = r.outcomes.iter().collect();
        kinds.sort_by(|a, b| b.1.cmp(a.1));
        let kinds: Vec<String> = kinds
            .iter()
            .take(6)
            .map(|(k, n)| format!("{k} {}", thousands(**n)))
            .collect();
        eprintln!(
            "  {:<9} {:>11} executions in {:>6.1} s ({:.0} % of the thread time parsing), slowest \
             {:.1} ms (#{}); {}",
            r.name,
            thousands(r.executions),
            r.elapsed.as_secs_f64(),
            100.0 * r.checking.as_secs_f64() / r.elapsed.as_secs_f64().max(1e-9) / r.lanes as f64,
            r.slowest.0.as_secs_f64() * 1e3,
            r.slowest.1,
            kinds.join(", ")
        );
    }
    let failures: Vec<String> = reports
        .iter()
        .filter_map(|r| r.failure.as_ref().map(|f| format!("{}: {f}", r.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "fuzz seed {seed} found:\n{}",
        failures.join("\n")
    );
}
