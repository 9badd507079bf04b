//! The page address (`address::decode`): addresses of real scenarios (`v1` of the 63 provinces,
//! `v2` of the 34 units), damaged at every layer (the text, the deflate stream, the JSON inside),
//! and what the app does with one it decodes.

use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;
use ict_engine::address::{decode, encode, UrlState, PREFIX, PREFIX_V2};
use ict_engine::numfmt::Lang;
use ict_engine::{Model, PUBLISHED_SET};
use serde_json::{json, Value};

use crate::mutate::{self, Rng};
use crate::{check_results, Spec, Target};

pub struct Address {
    pub models: Vec<&'static Model>,
    pub words: Vec<String>,
}

const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

impl Address {
    fn state(&self, rng: &mut Rng) -> UrlState {
        let model = *rng.pick(&self.models);
        let np = model.province_count();
        UrlState {
            year: model.year(),
            province: model.provinces()[rng.below(np)].id.clone(),
            lang: if rng.one_in(2) { Lang::Vi } else { Lang::En },
            scenario: mutate::scenario(rng, model),
            provinces: model.province_set().to_string(),
        }
    }

    /// The JSON an address carries (its fields as `address::encode` writes them).
    fn wire(state: &UrlState) -> Value {
        let mut wire = json!({
            "y": state.year,
            "p": state.province,
            "l": state.lang.code(),
            "s": serde_json::to_value(&state.scenario).unwrap_or(Value::Null),
        });
        if state.provinces != PUBLISHED_SET {
            wire["u"] = Value::String(state.provinces.clone());
        }
        wire
    }

    /// The prefix `address::encode` writes for `state`.
    fn prefix(state: &UrlState) -> &'static str {
        if state.provinces == PUBLISHED_SET {
            PREFIX
        } else {
            PREFIX_V2
        }
    }

    /// `#v1.` (`#v2.`) + base64url(deflate(json)), now and then with another prefix, padding or
    /// alphabet.
    fn pack(rng: &mut Rng, prefix: &str, json: &[u8]) -> String {
        let packed = miniz_oxide::deflate::compress_to_vec(json, rng.below(11) as u8);
        Self::wrap(rng, prefix, &packed)
    }

    fn wrap(rng: &mut Rng, prefix: &str, packed: &[u8]) -> String {
        let body = match rng.below(12) {
            0 => URL_SAFE.encode(packed),
            1 => STANDARD.encode(packed),
            _ => URL_SAFE_NO_PAD.encode(packed),
        };
        let hash = format!("#{prefix}");
        let prefix = match rng.below(12) {
            0 => *rng.pick(&[
                "", "v1.", "v2.", "v3.", "V1.", "v1", "v2", "#", "##v1.", "v1..", " v1.", "v02.",
            ]),
            1 | 2 => hash.as_str(),
            _ => prefix,
        };
        format!("{prefix}{body}")
    }
}

impl Target for Address {
    fn spec(&self) -> Spec {
        Spec {
            name: "address",
            extension: "txt",
            ci_runs: 3_000,
            threads: 1,
        }
    }

    fn generate(&self, rng: &mut Rng) -> Vec<u8> {
        let state = self.state(rng);
        let text = match rng.below(10) {
            // The JSON inside, as a tree.
            0..=4 => {
                let mut wire = Self::wire(&state);
                if !rng.one_in(3) {
                    mutate::json(rng, &mut wire, &self.words, 2);
                }
                Self::pack(
                    rng,
                    Self::prefix(&state),
                    &serde_json::to_vec(&wire).unwrap_or_default(),
                )
            }
            // The JSON inside, as text.
            5 => {
                let mut json = serde_json::to_vec(&Self::wire(&state)).unwrap_or_default();
                mutate::json_text(rng, &mut json, &self.words);
                Self::pack(rng, Self::prefix(&state), &json)
            }
            // The deflate stream.
            6 => {
                let json = serde_json::to_vec(&Self::wire(&state)).unwrap_or_default();
                let mut packed = miniz_oxide::deflate::compress_to_vec(&json, 6);
                mutate::bytes(rng, &mut packed, &[], 4);
                Self::wrap(rng, Self::prefix(&state), &packed)
            }
            // Something else packed: another JSON, or not JSON at all.
            7 => {
                let value = mutate::json_value(rng, &self.words);
                let mut json = serde_json::to_vec(&value).unwrap_or_default();
                if rng.one_in(3) {
                    json = vec![rng.next_u64() as u8; rng.below(300_000)];
                }
                Self::pack(rng, Self::prefix(&state), &json)
            }
            // The address text.
            _ => {
                let mut text = encode(&state).into_bytes();
                let dict: Vec<&[u8]> = ALPHABET
                    .chunks(1)
                    .chain([&b"="[..], b"%", b"#", b".", b"v1.", b"v2."])
                    .collect();
                mutate::bytes(rng, &mut text, &dict, 6);
                return text;
            }
        };
        text.into_bytes()
    }

    fn check(&self, input: &[u8]) -> String {
        let text = String::from_utf8_lossy(input);
        let state = match decode(&text) {
            None => return "nothing to decode".into(),
            Some(Err(())) => return "refused".into(),
            Some(Ok(s)) => s,
        };
        // What decodes encodes again to the same state.
        assert_eq!(decode(&encode(&state)), Some(Ok(state.clone())));
        // As the app restores an address: the edition, province, values and method must fit.
        let Some(model) = self
            .models
            .iter()
            .find(|m| m.year() == state.year && m.province_set() == state.provinces)
        else {
            return "decoded, unknown year".into();
        };
        if model.province_index(&state.province).is_none()
            || model.apply(&state.scenario).is_err()
            || model.params(&state.scenario.settings).is_err()
        {
            return "decoded, does not fit the data".into();
        }
        let results = model
            .evaluate(&state.scenario)
            .expect("an address the app accepts evaluates");
        check_results(model, &results);
        format!("accepted ({})", state.provinces)
    }
}
