//! The 34 provincial-level units of 2025 (`data/province-sets/2025.json`): the mapping against
//! the reference list, the edition derived from the 63 provinces (weighted means, the index
//! recomputed over the units, provenance), every decision aid on it, imports flowing through,
//! and the address and scenario-file versions that carry the province set (v1 still read).

mod common;

use std::collections::BTreeMap;

use common::{m18, m19, u18, u19};
use ict_engine::address::{self, AddressError, UrlState, PREFIX, PREFIX_V2};
use ict_engine::analysis::{self, Goal};
use ict_engine::io::{
    export_csv, results_csv, scenario_from_json, scenario_to_json, ErrorKind, ScenarioFile,
    SCENARIO_SCHEMA, SCENARIO_SCHEMA_V2,
};
use ict_engine::numfmt::Lang;
use ict_engine::province_set::{self, ProvinceSet, EQUAL};
use ict_engine::{builtin, verify, Model, Provenance, Scenario, PUBLISHED_SET};

fn set34() -> ProvinceSet {
    builtin::province_set("34").expect("the built-in set of 34 units")
}

fn data_file(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../data")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The census 2019 population of each of the 63 provinces, from `data/proxies/provinces.csv`.
fn census_population() -> BTreeMap<String, f64> {
    let text = data_file("proxies/provinces.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "population_2019")
        .expect("population_2019");
    lines
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            (cells[0].to_string(), cells[col].parse().expect("a number"))
        })
        .collect()
}

/// Unit name (as in the reference list) → its former provinces, in the list's order.
fn merger_list() -> Vec<(String, Vec<String>)> {
    let text = data_file("province-sets/2025-merger.csv");
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let (id, unit) = (cells[0].to_string(), cells[2].to_string());
        match groups.iter_mut().find(|g| g.0 == unit) {
            Some(g) => g.1.push(id),
            None => groups.push((unit, vec![id])),
        }
    }
    groups
}

fn unit_ix(m: &Model, id: &str) -> usize {
    m.province_index(id).unwrap_or_else(|| panic!("unit {id}"))
}

// ---------------------------------------------------------------------------------------------
// The mapping
// ---------------------------------------------------------------------------------------------

/// The codes of Decision 19/2025/QĐ-TTg, appendix I, in its order.
const OFFICIAL_CODES: [&str; 34] = [
    "01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38",
    "40", "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91",
    "92", "96",
];

#[test]
fn the_units_are_those_of_the_reference_list_with_the_official_codes() {
    let set = set34();
    assert_eq!((set.id.as_str(), set.from.as_str()), ("34", PUBLISHED_SET));
    let ids: Vec<&str> = set.units.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, OFFICIAL_CODES);
    let list = merger_list();
    assert_eq!(list.len(), 34);
    for (name, members) in &list {
        // The list writes the six cities "TP …"; the set as the editions do (only TP HCM).
        let short = name.strip_prefix("TP ").unwrap_or(name);
        let unit = set
            .units
            .iter()
            .find(|u| u.name.vi == *name || u.name.vi == short)
            .unwrap_or_else(|| panic!("no unit named {name}"));
        assert_eq!(&unit.members, members, "{name}");
    }
}

#[test]
fn every_province_is_in_exactly_one_unit() {
    let set = set34();
    for m in [m19(), m18()] {
        assert_eq!(m.province_count(), 63);
        for p in m.provinces() {
            let n = set
                .units
                .iter()
                .filter(|u| u.members.contains(&p.id))
                .count();
            assert_eq!(n, 1, "{} ({}) is in {n} units", p.id, p.name.vi);
        }
        let members: usize = set.units.iter().map(|u| u.members.len()).sum();
        assert_eq!(members, 63);
    }
    // Eleven units the merger left alone, 23 merged ones.
    assert_eq!(
        set.units.iter().filter(|u| u.members.len() == 1).count(),
        11
    );
}

