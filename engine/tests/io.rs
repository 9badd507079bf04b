//! Import/export (`ict_engine::io`): CSV and XLSX ministry tables, results table, scenario files.
//! Round trips, every error kind (line, column, both languages), lenient input (BOM, ';',
//! decimal comma), nothing applied on error, and fuzzing (arbitrary and mutated inputs never
//! panic). Run with `--nocapture` to see how many fuzz executions ran.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use ict_engine::io::{
    export_csv, import_csv, results_csv, scenario_from_json, scenario_to_json, ErrorKind,
    ImportError, ImportPreview, ScenarioFile, MAX_ERRORS, MAX_NAME_CHARS, MAX_TABLE_BYTES,
    SCENARIO_SCHEMA,
};
use ict_engine::{Model, Normalisation, Scenario};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use common::{m18, m19};
#[cfg(feature = "xlsx")]
use common::{rezip, unzip};

/// `current` with the preview's changes, each of which must name a province and an indicator of
/// the edition and hold a valid value (the app takes the changes into its data this way).
fn applied(m: &Model, current: &[f64], preview: &ImportPreview) -> Vec<f64> {
    let mut out = current.to_vec();
    for c in &preview.changes {
        let (i, p) = (ind(m, &c.indicator), prov(m, &c.province));
        assert!(
            ict_engine::dataset::validate_value(&m.indicators()[i], c.new).is_ok(),
            "{c:?}"
        );
        out[i * m.province_count() + p] = c.new;
    }
    out
}

/// The ministry workbook of `values` (what the file module writes for the app).
#[cfg(feature = "xlsx")]
fn export_xlsx(m: &Model, values: &[f64]) -> Result<Vec<u8>, ict_engine::Text> {
    ict_engine::table::write_xlsx(&ict_engine::table::data_sheets(m, values))
}

const VI_MARKS: &str = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ\
                        ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ";

fn has_diacritics(s: &str) -> bool {
    s.chars().any(|c| VI_MARKS.contains(c))
}

/// Both languages present, the Vietnamese one with diacritics, and they differ.
fn bilingual(e: &ImportError) {
    assert!(!e.message.vi.trim().is_empty(), "{e:?}");
    assert!(!e.message.en.trim().is_empty(), "{e:?}");
    assert!(
        has_diacritics(&e.message.vi),
        "no diacritics: {}",
        e.message.vi
    );
    assert_ne!(e.message.vi, e.message.en);
    let l = e.located();
    assert!(l.vi.ends_with(&e.message.vi) && l.en.ends_with(&e.message.en));
    if let Some(r) = e.row {
        assert!(l.vi.starts_with(&format!("Dòng {r}")), "{}", l.vi);
        assert!(l.en.starts_with(&format!("Line {r}")), "{}", l.en);
    }
    assert_eq!(e.to_string(), l.en);
}

fn errors(bytes: &[u8]) -> Vec<ImportError> {
    let m = m19();
    let errs = import_csv(m, m.baseline(), bytes).expect_err("should fail");
    assert!(!errs.is_empty());
    for e in &errs {
        bilingual(e);
    }
    errs
}

/// The single error of a file, checked for kind, line and column.
fn only_error(
    bytes: &[u8],
    kind: ErrorKind,
    row: Option<usize>,
    column: Option<&str>,
) -> ImportError {
    let errs = errors(bytes);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let e = errs.into_iter().next().unwrap();
    assert_eq!(e.kind, kind, "{e:?}");
    assert_eq!(e.row, row, "{e:?}");
    assert_eq!(e.column.as_deref(), column, "{e:?}");
    e
}

fn ind(m: &Model, id: &str) -> usize {
    m.indicator_index(id).expect(id)
}

fn prov(m: &Model, id: &str) -> usize {
    m.province_index(id).expect(id)
}

/// A small valid table: header and Quảng Ninh's line with two indicators.
fn small(header: &str, line: &str) -> Vec<u8> {
    format!("{header}\n{line}\n").into_bytes()
}

// ---------------------------------------------------------------------------------------------
// CSV: format and round trips
// ---------------------------------------------------------------------------------------------

#[test]
fn template_is_plain_wide_csv_in_edition_order() {
    let m = m19();
    let csv = export_csv(m, m.baseline());
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), m.province_count() + 1);
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(header[0], "province_id");
    assert_eq!(header[1], "province_name");
    let ids: Vec<&str> = m.indicators().iter().map(|i| i.id.as_str()).collect();
    assert_eq!(&header[2..], &ids[..]);
    assert!(!csv.starts_with('\u{feff}'));
    for (p, line) in lines[1..].iter().enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells.len(), header.len(), "{line}");
        assert_eq!(cells[0], m.provinces()[p].id);
        assert_eq!(cells[1], m.provinces()[p].name.vi);
        for (i, d) in m.indicators().iter().enumerate() {
            let c = cells[i + 2];
            let decimals = c.split_once('.').map_or(0, |(_, f)| f.len());
            assert_eq!(decimals, usize::from(d.decimals), "{} {c}", d.id);
            assert_eq!(c.parse::<f64>().unwrap(), m.baseline_value(i, p));
        }
    }
    let qn = lines[1 + prov(m, "22")];
    assert!(qn.starts_with("22,Quảng Ninh,"), "{qn}");
}

#[test]
fn csv_round_trip_has_no_changes() {
    for m in [m19(), m18()] {
        let p = import_csv(m, m.baseline(), export_csv(m, m.baseline()).as_bytes()).unwrap();
        assert!(p.changes.is_empty(), "{:?}", p.changes);
        assert_eq!(p.unchanged, m.baseline().len());
        assert!(p.notes.is_empty(), "{:?}", p.notes);
    }
    // Values with more decimals than the indicator's are "unchanged" at its decimals.
    let m = m19();
    let mut v = m.baseline().to_vec();
    v[0] += 0.0001;
    let p = import_csv(m, &v, export_csv(m, &v).as_bytes()).unwrap();
    assert!(p.changes.is_empty());
}

#[test]
fn exporting_edits_and_importing_into_baseline_gives_exactly_those_edits() {
    let m = m19();
    let np = m.province_count();
    let edits = [
        ("22", "households-with-computer-pct", 81.25),
        ("01", "fixed-phones-per-100", 7.123),
        ("96", "mobile-phones-per-100", 0.0),
        ("22", "mobile-phones-per-100", 499.99),
    ];
    let mut v = m.baseline().to_vec();
    for &(p, i, x) in &edits {
        v[ind(m, i) * np + prov(m, p)] = x;
    }
    let preview = import_csv(m, m.baseline(), export_csv(m, &v).as_bytes()).unwrap();
    let mut got: Vec<(String, String, f64, f64)> = preview
        .changes
        .iter()
        .map(|c| (c.province.clone(), c.indicator.clone(), c.old, c.new))
        .collect();
    let mut want: Vec<(String, String, f64, f64)> = edits
        .iter()
        .map(|&(p, i, x)| {
            let old = m.baseline_value(ind(m, i), prov(m, p));
            (p.to_string(), i.to_string(), old, x)
        })
        .collect();
    got.sort_by(|a, b| a.partial_cmp(b).unwrap());
    want.sort_by(|a, b| a.partial_cmp(b).unwrap());
    assert_eq!(got, want);
    assert_eq!(preview.unchanged, m.baseline().len() - edits.len());
    // Changes come in edition order of provinces, then indicator order.
    let order: Vec<(usize, usize)> = preview
        .changes
        .iter()
        .map(|c| (prov(m, &c.province), ind(m, &c.indicator)))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    // Applying gives the edited values back.
    assert_eq!(applied(m, m.baseline(), &preview), v);
}

