//! Data in and out: the ministry table (CSV, and XLSX with the `xlsx` feature), the results
//! table, and scenario files (JSON).
//!
//! Nothing here panics on any input, and nothing is applied partially: an import either yields an
//! [`ImportPreview`] (what would change) or every problem found, each an [`ImportError`] with its
//! line, column and a message in Vietnamese and English. The caller shows the preview and, once
//! the planner agrees, takes its [`ImportPreview::changes`] into its data.
//!
//! # The ministry table
//!
//! One header line, then one line per province (any subset, any order):
//!
//! ```text
//! province_id,province_name,fixed-phones-per-100,mobile-phones-per-100,…
//! 01,Hà Nội,6.120,140.250,…
//! ```
//!
//! - `province_id`: the two-digit code of the edition (`22` is Quảng Ninh); `1` is read as `01`,
//!   because spreadsheets drop leading zeros.
//! - `province_name`: optional, ignored on import (it is there for people).
//! - one column per indicator id of the edition, in any order; a missing column or an empty cell
//!   keeps the current value (reported in [`ImportPreview::notes`]); any other column name is an
//!   error.
//! - [`export_csv`] writes `,` between cells and `.` as decimal mark, each value with its
//!   indicator's decimals, UTF-8 without BOM. [`import_csv`] also accepts a UTF-8 BOM, `;` or a
//!   tab between cells (guessed from the header line, or given by an Excel `sep=;` first line),
//!   the Vietnamese decimal comma and thousands grouping (`1.234,5`), and title lines above the
//!   header (the header is the first line, among the first 20, that has a `province_id` cell).
//! - Values are kept as written (more decimals than the indicator's are kept), except that
//!   binary noise from spreadsheet arithmetic (`12.300000000000001`) is rounded away.
//! - At most [`MAX_TABLE_BYTES`] (2 MB).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::compute::Results;
use crate::dataset::{validate_value, Model};
use crate::error::EngineError;
use crate::methodology::{IndicatorDef, Text};
use crate::numfmt::{self, Lang, ParseError};
use crate::province_set::PUBLISHED_SET;
use crate::scenario::Scenario;
#[cfg(feature = "xlsx")]
pub use crate::table::INDICATORS_SHEET;
use crate::table::{data_sheets, results_sheets};
pub use crate::table::{PROVINCE_ID, PROVINCE_NAME};

#[cfg(feature = "xlsx")]
mod guard;

/// Largest table file accepted by [`import_csv`] and [`import_xlsx`] (bytes).
pub const MAX_TABLE_BYTES: usize = 2 * 1024 * 1024;
/// Largest scenario file accepted by [`scenario_from_json`] (bytes).
pub const MAX_SCENARIO_BYTES: usize = 1024 * 1024;
/// Most errors returned by one import; past it a last error says how many more there are.
pub const MAX_ERRORS: usize = 50;
/// Longest scenario name (characters).
pub const MAX_NAME_CHARS: usize = 200;
/// Prepend to a CSV download so that Excel reads it as UTF-8 (diacritics intact).
pub const UTF8_BOM: &str = "\u{feff}";
/// How many non-blank lines may stand above the header (titles).
const HEADER_SEARCH: usize = 20;
/// Longest cell text quoted in a message (characters).
const QUOTE_CHARS: usize = 40;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/// What kind of problem an [`ImportError`] reports (for code; people read `message`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    UnknownProvince,
    UnknownIndicator,
    /// A header that is not `province_id`, `province_name` or an indicator id.
    UnknownColumn,
    NotANumber,
    OutOfRange,
    MissingCell,
    /// A line with more (non-empty) cells than the header has columns.
    ExtraCells,
    /// A province listed twice.
    DuplicateRow,
    DuplicateColumn,
    /// Data under a header cell left empty.
    UnnamedColumn,
    WrongEncoding,
    /// No `province_id` column: the header line is missing or wrong.
    MissingHeader,
    NoIndicatorColumns,
    EmptyFile,
    NoDataRows,
    FileTooLarge,
    /// The last error of a list cut at [`MAX_ERRORS`].
    TooManyErrors,
    /// The CSV reader failed (should not happen on UTF-8 text).
    MalformedCsv,
    /// Not a readable .xlsx file (damaged, another format, old .xls, password-protected).
    NotXlsx,
    NoSheet,
    /// Too much data once unzipped, too many cells or columns.
    SheetTooLarge,
    /// A cell reference past Excel's last cell `XFD1048576`, or a range that ends before it
    /// starts (a damaged or forged workbook).
    BadCellReference,
    InvalidJson,
    /// JSON without a `schema` field: not a scenario file.
    NotAScenario,
    /// A `schema` other than [`SCENARIO_SCHEMA`] and [`SCENARIO_SCHEMA_V2`].
    WrongSchema,
    /// A province set the app does not have (or was not given models of), none in a file of
    /// version 2, or one other than the 63 in a file of version 1.
    UnknownProvinceSet,
    UnknownYear,
    NameTooLong,
    UnknownNode,
    InvalidWeight,
    InvalidData,
}

/// One problem found in an imported file. `message` is complete in both languages;
/// [`ImportError::located`] prefixes the line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based line of the file (the header of the template is line 1; for XLSX the sheet's row
    /// number; for JSON the line of a syntax or type error). `None` when it concerns the file.
    pub row: Option<usize>,
    /// The column's header (an indicator id, `province_id`…), for a damaged cell reference its
    /// column letters, or, for a scenario file, the path of the field
    /// (`scenario.values.22.fixed-phones-per-100`).
    pub column: Option<String>,
    pub message: Text,
    pub kind: ErrorKind,
}

fn text(vi: String, en: String) -> Text {
    Text { vi, en }
}

/// Cuts a cell for quoting in a message.
fn quote(cell: &str) -> String {
    let cell = cell.trim();
    if cell.chars().count() > QUOTE_CHARS {
        let mut s: String = cell.chars().take(QUOTE_CHARS).collect();
        s.push('…');
        s
    } else {
        cell.to_string()
    }
}

/// A number for a message, in each language's decimal mark: (vi, en).
fn show(v: f64) -> (String, String) {
    if v.is_nan() {
        return ("NaN".into(), "NaN".into());
    }
    if v.is_infinite() {
        let s = if v > 0.0 { "∞" } else { "−∞" };
        return (s.into(), s.into());
    }
    let en = if v.abs() >= 1e15 {
        format!("{v:e}")
    } else {
        format!("{v}")
    };
    let en = en.replace('-', "−");
    (en.replace('.', ","), en)
}

fn show_bytes(n: usize) -> (String, String) {
    let mb = n as f64 / (1024.0 * 1024.0);
    let (d, unit) = if mb >= 0.1 { (1, "MB") } else { (0, "kB") };
    let v = if unit == "MB" { mb } else { n as f64 / 1024.0 };
    (
        format!("{} {unit}", numfmt::format(v, d, Lang::Vi)),
        format!("{} {unit}", numfmt::format(v, d, Lang::En)),
    )
}

/// "1 cell" / "2 cells" (English only; Vietnamese nouns have no plural).
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn list(ids: &[&str], max: usize) -> String {
    let mut s = ids.iter().take(max).copied().collect::<Vec<_>>().join(", ");
    if ids.len() > max {
        s.push_str(", …");
    }
    s
}

impl ImportError {
    fn new(
        kind: ErrorKind,
        row: Option<usize>,
        column: Option<&str>,
        vi: String,
        en: String,
    ) -> Self {
        ImportError {
            row,
            column: column.map(str::to_string),
            message: text(vi, en),
            kind,
        }
    }