#[test]
fn the_population_weight_is_the_2019_census() {
    let set = set34();
    let census = census_population();
    let column = &set.weights["population"];
    assert_eq!(column.values, census);
    assert_eq!(census.values().sum::<f64>(), 96_208_984.0);
    assert!(set.sources.iter().any(|s| s.id == column.source));
}

#[test]
fn every_indicator_of_both_editions_has_one_weighting_with_its_reason() {
    let set = set34();
    for m in [m19(), m18()] {
        for def in m.indicators() {
            let w = set
                .weighting(&def.id)
                .unwrap_or_else(|| panic!("{} has no weighting", def.id));
            assert!(w.weight == EQUAL || set.weights.contains_key(&w.weight));
            assert!(!w.why.vi.is_empty() && !w.why.en.is_empty() && w.why.vi != w.why.en);
        }
    }
    // Per resident and per household: the population, as the issue asks.
    for id in [
        "fixed-phones-per-100",
        "mobile-phones-per-100",
        "internet-subscribers-per-100",
        "fixed-broadband-per-100",
        "wireless-broadband-per-100",
        "households-with-computer-pct",
        "adult-literacy-pct",
        "school-enrolment-pct",
    ] {
        assert_eq!(
            set.weighting(id).map(|w| w.weight.as_str()),
            Some("population")
        );
    }
}

#[test]
fn a_damaged_set_is_refused() {
    let good = set34();
    let mut twice = good.clone();
    twice.units[1].members.push("22".into());
    assert!(twice.check().is_err());
    let mut empty = good.clone();
    empty.units[0].members.clear();
    assert!(empty.check().is_err());
    let mut no_weight = good.clone();
    no_weight.indicators[0].weight = "households".into();
    assert!(no_weight.check().is_err());
    let mut missing = good.clone();
    missing.units.pop();
    assert!(
        province_set::derive(m19(), &missing).is_err(),
        "Bạc Liêu and Cà Mau in no unit"
    );
    let mut unweighted = good.clone();
    unweighted.indicators.retain(|w| w.weight == EQUAL);
    assert!(province_set::derive(m19(), &unweighted).is_err());
    // Only from the set it re-organises.
    assert!(province_set::derive(u19(), &good).is_err());
    assert!(ProvinceSet::from_json("{\"id\": \"34\"}").is_err());
}

// ---------------------------------------------------------------------------------------------
// The derived edition
// ---------------------------------------------------------------------------------------------

#[test]
fn the_derived_edition_has_34_units_ranked_1_to_34() {
    for m in [u19(), u18()] {
        assert_eq!(m.province_count(), 34);
        assert_eq!(m.province_set(), "34");
        let ids: Vec<&str> = m.provinces().iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, OFFICIAL_CODES);
        let r = m.evaluate(&Scenario::default()).unwrap();
        let mut ranks: Vec<u32> = (0..34).map(|p| r.rank(m.root(), p)).collect();
        ranks.sort_unstable();
        assert_eq!(ranks, (1..=34).collect::<Vec<u32>>());
        // Same year, same methodology.
        let source = if m.year() == 2019 { m19() } else { m18() };
        assert_eq!(m.year(), source.year());
        assert_eq!(m.methodology(), source.methodology());
    }
}

#[test]
fn a_unit_the_merger_left_alone_keeps_its_values_exactly() {
    for (m, source) in [(u19(), m19()), (u18(), m18())] {
        let d = m.derivation().expect("derived");
        for unit in d.set.units.iter().filter(|u| u.members.len() == 1) {
            let (p, q) = (unit_ix(m, &unit.id), unit_ix(source, &unit.members[0]));
            for i in 0..m.indicators().len() {
                assert_eq!(
                    m.baseline_value(i, p).to_bits(),
                    source.baseline_value(i, q).to_bits(),
                    "{} {}",
                    unit.name.vi,
                    m.indicators()[i].id
                );
            }
        }
        // Quảng Ninh among them.
        assert_eq!(m.provinces()[unit_ix(m, "22")].name.vi, "Quảng Ninh");
    }
    // With its published 2019 literacy.
    let lit = u19().indicator_index("adult-literacy-pct").unwrap();
    assert_eq!(u19().baseline_value(lit, unit_ix(u19(), "22")), 99.8);
}

