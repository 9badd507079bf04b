//! The built-in editions reproduce the published figures of
//! `/work/shared/reference/published-figures.md`.
//!
//! Every number below is written out literally from that file (not read back from
//! `data/<year>/published.json`), so a wrong edit of the data files or of the engine shows up
//! here even if the two drift together. Scores: ±0.0005 (half a unit of the 4th decimal).
//! Ranks: exact.

use ict_engine::builtin;
use ict_engine::dataset::{Model, PublishedBound, PublishedIndicatorRank, PublishedMean};
use ict_engine::verify::check_published;
use ict_engine::{Provenance, Results, Scenario};

const TOL: f64 = 0.0005;

fn model(year: u16) -> Model {
    builtin::model(year).unwrap_or_else(|e| panic!("built-in {year} edition: {e}"))
}

fn baseline(model: &Model) -> Results {
    model
        .evaluate(&Scenario::default())
        .expect("the baseline scenario evaluates")
}

fn prov(model: &Model, id: &str) -> usize {
    model
        .province_index(id)
        .unwrap_or_else(|| panic!("unknown province {id}"))
}

fn node(model: &Model, id: &str) -> usize {
    model
        .node_index(id)
        .unwrap_or_else(|| panic!("unknown node {id}"))
}

fn ind(model: &Model, id: &str) -> usize {
    model
        .indicator_index(id)
        .unwrap_or_else(|| panic!("unknown indicator {id}"))
}

fn score(model: &Model, results: &Results, province: &str, node_id: &str) -> f64 {
    results.score(node(model, node_id), prov(model, province))
}

fn rank(model: &Model, results: &Results, province: &str, node_id: &str) -> u32 {
    results.rank(node(model, node_id), prov(model, province))
}

fn indicator_rank(model: &Model, results: &Results, province: &str, indicator: &str) -> u32 {
    results.indicator_rank(ind(model, indicator), prov(model, province))
}

#[track_caller]
fn assert_score(model: &Model, results: &Results, province: &str, node_id: &str, expected: f64) {
    let got = score(model, results, province, node_id);
    assert!(
        (got - expected).abs() <= TOL,
        "{} {province} {node_id}: expected {expected} ± {TOL}, got {got:.6}",
        model.year()
    );
}

#[track_caller]
fn assert_rank(model: &Model, results: &Results, province: &str, node_id: &str, expected: u32) {
    let got = rank(model, results, province, node_id);
    assert_eq!(
        got,
        expected,
        "{} {province} {node_id}: rank expected {expected}, got {got}",
        model.year()
    );
}

#[track_caller]
fn assert_indicator_rank(
    model: &Model,
    results: &Results,
    province: &str,
    indicator: &str,
    expected: u32,
) {
    let got = indicator_rank(model, results, province, indicator);
    assert_eq!(
        got,
        expected,
        "{} {province} {indicator}: indicator rank expected {expected}, got {got}",
        model.year()
    );
}

/// Scores of one node for every province, best first.
fn sorted_desc(model: &Model, results: &Results, node_id: &str) -> Vec<f64> {
    let mut v = results.node(node(model, node_id)).to_vec();
    v.sort_by(|a, b| b.total_cmp(a));
    v
}

// ---------------------------------------------------------------------------------------------
// Quảng Ninh (seed)
// ---------------------------------------------------------------------------------------------

#[test]
fn quang_ninh_2019_every_level() {
    let m = model(2019);
    let r = baseline(&m);
    // (node, score, rank) from the seed table, 2019 columns.
    let rows: [(&str, f64, u32); 10] = [
        ("ict-index", 0.7350, 3),
        // The seed prints 0.59; the structure gives mean(0.5388, 0.6364) = 0.5876.
        ("htkt", 0.5876, 4),
        ("htkt-xh", 0.5388, 4),
        ("htkt-cqnn", 0.6364, 7),
        // mean(0.9941, 0.8956) = 0.94485 ≈ 0.9449.
        ("htnl", 0.9449, 3),
        ("htnl-xh", 0.9941, 7),
        ("htnl-cqnn", 0.8956, 3),
        // The seed prints 0.67; the structure gives mean(0.4849, 0.86) = 0.67245.
        ("ud", 0.67245, 3),
        ("ud-cqnn", 0.4849, 9),
        ("ud-dvctt", 0.86, 2),
    ];
    for (n, s, k) in rows {
        assert_score(&m, &r, "22", n, s);
        assert_rank(&m, &r, "22", n, k);
    }
    // The rounded figures the seed actually prints.
    assert_eq!((score(&m, &r, "22", "htkt") * 100.0).round(), 59.0);
    assert_eq!((score(&m, &r, "22", "ud") * 100.0).round(), 67.0);
}