    /// The message with its place: "Dòng 5, cột 'x': …" / "Line 5, column 'x': …".
    pub fn located(&self) -> Text {
        let (vi, en) = match (self.row, &self.column) {
            (Some(r), Some(c)) => (
                format!("Dòng {r}, cột '{c}': "),
                format!("Line {r}, column '{c}': "),
            ),
            (Some(r), None) => (format!("Dòng {r}: "), format!("Line {r}: ")),
            (None, Some(c)) => (format!("Cột '{c}': "), format!("Column '{c}': ")),
            (None, None) => (String::new(), String::new()),
        };
        text(vi + &self.message.vi, en + &self.message.en)
    }

    pub fn unknown_province(row: Option<usize>, id: &str) -> Self {
        let id = quote(id);
        Self::new(
            ErrorKind::UnknownProvince,
            row,
            Some(PROVINCE_ID),
            format!("Không có tỉnh/thành phố mã '{id}' (mã hai chữ số, ví dụ 22 là Quảng Ninh)."),
            format!("Unknown province id '{id}' (two-digit codes, e.g. 22 is Quảng Ninh)."),
        )
    }

    pub fn unknown_indicator(column: &str, id: &str, year: u16) -> Self {
        let id = quote(id);
        Self::new(
            ErrorKind::UnknownIndicator,
            None,
            Some(column),
            format!("Chỉ tiêu mã '{id}' không có trong bộ chỉ số năm {year}."),
            format!("Indicator id '{id}' is not in the {year} edition."),
        )
    }

    pub fn unknown_column(row: usize, name: &str, year: u16) -> Self {
        let name = quote(name);
        Self::new(
            ErrorKind::UnknownColumn,
            Some(row),
            Some(&name),
            format!(
                "Cột '{name}' không hợp lệ: không phải province_id, province_name hay mã một chỉ \
                 tiêu của năm {year}."
            ),
            format!(
                "Unknown column '{name}': not province_id, province_name or an indicator id of \
                 the {year} edition."
            ),
        )
    }

    pub fn not_a_number(row: usize, column: &str, cell: &str) -> Self {
        let cell = quote(cell);
        Self::new(
            ErrorKind::NotANumber,
            Some(row),
            Some(column),
            format!("Ô '{cell}' không phải là số (ví dụ hợp lệ: 12,5 hoặc 12.5)."),
            format!("The cell '{cell}' is not a number (valid examples: 12.5 or 12,5)."),
        )
    }

    /// `row` is `None` for a scenario file; `column` then is the field's path.
    pub fn out_of_range(row: Option<usize>, column: &str, ind: &IndicatorDef, value: f64) -> Self {
        let (v_vi, v_en) = show(value);
        let (lo_vi, lo_en) = show(ind.valid[0]);
        let (hi_vi, hi_en) = show(ind.valid[1]);
        Self::new(
            ErrorKind::OutOfRange,
            row,
            Some(column),
            format!(
                "Giá trị {v_vi} của chỉ tiêu '{}' nằm ngoài khoảng hợp lệ từ {lo_vi} đến {hi_vi} \
                 (đơn vị: {}).",
                ind.name.vi, ind.unit.vi
            ),
            format!(
                "The value {v_en} of '{}' is outside the valid range {lo_en} to {hi_en} (unit: {}).",
                ind.name.en, ind.unit.en
            ),
        )
    }

    pub fn missing_cell(row: usize, column: &str) -> Self {
        Self::new(
            ErrorKind::MissingCell,
            Some(row),
            Some(column),
            format!(
                "Thiếu ô ở cột '{column}': dòng này có ít ô hơn dòng tiêu đề, hoặc ô bị bỏ trống."
            ),
            format!(
                "Missing cell in column '{column}': the line has fewer cells than the header, or \
                 the cell is empty."
            ),
        )
    }

    pub fn extra_cells(row: usize, cells: usize, columns: usize) -> Self {
        Self::new(
            ErrorKind::ExtraCells,
            Some(row),
            None,
            format!(
                "Dòng này có {cells} ô nhưng dòng tiêu đề chỉ có {columns} cột. Nếu số dùng dấu \
                 phẩy thập phân, hãy phân cách các cột bằng dấu chấm phẩy (;) hoặc đặt số trong \
                 ngoặc kép."
            ),
            format!(
                "The line has {cells} cells but the header has only {columns} columns. If numbers \
                 use a decimal comma, separate the columns with semicolons (;) or put the numbers \
                 in double quotes."
            ),
        )
    }

    pub fn duplicate_row(row: usize, id: &str, first_row: usize) -> Self {
        let id = quote(id);
        Self::new(
            ErrorKind::DuplicateRow,
            Some(row),
            Some(PROVINCE_ID),
            format!("Tỉnh/thành phố mã '{id}' xuất hiện hai lần (lần đầu ở dòng {first_row})."),
            format!("Province '{id}' is listed twice (first on line {first_row})."),
        )
    }

    pub fn duplicate_column(row: usize, name: &str) -> Self {
        let name = quote(name);
        Self::new(
            ErrorKind::DuplicateColumn,
            Some(row),
            Some(&name),
            format!("Cột '{name}' xuất hiện hai lần trong dòng tiêu đề."),
            format!("The column '{name}' appears twice in the header."),
        )
    }

    /// `position` is 1-based.
    pub fn unnamed_column(row: usize, position: usize) -> Self {
        Self::new(
            ErrorKind::UnnamedColumn,
            Some(row),
            None,
            format!("Cột thứ {position} có dữ liệu nhưng không có tên ở dòng tiêu đề."),
            format!("Column {position} has data but no name in the header."),
        )
    }

    /// `row`: the line of the first byte that is not UTF-8, when known.
    pub fn wrong_encoding(row: Option<usize>) -> Self {
        Self::new(
            ErrorKind::WrongEncoding,
            row,
            None,
            "Tệp không được mã hóa UTF-8 nên dấu tiếng Việt sẽ bị sai. Trong Excel, hãy chọn \
             Lưu thành (Save As) với định dạng \"CSV UTF-8\"."
                .into(),
            "The file is not UTF-8 encoded, so Vietnamese letters would be garbled. In Excel, \
             choose Save As with the format \"CSV UTF-8\"."
                .into(),
        )
    }

    pub fn missing_header(row: Option<usize>) -> Self {
        Self::new(
            ErrorKind::MissingHeader,
            row,
            None,
            "Thiếu dòng tiêu đề: dòng đầu tiên phải có cột province_id và các mã chỉ tiêu, như \
             tệp mẫu (province_id,province_name,<mã chỉ tiêu>,…)."
                .into(),
            "Missing header: the first line must name the province_id column and the indicator \
             ids, as in the template (province_id,province_name,<indicator id>,…)."
                .into(),
        )
    }

    pub fn no_indicator_columns(row: usize) -> Self {
        Self::new(
            ErrorKind::NoIndicatorColumns,
            Some(row),
            None,
            "Dòng tiêu đề không có cột chỉ tiêu nào nên không có gì để nhập.".into(),
            "The header names no indicator column, so there is nothing to import.".into(),
        )
    }

    pub fn empty_file() -> Self {
        Self::new(
            ErrorKind::EmptyFile,
            None,
            None,
            "Tệp trống.".into(),
            "The file is empty.".into(),
        )
    }

    pub fn no_data_rows(header_row: usize) -> Self {
        Self::new(
            ErrorKind::NoDataRows,
            Some(header_row),
            None,
            "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.".into(),
            "The file has a header but no data lines.".into(),
        )
    }

    pub fn file_too_large(size: usize, limit: usize) -> Self {
        let (s_vi, s_en) = show_bytes(size);
        let (l_vi, l_en) = show_bytes(limit);
        Self::new(
            ErrorKind::FileTooLarge,
            None,
            None,
            format!("Tệp quá lớn: {s_vi} (tối đa {l_vi})."),
            format!("The file is too large: {s_en} (at most {l_en})."),
        )
    }

