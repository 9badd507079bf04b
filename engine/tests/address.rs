//! The address codec: round trip (address → scenario → address is identity), fuzzing (no
//! input panics; damaged input is an error, never a wrong scenario silently) and the reasons
//! of a refusal, each with its message in both languages.

mod common;

use ict_engine::address::{
    decode, encode, encode_legacy, read, AddressError, Misfit, UrlState, MAX_LEN, PREFIX,
    PREFIX_V2, PREFIX_V3,
};
use ict_engine::numfmt::Lang;
use ict_engine::{Model, Scenario, PUBLISHED_SET};
use proptest::prelude::*;

/// States of the 63 provinces (2019) and of the 34 units (2019 derived).
fn scenario_strategy() -> impl Strategy<Value = UrlState> {
    prop_oneof![state_of(common::m19()), state_of(common::u19())]
}

fn state_of(model: &'static Model) -> impl Strategy<Value = UrlState> {
    let provinces: Vec<String> = model.provinces().iter().map(|p| p.id.clone()).collect();
    let indicators: Vec<(String, f64, f64)> = model
        .indicators()
        .iter()
        .map(|d| (d.id.clone(), d.valid[0], d.valid[1]))
        .collect();
    let n_p = provinces.len();
    let n_i = indicators.len();
    (
        0..n_p,
        prop::collection::vec((0..n_p, 0..n_i, 0.0f64..1.0), 0..12),
        any::<bool>(),
    )
        .prop_map(move |(p, cells, en)| {
            let mut scenario = Scenario::default();
            for (q, i, t) in cells {
                let (id, lo, hi) = &indicators[i];
                scenario.set(&provinces[q], id, lo + t * (hi - lo).min(1000.0));
            }
            UrlState {
                year: model.year(),
                province: provinces[p].clone(),
                lang: if en { Lang::En } else { Lang::Vi },
                scenario,
                provinces: model.province_set().to_string(),
            }
        })
}

proptest! {
    #![proptest_config(common::config(2000))]

    #[test]
    fn address_round_trip_is_identity(state in scenario_strategy()) {
        let fragment = encode(&state);
        prop_assert!(fragment.starts_with(PREFIX_V3));
        prop_assert!(fragment.len() < MAX_LEN);
        let back = decode(&fragment).expect("something to decode").expect("decodes");
        prop_assert_eq!(&back, &state);
        prop_assert_eq!(encode(&back), fragment);
        // The address as versions before v3 wrote it opens as the same state.
        let legacy = encode_legacy(&state);
        let prefix = if state.provinces == PUBLISHED_SET { PREFIX } else { PREFIX_V2 };
        prop_assert!(legacy.starts_with(prefix));
        prop_assert_eq!(decode(&legacy), Some(Ok(state.clone())));
    }

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,300}") {
        let _ = decode(&s);
        let _ = decode(&format!("{PREFIX}{s}"));
        let _ = decode(&format!("{PREFIX_V3}{s}"));
    }

    #[test]
    fn arbitrary_binary_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        use base64::Engine;
        let body = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bytes);
        let _ = read(&format!("{PREFIX_V3}{body}"));
    }

    #[test]
    fn damaged_addresses_are_errors_or_valid(state in scenario_strategy(), cut in 0usize..400, byte in any::<u8>()) {
        let fragment = if cut % 2 == 0 { encode(&state) } else { encode_legacy(&state) };
        let mut damaged: Vec<u8> = fragment.into_bytes();
        let at = cut % damaged.len().max(1);
        damaged[at] = byte;
        let text = String::from_utf8_lossy(&damaged).into_owned();
        // Either rejected, or (rarely) still a well-formed address: never a panic.
        if let Some(Ok(s)) = decode(&text) {
            prop_assert!(!s.province.is_empty() || s.scenario.values.is_empty());
        }
    }
}

#[test]
fn oversized_and_foreign_addresses_are_rejected() {
    let long = format!("{PREFIX}{}", "A".repeat(MAX_LEN + 1));
    assert_eq!(decode(&long), Some(Err(())));
    assert_eq!(decode("#v2.abc"), Some(Err(())));
    assert_eq!(decode("#v3.abc"), Some(Err(())));
    assert_eq!(decode("#v4.abc"), Some(Err(())));
    assert_eq!(decode("#/active"), Some(Err(())));
    assert_eq!(decode("#"), None);
    // The same refusals with their reasons.
    assert_eq!(read(&long), Some(Err(AddressError::Damaged)));
    assert_eq!(read("#v2.abc"), Some(Err(AddressError::Damaged)));
    assert_eq!(read("#v3.abc"), Some(Err(AddressError::Damaged)));
    assert_eq!(
        read("#v4.abc"),
        Some(Err(AddressError::Version("v4".into())))
    );
    assert_eq!(read("#/active"), Some(Err(AddressError::Damaged)));
    assert_eq!(read("#"), None);
}