#[test]
fn bom_semicolons_and_decimal_comma_are_accepted() {
    let m = m19();
    let csv =
        "\u{feff}province_id;province_name;households-with-computer-pct;mobile-phones-per-100\r\n\
               22;Quảng Ninh;81,25;\"1.234,5\"\r\n\
               01;Hà Nội;  66,5 ;\r\n";
    // 1.234,5 is outside 0–500: use a valid grouped number instead.
    let csv = csv.replace("1.234,5", "123,45");
    let p = import_csv(m, m.baseline(), csv.as_bytes()).unwrap();
    let find = |pr: &str, i: &str| {
        p.changes
            .iter()
            .find(|c| c.province == pr && c.indicator == i)
            .map(|c| c.new)
    };
    assert_eq!(find("22", "households-with-computer-pct"), Some(81.25));
    assert_eq!(find("22", "mobile-phones-per-100"), Some(123.45));
    assert_eq!(find("01", "households-with-computer-pct"), Some(66.5));
    assert_eq!(find("01", "mobile-phones-per-100"), None);
    // Tabs and Excel's "sep=" line too.
    let tsv = "province_id\thouseholds-with-computer-pct\n22\t81,25\n";
    let p = import_csv(m, m.baseline(), tsv.as_bytes()).unwrap();
    assert_eq!(p.changes.len(), 1);
    let sep = "sep=;\nprovince_id;households-with-computer-pct\n22;81,25\n";
    let p = import_csv(m, m.baseline(), sep.as_bytes()).unwrap();
    assert_eq!(p.changes[0].new, 81.25);
    let sep_err = "sep=;\nprovince_id;households-with-computer-pct\n22;abc\n";
    let e = import_csv(m, m.baseline(), sep_err.as_bytes()).unwrap_err();
    assert_eq!(e[0].row, Some(3), "line numbers count the sep= line");
}

#[test]
fn subsets_any_order_empty_cells_and_notes() {
    let m = m19();
    let qn = prov(m, "22");
    let hh = ind(m, "households-with-computer-pct");
    let old = m.baseline_value(hh, qn);
    let csv = "households-with-computer-pct,province_name,fixed-phones-per-100,province_id\n\
               81.25,anything at all,,22\n\
               ,,,1\n";
    let p = import_csv(m, m.baseline(), csv.as_bytes()).unwrap();
    assert_eq!(p.changes.len(), 1);
    assert_eq!(p.changes[0].province, "22");
    assert_eq!(p.changes[0].old, old);
    assert_eq!(p.changes[0].new, 81.25);
    assert_eq!(p.unchanged, 0);
    let notes: Vec<&str> = p.notes.iter().map(|n| n.en.as_str()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("indicators have no column")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.starts_with("3 empty cells")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("61 provinces are not in the file")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("leading zero")),
        "{notes:?}"
    );
    for n in &p.notes {
        assert!(has_diacritics(&n.vi) && !n.en.is_empty(), "{n:?}");
    }
    // Title lines above the header are skipped (and said so).
    let csv = "Bảng số liệu ICT 2019,,\n\nprovince_id,households-with-computer-pct\n22,81.25\n";
    let p = import_csv(m, m.baseline(), csv.as_bytes()).unwrap();
    assert_eq!(p.changes.len(), 1);
    assert!(
        p.notes
            .iter()
            .any(|n| n.en.contains("Skipped 1 line above the header (line 3)")),
        "{:?}",
        p.notes
    );
    // Line numbers count blank lines.
    let csv = "province_id,households-with-computer-pct\n\n\r\n22,abc\n\n01,\"1\nx\"\n\n99,1\n";
    let errs = errors(csv.as_bytes());
    let rows: Vec<Option<usize>> = errs.iter().map(|e| e.row).collect();
    assert_eq!(rows, [Some(4), Some(6), Some(9)], "{errs:#?}");
    // Upper-case headers and padded spaces are fine; trailing empty columns too.
    let csv = " PROVINCE_ID , Households-With-Computer-Pct ,,\n22,81.25,,\n";
    assert_eq!(
        import_csv(m, m.baseline(), csv.as_bytes())
            .unwrap()
            .changes
            .len(),
        1
    );
}

// ---------------------------------------------------------------------------------------------
// CSV: every error kind
// ---------------------------------------------------------------------------------------------

#[test]
fn error_unknown_province() {
    let e = only_error(
        &small("province_id,households-with-computer-pct", "99,50"),
        ErrorKind::UnknownProvince,
        Some(2),
        Some("province_id"),
    );
    assert!(e.message.vi.contains("'99'") && e.message.en.contains("'99'"));
    assert_eq!(
        e.located().vi,
        format!("Dòng 2, cột 'province_id': {}", e.message.vi)
    );
}

#[test]
fn error_unknown_column_and_indicator() {
    let e = only_error(
        &small(
            "province_id,households-with-computer-pct,mystery",
            "22,50,1",
        ),
        ErrorKind::UnknownColumn,
        Some(1),
        Some("mystery"),
    );
    assert!(e.message.en.contains("2019"));
    // A 2018 template into the 2019 edition: the 2018-only columns are unknown there.
    let (m18, m19) = (m18(), m19());
    let only18: Vec<&str> = m18
        .indicators()
        .iter()
        .filter(|i| m19.indicator_index(&i.id).is_none())
        .map(|i| i.id.as_str())
        .collect();
    assert!(!only18.is_empty());
    let errs = import_csv(
        m19,
        m19.baseline(),
        export_csv(m18, m18.baseline()).as_bytes(),
    )
    .unwrap_err();
    assert_eq!(errs.len(), only18.len());
    for (e, id) in errs.iter().zip(&only18) {
        bilingual(e);
        assert_eq!(e.kind, ErrorKind::UnknownColumn);
        assert_eq!(e.row, Some(1));
        assert_eq!(e.column.as_deref(), Some(*id));
    }
    let e = ImportError::unknown_indicator("x", "no-such", 2019);
    bilingual(&e);
    assert_eq!(e.kind, ErrorKind::UnknownIndicator);
}