    /// Closes a list cut at [`MAX_ERRORS`].
    pub fn too_many_errors(more: usize) -> Self {
        Self::new(
            ErrorKind::TooManyErrors,
            None,
            None,
            format!("Còn {more} lỗi khác chưa hiển thị; hãy sửa các lỗi trên rồi nhập lại."),
            format!(
                "{} not shown; fix the ones above and import again.",
                count(more, "more error is", "more errors are")
            ),
        )
    }

    pub fn malformed_csv(row: Option<usize>, detail: &str) -> Self {
        let detail = quote(detail);
        Self::new(
            ErrorKind::MalformedCsv,
            row,
            None,
            format!("Không đọc được tệp CSV ({detail})."),
            format!("Cannot read the CSV file ({detail})."),
        )
    }

    pub fn not_xlsx(detail: &str) -> Self {
        let detail: String = detail.chars().take(160).collect();
        Self::new(
            ErrorKind::NotXlsx,
            None,
            None,
            format!(
                "Không đọc được tệp Excel: tệp bị hỏng hoặc không phải định dạng .xlsx ({detail})."
            ),
            format!("Cannot read the Excel file: it is damaged or not in .xlsx format ({detail})."),
        )
    }

    /// An OLE compound file: an old .xls workbook or a password-protected .xlsx.
    pub fn old_xls() -> Self {
        Self::new(
            ErrorKind::NotXlsx,
            None,
            None,
            "Tệp là định dạng Excel cũ (.xls) hoặc có đặt mật khẩu. Hãy lưu lại thành .xlsx \
             không có mật khẩu."
                .into(),
            "The file is an old Excel workbook (.xls) or is password-protected. Save it as .xlsx \
             without a password."
                .into(),
        )
    }

    pub fn no_sheet() -> Self {
        Self::new(
            ErrorKind::NoSheet,
            None,
            None,
            "Tệp Excel không có trang tính nào.".into(),
            "The Excel file has no worksheet.".into(),
        )
    }

    pub fn sheet_too_large(unzipped_limit: usize, cells: usize, columns: usize) -> Self {
        let (l_vi, l_en) = show_bytes(unzipped_limit);
        Self::new(
            ErrorKind::SheetTooLarge,
            None,
            None,
            format!(
                "Tệp Excel chứa quá nhiều dữ liệu (tối đa {l_vi} sau khi giải nén, {cells} ô có \
                 dữ liệu và {columns} cột)."
            ),
            format!(
                "The Excel file holds too much data (at most {l_en} unzipped, {cells} cells with \
                 data and {columns} columns)."
            ),
        )
    }

    /// A cell reference past Excel's last cell (`XFD1048576`), or a range that ends before it
    /// starts, in the worksheet `sheet`; `part`, the part of the package, names the place when no
    /// worksheet of the workbook is stored there. `row` and `column` are those of the reference.
    pub fn bad_cell_reference(
        sheet: Option<&str>,
        part: &str,
        reference: &str,
        row: Option<usize>,
        column: Option<&str>,
    ) -> Self {
        let reference = quote(reference);
        let (at_vi, at_en) = match sheet {
            Some(s) => {
                let s = quote(s);
                (format!("Trang tính '{s}'"), format!("The worksheet '{s}'"))
            }
            None => {
                let p = quote(part);
                (
                    format!("Phần '{p}' của tệp"),
                    format!("The part '{p}' of the file"),
                )
            }
        };
        let column = column.map(quote);
        Self::new(
            ErrorKind::BadCellReference,
            row,
            column.as_deref(),
            format!(
                "{at_vi} có tham chiếu ô '{reference}' nằm ngoài giới hạn của Excel (ô cuối cùng \
                 là XFD1048576: cột XFD, dòng 1.048.576) hoặc là vùng ô ngược chiều. Tệp Excel \
                 bị hỏng: hãy mở bằng Excel rồi lưu lại."
            ),
            format!(
                "{at_en} has the cell reference '{reference}', outside Excel's limits (the last \
                 cell is XFD1048576: column XFD, row 1,048,576) or a range that ends before it \
                 starts. The Excel file is damaged: open it in Excel and save it again."
            ),
        )
    }

    /// A workbook whose part `part` declares `declared` shared strings but has room for at most
    /// `room` (calamine would reserve memory for the count declared).
    pub fn bad_string_count(part: &str, declared: u64, room: u64) -> Self {
        let part = quote(part);
        Self::new(
            ErrorKind::NotXlsx,
            None,
            None,
            format!(
                "Tệp Excel bị hỏng: phần '{part}' khai báo {declared} chuỗi văn bản dùng chung \
                 nhưng chỉ đủ chỗ cho tối đa {room} chuỗi. Hãy mở bằng Excel rồi lưu lại."
            ),
            format!(
                "The Excel file is damaged: the part '{part}' declares {declared} shared strings \
                 but has room for at most {room}. Open it in Excel and save it again."
            ),
        )
    }

    pub fn invalid_json(line: Option<usize>, character: Option<usize>, detail: &str) -> Self {
        let detail: String = detail.chars().take(200).collect();
        let (at_vi, at_en) = match character {
            Some(c) => (format!(" (ký tự thứ {c})"), format!(" (character {c})")),
            None => (String::new(), String::new()),
        };
        Self::new(
            ErrorKind::InvalidJson,
            line,
            None,
            format!("Tệp không phải JSON hợp lệ hoặc sai cấu trúc{at_vi}: {detail}"),
            format!("The file is not valid JSON or has the wrong structure{at_en}: {detail}"),
        )
    }

    pub fn not_a_scenario() -> Self {
        Self::new(
            ErrorKind::NotAScenario,
            None,
            Some("schema"),
            format!(
                "Đây không phải tệp kịch bản của ứng dụng: thiếu trường \"schema\": \
                 \"{SCENARIO_SCHEMA}\"."
            ),
            format!(
                "This is not a scenario file of this app: the field \"schema\": \
                 \"{SCENARIO_SCHEMA}\" is missing."
            ),
        )
    }

    /// `found`: the file's schema; the message names it and the versions the app reads.
    pub fn wrong_schema(found: &str) -> Self {
        let found = quote(found);
        let same_family = found
            .split_once('/')
            .is_some_and(|(f, _)| SCENARIO_SCHEMA.split_once('/').is_some_and(|(g, _)| f == g));
        let (vi, en) = if same_family {
            (
                format!(
                    "Tệp kịch bản dùng phiên bản định dạng \"{found}\" nhưng phiên bản này của \
                     ứng dụng chỉ đọc được \"{SCENARIO_SCHEMA}\" và \"{SCENARIO_SCHEMA_V2}\"."
                ),
                format!(
                    "The scenario file uses format version \"{found}\" but this version of the \
                     app reads only \"{SCENARIO_SCHEMA}\" and \"{SCENARIO_SCHEMA_V2}\"."
                ),
            )
        } else {
            (
                format!(
                    "Đây không phải tệp kịch bản của ứng dụng: định dạng \"{found}\", cần \
                     \"{SCENARIO_SCHEMA}\" hoặc \"{SCENARIO_SCHEMA_V2}\"."
                ),
                format!(
                    "This is not a scenario file of this app: format \"{found}\", expected \
                     \"{SCENARIO_SCHEMA}\" or \"{SCENARIO_SCHEMA_V2}\"."
                ),
            )
        };
        Self::new(ErrorKind::WrongSchema, None, Some("schema"), vi, en)
    }