/// Every reason has its message in both languages (the Vietnamese with its diacritics), each
/// naming what was refused and saying that the baseline is shown.
#[test]
fn every_reason_says_why_in_both_languages() {
    let reasons = [
        (AddressError::Damaged, vec!["hỏng"], vec!["damaged"]),
        (
            AddressError::Version("v4".into()),
            vec!["\"v4\"", "\"v1\", \"v2\" và \"v3\""],
            vec!["\"v4\"", "\"v1\", \"v2\" and \"v3\""],
        ),
        (
            AddressError::Unread,
            vec!["định dạng cũ", "tải lại trang"],
            vec!["earlier format", "reload the page"],
        ),
        (
            AddressError::ProvinceSet(Some("35".into())),
            vec!["\"35\"", "63, 34"],
            vec!["\"35\"", "63, 34"],
        ),
        (
            AddressError::ProvinceSet(None),
            vec!["63, 34"],
            vec!["names no"],
        ),
        (
            AddressError::NotInData(Misfit::Year(1999)),
            vec!["năm xếp hạng 1999", "2019, 2018"],
            vec!["1999 edition", "2019, 2018"],
        ),
        (
            AddressError::NotInData(Misfit::Province {
                province: "99".into(),
                year: 2019,
            }),
            vec!["mã tỉnh, thành phố \"99\"", "năm xếp hạng 2019"],
            vec!["province \"99\"", "2019 edition"],
        ),
        (
            AddressError::NotInData(Misfit::Values { year: 2018 }),
            vec!["năm xếp hạng 2018", "khoảng hợp lệ"],
            vec!["2018 edition", "valid range"],
        ),
        (
            AddressError::NotInData(Misfit::Weights { year: 2019 }),
            vec!["năm xếp hạng 2019", "trọng số"],
            vec!["2019 edition", "weight"],
        ),
    ];
    for (reason, vi, en) in reasons {
        let m = reason.message();
        for part in vi {
            assert!(m.vi.contains(part), "{reason:?}: {}", m.vi);
        }
        for part in en {
            assert!(m.en.contains(part), "{reason:?}: {}", m.en);
        }
        assert!(m.vi.to_lowercase().contains("đường dẫn"), "{}", m.vi);
        assert!(m.en.contains("address"), "{}", m.en);
        assert!(
            m.vi.to_lowercase().contains("đang hiển thị số liệu gốc"),
            "{}",
            m.vi
        );
        assert!(
            m.en.to_lowercase().contains("showing the baseline"),
            "{}",
            m.en
        );
        assert!(m.vi.ends_with('.') && m.en.ends_with('.'));
        assert!(!m.vi.contains("  ") && !m.en.contains("  "), "{m:?}");
    }
}

/// The page as it opens with no address keeps a clean one; anything else is written.
#[test]
fn only_the_default_page_keeps_a_clean_address() {
    use ict_engine::address::UrlState;
    use ict_engine::builtin::{DEFAULT_PROVINCE, DEFAULT_YEAR};
    use ict_engine::numfmt::Lang;
    use ict_engine::{Scenario, PUBLISHED_SET};
    let default_state = || UrlState {
        year: DEFAULT_YEAR,
        province: DEFAULT_PROVINCE.to_string(),
        lang: Lang::Vi,
        scenario: Scenario::default(),
        provinces: PUBLISHED_SET.to_string(),
    };
    assert!(default_state().is_default());
    let mut edited = default_state();
    edited.scenario.put(
        DEFAULT_PROVINCE,
        "fixed-broadband-per-100",
        40.0,
        Some(14.5),
    );
    assert!(!edited.is_default());
    // Typed back to the baseline: no edit is left, the address is clean again.
    edited.scenario.put(
        DEFAULT_PROVINCE,
        "fixed-broadband-per-100",
        14.5,
        Some(14.5),
    );
    assert!(edited.is_default());
    let others = [
        UrlState {
            lang: Lang::En,
            ..default_state()
        },
        UrlState {
            year: 2018,
            ..default_state()
        },
        UrlState {
            province: "01".into(),
            ..default_state()
        },
        UrlState {
            provinces: "34".into(),
            ..default_state()
        },
    ];
    for state in others {
        assert!(!state.is_default(), "{state:?}");
    }
}

/// The app's first module reads v3 addresses alone and leaves v1 and v2 to its second.
#[test]
fn the_current_reader_reads_v3_and_knows_a_legacy_address() {
    use ict_engine::address::{is_legacy, read_current};
    let mut scenario = ict_engine::Scenario::default();
    scenario.set("22", "fixed-broadband-per-100", 40.0);
    let state = UrlState {
        year: 2019,
        province: "22".into(),
        lang: Lang::En,
        scenario,
        provinces: PUBLISHED_SET.into(),
    };
    let v3 = format!("#{}", encode(&state));
    let v1 = format!("#{}", encode_legacy(&state));
    assert_eq!(read_current(&v3), Some(Ok(state.clone())));
    assert_eq!(read_current(&v3), read(&v3));
    assert!(!is_legacy(&v3) && is_legacy(&v1));
    assert_eq!(read(&v1), Some(Ok(state)));
    assert_eq!(read_current(&v1), Some(Err(AddressError::Damaged)));
    assert_eq!(read_current("#v4.x"), read("#v4.x"));
    assert_eq!(read_current("#"), None);
    let long = format!("#{PREFIX_V3}{}", "A".repeat(MAX_LEN + 1));
    assert_eq!(read_current(&long), Some(Err(AddressError::Damaged)));
}