#[test]
fn error_not_a_number_quotes_the_cell() {
    let e = only_error(
        &small("province_id,households-with-computer-pct", "22,năm mươi"),
        ErrorKind::NotANumber,
        Some(2),
        Some("households-with-computer-pct"),
    );
    assert!(e.message.vi.contains("'năm mươi'"), "{}", e.message.vi);
    assert!(e.message.en.contains("'năm mươi'"), "{}", e.message.en);
    // Long cells are cut.
    let long = "x".repeat(500);
    let e = only_error(
        &small(
            "province_id,households-with-computer-pct",
            &format!("22,{long}"),
        ),
        ErrorKind::NotANumber,
        Some(2),
        Some("households-with-computer-pct"),
    );
    assert!(e.message.en.len() < 200);
}

#[test]
fn error_out_of_range_says_range_and_unit() {
    let e = only_error(
        b"province_id,households-with-computer-pct\n22,\"120,5\"\n",
        ErrorKind::OutOfRange,
        Some(2),
        Some("households-with-computer-pct"),
    );
    assert!(
        e.message.vi.contains("120,5") && e.message.vi.contains("từ 0 đến 100"),
        "{}",
        e.message.vi
    );
    assert!(
        e.message.en.contains("120.5") && e.message.en.contains("0 to 100"),
        "{}",
        e.message.en
    );
    assert!(e.message.vi.contains('%') && e.message.en.contains('%'));
    let e = only_error(
        &small("province_id,fixed-phones-per-100", "22,-1"),
        ErrorKind::OutOfRange,
        Some(2),
        Some("fixed-phones-per-100"),
    );
    assert!(
        e.message.en.contains("−1") && e.message.en.contains("per 100 residents"),
        "{}",
        e.message.en
    );
    assert!(e.message.vi.contains("/100 dân"), "{}", e.message.vi);
    // Overflowing digits are out of range too (∞).
    let huge = "9".repeat(400);
    only_error(
        &small("province_id,fixed-phones-per-100", &format!("22,{huge}")),
        ErrorKind::OutOfRange,
        Some(2),
        Some("fixed-phones-per-100"),
    );
}

#[test]
fn error_missing_cell() {
    only_error(
        &small(
            "province_id,households-with-computer-pct,fixed-phones-per-100",
            "22,50",
        ),
        ErrorKind::MissingCell,
        Some(2),
        Some("fixed-phones-per-100"),
    );
    only_error(
        &small("province_id,households-with-computer-pct", ",50"),
        ErrorKind::MissingCell,
        Some(2),
        Some("province_id"),
    );
}

#[test]
fn error_extra_cells_hints_at_decimal_commas() {
    let e = only_error(
        &small("province_id,households-with-computer-pct", "22,81,25"),
        ErrorKind::ExtraCells,
        Some(2),
        None,
    );
    assert!(e.message.vi.contains("dấu chấm phẩy") && e.message.en.contains("semicolons"));
}

#[test]
fn error_duplicate_row_names_the_first_line() {
    let csv = "province_id,households-with-computer-pct\n22,50\n01,40\n22,60\n";
    let e = only_error(
        csv.as_bytes(),
        ErrorKind::DuplicateRow,
        Some(4),
        Some("province_id"),
    );
    assert!(e.message.vi.contains("dòng 2") && e.message.en.contains("line 2"));
    // "1" and "01" are the same province.
    let csv = "province_id,households-with-computer-pct\n01,50\n1,60\n";
    only_error(
        csv.as_bytes(),
        ErrorKind::DuplicateRow,
        Some(3),
        Some("province_id"),
    );
}

#[test]
fn error_wrong_encoding() {
    // "Hà Nội" in Windows-1258-ish single bytes on line 3.
    let mut bytes =
        b"province_id,province_name,households-with-computer-pct\n22,x,50\n01,H".to_vec();
    bytes.push(0xE0);
    bytes.extend_from_slice(b" N\xF4i,40\n");
    let e = only_error(&bytes, ErrorKind::WrongEncoding, Some(3), None);
    assert!(e.message.vi.contains("UTF-8") && e.message.en.contains("UTF-8"));
    // UTF-16 (Excel's "Unicode text").
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("province_id".encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    only_error(&utf16, ErrorKind::WrongEncoding, Some(1), None);
}

#[test]
fn error_missing_header_and_wrong_columns() {
    let m = m19();
    // The template without its header line.
    let csv = export_csv(m, m.baseline());
    let body = csv.split_once('\n').unwrap().1;
    only_error(body.as_bytes(), ErrorKind::MissingHeader, Some(1), None);
    only_error(
        b"id,households-with-computer-pct\n22,50\n",
        ErrorKind::MissingHeader,
        Some(1),
        None,
    );
    only_error(
        b"province_id,province_name\n22,x\n",
        ErrorKind::NoIndicatorColumns,
        Some(1),
        None,
    );
    only_error(
        b"province_id,households-with-computer-pct,households-with-computer-pct\n22,50,50\n",
        ErrorKind::DuplicateColumn,
        Some(1),
        Some("households-with-computer-pct"),
    );
    only_error(
        b"province_id,,households-with-computer-pct\n22,7,50\n",
        ErrorKind::UnnamedColumn,
        Some(2),
        None,
    );
}

#[test]
fn error_empty_file_no_rows_too_large() {
    for empty in [
        &b""[..],
        b"   \n\n",
        b"\xEF\xBB\xBF",
        b",,,\n,,\n",
        b";;\n;\n",
    ] {
        only_error(empty, ErrorKind::EmptyFile, None, None);
    }
    only_error(
        b"province_id,households-with-computer-pct\n",
        ErrorKind::NoDataRows,
        Some(1),
        None,
    );
    let big = vec![b'a'; MAX_TABLE_BYTES + 1];
    let e = only_error(&big, ErrorKind::FileTooLarge, None, None);
    assert!(
        e.message.vi.contains("2,0 MB") && e.message.en.contains("2.0 MB"),
        "{:?}",
        e.message
    );
}

#[test]
fn errors_are_all_collected_and_capped() {
    let m = m19();
    // Three different errors in one file, all reported.
    let csv = "province_id,households-with-computer-pct,bogus\n99,50,\n22,abc,\n01,101,\n";
    let errs = errors(csv.as_bytes());
    let kinds: Vec<ErrorKind> = errs.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            ErrorKind::UnknownColumn,
            ErrorKind::UnknownProvince,
            ErrorKind::NotANumber,
            ErrorKind::OutOfRange
        ]
    );
    assert_eq!(
        errs.iter().map(|e| e.row).collect::<Vec<_>>(),
        [Some(1), Some(2), Some(3), Some(4)]
    );
    // Every cell wrong: MAX_ERRORS errors and a last one counting the rest.
    let mut bad = String::from("province_id");
    for i in m.indicators() {
        bad.push(',');
        bad.push_str(&i.id);
    }
    bad.push('\n');
    for p in m.provinces() {
        bad.push_str(&p.id);
        for _ in m.indicators() {
            bad.push_str(",x");
        }
        bad.push('\n');
    }
    let errs = errors(bad.as_bytes());
    assert_eq!(errs.len(), MAX_ERRORS + 1);
    let last = errs.last().unwrap();
    assert_eq!(last.kind, ErrorKind::TooManyErrors);
    let more = m.baseline().len() - MAX_ERRORS;
    assert!(
        last.message.en.starts_with(&format!("{more} more errors")),
        "{}",
        last.message.en
    );
}