    /// A file of version 2 without its `provinces`.
    pub fn no_province_set() -> Self {
        Self::new(
            ErrorKind::UnknownProvinceSet,
            None,
            Some("provinces"),
            format!(
                "Tệp kịch bản \"{SCENARIO_SCHEMA_V2}\" phải ghi bộ đơn vị hành chính trong trường \
                 \"provinces\" (ví dụ \"34\")."
            ),
            format!(
                "A scenario file \"{SCENARIO_SCHEMA_V2}\" must name its province set in the field \
                 \"provinces\" (e.g. \"34\")."
            ),
        )
    }

    /// A file of version 1 (the 63 provinces) that names another province set.
    pub fn province_set_in_v1(set: &str) -> Self {
        let set = quote(set);
        Self::new(
            ErrorKind::UnknownProvinceSet,
            None,
            Some("provinces"),
            format!(
                "Tệp kịch bản \"{SCENARIO_SCHEMA}\" chỉ dành cho {PUBLISHED_SET} tỉnh, nhưng ghi bộ \
                 đơn vị \"{set}\"; tệp của bộ đơn vị khác dùng \"{SCENARIO_SCHEMA_V2}\"."
            ),
            format!(
                "A scenario file \"{SCENARIO_SCHEMA}\" is of the {PUBLISHED_SET} provinces, but this \
                 one names the province set \"{set}\"; a file of another set is \
                 \"{SCENARIO_SCHEMA_V2}\"."
            ),
        )
    }

    /// A province set none of `models` is of.
    pub fn unknown_province_set(set: &str, models: &[&Model]) -> Self {
        let set = quote(set);
        let mut known: Vec<&str> = Vec::new();
        for m in models {
            if !known.contains(&m.province_set()) {
                known.push(m.province_set());
            }
        }
        let known = known.join(", ");
        Self::new(
            ErrorKind::UnknownProvinceSet,
            None,
            Some("provinces"),
            format!(
                "Tệp kịch bản dùng bộ đơn vị hành chính \"{set}\" mà ứng dụng không có (hiện có: \
                 {known})."
            ),
            format!(
                "The scenario file uses the province set \"{set}\", which this app does not have \
                 (available: {known})."
            ),
        )
    }

    pub fn unknown_year(year: u16, available: &[u16]) -> Self {
        let years = available
            .iter()
            .map(u16::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        Self::new(
            ErrorKind::UnknownYear,
            None,
            Some("year"),
            format!("Không có bộ chỉ số năm {year} (hiện có: {years})."),
            format!("There is no {year} edition (available: {years})."),
        )
    }

    pub fn name_too_long(chars: usize, max: usize) -> Self {
        Self::new(
            ErrorKind::NameTooLong,
            None,
            Some("name"),
            format!("Tên kịch bản dài {chars} ký tự, tối đa {max} ký tự."),
            format!("The scenario name has {chars} characters; at most {max} are allowed."),
        )
    }

    pub fn unknown_node(column: &str, id: &str) -> Self {
        let id = quote(id);
        Self::new(
            ErrorKind::UnknownNode,
            None,
            Some(column),
            format!("Không có nhóm chỉ số hay chỉ tiêu mã '{id}' để đặt trọng số."),
            format!("There is no pillar, sub-pillar or indicator '{id}' to weight."),
        )
    }

    pub fn invalid_weight(column: &str, id: &str) -> Self {
        let id = quote(id);
        Self::new(
            ErrorKind::InvalidWeight,
            None,
            Some(column),
            format!(
                "Trọng số của '{id}' phải là số hữu hạn ≥ 0, và các trọng số trong cùng một nhóm \
                 không được đều bằng 0."
            ),
            format!(
                "The weight of '{id}' must be a finite number ≥ 0, and the weights inside one \
                 group must not all be zero."
            ),
        )
    }

    pub fn invalid_data(detail: &str) -> Self {
        let detail: String = detail.chars().take(200).collect();
        Self::new(
            ErrorKind::InvalidData,
            None,
            None,
            format!("Dữ liệu không hợp lệ: {detail}"),
            format!("Invalid data: {detail}"),
        )
    }

    /// A bilingual error for an [`EngineError`] of a scenario (`column`: where it was found).
    fn from_engine(model: &Model, e: &EngineError, column: &str) -> Self {
        match e {
            EngineError::UnknownProvince(id) => {
                let mut err = Self::unknown_province(None, id);
                err.column = Some(column.to_string());
                err
            }
            EngineError::UnknownIndicator(id) => Self::unknown_indicator(column, id, model.year()),
            EngineError::UnknownNode(id) => Self::unknown_node(column, id),
            EngineError::InvalidWeight { id } => Self::invalid_weight(column, id),
            EngineError::NotFinite { indicator } => match model.indicator_index(indicator) {
                Some(i) => Self::out_of_range(None, column, &model.indicators()[i], f64::NAN),
                None => Self::invalid_data(&e.to_string()),
            },
            EngineError::OutOfRange {
                indicator, value, ..
            } => match model.indicator_index(indicator) {
                Some(i) => Self::out_of_range(None, column, &model.indicators()[i], *value),
                None => Self::invalid_data(&e.to_string()),
            },
            EngineError::Data(_) => Self::invalid_data(&e.to_string()),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.located().en)
    }
}

impl std::error::Error for ImportError {}

/// Collects errors up to [`MAX_ERRORS`], counting the rest.
#[derive(Default)]
struct Errors {
    list: Vec<ImportError>,
    total: usize,
}

impl Errors {
    /// Counts an error; builds it only while the list has room.
    fn add(&mut self, e: impl FnOnce() -> ImportError) {
        self.total += 1;
        if self.list.len() < MAX_ERRORS {
            self.list.push(e());
        }
    }
    fn finish(mut self) -> Vec<ImportError> {
        if self.total > self.list.len() {
            let more = self.total - self.list.len();
            self.list.push(ImportError::too_many_errors(more));
        }
        self.list
    }
}

// ---------------------------------------------------------------------------------------------
// Preview and apply
// ---------------------------------------------------------------------------------------------

/// One cell an import would change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Province id (as in the model, `"01"` even when the file said `1`).
    pub province: String,
    pub indicator: String,
    pub old: f64,
    pub new: f64,
}

/// What an import would do, before anything is applied.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ImportPreview {
    /// In edition order of provinces, then methodology order of indicators.
    pub changes: Vec<Change>,
    /// Cells read whose value equals the current one, or its value at the indicator's decimals
    /// (so that a table exported with [`export_csv`] imports with no change).
    pub unchanged: usize,
    /// Information, not errors: missing columns, empty cells and provinces absent from the file
    /// (all keep their current values), lines skipped above the header, ids read without their
    /// leading zero, the worksheet read.
    pub notes: Vec<Text>,
}

/// `current` when it has one value per cell, else the model's baseline.
fn current_or_baseline<'a>(model: &'a Model, current: &'a [f64]) -> &'a [f64] {
    if current.len() == model.baseline().len() {
        current
    } else {
        model.baseline()
    }
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/// The ministry table of `values` (indicator-major, as [`Model::apply`] returns them): the header
/// `province_id,province_name,<indicator ids>` then one line per province in edition order, each
/// value with its indicator's decimals and '.' as decimal mark. A value missing from `values` (or
/// not finite) is written as an empty cell, which import reads as "keep".
pub fn export_csv(model: &Model, values: &[f64]) -> String {
    data_sheets(model, values)
        .first()
        .map(crate::table::Sheet::to_csv)
        .unwrap_or_default()
}

/// Reads a ministry table (see the module documentation) against `current` raw values
/// (indicator-major; the baseline is used when the length is wrong). Every problem is returned,
/// up to [`MAX_ERRORS`]; nothing is applied.
pub fn import_csv(
    model: &Model,
    current: &[f64],
    bytes: &[u8],
) -> Result<ImportPreview, Vec<ImportError>> {
    let rows = read_csv(bytes).map_err(|e| vec![e])?;
    validate_table(model, current, rows, false, Vec::new())
}

/// A ministry table as CSV or, with the `xlsx` feature, as an .xlsx workbook, told apart by its
/// first bytes (a zip is a workbook; an old binary .xls is refused with advice).
pub fn import_file(
    model: &Model,
    current: &[f64],
    bytes: &[u8],
) -> Result<ImportPreview, Vec<ImportError>> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(vec![ImportError::old_xls()]);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        #[cfg(feature = "xlsx")]
        return import_xlsx(model, current, bytes);
        #[cfg(not(feature = "xlsx"))]
        return Err(vec![ImportError::not_xlsx("Excel support is not built in")]);
    }
    import_csv(model, current, bytes)
}