#[test]
fn quang_ninh_2018_every_level() {
    let m = model(2018);
    let r = baseline(&m);
    let rows: [(&str, f64, u32); 10] = [
        ("ict-index", 0.6396, 4),
        // The seed prints 0.53; mean(0.4359, 0.6193) = 0.5276.
        ("htkt", 0.5276, 5),
        ("htkt-xh", 0.4359, 6),
        ("htkt-cqnn", 0.6193, 7),
        // mean(0.7716, 0.6923) = 0.73195 ≈ 0.7320.
        ("htnl", 0.7320, 12),
        ("htnl-xh", 0.7716, 26),
        ("htnl-cqnn", 0.6923, 7),
        // The seed prints 0.6396 here (a typo: the 2018 index); the structure gives
        // mean(0.3385, 0.98) = 0.6593.
        ("ud", 0.6593, 6),
        ("ud-cqnn", 0.3385, 19),
        ("ud-dvctt", 0.98, 2),
    ];
    for (n, s, k) in rows {
        assert_score(&m, &r, "22", n, s);
        assert_rank(&m, &r, "22", n, k);
    }
    assert_eq!((score(&m, &r, "22", "htkt") * 100.0).round(), 53.0);
}

#[test]
fn quang_ninh_2018_it_application_is_not_the_seed_typo() {
    let m = model(2018);
    let r = baseline(&m);
    let ud = score(&m, &r, "22", "ud");
    assert!((ud - 0.6593).abs() <= TOL, "ud 2018 = {ud}");
    assert!(
        (ud - 0.6396).abs() > 0.01,
        "ud 2018 must not be the seed's typo 0.6396, got {ud}"
    );
    // The 2018 index 0.6396 only follows with 0.6593: mean(0.5276, 0.73195, 0.65925).
    let idx = (score(&m, &r, "22", "htkt") + score(&m, &r, "22", "htnl") + ud) / 3.0;
    assert!((idx - 0.6396).abs() <= TOL);
    assert!((idx - score(&m, &r, "22", "ict-index")).abs() < 1e-12);
}

#[test]
fn quang_ninh_2019_indicator_ranks() {
    let m = model(2019);
    let r = baseline(&m);
    let ranks: [(&str, u32); 24] = [
        // Hạ tầng kỹ thuật – xã hội
        ("fixed-phones-per-100", 11),
        ("mobile-phones-per-100", 2),
        ("internet-subscribers-per-100", 9),
        ("fixed-broadband-per-100", 12),
        ("wireless-broadband-per-100", 2),
        ("households-with-computer-pct", 27),
        ("enterprises-with-broadband-pct", 1),
        // Hạ tầng kỹ thuật – CQNN
        ("computers-per-civil-servant", 14),
        ("bandwidth-per-civil-servant-mbps", 19),
        ("agencies-on-wan-pct", 1),
        ("security-solutions-pct", 3),
        // Hạ tầng nhân lực – xã hội
        ("adult-literacy-pct", 15),
        ("school-enrolment-pct", 16),
        ("schools-teaching-it-pct", 1),
        // Hạ tầng nhân lực – CQNN
        ("it-staff-pct", 4),
        ("it-staff-with-degree-pct", 1),
        ("security-staff-pct", 4),
        ("staff-trained-open-source-pct", 1),
        ("staff-trained-security-pct", 12),
        // Ứng dụng CNTT – trong CQNN
        ("email-use-pct", 1),
        ("basic-applications-pct", 4),
        ("specialised-databases-pct", 15),
        ("electronic-documents-pct", 9),
        ("open-source-use-pct", 6),
    ];
    for (i, k) in ranks {
        assert_indicator_rank(&m, &r, "22", i, k);
    }
}

