//! Tables the app hands out — the ministry template and the results — described once as data
//! ([`Sheet`]) and written either as CSV ([`Sheet::to_csv`], always available) or as an Excel
//! workbook ([`write_xlsx`], cargo feature `xlsx`).
//!
//! The description is serialisable so that the web app, which keeps the Excel writer out of its
//! first download, can hand it to the separately loaded file module (`io/`) as JSON.

use serde::{Deserialize, Serialize};

use crate::compute::Results;
use crate::dataset::Model;

/// The header of the province id column.
pub const PROVINCE_ID: &str = "province_id";
/// The header of the (optional, ignored on import) province name column.
pub const PROVINCE_NAME: &str = "province_name";
/// Name of the second sheet of the data workbook, listing the indicators.
pub const INDICATORS_SHEET: &str = "Chỉ tiêu";
/// Name of the second sheet of the results workbook, naming the pillars and sub-pillars.
pub const NODES_SHEET: &str = "Cấu trúc";

/// One cell: nothing, a number, or a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
}

impl Cell {
    /// A number, or an empty cell when it is not finite.
    pub fn number(v: f64) -> Cell {
        if v.is_finite() {
            Cell::Number(v)
        } else {
            Cell::Empty
        }
    }
}

/// A column: its header, how numbers are shown, whether it holds text ids (kept as text in Excel
/// so that "01" keeps its zero), and its width in Excel characters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    /// Decimals numbers are written with; `None`: as they are.
    pub decimals: Option<u8>,
    pub text: bool,
    pub width: f64,
}

impl Column {
    fn text(header: &str, width: f64) -> Column {
        Column {
            header: header.to_string(),
            decimals: None,
            text: true,
            width,
        }
    }

    fn number(header: &str, decimals: Option<u8>) -> Column {
        Column {
            header: header.to_string(),
            decimals,
            text: false,
            width: (header.chars().count() as f64 + 2.0).clamp(8.0, 40.0),
        }
    }
}

/// A sheet: a name, columns, rows of cells, and how many rows and columns stay frozen in Excel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub freeze: (u32, u16),
}

fn push_field(out: &mut String, s: &str) {
    let needs_quotes = s.contains([',', ';', '"', '\n', '\r', '\t'])
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace);
    if needs_quotes {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn push_line<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (k, f) in fields.into_iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        push_field(out, f);
    }
    out.push('\n');
}

impl Sheet {
    /// The sheet as CSV: `,` between cells, `.` as decimal mark, no grouping, each number with
    /// its column's decimals, a header line of the column headers; quotes only where needed.
    pub fn to_csv(&self) -> String {
        let mut out = String::with_capacity(8 * (self.rows.len() + 1) * self.columns.len());
        push_line(&mut out, self.columns.iter().map(|c| c.header.as_str()));
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(k, cell)| match cell {
                    Cell::Empty => String::new(),
                    Cell::Text(s) => s.clone(),
                    Cell::Number(v) => match self.columns.get(k).and_then(|c| c.decimals) {
                        Some(d) => format!("{:.*}", usize::from(d), v),
                        None => format!("{v}"),
                    },
                })
                .collect();
            push_line(&mut out, cells.iter().map(String::as_str));
        }
        out
    }
}

/// The first two columns of both tables: province id and Vietnamese name.
fn id_columns() -> Vec<Column> {
    vec![
        Column::text(PROVINCE_ID, 12.0),
        Column::text(PROVINCE_NAME, 20.0),
    ]
}

/// One row per province in edition order: its id, its Vietnamese name, then `cells(p)`.
fn per_province(model: &Model, cells: impl Fn(usize) -> Vec<Cell>) -> Vec<Vec<Cell>> {
    model
        .provinces()
        .iter()
        .enumerate()
        .map(|(p, prov)| {
            let mut row = vec![
                Cell::Text(prov.id.clone()),
                Cell::Text(prov.name.vi.clone()),
            ];
            row.extend(cells(p));
            row
        })
        .collect()
}

/// The ministry template of `values` (indicator-major, as [`Model::apply`] returns them): a sheet
/// named after the edition year with `province_id, province_name, <indicator ids>` and one row
/// per province in edition order, each value rounded to its indicator's decimals (a value missing
/// from `values` or not finite is an empty cell); then the sheet [`INDICATORS_SHEET`] listing each
/// indicator's id, names, units, valid range and decimals.
pub fn data_sheets(model: &Model, values: &[f64]) -> Vec<Sheet> {
    let np = model.province_count();
    let inds = model.indicators();
    let mut columns = id_columns();
    columns.extend(
        inds.iter()
            .map(|ind| Column::number(&ind.id, Some(ind.decimals))),
    );
    let rows = per_province(model, |p| {
        inds.iter()
            .enumerate()
            .map(|(i, ind)| {
                Cell::number(ind.round(values.get(i * np + p).copied().unwrap_or(f64::NAN)))
            })
            .collect()
    });
    let data = Sheet {
        name: model.year().to_string(),
        columns,
        rows,
        freeze: (1, 2),
    };
    let heads: [(&str, f64); 8] = [
        ("id", 28.0),
        ("Tên chỉ tiêu", 50.0),
        ("Indicator", 50.0),
        ("Đơn vị", 16.0),
        ("Unit", 16.0),
        ("Tối thiểu / Min", 14.0),
        ("Tối đa / Max", 14.0),
        ("Số chữ số thập phân / Decimals", 12.0),
    ];
    let list = Sheet {
        name: INDICATORS_SHEET.to_string(),
        columns: heads
            .iter()
            .enumerate()
            .map(|(k, &(h, w))| Column {
                header: h.to_string(),
                decimals: None,
                text: k < 5,
                width: w,
            })
            .collect(),
        rows: inds
            .iter()
            .map(|ind| {
                vec![
                    Cell::Text(ind.id.clone()),
                    Cell::Text(ind.name.vi.clone()),
                    Cell::Text(ind.name.en.clone()),
                    Cell::Text(ind.unit.vi.clone()),
                    Cell::Text(ind.unit.en.clone()),
                    Cell::number(ind.valid[0]),
                    Cell::number(ind.valid[1]),
                    Cell::Number(f64::from(ind.decimals)),
                ]
            })
            .collect(),
        freeze: (1, 1),
    };
    vec![data, list]
}

