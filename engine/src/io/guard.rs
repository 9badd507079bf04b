//! What calamine 0.38 cannot be trusted with, found in the parts of a workbook before it reads
//! them (feature `xlsx`); [`sheet_of_part`] names the worksheet of a part for the message.
//!
//! - Cell references. calamine turns those of a worksheet (`<dimension ref="A1:AE64">`,
//!   `<row r="5">`, `<c r="B5">`) into numbers with unchecked `u32` arithmetic: a column such as
//!   `ZZZZZZZZZZ` or a row such as `99999999999` overflows (a panic where overflow checks are on,
//!   a wrong number elsewhere), and a dimension that ends before it starts (`B2:A1`) underflows.
//!   Excel's last cell is `XFD1048576`, so no real workbook holds a reference past it.
//! - The count of shared strings. calamine reserves room for `<sst uniqueCount="N">` strings
//!   before it reads one: a count of billions aborts the program for want of memory (in the
//!   browser, the file module dies). A part of n bytes holds at most n / 5 strings (`<si/>`), so
//!   a larger count is a lie.
//!
//! The scan is wider than calamine's reader on purpose, so that nothing calamine reads can slip
//! past it, whatever the XML around it: in every part of the package, every `r`, `ref` or
//! `uniqueCount` key that follows white space or a quote, then `=` and a quoted value, is checked,
//! in any element (and in comments or text too). Real workbooks hold such keys only on cell
//! references, ranges and the shared strings. The scan is linear: a value is read only as far as
//! its letters, digits and colons go.

use std::io::Read;

/// Excel's last row.
pub const MAX_ROW: u64 = 1_048_576;
/// Excel's last column (`XFD`).
pub const MAX_COLUMN: u64 = 16_384;

/// The keys of references.
const REFERENCES: [&[u8]; 2] = [b"ref", b"r"];
/// The key of the count of shared strings.
const COUNT: &[u8] = b"uniqueCount";
/// The shortest shared string (`<si/>`), bytes.
const MIN_STRING: u64 = 5;
/// Longest reference quoted in a message (bytes).
const QUOTED: usize = 64;
/// Longest tag read when naming the worksheet (a real one is far shorter).
const MAX_TAG: usize = 4096;

/// What calamine must not see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Reference(BadReference),
    /// A count of shared strings larger than the part can hold.
    Count {
        declared: u64,
        room: u64,
    },
}

/// A reference past Excel's last cell, or a range that ends before it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadReference {
    /// The reference as written (its letters, digits and colons; cut when very long).
    pub reference: String,
    /// The row of the first cell named, when it is one of Excel's rows.
    pub row: Option<usize>,
    /// The column letters of the first cell named, when there are any (cut when very long).
    pub column: Option<String>,
}

/// One cell of a reference: its column letters, column and row numbers (0 when absent,
/// saturated far beyond Excel's limits), and whether it is letters then digits and nothing else.
struct Cell<'a> {
    letters: &'a [u8],
    column: u64,
    row: u64,
    complete: bool,
}

fn cell(part: &[u8]) -> Cell<'_> {
    let n_letters = part.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let letters = &part[..n_letters];
    let digits = part[n_letters..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let column = letters.iter().fold(0u64, |c, b| {
        c.saturating_mul(26)
            .saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1)
    });
    let row = part[n_letters..n_letters + digits]
        .iter()
        .fold(0u64, |r, b| {
            r.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        });
    Cell {
        letters,
        column,
        row,
        complete: column > 0 && row > 0 && n_letters + digits == part.len(),
    }
}

fn cut(bytes: &[u8]) -> String {
    String::from_utf8_lossy(&bytes[..bytes.len().min(QUOTED)]).into_owned()
}

