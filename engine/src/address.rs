//! The page address encodes a scenario: `#v3.<base64url(binary)>` as the app writes it now, the
//! binary form of [`crate::wire`] (no JSON writer, no compressor in the app's first module);
//! `#v1.<base64url(deflate(JSON))>` (the 63 provinces of the editions) and
//! `#v2.<base64url(deflate(JSON))>` (another province set, which the JSON names), as earlier
//! versions wrote them, still open. Versioned and compact; a damaged, foreign or oversized
//! address decodes to an error, never a panic.
//!
//! `v3`: year, province id, language, scenario and province set (one of
//! [`builtin::province_set_ids`]), in that order. The JSON of `v1` and `v2`: `{"y": year, "p":
//! province id, "l": "vi" | "en", "s": scenario}`, and in `v2` also `"u": province set`
//! (required). [`encode_legacy`] writes them (tests, and addresses shared before `v3`).

use crate::builtin;
use crate::methodology::Text;
use crate::numfmt::Lang;
use crate::province_set::PUBLISHED_SET;
use crate::Scenario;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Version prefix of an address of the 63 provinces.
pub const PREFIX: &str = "v1.";
/// Version prefix of an address that names its province set.
pub const PREFIX_V2: &str = "v2.";
/// Version prefix of an address in binary form (what [`encode`] writes).
pub const PREFIX_V3: &str = "v3.";
/// Longest address fragment accepted (characters).
pub const MAX_LEN: usize = 16 * 1024;
/// Largest decompressed JSON accepted (bytes).
const MAX_JSON: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UrlState {
    pub year: u16,
    pub province: String,
    pub lang: Lang,
    pub scenario: Scenario,
    /// The province set: [`PUBLISHED_SET`] (`"63"`, the editions) or another built-in one
    /// (`"34"`); the province and the scenario's ids are of that set.
    pub provinces: String,
}

#[derive(Serialize, Deserialize)]
struct Wire {
    y: u16,
    p: String,
    #[serde(default)]
    l: String,
    #[serde(default)]
    s: Scenario,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    u: Option<String>,
}

/// `v3`: the same, in binary form, the province set always named.
#[derive(Serialize, Deserialize)]
struct Binary {
    y: u16,
    p: String,
    l: Lang,
    s: Scenario,
    u: String,
}

impl UrlState {
    /// The state the page opens on with no address (its address is kept clean).
    pub fn is_default(&self) -> bool {
        self.year == builtin::DEFAULT_YEAR
            && self.province == builtin::DEFAULT_PROVINCE
            && self.lang == Lang::Vi
            && self.provinces == PUBLISHED_SET
            && self.scenario.is_empty()
    }
}

/// Why an address was not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressError {
    /// Not an address of this app, or damaged (cut, changed, too long).
    Damaged,
    /// A later version of the format (`v3.…`), from a newer version of the app.
    Version(String),
    /// A province set this app does not have, or none named where one must be.
    ProvinceSet(Option<String>),
    /// The address reads but does not fit the data (checked by the app's state, which has the
    /// data): what did not.
    NotInData(Misfit),
    /// An address in a format before `v3` that could not be read now: the part of the app that
    /// reads those formats did not load (a reload may read it).
    Unread,
}

/// The part of a readable address that does not fit the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Misfit {
    /// An edition (year) this app does not have.
    Year(u16),
    /// A province (or unit) that the edition of the address does not have in its set.
    Province { province: String, year: u16 },
    /// A value of the scenario that does not fit the edition: an unknown province or indicator,
    /// or a value outside its indicator's valid range.
    Values { year: u16 },
    /// A weight that does not fit the edition's method: one of something the edition does not
    /// have, or one that is negative or leaves a group with all its weights zero.
    Weights { year: u16 },
}