/// A line of a table: its 1-based line (or sheet row) and its cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawRow {
    pub line: usize,
    pub cells: Vec<String>,
}

/// The rows read from a worksheet, and its name: what [`read_xlsx`] gives and
/// [`import_sheet_rows`] checks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRows {
    pub sheet: String,
    pub rows: Vec<RawRow>,
}

/// Checks the rows of a worksheet as [`import_csv`] checks a CSV file, except that cells missing
/// at the end of a row are empty rather than missing (spreadsheets do not store them).
pub fn import_sheet_rows(
    model: &Model,
    current: &[f64],
    rows: SheetRows,
) -> Result<ImportPreview, Vec<ImportError>> {
    let sheet = &rows.sheet;
    let note = text(
        format!("Đã đọc trang tính '{sheet}'."),
        format!("Read the worksheet '{sheet}'."),
    );
    validate_table(model, current, rows.rows, true, vec![note])
}

fn check_size(bytes: &[u8], limit: usize) -> Result<(), ImportError> {
    if bytes.len() > limit {
        return Err(ImportError::file_too_large(bytes.len(), limit));
    }
    Ok(())
}

/// The delimiter that occurs most often outside quotes on the header line (',' on a tie).
fn guess_delimiter(line: &str) -> u8 {
    let (mut comma, mut semi, mut tab, mut quoted) = (0usize, 0usize, 0usize, false);
    for ch in line.chars() {
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => comma += 1,
            ';' if !quoted => semi += 1,
            '\t' if !quoted => tab += 1,
            _ => {}
        }
    }
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

fn read_csv(bytes: &[u8]) -> Result<Vec<RawRow>, ImportError> {
    check_size(bytes, MAX_TABLE_BYTES)?;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::wrong_encoding(Some(1)));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
            return Err(ImportError::wrong_encoding(Some(line)));
        }
    };
    let text = text.strip_prefix(UTF8_BOM).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::empty_file());
    }
    // Excel's "sep=;" first line names the delimiter.
    let first_end = text.find('\n').unwrap_or(text.len());
    let first = text.get(..first_end).unwrap_or_default().trim();
    let (body, offset, delimiter) = match first.strip_prefix("sep=") {
        Some(d) if d.len() == 1 && d != "\"" => (
            text.get(first_end + 1..).unwrap_or_default(),
            1,
            d.as_bytes()[0],
        ),
        _ => {
            let header_line = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or_default();
            (text, 0, guess_delimiter(header_line))
        }
    };
    // csv's own line numbers skip blank lines; count them from the byte offsets instead. A
    // record's offset may point at the blank lines before it: step over them.
    let newlines: Vec<usize> = body
        .bytes()
        .enumerate()
        .filter(|&(_, b)| b == b'\n')
        .map(|(k, _)| k)
        .collect();
    let line_at = |pos: Option<&csv::Position>| {
        let mut at = usize::try_from(pos?.byte()).ok()?;
        while matches!(body.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        Some(1 + newlines.partition_point(|&k| k < at) + offset)
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    // One record reused: csv's `byte_records()` clones the record's whole field buffer per line,
    // quadratic after a very wide line.
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = line_at(record.position()).unwrap_or(0);
                let cells = record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect();
                rows.push(RawRow { line, cells });
            }
            Err(e) => {
                return Err(ImportError::malformed_csv(
                    line_at(e.position()),
                    &e.to_string(),
                ));
            }
        }
    }
    Ok(rows)
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

fn header_name(cell: &str) -> String {
    cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .to_lowercase()
}

/// Digits-only province ids without their leading zeros ("01" → "1") → province index.
fn unpadded_ids(model: &Model) -> HashMap<String, usize> {
    model
        .provinces()
        .iter()
        .enumerate()
        .filter(|(_, pr)| !pr.id.is_empty() && pr.id.bytes().all(|b| b.is_ascii_digit()))
        .map(|(p, pr)| (pr.id.trim_start_matches('0').to_string(), p))
        .collect()
}

/// A province by id; digits-only ids also match without their leading zeros ("1" → "01").
/// The flag says a leading zero was missing.
fn resolve_province(
    model: &Model,
    unpadded: &HashMap<String, usize>,
    id: &str,
) -> Option<(usize, bool)> {
    if let Some(p) = model.province_index(id) {
        return Some((p, false));
    }
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    unpadded.get(id.trim_start_matches('0')).map(|&p| (p, true))
}

/// Equal but for binary noise (a spreadsheet's 12.300000000000001 for 12.3).
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A value at the indicator's decimals when it differs from them only by binary noise.
fn snap(ind: &IndicatorDef, v: f64) -> f64 {
    let r = ind.round(v);
    if r.is_finite() && close(r, v) {
        r
    } else {
        v
    }
}

