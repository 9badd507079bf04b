//! Should anything still panic, the page says so instead of silently stopping: a panic hook
//! first writes the current scenario into the address (the regular write waits 250 ms after
//! the last change), then shows a message in both languages with a button that reloads the
//! page. Built with plain DOM calls: the Yew app is gone by then, and with `panic = "abort"`
//! no Rust code runs after the hook, so the button calls the browser's own `location.reload`.
//! No inline script or style (the Content-Security-Policy forbids them): the look is in the
//! stylesheet (`.panic`).

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};

use super::url::{encode, UrlState};

thread_local! {
    /// The scenario on screen, kept up to date on every change (see `hooks::use_address_sync`).
    static LATEST: RefCell<Option<UrlState>> = const { RefCell::new(None) };
}

/// Remembers the scenario on screen (cheap: a clone, encoded only if the app panics).
pub fn remember(state: &UrlState) {
    LATEST.with(|l| *l.borrow_mut() = Some(state.clone()));
}

/// The second module's hook (`run_more`): the first module still works, so its slots say that
/// this part stopped (and a reload brings it back); no dialog over the page.
pub fn install_more() {
    yew::set_custom_panic_hook(Box::new(|info| {
        gloo::console::error!(info.to_string());
        let en = gloo::utils::document()
            .document_element()
            .and_then(|h| h.get_attribute("lang"))
            .is_some_and(|l| l == "en");
        let lang = if en {
            super::i18n::Lang::En
        } else {
            super::i18n::Lang::Vi
        };
        super::bridge::explain(&super::i18n_more::MoreMsg::PartStopped.text(lang));
    }));
}

/// Installs the hook (once, before the app renders; through Yew, which otherwise replaces
/// any hook with its own when it renders).
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        gloo::console::error!(info.to_string());
        save_address();
        show_message();
    }));
}

/// Writes the remembered scenario into the address, so a reload loses nothing.
fn save_address() {
    let Some(state) = LATEST.with(|l| l.borrow().clone()) else {
        return;
    };
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let fragment = format!("#{}", encode(&state));
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&fragment));
    }
}

/// The messages (Vietnamese first, then English): they cannot follow the language toggle, the
/// app being gone.
const TITLE: (&str, &str) = (
    "Ứng dụng gặp lỗi và đã dừng",
    "The app hit an error and stopped",
);
const BODY: (&str, &str) = (
    "Kịch bản đang xem đã được lưu trong địa chỉ trang. Tải lại trang để tiếp tục từ đó.",
    "The scenario on screen is saved in the page address. Reload the page to go on from there.",
);
const RELOAD: &str = "Tải lại trang / Reload the page";

fn show_message() {
    let document = gloo::utils::document();
    let Some(body) = document.body() else { return };
    let el = |tag: &str, text: &str| -> Option<web_sys::Element> {
        let e = document.create_element(tag).ok()?;
        e.set_text_content(Some(text));
        Some(e)
    };
    let Some(dialog) = document.create_element("div").ok() else {
        return;
    };
    let _ = dialog.set_attribute("class", "panic");
    let _ = dialog.set_attribute("role", "alertdialog");
    let _ = dialog.set_attribute("aria-modal", "true");
    let _ = dialog.set_attribute("aria-labelledby", "panic-title");
    let _ = dialog.set_attribute("aria-describedby", "panic-body");
    let _ = dialog.set_attribute("data-testid", "panic");
    let attrs = |e: Option<web_sys::Element>, attrs: &[(&str, &str)]| {
        e.inspect(|e| {
            for (k, v) in attrs {
                let _ = e.set_attribute(k, v);
            }
        })
    };
    let parts = [
        attrs(
            el("h2", &format!("{} / {}", TITLE.0, TITLE.1)),
            &[("id", "panic-title")],
        ),
        attrs(el("p", BODY.0), &[("id", "panic-body"), ("lang", "vi")]),
        attrs(el("p", BODY.1), &[("lang", "en")]),
    ];
    for part in parts.into_iter().flatten() {
        let _ = dialog.append_child(&part);
    }
    let button = el("button", RELOAD);
    if let Some(button) = &button {
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("data-testid", "panic-reload");
        // `location.reload`, bound to the location: a browser function, not Rust's.
        let location = gloo::utils::window().location();
        if let Some(reload) = js_sys::Reflect::get(&location, &JsValue::from_str("reload"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        {
            let bound = reload.bind0(&location);
            let _ = button.add_event_listener_with_callback("click", &bound);
        }
        let _ = dialog.append_child(button);
    }
    let _ = body.append_child(&dialog);
    if let Some(b) = button.and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = b.focus();
    }
}

/// Test builds only (`--features panic-trigger`): a `ict-index:panic-test` event on the window
/// panics, so that the end-to-end tests can check the message and that reloading loses nothing.
#[cfg(feature = "panic-trigger")]
pub fn arm_test_trigger() {
    let listener =
        gloo::events::EventListener::new(&gloo::utils::window(), "ict-index:panic-test", |_| {
            panic!("panic test trigger")
        });
    listener.forget();
}