/// Σ weight·value / Σ weight over the members, from the source model and the census.
fn weighted_mean(source: &Model, i: usize, members: &[&str], weight: &dyn Fn(&str) -> f64) -> f64 {
    let (mut sum, mut total) = (0.0, 0.0);
    for id in members {
        let w = weight(id);
        sum += w * source.baseline_value(i, unit_ix(source, id));
        total += w;
    }
    sum / total
}

#[test]
fn phu_tho_is_the_population_weighted_mean_of_its_three_provinces() {
    let census = census_population();
    let population = |id: &str| census[id];
    // Vĩnh Phúc 26 + Phú Thọ 25 + Hòa Bình 17.
    let members = ["26", "25", "17"];
    let mut checked = 0;
    for (m, source) in [(u19(), m19()), (u18(), m18())] {
        let pt = unit_ix(m, "25");
        assert_eq!(m.provinces()[pt].name.vi, "Phú Thọ");
        for (i, def) in m.indicators().iter().enumerate() {
            let per_resident = def.unit.en == "per 100 residents";
            let household_or_people = def.id.starts_with("households-")
                || def.id == "adult-literacy-pct"
                || def.id == "school-enrolment-pct";
            if !(per_resident || household_or_people) {
                continue;
            }
            let mean = weighted_mean(source, i, &members, &population);
            let got = m.baseline_value(i, pt);
            assert_eq!(
                got,
                def.round(mean),
                "{} {}: {got} vs {mean}",
                m.year(),
                def.id
            );
            assert!((got - mean).abs() <= 0.5 * 10f64.powi(-i32::from(def.decimals)) + 1e-9);
            // and differs from each part's value unless they agree.
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        2 * 8,
        "5 per-resident, 1 household and 2 people indicators a year"
    );
}

#[test]
fn every_merged_value_is_its_weighted_mean_rounded() {
    let set = set34();
    for (m, source) in [(u19(), m19()), (u18(), m18())] {
        for unit in &set.units {
            let p = unit_ix(m, &unit.id);
            let members: Vec<&str> = unit.members.iter().map(String::as_str).collect();
            for (i, def) in m.indicators().iter().enumerate() {
                let w = set.weighting(&def.id).unwrap();
                let weight = |id: &str| {
                    if w.weight == EQUAL {
                        1.0
                    } else {
                        set.weights[&w.weight].values[id]
                    }
                };
                let mean = weighted_mean(source, i, &members, &weight);
                assert_eq!(
                    m.baseline_value(i, p),
                    def.round(mean),
                    "{} {}",
                    unit.id,
                    def.id
                );
            }
        }
    }
}

#[test]
fn each_unit_shows_its_former_provinces_and_their_weights() {
    let d = u19().derivation().expect("derived");
    let members = d.members("25");
    let names: Vec<&str> = members.iter().map(|m| m.name.vi.as_str()).collect();
    assert_eq!(names, ["Vĩnh Phúc", "Phú Thọ", "Hòa Bình"]);
    let census = census_population();
    let total: f64 = ["26", "25", "17"].iter().map(|id| census[*id]).sum();
    for m in &members {
        assert_eq!(m.values["population"], census[&m.id]);
        assert!((m.shares["population"] - census[&m.id] / total).abs() < 1e-15);
        assert!((m.shares[EQUAL] - 1.0 / 3.0).abs() < 1e-15);
    }
    for w in ["population", EQUAL] {
        let sum: f64 = members.iter().map(|m| m.shares[w]).sum();
        assert!((sum - 1.0).abs() < 1e-12);
    }
    let qn = d.members("22");
    assert_eq!((qn.len(), qn[0].shares["population"]), (1, 1.0));
    assert!(d.members("26").is_empty(), "26 is no unit of the 34");
    assert_eq!(
        d.weighting("agencies-on-wan-pct")
            .map(|w| w.weight.as_str()),
        Some(EQUAL)
    );
}

#[test]
fn the_index_is_recomputed_over_the_34_units() {
    let m = u19();
    let r = m.evaluate(&Scenario::default()).unwrap();
    for (n, node) in m.nodes().iter().enumerate() {
        let scores = r.node(n);
        assert_eq!(scores.len(), 34);
        if node.rescale {
            let max = scores.iter().copied().fold(f64::MIN, f64::max);
            let min = scores.iter().copied().fold(f64::MAX, f64::min);
            assert!(
                (max - 1.0).abs() < 1e-12 && min.abs() < 1e-12,
                "{}",
                node.id
            );
        }
    }
    // Min–max over the units: the best unit 1 and the worst 0 on every indicator.
    for i in 0..m.indicators().len() {
        let s: Vec<f64> = (0..34).map(|p| r.indicator_score(i, p)).collect();
        assert_eq!(s.iter().copied().fold(f64::MIN, f64::max), 1.0);
        assert_eq!(s.iter().copied().fold(f64::MAX, f64::min), 0.0);
    }
    // Not the 63's scores carried over: Quảng Ninh keeps its values but not its score.
    let r63 = m19().evaluate(&Scenario::default()).unwrap();
    let (qn, qn63) = (unit_ix(m, "22"), unit_ix(m19(), "22"));
    assert!((r.score(m.root(), qn) - r63.score(m19().root(), qn63)).abs() > 1e-6);
}

#[test]
fn derived_cells_are_derived_and_no_published_figure_applies() {
    let m = u19();
    assert_eq!(m.edition().published, Default::default());
    assert!(m.edition().values.published.is_empty());
    let r = m.evaluate(&Scenario::default()).unwrap();
    assert!(verify::check_published(m, &r).is_empty());
    let qn = unit_ix(m, "22");
    for (i, def) in m.indicators().iter().enumerate() {
        for p in 0..34 {
            let published_source = p == qn
                && matches!(
                    def.id.as_str(),
                    "adult-literacy-pct" | "school-enrolment-pct"
                );
            assert_eq!(
                m.provenance_of(i, p),
                &Provenance::Derived {
                    estimated: !published_source
                },
                "{} {}",
                m.provinces()[p].id,
                def.id
            );
        }
    }
    assert!(Provenance::Derived { estimated: true }.is_estimate());
    assert!(!Provenance::Derived { estimated: false }.is_estimate());
    assert!(m.edition().meta.name.en.contains("34"));
}

#[test]
fn every_decision_aid_works_on_the_34_units() {
    let m = u19();
    let p = unit_ix(m, "25");
    let params = m.params(&Default::default()).unwrap();
    let values = m.baseline().to_vec();
    let (score, rank) = analysis::index_of(m, &params, &values, p);
    assert!(score > 0.0 && score < 1.0 && (1..=34).contains(&rank));
    let levers = analysis::levers(m, &params, &values, p);
    assert_eq!(levers.len(), m.indicators().len());
    let target = rank.saturating_sub(3).max(1);
    let plan = analysis::seek_plan(m, &params, &values, p, Goal::rank_at_most(target));
    assert!(plan.reached && plan.rank <= target, "{plan:?}");
    let mut after = values.clone();
    for s in &plan.steps {
        after[s.indicator * 34 + p] = s.to;
    }
    assert_eq!(analysis::index_of(m, &params, &after, p).1, plan.rank);
    let fbb = m.indicator_index("fixed-broadband-per-100").unwrap();
    let single = analysis::seek_single(m, &params, &values, p, fbb, Goal::rank_at_most(target));
    match single {
        analysis::SingleSeek::Reached { rank, .. } => assert!(rank <= target),
        other => assert!(
            matches!(other, analysis::SingleSeek::Unreachable { .. }),
            "{other:?}"
        ),
    }
    assert_eq!(
        analysis::seek_single(m, &params, &values, p, fbb, Goal::rank_at_most(rank)),
        analysis::SingleSeek::AlreadyMet
    );
    let trend = analysis::trend_values(m, u18());
    assert_eq!(trend.len(), values.len());
    assert_ne!(trend, values, "the units' 2018 → 2019 trend");
    let interval = analysis::rank_interval(m, &params, &values, p, Some(&trend), 500, 7);
    assert_eq!(interval.draws, 500);
    assert!(interval.lo <= interval.hi && interval.hi <= 34 && interval.lo >= 1);
    let fixed = analysis::rank_interval(m, &params, &values, p, None, 500, 7);
    assert!(
        fixed.hi > fixed.lo,
        "derived estimates carry their uncertainty"
    );
    // Another method.
    let mut s = Scenario::default();
    s.settings.normalisation = Some(ict_engine::Normalisation::Goalposts);
    s.settings.weights.insert("htkt".into(), 2.0);
    s.set("25", "fixed-broadband-per-100", 40.0);
    let r = m.evaluate(&s).unwrap();
    assert!((1..=34).contains(&r.rank(m.root(), p)));
    // Tables and exports.
    let base = m.evaluate(&Scenario::default()).unwrap();
    let csv = results_csv(m, &r, &base);
    assert_eq!(csv.lines().count(), 35);
    assert!(csv.contains("\n25,Phú Thọ,"));
    let template = export_csv(m, m.baseline());
    assert_eq!(template.lines().count(), 35);
}

#[test]
fn imports_apply_to_the_63_and_the_34_follow() {
    let source = m19();
    let vp = unit_ix(source, "26");
    let qn = unit_ix(source, "22");
    let fbb = source.indicator_index("fixed-broadband-per-100").unwrap();
    let mut cells = vec![(fbb, vp, 60.0)];
    cells.extend((0..source.indicators().len()).map(|i| (i, qn, source.baseline_value(i, qn))));
    let imported = source.with_imported(&cells).unwrap();
    let set = set34();
    let derived = province_set::derive(&imported, &set).unwrap();
    let pt = unit_ix(&derived, "25");
    let census = census_population();
    let mean = weighted_mean(&imported, fbb, &["26", "25", "17"], &|id: &str| census[id]);
    assert_eq!(
        derived.baseline_value(fbb, pt),
        imported.indicators()[fbb].round(mean)
    );
    assert_ne!(
        derived.baseline_value(fbb, pt),
        u19().baseline_value(fbb, pt)
    );
    // Quảng Ninh, wholly imported: derived from no estimate.
    let qn34 = unit_ix(&derived, "22");
    for i in 0..derived.indicators().len() {
        assert_eq!(
            derived.provenance_of(i, qn34),
            &Provenance::Derived { estimated: false }
        );
    }
    // Phú Thọ still rests on estimates (Phú Thọ and Hòa Bình).
    assert!(derived.provenance_of(fbb, pt).is_estimate());
    // The derived model takes no imports itself.
    assert!(derived.with_imported(&[(fbb, pt, 50.0)]).is_err());
}

// ---------------------------------------------------------------------------------------------
// Formats
// ---------------------------------------------------------------------------------------------

fn unit_scenario() -> Scenario {
    let mut s = Scenario::default();
    s.set("25", "fixed-broadband-per-100", 25.5);
    s.set("15", "households-with-computer-pct", 30.0);
    s.settings.weights.insert("ud".into(), 1.5);
    s
}

#[test]
fn a_34_unit_scenario_round_trips_through_the_address() {
    let state = UrlState {
        year: 2019,
        province: "25".into(),
        lang: Lang::Vi,
        scenario: unit_scenario(),
        provinces: "34".into(),
    };
    let fragment = address::encode(&state);
    assert!(fragment.starts_with(address::PREFIX_V3), "{fragment}");
    let back = address::decode(&format!("#{fragment}")).unwrap().unwrap();
    assert_eq!(back, state);
    assert_eq!(address::encode(&back), fragment);
    // As versions before v3 wrote it: v2 names the set.
    let legacy = address::encode_legacy(&state);
    assert!(legacy.starts_with(PREFIX_V2), "{legacy}");
    assert_eq!(address::decode(&legacy), Some(Ok(state.clone())));
    // It fits the 34 units, and evaluates there.
    let m = u19();
    assert!(m.province_index(&back.province).is_some());
    let r = m.evaluate(&back.scenario).unwrap();
    assert!((1..=34).contains(&r.rank(m.root(), unit_ix(m, "25"))));
    // The 63 provinces were written as v1.
    let v1 = UrlState {
        provinces: PUBLISHED_SET.into(),
        ..state
    };
    assert!(address::encode_legacy(&v1).starts_with(PREFIX));
}

/// Packs a v2 address around `json` as the app would.
fn v2_address(json: &str) -> String {
    use base64::Engine;
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9);
    format!(
        "{PREFIX_V2}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

#[test]
fn an_address_of_an_unknown_or_unnamed_set_is_refused_with_a_message() {
    let unknown = v2_address(r#"{"y":2019,"p":"25","l":"vi","s":{},"u":"35"}"#);
    let e = address::read(&unknown).unwrap().unwrap_err();
    assert_eq!(e, AddressError::ProvinceSet(Some("35".into())));
    let text = e.message();
    assert!(text.vi.contains("\"35\"") && text.en.contains("\"35\""));
    assert!(text.en.contains("63, 34") && text.vi != text.en);
    assert_eq!(address::decode(&unknown), Some(Err(())));
    let unnamed = v2_address(r#"{"y":2019,"p":"25","l":"vi","s":{}}"#);
    assert_eq!(
        address::read(&unnamed),
        Some(Err(AddressError::ProvinceSet(None)))
    );
    let later = address::read("#v4.q1aqVLIyMjC00FEqULJSMjJS0lHKATJS84CMYiWr6tpaAA")
        .unwrap()
        .unwrap_err();
    assert_eq!(later, AddressError::Version("v4".into()));
    assert!(later.message().en.contains("v4"));
    for e in [
        AddressError::Damaged,
        later,
        AddressError::ProvinceSet(None),
    ] {
        let t = e.message();
        assert!(!t.vi.is_empty() && !t.en.is_empty() && t.vi != t.en);
    }
}

/// Addresses written by the app before version 2 existed (ict-engine at ee7da9e, `encode`).
const V1_ADDRESSES: [&str; 2] = [
    // 2019, Bắc Giang (24 of the 63), Vietnamese; Quảng Ninh's fixed broadband 40, Bắc Giang's
    // households with a computer 30.5, technical infrastructure weighted 2.
    "v1.HYxBDoMgEEXvMmswSO2i3AZlKqRUiAzaxnh3R_7i5y1e3gF_MFr1LwEZDOgBBESGLTAUMAdsNlZspPX97_BDJ8c1WTfaxcmMq-yVAjOoTp3iTrDlUy3oU3RF7oG8nNI3V2I1TwTmobrnyW5BorDMrb5jmD019PRhSXOOdwE",
    // 2018, Quảng Ninh, English, no change.
    "v1.q1aqVLIyMjC00FEqULJSMjJS0lHKATJS84CMYiWr6tpaAA",
];

#[test]
fn v1_addresses_from_before_still_open_as_before() {
    let first = address::decode(&format!("#{}", V1_ADDRESSES[0]))
        .unwrap()
        .unwrap();
    assert_eq!(
        (first.year, first.province.as_str(), first.lang),
        (2019, "24", Lang::Vi)
    );
    assert_eq!(first.provinces, PUBLISHED_SET, "v1 is of the 63 provinces");
    assert_eq!(
        first.scenario.get("22", "fixed-broadband-per-100"),
        Some(40.0)
    );
    assert_eq!(
        first.scenario.get("24", "households-with-computer-pct"),
        Some(30.5)
    );
    assert_eq!(first.scenario.settings.weights.get("htkt"), Some(&2.0));
    // 24 is Bắc Giang there, not the Bắc Ninh unit of the 34.
    assert_eq!(m19().provinces()[unit_ix(m19(), "24")].name.vi, "Bắc Giang");
    assert!(m19().evaluate(&first.scenario).is_ok());
    let second = address::decode(V1_ADDRESSES[1]).unwrap().unwrap();
    assert_eq!(
        (second.year, second.province.as_str(), second.lang),
        (2018, "22", Lang::En)
    );
    assert!(second.scenario.is_empty());
    // And they are written again to the letter as versions before v3 wrote them; the app now
    // writes them as v3, which opens as the same state.
    for a in V1_ADDRESSES {
        let state = address::decode(a).unwrap().unwrap();
        assert_eq!(address::encode_legacy(&state), a);
        assert_eq!(address::decode(&address::encode(&state)), Some(Ok(state)));
    }
    // A v1 address that names a set was not written by the app.
    use base64::Engine;
    let json = br#"{"y":2019,"p":"25","l":"vi","s":{},"u":"34"}"#;
    let forged = format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(miniz_oxide::deflate::compress_to_vec(json, 9))
    );
    assert_eq!(address::read(&forged), Some(Err(AddressError::Damaged)));
}

fn all_models() -> [&'static Model; 4] {
    [m19(), m18(), u19(), u18()]
}

#[test]
fn a_34_unit_scenario_round_trips_through_the_scenario_file() {
    let mut file = ScenarioFile::new("Phú Thọ 2025", 2019, "25", unit_scenario()).in_set("34");
    file.created = Some("2026-11-27T08:00:00Z".into());
    assert_eq!(file.schema(), SCENARIO_SCHEMA_V2);
    let json = scenario_to_json(&file);
    assert!(
        json.contains("\"schema\": \"ict-index-scenario/2\""),
        "{json}"
    );
    assert!(json.contains("\"provinces\": \"34\""), "{json}");
    let back = scenario_from_json(&json, &all_models()).unwrap();
    assert_eq!(back, file);
    assert_eq!(scenario_to_json(&back), json);
    assert!(u19().evaluate(&back.scenario).is_ok());
    // Without the models of the 34 units (the app before the switch): refused, and says why.
    let e = scenario_from_json(&json, &[m19(), m18()]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownProvinceSet);
    assert!(e.message.vi.contains("\"34\"") && e.message.en.contains("available: 63"));
    // The 34 units' ids are checked against the 34: Vĩnh Phúc (26) is no unit.
    let mut stray = file.clone();
    stray.scenario.set("26", "fixed-broadband-per-100", 20.0);
    let e = scenario_from_json(&scenario_to_json(&stray), &all_models()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownProvince);
    // A year the 34 do not have.
    let e = scenario_from_json(&json.replace("2019", "2017"), &all_models()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnknownYear);
}

#[test]
fn a_scenario_file_of_an_unknown_or_unnamed_set_is_refused_with_a_message() {
    let file = ScenarioFile::new("x", 2019, "25", Scenario::default()).in_set("34");
    let json = scenario_to_json(&file);
    for (text, needle) in [
        (json.replace("\"34\"", "\"35\""), "\"35\""),
        (json.replace("  \"provinces\": \"34\",\n", ""), "provinces"),
        // Not a string: the reader says where.
        (json.replace("\"34\"", "34"), "line 6"),
        (
            scenario_to_json(&ScenarioFile::new("x", 2019, "22", Scenario::default()))
                .replace("\"year\"", "\"provinces\": \"34\",\n  \"year\""),
            SCENARIO_SCHEMA_V2,
        ),
    ] {
        let e = scenario_from_json(&text, &all_models()).expect_err(&text);
        assert!(
            e.message.vi.contains(needle) && e.message.en.contains(needle),
            "{text}: {e:?}"
        );
        assert_ne!(e.message.vi, e.message.en);
    }
    // A version 2 file of the 63 provinces reads, and is written back in version 1.
    let v2_63 = scenario_to_json(&ScenarioFile::new("x", 2019, "22", Scenario::default()))
        .replace(SCENARIO_SCHEMA, SCENARIO_SCHEMA_V2)
        .replace("\"year\"", "\"provinces\": \"63\",\n  \"year\"");
    let f = scenario_from_json(&v2_63, &all_models()).unwrap();
    assert_eq!(
        (f.provinces.as_str(), f.schema()),
        (PUBLISHED_SET, SCENARIO_SCHEMA)
    );
}

/// A scenario file written by the app before version 2 existed (ict-engine at ee7da9e,
/// `scenario_to_json`).
const V1_FILE: &str = r#"{
  "schema": "ict-index-scenario/1",
  "name": "Bắc Giang 2019",
  "year": 2019,
  "province": "24",
  "scenario": {
    "values": {
      "22": {
        "fixed-broadband-per-100": 40.0
      },
      "24": {
        "households-with-computer-pct": 30.5
      }
    },
    "settings": {
      "weights": {
        "htkt": 2.0
      }
    }
  },
  "created": "2026-11-27T08:00:00Z"
}"#;

#[test]
fn v1_scenario_files_from_before_still_open_as_before() {
    for models in [&[m19(), m18()][..], &all_models()[..]] {
        let f = scenario_from_json(V1_FILE, models).unwrap();
        assert_eq!(f.provinces, PUBLISHED_SET);
        assert_eq!((f.year, f.province.as_str()), (2019, "24"));
        assert_eq!(
            f.scenario.get("24", "households-with-computer-pct"),
            Some(30.5)
        );
        assert_eq!(f.schema(), SCENARIO_SCHEMA);
        // Written back to the letter.
        assert_eq!(scenario_to_json(&f), V1_FILE);
    }
}

#[test]
fn a_saved_scenario_keeps_its_set_inside_a_larger_record() {
    // The app's store flattens the file into a record with an id.
    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Saved {
        id: String,
        #[serde(flatten)]
        file: ScenarioFile,
    }
    for file in [
        ScenarioFile::new("a", 2019, "25", unit_scenario()).in_set("34"),
        ScenarioFile::new("b", 2018, "22", Scenario::default()),
    ] {
        let saved = Saved {
            id: "s-1".into(),
            file,
        };
        let text = serde_json::to_string(&saved).unwrap();
        assert!(text.contains(&format!("\"schema\":\"{}\"", saved.file.schema())));
        let back: Saved = serde_json::from_str(&text).unwrap();
        assert_eq!(back, saved);
        assert_eq!(
            scenario_from_json(&text, &all_models()).unwrap(),
            saved.file
        );
    }
}

#[test]
fn the_readme_example_of_a_version_2_file_is_valid() {
    let readme = include_str!("../../README.md");
    let from = readme
        .find("A version 2 file of the 34 units:")
        .expect("the example");
    let start = from + readme[from..].find("```json\n").unwrap() + "```json\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let f = scenario_from_json(&readme[start..end], &all_models()).unwrap();
    assert_eq!((f.provinces.as_str(), f.province.as_str()), ("34", "25"));
    assert!(u19().evaluate(&f.scenario).is_ok());
}