/// Validates a table (shared by CSV and XLSX). `short_rows_ok`: a line with fewer cells than the
/// header has empty trailing cells (a spreadsheet) rather than missing ones (a CSV line).
fn validate_table(
    model: &Model,
    current: &[f64],
    rows: Vec<RawRow>,
    short_rows_ok: bool,
    mut notes: Vec<Text>,
) -> Result<ImportPreview, Vec<ImportError>> {
    let year = model.year();
    let np = model.province_count();
    let inds = model.indicators();
    let mut rows = rows.into_iter().filter(|r| !is_blank(&r.cells)).peekable();
    let Some(first_line) = rows.peek().map(|r| r.line) else {
        return Err(vec![ImportError::empty_file()]);
    };
    // The header: the first line with a province_id cell, among the first few (titles above it).
    let mut skipped = Vec::new();
    let header = loop {
        match rows.next() {
            Some(r) if r.cells.iter().any(|c| header_name(c) == PROVINCE_ID) => break r,
            Some(r) if skipped.len() + 1 < HEADER_SEARCH => skipped.push(r),
            _ => return Err(vec![ImportError::missing_header(Some(first_line))]),
        }
    };
    let hl = header.line;
    if !skipped.is_empty() {
        let n = skipped.len();
        notes.push(text(
            format!("Đã bỏ qua {n} dòng phía trên dòng tiêu đề (dòng {hl})."),
            format!(
                "Skipped {} above the header (line {hl}).",
                count(n, "line", "lines")
            ),
        ));
    }

    let mut errs = Errors::default();
    let ind_lookup: HashMap<String, usize> = inds
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.to_lowercase(), i))
        .collect();
    let mut id_col = None;
    let mut name_col = None;
    let mut ind_cols: Vec<(usize, usize)> = Vec::new();
    let mut has_col = vec![false; inds.len()];
    let mut unnamed: Vec<(usize, bool)> = Vec::new();
    for (j, raw) in header.cells.iter().enumerate() {
        let name = header_name(raw);
        if name.is_empty() {
            unnamed.push((j, false));
        } else if name == PROVINCE_ID || name == PROVINCE_NAME {
            let slot = if name == PROVINCE_ID {
                &mut id_col
            } else {
                &mut name_col
            };
            if slot.is_some() {
                errs.add(|| ImportError::duplicate_column(hl, &name));
            } else {
                *slot = Some(j);
            }
        } else if let Some(&i) = ind_lookup.get(&name) {
            if has_col[i] {
                errs.add(|| ImportError::duplicate_column(hl, &inds[i].id));
            } else {
                has_col[i] = true;
                ind_cols.push((j, i));
            }
        } else {
            errs.add(|| ImportError::unknown_column(hl, raw.trim(), year));
        }
    }
    let Some(id_col) = id_col else {
        return Err(vec![ImportError::missing_header(Some(hl))]);
    };
    if ind_cols.is_empty() {
        errs.add(|| ImportError::no_indicator_columns(hl));
    }

    let width = header.cells.len();
    let unpadded = unpadded_ids(model);
    let mut first_seen: Vec<Option<usize>> = vec![None; np];
    let mut read: Vec<(usize, usize, f64)> = Vec::new();
    let (mut data_rows, mut empty_cells, mut padded) = (0usize, 0usize, false);
    for row in rows {
        data_rows += 1;
        let line = row.line;
        let cells = &row.cells;
        if let Some(last) = cells.iter().rposition(|c| !c.trim().is_empty()) {
            if last >= width {
                errs.add(|| ImportError::extra_cells(line, last + 1, width));
            }
        }
        // `unnamed` is in column order: look only at the columns this line has.
        for (j, reported) in unnamed.iter_mut().take_while(|(j, _)| *j < cells.len()) {
            if !*reported && cells.get(*j).is_some_and(|c| !c.trim().is_empty()) {
                *reported = true;
                errs.add(|| ImportError::unnamed_column(line, *j + 1));
            }
        }
        let p = match cells.get(id_col).map(|c| c.trim()) {
            None | Some("") => {
                errs.add(|| ImportError::missing_cell(line, PROVINCE_ID));
                None
            }
            Some(id) => match resolve_province(model, &unpadded, id) {
                None => {
                    errs.add(|| ImportError::unknown_province(Some(line), id));
                    None
                }
                Some((p, pad)) => {
                    padded |= pad;
                    match first_seen[p] {
                        Some(first) => {
                            errs.add(|| {
                                ImportError::duplicate_row(line, &model.provinces()[p].id, first)
                            });
                            None
                        }
                        None => {
                            first_seen[p] = Some(line);
                            Some(p)
                        }
                    }
                }
            },
        };
        let mut missing_reported = false;
        for &(j, i) in &ind_cols {
            let ind = &inds[i];
            let raw = match cells.get(j) {
                Some(c) => c.as_str(),
                None if short_rows_ok => "",
                None => {
                    if !missing_reported {
                        missing_reported = true;
                        errs.add(|| ImportError::missing_cell(line, &ind.id));
                    }
                    continue;
                }
            };
            match numfmt::parse(raw) {
                Err(ParseError::Empty) => empty_cells += 1,
                // (`parse` takes any number of digits.)
                Err(ParseError::NotANumber | ParseError::TooManyDigits) => {
                    errs.add(|| ImportError::not_a_number(line, &ind.id, raw));
                }
                Ok(v) => match validate_value(ind, v) {
                    Err(_) => errs.add(|| ImportError::out_of_range(Some(line), &ind.id, ind, v)),
                    Ok(()) => {
                        if let Some(p) = p {
                            read.push((p, i, snap(ind, v)));
                        }
                    }
                },
            }
        }
    }
    if data_rows == 0 {
        errs.add(|| ImportError::no_data_rows(hl));
    }
    if errs.total > 0 {
        return Err(errs.finish());
    }

    let cur = current_or_baseline(model, current);
    read.sort_by_key(|&(p, i, _)| (p, i));
    let mut preview = ImportPreview::default();
    for (p, i, v) in read {
        let ind = &inds[i];
        let old = cur.get(i * np + p).copied().unwrap_or(f64::NAN);
        if v == old || v == ind.round(old) || close(v, old) {
            preview.unchanged += 1;
        } else {
            preview.changes.push(Change {
                province: model.provinces()[p].id.clone(),
                indicator: ind.id.clone(),
                old,
                new: v,
            });
        }
    }
    let absent: Vec<&str> = inds
        .iter()
        .zip(&has_col)
        .filter(|(_, &has)| !has)
        .map(|(d, _)| d.id.as_str())
        .collect();
    if !absent.is_empty() {
        let (n, ids) = (absent.len(), list(&absent, 5));
        notes.push(text(
            format!("{n} chỉ tiêu không có cột trong tệp, giữ nguyên giá trị hiện tại: {ids}."),
            format!(
                "{} no column in the file; their current values are kept: {ids}.",
                count(n, "indicator has", "indicators have")
            ),
        ));
    }
    if empty_cells > 0 {
        notes.push(text(
            format!("{empty_cells} ô trống, giữ nguyên giá trị hiện tại."),
            format!(
                "{}; their current values are kept.",
                count(empty_cells, "empty cell", "empty cells")
            ),
        ));
    }
    let missing_provinces = first_seen.iter().filter(|s| s.is_none()).count();
    if missing_provinces > 0 {
        notes.push(text(
            format!(
                "{missing_provinces} tỉnh/thành phố không có trong tệp, giữ nguyên giá trị hiện tại."
            ),
            format!(
                "{} not in the file; their current values are kept.",
                count(missing_provinces, "province is", "provinces are")
            ),
        ));
    }
    if padded {
        notes.push(text(
            "Mã tỉnh viết thiếu số 0 đứng đầu (ví dụ 1 thay cho 01) đã được hiểu theo mã hai chữ số."
                .into(),
            "Province ids written without their leading zero (e.g. 1 for 01) were read as the \
             two-digit codes."
                .into(),
        ));
    }
    preview.notes = notes;
    Ok(preview)
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

