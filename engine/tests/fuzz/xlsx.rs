//! Workbooks (`io::import_file` on .xlsx): the edition's template, a workbook with formulas,
//! dates, merged cells, links and notes, and a minimal hand-made package; the XML of their parts
//! damaged with its structure in mind (cell references, types, styles, values, elements,
//! entities), parts dropped, renamed or swapped, zipped again (stored or deflated), and now and
//! then the zip itself damaged. So the fuzz reaches calamine's XML reading, not only the zip's.

use ict_engine::io::import_file;
use ict_engine::table::{data_sheets, write_xlsx};
use ict_engine::Model;
use rust_xlsxwriter::{ExcelDateTime, Format, Note, Workbook};

use crate::common::{unzip, zip_parts};
use crate::mutate::{self, Rng};
use crate::{check_import, Spec, Target};

type Parts = Vec<(String, Vec<u8>)>;

pub struct Xlsx {
    pub model: &'static Model,
    seeds: Vec<Parts>,
}

impl Xlsx {
    pub fn new(model: &'static Model) -> Self {
        let template = unzip(&write_xlsx(&data_sheets(model, model.baseline())).expect("template"));
        let seeds = vec![template, unzip(&rich(model)), minimal()];
        Xlsx { model, seeds }
    }
}

/// A workbook with what planners' files hold beyond the template: a notes sheet first, a merged
/// title, formulas (plain and array), booleans, dates, a link, a note, a filter, frozen panes.
fn rich(model: &Model) -> Vec<u8> {
    let mut wb = Workbook::new();
    let notes = wb.add_worksheet();
    notes.set_name("Ghi chú").unwrap();
    notes.write_string(0, 0, "Số liệu tự nhập").unwrap();
    notes.insert_note(0, 0, &Note::new("ệ")).unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("2019").unwrap();
    let title = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 4, "Bảng chỉ số ICT Index 2019", &title)
        .unwrap();
    let ids: Vec<&str> = model
        .indicators()
        .iter()
        .take(5)
        .map(|d| d.id.as_str())
        .collect();
    ws.write_string(2, 0, "province_id").unwrap();
    ws.write_string(2, 1, "province_name").unwrap();
    for (c, id) in ids.iter().enumerate() {
        ws.write_string(2, c as u16 + 2, *id).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let decimals = Format::new().set_num_format("0.00");
    for (r, p) in model.provinces().iter().take(12).enumerate() {
        let r = r as u32 + 3;
        ws.write_string(r, 0, &p.id).unwrap();
        ws.write_string(r, 1, &p.name.vi).unwrap();
        ws.write_number_with_format(r, 2, 10.0 + f64::from(r), &decimals)
            .unwrap();
        ws.write_formula(r, 3, format!("=C{}*2", r + 1).as_str())
            .unwrap();
        match r % 3 {
            0 => ws.write_boolean(r, 4, true).map(|_| ()),
            1 => ws
                .write_datetime_with_format(
                    r,
                    4,
                    ExcelDateTime::from_ymd(2019, 12, 31).unwrap(),
                    &date,
                )
                .map(|_| ()),
            _ => ws.write_number(r, 4, 0.5).map(|_| ()),
        }
        .unwrap();
    }
    ws.write_array_formula(15, 2, 16, 2, "{=C4:C5*3}").unwrap();
    ws.write_url(18, 0, "https://example.gov.vn/").unwrap();
    ws.autofilter(2, 0, 14, 6).unwrap();
    ws.set_freeze_panes(3, 2).unwrap();
    wb.save_to_buffer().expect("rich workbook")
}

/// The smallest package calamine reads: no styles, no shared strings, inline strings.
fn minimal() -> Parts {
    let ct = "application/vnd.openxmlformats-officedocument.spreadsheetml";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let parts = [
        (
            "[Content_Types].xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/></Types>"#
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}"><sheets><sheet name="2019" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>province_id</t></is></c><c r="B1" t="inlineStr"><is><t>households-with-computer-pct</t></is></c><c r="C1" t="inlineStr"><is><t>it-staff-pct</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>22</t></is></c><c r="B2"><v>80</v></c><c r="C2" t="str"><v>2,5</v></c></row><row r="3"><c r="A3"><v>1</v></c><c r="B3" t="e"><v>#N/A</v></c><c r="C3" t="b"><v>0</v></c></row></sheetData></worksheet>"#
                .to_string(),
        ),
    ];
    parts
        .into_iter()
        .map(|(n, x)| (n.to_string(), x.into_bytes()))
        .collect()
}