/// The results: one row per province in edition order with its id, Vietnamese name, index score
/// (4 decimals), rank, baseline score and rank, then the score of every pillar and sub-pillar
/// (tree order). Header: `province_id, province_name, <index id>, rank, baseline_<index id>,
/// baseline_rank, <node ids>`. Cells missing from `results` are empty. Then the sheet
/// [`NODES_SHEET`] naming each node id in Vietnamese and English.
pub fn results_sheets(model: &Model, results: &Results, baseline: &Results) -> Vec<Sheet> {
    let root = model.root();
    let root_id = model
        .nodes()
        .get(root)
        .map(|n| n.id.as_str())
        .unwrap_or("index");
    let below = &model.tree_order()[1..];
    let mut columns = id_columns();
    columns.extend([
        Column::number(root_id, Some(4)),
        Column::number("rank", Some(0)),
        Column::number(&format!("baseline_{root_id}"), Some(4)),
        Column::number("baseline_rank", Some(0)),
    ]);
    columns.extend(
        below
            .iter()
            .map(|&n| Column::number(&model.nodes()[n].id, Some(4))),
    );
    let score = |r: &Results, n: usize, p: usize| {
        r.node_scores
            .get(n * r.provinces + p)
            .map_or(Cell::Empty, |&v| Cell::number(v))
    };
    let rank = |r: &Results, n: usize, p: usize| {
        r.node_ranks
            .get(n * r.provinces + p)
            .map_or(Cell::Empty, |&k| Cell::Number(f64::from(k)))
    };
    let rows = per_province(model, |p| {
        let mut row = vec![
            score(results, root, p),
            rank(results, root, p),
            score(baseline, root, p),
            rank(baseline, root, p),
        ];
        row.extend(below.iter().map(|&n| score(results, n, p)));
        row
    });
    let table = Sheet {
        name: format!("{} {}", "Kết quả", model.year()),
        columns,
        rows,
        freeze: (1, 2),
    };
    let names = Sheet {
        name: NODES_SHEET.to_string(),
        columns: vec![
            Column::text("id", 24.0),
            Column::text("Tên", 50.0),
            Column::text("Name", 50.0),
        ],
        rows: std::iter::once(root)
            .chain(below.iter().copied())
            .filter_map(|n| model.nodes().get(n))
            .map(|node| {
                vec![
                    Cell::Text(node.id.clone()),
                    Cell::Text(node.name.vi.clone()),
                    Cell::Text(node.name.en.clone()),
                ]
            })
            .collect(),
        freeze: (1, 1),
    };
    vec![table, names]
}

/// The sheets as an Excel workbook (.xlsx): headers in bold, ids as text, numbers shown with their
/// column's decimals, column widths and frozen panes as described. The error says what went wrong
/// in both languages.
#[cfg(feature = "xlsx")]
pub fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, crate::Text> {
    write_workbook(sheets).map_err(|e| crate::Text {
        vi: format!("Không tạo được tệp Excel: {e}"),
        en: format!("Could not create the Excel file: {e}"),
    })
}

#[cfg(feature = "xlsx")]
fn write_workbook(sheets: &[Sheet]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook, XlsxError};

    let col = |k: usize| {
        u16::try_from(k).map_err(|_| XlsxError::ParameterError("too many columns".into()))
    };
    let row =
        |k: usize| u32::try_from(k).map_err(|_| XlsxError::ParameterError("too many rows".into()));
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let text_fmt = Format::new().set_num_format("@");
    for sheet in sheets {
        let formats: Vec<Option<Format>> = sheet
            .columns
            .iter()
            .map(|c| {
                c.decimals.map(|d| {
                    Format::new().set_num_format(if d == 0 {
                        "0".to_string()
                    } else {
                        format!("0.{}", "0".repeat(usize::from(d)))
                    })
                })
            })
            .collect();
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (k, c) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(0, col(k)?, &c.header, &bold)?;
            ws.set_column_width(col(k)?, c.width)?;
        }
        for (r, cells) in sheet.rows.iter().enumerate() {
            let r = row(r + 1)?;
            for (k, cell) in cells.iter().enumerate() {
                let c = col(k)?;
                let column = sheet.columns.get(k);
                match cell {
                    Cell::Empty => {}
                    Cell::Text(s) if column.is_some_and(|c| c.text) => {
                        ws.write_string_with_format(r, c, s, &text_fmt)?;
                    }
                    Cell::Text(s) => {
                        ws.write_string(r, c, s)?;
                    }
                    Cell::Number(v) => match formats.get(k).and_then(Option::as_ref) {
                        Some(f) => {
                            ws.write_number_with_format(r, c, *v, f)?;
                        }
                        None => {
                            ws.write_number(r, c, *v)?;
                        }
                    },
                }
            }
        }
        ws.set_freeze_panes(sheet.freeze.0, sheet.freeze.1)?;
    }
    wb.save_to_buffer()
}