impl AddressError {
    /// What to tell the planner, in both languages.
    pub fn message(&self) -> Text {
        let (vi, en) = match self {
            AddressError::Unread => (
                "Đường dẫn theo định dạng cũ chưa đọc được lúc này: phần của công cụ đọc định dạng \
                 đó không tải được. Đường dẫn được giữ nguyên: hãy tải lại trang. Đang hiển thị số \
                 liệu gốc."
                    .to_string(),
                "The address, in an earlier format, could not be read now: the part of the tool \
                 that reads it did not load. The address is kept as it is: reload the page. \
                 Showing the baseline."
                    .to_string(),
            ),
            AddressError::Damaged => (
                "Đường dẫn không đọc được (hỏng hoặc không phải của công cụ này); đang hiển thị số \
                 liệu gốc."
                    .to_string(),
                "The address cannot be read (damaged, or not one of this tool's); showing the \
                 baseline."
                    .to_string(),
            ),
            AddressError::Version(v) => (
                format!(
                    "Đường dẫn dùng phiên bản định dạng \"{v}\" của một phiên bản mới hơn của \
                     công cụ; phiên bản này đọc \"v1\", \"v2\" và \"v3\". Đang hiển thị số liệu \
                     gốc."
                ),
                format!(
                    "The address uses format version \"{v}\" of a newer version of the tool; \
                     this one reads \"v1\", \"v2\" and \"v3\". Showing the baseline."
                ),
            ),
            AddressError::ProvinceSet(set) => {
                let known = builtin::province_set_ids().collect::<Vec<_>>().join(", ");
                match set {
                    Some(s) => (
                        format!(
                            "Đường dẫn dùng bộ đơn vị hành chính \"{s}\" mà công cụ không có (hiện \
                             có: {known}); đang hiển thị số liệu gốc."
                        ),
                        format!(
                            "The address uses the province set \"{s}\", which this tool does not \
                             have (available: {known}); showing the baseline."
                        ),
                    ),
                    None => (
                        format!(
                            "Đường dẫn \"v2\" không ghi bộ đơn vị hành chính (hiện có: {known}); \
                             đang hiển thị số liệu gốc."
                        ),
                        format!(
                            "The \"v2\" address names no province set (available: {known}); \
                             showing the baseline."
                        ),
                    ),
                }
            }
            AddressError::NotInData(Misfit::Year(year)) => {
                let known = builtin::YEARS
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    format!(
                        "Đường dẫn thuộc năm xếp hạng {year}, mà công cụ không có (hiện có: \
                         {known}); đang hiển thị số liệu gốc."
                    ),
                    format!(
                        "The address is of the {year} edition, which this tool does not have \
                         (available: {known}); showing the baseline."
                    ),
                )
            }
            AddressError::NotInData(Misfit::Province { province, year }) => (
                format!(
                    "Đường dẫn ghi mã tỉnh, thành phố \"{province}\", mã này không có trong \
                     năm xếp hạng {year}; đang hiển thị số liệu gốc."
                ),
                format!(
                    "The address names the province \"{province}\", which the {year} edition \
                     does not have; showing the baseline."
                ),
            ),
            AddressError::NotInData(Misfit::Values { year }) => (
                format!(
                    "Kịch bản trong đường dẫn không khớp với số liệu năm xếp hạng {year} (tỉnh \
                     hoặc chỉ tiêu không có, hoặc giá trị ngoài khoảng hợp lệ); đang hiển thị \
                     số liệu gốc."
                ),
                format!(
                    "The address's scenario does not fit the data of the {year} edition (a \
                     province or indicator it does not have, or a value outside its valid \
                     range); showing the baseline."
                ),
            ),
            AddressError::NotInData(Misfit::Weights { year }) => (
                format!(
                    "Phương pháp trong đường dẫn không khớp với năm xếp hạng {year} (trọng số \
                     của một mục mà năm đó không có, hoặc trọng số âm hay làm cả nhóm bằng 0); \
                     đang hiển thị số liệu gốc."
                ),
                format!(
                    "The address's method does not fit the {year} edition (a weight of \
                     something it does not have, or a weight that is negative or zero for a \
                     whole group); showing the baseline."
                ),
            ),
        };
        Text { vi, en }
    }
}

