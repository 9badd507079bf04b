//! Errors of `Model::apply` / `evaluate` / `Model::new` / `Edition::from_json` (typed, never a
//! panic), and a small synthetic edition loaded from JSON strings whose results are checked
//! against numbers computed by hand.

use ict_engine::verify::check_published;
use ict_engine::{
    builtin, compute, Aggregation, EngineError, Model, Normalisation, Provenance, Results,
    Scenario, Settings,
};
use serde_json::{json, Value};

fn model_2019() -> Model {
    builtin::model(2019).expect("built-in 2019 edition")
}

fn one(province: &str, indicator: &str, value: f64) -> Scenario {
    let mut s = Scenario::default();
    s.set(province, indicator, value);
    s
}

fn with_weights(weights: &[(&str, f64)]) -> Scenario {
    let mut s = Scenario::default();
    for &(id, w) in weights {
        s.settings.weights.insert(id.to_string(), w);
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Scenario errors on the built-in 2019 model
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_province() {
    let m = model_2019();
    let s = one("99", "households-with-computer-pct", 50.0);
    assert_eq!(m.apply(&s), Err(EngineError::UnknownProvince("99".into())));
    assert_eq!(
        m.evaluate(&s).unwrap_err(),
        EngineError::UnknownProvince("99".into())
    );
}

#[test]
fn unknown_indicator() {
    let m = model_2019();
    let s = one("22", "no-such-indicator", 50.0);
    assert_eq!(
        m.apply(&s),
        Err(EngineError::UnknownIndicator("no-such-indicator".into()))
    );
    assert_eq!(
        m.evaluate(&s).unwrap_err(),
        EngineError::UnknownIndicator("no-such-indicator".into())
    );
    // A 2018-only indicator is unknown in 2019.
    assert_eq!(
        m.evaluate(&one("22", "universities-teaching-it-pct", 50.0))
            .unwrap_err(),
        EngineError::UnknownIndicator("universities-teaching-it-pct".into())
    );
}

#[test]
fn nan_and_infinities_are_not_finite() {
    let m = model_2019();
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let s = one("22", "fixed-broadband-per-100", v);
        let expected = EngineError::NotFinite {
            indicator: "fixed-broadband-per-100".into(),
        };
        assert_eq!(m.apply(&s), Err(expected.clone()), "{v}");
        assert_eq!(m.evaluate(&s).unwrap_err(), expected, "{v}");
    }
}

#[test]
fn out_of_range_values() {
    let m = model_2019();
    let err = m
        .evaluate(&one("22", "households-with-computer-pct", 150.0))
        .unwrap_err();
    assert_eq!(
        err,
        EngineError::OutOfRange {
            indicator: "households-with-computer-pct".into(),
            value: 150.0,
            min: 0.0,
            max: 100.0,
        }
    );
    let msg = err.to_string();
    assert!(msg.contains("households-with-computer-pct") && msg.contains("150"));

    assert_eq!(
        m.evaluate(&one("22", "households-with-computer-pct", -0.5))
            .unwrap_err(),
        EngineError::OutOfRange {
            indicator: "households-with-computer-pct".into(),
            value: -0.5,
            min: 0.0,
            max: 100.0,
        }
    );
    assert_eq!(
        m.evaluate(&one("48", "computers-per-civil-servant", 10.5))
            .unwrap_err(),
        EngineError::OutOfRange {
            indicator: "computers-per-civil-servant".into(),
            value: 10.5,
            min: 0.0,
            max: 10.0,
        }
    );
    // Just past the edge is rejected, the edges themselves are accepted.
    assert!(m
        .evaluate(&one("22", "agencies-on-wan-pct", 100.000_001))
        .is_err());
    for v in [0.0, 100.0] {
        assert!(m
            .evaluate(&one("22", "households-with-computer-pct", v))
            .is_ok());
    }
}

#[test]
fn one_bad_value_among_good_ones_is_reported() {
    let m = model_2019();
    let mut s = one("22", "households-with-computer-pct", 90.0);
    s.set("48", "fixed-broadband-per-100", 40.0);
    s.set("01", "email-use-pct", 101.0);
    assert!(matches!(
        m.evaluate(&s),
        Err(EngineError::OutOfRange { ref indicator, .. }) if indicator == "email-use-pct"
    ));
}

#[test]
fn invalid_weights() {
    let m = model_2019();
    for (id, w) in [
        ("htkt", -1.0),
        ("htkt", f64::NAN),
        ("htkt", f64::INFINITY),
        ("fixed-phones-per-100", -0.001),
    ] {
        let s = with_weights(&[(id, w)]);
        let expected = EngineError::InvalidWeight { id: id.into() };
        assert_eq!(m.params(&s.settings).unwrap_err(), expected, "{id} {w}");
        assert_eq!(m.evaluate(&s).unwrap_err(), expected, "{id} {w}");
    }
}

#[test]
fn all_zero_weights_of_a_node() {
    let m = model_2019();
    // Both sub-pillars of htkt at 0 → htkt has nothing to average.
    let s = with_weights(&[("htkt-xh", 0.0), ("htkt-cqnn", 0.0)]);
    assert_eq!(
        m.evaluate(&s).unwrap_err(),
        EngineError::InvalidWeight { id: "htkt".into() }
    );
    // Every indicator of htnl-xh at 0.
    let s = with_weights(&[
        ("adult-literacy-pct", 0.0),
        ("school-enrolment-pct", 0.0),
        ("schools-teaching-it-pct", 0.0),
    ]);
    assert_eq!(
        m.evaluate(&s).unwrap_err(),
        EngineError::InvalidWeight {
            id: "htnl-xh".into()
        }
    );
    // All three pillars at 0.
    let s = with_weights(&[("htkt", 0.0), ("htnl", 0.0), ("ud", 0.0)]);
    assert_eq!(
        m.evaluate(&s).unwrap_err(),
        EngineError::InvalidWeight {
            id: "ict-index".into()
        }
    );
}

#[test]
fn one_zero_weight_is_fine() {
    let m = model_2019();
    let r = m
        .evaluate(&with_weights(&[("htkt-cqnn", 0.0)]))
        .expect("one zero weight is allowed");
    let (htkt, xh) = (
        m.node_index("htkt").unwrap(),
        m.node_index("htkt-xh").unwrap(),
    );
    for p in 0..m.province_count() {
        assert!((r.score(htkt, p) - r.score(xh, p)).abs() < 1e-12);
    }
}

#[test]
fn unknown_weight_id() {
    let m = model_2019();
    assert_eq!(
        m.evaluate(&with_weights(&[("nope", 1.0)])).unwrap_err(),
        EngineError::UnknownNode("nope".into())
    );
}

#[test]
fn errors_display_without_panicking() {
    let errors = [
        EngineError::UnknownProvince("99".into()),
        EngineError::UnknownIndicator("x".into()),
        EngineError::UnknownNode("n".into()),
        EngineError::NotFinite {
            indicator: "x".into(),
        },
        EngineError::OutOfRange {
            indicator: "x".into(),
            value: 150.0,
            min: 0.0,
            max: 100.0,
        },
        EngineError::InvalidWeight { id: "n".into() },
        EngineError::Data("broken".into()),
    ];
    for e in errors {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn no_such_built_in_edition() {
    assert!(matches!(builtin::edition(2017), Err(EngineError::Data(_))));
    assert!(matches!(builtin::model(2017), Err(EngineError::Data(_))));
}

// ---------------------------------------------------------------------------------------------
// Broken JSON
// ---------------------------------------------------------------------------------------------

#[test]
fn broken_json_is_a_data_error() {
    let check = |r: Result<ict_engine::Edition, EngineError>, file: &str| match r {
        Err(EngineError::Data(msg)) => assert!(msg.contains(file), "{msg}"),
        other => panic!("expected a data error about {file}, got {other:?}"),
    };
    check(
        ict_engine::Edition::from_json("{", VALUES, PUBLISHED),
        "edition.json",
    );
    check(
        ict_engine::Edition::from_json(EDITION, "[1, 2", PUBLISHED),
        "values.json",
    );
    check(
        ict_engine::Edition::from_json(EDITION, VALUES, "not json"),
        "published.json",
    );
    check(
        ict_engine::Edition::from_json("", VALUES, PUBLISHED),
        "edition.json",
    );
    // Well-formed JSON of the wrong shape.
    check(
        ict_engine::Edition::from_json(r#"{"year": "2025"}"#, VALUES, PUBLISHED),
        "edition.json",
    );
    check(
        ict_engine::Edition::from_json(EDITION, r#"{"year": 2025, "values": []}"#, PUBLISHED),
        "values.json",
    );
    // An unknown enum value.
    let bad = EDITION.replace("\"lower-is-better\"", "\"sideways\"");
    check(
        ict_engine::Edition::from_json(&bad, VALUES, PUBLISHED),
        "edition.json",
    );
}

// ---------------------------------------------------------------------------------------------
// A synthetic edition: 5 provinces, 2 levels, 4 indicators (one lower-is-better), weights 2:1
// ---------------------------------------------------------------------------------------------

/// Index `idx` = (2 × A + 1 × B) / 3. A = mean(a1, a2) is not rescaled; B = mean(b1, b2) is
/// rescaled (best 1, worst 0). `a2` is lower-is-better. `a1` has goalposts [40, 100]; the
/// others use their plausible range as goalposts.
/// The synthetic 5-province edition shared by the engine tests (4 indicators, one
/// lower-is-better, weights 2:1 in one group, goalposts on `a1`).
const EDITION: &str = include_str!("fixtures/synthetic-edition.json");

//           a1   a2   b1   b2
// P1        80    2  100    6
// P2        50    6   60   10
// P3        50    2    0   10
// P4        50   10   50    5
// P5        20   10   40    0
const VALUES: &str = include_str!("fixtures/synthetic-values.json");

const PUBLISHED: &str = r#"{
  "scores": [
    {"province": "P1", "node": "idx", "score": 1.0, "rank": 1, "source": "stat"},
    {"province": "P2", "node": "idx", "score": 0.6667, "rank": 2, "source": "stat"},
    {"province": "P4", "node": "B", "score": 0.5, "rank": 3, "source": "stat"}
  ],
  "indicator_ranks": [{"province": "P4", "indicator": "a2", "rank": 4, "source": "stat"}],
  "values": [{"province": "P3", "indicator": "b2", "value": 10, "source": "stat"}],
  "means": [{"node": "idx", "mean": 0.5333, "source": "stat"}]
}"#;

const EPS: f64 = 1e-12;

fn synthetic() -> Model {
    let e = ict_engine::Edition::from_json(EDITION, VALUES, PUBLISHED).expect("synthetic JSON");
    Model::new(e).expect("synthetic model")
}

fn eval(m: &Model, settings: Settings) -> Results {
    m.evaluate(&Scenario {
        settings,
        ..Scenario::default()
    })
    .expect("valid settings")
}

/// Scores of a node for every province of a synthetic edition, as worked out by hand.
#[track_caller]
fn assert_node<const N: usize>(m: &Model, r: &Results, node: &str, expected: [f64; N]) {
    let n = m.node_index(node).expect("node");
    for (p, e) in expected.iter().enumerate() {
        let got = r.score(n, p);
        assert!(
            (got - e).abs() < 1e-9,
            "{node} P{}: expected {e}, got {got}",
            p + 1
        );
    }
}

#[track_caller]
fn assert_indicator(m: &Model, r: &Results, ind: &str, expected: [f64; 5]) {
    let i = m.indicator_index(ind).expect("indicator");
    for (p, e) in expected.iter().enumerate() {
        let got = r.indicator_score(i, p);
        assert!(
            (got - e).abs() < 1e-9,
            "{ind} P{}: expected {e}, got {got}",
            p + 1
        );
    }
}

fn node_ranks(m: &Model, r: &Results, node: &str) -> Vec<u32> {
    let n = m.node_index(node).expect("node");
    (0..5).map(|p| r.rank(n, p)).collect()
}

fn indicator_ranks(m: &Model, r: &Results, ind: &str) -> Vec<u32> {
    let i = m.indicator_index(ind).expect("indicator");
    (0..5).map(|p| r.indicator_rank(i, p)).collect()
}

#[test]
fn synthetic_edition_loads() {
    let m = synthetic();
    assert_eq!(m.year(), 2025);
    assert_eq!(m.province_count(), 5);
    assert_eq!(m.indicators().len(), 4);
    assert_eq!(m.nodes().len(), 3);
    assert_eq!(m.node_index("idx"), Some(m.root()));
    assert_eq!(m.leaf_nodes().count(), 2);
    // Children are computed before their parent.
    assert_eq!(*m.computation_order().last().unwrap(), m.root());
    assert_eq!(m.depth(m.node_index("B").unwrap()), 1);
    // Provenance: the one published cell, the rest estimated.
    let (b2, p3) = (
        m.indicator_index("b2").unwrap(),
        m.province_index("P3").unwrap(),
    );
    assert_eq!(
        m.provenance_of(b2, p3),
        &Provenance::Published("stat".into())
    );
    assert_eq!(m.provenance_of(b2, 0), &Provenance::Estimated);
    assert_eq!(m.baseline_value(b2, p3), 10.0);
}

/// The official method by hand.
///
/// Min–max: a1 (x − 20)/60 = [1, .5, .5, .5, 0]; a2 lower-is-better (10 − x)/8 = [1, .5, 1, 0, 0];
/// b1 x/100 = [1, .6, 0, .5, .4]; b2 x/10 = [.6, 1, 1, .5, 0].
/// A = mean(a1, a2) = [1, .5, .75, .25, 0].
/// B before rescale = mean(b1, b2) = [.8, .8, .5, .5, .2]; rescaled (x − .2)/.6 = [1, 1, .5, .5, 0].
/// Index = (2A + B)/3 = [1, 2/3, 2/3, 1/3, 0] → ranks 1, 2, 2, 4, 5.
#[test]
fn synthetic_official_method_by_hand() {
    let m = synthetic();
    let r = eval(&m, Settings::default());
    assert_indicator(&m, &r, "a1", [1.0, 0.5, 0.5, 0.5, 0.0]);
    assert_indicator(&m, &r, "a2", [1.0, 0.5, 1.0, 0.0, 0.0]);
    assert_indicator(&m, &r, "b1", [1.0, 0.6, 0.0, 0.5, 0.4]);
    assert_indicator(&m, &r, "b2", [0.6, 1.0, 1.0, 0.5, 0.0]);
    assert_node(&m, &r, "A", [1.0, 0.5, 0.75, 0.25, 0.0]);
    assert_node(&m, &r, "B", [1.0, 1.0, 0.5, 0.5, 0.0]);
    assert_node(&m, &r, "idx", [1.0, 2.0 / 3.0, 2.0 / 3.0, 1.0 / 3.0, 0.0]);

    // Competition ranks with a tie: 1, 2, 2, 4, 5 (P2 and P3 differ only by rounding noise).
    assert_eq!(node_ranks(&m, &r, "idx"), [1, 2, 2, 4, 5]);
    assert_eq!(node_ranks(&m, &r, "A"), [1, 3, 2, 4, 5]);
    assert_eq!(node_ranks(&m, &r, "B"), [1, 1, 3, 3, 5]);
    // Indicator ranks on the raw values, direction-aware.
    assert_eq!(indicator_ranks(&m, &r, "a1"), [1, 2, 2, 2, 5]);
    assert_eq!(indicator_ranks(&m, &r, "a2"), [1, 3, 1, 4, 4]);
    assert_eq!(indicator_ranks(&m, &r, "b1"), [1, 2, 5, 3, 4]);
    assert_eq!(indicator_ranks(&m, &r, "b2"), [3, 1, 1, 4, 5]);

    // National means: A 2.5/5, B 3/5, index (8/3)/5.
    assert!((r.mean(m.node_index("A").unwrap()) - 0.5).abs() < EPS);
    assert!((r.mean(m.node_index("B").unwrap()) - 0.6).abs() < EPS);
    assert!((r.mean(m.root()) - 8.0 / 15.0).abs() < EPS);

    // The published figures of the synthetic edition are reproduced.
    assert_eq!(check_published(&m, &r), vec![]);
}

/// Weights from Settings. B at 2 → index = (A + B)/2 = [1, .75, .625, .375, 0].
/// a2 at 0 → A = a1 = [1, .5, .5, .5, 0], index = (2A + B)/3 = [1, 2/3, 1/2, 1/2, 0], ranks
/// 1, 2, 3, 3, 5.
#[test]
fn synthetic_weights_by_hand() {
    let m = synthetic();
    let mut s = Settings::default();
    s.weights.insert("B".into(), 2.0);
    let r = eval(&m, s);
    assert_node(&m, &r, "idx", [1.0, 0.75, 0.625, 0.375, 0.0]);
    assert_eq!(node_ranks(&m, &r, "idx"), [1, 2, 3, 4, 5]);

    let mut s = Settings::default();
    s.weights.insert("a2".into(), 0.0);
    let r = eval(&m, s);
    assert_node(&m, &r, "A", [1.0, 0.5, 0.5, 0.5, 0.0]);
    assert_node(&m, &r, "idx", [1.0, 2.0 / 3.0, 0.5, 0.5, 0.0]);
    assert_eq!(node_ranks(&m, &r, "idx"), [1, 2, 3, 3, 5]);
}

/// Ratio to max: a1 x/80 = [1, 5/8, 5/8, 5/8, 1/4]; a2 lower-is-better min/x = 2/x
/// = [1, 1/3, 1, 1/5, 1/5]; b1 x/100 and b2 x/10 as with min–max (their minimum is 0).
/// A = [1, 23/48, 13/16, 33/80, 9/40]; B = [1, 1, .5, .5, 0] (rescaled as before).
/// Index = (2A + B)/3 = [1, 47/72, 17/24, 53/120, 3/20] → ranks 1, 3, 2, 4, 5.
#[test]
fn synthetic_ratio_to_max_by_hand() {
    let m = synthetic();
    let r = eval(
        &m,
        Settings {
            normalisation: Some(Normalisation::RatioToMax),
            ..Settings::default()
        },
    );
    assert_indicator(&m, &r, "a1", [1.0, 0.625, 0.625, 0.625, 0.25]);
    assert_indicator(&m, &r, "a2", [1.0, 1.0 / 3.0, 1.0, 0.2, 0.2]);
    assert_node(
        &m,
        &r,
        "A",
        [1.0, 23.0 / 48.0, 13.0 / 16.0, 33.0 / 80.0, 9.0 / 40.0],
    );
    assert_node(&m, &r, "B", [1.0, 1.0, 0.5, 0.5, 0.0]);
    assert_node(
        &m,
        &r,
        "idx",
        [1.0, 47.0 / 72.0, 17.0 / 24.0, 53.0 / 120.0, 3.0 / 20.0],
    );
    assert_eq!(node_ranks(&m, &r, "idx"), [1, 3, 2, 4, 5]);
    // Indicator ranks are on raw values: the normalisation does not change them.
    assert_eq!(indicator_ranks(&m, &r, "a2"), [1, 3, 1, 4, 4]);
}

/// Goalposts, clamped to [0, 1]: a1 its own goalposts [40, 100]: (x − 40)/60
/// = [2/3, 1/6, 1/6, 1/6, 0 (20 is below 40)]; a2 lower-is-better, plausible [0, 20]:
/// 1 − x/20 = [.9, .7, .9, .5, .5]; b1 plausible [0, 80]: x/80 = [1 (100 is above 80), .75, 0,
/// .625, .5]; b2 plausible [0, 20]: x/20 = [.3, .5, .5, .25, 0].
/// A = [47/60, 13/30, 8/15, 1/3, 1/4].
/// B before rescale = [.65, .625, .25, .4375, .25]; rescaled (x − .25)/.4 = [1, 15/16, 0, 15/32, 0].
/// Index = (2A + B)/3 = [77/90, 433/720, 16/45, 109/288, 1/6] → ranks 1, 2, 4, 3, 5.
#[test]
fn synthetic_goalposts_by_hand() {
    let m = synthetic();
    let r = eval(
        &m,
        Settings {
            normalisation: Some(Normalisation::Goalposts),
            ..Settings::default()
        },
    );
    assert_indicator(
        &m,
        &r,
        "a1",
        [2.0 / 3.0, 1.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0, 0.0],
    );
    assert_indicator(&m, &r, "a2", [0.9, 0.7, 0.9, 0.5, 0.5]);
    assert_indicator(&m, &r, "b1", [1.0, 0.75, 0.0, 0.625, 0.5]);
    assert_indicator(&m, &r, "b2", [0.3, 0.5, 0.5, 0.25, 0.0]);
    assert_node(
        &m,
        &r,
        "A",
        [47.0 / 60.0, 13.0 / 30.0, 8.0 / 15.0, 1.0 / 3.0, 0.25],
    );
    assert_node(&m, &r, "B", [1.0, 15.0 / 16.0, 0.0, 15.0 / 32.0, 0.0]);
    assert_node(
        &m,
        &r,
        "idx",
        [
            77.0 / 90.0,
            433.0 / 720.0,
            16.0 / 45.0,
            109.0 / 288.0,
            1.0 / 6.0,
        ],
    );
    assert_eq!(node_ranks(&m, &r, "idx"), [1, 2, 4, 3, 5]);
    // Two provinces share the worst B (0.25 before rescale): both rescale to 0, tied 4th.
    assert_eq!(node_ranks(&m, &r, "B"), [1, 2, 4, 3, 4]);
}

/// Weighted geometric mean, scores floored at 0.01, with the official min–max scores above.
/// A = sqrt(a1 · a2) = [1, .5, sqrt(.5), sqrt(.5 · .01), sqrt(.01 · .01) = .01].
/// B before rescale = sqrt(b1 · b2) = [sqrt(.6), sqrt(.6), sqrt(.01 · 1) = .1, .5, sqrt(.4 · .01)];
/// rescaled (x − lo)/(hi − lo) with lo = sqrt(.004), hi = sqrt(.6).
/// Index = A^(2/3) · B^(1/3), B floored at .01 for P5.
#[test]
fn synthetic_geometric_by_hand() {
    let m = synthetic();
    let r = eval(
        &m,
        Settings {
            aggregation: Some(Aggregation::Geometric),
            ..Settings::default()
        },
    );
    let a = [
        1.0,
        0.5,
        0.5f64.sqrt(),
        0.005f64.sqrt(),
        0.01, // both a1 and a2 are 0 → floored
    ];
    assert_node(&m, &r, "A", a);
    let (lo, hi) = (0.004f64.sqrt(), 0.6f64.sqrt());
    let b = [
        1.0,
        1.0,
        (0.1 - lo) / (hi - lo),
        (0.5 - lo) / (hi - lo),
        0.0,
    ];
    assert_node(&m, &r, "B", b);
    // Spelled out: P3 B = (0.1 − 0.063246)/(0.774597 − 0.063246) ≈ 0.051669.
    assert!((b[2] - 0.051669).abs() < 1e-6);
    let idx: Vec<f64> = (0..5)
        .map(|p| a[p].max(0.01).powf(2.0 / 3.0) * b[p].max(0.01).powf(1.0 / 3.0))
        .collect();
    assert_node(&m, &r, "idx", [idx[0], idx[1], idx[2], idx[3], idx[4]]);
    // The numbers: 1, 0.5^(2/3) ≈ 0.629961, ≈ 0.295619, ≈ 0.145336, 0.01.
    for (got, e) in idx.iter().zip([1.0, 0.629961, 0.295619, 0.145336, 0.01]) {
        assert!((got - e).abs() < 1e-6, "{got} vs {e}");
    }
    assert_eq!(node_ranks(&m, &r, "idx"), [1, 2, 3, 4, 5]);
}

/// A per-indicator normalisation in the methodology is used by the official method, and the
/// Settings' normalisation overrides it.
#[test]
fn per_indicator_normalisation_and_its_override() {
    let mut e = ict_engine::Edition::from_json(EDITION, VALUES, PUBLISHED).expect("JSON");
    e.meta.methodology.indicators[0].normalisation = Some(Normalisation::RatioToMax); // a1
    let m = Model::new(e).expect("model");
    let r = eval(&m, Settings::default());
    assert_indicator(&m, &r, "a1", [1.0, 0.625, 0.625, 0.625, 0.25]);
    assert_indicator(&m, &r, "a2", [1.0, 0.5, 1.0, 0.0, 0.0]); // still min–max
    let r = eval(
        &m,
        Settings {
            normalisation: Some(Normalisation::MinMax),
            ..Settings::default()
        },
    );
    assert_indicator(&m, &r, "a1", [1.0, 0.5, 0.5, 0.5, 0.0]);
}

/// A scenario on the synthetic edition: P5 raises a1 from 20 to 80 (ties P1 at the top),
/// a1 min becomes 50 → a1 = [1, 0, 0, 0, 1]; A = [1, .25, .5, 0, .5];
/// index = (2A + B)/3 = [1, 1/2, 1/2, 1/6, 1/3] → ranks 1, 2, 2, 5, 4.
#[test]
fn synthetic_scenario_by_hand() {
    let m = synthetic();
    let mut s = Scenario::default();
    s.set("P5", "a1", 80.0);
    let r = m.evaluate(&s).expect("valid scenario");
    assert_indicator(&m, &r, "a1", [1.0, 0.0, 0.0, 0.0, 1.0]);
    assert_node(&m, &r, "A", [1.0, 0.25, 0.5, 0.0, 0.5]);
    assert_node(&m, &r, "idx", [1.0, 0.5, 0.5, 1.0 / 6.0, 1.0 / 3.0]);
    assert_eq!(node_ranks(&m, &r, "idx"), [1, 2, 2, 5, 4]);
    // Two tied first, so the next is third.
    assert_eq!(indicator_ranks(&m, &r, "a1"), [1, 3, 3, 3, 1]);
    // Out of range on this edition's own ranges.
    assert_eq!(
        m.evaluate(&{
            let mut s = Scenario::default();
            s.set("P1", "a2", 366.0);
            s
        })
        .unwrap_err(),
        EngineError::OutOfRange {
            indicator: "a2".into(),
            value: 366.0,
            min: 0.0,
            max: 365.0,
        }
    );
}

/// When every province has the same value, min–max gives everyone 1 (no division by zero).
#[test]
fn synthetic_all_equal_indicator() {
    let m = synthetic();
    let mut s = Scenario::default();
    for p in ["P1", "P2", "P3", "P4", "P5"] {
        s.set(p, "b1", 30.0);
        s.set(p, "b2", 3.0);
    }
    let r = m.evaluate(&s).expect("valid scenario");
    assert_indicator(&m, &r, "b1", [1.0; 5]);
    assert_node(&m, &r, "B", [1.0; 5]);
    assert_eq!(node_ranks(&m, &r, "B"), [1; 5]);
    for x in &r.node_scores {
        assert!(x.is_finite());
    }
}

// ---------------------------------------------------------------------------------------------
// Model::new rejects inconsistent editions
// ---------------------------------------------------------------------------------------------

fn json_of(s: &str) -> Value {
    serde_json::from_str(s).expect("test JSON")
}

fn build(edition: &Value, values: &Value) -> Result<Model, EngineError> {
    let e = ict_engine::Edition::from_json(&edition.to_string(), &values.to_string(), PUBLISHED)?;
    Model::new(e)
}

#[track_caller]
fn assert_data_error(r: Result<Model, EngineError>, needle: &str) {
    match r {
        Err(EngineError::Data(msg)) => assert!(msg.contains(needle), "'{msg}' lacks '{needle}'"),
        Err(other) => panic!("expected a data error ('{needle}'), got {other:?}"),
        Ok(_) => panic!("expected a data error ('{needle}'), got a model"),
    }
}

#[test]
fn the_unmodified_json_builds() {
    assert!(build(&json_of(EDITION), &json_of(VALUES)).is_ok());
}

#[test]
fn cycle_in_the_tree() {
    // A lists the root among its children: idx → A → idx.
    let mut e = json_of(EDITION);
    e["methodology"]["nodes"][1]["children"] = json!(["a1", "a2", "idx"]);
    assert_data_error(build(&e, &json_of(VALUES)), "cycle");

    // A detached cycle C → D → C, reachable from nowhere.
    let mut e = json_of(EDITION);
    let nodes = e["methodology"]["nodes"].as_array_mut().unwrap();
    nodes.push(json!({"id": "C", "name": {"vi": "C", "en": "C"}, "children": ["D"]}));
    nodes.push(json!({"id": "D", "name": {"vi": "D", "en": "D"}, "children": ["C"]}));
    assert!(matches!(
        build(&e, &json_of(VALUES)),
        Err(EngineError::Data(_))
    ));

    // A node that is its own child.
    let mut e = json_of(EDITION);
    e["methodology"]["nodes"][2]["children"] = json!(["b1", "b2", "B"]);
    assert!(matches!(
        build(&e, &json_of(VALUES)),
        Err(EngineError::Data(_))
    ));
}

#[test]
fn missing_child_in_the_tree() {
    let mut e = json_of(EDITION);
    e["methodology"]["nodes"][2]["children"] = json!(["b1", "b2", "b3"]);
    assert_data_error(build(&e, &json_of(VALUES)), "b3");
}

#[test]
fn other_inconsistent_trees() {
    let v = json_of(VALUES);
    // A child listed under two parents.
    let mut e = json_of(EDITION);
    e["methodology"]["nodes"][2]["children"] = json!(["b1", "b2", "a1"]);
    assert_data_error(build(&e, &v), "two parents");
    // An indicator in no node.
    let mut e = json_of(EDITION);
    e["methodology"]["nodes"][2]["children"] = json!(["b1"]);
    assert_data_error(build(&e, &v), "b2");
    // A node without children.
    let mut e = json_of(EDITION);
    e["methodology"]["nodes"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "E", "name": {"vi": "E", "en": "E"}, "children": []}));
    assert_data_error(build(&e, &v), "no children");
    // Duplicate ids.
    let mut e = json_of(EDITION);
    e["provinces"][1]["id"] = json!("P1");
    assert_data_error(build(&e, &v), "duplicate");
    let mut e = json_of(EDITION);
    e["methodology"]["indicators"][1]["id"] = json!("a1");
    assert_data_error(build(&e, &v), "duplicate");
    // An id that is both a node and an indicator.
    let mut e = json_of(EDITION);
    e["methodology"]["indicators"][3]["id"] = json!("B");
    assert!(matches!(build(&e, &v), Err(EngineError::Data(_))));
    // Unknown root.
    let mut e = json_of(EDITION);
    e["methodology"]["root"] = json!("nope");
    assert_eq!(
        build(&e, &v).unwrap_err(),
        EngineError::UnknownNode("nope".into())
    );
    // A range with min ≥ max.
    let mut e = json_of(EDITION);
    e["methodology"]["indicators"][0]["valid"] = json!([100, 0]);
    assert_data_error(build(&e, &v), "a1");
    // A negative node weight.
    let mut e = json_of(EDITION);
    e["methodology"]["nodes"][1]["weight"] = json!(-2);
    assert_eq!(
        build(&e, &v).unwrap_err(),
        EngineError::InvalidWeight { id: "A".into() }
    );
    // No provinces at all.
    let mut e = json_of(EDITION);
    e["provinces"] = json!([]);
    assert!(matches!(
        build(&e, &json!({"year": 2025, "values": {}})),
        Err(EngineError::Data(_))
    ));
}

#[test]
fn inconsistent_values() {
    let e = json_of(EDITION);
    // A missing cell.
    let mut v = json_of(VALUES);
    v["values"]["P4"].as_object_mut().unwrap().remove("b1");
    assert_data_error(build(&e, &v), "b1");
    // A value outside its valid range.
    let mut v = json_of(VALUES);
    v["values"]["P4"]["a1"] = json!(120);
    assert!(matches!(
        build(&e, &v),
        Err(EngineError::OutOfRange { ref indicator, .. }) if indicator == "a1"
    ));
    // Unknown ids.
    let mut v = json_of(VALUES);
    v["values"]["P9"] = json!({"a1": 1, "a2": 1, "b1": 1, "b2": 1});
    assert_eq!(
        build(&e, &v).unwrap_err(),
        EngineError::UnknownProvince("P9".into())
    );
    let mut v = json_of(VALUES);
    v["values"]["P1"]["zz"] = json!(1);
    assert_eq!(
        build(&e, &v).unwrap_err(),
        EngineError::UnknownIndicator("zz".into())
    );
    let mut v = json_of(VALUES);
    v["published"][0]["indicator"] = json!("zz");
    assert_eq!(
        build(&e, &v).unwrap_err(),
        EngineError::UnknownIndicator("zz".into())
    );
}

// ---------------------------------------------------------------------------------------------
// The compact embedding of data/ (engine/build.rs)
// ---------------------------------------------------------------------------------------------

/// The embedded (compact) data are exactly the readable files of `data/`.
#[test]
fn embedded_data_equal_the_data_files() {
    for year in builtin::years() {
        let dir = format!("{}/../data/{year}", env!("CARGO_MANIFEST_DIR"));
        let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).expect(f);
        let from_files = ict_engine::Edition::from_json(
            &read("edition.json"),
            &read("values.json"),
            &read("published.json"),
        )
        .expect("data files");
        let embedded = builtin::edition(year).expect("embedded");
        assert_eq!(embedded.meta, from_files.meta, "{year}");
        assert_eq!(embedded.values.values, from_files.values.values, "{year}");
        assert_eq!(
            embedded.values.published, from_files.values.published,
            "{year}"
        );
        assert_eq!(embedded.published, from_files.published, "{year}");
        assert_eq!(embedded.values.values.len(), 63, "{year}");
    }
}

#[test]
fn a_compact_row_of_the_wrong_length_is_a_data_error() {
    let dir = format!("{}/../data/2019", env!("CARGO_MANIFEST_DIR"));
    let read = |f: &str| std::fs::read_to_string(format!("{dir}/{f}")).expect(f);
    let values = r#"{"year": 2019, "columns": ["a", "b"], "rows": {"01": [1.0]}}"#;
    let e = ict_engine::Edition::from_json(&read("edition.json"), values, &read("published.json"))
        .unwrap_err();
    assert!(
        matches!(&e, EngineError::Data(m) if m.contains("01") && m.contains("2 columns")),
        "{e}"
    );
}

// ---------------------------------------------------------------------------------------------
// A synthetic edition with three levels below the index and a pillar of three sub-pillars
// ---------------------------------------------------------------------------------------------

/// `idx` = mean(P, Q). P = mean(S1, S2, S3), three sub-pillars; S3 = mean(T1, T2), a third level;
/// Q = mean(d1, Q1), an indicator and a sub-pillar side by side. S1 and T2 are rescaled; c2 is
/// lower-is-better and weighs 3 against c3's 1. Shared with the app's component test.
const EDITION_3: &str = include_str!("fixtures/synthetic-3level-edition.json");

//        a1   a2   b1   c1  c2  c3   d1  e1
// R1    100    0   20   10   5   0    0  30
// R2     50  100   40   10   1   0  100  10
// R3      0   50   60   30   3   0  100  20
// R4     50   50  100   20   5  80   50  30
const VALUES_3: &str = include_str!("fixtures/synthetic-3level-values.json");

fn three_levels() -> Model {
    let e = ict_engine::Edition::from_json(EDITION_3, VALUES_3, "{}").expect("synthetic JSON");
    Model::new(e).expect("three-level model")
}

fn ids(m: &Model, nodes: &[usize]) -> Vec<String> {
    nodes.iter().map(|&n| m.nodes()[n].id.clone()).collect()
}

fn indicator_ids(m: &Model, inds: &[usize]) -> Vec<String> {
    inds.iter().map(|&i| m.indicators()[i].id.clone()).collect()
}

#[test]
fn three_levels_tree_api() {
    let m = three_levels();
    let n = |id: &str| m.node_index(id).unwrap();
    assert_eq!(m.root(), n("idx"));
    assert_eq!(
        ids(&m, m.tree_order()),
        ["idx", "P", "S1", "S2", "S3", "T1", "T2", "Q", "Q1"]
    );
    assert_eq!(
        ids(&m, m.computation_order()),
        ["S1", "S2", "T1", "T2", "S3", "P", "Q1", "Q", "idx"]
    );
    let children: Vec<usize> = m.child_nodes(n("P")).collect();
    assert_eq!(ids(&m, &children), ["S1", "S2", "S3"]);
    assert_eq!(m.children(n("Q")).len(), 2);
    let direct: Vec<usize> = m.child_indicators(n("Q")).collect();
    assert_eq!(indicator_ids(&m, &direct), ["d1"]);
    assert_eq!(
        indicator_ids(&m, m.indicators_below(m.root())),
        ["a1", "a2", "b1", "c1", "c2", "c3", "d1", "e1"]
    );
    assert_eq!(
        indicator_ids(&m, m.indicators_below(n("P"))),
        ["a1", "a2", "b1", "c1", "c2", "c3"]
    );
    assert_eq!(
        indicator_ids(&m, m.indicators_below(n("S3"))),
        ["c1", "c2", "c3"]
    );
    assert_eq!(indicator_ids(&m, m.indicators_below(n("T2"))), ["c2", "c3"]);
    let depths: Vec<usize> = m.tree_order().iter().map(|&k| m.depth(k)).collect();
    assert_eq!(depths, [0, 1, 2, 2, 2, 3, 3, 1, 2]);
    assert_eq!(m.parent(n("T2")), Some(n("S3")));
    assert_eq!(m.parent(m.root()), None);
    let c2 = m.indicator_index("c2").unwrap();
    assert_eq!(m.indicator_parent(c2), Some(n("T2")));
    let leaves: Vec<usize> = m.leaf_nodes().collect();
    assert_eq!(ids(&m, &leaves), ["S1", "S2", "T1", "T2", "Q1"]);
    // Weights of children: the methodology's, and a scenario's.
    let c2_child = m.children(n("T2"))[0];
    assert_eq!(m.weight(c2_child), 3.0);
    let mut s = Settings::default();
    s.weights.insert("c2".into(), 0.5);
    assert_eq!(m.params(&s).unwrap().weight(c2_child), 0.5);
    // Unknown nodes have no children and nothing below them.
    assert!(m.children(99).is_empty() && m.indicators_below(99).is_empty());
}

/// The official method by hand.
///
/// S1 = mean(a1 [1, .5, 0, .5], a2 [0, 1, .5, .5]) = [.5, .75, .25, .5], rescaled [.5, 1, 0, .5].
/// S2 = b1 = (x − 20)/80 = [0, .25, .5, 1].
/// T1 = c1 = (x − 10)/20 = [0, 0, 1, .5].
/// T2 = (3·c2 + c3)/4, c2 lower-is-better (5 − x)/4 = [0, 1, .5, 0], c3 = [0, 0, 0, 1]:
///      [0, .75, .375, .25], rescaled [0, 1, .5, 1/3].
/// S3 = mean(T1, T2) = [0, .5, .75, 5/12].
/// P = mean(S1, S2, S3) = [1/6, 7/12, 5/12, 23/36].
/// Q = mean(d1 [0, 1, 1, .5], Q1 = e1 [1, 0, .5, 1]) = [.5, .5, .75, .75].
/// idx = mean(P, Q) = [1/3, 13/24, 7/12, 25/36] → ranks 4, 3, 2, 1.
#[test]
fn three_levels_official_method_by_hand() {
    let m = three_levels();
    let r = eval(&m, Settings::default());
    assert_node(&m, &r, "S1", [0.5, 1.0, 0.0, 0.5]);
    assert_node(&m, &r, "S2", [0.0, 0.25, 0.5, 1.0]);
    assert_node(&m, &r, "T1", [0.0, 0.0, 1.0, 0.5]);
    assert_node(&m, &r, "T2", [0.0, 1.0, 0.5, 1.0 / 3.0]);
    assert_node(&m, &r, "S3", [0.0, 0.5, 0.75, 5.0 / 12.0]);
    assert_node(
        &m,
        &r,
        "P",
        [1.0 / 6.0, 7.0 / 12.0, 5.0 / 12.0, 23.0 / 36.0],
    );
    assert_node(&m, &r, "Q1", [1.0, 0.0, 0.5, 1.0]);
    assert_node(&m, &r, "Q", [0.5, 0.5, 0.75, 0.75]);
    assert_node(
        &m,
        &r,
        "idx",
        [1.0 / 3.0, 13.0 / 24.0, 7.0 / 12.0, 25.0 / 36.0],
    );
    let ranks = |node: &str| -> Vec<u32> {
        let n = m.node_index(node).unwrap();
        (0..4).map(|p| r.rank(n, p)).collect()
    };
    assert_eq!(ranks("idx"), [4, 3, 2, 1]);
    assert_eq!(ranks("P"), [4, 2, 3, 1]);
    assert_eq!(ranks("Q"), [3, 3, 1, 1]);
    assert_eq!(ranks("T2"), [4, 1, 2, 3]);
    // National mean of the index: (24 + 39 + 42 + 50) / 72 / 4.
    assert!((r.mean(m.root()) - 155.0 / 288.0).abs() < EPS);
    // The results table lists every node below the index in tree order.
    let sheets = ict_engine::table::results_sheets(&m, &r, &r);
    let headers: Vec<&str> = sheets[0].columns[6..]
        .iter()
        .map(|c| c.header.as_str())
        .collect();
    assert_eq!(headers, ["P", "S1", "S2", "S3", "T1", "T2", "Q", "Q1"]);
}

/// A weight of the third level: T2 at 0 → S3 = T1 = [0, 0, 1, .5], P = [1/6, 5/12, 1/2, 2/3],
/// idx = [1/3, 11/24, 5/8, 17/24].
#[test]
fn three_levels_weight_of_the_third_level() {
    let m = three_levels();
    let mut s = Settings::default();
    s.weights.insert("T2".into(), 0.0);
    let r = eval(&m, s);
    assert_node(&m, &r, "S3", [0.0, 0.0, 1.0, 0.5]);
    assert_node(&m, &r, "P", [1.0 / 6.0, 5.0 / 12.0, 0.5, 2.0 / 3.0]);
    assert_node(
        &m,
        &r,
        "idx",
        [1.0 / 3.0, 11.0 / 24.0, 5.0 / 8.0, 17.0 / 24.0],
    );
}

/// R1 raises c3 (third level) from 0 to 80, level with R4: c3 = [1, 0, 0, 1],
/// T2 = [.25, .75, .375, .25] rescaled [0, 1, .25, 0], S3 = [0, .5, .625, .25],
/// P = [1/6, 7/12, 3/8, 7/12], idx = [1/3, 13/24, 9/16, 2/3]: R1's change moves the others.
/// The decision aids, which re-run only the changed indicator and the nodes above it, agree.
#[test]
fn three_levels_scenario_and_decision_aids() {
    use ict_engine::analysis::{index_of, levers};
    let m = three_levels();
    let mut scenario = Scenario::default();
    scenario.set("R1", "c3", 80.0);
    let r = m.evaluate(&scenario).unwrap();
    assert_node(&m, &r, "T2", [0.0, 1.0, 0.25, 0.0]);
    assert_node(&m, &r, "S3", [0.0, 0.5, 0.625, 0.25]);
    assert_node(&m, &r, "P", [1.0 / 6.0, 7.0 / 12.0, 3.0 / 8.0, 7.0 / 12.0]);
    assert_node(
        &m,
        &r,
        "idx",
        [1.0 / 3.0, 13.0 / 24.0, 9.0 / 16.0, 2.0 / 3.0],
    );

    let params = m.params(&Settings::default()).unwrap();
    let values = m.apply(&scenario).unwrap();
    for p in 0..4 {
        let (score, rank) = index_of(&m, &params, &values, p);
        assert_eq!(score.to_bits(), r.score(m.root(), p).to_bits());
        assert_eq!(rank, r.rank(m.root(), p));
    }
    // Each lever's gain is what a full recompute with that one value moved gives.
    let np = m.province_count();
    for l in levers(&m, &params, &values, 0) {
        let mut moved = values.clone();
        moved[l.indicator * np] = l.best_value;
        let full = compute(&m, &params, &moved);
        assert_eq!(
            l.gain_to_best.to_bits(),
            (full.score(m.root(), 0) - r.score(m.root(), 0)).to_bits(),
            "{}",
            m.indicators()[l.indicator].id
        );
        assert_eq!(l.rank_if_best, full.rank(m.root(), 0));
    }
}
