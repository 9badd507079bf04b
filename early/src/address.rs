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