#[test]
fn quang_ninh_2018_indicator_ranks_from_places_gained() {
    let m = model(2018);
    let r = baseline(&m);
    // 2018 rank = 2019 rank + places gained ("+N" in the seed).
    let ranks: [(&str, u32, u32); 12] = [
        ("computers-per-civil-servant", 14, 4),
        ("bandwidth-per-civil-servant-mbps", 19, 1),
        ("agencies-on-wan-pct", 1, 33),
        ("security-solutions-pct", 3, 3),
        ("it-staff-pct", 4, 7),
        ("it-staff-with-degree-pct", 1, 37),
        ("security-staff-pct", 4, 2),
        ("staff-trained-security-pct", 12, 1),
        ("basic-applications-pct", 4, 13),
        ("specialised-databases-pct", 15, 6),
        ("electronic-documents-pct", 9, 10),
        ("open-source-use-pct", 6, 14),
    ];
    for (i, rank_2019, gained) in ranks {
        assert_indicator_rank(&m, &r, "22", i, rank_2019 + gained);
    }
    // The literal values, for the ones the brief names.
    assert_indicator_rank(&m, &r, "22", "computers-per-civil-servant", 18);
    assert_indicator_rank(&m, &r, "22", "agencies-on-wan-pct", 34);
    assert_indicator_rank(&m, &r, "22", "it-staff-with-degree-pct", 38);
    // Dropped in 2019; Quảng Ninh 58th in 2018.
    assert_indicator_rank(&m, &r, "22", "universities-teaching-it-pct", 58);
    assert!(model(2019)
        .indicator_index("universities-teaching-it-pct")
        .is_none());
}

#[test]
fn quang_ninh_2019_raw_values_and_provenance() {
    let m = model(2019);
    let p = prov(&m, "22");
    for (id, value) in [("adult-literacy-pct", 99.8), ("school-enrolment-pct", 99.7)] {
        let i = ind(&m, id);
        assert_eq!(m.baseline_value(i, p), value, "{id}");
        assert_eq!(
            m.provenance_of(i, p),
            &Provenance::Published("seed".to_string()),
            "{id}"
        );
    }
    // "100% of civil servants have a computer" → at least one computer per civil servant.
    assert!(m.baseline_value(ind(&m, "computers-per-civil-servant"), p) >= 1.0);
}

#[test]
fn quang_ninh_2019_relative_position() {
    let m = model(2019);
    let r = baseline(&m);
    let qn = score(&m, &r, "22", "htkt");
    // "75% of rank 1's and 83% of rank 2's" (seed, rounded); 74% and 82% from the press scores.
    let of_first = qn / score(&m, &r, "48", "htkt");
    let of_second = qn / score(&m, &r, "77", "htkt");
    assert!((0.735..0.755).contains(&of_first), "{of_first}");
    assert!((0.815..0.835).contains(&of_second), "{of_second}");
    // Thừa Thiên Huế's 0.5498 is below Quảng Ninh's 0.5876 on technical infrastructure.
    assert!(rank(&m, &r, "46", "htkt") > rank(&m, &r, "22", "htkt"));
}

// ---------------------------------------------------------------------------------------------
// Other provinces, 2019 (press)
// ---------------------------------------------------------------------------------------------

#[test]
fn da_nang_2019() {
    let m = model(2019);
    let r = baseline(&m);
    assert_score(&m, &r, "48", "ict-index", 0.8654);
    assert_rank(&m, &r, "48", "ict-index", 1);
    assert_score(&m, &r, "48", "htkt", 0.7925);
    assert_rank(&m, &r, "48", "htkt", 1);
    assert_score(&m, &r, "48", "htnl", 0.9538);
    assert_rank(&m, &r, "48", "htnl", 2);
    assert_score(&m, &r, "48", "ud", 0.85);
    assert_rank(&m, &r, "48", "ud", 2);
    assert_score(&m, &r, "48", "ud-dvctt", 0.7);
    assert_rank(&m, &r, "48", "ud-dvctt", 4);
    // Derived: 2 × 0.85 − 0.7 = 1.0, the best province.
    assert_score(&m, &r, "48", "ud-cqnn", 1.0);
    assert_rank(&m, &r, "48", "ud-cqnn", 1);
    // Derived: htkt-xh + htkt-cqnn = 2 × 0.7925 = 1.585.
    let sum = score(&m, &r, "48", "htkt-xh") + score(&m, &r, "48", "htkt-cqnn");
    assert!((sum - 1.585).abs() <= 2.0 * TOL, "{sum}");
}

