//! Effects: the page address, `<html lang>`, and the page mode (embed / present).

use yew::prelude::*;

use super::i18n::Lang;
use super::state::AppState;
use super::url::{decode, encode, UrlState};

/// The decoded address fragment at start-up, if any.
pub fn read_fragment() -> Option<Result<UrlState, ()>> {
    let hash = gloo::utils::window().location().hash().ok()?;
    decode(&hash)
}

/// Keeps the address fragment equal to the current scenario (replaceState: no history spam).
#[hook]
pub fn use_address_sync(state: &UseReducerHandle<AppState>) {
    let url_state = state.url_state();
    use_effect_with(url_state, |u| {
        let fragment = format!("#{}", encode(u));
        let window = gloo::utils::window();
        let current = window.location().hash().unwrap_or_default();
        if current != fragment {
            if let Ok(history) = window.history() {
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&fragment),
                );
            }
        }
    });
}

/// `<html lang>` follows the language.
#[hook]
pub fn use_document_lang(lang: Lang) {
    use_effect_with(lang, |lang| {
        if let Some(el) = gloo::utils::document().document_element() {
            let _ = el.set_attribute("lang", lang.code());
        }
    });
}

/// Page mode from the query (`?embed=1`, `?present=1`) and the in-app presentation toggle,
/// mirrored on `<body data-embed>` / `<body data-present>`.
#[derive(Clone, PartialEq)]
pub struct PageMode {
    pub embed: bool,
    pub present: UseStateHandle<bool>,
}

fn query_flag(name: &str) -> bool {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|q| q.get(name))
        .is_some_and(|v| v == "1" || v == "true")
}

#[hook]
pub fn use_page_mode() -> PageMode {
    let embed = *use_memo((), |_| query_flag("embed"));
    let present = use_state(|| query_flag("present"));
    use_effect_with((embed, *present), |(embed, present)| {
        let body = gloo::utils::body();
        let _ = body.set_attribute("data-embed", if *embed { "true" } else { "false" });
        let _ = body.set_attribute("data-present", if *present { "true" } else { "false" });
    });
    PageMode { embed, present }
}
