//! The reader's place across the takeover of the pre-rendered first screen. A visitor who
//! scrolled it while the wasm loaded (seconds on a slow phone) would otherwise lose it: the app's
//! first render is shorter (the panels below join over the next tasks, and charts take their
//! size when first drawn). So the first element starting inside the viewport that the app
//! renders too (a ranking row, an indicator's field, a named element) is remembered with its
//! height on screen, and put back there after each render until the page has settled (a second
//! after the last panel joined), or until the visitor scrolls, types or touches the page.
//!
//! A visitor who was typing in the pre-rendered editor (the quick editor, `ict_early`) keeps the
//! field: its counterpart in the app gets the focus, the caret, and the text if the app shows
//! another (a text the quick editor refused: the app then says why). The field is the anchor.
//! The choices made there and the last button clicked (marked `data-quick-pending` by the quick
//! editor, in the order of `data-quick-order`) are done again on their counterparts in the app.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

/// What an anchor may be: elements the app renders with the same attribute.
const CANDIDATES: &str = "tr[data-province], input[data-indicator], [data-testid], [id]";

/// After the last panel has joined, the anchor is put back this often (ms) this many times
/// (charts and the map take their size when first drawn).
const SETTLE: (u32, u32) = (100, 10);

/// The anchor: a selector, its element's top in the viewport, and the listeners that note when
/// the visitor moves.
struct Anchor {
    selector: String,
    top: f64,
    _moves: Vec<EventListener>,
}

/// The field that had the focus in the pre-rendered screen: its selector, its text (a text
/// field's) and its caret.
struct Focus {
    selector: String,
    text: Option<String>,
    caret: Option<(u32, u32)>,
}

/// A button clicked or a choice made in the pre-rendered screen: its selector, and the choice
/// (a select's value, a checkbox's state) if it is one.
struct Pending {
    selector: String,
    choice: Option<Choice>,
}

enum Choice {
    Value(String),
    Checked(bool),
}

thread_local! {
    /// In the order they were made.
    static PENDING: RefCell<VecDeque<Pending>> = const { RefCell::new(VecDeque::new()) };
    static FOCUS: RefCell<Option<Focus>> = const { RefCell::new(None) };
    static ANCHOR: RefCell<Option<Anchor>> = const { RefCell::new(None) };
    /// The visitor moved since the anchor was taken (set by its listeners, which cannot drop
    /// themselves).
    static MOVED: Cell<bool> = const { Cell::new(false) };
}

/// A selector that finds `el`'s counterpart in the app.
fn selector(el: &Element) -> Option<String> {
    let tag = el.tag_name().to_ascii_lowercase();
    for attr in [
        "data-province",
        "data-indicator",
        "data-slider",
        "data-testid",
        "data-preset",
        "data-png",
    ] {
        if let Some(v) = el.get_attribute(attr) {
            return Some(format!("{tag}[{attr}=\"{v}\"]"));
        }
    }
    let id = el.id();
    (!id.is_empty()).then(|| format!("{tag}#{id}"))
}

/// Before the pre-rendered screen `pre` is removed: remembers the clicks and choices the quick
/// editor marked in it, the editor's field that has the focus, and the visitor's place in it if
/// the page is scrolled.
pub fn take(pre: &Element) {
    let window = gloo::utils::window();
    take_pending(pre);
    let focused = take_focus(pre);
    if window.scroll_y().unwrap_or(0.0) <= 0.0 {
        return;
    }
    let Ok(list) = pre.query_selector_all(CANDIDATES) else {
        return;
    };
    // The first that starts inside the viewport (not a section around it, whose inside may be
    // laid out otherwise in the app).
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let first = focused
        .into_iter()
        .chain((0..list.length()).filter_map(|k| list.item(k)?.dyn_into::<Element>().ok()))
        .map(|el| (el.get_bounding_client_rect(), el))
        .find(|(r, _)| r.top() >= 0.0 && r.top() < height && r.height() > 0.0);
    let Some((rect, el)) = first else {
        return;
    };
    let Some(selector) = selector(&el) else {
        return;
    };
    let moves = ["wheel", "touchstart", "keydown", "pointerdown"]
        .into_iter()
        .map(|kind| EventListener::once(&window, kind, |_| MOVED.with(|m| m.set(true))))
        .collect();
    MOVED.with(|m| m.set(false));
    ANCHOR.with(|a| {
        *a.borrow_mut() = Some(Anchor {
            selector,
            top: rect.top(),
            _moves: moves,
        })
    });
}