#[test]
fn thua_thien_hue_2019() {
    let m = model(2019);
    let r = baseline(&m);
    assert_score(&m, &r, "46", "ict-index", 0.8046);
    assert_rank(&m, &r, "46", "ict-index", 2);
    assert_score(&m, &r, "46", "htnl", 0.9578);
    assert_rank(&m, &r, "46", "htnl", 1);
    assert_score(&m, &r, "46", "ud", 0.9062);
    assert_rank(&m, &r, "46", "ud", 1);
    assert_score(&m, &r, "46", "ud-dvctt", 1.0);
    assert_rank(&m, &r, "46", "ud-dvctt", 1);
    // Derived: 3 × 0.8046 − 0.9578 − 0.9062 and 2 × 0.9062 − 1.
    assert_score(&m, &r, "46", "htkt", 0.5498);
    assert_score(&m, &r, "46", "ud-cqnn", 0.8124);
}

#[test]
fn ba_ria_vung_tau_and_tien_giang_2019() {
    let m = model(2019);
    let r = baseline(&m);
    assert_rank(&m, &r, "77", "ict-index", 4);
    assert_score(&m, &r, "77", "htkt", 0.7125);
    assert_rank(&m, &r, "77", "htkt", 2);
    let sum = score(&m, &r, "77", "htkt-xh") + score(&m, &r, "77", "htkt-cqnn");
    assert!((sum - 1.425).abs() <= 2.0 * TOL, "{sum}");

    assert_rank(&m, &r, "82", "ict-index", 5);
    assert_score(&m, &r, "82", "ud-dvctt", 0.72);
    assert_rank(&m, &r, "82", "ud-dvctt", 3);
}

#[test]
fn top_eight_2019_in_order() {
    let m = model(2019);
    let r = baseline(&m);
    let root = node(&m, "ict-index");
    let expected = ["48", "46", "22", "77", "82", "27", "79", "01"];
    for (k, id) in expected.iter().enumerate() {
        assert_rank(&m, &r, id, "ict-index", k as u32 + 1);
    }
    // And nobody else is in the top 8.
    let mut order: Vec<usize> = (0..m.province_count()).collect();
    order.sort_by(|&a, &b| r.score(root, b).total_cmp(&r.score(root, a)));
    let top: Vec<&str> = order[..8]
        .iter()
        .map(|&p| m.provinces()[p].id.as_str())
        .collect();
    assert_eq!(top, expected);
}

#[test]
fn tay_ninh_quang_nam_and_national_means_2019() {
    let m = model(2019);
    let r = baseline(&m);
    assert_score(&m, &r, "72", "ict-index", 0.4582);
    assert_rank(&m, &r, "72", "ict-index", 25);
    // Inferred from the press (28th in 2020, "down 10").
    assert_rank(&m, &r, "49", "ict-index", 18);

    let mean = r.mean(node(&m, "ict-index"));
    assert!((mean - 0.4148).abs() <= TOL, "national mean index {mean}");
    let htkt_mean = r.mean(node(&m, "htkt"));
    assert!(
        (0.325..=0.335).contains(&htkt_mean),
        "national mean htkt {htkt_mean}"
    );
    // The mean really is the unweighted mean over the 63 provinces.
    let root = node(&m, "ict-index");
    let by_hand: f64 = r.node(root).iter().sum::<f64>() / 63.0;
    assert!((by_hand - mean).abs() < 1e-12);
    assert_eq!(m.province_count(), 63);
}

#[test]
fn society_technical_infrastructure_top_two_2019() {
    let m = model(2019);
    let r = baseline(&m);
    let v = sorted_desc(&m, &r, "htkt-xh");
    assert_eq!(v[0], 1.0, "rank 1 scores exactly 1");
    assert!((v[1] - 0.8677).abs() <= TOL, "rank 2 scores {}", v[1]);
    // Only one province at 1, so the 0.8677 province is 2nd.
    assert!(v[1] < 1.0);
}

