//! The file module of the web app, kept out of its first download: reading a ministry table
//! (CSV or Excel) and writing Excel (calamine, rust_xlsxwriter and zip weigh more than the rest of
//! the app together; the import checks are the next largest part). The app loads it the first
//! time a planner imports a data file or asks for an Excel download (`src/app/io_module.rs`), and
//! talks to it in JSON:
//!
//! - [`import_table`]: file bytes, the edition year and the current values → what the import
//!   would change ([`ImportPreview`] as JSON), or every problem found (a list of bilingual
//!   [`Text`]s with row and column, as JSON).
//! - [`write_xlsx`]: sheets ([`ict_engine::table::Sheet`] list as JSON) → workbook bytes.
//!
//! Errors are thrown as JSON. Nothing here panics on any input; should the module trap all the
//! same, the app reports it and does not call it again.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use ict_engine::io::{ImportError, ImportPreview};
use ict_engine::table::Sheet;
use ict_engine::{builtin, Model, Text};
use wasm_bindgen::prelude::wasm_bindgen;

fn text_json(t: &Text) -> String {
    serde_json::to_string(t).unwrap_or_default()
}

fn texts_json(ts: &[Text]) -> String {
    serde_json::to_string(ts).unwrap_or_default()
}

thread_local! {
    /// Editions parsed once per instance.
    static MODELS: RefCell<HashMap<u16, Rc<Model>>> = RefCell::new(HashMap::new());
}

fn model(year: u16) -> Result<Rc<Model>, Text> {
    if let Some(m) = MODELS.with(|c| c.borrow().get(&year).cloned()) {
        return Ok(m);
    }
    let m = Rc::new(builtin::model(year).map_err(|e| Text {
        vi: format!("Không có số liệu năm {year}: {e}"),
        en: format!("No data for {year}: {e}"),
    })?);
    MODELS.with(|c| c.borrow_mut().insert(year, m.clone()));
    Ok(m)
}

/// Checks a ministry table (CSV, or .xlsx told by its first bytes) against the built-in edition of
/// `year` and the `current` values (indicator-major, as the app holds them): the preview as JSON
/// ([`ImportPreview`]), or every problem as JSON (a list of [`Text`], each with its row and
/// column). Nothing is applied.
#[wasm_bindgen]
pub fn import_table(bytes: &[u8], year: u16, current: &[f64]) -> Result<String, String> {
    let m = model(year).map_err(|t| texts_json(&[t]))?;
    let preview: ImportPreview = ict_engine::io::import_file(&m, current, bytes)
        .map_err(|es| texts_json(&es.iter().map(ImportError::located).collect::<Vec<_>>()))?;
    serde_json::to_string(&preview).map_err(|e| {
        texts_json(&[Text {
            vi: format!("Lỗi nội bộ khi đọc tệp: {e}"),
            en: format!("Internal error while reading the file: {e}"),
        }])
    })
}

/// A workbook of the sheets given as JSON (a list of [`Sheet`]), or the problem (JSON of a
/// [`Text`]).
#[wasm_bindgen]
pub fn write_xlsx(sheets_json: &str) -> Result<Vec<u8>, String> {
    let sheets: Vec<Sheet> = serde_json::from_str(sheets_json).map_err(|e| {
        text_json(&Text {
            vi: format!("Dữ liệu bảng không hợp lệ: {e}"),
            en: format!("Invalid table data: {e}"),
        })
    })?;
    ict_engine::table::write_xlsx(&sheets).map_err(|e| text_json(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ict_engine::io::export_csv;
    use ict_engine::table::data_sheets;

    fn text(json: &str) -> Text {
        serde_json::from_str(json).expect("errors are JSON of a Text")
    }

    fn texts(json: &str) -> Vec<Text> {
        serde_json::from_str(json).expect("import errors are JSON of a list of Texts")
    }

    fn preview(json: &str) -> ImportPreview {
        serde_json::from_str(json).expect("a preview as JSON")
    }

    #[test]
    fn written_workbook_and_csv_import_with_the_same_preview() {
        let m = builtin::model(2019).unwrap();
        let np = m.province_count();
        let mut v = m.baseline().to_vec();
        let qn = m.province_index("22").unwrap();
        let i = m.indicator_index("households-with-computer-pct").unwrap();
        v[i * np + qn] = 90.0;
        let bytes = write_xlsx(&serde_json::to_string(&data_sheets(&m, &v)).unwrap()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let from_xlsx = preview(&import_table(&bytes, 2019, m.baseline()).unwrap());
        let from_csv =
            preview(&import_table(export_csv(&m, &v).as_bytes(), 2019, m.baseline()).unwrap());
        assert_eq!(from_xlsx.changes, from_csv.changes);
        assert_eq!(from_xlsx.changes.len(), 1);
        assert_eq!(from_xlsx.changes[0].province, "22");
        assert_eq!(from_xlsx.changes[0].new, 90.0);
        assert!(
            from_xlsx.notes[0].en.contains("'2019'"),
            "{:?}",
            from_xlsx.notes
        );
        // Against values that already hold the change, nothing changes.
        assert!(preview(&import_table(&bytes, 2019, &v).unwrap())
            .changes
            .is_empty());
    }

    #[test]
    fn bad_input_gives_bilingual_errors() {
        let e = texts(&import_table(b"PK\x03\x04 not really a zip", 2019, &[]).unwrap_err());
        assert!(
            e[0].vi.contains("Excel") && e[0].en.contains("Excel"),
            "{e:?}"
        );
        let e = texts(&import_table(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], 2019, &[]).unwrap_err());
        assert!(e[0].en.contains(".xls"), "{e:?}");
        let e = texts(&import_table(b"province_id,nope\n22,1\n", 2019, &[]).unwrap_err());
        assert!(e.iter().any(|t| t.en.contains("nope")), "{e:?}");
        let e = texts(&import_table(b"x", 1999, &[]).unwrap_err());
        assert!(e[0].vi.contains("1999"), "{e:?}");
        let e = text(&write_xlsx("[{\"name\": 3}]").unwrap_err());
        assert!(e.vi.starts_with("Dữ liệu bảng không hợp lệ"), "{e:?}");
        // A sheet name Excel refuses (over 31 characters).
        let m = builtin::model(2019).unwrap();
        let mut sheets = data_sheets(&m, m.baseline());
        sheets[0].name = "x".repeat(40);
        let e = text(&write_xlsx(&serde_json::to_string(&sheets).unwrap()).unwrap_err());
        assert!(e.vi.starts_with("Không tạo được tệp Excel: "), "{e:?}");
        assert!(
            e.en.starts_with("Could not create the Excel file: "),
            "{e:?}"
        );
        // The same detail in both languages, after the prefix.
        assert_eq!(
            e.vi.split_once(": ").unwrap().1,
            e.en.split_once(": ").unwrap().1
        );
        assert!(e.vi.len() > "Không tạo được tệp Excel: ".len() + 5, "{e:?}");
    }
}