/// `Some` when the reference at the start of `value` (a cell, or `start:end`) names a cell past
/// Excel's last one, or is a range that ends before it starts. Only its letters, digits and
/// colons are read: calamine's arithmetic stops at the first other byte.
fn check_value(value: &[u8]) -> Option<BadReference> {
    let len = value
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b':'))
        .unwrap_or(value.len());
    let run = &value[..len];
    let parts: Vec<Cell<'_>> = run.split(|&b| b == b':').map(cell).collect();
    let beyond = parts
        .iter()
        .any(|c| c.column > MAX_COLUMN || c.row > MAX_ROW);
    let reversed = match parts.as_slice() {
        [a, b] if a.complete && b.complete => b.row < a.row || b.column < a.column,
        _ => false,
    };
    if !beyond && !reversed {
        return None;
    }
    let first = parts.first()?;
    Some(BadReference {
        reference: cut(run),
        row: (1..=MAX_ROW)
            .contains(&first.row)
            .then_some(first.row)
            .and_then(|r| usize::try_from(r).ok()),
        column: (!first.letters.is_empty()).then(|| cut(first.letters)),
    })
}

/// The key before the `=` at `eq` if it is `key`: after white space, a quote or the start, then
/// white space.
fn keyed(xml: &[u8], eq: usize, key: &[u8]) -> bool {
    let mut end = eq;
    while end > 0 && xml[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    let before = &xml[..end];
    before.ends_with(key)
        && before[..before.len() - key.len()]
            .last()
            .is_none_or(|&b| b == b'"' || b == b'\'' || b.is_ascii_whitespace())
}

/// The value after the `=` at `eq`, when quoted (after white space): from the quote on.
fn quoted(xml: &[u8], eq: usize) -> Option<&[u8]> {
    let mut open = eq + 1;
    while xml.get(open).is_some_and(u8::is_ascii_whitespace) {
        open += 1;
    }
    matches!(xml.get(open), Some(b'"' | b'\'')).then(|| &xml[open + 1..])
}

/// A count of shared strings larger than a part of `len` bytes can hold (its leading digits,
/// saturated).
fn check_count(value: &[u8], len: usize) -> Option<Problem> {
    let declared = value
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .fold(0u64, |n, b| {
            n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
        });
    let room = u64::try_from(len).unwrap_or(u64::MAX) / MIN_STRING;
    (declared > room).then_some(Problem::Count { declared, room })
}

/// The first thing in an XML part that calamine would overflow on or abort for (see the module
/// documentation), if any.
pub fn first_problem(xml: &[u8]) -> Option<Problem> {
    // A plain loop over the bytes: this runs on every byte of every upload.
    let mut eq = 0;
    while eq < xml.len() {
        if xml[eq] == b'=' {
            if let Some(value) = quoted(xml, eq) {
                if REFERENCES.iter().any(|key| keyed(xml, eq, key)) {
                    if let Some(b) = check_value(value) {
                        return Some(Problem::Reference(b));
                    }
                } else if keyed(xml, eq, COUNT) {
                    if let Some(p) = check_count(value, xml.len()) {
                        return Some(p);
                    }
                }
            }
        }
        eq += 1;
    }
    None
}

/// The tags of `xml` named `name` (with any namespace prefix): each one's attribute bytes, up to
/// the first `>` outside quotes or the next `<` (which well-formed XML never has inside a tag),
/// at most [`MAX_TAG`] bytes. Linear: no two tags overlap.
fn tags<'a>(xml: &'a [u8], name: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
    xml.iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'<')
        .filter_map(move |(k, _)| {
            let rest = &xml[k + 1..xml.len().min(k + 1 + MAX_TAG)];
            let rest = &rest[..rest.iter().position(|&b| b == b'<').unwrap_or(rest.len())];
            let name_len = rest
                .iter()
                .position(|&b| b.is_ascii_whitespace() || b == b'/' || b == b'>')
                .unwrap_or(rest.len());
            let full = &rest[..name_len];
            let local = full.rsplit(|&b| b == b':').next().unwrap_or(full);
            if local != name {
                return None;
            }
            let mut quote = None;
            let end = (name_len..rest.len())
                .find(|&e| match (quote, rest[e]) {
                    (None, b'>') => true,
                    (None, q @ (b'"' | b'\'')) => {
                        quote = Some(q);
                        false
                    }
                    (Some(q), b) if q == b => {
                        quote = None;
                        false
                    }
                    _ => false,
                })
                .unwrap_or(rest.len());
            Some(&rest[name_len..end])
        })
}