// ---------------------------------------------------------------------------------------------
// Other provinces, 2018 (press)
// ---------------------------------------------------------------------------------------------

#[test]
fn other_provinces_2018() {
    let m = model(2018);
    let r = baseline(&m);
    assert_score(&m, &r, "48", "ict-index", 0.9407);
    assert_rank(&m, &r, "48", "ict-index", 1);
    assert_rank(&m, &r, "79", "ict-index", 2);
    assert_rank(&m, &r, "01", "ict-index", 3);
    assert_rank(&m, &r, "22", "ict-index", 4);
    // Lào Cai: 0.5968, 8th; pillars 10 / 8 / 8.
    assert_score(&m, &r, "10", "ict-index", 0.5968);
    assert_rank(&m, &r, "10", "ict-index", 8);
    assert_rank(&m, &r, "10", "htkt", 10);
    assert_rank(&m, &r, "10", "htnl", 8);
    assert_rank(&m, &r, "10", "ud", 8);
    // Lạng Sơn "rose 26 places ... 32nd of 63" in 2018.
    assert_rank(&m, &r, "20", "ict-index", 32);
    // Inferred: Tây Ninh 33rd (25th in 2019 after rising 8), Tiền Giang 9th.
    assert_rank(&m, &r, "72", "ict-index", 33);
    assert_rank(&m, &r, "82", "ict-index", 9);
    // Seed: Quảng Ninh was 0.3 below the 1st province.
    let gap = score(&m, &r, "48", "ict-index") - score(&m, &r, "22", "ict-index");
    assert!((gap - 0.3).abs() < 0.005, "{gap}");
}

#[test]
fn soft_targets_2018_technical_infrastructure() {
    let m = model(2018);
    let r = baseline(&m);
    // Quảng Ninh's 0.53 was 56% of the 1st (≈ 0.95) and 69% of the 2nd (≈ 0.77), rounded.
    let qn = score(&m, &r, "22", "htkt");
    let v = sorted_desc(&m, &r, "htkt");
    assert!((0.555..0.565).contains(&(qn / v[0])), "{}", qn / v[0]);
    assert!((0.685..0.695).contains(&(qn / v[1])), "{}", qn / v[1]);
}

// ---------------------------------------------------------------------------------------------
// The data as a whole
// ---------------------------------------------------------------------------------------------

#[test]
fn check_published_finds_nothing_in_either_edition() {
    for year in builtin::years() {
        let m = model(year);
        let r = baseline(&m);
        let miss = check_published(&m, &r);
        assert!(
            miss.is_empty(),
            "{year}: {}",
            miss.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        );
    }
    assert_eq!(builtin::years(), vec![2019, 2018]);
}

/// `check_published` can fail: every kind of published figure, made wrong, is reported.
#[test]
fn check_published_reports_wrong_figures() {
    let mut e = builtin::edition(2019).expect("2019 edition");
    let qn_index = e
        .published
        .scores
        .iter_mut()
        .find(|s| s.province == "22" && s.node == "ict-index")
        .expect("Quảng Ninh's published index");
    qn_index.score = Some(0.7450); // 0.735 is right
    qn_index.rank = Some(2); // 3 is right
    e.published.indicator_ranks.push(PublishedIndicatorRank {
        province: "22".into(),
        indicator: "households-with-computer-pct".into(),
        rank: 26, // 27 is right
        source: "test".into(),
        inferred: false,
    });
    e.published.values[0].value = 99.9; // literacy 99.8 is right
    e.published.bounds.push(PublishedBound {
        province: "22".into(),
        indicator: "computers-per-civil-servant".into(),
        min: 9.0,
        source: "test".into(),
    });
    e.published.means.push(PublishedMean {
        node: "ict-index".into(),
        mean: 0.5,
        tolerance: 0.0005,
        source: "test".into(),
    });
    let m = Model::new(e).expect("model");
    let r = baseline(&m);
    let miss = check_published(&m, &r);
    let whats: Vec<&str> = miss.iter().map(|x| x.what.as_str()).collect();
    for expected in [
        "score 22 ict-index",
        "rank 22 ict-index",
        "indicator rank 22 households-with-computer-pct",
        "value 22 adult-literacy-pct",
        "bound 22 computers-per-civil-servant",
        "mean ict-index",
    ] {
        assert!(whats.contains(&expected), "{expected} not in {whats:?}");
    }
    assert_eq!(miss.len(), 6, "{whats:?}");
    let s = miss
        .iter()
        .find(|x| x.what == "score 22 ict-index")
        .unwrap();
    assert_eq!(s.expected, "0.745 ± 0.0005");
    let got: f64 = s.got.parse().expect("a number");
    assert!((got - 0.735).abs() <= TOL, "{got}");
    let k = miss.iter().find(|x| x.what == "rank 22 ict-index").unwrap();
    assert_eq!((k.expected.as_str(), k.got.as_str()), ("2", "3"));
}

