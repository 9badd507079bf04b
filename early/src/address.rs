//! The page address written from a state: shared by the app and the quick editor, so that both
//! write the same address for the same scenario.

use ict_engine::address::{encode, UrlState};
use ict_engine::builtin::{DEFAULT_PROVINCE, DEFAULT_YEAR};
use ict_engine::numfmt::Lang;
use ict_engine::PUBLISHED_SET;
use wasm_bindgen::JsValue;

/// How long after the last change the address is written (ms): `replaceState` costs about a
/// millisecond, which typing should not pay on every keystroke.
pub const ADDRESS_DELAY_MS: u32 = 250;

/// Writes `state` into the address if it differs (`replaceState`: no history entry).
pub fn write_fragment(state: &UrlState) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let current = location.hash().unwrap_or_default();
    // The page as it opens with no address (the built-in first screen, which index.html has
    // pre-rendered) keeps a clean address: a reload shows it at once.
    let fragment = if is_default(state) {
        String::new()
    } else {
        format!("#{}", encode(state))
    };
    if current != fragment {
        let url = if fragment.is_empty() {
            format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            )
        } else {
            fragment
        };
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
        }
    }
}

/// The state the page opens on with no address.
pub fn is_default(state: &UrlState) -> bool {
    state.year == DEFAULT_YEAR
        && state.province == DEFAULT_PROVINCE
        && state.lang == Lang::Vi
        && state.provinces == PUBLISHED_SET
        && state.scenario.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ict_engine::Scenario;

    fn default_state() -> UrlState {
        UrlState {
            year: DEFAULT_YEAR,
            province: DEFAULT_PROVINCE.to_string(),
            lang: Lang::Vi,
            scenario: Scenario::default(),
            provinces: PUBLISHED_SET.to_string(),
        }
    }

    /// The page as it opens with no address keeps a clean one; anything else is written.
    #[test]
    fn only_the_default_page_keeps_a_clean_address() {
        assert!(is_default(&default_state()));
        let mut edited = default_state();
        edited.scenario.put(
            DEFAULT_PROVINCE,
            "fixed-broadband-per-100",
            40.0,
            Some(14.5),
        );
        assert!(!is_default(&edited));
        // Typed back to the baseline: no edit is left, the address is clean again.
        edited.scenario.put(
            DEFAULT_PROVINCE,
            "fixed-broadband-per-100",
            14.5,
            Some(14.5),
        );
        assert!(is_default(&edited));
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
            assert!(!is_default(&state), "{state:?}");
        }
    }
}
