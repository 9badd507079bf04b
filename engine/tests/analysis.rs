//! Decision aids (`ict_engine::analysis`): levers, goal seeking on one indicator and as a plan,
//! trend values and the Monte Carlo rank interval. Every claim that a goal is met is checked
//! here by the engine's own evaluation (`Model::evaluate` / `compute`), not by the analysis code.

use ict_engine::analysis::{
    index_of, levers, rank_interval, seek_plan, seek_single, trend_values, Goal, IntervalRun, Plan,
    SingleSeek, STEP_SHARE,
};
use ict_engine::compute::Params;
use ict_engine::{
    builtin, compute, Aggregation, Direction, Edition, Model, Normalisation, Scenario, Settings,
};

/// Quảng Ninh, 3rd in 2019.
const QN: &str = "22";

fn model_2019() -> Model {
    builtin::model(2019).expect("built-in 2019 edition")
}

fn official(m: &Model) -> (Params, Vec<f64>) {
    (
        m.params(&Settings::default()).expect("official params"),
        m.apply(&Scenario::default()).expect("baseline values"),
    )
}

fn prov(m: &Model, id: &str) -> usize {
    m.province_index(id).expect("province")
}

fn ind(m: &Model, id: &str) -> usize {
    m.indicator_index(id).expect("indicator")
}

/// Index score and rank by the engine's full computation.
fn engine_index(m: &Model, params: &Params, values: &[f64], p: usize) -> (f64, u32) {
    let r = compute(m, params, values);
    (r.score(m.root(), p), r.rank(m.root(), p))
}

/// `values` with province `p`'s value of indicator `i` set to `v`.
fn with(m: &Model, values: &[f64], i: usize, p: usize, v: f64) -> Vec<f64> {
    let mut out = values.to_vec();
    out[i * m.province_count() + p] = v;
    out
}

/// The same change through the public scenario API (validates the value too).
fn evaluate_one(m: &Model, p: usize, i: usize, v: f64) -> (f64, u32) {
    let mut s = Scenario::default();
    s.set(&m.provinces()[p].id, &m.indicators()[i].id, v);
    let r = m.evaluate(&s).expect("a valid scenario");
    (r.score(m.root(), p), r.rank(m.root(), p))
}

/// A plan applied through the public scenario API.
/// An index score of `score` or more.
fn score_at_least(score: f64) -> Goal {
    Goal {
        rank: None,
        score: Some(score),
    }
}

/// `values` with the plan's steps applied to province `p`.
fn apply_plan(m: &Model, values: &[f64], p: usize, plan: &Plan) -> Vec<f64> {
    let mut out = values.to_vec();
    for s in &plan.steps {
        out[s.indicator * m.province_count() + p] = s.to;
    }
    out
}

fn evaluate_plan(m: &Model, p: usize, plan: &Plan) -> (f64, u32) {
    let mut s = Scenario::default();
    for step in &plan.steps {
        s.set(
            &m.provinces()[p].id,
            &m.indicators()[step.indicator].id,
            step.to,
        );
    }
    let r = m.evaluate(&s).expect("a valid scenario");
    (r.score(m.root(), p), r.rank(m.root(), p))
}

fn sign(m: &Model, i: usize) -> f64 {
    match m.indicators()[i].direction {
        Direction::HigherIsBetter => 1.0,
        Direction::LowerIsBetter => -1.0,
    }
}

fn on_grid(m: &Model, i: usize, v: f64) -> bool {
    (m.indicators()[i].round(v) - v).abs() < 1e-9
}

#[track_caller]
fn assert_plan_sound(m: &Model, values: &[f64], p: usize, plan: &Plan) {
    let np = m.province_count();
    let mut seen = std::collections::HashSet::new();
    for s in &plan.steps {
        let def = &m.indicators()[s.indicator];
        assert!(seen.insert(s.indicator), "{} appears twice", def.id);
        assert_eq!(s.from, values[s.indicator * np + p], "{}", def.id);
        assert!(
            sign(m, s.indicator) * (s.to - s.from) > 0.0,
            "{} moves towards worse: {} → {}",
            def.id,
            s.from,
            s.to
        );
        assert!(
            s.to >= def.valid[0] && s.to <= def.valid[1],
            "{} = {} outside the valid range",
            def.id,
            s.to
        );
        assert!(on_grid(m, s.indicator, s.to), "{} = {}", def.id, s.to);
    }
}

// ---------------------------------------------------------------------------------------------
// The decision aids' incremental evaluation agrees with compute
// ---------------------------------------------------------------------------------------------

