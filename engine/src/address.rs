//! The page address encodes a scenario: `#v1.<base64url(deflate(JSON))>`.
//! Versioned and compact; a damaged, foreign or oversized address decodes to an error,
//! never a panic.

use crate::numfmt::Lang;
use crate::Scenario;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// Version prefix of the address format.
pub const PREFIX: &str = "v1.";
/// Longest address fragment accepted (characters).
pub const MAX_LEN: usize = 16 * 1024;
/// Largest decompressed JSON accepted (bytes).
const MAX_JSON: usize = 256 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct UrlState {
    pub year: u16,
    pub province: String,
    pub lang: Lang,
    pub scenario: Scenario,
}

#[derive(Serialize, Deserialize)]
struct Wire {
    y: u16,
    p: String,
    #[serde(default)]
    l: String,
    #[serde(default)]
    s: Scenario,
}

pub fn encode(state: &UrlState) -> String {
    let wire = Wire {
        y: state.year,
        p: state.province.clone(),
        l: state.lang.code().to_string(),
        s: state.scenario.clone(),
    };
    let json = serde_json::to_vec(&wire).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decodes a fragment (without `#`). `None` when there is nothing to decode.
pub fn decode(fragment: &str) -> Option<Result<UrlState, ()>> {
    let f = fragment.trim_start_matches('#');
    if f.is_empty() {
        return None;
    }
    Some(decode_inner(f).ok_or(()))
}

fn decode_inner(f: &str) -> Option<UrlState> {
    if f.len() > MAX_LEN {
        return None;
    }
    let body = f.strip_prefix(PREFIX)?;
    let packed = URL_SAFE_NO_PAD.decode(body).ok()?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON).ok()?;
    let wire: Wire = serde_json::from_slice(&json).ok()?;
    Some(UrlState {
        year: wire.y,
        province: wire.p,
        lang: Lang::from_code(&wire.l).unwrap_or_default(),
        scenario: wire.s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let mut scenario = Scenario::default();
        scenario.set("22", "fixed-broadband-per-100", 40.0);
        let s = UrlState {
            year: 2019,
            province: "22".into(),
            lang: Lang::En,
            scenario,
        };
        let f = encode(&s);
        assert!(f.starts_with("v1."));
        assert_eq!(decode(&f), Some(Ok(s)));
        assert_eq!(decode(""), None);
        assert_eq!(decode("#v1.@@@"), Some(Err(())));
        assert_eq!(decode("v0.abc"), Some(Err(())));
        assert_eq!(decode(&f[..f.len() - 3]), Some(Err(())));
    }
}