/// The first value of `key` (exactly, or `prefix:key`) among the attributes of a tag.
fn attr(attrs: &[u8], key: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        let eq = rest.iter().position(|&b| b == b'=')?;
        let name = rest[..eq].trim_ascii();
        let name = name.rsplit(u8::is_ascii_whitespace).next().unwrap_or(name);
        let after = rest[eq + 1..].trim_ascii_start();
        let quote = *after.first().filter(|&&q| q == b'"' || q == b'\'')?;
        let len = after[1..].iter().position(|&b| b == quote)?;
        let value = &after[1..1 + len];
        let local = name.rsplit(|&b| b == b':').next().unwrap_or(name);
        if local == key.as_bytes() {
            return Some(unescape(&String::from_utf8_lossy(value)));
        }
        rest = &after[len + 2..];
    }
}

/// The five XML entities and numeric character references.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';') else { break };
        let entity = &rest[1..semi];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| entity.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A part of the package by name, as calamine finds it (case-insensitive, `\` read as `/`).
fn part<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<Vec<u8>> {
    let wanted = name.to_ascii_lowercase();
    let k = (0..zip.len()).find(|&k| {
        zip.name_for_index(k)
            .and_then(Result::ok)
            .is_some_and(|n| n.replace('\\', "/").to_ascii_lowercase() == wanted)
    })?;
    let mut data = Vec::new();
    zip.by_index(k).ok()?.read_to_end(&mut data).ok()?;
    Some(data)
}

/// The name of the worksheet stored in the part `path`, found as calamine finds worksheets: the
/// workbook named by `_rels/.rels`, its relationships, its `<sheet>` list. `None` when no sheet
/// of the workbook is stored there (or the package is too damaged to tell).
pub fn sheet_of_part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &str,
) -> Option<String> {
    let package = part(zip, "_rels/.rels")?;
    let book = tags(&package, b"Relationship")
        .find(|a| attr(a, "Type").is_some_and(|t| t.ends_with("/relationships/officeDocument")))
        .and_then(|a| attr(a, "Target"))?;
    let (dir, name) = book.split_at(book.rfind('/').map_or(0, |i| i + 1));
    let dir = dir.strip_prefix('/').unwrap_or(dir);
    let rels = part(zip, &format!("{dir}_rels/{name}.rels"))?;
    let workbook = part(zip, &format!("{dir}{name}"))?;
    let targets: std::collections::HashMap<String, String> = tags(&rels, b"Relationship")
        .filter_map(|a| Some((attr(a, "Id")?, attr(a, "Target")?)))
        .collect();
    let wanted = path.replace('\\', "/").to_ascii_lowercase();
    let sheet = tags(&workbook, b"sheet").find_map(|sheet| {
        let target = targets.get(&attr(sheet, "id")?)?;
        let target = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("{dir}{target}"),
        };
        (target.to_ascii_lowercase() == wanted)
            .then(|| attr(sheet, "name"))
            .flatten()
    });
    sheet
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(xml: &str) -> Option<String> {
        match first_problem(xml.as_bytes()) {
            Some(Problem::Reference(b)) => Some(b.reference),
            Some(p) => panic!("{p:?}"),
            None => None,
        }
    }

    fn reference(xml: &[u8]) -> BadReference {
        match first_problem(xml) {
            Some(Problem::Reference(b)) => b,
            p => panic!("{p:?}"),
        }
    }

    #[test]
    fn references_up_to_excel_last_cell_pass() {
        for xml in [
            r#"<dimension ref="A1:XFD1048576"/>"#,
            r#"<row r="1048576"><c r="XFD1048576"/></row>"#,
            r#"<x:c r="b2" s="1"><v>ZZZZZZZZZZ1</v></x:c>"#,
            r#"<cols><col min="1" max="99999999999"/></cols>"#,
            r#"<c t="s" rr="ZZZZZZZZZZ1" r="A1"/>"#,
            r#"<dimension ref="A1"/><dimension ref="A1:A1"/>"#,
        ] {
            assert_eq!(bad(xml), None, "{xml}");
        }
    }

    #[test]
    fn references_past_it_or_reversed_are_found() {
        for (xml, reference) in [
            (r#"<c r="ZZZZZZZZZZ1">"#, "ZZZZZZZZZZ1"),
            (r#"<c r="XFE1">"#, "XFE1"),
            (r#"<c r="A1048577">"#, "A1048577"),
            (r#"<row r="99999999999">"#, "99999999999"),
            (r#"<dimension ref="A1:ZZZZZZZZZZ64"/>"#, "A1:ZZZZZZZZZZ64"),
            (r#"<dimension ref="B2:A1"/>"#, "B2:A1"),
            (r#"<dimension ref="A2:B1"/>"#, "A2:B1"),
            (r#"<x:c s="1" r = 'ZZZZZZZZZZ1'/>"#, "ZZZZZZZZZZ1"),
            (r#"<c a=">" r="ZZZZZZZZZZ1">"#, "ZZZZZZZZZZ1"),
            (r#"<c a="1"r="ZZZZZZZZZZ1">"#, "ZZZZZZZZZZ1"),
            (r#"<!-- <c r="ZZZZZZZZZZ1"> -->"#, "ZZZZZZZZZZ1"),
            (r#"<mergeCell ref="A1:ZZZZZZZZZZ1"/>"#, "A1:ZZZZZZZZZZ1"),
            (r#"<c r="A1"><is><t x=" r='XFE9'"/></is></c>"#, "XFE9"),
            (
                r#"<c r="AAAAAAAAAAAAAAAAAAAAAAAAAAAAA-1">"#,
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            ),
        ] {
            assert_eq!(bad(xml).as_deref(), Some(reference), "{xml}");
        }
        let b = reference(br#"<c r="ZZZZZZZZZZ1"/>"#);
        assert_eq!((b.row, b.column.as_deref()), (Some(1), Some("ZZZZZZZZZZ")));
        let b = reference(br#"<c r="C99999999999"/>"#);
        assert_eq!((b.row, b.column.as_deref()), (None, Some("C")));
    }

    #[test]
    fn counts_of_shared_strings_must_fit_their_part() {
        let sst = |count: &str| {
            format!(r#"<sst count="2" uniqueCount="{count}"><si><t>a</t></si><si/></sst>"#)
        };
        // 60 bytes hold at most 12 strings.
        assert_eq!(sst("12").len(), 60);
        assert_eq!(first_problem(sst("2").as_bytes()), None);
        assert_eq!(first_problem(sst("12").as_bytes()), None);
        assert_eq!(
            first_problem(sst("13").as_bytes()),
            Some(Problem::Count {
                declared: 13,
                room: 12
            })
        );
        let huge = sst("0000004294967296");
        assert!(matches!(
            first_problem(huge.as_bytes()),
            Some(Problem::Count {
                declared: 4_294_967_296,
                ..
            })
        ));
        // Only the key itself.
        assert_eq!(first_problem(br#"<x myuniqueCount="99999999"/>"#), None);
    }

    #[test]
    fn attributes_and_entities() {
        let tag = br#" name="B&amp;C &#7879;" sheetId="1" r:id="rId3""#;
        assert_eq!(attr(tag, "name").as_deref(), Some("B&C ệ"));
        assert_eq!(attr(tag, "id").as_deref(), Some("rId3"));
        assert_eq!(attr(tag, "Id"), None);
        assert_eq!(unescape("a &bogus; &#x41;&"), "a &bogus; A&");
    }
}