fn column_name(mut n: usize) -> String {
    let mut s = Vec::new();
    while n > 0 {
        n -= 1;
        s.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// A cell reference: ordinary, at Excel's limits, past them, a range (maybe reversed), or junk.
fn cell_ref(rng: &mut Rng) -> String {
    match rng.below(24) {
        0..=13 => {
            let cols = if rng.one_in(4) { 16_384 } else { 40 };
            let rows = if rng.one_in(4) { 1_048_576 } else { 80 };
            format!(
                "{}{}",
                column_name(1 + rng.below(cols)),
                1 + rng.below(rows)
            )
        }
        14 | 15 => rng
            .pick(&[
                "XFD1048576",
                "XFE1",
                "A1048577",
                "XFD1",
                "A1",
                "A0",
                "A",
                "1",
                "",
                "$A$1",
                "a1",
                "xfd1048576",
            ])
            .to_string(),
        16 => rng
            .pick(&[
                "ZZZZZZZZZZ1",
                "A99999999999",
                "AAAAAAAAAAAAAAAA1",
                "A4294967296",
                "A4294967295",
                "ZZZZZZ4294967297",
            ])
            .to_string(),
        17..=19 => {
            let (a, b) = (cell_ref(rng), cell_ref(rng));
            format!("{a}:{b}")
        }
        20 | 21 => rng
            .pick(&[
                "A1B2", "1A", "A-1", "A 1", "A1:", "A1:B2:C3", ":", "A１", "R1C1",
            ])
            .to_string(),
        _ => {
            let letters: String = (0..rng.count(12))
                .map(|_| char::from(b'A' + rng.below(26) as u8))
                .collect();
            format!(
                "{letters}{}",
                rng.next_u64() % 10u64.pow(rng.below(13) as u32).max(1)
            )
        }
    }
}

/// Text for an element: numbers, odd text, entities, dates, error codes, indexes, a long run.
fn cell_text(rng: &mut Rng) -> String {
    match rng.below(6) {
        0 => mutate::NUMBERS[rng.below(mutate::NUMBERS.len())].to_string(),
        1 => mutate::TEXTS[rng.below(mutate::TEXTS.len())].to_string(),
        2 => rng
            .pick(&[
                "&#0;",
                "&#x110000;",
                "&#xD800;",
                "&#65;",
                "&bogus;",
                "&lt;c&gt;",
                "&amp;amp;",
                "&",
                "&#;",
            ])
            .to_string(),
        3 => rng
            .pick(&[
                "2019-13-45T25:61:00",
                "2019-12-31",
                "#DIV/0!",
                "#N/A",
                "#BOGUS",
                "TRUE",
                "2",
                "999999999",
                "-1",
                "0",
            ])
            .to_string(),
        4 => "A".repeat(rng.below(70_000)),
        _ => format!("{}", rng.below(100)),
    }
}

/// Positions of `<` that open an element (not `</`, `<?`, `<!`).
fn openings(xml: &[u8]) -> Vec<usize> {
    (0..xml.len())
        .filter(|&k| xml[k] == b'<' && xml.get(k + 1).is_some_and(|b| b.is_ascii_alphabetic()))
        .collect()
}

/// The element opening at `k`: its name and where it ends (after `/>`, or after the first
/// closing tag of its name).
fn element(xml: &[u8], k: usize) -> (String, usize) {
    let name_len = xml[k + 1..]
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
        .unwrap_or(xml.len() - k - 1);
    let name = String::from_utf8_lossy(&xml[k + 1..k + 1 + name_len]).into_owned();
    let tag_end = xml[k..]
        .iter()
        .position(|&b| b == b'>')
        .map_or(xml.len(), |e| k + e + 1);
    if xml[..tag_end].ends_with(b"/>") {
        return (name, tag_end);
    }
    let close = format!("</{name}>");
    let end = xml[tag_end..]
        .windows(close.len())
        .position(|w| w == close.as_bytes())
        .map_or(tag_end, |e| tag_end + e + close.len());
    (name, end)
}

/// Attribute values: (key, start, end) of each `key="value"`.
fn attributes(xml: &[u8]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut k = 0;
    while k + 1 < xml.len() {
        if xml[k] == b'=' && matches!(xml[k + 1], b'"' | b'\'') {
            let quote = xml[k + 1];
            let from = k.saturating_sub(64);
            let key_start = xml[from..k]
                .iter()
                .rposition(|b| b.is_ascii_whitespace() || *b == b'<')
                .map_or(from, |s| from + s + 1);
            let start = k + 2;
            let end = xml[start..]
                .iter()
                .position(|&b| b == quote)
                .map_or(xml.len(), |e| start + e);
            let key = String::from_utf8_lossy(&xml[key_start..k]).into_owned();
            out.push((key, start, end));
            k = end;
        }
        k += 1;
    }
    out
}

/// XML to insert: cells, rows, dimensions, merged ranges, sheet data, shared strings, sheets,
/// relationships, number formats, entities, CDATA, comments, deep nesting.
fn snippet(rng: &mut Rng) -> String {
    let r = cell_ref(rng);
    let t = cell_text(rng);
    match rng.below(16) {
        0 => format!(r#"<c r="{r}" t="inlineStr"><is><t>{t}</t></is></c>"#),
        1 => format!(r#"<c r="{r}"><v>{t}</v></c>"#),
        2 => format!(r#"<c r="{r}" t="s"><v>{}</v></c>"#, rng.below(200)),
        3 => format!(
            r#"<c r="{r}" t="{}"><v>{t}</v></c>"#,
            rng.pick(&["b", "e", "str", "d", "n", "x"])
        ),
        4 => rng
            .pick(&[
                "<row>", "</row>", "<row/>", "<c/>", "<c>", "</c>", "<v>1</v>",
            ])
            .to_string(),
        5 => format!(
            r#"<row r="{}">"#,
            cell_ref(rng).trim_start_matches(char::is_alphabetic)
        ),
        6 => format!(r#"<dimension ref="{r}"/>"#),
        7 => format!(r#"<mergeCells count="1"><mergeCell ref="{r}"/></mergeCells>"#),
        8 => rng
            .pick(&[
                "<sheetData/>",
                "</sheetData>",
                "<sheetData>",
                "</worksheet>",
            ])
            .to_string(),
        9 => format!("<si><t>{t}</t></si>"),
        10 => format!(
            r#"<sheet name="{t}" sheetId="{}" r:id="rId{}"/>"#,
            rng.below(9),
            rng.below(9)
        ),
        11 => format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{}" Target="{}"/>"#,
            rng.below(9),
            rng.pick(&[
                "worksheet",
                "sharedStrings",
                "styles",
                "officeDocument",
                "chartsheet"
            ]),
            rng.pick(&[
                "worksheets/sheet1.xml",
                "/xl/worksheets/sheet2.xml",
                "sharedStrings.xml",
                "../x.xml",
                "",
                "styles.xml"
            ])
        ),
        12 => format!(
            r#"<numFmt numFmtId="{}" formatCode="{}"/>"#,
            rng.below(200),
            rng.pick(&["yyyy-mm-dd", "[h]:mm", "0.00", "@", "General", "d", ""])
        ),
        13 => rng
            .pick(&[
                r#"<!DOCTYPE x [<!ENTITY e "eeeeeeeeee"><!ENTITY f "&e;&e;&e;&e;">]>"#,
                "&e;",
                "<![CDATA[<c r=\"A1\">]]>",
                "<!-- <c> -->",
                "<?x y?>",
                r#"<workbookPr date1904="1"/>"#,
                "\u{feff}",
                r#"<?xml version="1.0" encoding="UTF-16"?>"#,
            ])
            .to_string(),
        14 => "<a>".repeat(rng.count(2_000)),
        _ => format!(r#"<f t="shared" si="{}" ref="{r}">A1</f>"#, rng.below(3)),
    }
}

/// 1 to `max` structure-aware edits of one XML part.
fn edit_xml(rng: &mut Rng, xml: &mut Vec<u8>, max: usize) {
    for _ in 0..rng.count(max) {
        match rng.below(8) {
            0 | 1 => {
                let attrs = attributes(xml);
                if attrs.is_empty() {
                    continue;
                }
                let (key, start, end) = attrs[rng.below(attrs.len())].clone();
                let value = match key.rsplit(':').next().unwrap_or("") {
                    "r" | "ref" | "sqref" | "topLeftCell" | "activeCell" => cell_ref(rng),
                    "t" => rng
                        .pick(&["s", "n", "b", "e", "str", "inlineStr", "d", "z", "", "S"])
                        .to_string(),
                    "s" | "numFmtId" | "xfId" | "count" | "sheetId" | "si" => rng
                        .pick(&[
                            "0",
                            "1",
                            "2",
                            "99999",
                            "-1",
                            "18446744073709551616",
                            "x",
                            "",
                        ])
                        .to_string(),
                    _ => cell_text(rng),
                };
                xml.splice(start..end, value.into_bytes());
            }
            2 => {
                // An element's text.
                let texts: Vec<(usize, usize)> = (0..xml.len())
                    .filter(|&k| xml[k] == b'>')
                    .filter_map(|k| {
                        let end = k + 1 + xml[k + 1..].iter().position(|&b| b == b'<')?;
                        (end > k + 1).then_some((k + 1, end))
                    })
                    .collect();
                if let Some(&(start, end)) = texts.get(rng.below(texts.len())) {
                    xml.splice(start..end, cell_text(rng).into_bytes());
                }
            }
            3 | 4 => {
                // An element deleted, doubled or moved.
                let opens = openings(xml);
                if opens.is_empty() {
                    continue;
                }
                let k = opens[rng.below(opens.len())];
                let (_, end) = element(xml, k);
                let span: Vec<u8> = xml[k..end].to_vec();
                match rng.below(3) {
                    0 => {
                        xml.drain(k..end);
                    }
                    1 => {
                        xml.splice(end..end, span);
                    }
                    _ => {
                        xml.drain(k..end);
                        let to = opens[rng.below(opens.len())].min(xml.len());
                        xml.splice(to..to, span);
                    }
                }
            }
            5 | 6 => {
                let opens = openings(xml);
                let at = opens
                    .get(rng.below(opens.len()))
                    .copied()
                    .unwrap_or(xml.len());
                xml.splice(at..at, snippet(rng).into_bytes());
            }
            _ => {
                let dict: Vec<&[u8]> = vec![
                    b"<", b">", b"/>", b"\"", b"'", b"=", b"&", b";", b"<c ", b"r=\"",
                ];
                mutate::bytes(rng, xml, &dict, 4);
            }
        }
    }
}

/// 1 to 3 edits of the package: a part dropped, doubled, renamed, swapped, added or moved.
fn edit_package(rng: &mut Rng, parts: &mut Parts) {
    for _ in 0..rng.count(3) {
        if parts.is_empty() {
            return;
        }
        let k = rng.below(parts.len());
        match rng.below(6) {
            0 => {
                parts.remove(k);
            }
            1 => {
                let mut copy = parts[k].clone();
                copy.0 = format!("xl/worksheets/sheet{}.xml", rng.below(5));
                parts.push(copy);
            }
            2 => {
                let name = &parts[k].0;
                parts[k].0 = match rng.below(4) {
                    0 => name.to_uppercase(),
                    1 => name.replace('/', "\\"),
                    2 => format!("/{name}"),
                    _ => format!("{name}.bak"),
                };
            }
            3 => {
                let j = rng.below(parts.len());
                let data = parts[j].1.clone();
                parts[k].1 = data;
            }
            4 => {
                let name = rng.pick(&[
                    "xl/extra.xml",
                    "xl/worksheets/sheet3.xml",
                    "customXml/item1.xml",
                    "xl/sharedStrings.xml",
                ]);
                parts.push((name.to_string(), snippet(rng).into_bytes()));
            }
            _ => {
                let j = rng.below(parts.len());
                parts.swap(k, j);
            }
        }
    }
}

impl Target for Xlsx {
    fn spec(&self) -> Spec {
        Spec {
            name: "xlsx",
            extension: "xlsx",
            ci_runs: 250,
            threads: 3,
        }
    }

    fn generate(&self, rng: &mut Rng) -> Vec<u8> {
        let mut parts = rng.pick(&self.seeds).clone();
        // Mostly the worksheets and shared strings, where the cells are.
        for _ in 0..rng.count(3) {
            let sheets: Vec<usize> = (0..parts.len())
                .filter(|&k| {
                    let n = &parts[k].0;
                    n.contains("worksheets/") || n.ends_with("sharedStrings.xml")
                })
                .collect();
            let k = match sheets.get(rng.below(sheets.len())) {
                Some(&k) if !rng.one_in(3) => k,
                _ => rng.below(parts.len()),
            };
            if let Some(part) = parts.get_mut(k) {
                edit_xml(rng, &mut part.1, 4);
            }
        }
        if rng.one_in(6) {
            edit_package(rng, &mut parts);
        }
        let mut zip = zip_parts(&parts, rng.one_in(3));
        if rng.one_in(15) {
            mutate::bytes(
                rng,
                &mut zip,
                &[b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"],
                3,
            );
        }
        zip
    }

    fn check(&self, input: &[u8]) -> String {
        let m = self.model;
        check_import(m, import_file(m, m.baseline(), input))
    }
}