#[test]
fn hostile_shapes_stay_fast() {
    let start = std::time::Instant::now();
    // 300,000 unnamed columns and 800,000 one-cell lines: linear, not 300,000 × 800,000.
    let mut csv = String::from("province_id,households-with-computer-pct");
    csv.push_str(&",".repeat(300_000));
    csv.push('\n');
    while csv.len() < MAX_TABLE_BYTES - 2 {
        csv.push_str("7\n");
    }
    let errs = errors(csv.as_bytes());
    assert_eq!(errs.len(), MAX_ERRORS + 1);
    // One line of 1,000,000 cells.
    let csv = format!("province_id\n{}\n", ";".repeat(1_000_000));
    errors(csv.as_bytes());
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

#[test]
fn a_broken_file_changes_nothing() {
    let m = m19();
    let np = m.province_count();
    // A file with 62 good edited lines and one bad cell yields no preview at all.
    let mut v = m.baseline().to_vec();
    for x in v.iter_mut() {
        *x = (*x * 0.5 * 100.0).round() / 100.0;
    }
    let mut csv = export_csv(m, &v);
    let target = format!("\n{},", m.provinces()[np - 1].id);
    let at = csv.find(&target).unwrap() + target.len();
    let name_end = at + csv[at..].find(',').unwrap() + 1;
    csv.insert_str(name_end, "oops");
    let before = m.baseline().to_vec();
    let errs = import_csv(m, &before, csv.as_bytes()).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].kind, ErrorKind::NotANumber);
    assert_eq!(errs[0].row, Some(np + 1));
    assert_eq!(before, m.baseline());
    assert!(import_csv(m, &[], export_csv(m, m.baseline()).as_bytes())
        .unwrap()
        .changes
        .is_empty());
}

#[test]
fn import_compares_with_the_current_values() {
    let m = m19();
    let hh = "households-with-computer-pct";
    let base = m.baseline_value(ind(m, hh), prov(m, "01"));
    let mut scenario = Scenario::default();
    scenario.set("01", hh, 12.0);
    let current = m.apply(&scenario).unwrap();
    let csv = format!("province_id,{hh}\n22,81.25\n01,{base}\n");
    let preview = import_csv(m, &current, csv.as_bytes()).unwrap();
    let changes: Vec<(&str, f64, f64)> = preview
        .changes
        .iter()
        .map(|c| (c.province.as_str(), c.old, c.new))
        .collect();
    let qn = m.baseline_value(ind(m, hh), prov(m, "22"));
    assert_eq!(changes, [("01", 12.0, base), ("22", qn, 81.25)]);
    let mut back = scenario.clone();
    back.unset("01", hh);
    back.set("22", hh, 81.25);
    assert_eq!(m.apply(&back).unwrap(), applied(m, &current, &preview));
}

// ---------------------------------------------------------------------------------------------
// Results table
// ---------------------------------------------------------------------------------------------

/// Results of 2019 with every household of Quảng Ninh owning a computer, and the baseline.
fn edited_results() -> (&'static Model, ict_engine::Results, ict_engine::Results) {
    let m = m19();
    let baseline = m.evaluate(&Scenario::default()).unwrap();
    let mut s = Scenario::default();
    s.set("22", "households-with-computer-pct", 100.0);
    (m, m.evaluate(&s).unwrap(), baseline)
}

#[test]
fn results_table_has_scores_ranks_and_every_node() {
    let (m, results, baseline) = edited_results();
    let csv = results_csv(m, &results, &baseline);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), m.province_count() + 1);
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(
        &header[..6],
        [
            "province_id",
            "province_name",
            "ict-index",
            "rank",
            "baseline_ict-index",
            "baseline_rank"
        ]
    );
    assert_eq!(
        &header[6..],
        [
            "htkt",
            "htkt-xh",
            "htkt-cqnn",
            "htnl",
            "htnl-xh",
            "htnl-cqnn",
            "ud",
            "ud-cqnn",
            "ud-dvctt"
        ]
    );
    let root = m.root();
    for (p, line) in lines[1..].iter().enumerate() {
        let c: Vec<&str> = line.split(',').collect();
        assert_eq!(c.len(), header.len());
        assert_eq!(c[0], m.provinces()[p].id);
        assert_eq!(c[2], format!("{:.4}", results.score(root, p)));
        assert_eq!(c[3], results.rank(root, p).to_string());
        assert_eq!(c[4], format!("{:.4}", baseline.score(root, p)));
        assert_eq!(c[5], baseline.rank(root, p).to_string());
        for (k, id) in header[6..].iter().enumerate() {
            let n = m.node_index(id).unwrap();
            assert_eq!(c[6 + k], format!("{:.4}", results.score(n, p)));
        }
    }
    let qn = lines[1 + prov(m, "22")];
    let c: Vec<&str> = qn.split(',').collect();
    assert_ne!(c[2], c[4], "the edit moved Quảng Ninh's score");
    // Mismatched results do not panic: cells are left empty.
    let mut short = results.clone();
    short.node_scores.truncate(3);
    short.node_ranks.clear();
    assert_eq!(
        results_csv(m, &short, &baseline).lines().count(),
        m.province_count() + 1
    );
}

#[test]
fn sheets_travel_as_json_unchanged() {
    use ict_engine::table::{data_sheets, results_sheets, Cell, Sheet};
    let m = m18();
    let baseline = m.evaluate(&Scenario::default()).unwrap();
    let mut sheets = data_sheets(m, m.baseline());
    sheets.extend(results_sheets(m, &baseline, &baseline));
    let json = serde_json::to_string(&sheets).unwrap();
    let back: Vec<Sheet> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, sheets);
    assert_eq!(sheets[0].name, "2018");
    assert_eq!(
        sheets[0].rows[0][0],
        Cell::Text("01".into()),
        "ids stay text"
    );
    assert_eq!(sheets[0].to_csv(), export_csv(m, m.baseline()));
    let mut v = m.baseline().to_vec();
    v[0] = f64::NAN;
    assert_eq!(data_sheets(m, &v)[0].rows[0][2], Cell::Empty);
}

// ---------------------------------------------------------------------------------------------
// Scenario files
// ---------------------------------------------------------------------------------------------

fn sample_file() -> ScenarioFile {
    let mut s = Scenario::default();
    s.set("22", "households-with-computer-pct", 81.25);
    s.set("01", "fixed-phones-per-100", 7.5);
    s.settings.weights.insert("htkt".into(), 2.0);
    s.settings.normalisation = Some(Normalisation::Goalposts);
    let mut f = ScenarioFile::new("Quảng Ninh đạt mục tiêu 2020", 2019, "22", s);
    f.created = Some("2024-05-01T09:30:00Z".into());
    f
}

fn json_error(text: &str, kind: ErrorKind) -> ImportError {
    let e = scenario_from_json(text, &[m19(), m18()]).expect_err("should fail");
    bilingual(&e);
    assert_eq!(e.kind, kind, "{e:?}");
    e
}