#[test]
fn check_published_reports_only_the_one_wrong_score() {
    let mut e = builtin::edition(2018).expect("2018 edition");
    // Put the seed's typo back: Ứng dụng CNTT 2018 = 0.6396.
    e.published
        .scores
        .iter_mut()
        .find(|s| s.province == "22" && s.node == "ud")
        .expect("Quảng Ninh's published ud")
        .score = Some(0.6396);
    let m = Model::new(e).expect("model");
    let miss = check_published(&m, &baseline(&m));
    assert_eq!(miss.len(), 1, "{miss:?}");
    assert_eq!(miss[0].what, "score 22 ud");
}

#[test]
fn sub_pillars_span_zero_to_one() {
    for year in builtin::years() {
        let m = model(year);
        let r = baseline(&m);
        let mut rescaled = 0;
        for (n, def) in m.nodes().iter().enumerate() {
            if !def.rescale {
                continue;
            }
            rescaled += 1;
            let s = r.node(n);
            let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let min = s.iter().copied().fold(f64::INFINITY, f64::min);
            assert_eq!(max, 1.0, "{year} {}: best is not exactly 1", def.id);
            assert_eq!(min, 0.0, "{year} {}: worst is not exactly 0", def.id);
        }
        assert_eq!(rescaled, 6, "{year}: six sub-pillars");
    }
}

#[test]
fn baseline_values_are_plausible() {
    for year in builtin::years() {
        let m = model(year);
        for (i, def) in m.indicators().iter().enumerate() {
            for (p, pr) in m.provinces().iter().enumerate() {
                let v = m.baseline_value(i, p);
                assert!(
                    v >= def.plausible[0] && v <= def.plausible[1],
                    "{year} {} {}: {v} outside plausible {:?}",
                    pr.id,
                    def.id,
                    def.plausible
                );
                assert!(v >= def.valid[0] && v <= def.valid[1]);
                assert_eq!(
                    v,
                    def.round(v),
                    "{year} {} {}: {v} not rounded",
                    pr.id,
                    def.id
                );
            }
        }
    }
}

#[test]
fn every_cell_not_published_is_estimated() {
    for year in builtin::years() {
        let m = model(year);
        let published = &m.edition().values.published;
        let mut n_published = 0;
        for i in 0..m.indicators().len() {
            for p in 0..m.province_count() {
                let (iid, pid) = (&m.indicators()[i].id, &m.provinces()[p].id);
                let listed = published
                    .iter()
                    .find(|pv| &pv.indicator == iid && &pv.province == pid);
                match (listed, m.provenance_of(i, p)) {
                    (Some(pv), Provenance::Published(src)) => {
                        n_published += 1;
                        assert_eq!(src, &pv.source);
                        assert_eq!(m.baseline_value(i, p), pv.value);
                        assert!(m.source_name(src).is_some(), "unknown source {src}");
                    }
                    (None, Provenance::Estimated) => {}
                    (l, got) => panic!("{year} {pid} {iid}: listed {l:?} but provenance {got:?}"),
                }
            }
        }
        assert_eq!(n_published, published.len());
    }
    // 2019: exactly Quảng Ninh's literacy and enrolment are published values.
    let m = model(2019);
    let p = prov(&m, "22");
    let published: Vec<&str> = (0..m.indicators().len())
        .filter(|&i| matches!(m.provenance_of(i, p), Provenance::Published(_)))
        .map(|i| m.indicators()[i].id.as_str())
        .collect();
    assert_eq!(published, ["adult-literacy-pct", "school-enrolment-pct"]);
}
