//! Data tables as CSV (`io::import_file` on text): the edition's template with its values,
//! provinces, columns and cells changed, written with every separator, quoting, decimal mark,
//! line ending, BOM and title lines the import accepts, then now and then damaged byte by byte.

use ict_engine::io::{export_csv, import_file};
use ict_engine::Model;

use crate::mutate::{self, Rng};
use crate::{check_import, Spec, Target};

pub struct Csv {
    model: &'static Model,
    /// Indicator ids of another edition (unknown in this one, or not).
    other_ids: Vec<String>,
    /// The template of the edition, as cells.
    template: Table,
}

type Table = Vec<Vec<String>>;

impl Csv {
    pub fn new(model: &'static Model, other: &Model) -> Self {
        let text = export_csv(model, model.baseline());
        let template = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes())
            .records()
            .filter_map(Result::ok)
            .map(|r| r.iter().map(str::to_string).collect())
            .collect();
        Csv {
            model,
            other_ids: other.indicators().iter().map(|d| d.id.clone()).collect(),
            template,
        }
    }

    /// The template with a few values changed (the cell of indicator `i`, province `p` is at
    /// line `p + 1`, column `i + 2`).
    fn template(&self, rng: &mut Rng) -> Table {
        let m = self.model;
        let mut t = self.template.clone();
        for _ in 0..rng.below(6) {
            let i = rng.below(m.indicators().len());
            let p = rng.below(m.province_count());
            let v = mutate::indicator_value(rng, m, i);
            if let Some(cell) = t.get_mut(p + 1).and_then(|r| r.get_mut(i + 2)) {
                *cell = format!("{v}");
            }
        }
        t
    }

    /// A cell as a planner or a spreadsheet might write it.
    fn cell(&self, rng: &mut Rng, column: usize) -> String {
        let m = self.model;
        match rng.below(6) {
            0 => mutate::NUMBERS[rng.below(mutate::NUMBERS.len())].to_string(),
            1 => mutate::TEXTS[rng.below(mutate::TEXTS.len())].to_string(),
            2 => m.provinces()[rng.below(m.province_count())].id.clone(),
            3 if column >= 2 => {
                let i = rng.below(m.indicators().len());
                format!("{}", mutate::indicator_value(rng, m, i))
            }
            _ => format!("{:.*}", rng.below(6), rng.unit() * 200.0),
        }
    }

    /// Structural edits: columns dropped, doubled, swapped or renamed; rows dropped, doubled or
    /// shuffled; cells replaced; rows cut or lengthened; title lines and blank lines.
    fn edit(&self, rng: &mut Rng, t: &mut Table) {
        for _ in 0..rng.count(5) {
            let rows = t.len();
            let width = t.first().map_or(0, Vec::len);
            match rng.below(10) {
                0 if width > 0 => {
                    let c = rng.below(width);
                    t.iter_mut().for_each(|r| {
                        if c < r.len() {
                            r.remove(c);
                        }
                    });
                }
                1 if width > 0 => {
                    let (a, b) = (rng.below(width), rng.below(width));
                    t.iter_mut()
                        .filter(|r| r.len() > a.max(b))
                        .for_each(|r| r.swap(a, b));
                }
                2 if width > 0 => {
                    let c = rng.below(width);
                    t.iter_mut().filter(|r| c < r.len()).for_each(|r| {
                        let v = r[c].clone();
                        r.insert(c, v);
                    });
                }
                3 if width > 0 => {
                    let c = rng.below(width);
                    t[0][c] = match rng.below(5) {
                        0 => t[0][c].to_uppercase(),
                        1 => format!(" {} ", t[0][c]),
                        2 if !self.other_ids.is_empty() => rng.pick(&self.other_ids).clone(),
                        3 => String::new(),
                        _ => mutate::TEXTS[rng.below(mutate::TEXTS.len())].to_string(),
                    };
                }
                4 if rows > 1 => {
                    let keep = rng.below(rows);
                    let from = 1 + rng.below(rows - 1);
                    let end = (from + keep).min(rows);
                    t.drain(from..end);
                }
                5 if rows > 1 => {
                    let r = 1 + rng.below(rows - 1);
                    let row = t[r].clone();
                    let to = rng.below(rows + 1);
                    t.insert(to, row);
                }
                6 if rows > 2 => {
                    let (a, b) = (1 + rng.below(rows - 1), 1 + rng.below(rows - 1));
                    t.swap(a, b);
                }
                7 if rows > 0 => {
                    let r = rng.below(rows);
                    match rng.below(3) {
                        0 => t[r].truncate(rng.below(width + 1)),
                        1 => {
                            let extra = rng.count(4);
                            for _ in 0..extra {
                                let cell = self.cell(rng, width);
                                t[r].push(cell);
                            }
                        }
                        _ => t[r] = vec![String::new(); rng.below(3)],
                    }
                }
                8 => {
                    let titles = rng.count(25);
                    for _ in 0..titles {
                        t.insert(0, vec!["Bảng chỉ số ICT Index".into()]);
                    }
                }
                _ => {
                    for _ in 0..rng.count(20) {
                        if let Some(r) = t.get_mut(rng.below(rows)) {
                            if !r.is_empty() {
                                let c = rng.below(r.len());
                                r[c] = self.cell(rng, c);
                            }
                        }
                    }
                }
            }
        }
    }

    /// The table as CSV text: separator, quoting, decimal mark, line ending, BOM, `sep=` line.
    fn write(rng: &mut Rng, t: &Table) -> Vec<u8> {
        // `|` only with a `sep=|` line, or the whole line is one cell.
        let sep = if rng.one_in(20) {
            "|"
        } else {
            *rng.pick(&[",", ",", ";", "\t"])
        };
        let comma_decimals = sep != "," && rng.one_in(2);
        let quote_all = rng.one_in(4);
        let eol = *rng.pick(&["\n", "\n", "\r\n", "\r"]);
        let mut out = String::new();
        if rng.one_in(4) {
            out.push('\u{feff}');
        }
        if sep == "|" || rng.one_in(8) {
            out.push_str(&format!("sep={sep}{eol}"));
        }
        for row in t {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    let c = if comma_decimals && c.parse::<f64>().is_ok() {
                        c.replace('.', ",")
                    } else {
                        c.clone()
                    };
                    let needs = c.contains(sep) || c.contains('"') || c.contains('\n');
                    if quote_all || (needs && !rng.one_in(8)) {
                        format!("\"{}\"", c.replace('"', "\"\""))
                    } else {
                        c
                    }
                })
                .collect();
            out.push_str(&cells.join(sep));
            out.push_str(eol);
        }
        if rng.one_in(5) {
            out.push_str(&eol.repeat(rng.count(4)));
        }
        out.into_bytes()
    }
}

