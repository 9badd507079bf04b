//! Effects: the page address, `<html lang>`, and the page mode (embed / present).

use yew::prelude::*;

use super::i18n::{Lang, Msg};
use super::url::{UrlState, ADDRESS_DELAY_MS};
use super::AppContext;

/// The page's address fragment (`#…`, or empty).
pub fn fragment() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Writes `state` into the address if it differs. Encoded only here, when the address is
/// really written, not on every change.
fn write_fragment(state: Option<&UrlState>) {
    if let Some(state) = state {
        super::url::write_fragment(state);
    }
}

/// Keeps the address fragment equal to the current scenario: rewritten a moment after the last
/// change, and at once when the page is left.
#[hook]
pub fn use_address_sync(state: &AppContext) {
    let url_state = state.url_state();
    let latest = use_mut_ref(|| None::<UrlState>);
    // A refused address stays as it is until the planner changes something: a reload, once what
    // was missing is there, may read it, and it can be copied to report it.
    // (The state it opened on, while nothing has changed.)
    let held = {
        let s = state.clone();
        let opened = url_state.clone();
        use_mut_ref(move || {
            s.notices
                .iter()
                .any(|(_, n)| matches!(n, super::state::Notice::BadLink(_)))
                .then_some(opened)
        })
    };
    // Remembered as it is rendered, not in an effect: Yew 0.23 may run the effects a task after
    // it changed the DOM (it yields to the browser every ≈ 16 ms), and a panic or the page being
    // left in between must not lose the change on screen.
    super::panic::remember(&url_state);
    // (Once changed, written from then on, the state as it opened included.)
    if held.borrow().as_ref() != Some(&url_state) {
        *held.borrow_mut() = None;
    }
    let hold = held.borrow().is_some();
    latest.replace((!hold).then(|| url_state.clone()));
    {
        // Leaving the page, or hiding it (mobile browsers may not send pagehide): written now.
        let latest = latest.clone();
        use_effect_with((), move |_| {
            let on_hide = {
                let latest = latest.clone();
                gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                    write_fragment(latest.borrow().as_ref())
                })
            };
            let on_hidden = gloo::events::EventListener::new(
                &gloo::utils::document(),
                "visibilitychange",
                move |_| {
                    if gloo::utils::document().hidden() {
                        write_fragment(latest.borrow().as_ref())
                    }
                },
            );
            move || {
                drop(on_hide);
                drop(on_hidden);
            }
        });
    }
    use_effect_with(url_state, move |_| {
        let timer = gloo::timers::callback::Timeout::new(ADDRESS_DELAY_MS, move || {
            write_fragment(latest.borrow().as_ref())
        });
        move || drop(timer)
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

/// A parameter of the page query, if present.
fn query(name: &str) -> Option<String> {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|q| q.get(name))
}

/// A flag of the page query (`?embed=1`, `?present=1`).
pub fn query_flag(name: &str) -> bool {
    query(name).is_some_and(|v| v == "1" || v == "true")
}

/// Where a host page asks the app to start (`?province=22&year=2019&lang=en`); applied when the
/// address has no scenario.
pub fn query_start() -> super::state::Start {
    super::state::Start {
        year: query("year").and_then(|y| y.trim().parse().ok()),
        province: query("province").map(|p| p.trim().to_string()),
        lang: match query("lang").as_deref().map(str::trim) {
            Some("en") => Some(Lang::En),
            Some("vi") => Some(Lang::Vi),
            _ => None,
        },
    }
}

/// Mirrors the page mode on `<body data-embed>` / `<body data-present>`.
#[hook]
pub fn use_body_mode(embed: bool, present: bool) {
    use_effect_with((embed, present), |(embed, present)| {
        let body = gloo::utils::body();
        let _ = body.set_attribute("data-embed", if *embed { "true" } else { "false" });
        let _ = body.set_attribute("data-present", if *present { "true" } else { "false" });
    });
}

/// In an iframe, tells the host page the content height whenever it changes (a panel opens or
/// closes, the layout reflows, the window is resized), so it can size the iframe with no inner
/// scroll: a ResizeObserver on the page's root element. Message:
/// `{ type: "ict-index:height", height }`.
#[hook]
pub fn use_post_height(embed: bool) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use_effect_with(embed, move |embed| {
        let window = gloo::utils::window();
        let parent = window.parent().ok().flatten().filter(|p| *p != window);
        let root = gloo::utils::document().document_element();
        let observer = match (*embed, parent, root) {
            (true, Some(parent), Some(root)) => {
                let last = Rc::new(Cell::new(0i32));
                let measured = root.clone();
                let on_resize = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
                    move |_: js_sys::Array| {
                        // The content's own height (not the viewport's, which is the iframe's).
                        let height = measured.get_bounding_client_rect().height().ceil() as i32;
                        if height != last.get() {
                            last.set(height);
                            let msg = js_sys::Object::new();
                            let _ = js_sys::Reflect::set(
                                &msg,
                                &"type".into(),
                                &"ict-index:height".into(),
                            );
                            let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
                            let _ = parent.post_message(&msg, "*");
                        }
                    },
                );
                let observer =
                    web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
                if let Some(o) = &observer {
                    o.observe(&root);
                }
                Some((observer, on_resize))
            }
            _ => None,
        };
        move || {
            if let Some((Some(o), _)) = &observer {
                o.disconnect();
            }
            drop(observer);
        }
    });
}