/// The default method and one change of each kind: normalisation and aggregation.
fn method_variants() -> Vec<Settings> {
    vec![
        Settings::default(),
        Settings {
            normalisation: Some(Normalisation::RatioToMax),
            ..Settings::default()
        },
        Settings {
            normalisation: Some(Normalisation::Goalposts),
            ..Settings::default()
        },
        Settings {
            aggregation: Some(Aggregation::Geometric),
            ..Settings::default()
        },
    ]
}

#[test]
fn index_of_matches_compute_under_every_method() {
    let m = model_2019();
    let values = m.apply(&Scenario::default()).unwrap();
    let mut settings = method_variants();
    settings.push(Settings {
        weights: [
            ("htkt".to_string(), 2.0),
            ("email-use-pct".to_string(), 0.0),
        ]
        .into(),
        ..Settings::default()
    });
    // A few scenarios: baseline, QN at the top of two indicators, a province at valid limits.
    let mut scenarios = vec![values.clone()];
    let qn = prov(&m, QN);
    let bw = ind(&m, "bandwidth-per-civil-servant-mbps");
    let v1 = with(&m, &values, bw, qn, 250.0);
    scenarios.push(with(&m, &v1, ind(&m, "it-staff-pct"), qn, 3.0));
    scenarios.push(with(&m, &values, ind(&m, "fixed-phones-per-100"), 5, 500.0));
    for s in &settings {
        let params = m.params(s).unwrap();
        for vals in &scenarios {
            let r = compute(&m, &params, vals);
            for p in 0..m.province_count() {
                let (score, rank) = index_of(&m, &params, vals, p);
                assert_eq!(score.to_bits(), r.score(m.root(), p).to_bits(), "{s:?} {p}");
                assert_eq!(rank, r.rank(m.root(), p), "{s:?} {p}");
            }
        }
    }
    let params = m.params(&Settings::default()).unwrap();
    assert_eq!(index_of(&m, &params, &values, qn).1, 3);
}

