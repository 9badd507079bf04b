//! The rank interval in parts (`ict_engine::interval_part`): draws run by another thread from
//! the bytes of an [`IntervalPart`] and joined by [`IntervalRun::finish`] give exactly the
//! interval of one thread, on every kind of model the app has.

use ict_engine::analysis::{rank_interval, IntervalRun, Tally};
use ict_engine::interval_part::IntervalPart;
use ict_engine::{builtin, Model, Normalisation, Scenario, Settings};

const SEED: u64 = 2019;
const DRAWS: usize = 1_500;

/// The interval computed in one run, and in two parts split at `at`: the first `at` draws here,
/// the others through the bytes of an [`IntervalPart`] (as the app's worker gets them).
fn one_and_split(
    m: &Model,
    settings: &Settings,
    p: usize,
    at: usize,
) -> (
    ict_engine::analysis::RankInterval,
    Option<ict_engine::analysis::RankInterval>,
) {
    let params = m.params(settings).unwrap();
    let values = m
        .apply(&Scenario {
            values: Default::default(),
            settings: settings.clone(),
        })
        .unwrap();
    let whole = rank_interval(m, &params, &values, p, None, DRAWS, SEED);
    let mut run = IntervalRun::new(DRAWS, SEED);
    assert_eq!(run.step(m, &params, &values, p, None, at), None);
    let head = run.tally();
    assert_eq!(head.draws as usize, at);
    let bytes = IntervalPart::new(m, settings, &values, p, SEED, at, DRAWS - at)
        .to_bytes()
        .unwrap();
    let tail: Tally =
        ict_engine::wire::from_bytes(&IntervalPart::run_bytes(&bytes).unwrap()).unwrap();
    assert_eq!(tail.draws as usize, DRAWS - at);
    // The tail is exactly the draws the single run makes after the head.
    let mut rest = IntervalRun::new(DRAWS, SEED);
    rest.step(m, &params, &values, p, None, DRAWS);
    let all = rest.tally();
    let expected: Vec<u32> = all
        .hist
        .iter()
        .zip(&head.hist)
        .map(|(a, h)| a - h)
        .collect();
    assert_eq!(tail.hist, expected, "split at {at}");
    (whole, run.finish(&[&head, &tail]))
}

#[test]
fn parts_give_the_interval_of_one_run_to_the_bit() {
    let m = builtin::model(2019).unwrap();
    let qn = m.province_index("22").unwrap();
    // Quảng Ninh keeps its published 3rd place in every draw; Thanh Hoá's rank spreads.
    let th = m.province_index("38").unwrap();
    for at in [1, 700, 750, DRAWS - 1] {
        for p in [qn, th] {
            let (whole, split) = one_and_split(&m, &Settings::default(), p, at);
            assert_eq!(split.as_ref(), Some(&whole), "split at {at}");
            assert_eq!(whole.draws, DRAWS);
        }
    }
    let (whole, _) = one_and_split(&m, &Settings::default(), qn, 750);
    assert_eq!((whole.point, whole.lo, whole.hi), (3, 3, 3));
    let (whole, _) = one_and_split(&m, &Settings::default(), th, 750);
    assert!(whole.lo < whole.hi && whole.p_better > 0.0, "{whole:?}");
}

#[test]
fn parts_agree_for_derived_imported_and_other_methods() {
    let m63 = builtin::model(2019).unwrap();
    // The 34 units of 2025: every cell derived, some from estimates.
    let m34 = builtin::model_in(2019, "34").unwrap();
    let p34 = m34.province_count() - 1;
    let (whole, split) = one_and_split(&m34, &Settings::default(), p34, 500);
    assert_eq!(split, Some(whole));
    // Imported cells are no longer estimates: the edition alone would say they are.
    let np = m63.province_count();
    let cells: Vec<(usize, usize, f64)> = (0..np)
        .filter(|&q| m63.provenance_of(0, q).is_estimate())
        .map(|q| (0, q, m63.baseline_value(0, q)))
        .collect();
    assert!(!cells.is_empty());
    let imported = m63.with_imported(&cells).unwrap();
    let hn = imported.province_index("01").unwrap();
    let (whole, split) = one_and_split(&imported, &Settings::default(), hn, 900);
    assert_eq!(split, Some(whole.clone()));
    // … and that changes the interval (so the part did not read them from the edition).
    let (before, _) = one_and_split(&m63, &Settings::default(), hn, 900);
    assert_ne!(before.p_better, whole.p_better);
    let ratio = Settings {
        normalisation: Some(Normalisation::RatioToMax),
        ..Settings::default()
    };
    let (whole, split) = one_and_split(&m63, &ratio, hn, 1200);
    assert_eq!(split, Some(whole));
}