/// The results table: one line per province in edition order with its id, Vietnamese name,
/// index score (4 decimals), rank, baseline score and rank, then the score of every pillar and
/// sub-pillar (tree order). Header: `province_id,province_name,<index id>,rank,
/// baseline_<index id>,baseline_rank,<node ids>`. Cells missing from `results` are empty.
pub fn results_csv(model: &Model, results: &Results, baseline: &Results) -> String {
    results_sheets(model, results, baseline)
        .first()
        .map(crate::table::Sheet::to_csv)
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Scenario files
// ---------------------------------------------------------------------------------------------

/// The schema (format and version) of a scenario file of the 63 provinces of the editions; see
/// [`ScenarioFile`].
pub const SCENARIO_SCHEMA: &str = "ict-index-scenario/1";
/// The schema of a scenario file of another province set, which its field `provinces` names.
pub const SCENARIO_SCHEMA_V2: &str = "ict-index-scenario/2";

/// A saved scenario: a JSON file, UTF-8, at most 1 MB ([`MAX_SCENARIO_BYTES`]).
///
/// ```json
/// {
///   "schema": "ict-index-scenario/1",
///   "name": "Quảng Ninh đạt mục tiêu 2020",
///   "year": 2019,
///   "province": "22",
///   "scenario": {
///     "values": {
///       "22": { "households-with-computer-pct": 80.0, "fixed-broadband-per-100": 25.5 }
///     },
///     "settings": {
///       "weights": { "htkt": 2.0 },
///       "normalisation": "goalposts",
///       "aggregation": "geometric"
///     }
///   },
///   "created": "2024-05-01T09:30:00Z"
/// }
/// ```
///
/// | field | type | meaning |
/// |---|---|---|
/// | `schema` | string, required | `"ict-index-scenario/1"` (the 63 provinces of the editions) or `"ict-index-scenario/2"` (the province set named in `provinces`). Another value is refused with a message naming the versions; a later version of the format changes the number after `/`. |
/// | `provinces` | string, version 2 only, required there | the province set: `"34"` (the 34 units of 2025, derived from the 63) or `"63"`. A set the app does not have is refused. |
/// | `name` | string, required | the planner's name for the scenario, at most 200 characters (may be empty). |
/// | `year` | integer, required | the edition the scenario applies to (`2019`, `2018`); it must be one the app has. |
/// | `province` | string, required | the two-digit id of the province in focus (`"22"` is Quảng Ninh), in the province set of the file; it must exist in that edition. |
/// | `scenario.values` | object, optional | province id → indicator id → raw value in the indicator's unit. Only the overridden cells are listed; every other cell keeps the edition's value. Each id must exist in the edition and each value must be inside the indicator's valid range. |
/// | `scenario.settings.weights` | object, optional | pillar, sub-pillar or indicator id → its weight inside its parent (a finite number ≥ 0; the weights of one parent must not all be 0). Absent: the official weights. |
/// | `scenario.settings.normalisation` | string, optional | `"min-max"`, `"ratio-to-max"` or `"goalposts"` for every indicator. Absent: the official method. |
/// | `scenario.settings.aggregation` | string, optional | `"arithmetic"` or `"geometric"`. Absent: the official method. |
/// | `created` | string, optional | when the file was saved, free text (ISO 8601 recommended); informative only. |
///
/// `scenario` may be `{}` (no change). Unknown fields are ignored, so a file may carry more
/// information without breaking this version. A file of the 63 provinces is written in version 1
/// (as before version 2 existed), one of another set in version 2 ([`ScenarioFile::schema`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "FileWire", into = "FileWire")]
pub struct ScenarioFile {
    pub name: String,
    pub year: u16,
    pub province: String,
    /// The province set: [`PUBLISHED_SET`] (`"63"`) or another built-in one (`"34"`).
    pub provinces: String,
    pub scenario: Scenario,
    pub created: Option<String>,
}

/// A scenario file as written: the schema follows from the province set.
#[derive(Serialize, Deserialize)]
struct FileWire {
    schema: String,
    name: String,
    year: u16,
    province: String,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    provinces: Option<String>,
    scenario: Scenario,
    #[serde(default)]
    created: Option<String>,
}

impl From<ScenarioFile> for FileWire {
    fn from(f: ScenarioFile) -> Self {
        let published = f.provinces == PUBLISHED_SET;
        FileWire {
            schema: f.schema().to_string(),
            name: f.name,
            year: f.year,
            province: f.province,
            provinces: (!published).then_some(f.provinces),
            scenario: f.scenario,
            created: f.created,
        }
    }
}

impl TryFrom<FileWire> for ScenarioFile {
    type Error = ImportError;
    fn try_from(w: FileWire) -> Result<Self, ImportError> {
        let provinces = province_set_of(&w.schema, w.provinces.as_deref())?;
        Ok(ScenarioFile {
            name: w.name,
            year: w.year,
            province: w.province,
            provinces,
            scenario: w.scenario,
            created: w.created,
        })
    }
}

/// The province set of a file of `schema` whose `provinces` field is `field`.
fn province_set_of(schema: &str, field: Option<&str>) -> Result<String, ImportError> {
    match (schema, field) {
        (SCENARIO_SCHEMA, None) => Ok(PUBLISHED_SET.to_string()),
        (SCENARIO_SCHEMA, Some(set)) if set == PUBLISHED_SET => Ok(set.to_string()),
        (SCENARIO_SCHEMA, Some(set)) => Err(ImportError::province_set_in_v1(set)),
        (SCENARIO_SCHEMA_V2, Some(set)) => Ok(set.to_string()),
        (SCENARIO_SCHEMA_V2, None) => Err(ImportError::no_province_set()),
        (other, _) => Err(ImportError::wrong_schema(other)),
    }
}

impl ScenarioFile {
    /// A file of the 63 provinces of the editions, without a creation time.
    pub fn new(name: &str, year: u16, province: &str, scenario: Scenario) -> Self {
        ScenarioFile {
            name: name.to_string(),
            year,
            province: province.to_string(),
            provinces: PUBLISHED_SET.to_string(),
            scenario,
            created: None,
        }
    }

    /// The same file in province set `provinces` (`"34"`): its province and scenario are of
    /// that set.
    pub fn in_set(mut self, provinces: &str) -> Self {
        self.provinces = provinces.to_string();
        self
    }

    /// The schema it is written in: [`SCENARIO_SCHEMA`] for the 63 provinces, else
    /// [`SCENARIO_SCHEMA_V2`].
    pub fn schema(&self) -> &'static str {
        if self.provinces == PUBLISHED_SET {
            SCENARIO_SCHEMA
        } else {
            SCENARIO_SCHEMA_V2
        }
    }
}

/// The scenario file as pretty-printed JSON.
pub fn scenario_to_json(file: &ScenarioFile) -> String {
    serde_json::to_string_pretty(file).unwrap_or_default()
}

/// Reads and checks a scenario file against the given editions: the schema, the size, the name,
/// the province set and year (a model of both must be among `models`: pass the derived models of
/// a set to read its files), the province, every overridden cell (ids and valid range) and every
/// setting.
pub fn scenario_from_json(text: &str, models: &[&Model]) -> Result<ScenarioFile, ImportError> {
    check_size(text.as_bytes(), MAX_SCENARIO_BYTES)?;
    let text = text.strip_prefix(UTF8_BOM).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::empty_file());
    }
    let json_err = |e: serde_json::Error| {
        let at = (e.line() > 0).then_some(e.line());
        let ch = (e.line() > 0).then_some(e.column());
        ImportError::invalid_json(at, ch, &e.to_string())
    };
    // The schema first, so that another version is named rather than failing on its fields.
    let value: serde_json::Value = serde_json::from_str(text).map_err(json_err)?;
    let Some(schema) = value.get("schema").and_then(|s| s.as_str()) else {
        return Err(ImportError::not_a_scenario());
    };
    // A `provinces` that is not a string is left to the reader, which says where it is.
    match value.get("provinces") {
        None => province_set_of(schema, None).map(drop)?,
        Some(serde_json::Value::String(set)) => province_set_of(schema, Some(set)).map(drop)?,
        Some(_) => {}
    }
    drop(value);
    let file: ScenarioFile = serde_json::from_str(text).map_err(json_err)?;
    let chars = file.name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(ImportError::name_too_long(chars, MAX_NAME_CHARS));
    }
    if file.provinces != PUBLISHED_SET && !models.iter().any(|m| m.province_set() == file.provinces)
    {
        return Err(ImportError::unknown_province_set(&file.provinces, models));
    }
    let in_set = || models.iter().filter(|m| m.province_set() == file.provinces);
    let Some(model) = in_set().find(|m| m.year() == file.year) else {
        let years: Vec<u16> = in_set().map(|m| m.year()).collect();
        return Err(ImportError::unknown_year(file.year, &years));
    };
    if model.province_index(&file.province).is_none() {
        let mut e = ImportError::unknown_province(None, &file.province);
        e.column = Some("province".into());
        return Err(e);
    }
    for (pid, row) in &file.scenario.values {
        let path = format!("scenario.values.{pid}");
        if model.province_index(pid).is_none() {
            let mut e = ImportError::unknown_province(None, pid);
            e.column = Some(path);
            return Err(e);
        }
        for (iid, &v) in row {
            let path = format!("{path}.{iid}");
            let Some(i) = model.indicator_index(iid) else {
                return Err(ImportError::unknown_indicator(&path, iid, model.year()));
            };
            if let Err(e) = validate_value(&model.indicators()[i], v) {
                return Err(ImportError::from_engine(model, &e, &path));
            }
        }
    }
    if let Err(e) = model.params(&file.scenario.settings) {
        let path = match &e {
            EngineError::UnknownNode(id) | EngineError::InvalidWeight { id } => {
                format!("scenario.settings.weights.{id}")
            }
            _ => "scenario.settings".to_string(),
        };
        return Err(ImportError::from_engine(model, &e, &path));
    }
    Ok(file)
}