#[test]
fn scenario_json_round_trip() {
    let f = sample_file();
    let json = scenario_to_json(&f);
    assert!(
        json.contains("\n  \"schema\": \"ict-index-scenario/1\""),
        "{json}"
    );
    assert!(json.contains("Quảng Ninh đạt mục tiêu 2020"));
    let back = scenario_from_json(&json, &[m19(), m18()]).unwrap();
    assert_eq!(back, f);
    // Minimal file: empty scenario, no created; BOM and unknown fields accepted.
    let min = "\u{feff}{\"schema\":\"ict-index-scenario/1\",\"name\":\"\",\"year\":2018,\
               \"province\":\"01\",\"scenario\":{},\"extra\":[1,2]}";
    let back = scenario_from_json(min, &[m19(), m18()]).unwrap();
    assert_eq!(back.year, 2018);
    assert!(back.scenario.is_empty() && back.created.is_none());
    // The scenario evaluates.
    assert!(m19().evaluate(&f.scenario).is_ok());
}

#[test]
fn the_documented_example_is_a_valid_file() {
    let src = include_str!("../src/io.rs");
    let start = src.find("/// ```json\n").expect("example") + "/// ```json\n".len();
    let end = start + src[start..].find("/// ```\n").unwrap();
    let json: String = src[start..end]
        .lines()
        .map(|l| l.trim_start().trim_start_matches("///"))
        .collect::<Vec<_>>()
        .join("\n");
    let f = scenario_from_json(&json, &[m19(), m18()]).unwrap();
    assert_eq!(f.scenario.get("22", "fixed-broadband-per-100"), Some(25.5));
    assert!(m19().evaluate(&f.scenario).is_ok());
}

#[test]
fn scenario_json_errors() {
    let good = scenario_to_json(&sample_file());
    let e = json_error(
        &good.replace(SCENARIO_SCHEMA, "ict-index-scenario/3"),
        ErrorKind::WrongSchema,
    );
    for msg in [&e.message.vi, &e.message.en] {
        assert!(
            msg.contains("ict-index-scenario/3")
                && msg.contains("ict-index-scenario/1")
                && msg.contains("ict-index-scenario/2"),
            "{msg}"
        );
    }
    // Version 2 names its province set.
    let e = json_error(
        &good.replace(SCENARIO_SCHEMA, "ict-index-scenario/2"),
        ErrorKind::UnknownProvinceSet,
    );
    assert!(e.message.en.contains("ict-index-scenario/2") && e.message.en.contains("provinces"));
    let e = json_error(
        &good.replace(SCENARIO_SCHEMA, "something-else"),
        ErrorKind::WrongSchema,
    );
    assert!(e.message.en.contains("something-else") && e.message.en.contains(SCENARIO_SCHEMA));
    json_error("{\"name\":\"x\"}", ErrorKind::NotAScenario);
    json_error("[1,2,3]", ErrorKind::NotAScenario);
    let e = json_error(
        "{\n  \"schema\": \"ict-index-scenario/1\",\n  \"name\": oops\n}",
        ErrorKind::InvalidJson,
    );
    assert_eq!(e.row, Some(3));
    let e = json_error(
        &good.replace("\"year\": 2019", "\"year\": \"2019\""),
        ErrorKind::InvalidJson,
    );
    assert!(e.row.is_some());
    json_error(
        &good.replace("\"name\": ", "\"nom\": "),
        ErrorKind::InvalidJson,
    );
    let e = json_error(
        &good.replace("\"year\": 2019", "\"year\": 2020"),
        ErrorKind::UnknownYear,
    );
    assert!(e.message.en.contains("2020") && e.message.en.contains("2019, 2018"));
    let e = json_error(
        &good.replace("\"province\": \"22\"", "\"province\": \"99\""),
        ErrorKind::UnknownProvince,
    );
    assert_eq!(e.column.as_deref(), Some("province"));
    let e = json_error(
        &good.replace("\"01\": {", "\"98\": {"),
        ErrorKind::UnknownProvince,
    );
    assert_eq!(e.column.as_deref(), Some("scenario.values.98"));
    let e = json_error(
        &good.replace("fixed-phones-per-100", "no-such-indicator"),
        ErrorKind::UnknownIndicator,
    );
    assert_eq!(
        e.column.as_deref(),
        Some("scenario.values.01.no-such-indicator")
    );
    let e = json_error(&good.replace("81.25", "181.25"), ErrorKind::OutOfRange);
    assert_eq!(
        e.column.as_deref(),
        Some("scenario.values.22.households-with-computer-pct")
    );
    assert!(e.message.vi.contains("181,25") && e.message.en.contains("0 to 100"));
    json_error(&good.replace("81.25", "1e999"), ErrorKind::InvalidJson);
    let e = json_error(
        &good.replace("\"htkt\": 2.0", "\"htkt\": -2.0"),
        ErrorKind::InvalidWeight,
    );
    assert_eq!(e.column.as_deref(), Some("scenario.settings.weights.htkt"));
    json_error(
        &good.replace("\"htkt\": 2.0", "\"nope\": 2.0"),
        ErrorKind::UnknownNode,
    );
    json_error(
        &good.replace("\"goalposts\"", "\"magic\""),
        ErrorKind::InvalidJson,
    );
    let long = "ệ".repeat(MAX_NAME_CHARS + 1);
    let e = json_error(
        &good.replace("Quảng Ninh đạt mục tiêu 2020", &long),
        ErrorKind::NameTooLong,
    );
    assert!(e.message.en.contains("201"));
    let ok = "ệ".repeat(MAX_NAME_CHARS);
    assert!(
        scenario_from_json(&good.replace("Quảng Ninh đạt mục tiêu 2020", &ok), &[m19()]).is_ok()
    );
    let big = format!("{}{}", good, " ".repeat(1024 * 1024));
    json_error(&big, ErrorKind::FileTooLarge);
    json_error("  \n ", ErrorKind::EmptyFile);
    // Deep nesting is an error, not a stack overflow.
    json_error(&"[".repeat(100_000), ErrorKind::InvalidJson);
    // No editions given: the year is unknown.
    assert_eq!(
        scenario_from_json(&good, &[]).unwrap_err().kind,
        ErrorKind::UnknownYear
    );
}

// ---------------------------------------------------------------------------------------------
// XLSX
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "xlsx")]
mod xlsx {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use ict_engine::io::{import_xlsx, INDICATORS_SHEET};
    use rust_xlsxwriter::Workbook;