#[test]
fn tallies_that_do_not_cover_the_run_give_nothing() {
    let m = builtin::model(2019).unwrap();
    let params = m.params(&Settings::default()).unwrap();
    let values = m.baseline().to_vec();
    let mut run = IntervalRun::new(100, SEED);
    run.step(&m, &params, &values, 3, None, 60);
    let head = run.tally();
    let mut short = IntervalRun::part(SEED, 60, 30);
    short.step(&m, &params, &values, 3, None, 30);
    assert_eq!(run.finish(&[&head, &short.tally()]), None);
    let mut twice = head.clone();
    twice.draws = 40;
    assert_eq!(run.finish(&[&head, &twice]), None, "counts that lie");
    // The app's split: the same half twice adds up to the run's draws, but covers half of it.
    let mut half = IntervalRun::new(100, SEED);
    half.step(&m, &params, &values, 3, None, 50);
    let first_half = half.tally();
    assert_eq!(
        half.finish(&[&first_half, &first_half]),
        None,
        "one half twice"
    );
    let mut other = IntervalRun::part(SEED + 1, 50, 50);
    other.step(&m, &params, &values, 3, None, 50);
    assert_eq!(
        half.finish(&[&first_half, &other.tally()]),
        None,
        "another seed"
    );
    let mut second = IntervalRun::part(SEED, 50, 50);
    second.step(&m, &params, &values, 3, None, 50);
    let second = second.tally();
    assert_eq!(
        half.finish(&[&second, &first_half]),
        half.finish(&[&first_half, &second]),
        "in any order"
    );
    assert!(half.finish(&[&first_half, &second]).is_some());
    let mut moved = second.clone();
    moved.from = 49;
    assert_eq!(
        half.finish(&[&first_half, &moved]),
        None,
        "overlapping parts"
    );
    let mut tail = IntervalRun::part(SEED, 60, 40);
    tail.step(&m, &params, &values, 3, None, 40);
    let mut wrong = tail.tally();
    wrong.hist.pop();
    assert_eq!(
        run.finish(&[&head, &wrong]),
        None,
        "another number of ranks"
    );
    assert_eq!(
        run.finish(&[&head, &tail.tally()]),
        Some(rank_interval(&m, &params, &values, 3, None, 100, SEED))
    );
    assert_eq!(
        IntervalRun::new(100, SEED).finish(&[&head]),
        None,
        "not started"
    );
}

#[test]
fn damaged_part_bytes_are_refused_not_run() {
    let m = builtin::model(2019).unwrap();
    let values = m.baseline().to_vec();
    let bytes = IntervalPart::new(&m, &Settings::default(), &values, 3, SEED, 10, 20)
        .to_bytes()
        .unwrap();
    assert!(IntervalPart::run_bytes(&bytes).is_ok());
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            IntervalPart::run_bytes(&bytes[..cut]).is_err(),
            "cut at {cut}"
        );
    }
    let mut part = IntervalPart::new(&m, &Settings::default(), &values, 3, SEED, 10, 20);
    part.values.pop();
    assert!(part.run().is_err(), "values that do not fit");
    let mut part = IntervalPart::new(&m, &Settings::default(), &values, 3, SEED, 10, 20);
    part.p = 999;
    assert!(part.run().is_err(), "no such province");
}