/// Full screen on or off for the whole page. A refusal (an iframe without the permission, no
/// user gesture) changes nothing and is not an error.
pub fn toggle_fullscreen() {
    use wasm_bindgen::JsCast;
    let doc = gloo::utils::document();
    let (target, method): (wasm_bindgen::JsValue, &str) = if doc.fullscreen_element().is_some() {
        (doc.into(), "exitFullscreen")
    } else {
        match doc.document_element() {
            Some(root) => (root.into(), "requestFullscreen"),
            None => return,
        }
    };
    // Called through the object, so that the promise it returns is awaited (a refusal would
    // otherwise be an unhandled rejection).
    let promise = js_sys::Reflect::get(&target, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&target).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    if let Some(promise) = promise {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Whether the page is in full screen now.
#[hook]
pub fn use_fullscreen() -> bool {
    let full = use_state(|| gloo::utils::document().fullscreen_element().is_some());
    {
        let full = full.clone();
        use_effect_with((), move |_| {
            let doc = gloo::utils::document();
            let listener = gloo::events::EventListener::new(&doc, "fullscreenchange", move |_| {
                full.set(gloo::utils::document().fullscreen_element().is_some())
            });
            move || drop(listener)
        });
    }
    *full
}

/// On a screen-filling stage (presentation mode) the rest of the app opens below the fold:
/// brought into view when it opens, and the stage again when it closes (not at start-up).
#[hook]
pub fn use_show_rest(fills_screen: bool, open: bool) {
    let first = use_mut_ref(|| true);
    use_effect_with(open, move |open| {
        if std::mem::replace(&mut *first.borrow_mut(), false) || !fills_screen {
            return;
        }
        let doc = gloo::utils::document();
        if *open {
            if let Some(rest) = doc.get_element_by_id("rest") {
                rest.scroll_into_view();
            }
        } else {
            gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
        }
    });
}

/// The app's state and dispatcher, for any component under the app (`None` outside it: the
/// component then renders nothing rather than failing).
#[hook]
pub fn use_app() -> Option<AppContext> {
    use_context::<AppContext>()
}

/// Keyboard shortcuts (not while typing in a field; a slider is not a field): `p` presentation
/// mode, `a` the rest of the app below the stage (when there is a stage), `f` full screen, `r`
/// reset, `n` / `b` next / previous saved scenario (also PageDown / PageUp while presenting:
/// what presentation clickers send), `l` language, `?` the list of shortcuts
/// (`components::shortcuts`, which lists these same keys), `Escape` closes it; Ctrl+Z undo,
/// Ctrl+Shift+Z or Ctrl+Y redo (also in the indicator and weight fields, whose edits are the
/// app's steps). The arrow keys of a slider are its own (`components::slider`).
#[hook]
pub fn use_shortcuts(state: &AppContext, staged: bool) {
    use super::state::Action;
    let dispatcher = state.dispatcher();
    let present = state.present;
    use_effect_with((staged, present), move |&(staged, present)| {
        // Not passive: Ctrl+Z is kept from the browser when the app undoes.
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let listener = gloo::events::EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            options,
            move |e| {
                use wasm_bindgen::JsCast;
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let target = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
                let typing = target
                    .as_ref()
                    .is_some_and(|el| match el.tag_name().as_str() {
                        "SELECT" | "TEXTAREA" => true,
                        "INPUT" => el.get_attribute("type").as_deref() != Some("range"),
                        _ => false,
                    });
                if (e.ctrl_key() || e.meta_key()) && !e.alt_key() {
                    // In other text fields (a scenario's name, the goal) the browser's own undo.
                    let app_field = target.as_ref().is_none_or(|el| {
                        !typing
                            || el.has_attribute("data-indicator")
                            || el.has_attribute("data-weight")
                    });
                    let action = match e.key().as_str() {
                        "z" | "Z" if e.shift_key() => Action::Redo,
                        "z" | "Z" => Action::Undo,
                        "y" | "Y" => Action::Redo,
                        _ => return,
                    };
                    if app_field {
                        e.prevent_default();
                        dispatcher.dispatch(action);
                    }
                    return;
                }
                if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let action = match e.key().as_str() {
                    "f" | "F" => {
                        toggle_fullscreen();
                        return;
                    }
                    // Not the page's (or a slider's) own scrolling: the next scenario.
                    "PageDown" | "PageUp" if present => {
                        e.prevent_default();
                        Action::StepSaved(if e.key() == "PageDown" { 1 } else { -1 })
                    }
                    "a" | "A" if staged => Action::ToggleExpanded,
                    "p" | "P" => Action::TogglePresent,
                    "r" | "R" => Action::Reset,
                    "l" | "L" => Action::ToggleLang,
                    "?" => Action::ToggleHelp,
                    "n" | "N" => Action::StepSaved(1),
                    "b" | "B" => Action::StepSaved(-1),
                    "Escape" => Action::CloseHelp,
                    _ => return,
                };
                dispatcher.dispatch(action);
            },
        );
        move || drop(listener)
    });
}

/// Writes `value` to the browser with `save` whenever it changes from a known value (`None`:
/// not known yet). Not at start-up, nor as it becomes known: an unreadable store is left as it
/// was until the user changes something. A refusal is reported.
#[hook]
fn use_persist<T: PartialEq + Clone + 'static>(
    state: &AppContext,
    value: Option<T>,
    save: fn(&T) -> bool,
) {
    let known = use_mut_ref(|| None::<bool>);
    let dispatcher = state.dispatcher();
    use_effect_with(value, move |value| {
        let was_known = known.borrow_mut().replace(value.is_some());
        let Some(value) = value else {
            return;
        };
        if was_known == Some(true) && !save(value) {
            dispatcher.dispatch(super::state::Action::StoreFailed);
        }
    });
}