// ---------------------------------------------------------------------------------------------
// XLSX (feature `xlsx`)
// ---------------------------------------------------------------------------------------------

/// Most bytes an uploaded .xlsx may hold once unzipped (a zip bomb stops here).
#[cfg(feature = "xlsx")]
pub const MAX_XLSX_UNZIPPED: usize = 32 * 1024 * 1024;
/// Most non-empty cells read from a worksheet.
#[cfg(feature = "xlsx")]
pub const MAX_XLSX_CELLS: usize = 200_000;
/// Most columns of a worksheet (from its leftmost used column).
#[cfg(feature = "xlsx")]
pub const MAX_XLSX_COLUMNS: usize = 1_000;

/// Reads a ministry table from an .xlsx workbook: the sheet named after the edition year if there
/// is one, else the first sheet. Cells may be numbers or text; the checks are those of
/// [`import_csv`] (line = the sheet's row number), except that cells missing at the end of a row
/// are empty rather than missing. At most [`MAX_TABLE_BYTES`], [`MAX_XLSX_UNZIPPED`] unzipped.
#[cfg(feature = "xlsx")]
pub fn import_xlsx(
    model: &Model,
    current: &[f64],
    bytes: &[u8],
) -> Result<ImportPreview, Vec<ImportError>> {
    let rows = read_xlsx(bytes, model.year()).map_err(|e| vec![e])?;
    import_sheet_rows(model, current, rows)
}

/// Unzips every entry, failing past `limit` bytes, on a damaged entry, or on what calamine 0.38
/// cannot be trusted with in any part: a cell reference past Excel's last cell, a count of shared
/// strings larger than its part (see [`guard`]).
#[cfg(feature = "xlsx")]
fn check_unzipped(bytes: &[u8], limit: usize) -> Result<(), ImportError> {
    use std::io::Read;

    let too_large = || ImportError::sheet_too_large(limit, MAX_XLSX_CELLS, MAX_XLSX_COLUMNS);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ImportError::not_xlsx(&e.to_string()))?;
    let limit = u64::try_from(limit).unwrap_or(u64::MAX);
    let mut total = 0u64;
    let mut data = Vec::new();
    let mut problem = None;
    for k in 0..zip.len() {
        let entry = zip
            .by_index(k)
            .map_err(|e| ImportError::not_xlsx(&e.to_string()))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let room = limit.saturating_sub(total);
        data.clear();
        let n = entry
            .take(room.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| ImportError::not_xlsx(&e.to_string()))?;
        total = total.saturating_add(u64::try_from(n).unwrap_or(u64::MAX));
        if total > limit {
            return Err(too_large());
        }
        if problem.is_none() {
            problem = guard::first_problem(&data).map(|p| (name, p));
        }
    }
    // Named once every entry is known to unzip within the limit.
    match problem {
        None => Ok(()),
        Some((part, guard::Problem::Reference(b))) => {
            let sheet = guard::sheet_of_part(&mut zip, &part);
            Err(ImportError::bad_cell_reference(
                sheet.as_deref(),
                &part,
                &b.reference,
                b.row,
                b.column.as_deref(),
            ))
        }
        Some((part, guard::Problem::Count { declared, room })) => {
            Err(ImportError::bad_string_count(&part, declared, room))
        }
    }
}

#[cfg(feature = "xlsx")]
fn cell_text(v: &calamine::DataRef<'_>) -> String {
    use calamine::DataRef;
    match v {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => {
            if f.is_finite() {
                format!("{f}")
            } else {
                String::new()
            }
        }
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => format!("{d} (ngày/date)"),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

#[cfg(feature = "xlsx")]
/// The rows of a workbook's sheet for `year` (the sheet named after it, else the first one), as
/// text cells, each row with its sheet row number; the first step of [`import_xlsx`], which the
/// web app runs in its separately loaded file module. Checks sizes (zip bombs included).
#[cfg(feature = "xlsx")]
pub fn read_xlsx(bytes: &[u8], year: u16) -> Result<SheetRows, ImportError> {
    use calamine::{Reader, Xlsx};
    use std::collections::BTreeMap;

    check_size(bytes, MAX_TABLE_BYTES)?;
    if bytes.is_empty() {
        return Err(ImportError::empty_file());
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::old_xls());
    }
    check_unzipped(bytes, MAX_XLSX_UNZIPPED)?;
    let too_large =
        || ImportError::sheet_too_large(MAX_XLSX_UNZIPPED, MAX_XLSX_CELLS, MAX_XLSX_COLUMNS);
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes))
        .map_err(|e| ImportError::not_xlsx(&e.to_string()))?;
    let names = wb.sheet_names();
    let year = year.to_string();
    let Some(sheet) = names
        .iter()
        .find(|n| n.trim() == year)
        .or_else(|| names.first())
        .cloned()
    else {
        return Err(ImportError::no_sheet());
    };
    let mut grid: BTreeMap<u32, Vec<(u32, String)>> = BTreeMap::new();
    let mut count = 0usize;
    let mut min_col = u32::MAX;
    {
        let mut reader = wb
            .worksheet_cells_reader(&sheet)
            .map_err(|e| ImportError::not_xlsx(&e.to_string()))?;
        loop {
            let cell = match reader.next_cell() {
                Ok(Some(c)) => c,
                Ok(None) => break,
                Err(e) => return Err(ImportError::not_xlsx(&e.to_string())),
            };
            let s = cell_text(cell.get_value());
            if s.trim().is_empty() {
                continue;
            }
            count += 1;
            if count > MAX_XLSX_CELLS {
                return Err(too_large());
            }
            let (r, c) = cell.get_position();
            min_col = min_col.min(c);
            grid.entry(r).or_default().push((c, s));
        }
    }
    let mut rows = Vec::with_capacity(grid.len());
    let mut dense_cells = 0usize;
    for (r, mut cells) in grid {
        cells.sort_by_key(|&(c, _)| c);
        let max = cells.last().map(|&(c, _)| c).unwrap_or(min_col);
        let width = usize::try_from(max.saturating_sub(min_col))
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        dense_cells = dense_cells.saturating_add(width);
        if width > MAX_XLSX_COLUMNS || dense_cells > MAX_XLSX_CELLS.saturating_mul(4) {
            return Err(too_large());
        }
        let mut dense = vec![String::new(); width];
        for (c, s) in cells {
            let k = usize::try_from(c.saturating_sub(min_col)).unwrap_or(usize::MAX);
            if let Some(slot) = dense.get_mut(k) {
                *slot = s;
            }
        }
        let line = usize::try_from(r).unwrap_or(usize::MAX).saturating_add(1);
        rows.push(RawRow { line, cells: dense });
    }
    Ok(SheetRows { sheet, rows })
}

#[cfg(all(test, feature = "xlsx"))]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_zip_bomb_stops_at_the_unzipped_limit() {
        let mut buf = std::io::Cursor::new(Vec::new());
        {
            let mut zw = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zw.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
            zw.write_all(&vec![b' '; 300_000]).unwrap();
            zw.finish().unwrap();
        }
        let bytes = buf.into_inner();
        assert!(bytes.len() < 10_000, "compressed to {}", bytes.len());
        let e = check_unzipped(&bytes, 100_000).unwrap_err();
        assert_eq!(e.kind, ErrorKind::SheetTooLarge);
        assert!(check_unzipped(&bytes, 400_000).is_ok());
    }
}
