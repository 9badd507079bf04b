//! The Excel module of the web app, kept out of its first download (calamine, rust_xlsxwriter and
//! zip weigh more than the rest of the app together). The app loads it the first time a planner
//! picks an .xlsx file or asks for an Excel download (`src/app/io_module.rs`), and talks to it in
//! JSON:
//!
//! - [`read_xlsx`]: workbook bytes and the edition year → the rows of the sheet to import
//!   ([`SheetRows`] as JSON); the app checks them itself with
//!   [`ict_engine::io::import_sheet_rows`], exactly as it checks a CSV file.
//! - [`write_xlsx`]: sheets ([`ict_engine::table::Sheet`] list as JSON) → workbook bytes.
//!
//! Errors are thrown as JSON of a bilingual [`Text`]. Nothing here panics on any input; should the
//! module trap all the same, the app reports it and drops this instance.

use ict_engine::io::{ImportError, SheetRows};
use ict_engine::table::Sheet;
use ict_engine::Text;
use wasm_bindgen::prelude::wasm_bindgen;

fn text_json(t: &Text) -> String {
    serde_json::to_string(t).unwrap_or_default()
}

/// The rows of the workbook's sheet for `year` as JSON ([`SheetRows`]), or the problem (JSON of
/// a [`Text`] with the row where there is one).
#[wasm_bindgen]
pub fn read_xlsx(bytes: &[u8], year: u16) -> Result<String, String> {
    let rows: SheetRows =
        ict_engine::io::read_xlsx(bytes, year).map_err(|e: ImportError| text_json(&e.located()))?;
    serde_json::to_string(&rows).map_err(|e| {
        text_json(&Text {
            vi: format!("Lỗi nội bộ khi đọc tệp Excel: {e}"),
            en: format!("Internal error while reading the Excel file: {e}"),
        })
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
    ict_engine::table::write_xlsx(&sheets).map_err(|e| {
        let (vi, en) = e.split_once(" / ").unwrap_or((e.as_str(), e.as_str()));
        text_json(&Text {
            vi: vi.to_string(),
            en: en.to_string(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ict_engine::builtin;
    use ict_engine::table::data_sheets;

    fn text(json: &str) -> Text {
        serde_json::from_str(json).expect("errors are JSON of a Text")
    }

    #[test]
    fn written_workbook_reads_back_as_the_same_rows() {
        let m = builtin::model(2019).unwrap();
        let sheets = data_sheets(&m, &m.baseline);
        let bytes = write_xlsx(&serde_json::to_string(&sheets).unwrap()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let rows: SheetRows = serde_json::from_str(&read_xlsx(&bytes, 2019).unwrap()).unwrap();
        assert_eq!(rows.sheet, "2019");
        assert_eq!(rows.rows.len(), m.province_count() + 1);
        assert_eq!(rows.rows[1].cells[0], "01");
        let preview = ict_engine::io::import_sheet_rows(&m, &m.baseline, rows).unwrap();
        assert!(preview.changes.is_empty(), "{:?}", preview.changes);
    }

    #[test]
    fn bad_input_gives_bilingual_errors() {
        let e = text(&read_xlsx(b"PK\x03\x04 not really a zip", 2019).unwrap_err());
        assert!(e.vi.contains("Excel"), "{e:?}");
        assert!(e.en.contains("Excel"), "{e:?}");
        let e = text(&read_xlsx(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0], 2019).unwrap_err());
        assert!(e.en.contains(".xls"), "{e:?}");
        let e = text(&write_xlsx("[{\"name\": 3}]").unwrap_err());
        assert!(e.vi.starts_with("Dữ liệu bảng không hợp lệ"), "{e:?}");
        // A sheet name Excel refuses (over 31 characters).
        let m = builtin::model(2019).unwrap();
        let mut sheets = data_sheets(&m, &m.baseline);
        sheets[0].name = "x".repeat(40);
        let e = text(&write_xlsx(&serde_json::to_string(&sheets).unwrap()).unwrap_err());
        assert!(e.vi.starts_with("Không tạo được tệp Excel"), "{e:?}");
        assert!(e.en.starts_with("Could not create the Excel file"), "{e:?}");
    }
}