/// The saved scenarios, kept in the browser (once they have been read).
#[hook]
pub fn use_persist_saved(state: &AppContext) {
    #[allow(clippy::ptr_arg)] // the signature is fixed by `use_persist`
    fn save(list: &Vec<super::storage::Saved>) -> bool {
        super::storage::save(list)
    }
    use_persist(state, state.store_read.then(|| state.saved.clone()), save);
}

/// The imported data, kept in the browser.
#[hook]
pub fn use_persist_imported(state: &AppContext) {
    use_persist(
        state,
        Some(state.imported_to_keep()),
        super::storage::save_imported,
    );
}

/// Reads the file chosen in an `<input type=file>` (then clears the input so the same file can
/// be chosen again) and hands its name and bytes to `done`, or why it was not read: larger than
/// `max_bytes` (refused before reading it), or unreadable.
pub fn read_chosen_file(
    e: &Event,
    max_bytes: usize,
    done: impl FnOnce(Result<(String, Vec<u8>), ict_engine::Text>) + 'static,
) {
    let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    let size = file.size();
    if size > max_bytes as f64 {
        let size = if size < usize::MAX as f64 {
            size as usize
        } else {
            usize::MAX
        };
        done(Err(ict_engine::io::ImportError::file_too_large(
            size, max_bytes,
        )
        .message));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .map(|b| js_sys::Uint8Array::new(&b).to_vec());
        done(
            bytes
                .map(|b| (file.name(), b))
                .map_err(|_| Msg::FileUnreadable.both()),
        );
    });
}