impl Target for Csv {
    fn spec(&self) -> Spec {
        Spec {
            name: "csv",
            extension: "csv",
            ci_runs: 800,
            threads: 2,
        }
    }

    fn generate(&self, rng: &mut Rng) -> Vec<u8> {
        let mut t = self.template(rng);
        if !rng.one_in(6) {
            self.edit(rng, &mut t);
        }
        let mut bytes = Self::write(rng, &t);
        match rng.below(12) {
            0 | 1 => {
                let dict: Vec<&[u8]> = vec![b",", b";", b"\t", b"\"", b"\n", b"\r\n", b".", b"-"];
                mutate::bytes(rng, &mut bytes, &dict, 6);
            }
            // Not UTF-8: Windows-1258 or Latin-1 bytes, or UTF-16.
            2 if rng.one_in(2) => {
                if let Some(at) = bytes.iter().position(|&b| b >= 0x80) {
                    bytes[at] = 0xE0;
                    bytes.remove(at + 1);
                }
            }
            3 if rng.one_in(8) => {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                bytes = [0xFF, 0xFE]
                    .into_iter()
                    .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
                    .collect();
            }
            _ => {}
        }
        bytes
    }

    fn check(&self, input: &[u8]) -> String {
        let m = self.model;
        check_import(m, import_file(m, m.baseline(), input))
    }
}