/// Remembers the clicks and choices the quick editor marked in `pre` (`data-quick-pending`), in
/// their order (`data-quick-order`).
fn take_pending(pre: &Element) {
    let Ok(list) = pre.query_selector_all("[data-quick-pending]") else {
        return;
    };
    let mut marked: Vec<(u32, Pending)> = (0..list.length())
        .filter_map(|k| list.item(k)?.dyn_into::<Element>().ok())
        .filter_map(|el| {
            let order = el.get_attribute("data-quick-order")?.parse().ok()?;
            let choice = if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
                Some(Choice::Value(select.value()))
            } else {
                el.dyn_ref::<HtmlInputElement>()
                    .map(|input| Choice::Checked(input.checked()))
            };
            let selector = selector(&el)?;
            Some((order, Pending { selector, choice }))
        })
        .collect();
    marked.sort_by_key(|(order, _)| *order);
    PENDING.with(|p| *p.borrow_mut() = marked.into_iter().map(|(_, m)| m).collect());
}

/// Does the remembered clicks and choices on their counterparts in the app, in order, as far as
/// they are rendered (the rest after a later render).
fn carry_pending() {
    let document = gloo::utils::document();
    loop {
        // Taken out before it is done (what it does may render, and come back here).
        let Some(pending) = PENDING.with(|p| p.borrow_mut().pop_front()) else {
            return;
        };
        let Some(el) = document.query_selector(&pending.selector).ok().flatten() else {
            PENDING.with(|p| p.borrow_mut().push_front(pending));
            return;
        };
        match pending.choice {
            Some(Choice::Value(value)) => {
                if let Some(select) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
                    if select.value() != value {
                        select.set_value(&value);
                        fire(&el, "change");
                    }
                }
            }
            Some(Choice::Checked(checked)) => {
                if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
                    if input.checked() != checked {
                        input.click();
                    }
                }
            }
            None => {
                if let Some(button) = el.dyn_ref::<web_sys::HtmlElement>() {
                    button.click();
                }
            }
        }
    }
}

/// A bubbling `kind` event on `el`, as the browser sends when the visitor acts (the app's
/// listeners take it as theirs).
fn fire(el: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(e) = web_sys::Event::new_with_event_init_dict(kind, &init) {
        let _ = el.dispatch_event(&e);
    }
}

/// Remembers the editor's field that has the focus in `pre`, if one has; returns it.
fn take_focus(pre: &Element) -> Option<Element> {
    let el = gloo::utils::document().active_element()?;
    if !pre.contains(Some(&el))
        || !el
            .matches("input[data-indicator], input[data-slider]")
            .ok()?
    {
        return None;
    }
    let input = el.dyn_ref::<HtmlInputElement>()?;
    let text = el.has_attribute("data-indicator").then(|| input.value());
    let caret = match (input.selection_start(), input.selection_end()) {
        (Ok(Some(a)), Ok(Some(b))) => Some((a, b)),
        _ => None,
    };
    let selector = selector(&el)?;
    FOCUS.with(|f| {
        *f.borrow_mut() = Some(Focus {
            selector,
            text,
            caret,
        })
    });
    Some(el)
}

/// After the app's first render: the field that had the focus in the pre-rendered screen gets
/// it back (and its text, if the app shows another), then the choices and the last click made
/// there are done again. Until the app has rendered their counterparts, they are tried again after the
/// next render.
pub fn carry() {
    carry_focus();
    carry_pending();
}

fn carry_focus() {
    let Some(focus) = FOCUS.with(|f| f.borrow_mut().take()) else {
        return;
    };
    let found = gloo::utils::document()
        .query_selector(&focus.selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<HtmlInputElement>().ok());
    let Some(input) = found else {
        FOCUS.with(|f| *f.borrow_mut() = Some(focus));
        return;
    };
    let _ = input.focus();
    if let Some(text) = focus.text.filter(|t| *t != input.value()) {
        input.set_value(&text);
        fire(&input, "input");
    }
    if let Some((a, b)) = focus.caret {
        let _ = input.set_selection_range(a, b);
    }
}

/// After a render: puts the anchor's element back at its height on screen (once the app has
/// rendered it).
pub fn restore() {
    carry();
    if MOVED.with(Cell::get) {
        release();
        return;
    }
    let Some((selector, top)) =
        ANCHOR.with(|a| a.borrow().as_ref().map(|a| (a.selector.clone(), a.top)))
    else {
        return;
    };
    let Some(el) = gloo::utils::document()
        .query_selector(&selector)
        .ok()
        .flatten()
    else {
        return;
    };
    let moved = el.get_bounding_client_rect().top() - top;
    if moved.abs() >= 1.0 {
        gloo::utils::window().scroll_by_with_x_and_y(0.0, moved);
    }
}

/// Every panel has joined: the anchor is kept while the page settles, then let go.
pub fn settle() {
    fn again(left: u32) {
        restore();
        // Not again once it is let go (the visitor moved).
        if left == 0 {
            release();
        } else if held() {
            Timeout::new(SETTLE.0, move || again(left - 1)).forget();
        }
    }
    if held() {
        again(SETTLE.1);
    }
}

/// Whether there is an anchor.
fn held() -> bool {
    ANCHOR.with(|a| a.borrow().is_some())
}

/// The anchor is no longer needed.
fn release() {
    // Taken out of the cell first, then dropped with its listeners.
    let anchor = ANCHOR.with(|a| a.borrow_mut().take());
    drop(anchor);
}
