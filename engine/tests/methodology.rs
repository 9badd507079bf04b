//! An index's methodology as a file (`data/methodology/`): the ICT Index and the provincial
//! DTI, each read by the same code and computed by the same evaluator.

use std::collections::BTreeMap;

use ict_engine::builtin;
use ict_engine::compute::compute;
use ict_engine::dataset::{EditionMeta, PublishedValue, Values};
use ict_engine::methodology::{MethodologyFile, Source};
use ict_engine::{Edition, EngineError, Model, Province, PublishedFigures, Settings, Text};

fn data(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../data/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

// ---------------------------------------------------------------------------------------------
// The ICT Index from its file
// ---------------------------------------------------------------------------------------------

#[test]
fn the_ict_index_editions_name_its_methodology_file() {
    let file = builtin::methodology_file("ict-index").expect("ict-index.json");
    assert_eq!(
        file,
        MethodologyFile::from_json(&data("methodology/ict-index.json")).expect("file")
    );
    for year in builtin::years() {
        let edition: serde_json::Value =
            serde_json::from_str(&data(&format!("{year}/edition.json"))).expect("edition");
        assert_eq!(edition["methodology"], "ict-index", "{year}");
    }
    // 2018 measured 30 indicators, 2019 the same less the universities training IT specialists.
    let m18 = builtin::model(2018).expect("2018");
    let m19 = builtin::model(2019).expect("2019");
    assert_eq!(m18.indicators().len(), 30);
    assert_eq!(m19.indicators().len(), 29);
    assert!(m18
        .indicator_index("universities-teaching-it-pct")
        .is_some());
    assert!(m19
        .indicator_index("universities-teaching-it-pct")
        .is_none());
    let htnl_xh = |m: &Model| m.children(m.node_index("htnl-xh").expect("htnl-xh")).len();
    assert_eq!((htnl_xh(&m18), htnl_xh(&m19)), (4, 3));
    // Each edition's own plausible ranges (its data), the file's where it gives none.
    let plausible =
        |m: &Model, id: &str| m.indicators()[m.indicator_index(id).expect(id)].plausible;
    assert_eq!(plausible(&m18, "fixed-broadband-per-100"), [3.0, 31.0]);
    assert_eq!(plausible(&m19, "fixed-broadband-per-100"), [3.0, 35.0]);
    assert_eq!(
        plausible(&m19, "it-staff-pct"),
        plausible(&m18, "it-staff-pct")
    );
    // The tree, weights, normalisation and aggregation are the file's.
    let resolved = file.resolve(2019, &BTreeMap::new()).expect("2019");
    assert_eq!(resolved.nodes, m19.methodology().nodes);
    assert_eq!(resolved.root, "ict-index");
}

#[test]
fn a_methodology_file_refuses_what_it_does_not_know() {
    let mut file = builtin::methodology_file("ict-index").expect("file");
    let err = file
        .resolve(2019, &BTreeMap::from([("no-such".to_string(), [0.0, 1.0])]))
        .unwrap_err();
    assert!(
        matches!(&err, EngineError::Data(m) if m.contains("no-such")),
        "{err}"
    );
    file.editions
        .entry(2019)
        .or_default()
        .without
        .push("typo".into());
    let err = file.resolve(2019, &BTreeMap::new()).unwrap_err();
    assert!(
        matches!(&err, EngineError::Data(m) if m.contains("typo")),
        "{err}"
    );
    // An edition naming an index that has no file.
    let edition = data("2019/edition.json").replace("\"ict-index\"", "\"pci\"");
    let err = EditionMeta::from_json(&edition, &builtin::methodology_files().expect("files"))
        .unwrap_err();
    assert!(
        matches!(&err, EngineError::Data(m) if m.contains("'pci'")),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------------
// The provincial DTI from its file, against the published figures of 2022 (data/dti/)
// ---------------------------------------------------------------------------------------------

const DTI_INDICES: [&str; 8] = [
    "nhan-thuc-so",
    "the-che-so",
    "ha-tang-so",
    "nhan-luc-so",
    "an-toan-thong-tin-mang",
    "hoat-dong-chinh-quyen-so",
    "hoat-dong-kinh-te-so",
    "hoat-dong-xa-hoi-so",
];

/// A row of `data/dti/<year>.csv`: province id, name, rank, total, the eight main indices
/// (`None` where not found).
struct DtiRow {
    province: String,
    name: String,
    rank: Option<u32>,
    total: Option<f64>,
    indices: [Option<f64>; 8],
}

fn dti_rows(year: u16) -> Vec<DtiRow> {
    let text = data(&format!("dti/{year}.csv"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let num = |r: &csv::StringRecord, name: &str| -> Option<f64> {
        let cell = r.get(col(name)).expect(name).trim();
        (!cell.is_empty()).then(|| cell.parse().expect(name))
    };
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            DtiRow {
                province: r[col("province")].to_string(),
                name: r[col("name")].to_string(),
                rank: num(&r, "rank").map(|v| v as u32),
                total: num(&r, "total"),
                indices: DTI_INDICES.map(|id| num(&r, id)),
            }
        })
        .collect()
}

/// The provinces of 2022 with all eight main indices published, as an edition of the DTI.
fn dti_2022() -> (Model, Vec<DtiRow>) {
    let rows: Vec<DtiRow> = dti_rows(2022)
        .into_iter()
        .filter(|r| r.indices.iter().all(Option::is_some))
        .collect();
    let file = builtin::methodology_file("dti").expect("dti.json");
    let source = "dti-2022".to_string();
    let mut values = Values {
        year: 2022,
        ..Values::default()
    };
    for r in &rows {
        let cells = values.values.entry(r.province.clone()).or_default();
        for (id, v) in DTI_INDICES.iter().zip(r.indices) {
            let v = v.expect("complete row");
            cells.insert(id.to_string(), v);
            values.published.push(PublishedValue {
                province: r.province.clone(),
                indicator: id.to_string(),
                value: v,
                source: source.clone(),
            });
        }
    }
    let meta = EditionMeta {
        year: 2022,
        name: file.name.clone(),
        methodology: file.resolve(2022, &BTreeMap::new()).expect("2022"),
        provinces: rows
            .iter()
            .map(|r| Province {
                id: r.province.clone(),
                name: Text {
                    vi: r.name.clone(),
                    en: r.name.clone(),
                },
            })
            .collect(),
        sources: vec![Source {
            id: source,
            name: Text {
                vi: "https://dti.gov.vn/xep-hang-2022".into(),
                en: "https://dti.gov.vn/xep-hang-2022".into(),
            },
        }],
        derivation: None,
    };
    let edition = Edition {
        meta,
        values,
        published: PublishedFigures::default(),
    };
    (Model::new(edition).expect("DTI model"), rows)
}

#[test]
fn the_dti_file_gives_the_weights_of_decision_922() {
    let m = dti_2022().0;
    let params = m.params(&Settings::default()).expect("params");
    let np = m.province_count();
    // A province with 1 on one main index and 0 on the others scores that index's share of the
    // total: its points of 1,000.
    let expected = [0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.15, 0.15];
    for (id, w) in DTI_INDICES.iter().zip(expected) {
        let i = m.indicator_index(id).expect(id);
        let mut values = vec![0.0; m.indicators().len() * np];
        values[i * np] = 1.0;
        let score = compute(&m, &params, &values).score(m.root(), 0);
        assert!((score - w).abs() < 1e-12, "{id}: {score}");
    }
}

#[test]
fn the_dti_evaluator_reproduces_the_published_totals_of_2022() {
    let (m, rows) = dti_2022();
    // Only what was found is there: the five provinces of the published table's first rows.
    let ids: Vec<&str> = rows.iter().map(|r| r.province.as_str()).collect();
    assert_eq!(ids, ["22", "46", "48", "79", "92"]);
    let r = compute(
        &m,
        &m.params(&Settings::default()).expect("params"),
        m.baseline(),
    );
    let mut to_4th = 0;
    for row in &rows {
        let p = m.province_index(&row.province).expect("province");
        let total = row.total.expect("total");
        let score = r.score(m.root(), p);
        // Each of the eight and the total are rounded to 4 decimals: the weighted sum of the
        // rounded indices is within 1e-4 of the rounded total (half a unit for the total, at most
        // half a unit of the weights' sum for the indices).
        assert!(
            (score - total).abs() <= 1e-4,
            "{}: {score} vs {total}",
            row.province
        );
        if (score - total).abs() <= 5e-5 + 1e-12 {
            to_4th += 1;
        }
        // Their order among themselves is the published ranking (1 to 5).
        assert_eq!(Some(r.rank(m.root(), p)), row.rank, "{}", row.province);
    }
    // TP HCM: 0.716355 against 0.7163 published, the one not to the 4th decimal.
    assert_eq!(to_4th, 4);
    let hcm = m.province_index("79").expect("79");
    assert!((r.score(m.root(), hcm) - 0.716355).abs() < 1e-9);
}

#[test]
fn the_dti_data_invent_nothing() {
    let rows = dti_rows(2022);
    assert_eq!(rows.len(), 63);
    // Every rank of 2022 is published (a tie at 15), and Đà Nẵng, TP HCM, Quảng Ninh lead.
    let mut ranks: Vec<u32> = rows.iter().map(|r| r.rank.expect("rank")).collect();
    ranks.sort_unstable();
    assert_eq!(ranks.iter().filter(|&&k| k == 15).count(), 2);
    assert!(!ranks.contains(&16));
    let by_rank = |k: u32| {
        rows.iter()
            .find(|r| r.rank == Some(k))
            .expect("rank")
            .province
            .as_str()
    };
    assert_eq!([by_rank(1), by_rank(2), by_rank(3)], ["48", "79", "22"]);
    let qn = rows.iter().find(|r| r.province == "22").expect("22");
    assert_eq!(qn.total, Some(0.7024));
    // Scores only where a source gave them: 6 totals, 5 complete rows.
    assert_eq!(rows.iter().filter(|r| r.total.is_some()).count(), 6);
    assert_eq!(
        rows.iter()
            .filter(|r| r.indices.iter().any(Option::is_some))
            .count(),
        5
    );
    // Every figure has its source.
    let sources = data("dti/sources.csv");
    for r in rows.iter().filter(|r| r.total.is_some()) {
        assert!(
            sources
                .lines()
                .any(|l| l.starts_with(&format!("2022,{},", r.province)) && l.contains(",total,")),
            "no source for the total of {}",
            r.province
        );
    }
}

/// The years and province sets the app names without reading the files are the files'.
#[test]
fn the_built_in_years_and_sets_are_the_files() {
    let years: Vec<u16> = builtin::EDITIONS.iter().map(|e| e.0).collect();
    assert_eq!(years, builtin::YEARS);
    let sets: Vec<&str> = builtin::PROVINCE_SETS.iter().map(|s| s.0).collect();
    assert_eq!(sets, builtin::PROVINCE_SET_IDS);
}