    #[test]
    fn xlsx_round_trip_and_layout() {
        let m = m19();
        let bytes = export_xlsx(m, m.baseline()).unwrap();
        let p = import_xlsx(m, m.baseline(), &bytes).unwrap();
        assert!(p.changes.is_empty(), "{:?}", p.changes);
        assert_eq!(p.unchanged, m.baseline().len());
        assert_eq!(p.notes.len(), 1, "only the sheet read: {:?}", p.notes);
        assert!(p.notes[0].en.contains("'2019'"));

        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(wb.sheet_names(), ["2019", INDICATORS_SHEET]);
        let sheet = wb.worksheet_range("2019").unwrap();
        assert_eq!(sheet.height(), m.province_count() + 1);
        assert_eq!(sheet.get((0, 0)), Some(&Data::String("province_id".into())));
        assert_eq!(sheet.get((1, 0)), Some(&Data::String("01".into())));
        assert!(matches!(sheet.get((1, 2)), Some(Data::Float(_))));
        let list = wb.worksheet_range(INDICATORS_SHEET).unwrap();
        assert_eq!(list.height(), m.indicators().len() + 1);
        let first = &m.indicators()[0];
        assert_eq!(list.get((1, 0)), Some(&Data::String(first.id.clone())));
        assert_eq!(list.get((1, 1)), Some(&Data::String(first.name.vi.clone())));
        assert_eq!(list.get((1, 2)), Some(&Data::String(first.name.en.clone())));
        assert_eq!(list.get((1, 3)), Some(&Data::String(first.unit.vi.clone())));
        assert_eq!(list.get((1, 6)), Some(&Data::Float(first.valid[1])));
    }

    #[test]
    fn results_workbook_holds_the_results_table() {
        use ict_engine::io::read_xlsx;
        use ict_engine::table::{results_sheets, write_xlsx, NODES_SHEET};
        let (m, results, baseline) = edited_results();
        let bytes = write_xlsx(&results_sheets(m, &results, &baseline)).unwrap();
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(wb.sheet_names(), ["Kết quả 2019", NODES_SHEET]);
        let names = wb.worksheet_range(NODES_SHEET).unwrap();
        assert_eq!(names.height(), m.nodes().len() + 1);
        assert_eq!(names.get((1, 0)), Some(&Data::String("ict-index".into())));
        // The first sheet, cell for cell, is the CSV table (numbers unrounded in Excel).
        let csv = results_csv(m, &results, &baseline);
        let read = read_xlsx(&bytes, 2019).unwrap();
        assert_eq!(read.sheet, "Kết quả 2019");
        assert_eq!(read.rows.len(), m.province_count() + 1);
        for (row, line) in read.rows.iter().zip(csv.lines()) {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(row.cells.len(), cells.len(), "{line}");
            for (x, c) in row.cells.iter().zip(&cells) {
                match (x.parse::<f64>(), c.parse::<f64>()) {
                    (Ok(a), Ok(b)) if c.contains('.') => assert!((a - b).abs() <= 5e-5, "{x} {c}"),
                    _ => assert_eq!(x, c),
                }
            }
        }
        let qn = &read.rows[1 + prov(m, "22")].cells;
        assert_eq!(qn[3], results.rank(m.root(), prov(m, "22")).to_string());
    }