/// "Prove or test": with one indicator moving towards better, the province's own index never
/// falls (under each normalisation and aggregation), even far past the best province.
#[test]
fn own_score_is_monotone_in_own_value() {
    let m = model_2019();
    let values = m.apply(&Scenario::default()).unwrap();
    let np = m.province_count();
    let settings = method_variants();
    for s in &settings {
        let params = m.params(s).unwrap();
        for p in [prov(&m, QN), prov(&m, "72"), prov(&m, "62")] {
            for (i, def) in m.indicators().iter().enumerate() {
                let cur = values[i * np + p];
                let limit = def.valid[1];
                let mut prev = f64::NEG_INFINITY;
                // Dense near the others' values, then out to the valid limit.
                let points = (0..=40)
                    .map(|k| cur + (def.plausible[1] - cur).max(0.0) * k as f64 / 40.0)
                    .chain((0..=10).map(|k| cur + (limit - cur) * k as f64 / 10.0))
                    .map(|v| v.clamp(cur, limit));
                let mut pts: Vec<f64> = points.collect();
                pts.sort_by(f64::total_cmp);
                for v in pts {
                    let (score, _) = index_of(&m, &params, &with(&m, &values, i, p, v), p);
                    assert!(
                        score >= prev - 1e-12,
                        "{s:?} p{p} {}: {score} < {prev} at {v}",
                        def.id
                    );
                    prev = prev.max(score);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Levers
// ---------------------------------------------------------------------------------------------

#[test]
fn levers_of_quang_ninh() {
    let m = model_2019();
    let (params, values) = official(&m);
    let p = prov(&m, QN);
    let np = m.province_count();
    let (s0, r0) = engine_index(&m, &params, &values, p);
    let ls = levers(&m, &params, &values, p);
    assert_eq!(ls.len(), m.indicators().len());
    let mut ids: Vec<usize> = ls.iter().map(|l| l.indicator).collect();
    ids.sort_unstable();
    assert_eq!(ids, (0..m.indicators().len()).collect::<Vec<_>>());
    for w in ls.windows(2) {
        assert!(
            w[0].gain_to_best > w[1].gain_to_best
                || (w[0].gain_to_best == w[1].gain_to_best
                    && w[0].gain_per_step >= w[1].gain_per_step),
            "not sorted: {:?} before {:?}",
            w[0],
            w[1]
        );
    }
    for l in &ls {
        let def = &m.indicators()[l.indicator];
        assert_eq!(def.direction, Direction::HigherIsBetter);
        assert_eq!(l.current, values[l.indicator * np + p]);
        let best_other = (0..np)
            .filter(|&q| q != p)
            .map(|q| values[l.indicator * np + q])
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(l.gain_to_best >= 0.0, "{}: {:?}", def.id, l);
        assert!(l.gain_per_step >= 0.0, "{}: {:?}", def.id, l);
        assert!(l.headroom >= 0.0);
        if l.current >= best_other {
            assert_eq!(
                (l.best_value, l.headroom, l.gain_to_best, l.rank_if_best),
                (l.current, 0.0, 0.0, r0),
                "{}",
                def.id
            );
        } else {
            assert_eq!(l.best_value, best_other, "{}", def.id);
            assert_eq!(l.headroom, best_other - l.current);
            let (s, r) = evaluate_one(&m, p, l.indicator, l.best_value);
            assert!((l.gain_to_best - (s - s0)).abs() < 1e-12, "{}", def.id);
            assert_eq!(l.rank_if_best, r, "{}", def.id);
            assert!(l.gain_to_best > 0.0, "{}: {:?}", def.id, l);
        }
        let step =
            (l.current + STEP_SHARE * (def.plausible[1] - def.plausible[0])).min(def.valid[1]);
        let (s, _) = evaluate_one(&m, p, l.indicator, step);
        assert!((l.gain_per_step - (s - s0)).abs() < 1e-12, "{}", def.id);
    }
    // Quảng Ninh is 1st on enterprises with broadband: nothing to gain by reaching the best.
    let e = ls
        .iter()
        .find(|l| l.indicator == ind(&m, "enterprises-with-broadband-pct"))
        .unwrap();
    assert_eq!((e.headroom, e.gain_to_best), (0.0, 0.0));
    assert_eq!(e.best_value, e.current);
    // The first lever is worth something.
    assert!(ls[0].gain_to_best > 0.01, "{:?}", ls[0]);
}

// ---------------------------------------------------------------------------------------------
// Goal seeking on one indicator
// ---------------------------------------------------------------------------------------------

#[test]
fn goal_met() {
    let g = Goal {
        rank: Some(2),
        score: Some(0.7),
    };
    assert!(g.is_met(0.7, 2) && g.is_met(0.9, 1));
    assert!(!g.is_met(0.69, 1) && !g.is_met(0.8, 3));
    let none = Goal {
        rank: None,
        score: None,
    };
    assert!(none.is_met(0.0, 63));
    assert_eq!(Goal::rank_at_most(2).rank, Some(2));
}

#[test]
fn seek_single_already_met() {
    let m = model_2019();
    let (params, values) = official(&m);
    let p = prov(&m, QN);
    let i = ind(&m, "fixed-broadband-per-100");
    for goal in [
        Goal::rank_at_most(3),
        Goal::rank_at_most(10),
        score_at_least(0.7),
        Goal {
            rank: Some(3),
            score: Some(0.73),
        },
        Goal {
            rank: None,
            score: None,
        },
    ] {
        assert_eq!(
            seek_single(&m, &params, &values, p, i, goal),
            SingleSeek::AlreadyMet,
            "{goal:?}"
        );
    }
}

/// For every indicator, rank 2 and rank 1 for Quảng Ninh: a reached value really reaches the
/// goal, is on the decimals grid, is better than now and one grid step less does not reach it;
/// an unreachable answer reports an outcome that the engine confirms.
#[test]
fn seek_single_rank_goals_for_quang_ninh() {
    let m = model_2019();
    let (params, values) = official(&m);
    let p = prov(&m, QN);
    let np = m.province_count();
    let mut reached = [0; 3];
    for r in [1u32, 2] {
        let goal = Goal::rank_at_most(r);
        for (i, def) in m.indicators().iter().enumerate() {
            let cur = values[i * np + p];
            match seek_single(&m, &params, &values, p, i, goal) {
                SingleSeek::AlreadyMet => panic!("QN is 3rd"),
                SingleSeek::Reached { value, score, rank } => {
                    reached[r as usize] += 1;
                    assert!(value > cur && value <= def.valid[1], "{} {value}", def.id);
                    assert!(on_grid(&m, i, value), "{} {value}", def.id);
                    assert!(rank <= r);
                    assert_eq!(evaluate_one(&m, p, i, value), (score, rank), "{}", def.id);
                    let unit = 10f64.powi(-i32::from(def.decimals));
                    let less = def.round(value - unit);
                    if less > cur {
                        let (_, rk) = evaluate_one(&m, p, i, less);
                        assert!(rk > r, "{}: {less} already reaches rank {r}", def.id);
                    }
                }
                SingleSeek::Unreachable {
                    best_score,
                    best_rank,
                    at_value,
                } => {
                    assert!(best_rank > r, "{}", def.id);
                    assert!(at_value >= cur && at_value <= def.valid[1]);
                    assert_eq!(
                        evaluate_one(&m, p, i, at_value),
                        (best_score, best_rank),
                        "{}",
                        def.id
                    );
                    // Honest: even the valid limit does not reach the goal.
                    assert!(evaluate_one(&m, p, i, def.valid[1]).1 > r, "{}", def.id);
                }
            }
        }
    }
    // In the built-in 2019 data some single indicator reaches 2nd (bandwidth per civil servant,
    // far past the best province); none reaches 1st.
    assert!(reached[2] >= 1, "{reached:?}");
    assert_eq!(reached[1], 0, "{reached:?}");
}

#[test]
fn seek_single_score_goal_and_absurd_goal() {
    let m = model_2019();
    let (params, values) = official(&m);
    let p = prov(&m, QN);
    let i = ind(&m, "security-solutions-pct");
    let np = m.province_count();
    match seek_single(&m, &params, &values, p, i, score_at_least(0.75)) {
        SingleSeek::Reached { value, score, rank } => {
            assert!(score >= 0.75);
            assert_eq!(evaluate_one(&m, p, i, value), (score, rank));
            // Score is monotone, so one grid step less must fall short.
            let (s, _) = evaluate_one(&m, p, i, value - 0.01);
            assert!(s < 0.75, "{value}");
            assert!(value > values[i * np + p]);
        }
        other => panic!("security solutions can lift QN to 0.75: {other:?}"),
    }
    for i in 0..m.indicators().len() {
        match seek_single(&m, &params, &values, p, i, score_at_least(0.99)) {
            SingleSeek::Unreachable {
                best_score,
                best_rank,
                at_value,
            } => {
                assert!(best_score < 0.99);
                assert_eq!(evaluate_one(&m, p, i, at_value), (best_score, best_rank));
            }
            other => panic!("{}: {other:?}", m.indicators()[i].id),
        }
    }
    // Rank 0 can never be met.
    assert!(matches!(
        seek_single(&m, &params, &values, p, i, Goal::rank_at_most(0)),
        SingleSeek::Unreachable { .. }
    ));
}

// ---------------------------------------------------------------------------------------------
// Plans
// ---------------------------------------------------------------------------------------------

#[test]
fn seek_plan_reaches_rank_2_and_rank_1() {
    let m = model_2019();
    let (params, values) = official(&m);
    let p = prov(&m, QN);
    for r in [2u32, 1] {
        let plan = seek_plan(&m, &params, &values, p, Goal::rank_at_most(r));
        assert!(plan.reached, "rank {r}: {plan:?}");
        assert!(!plan.steps.is_empty());
        assert_plan_sound(&m, &values, p, &plan);
        let (score, rank) = evaluate_plan(&m, p, &plan);
        assert!(rank <= r, "rank {r}: applied plan gives {rank}");
        assert_eq!((plan.score, plan.rank), (score, rank));
        let applied = apply_plan(&m, &values, p, &plan);
        assert_eq!(engine_index(&m, &params, &applied, p), (score, rank));
        // Only p's values change.
        let np = m.province_count();
        for (c, (a, b)) in applied.iter().zip(&values).enumerate() {
            if c % np != p {
                assert_eq!(a, b);
            }
        }
    }
}

#[test]
fn seek_plan_with_a_score_goal_and_both() {
    let m = model_2019();
    let (params, values) = official(&m);
    let p = prov(&m, "72"); // Tây Ninh, 25th
    let goal = Goal {
        rank: Some(10),
        score: Some(0.6),
    };
    let plan = seek_plan(&m, &params, &values, p, goal);
    assert!(plan.reached, "{plan:?}");
    assert_plan_sound(&m, &values, p, &plan);
    let (score, rank) = evaluate_plan(&m, p, &plan);
    assert!(goal.is_met(score, rank), "{score} {rank}");
}

#[test]
fn seek_plan_already_met_and_unreachable() {
    let m = model_2019();
    let (params, values) = official(&m);
    let p = prov(&m, QN);
    let plan = seek_plan(&m, &params, &values, p, Goal::rank_at_most(3));
    assert!(plan.reached && plan.steps.is_empty());
    assert_eq!(plan.rank, 3);
    // The index is a mean of scores in [0, 1]: more than 1 is impossible.
    let plan = seek_plan(&m, &params, &values, p, score_at_least(1.0 + 1e-6));
    assert!(!plan.reached);
    assert!(plan.score <= 1.0);
    assert_plan_sound(&m, &values, p, &plan);
    assert_eq!(evaluate_plan(&m, p, &plan), (plan.score, plan.rank));
    for goal in [Goal::rank_at_most(0), score_at_least(f64::NAN)] {
        let plan = seek_plan(&m, &params, &values, p, goal);
        assert!(!plan.reached && plan.steps.is_empty(), "{goal:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Trend values
// ---------------------------------------------------------------------------------------------

#[test]
fn trend_values_extend_the_2018_to_2019_move() {
    let new = model_2019();
    let old = builtin::model(2018).unwrap();
    let tv = trend_values(&new, &old);
    assert_eq!(tv.len(), new.baseline().len());
    let np = new.province_count();
    let mut clamped = 0;
    for (i, def) in new.indicators().iter().enumerate() {
        let io = old.indicator_index(&def.id);
        for q in 0..np {
            let v = tv[i * np + q];
            assert!(v >= def.valid[0] && v <= def.valid[1], "{} {v}", def.id);
            let new_v = new.baseline_value(i, q);
            let expected = match (io, old.province_index(&new.provinces()[q].id)) {
                (Some(io), Some(qo)) => {
                    let raw = 2.0 * new_v - old.baseline_value(io, qo);
                    if raw != raw.clamp(def.valid[0], def.valid[1]) {
                        clamped += 1;
                    }
                    raw.clamp(def.valid[0], def.valid[1])
                }
                _ => new_v,
            };
            assert!(
                (v - expected).abs() < 1e-9,
                "{} {q}: {v} vs {expected}",
                def.id
            );
        }
    }
    assert!(clamped > 0, "some trend runs past 100 %");
    // Quảng Ninh by name.
    let (p, p_old) = (prov(&new, QN), prov(&old, QN));
    let i = ind(&new, "fixed-broadband-per-100");
    let io = old.indicator_index("fixed-broadband-per-100").unwrap();
    let expected =
        (2.0 * new.baseline_value(i, p) - old.baseline_value(io, p_old)).clamp(0.0, 500.0);
    assert!((tv[i * np + p] - expected).abs() < 1e-9);
    // Valid as a scenario: every value passes Model::apply's validation.
    let mut s = Scenario::default();
    for (i, def) in new.indicators().iter().enumerate() {
        s.set(QN, &def.id, tv[i * np + p]);
    }
    assert!(new.evaluate(&s).is_ok());
}

#[test]
fn trend_values_keep_cells_missing_in_the_older_edition() {
    let new = synthetic();
    let mut e = synthetic_edition();
    // The older edition lacks province P5 and indicator b2.
    e.meta.provinces.retain(|p| p.id != "P5");
    e.values.values.remove("P5");
    e.meta.methodology.indicators.retain(|i| i.id != "b2");
    e.meta.methodology.nodes[2].children = vec!["b1".into()];
    for row in e.values.values.values_mut() {
        row.remove("b2");
        for v in row.values_mut() {
            *v = (*v - 1.0).max(0.0);
        }
    }
    e.values.published.clear();
    e.published = Default::default();
    let old = Model::new(e).expect("older synthetic edition");
    let tv = trend_values(&new, &old);
    let np = new.province_count();
    let (p5, b2) = (prov(&new, "P5"), ind(&new, "b2"));
    for i in 0..new.indicators().len() {
        for q in 0..np {
            let v = new.baseline_value(i, q);
            let got = tv[i * np + q];
            if q == p5 || i == b2 {
                assert_eq!(got, v);
            } else {
                let def = &new.indicators()[i];
                let old_v = (v - 1.0).max(0.0);
                assert_eq!(got, (v + (v - old_v)).clamp(def.valid[0], def.valid[1]));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Monte Carlo rank interval
// ---------------------------------------------------------------------------------------------

#[test]
fn rank_interval_is_deterministic_and_sane() {
    let m = model_2019();
    let (params, values) = official(&m);
    let old = builtin::model(2018).unwrap();
    let tv = trend_values(&m, &old);
    for id in [QN, "72", "62"] {
        let p = prov(&m, id);
        let (_, point) = engine_index(&m, &params, &values, p);
        for base in [None, Some(tv.as_slice())] {
            let a = rank_interval(&m, &params, &values, p, base, 500, 42);
            let b = rank_interval(&m, &params, &values, p, base, 500, 42);
            assert_eq!(a, b, "{id}");
            assert_eq!(a.point, point);
            assert_eq!(a.draws, 500);
            assert!(a.lo <= a.hi && a.lo >= 1 && a.hi <= 63, "{id} {a:?}");
            assert!((0.0..=1.0).contains(&a.p_better));
            if base.is_none() {
                assert!(a.lo <= a.point && a.point <= a.hi, "{id} {a:?}");
            }
        }
    }
    // Tây Ninh sits in a crowded middle: the estimates' noise moves its rank.
    let p = prov(&m, "72");
    let a = rank_interval(&m, &params, &values, p, None, 1000, 1);
    assert!(a.lo < a.hi, "{a:?}");
    assert!(a.p_better > 0.0 && a.p_better < 1.0, "{a:?}");
    // Another seed: same kind of answer.
    let b = rank_interval(&m, &params, &values, p, None, 1000, 2);
    assert!(b.lo <= b.point && b.point <= b.hi);
    // No draws: the point itself.
    let z = rank_interval(&m, &params, &values, p, None, 0, 1);
    assert_eq!(
        (z.lo, z.hi, z.draws, z.p_better),
        (z.point, z.point, 0, 0.0)
    );
}

/// The interval computed a few draws at a time (as the app does, so that typing never waits for
/// it) is exactly the one computed at once, however the draws are split, with and without a base
/// to move towards; nothing before the last draw; the run stops at its number of draws.
#[test]
fn interval_run_in_steps_equals_rank_interval() {
    let m = model_2019();
    let (params, values) = official(&m);
    let old = builtin::model(2018).unwrap();
    let tv = trend_values(&m, &old);
    for (id, seed) in [(QN, 2019), ("72", 7)] {
        let p = prov(&m, id);
        for base in [None, Some(tv.as_slice())] {
            let whole = rank_interval(&m, &params, &values, p, base, 1000, seed);
            for split in [1, 7, 250, 999, 1000, 5000] {
                let mut run = IntervalRun::new(1000, seed);
                let mut steps = 0;
                let got = loop {
                    steps += 1;
                    match run.step(&m, &params, &values, p, base, split) {
                        Some(r) => break r,
                        None => assert!(run.progress().0 < 1000),
                    }
                };
                assert_eq!(got, whole, "{id} split {split}");
                assert_eq!(steps, 1000usize.div_ceil(split), "{id} split {split}");
                assert_eq!(run.progress(), (1000, 1000));
                // Asked again once done: the same answer, no draw more.
                assert_eq!(
                    run.step(&m, &params, &values, p, base, split),
                    Some(whole.clone())
                );
            }
        }
    }
    // Not the same answer as another seed's (the steps really draw).
    let p = prov(&m, "72");
    let mut run = IntervalRun::new(1000, 8);
    while run.step(&m, &params, &values, p, None, 100).is_none() {}
    assert_ne!(
        run.step(&m, &params, &values, p, None, 100)
            .unwrap()
            .p_better,
        rank_interval(&m, &params, &values, p, None, 1000, 7).p_better
    );
}

/// A province at the valid best of every indicator is 1st whatever the noise on the others:
/// its own values are not perturbed.
#[test]
fn rank_interval_leaves_the_province_alone() {
    let m = model_2019();
    let (params, mut values) = official(&m);
    let p = prov(&m, "72");
    let np = m.province_count();
    for (i, def) in m.indicators().iter().enumerate() {
        values[i * np + p] = def.valid[1];
    }
    let old = builtin::model(2018).unwrap();
    let tv = trend_values(&m, &old);
    for base in [None, Some(tv.as_slice())] {
        let a = rank_interval(&m, &params, &values, p, base, 300, 5);
        assert_eq!((a.point, a.lo, a.hi, a.p_better), (1, 1, 1, 0.0));
    }
}

/// With every cell published there is nothing to perturb: the rank never moves.
#[test]
fn rank_interval_without_estimates_is_the_point() {
    let m = synthetic();
    let mut e = synthetic_edition();
    e.values.published.clear();
    for (pid, row) in &e.values.values {
        for (iid, &v) in row {
            e.values
                .published
                .push(ict_engine::dataset::PublishedValue {
                    province: pid.clone(),
                    indicator: iid.clone(),
                    value: v,
                    source: "stat".into(),
                });
        }
    }
    let all_published = Model::new(e).unwrap();
    let (params, values) = official(&all_published);
    for p in 0..all_published.province_count() {
        let a = rank_interval(&all_published, &params, &values, p, None, 200, 3);
        assert_eq!((a.lo, a.hi, a.p_better), (a.point, a.point, 0.0));
    }
    // The same edition with estimates: some province's rank moves.
    let (params, values) = official(&m);
    let moved = (0..m.province_count()).any(|p| {
        let a = rank_interval(&m, &params, &values, p, None, 500, 3);
        a.lo != a.hi
    });
    assert!(moved);
}

// ---------------------------------------------------------------------------------------------
// Lower-is-better: a synthetic edition (as in errors_and_editions.rs)
// ---------------------------------------------------------------------------------------------

/// Index `idx` = (2 × A + 1 × B) / 3. A = mean(a1, a2), B = mean(b1, b2) rescaled. `a2` is
/// lower-is-better (days), integer decimals.
/// The synthetic 5-province edition shared by the engine tests (4 indicators, one
/// lower-is-better, weights 2:1 in one group, goalposts on `a1`).
const EDITION: &str = include_str!("fixtures/synthetic-edition.json");

//           a1   a2   b1   b2        A      B(rescaled)  idx
// P1        80    2  100    6        1      1            1
// P2        50    6   60   10        0.5    1            2/3
// P3        50    2    0   10        0.75   0.5          2/3
// P4        50   10   50    5        0.25   0.5          1/3
// P5        20   10   40    0        0      0            0
const VALUES: &str = include_str!("fixtures/synthetic-values.json");

fn synthetic_edition() -> Edition {
    Edition::from_json(EDITION, VALUES, "{}").expect("synthetic JSON")
}

fn synthetic() -> Model {
    Model::new(synthetic_edition()).expect("synthetic model")
}

#[test]
fn synthetic_by_hand() {
    let m = synthetic();
    let (params, values) = official(&m);
    let expected = [
        (1.0, 1),
        (2.0 / 3.0, 2),
        (2.0 / 3.0, 2),
        (1.0 / 3.0, 4),
        (0.0, 5),
    ];
    for (p, (s, r)) in expected.into_iter().enumerate() {
        let (score, rank) = index_of(&m, &params, &values, p);
        assert!(
            (score - s).abs() < 1e-12 && rank == r,
            "P{}: {score} {rank}",
            p + 1
        );
    }
}

#[test]
fn lower_is_better_levers() {
    let m = synthetic();
    let (params, values) = official(&m);
    let (p4, a2) = (prov(&m, "P4"), ind(&m, "a2"));
    let l = levers(&m, &params, &values, p4)
        .into_iter()
        .find(|l| l.indicator == a2)
        .unwrap();
    assert_eq!((l.current, l.best_value, l.headroom), (10.0, 2.0, 8.0));
    // a2 to 2 days: A = 0.75, index 2/3, tied 2nd.
    assert!((l.gain_to_best - 1.0 / 3.0).abs() < 1e-12, "{l:?}");
    assert_eq!(l.rank_if_best, 2);
    // A step is 10 % of the plausible 0–20 days: 10 → 8 days, A + 0.125, index + 1/12.
    assert!((l.gain_per_step - 1.0 / 12.0).abs() < 1e-12, "{l:?}");
    // P1 and P3 share the best a2 (2 days): no headroom.
    let l = levers(&m, &params, &values, prov(&m, "P1"))
        .into_iter()
        .find(|l| l.indicator == a2)
        .unwrap();
    assert_eq!((l.best_value, l.headroom, l.gain_to_best), (2.0, 0.0, 0.0));
}

#[test]
fn lower_is_better_seek_single() {
    let m = synthetic();
    let (params, values) = official(&m);
    let (p4, a2) = (prov(&m, "P4"), ind(&m, "a2"));
    // Rank 3 or better: a2 has to come down to 2 days (3 days gives 0.625, 4th).
    match seek_single(&m, &params, &values, p4, a2, Goal::rank_at_most(3)) {
        SingleSeek::Reached { value, score, rank } => {
            assert_eq!(value, 2.0);
            assert_eq!(rank, 2);
            assert!((score - 2.0 / 3.0).abs() < 1e-12);
            assert_eq!(evaluate_one(&m, p4, a2, value), (score, rank));
            assert_eq!(evaluate_one(&m, p4, a2, 3.0).1, 4);
        }
        other => panic!("{other:?}"),
    }
    // Score 0.49: (1 + n) / 3 ≥ 0.49 ⇔ n ≥ 0.47 ⇔ a2 ≤ 6.24 days: 6 on the integer grid.
    match seek_single(&m, &params, &values, p4, a2, score_at_least(0.49)) {
        SingleSeek::Reached { value, .. } => assert_eq!(value, 6.0),
        other => panic!("{other:?}"),
    }
    // Rank 1 on a2 alone: P4's A can at best reach 0.75, P1 stays ahead.
    match seek_single(&m, &params, &values, p4, a2, Goal::rank_at_most(1)) {
        SingleSeek::Unreachable {
            best_score,
            best_rank,
            at_value,
        } => {
            assert_eq!(best_rank, 2);
            assert!((best_score - 2.0 / 3.0).abs() < 1e-12);
            assert!((0.0..=2.0).contains(&at_value));
            assert_eq!(evaluate_one(&m, p4, a2, at_value).1, 2);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn lower_is_better_seek_plan() {
    let m = synthetic();
    let (params, values) = official(&m);
    for id in ["P2", "P3", "P4", "P5"] {
        let p = prov(&m, id);
        let plan = seek_plan(&m, &params, &values, p, Goal::rank_at_most(1));
        assert!(plan.reached, "{id}: {plan:?}");
        assert_plan_sound(&m, &values, p, &plan);
        let (score, rank) = evaluate_plan(&m, p, &plan);
        assert_eq!(rank, 1, "{id}");
        assert_eq!((plan.score, plan.rank), (score, rank));
    }
    // P4 needs a2 to move (down): without it A ≤ 0.5 and P4 cannot pass P1.
    let p4 = prov(&m, "P4");
    let plan = seek_plan(&m, &params, &values, p4, Goal::rank_at_most(1));
    let a2 = plan
        .steps
        .iter()
        .find(|s| s.indicator == ind(&m, "a2"))
        .expect("a2 moves");
    assert!(a2.to < a2.from);
}

// ---------------------------------------------------------------------------------------------
// Never panic
// ---------------------------------------------------------------------------------------------

#[test]
fn inconsistent_input_gives_empty_answers() {
    let m = model_2019();
    let (params, values) = official(&m);
    let p = prov(&m, QN);
    let goal = Goal::rank_at_most(1);
    let short = &values[..10];
    let mut bad_params = params.clone();
    bad_params.goalposts.pop();
    for (vals, par, q) in [
        (values.as_slice(), &params, 63),
        (values.as_slice(), &params, usize::MAX),
        (short, &params, p),
        (values.as_slice(), &bad_params, p),
    ] {
        assert!(levers(&m, par, vals, q).is_empty());
        assert_eq!(index_of(&m, par, vals, q).1, 0);
        assert!(matches!(
            seek_single(&m, par, vals, q, 0, goal),
            SingleSeek::Unreachable { best_rank: 0, .. }
        ));
        let plan = seek_plan(&m, par, vals, q, goal);
        assert!(!plan.reached && plan.steps.is_empty());
        let ri = rank_interval(&m, par, vals, q, None, 10, 1);
        assert_eq!(ri.draws, 0);
    }
    // Unknown indicator.
    assert!(matches!(
        seek_single(&m, &params, &values, p, 999, goal),
        SingleSeek::Unreachable { .. }
    ));
    // A noise base of the wrong length is ignored.
    let ri = rank_interval(&m, &params, &values, p, Some(&values[..5]), 50, 1);
    assert_eq!(ri, rank_interval(&m, &params, &values, p, None, 50, 1));
    // NaN values: no panic.
    let mut nan = values.clone();
    nan[0] = f64::NAN;
    let _ = levers(&m, &params, &nan, p);
    let _ = seek_single(&m, &params, &nan, p, 0, goal);
    let _ = seek_plan(&m, &params, &nan, p, goal);
    let _ = rank_interval(&m, &params, &nan, p, Some(&nan), 20, 1);
    // Trend between a model and itself: one more year of no change.
    assert_eq!(trend_values(&m, &m), m.baseline());
}

/// Across provinces (every 7th), rank 1 and one place up: always reached, and the engine agrees.
#[test]
fn seek_plan_across_provinces() {
    let m = model_2019();
    let (params, values) = official(&m);
    for p in (0..m.province_count()).step_by(7) {
        let (_, r0) = index_of(&m, &params, &values, p);
        for r in [1, r0.saturating_sub(1).max(1)] {
            let plan = seek_plan(&m, &params, &values, p, Goal::rank_at_most(r));
            assert!(plan.reached, "p{p} from {r0} to {r}: {plan:?}");
            assert_plan_sound(&m, &values, p, &plan);
            let (score, rank) = evaluate_plan(&m, p, &plan);
            assert!(
                rank <= r && (score, rank) == (plan.score, plan.rank),
                "p{p} {r}"
            );
        }
    }
}
