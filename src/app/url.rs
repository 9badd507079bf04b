//! The page address encodes the current scenario (the codec is in the engine, where it is
//! fuzzed natively); written here.

pub use ict_engine::address::{
    decode, encode, is_legacy, read, read_current, AddressError, UrlState,
};
use wasm_bindgen::JsValue;

/// How long after the last change the address is written (ms): `replaceState` costs about a
/// millisecond, which typing should not pay on every keystroke.
pub const ADDRESS_DELAY_MS: u32 = 250;

/// Writes `state` into the address if it differs (`replaceState`: no history entry). The page
/// as it opens with no address (the built-in first screen, which index.html has pre-rendered)
/// keeps a clean address: a reload shows it at once.
pub fn write_fragment(state: &UrlState) {
    let window = gloo::utils::window();
    let location = window.location();
    let current = location.hash().unwrap_or_default();
    let fragment = if state.is_default() {
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