    #[test]
    fn read_rows_travel_as_json_and_give_the_same_preview() {
        use ict_engine::io::{import_sheet_rows, read_xlsx, SheetRows};
        let m = m19();
        let np = m.province_count();
        let mut v = m.baseline().to_vec();
        v[ind(m, "it-staff-pct") * np + prov(m, "22")] = 2.5;
        let bytes = export_xlsx(m, &v).unwrap();
        let rows = read_xlsx(&bytes, 2019).unwrap();
        let json = serde_json::to_string(&rows).unwrap();
        let back: SheetRows = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rows);
        let direct = import_xlsx(m, m.baseline(), &bytes).unwrap();
        let via_json = import_sheet_rows(m, m.baseline(), back).unwrap();
        assert_eq!(direct, via_json);
        assert_eq!(via_json.changes.len(), 1);
        assert_eq!(via_json.changes[0].new, 2.5);
    }

    #[test]
    fn xlsx_edits_round_trip_exactly() {
        let m = m19();
        let np = m.province_count();
        let mut v = m.baseline().to_vec();
        v[ind(m, "households-with-computer-pct") * np + prov(m, "22")] = 81.25;
        v[ind(m, "fixed-phones-per-100") * np + prov(m, "96")] = 0.125;
        let p = import_xlsx(m, m.baseline(), &export_xlsx(m, &v).unwrap()).unwrap();
        assert_eq!(p.changes.len(), 2);
        assert_eq!(applied(m, m.baseline(), &p), v);
    }

    fn book(rows: &[&[Cell]]) -> Vec<u8> {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::S(s) => ws.write_string(r, c, *s).map(|_| ()),
                    Cell::N(x) => ws.write_number(r, c, *x).map(|_| ()),
                    Cell::B(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                    Cell::E => Ok(()),
                }
                .unwrap();
            }
        }
        wb.save_to_buffer().unwrap()
    }

    enum Cell {
        S(&'static str),
        N(f64),
        B(bool),
        E,
    }
    use Cell::{B, E, N, S};

    #[test]
    fn xlsx_numbers_or_text_and_errors_with_rows() {
        let m = m19();
        let hh = "households-with-computer-pct";
        // Province ids typed as numbers (leading zero lost), values as text with a decimal comma.
        let bytes = book(&[
            &[S("province_id"), S(hh), S("fixed-phones-per-100")],
            &[N(1.0), S("66,5")],
            &[N(22.0), N(81.25), E],
        ]);
        let p = import_xlsx(m, m.baseline(), &bytes).unwrap();
        assert_eq!(p.changes.len(), 2, "{:?}", p.changes);
        assert_eq!(p.changes[0].province, "01");
        assert_eq!(p.changes[0].new, 66.5);
        assert!(p.notes.iter().any(|n| n.en.contains("leading zero")));
        // Binary noise from spreadsheet arithmetic is neither a change nor stored.
        let (qn, hhi) = (prov(m, "22"), ind(m, hh));
        let base = m.baseline_value(hhi, qn);
        let noisy = [base + base * 1e-15, 81.25 + 1e-13];
        let bytes = book(&[&[S("province_id"), S(hh)], &[S("22"), N(noisy[0])]]);
        assert!(import_xlsx(m, m.baseline(), &bytes)
            .unwrap()
            .changes
            .is_empty());
        let bytes = book(&[&[S("province_id"), S(hh)], &[S("22"), N(noisy[1])]]);
        assert_eq!(
            import_xlsx(m, m.baseline(), &bytes).unwrap().changes[0].new,
            81.25
        );
        // Errors carry the sheet's row number and the column header.
        let bytes = book(&[
            &[S("Bảng chỉ số"), E],
            &[E],
            &[S("province_id"), S(hh)],
            &[S("22"), B(true)],
            &[S("01"), N(150.0)],
            &[S("99"), N(1.0)],
        ]);
        let errs = import_xlsx(m, m.baseline(), &bytes).unwrap_err();
        let got: Vec<(ErrorKind, Option<usize>)> = errs.iter().map(|e| (e.kind, e.row)).collect();
        assert_eq!(
            got,
            [
                (ErrorKind::NotANumber, Some(4)),
                (ErrorKind::OutOfRange, Some(5)),
                (ErrorKind::UnknownProvince, Some(6))
            ]
        );
        for e in &errs {
            bilingual(e);
        }
        assert!(errs[0].message.en.contains("'TRUE'"));
    }

    #[test]
    fn xlsx_file_errors() {
        let m = m19();
        let kind = |bytes: &[u8]| {
            let errs = import_xlsx(m, m.baseline(), bytes).unwrap_err();
            assert_eq!(errs.len(), 1);
            bilingual(&errs[0]);
            errs[0].kind
        };
        assert_eq!(kind(b""), ErrorKind::EmptyFile);
        assert_eq!(kind(b"province_id,x\n22,1\n"), ErrorKind::NotXlsx);
        assert_eq!(
            kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            ErrorKind::NotXlsx
        );
        assert_eq!(
            kind(&vec![0u8; MAX_TABLE_BYTES + 1]),
            ErrorKind::FileTooLarge
        );
        assert_eq!(kind(&book(&[])), ErrorKind::EmptyFile);
        assert_eq!(
            kind(&book(&[&[
                S("province_id"),
                S("households-with-computer-pct")
            ]])),
            ErrorKind::NoDataRows
        );
        assert_eq!(
            kind(&book(&[&[S("id"), S("x")], &[S("22"), N(1.0)]])),
            ErrorKind::MissingHeader
        );
        // A truncated file.
        let good = export_xlsx(m, m.baseline()).unwrap();
        assert_eq!(kind(&good[..good.len() / 2]), ErrorKind::NotXlsx);
    }

    /// calamine 0.38 reads cell references with unchecked arithmetic: without the check before it,
    /// each of these workbooks overflows it (a panic in this debug build).
    #[test]
    fn cell_references_past_excel_last_cell_are_refused() {
        let m = m19();
        let refused = |bytes: &[u8]| {
            let errs = import_xlsx(m, m.baseline(), bytes).unwrap_err();
            assert_eq!(errs.len(), 1, "{errs:?}");
            bilingual(&errs[0]);
            assert_eq!(errs[0].kind, ErrorKind::BadCellReference, "{errs:?}");
            errs.into_iter().next().unwrap()
        };
        // A small workbook written by hand: header cell B1 written as ZZZZZZZZZZ1.
        let e = refused(include_bytes!("fixtures/cell-ref-overflow.xlsx"));
        assert_eq!(e.row, Some(1));
        assert_eq!(e.column.as_deref(), Some("ZZZZZZZZZZ"));
        let l = e.located();
        assert!(
            l.vi.starts_with(
                "Dòng 1, cột 'ZZZZZZZZZZ': Trang tính '2019' có tham chiếu ô 'ZZZZZZZZZZ1'"
            ),
            "{}",
            l.vi
        );
        assert!(
            l.en.starts_with("Line 1, column 'ZZZZZZZZZZ': The worksheet '2019' has the cell reference 'ZZZZZZZZZZ1'"),
            "{}",
            l.en
        );
        assert!(l.vi.contains("XFD1048576") && l.en.contains("XFD1048576"));

        // The template with one reference changed, in each place calamine reads one.
        let parts = unzip(&export_xlsx(m, m.baseline()).unwrap());
        let sheet = parts
            .iter()
            .position(|(n, _)| n.ends_with("sheet1.xml"))
            .unwrap();
        let with = |from: &str, to: &str| {
            let mut parts = parts.clone();
            let xml = String::from_utf8(parts[sheet].1.clone()).unwrap();
            assert!(xml.contains(from), "{from}");
            parts[sheet].1 = xml.replacen(from, to, 1).into_bytes();
            rezip(&parts)
        };
        let dim = r#"<dimension ref="A1:AE64"/>"#;
        for (from, to, row, column) in [
            (
                r#"<c r="B2""#,
                r#"<c r="ZZZZZZZZZZ2""#,
                Some(2),
                Some("ZZZZZZZZZZ"),
            ),
            (r#"<c r="B2""#, r#"<c r="XFE2""#, Some(2), Some("XFE")),
            (r#"<c r="B2""#, r#"<c r="B99999999999""#, None, Some("B")),
            (r#"<row r="2""#, r#"<row r="99999999999""#, None, None),
            (
                dim,
                r#"<dimension ref="A1:ZZZZZZZZZZ64"/>"#,
                Some(1),
                Some("A"),
            ),
            (dim, r#"<dimension ref="AE64:A1"/>"#, Some(64), Some("AE")),
        ] {
            let e = refused(&with(from, to));
            assert_eq!((e.row, e.column.as_deref()), (row, column), "{to}");
            assert!(e.message.en.starts_with("The worksheet '2019'"), "{e:?}");
        }
        // Excel's last cell itself is fine.
        let p = import_xlsx(
            m,
            m.baseline(),
            &with(dim, r#"<dimension ref="A1:XFD1048576"/>"#),
        );
        assert!(p.is_ok(), "{p:?}");
        let last = with(
            "</sheetData>",
            r#"<row r="1048576"><c r="XFD1048576"/></row></sheetData>"#,
        );
        assert!(import_xlsx(m, m.baseline(), &last).is_ok());
        // A part that is no worksheet is named by its path.
        let mut odd = parts.clone();
        odd.push((
            "xl/extra.xml".into(),
            br#"<x><y ref="A1:XFE1"/></x>"#.to_vec(),
        ));
        let e = refused(&rezip(&odd));
        assert!(
            e.message
                .en
                .starts_with("The part 'xl/extra.xml' of the file"),
            "{e:?}"
        );
        assert!(
            e.message.vi.starts_with("Phần 'xl/extra.xml' của tệp"),
            "{e:?}"
        );
    }

    /// calamine 0.38 reserves room for as many shared strings as `<sst uniqueCount>` says before
    /// reading one: without the check before it, this workbook (found by `cargo xtask fuzz`)
    /// aborts the program for want of 100 GB.
    #[test]
    fn a_count_of_shared_strings_larger_than_its_part_is_refused() {
        let m = m19();
        let mut parts = unzip(&export_xlsx(m, m.baseline()).unwrap());
        let sst = parts
            .iter()
            .position(|(n, _)| n.ends_with("sharedStrings.xml"))
            .unwrap();
        let xml = String::from_utf8(parts[sst].1.clone()).unwrap();
        let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
        let end = at + xml[at..].find('"').unwrap();
        let mut set = |count: &str| {
            parts[sst].1 = format!("{}{count}{}", &xml[..at], &xml[end..]).into_bytes();
            import_xlsx(m, m.baseline(), &rezip(&parts))
        };
        let errs = set("4294967296").unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        bilingual(&errs[0]);
        assert_eq!(errs[0].kind, ErrorKind::NotXlsx);
        assert!(
            errs[0]
                .message
                .en
                .contains("'xl/sharedStrings.xml' declares 4294967296 shared strings"),
            "{errs:?}"
        );
        // The count as written, and the most the part can hold, are fine.
        assert!(set(&xml[at..end]).is_ok());
        let room = (xml.len() - (end - at) + 6) / 5;
        assert!(set(&format!("{room:06}")).is_ok());
        assert!(set(&format!("{:06}", room + 1)).is_err());
    }
}

// ---------------------------------------------------------------------------------------------
// Fuzzing: nothing panics, whatever the input
// ---------------------------------------------------------------------------------------------

const CASES: u32 = 2_000;

/// Runs `test` on [`CASES`] values of `strategy` drawn from the seed of [`common::seed`]
/// (fixed in `cargo test`); a failure names the seed.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value)) -> usize
where
    S::Value: std::fmt::Debug,
{
    let runs = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        failure_persistence: None,
        ..common::config(CASES)
    });
    let result = runner.run(&strategy, |v| {
        runs.fetch_add(1, Ordering::Relaxed);
        test(v);
        Ok(())
    });
    let n = runs.load(Ordering::Relaxed);
    eprintln!("fuzz {name}: {n} executions");
    if let Err(e) = result {
        let seed = common::seed();
        panic!(
            "fuzz {name} failed, seed {seed} ({}): {e}",
            common::replay(seed)
        );
    }
    n
}

/// A byte: often one that matters to the parsers.
fn edit_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        any::<u8>(),
        prop::sample::select(b",;\t\"\n\r.-+0123456789 {}[]:e\xef\xbb\xbf\xc3\xa0".to_vec()),
    ]
}

/// Random edits (replace, insert, delete, duplicate a span) applied to a valid file.
fn mutate(base: &[u8], edits: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut out = base.to_vec();
    for &(op, pos, b) in edits {
        let at = if out.is_empty() {
            0
        } else {
            pos % (out.len() + 1)
        };
        match op % 4 {
            0 if at < out.len() => out[at] = b,
            1 => out.insert(at, b),
            2 if at < out.len() => {
                out.remove(at);
            }
            3 => {
                let end = (at + usize::from(b)).min(out.len());
                let span = out[at..end].to_vec();
                out.splice(at..at, span);
            }
            _ => {}
        }
    }
    out
}

fn edits() -> impl Strategy<Value = Vec<(u8, usize, u8)>> {
    prop::collection::vec((any::<u8>(), any::<usize>(), edit_byte()), 1..12)
}

/// Checks that a CSV import result is well-formed (bounded errors, bilingual).
fn check_import(r: Result<ImportPreview, Vec<ImportError>>) {
    match r {
        Ok(p) => {
            let m = m19();
            let after = applied(m, m.baseline(), &p);
            assert_eq!(after.len(), m.baseline().len());
        }
        Err(errs) => {
            assert!(!errs.is_empty() && errs.len() <= MAX_ERRORS + 1);
            for e in &errs {
                assert!(!e.message.vi.is_empty() && !e.message.en.is_empty());
            }
        }
    }
}

#[test]
fn fuzz_csv_arbitrary_bytes() {
    let m = m19();
    fuzz(
        "import_csv arbitrary bytes",
        prop::collection::vec(edit_byte(), 0..3000),
        |b| {
            check_import(import_csv(m, m.baseline(), &b));
        },
    );
}

#[test]
fn fuzz_csv_mutated_template() {
    let m = m19();
    let base = export_csv(m, m.baseline()).into_bytes();
    fuzz("import_csv mutated template", edits(), |e| {
        check_import(import_csv(m, m.baseline(), &mutate(&base, &e)));
    });
}

#[test]
fn fuzz_csv_structured() {
    let m = m19();
    let header_cell = prop::sample::select(vec![
        "province_id",
        "province_name",
        "households-with-computer-pct",
        "fixed-phones-per-100",
        "mobile-phones-per-100",
        "",
        "bogus",
        "PROVINCE_ID",
    ]);
    let cell = prop_oneof![
        prop::sample::select(vec![
            "22", "01", "1", "99", "", " ", "-0", "1.234,5", "12,5", "abc", "\"\"", "1e5", "−3"
        ])
        .prop_map(str::to_string),
        any::<f64>().prop_map(|f| f.to_string()),
        "[0-9.,;\"\\- ]{0,8}",
    ];
    let table = (
        prop::collection::vec(header_cell, 0..6),
        prop::collection::vec(prop::collection::vec(cell, 0..7), 0..8),
        prop::sample::select(vec![",", ";", "\t"]),
    );
    fuzz("import_csv structured tables", table, |(h, rows, d)| {
        let mut s = h.join(d);
        for r in rows {
            s.push('\n');
            s.push_str(&r.join(d));
        }
        check_import(import_csv(m, m.baseline(), s.as_bytes()));
    });
}

#[test]
fn fuzz_scenario_json() {
    let models = [m19(), m18()];
    fuzz("scenario_from_json arbitrary text", any::<String>(), |t| {
        let _ = scenario_from_json(&t, &models);
    });
    let base = scenario_to_json(&sample_file()).into_bytes();
    fuzz("scenario_from_json mutated file", edits(), |e| {
        let t = String::from_utf8_lossy(&mutate(&base, &e)).into_owned();
        if let Ok(f) = scenario_from_json(&t, &models) {
            // Whatever passes evaluates.
            let m = models.iter().find(|m| m.year() == f.year).unwrap();
            assert!(m.evaluate(&f.scenario).is_ok());
        }
    });
}

#[cfg(feature = "xlsx")]
#[test]
fn fuzz_xlsx() {
    use ict_engine::io::import_xlsx;
    let m = m19();
    fuzz(
        "import_xlsx arbitrary bytes",
        prop::collection::vec(any::<u8>(), 0..4000),
        |b| {
            check_import(import_xlsx(m, m.baseline(), &b));
        },
    );
    // Start from a zip header so that the zip reader goes further.
    fuzz(
        "import_xlsx zip-like bytes",
        prop::collection::vec(any::<u8>(), 0..2000),
        |b| {
            let mut bytes = b"PK\x03\x04".to_vec();
            bytes.extend(b);
            check_import(import_xlsx(m, m.baseline(), &bytes));
        },
    );
    let base = export_xlsx(m, m.baseline()).unwrap();
    fuzz("import_xlsx mutated export", edits(), |e| {
        check_import(import_xlsx(m, m.baseline(), &mutate(&base, &e)));
    });
    // Mutate the XML inside a valid package, then re-zip it: reaches calamine's XML parsing.
    let parts = unzip(&base);
    let targets: Vec<usize> = (0..parts.len())
        .filter(|&k| {
            ["sheet1.xml", "sharedStrings.xml", "/workbook.xml"]
                .iter()
                .any(|t| parts[k].0.ends_with(t))
        })
        .collect();
    assert_eq!(
        targets.len(),
        3,
        "{:?}",
        parts.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    fuzz(
        "import_xlsx mutated XML inside the package",
        (prop::sample::select(targets), edits()),
        |(k, e)| {
            let mut parts = parts.clone();
            parts[k].1 = mutate(&parts[k].1, &e);
            check_import(import_xlsx(m, m.baseline(), &rezip(&parts)));
        },
    );
}