/// The address of `state` (`v3`).
pub fn encode(state: &UrlState) -> String {
    let binary = Binary {
        y: state.year,
        p: state.province.clone(),
        l: state.lang,
        s: state.scenario.clone(),
        u: state.provinces.clone(),
    };
    let bytes = crate::wire::to_bytes(&binary).unwrap_or_default();
    format!("{PREFIX_V3}{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// The address of `state` as versions before `v3` wrote it: `v1` for the 63 provinces, `v2`
/// for another set.
pub fn encode_legacy(state: &UrlState) -> String {
    let published = state.provinces == PUBLISHED_SET;
    let wire = Wire {
        y: state.year,
        p: state.province.clone(),
        l: state.lang.code().to_string(),
        s: state.scenario.clone(),
        u: (!published).then(|| state.provinces.clone()),
    };
    let json = serde_json::to_vec(&wire).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    let prefix = if published { PREFIX } else { PREFIX_V2 };
    format!("{prefix}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decodes a fragment (without `#`). `None` when there is nothing to decode. [`read`] says why
/// an address was refused; this forgets it (for callers that need only whether).
pub fn decode(fragment: &str) -> Option<Result<UrlState, ()>> {
    read(fragment).map(|r| r.map_err(|_| ()))
}

/// Decodes a fragment (without `#`), saying why one is refused. `None` when there is nothing to
/// decode.
pub fn read(fragment: &str) -> Option<Result<UrlState, AddressError>> {
    let f = fragment.trim_start_matches('#');
    if f.is_empty() {
        return None;
    }
    Some(read_inner(f))
}

/// A `v1` or `v2` address (JSON): [`read`] decodes it; [`read_current`] leaves it alone.
pub fn is_legacy(fragment: &str) -> bool {
    let f = fragment.trim_start_matches('#');
    f.starts_with(PREFIX) || f.starts_with(PREFIX_V2)
}

/// [`read`] without the JSON reader of `v1` and `v2` (the app's first module, which asks its
/// second for those: see [`is_legacy`]); a legacy address here is refused as damaged.
pub fn read_current(fragment: &str) -> Option<Result<UrlState, AddressError>> {
    let f = fragment.trim_start_matches('#');
    if f.is_empty() {
        return None;
    }
    Some(if f.len() > MAX_LEN {
        Err(AddressError::Damaged)
    } else if let Some(body) = f.strip_prefix(PREFIX_V3) {
        read_binary(body)
    } else {
        Err(later_version(f).map_or(AddressError::Damaged, AddressError::Version))
    })
}

fn read_inner(f: &str) -> Result<UrlState, AddressError> {
    if f.len() > MAX_LEN {
        return Err(AddressError::Damaged);
    }
    let (v2, body) = if let Some(body) = f.strip_prefix(PREFIX) {
        (false, body)
    } else if let Some(body) = f.strip_prefix(PREFIX_V2) {
        (true, body)
    } else if let Some(body) = f.strip_prefix(PREFIX_V3) {
        return read_binary(body);
    } else {
        return Err(later_version(f).map_or(AddressError::Damaged, AddressError::Version));
    };
    let packed = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| AddressError::Damaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON)
        .map_err(|_| AddressError::Damaged)?;
    let wire: Wire = serde_json::from_slice(&json).map_err(|_| AddressError::Damaged)?;
    let provinces = match (v2, wire.u) {
        // v1 is of the 63 provinces; a set named in it was not written by this app.
        (false, None) => PUBLISHED_SET.to_string(),
        (false, Some(_)) => return Err(AddressError::Damaged),
        (true, Some(u)) if builtin::province_set_ids().any(|k| k == u) => u,
        (true, u) => return Err(AddressError::ProvinceSet(u)),
    };
    Ok(UrlState {
        year: wire.y,
        province: wire.p,
        lang: Lang::from_code(&wire.l).unwrap_or_default(),
        scenario: wire.s,
        provinces,
    })
}

/// A `v3` address's body.
fn read_binary(body: &str) -> Result<UrlState, AddressError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| AddressError::Damaged)?;
    let b: Binary = crate::wire::from_bytes(&bytes).map_err(|_| AddressError::Damaged)?;
    if !builtin::province_set_ids().any(|k| k == b.u) {
        return Err(AddressError::ProvinceSet(Some(b.u)));
    }
    Ok(UrlState {
        year: b.y,
        province: b.p,
        lang: b.l,
        scenario: b.s,
        provinces: b.u,
    })
}

/// `v4.…`, `v10.…`: the version of a format this app does not read yet.
fn later_version(f: &str) -> Option<String> {
    let (v, _) = f.split_once('.')?;
    let n = v.strip_prefix('v')?;
    let n: u32 = n
        .parse()
        .ok()
        .filter(|_| n.bytes().all(|b| b.is_ascii_digit()))?;
    (n > 3).then(|| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let mut scenario = Scenario::default();
        scenario.set("22", "fixed-broadband-per-100", 40.0);
        let mut s = UrlState {
            year: 2019,
            province: "22".into(),
            lang: Lang::En,
            scenario,
            provinces: PUBLISHED_SET.into(),
        };
        assert!(encode(&s).starts_with("v3."));
        assert_eq!(decode(&encode(&s)), Some(Ok(s.clone())));
        let f = encode_legacy(&s);
        assert!(f.starts_with("v1."));
        assert_eq!(decode(&f), Some(Ok(s.clone())));
        assert_eq!(decode(""), None);
        assert_eq!(decode("#v1.@@@"), Some(Err(())));
        assert_eq!(decode("v0.abc"), Some(Err(())));
        assert_eq!(decode(&f[..f.len() - 3]), Some(Err(())));
        s.provinces = "34".into();
        assert_eq!(decode(&encode(&s)), Some(Ok(s.clone())));
        let f = encode_legacy(&s);
        assert!(f.starts_with("v2."));
        assert_eq!(decode(&f), Some(Ok(s)));
        assert_eq!(read("v3.abc"), Some(Err(AddressError::Damaged)));
        assert_eq!(
            read("v4.abc"),
            Some(Err(AddressError::Version("v4".into())))
        );
        assert_eq!(read("v2x.abc"), Some(Err(AddressError::Damaged)));
    }
}
