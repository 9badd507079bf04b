//! The reader's place across the takeover of the pre-rendered first screen. A visitor who
//! scrolled it while the wasm loaded (seconds on a slow phone) would otherwise lose it: the app's
//! first render is shorter (the panels below join over the next tasks, and charts take their
//! size when first drawn). So the first element starting inside the viewport that the app
//! renders too (a ranking row, an indicator's field, a named element) is remembered with its
//! height on screen, and put back there after each render until the page has settled (a second
//! after the last panel joined), or until the visitor scrolls, types or touches the page.

use std::cell::{Cell, RefCell};

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::Element;

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

thread_local! {
    static ANCHOR: RefCell<Option<Anchor>> = const { RefCell::new(None) };
    /// The visitor moved since the anchor was taken (set by its listeners, which cannot drop
    /// themselves).
    static MOVED: Cell<bool> = const { Cell::new(false) };
}

/// A selector that finds `el`'s counterpart in the app.
fn selector(el: &Element) -> Option<String> {
    let tag = el.tag_name().to_lowercase();
    for attr in ["data-province", "data-indicator", "data-testid"] {
        if let Some(v) = el.get_attribute(attr) {
            return Some(format!("{tag}[{attr}=\"{v}\"]"));
        }
    }
    let id = el.id();
    (!id.is_empty()).then(|| format!("{tag}#{id}"))
}

/// Before the pre-rendered screen `pre` is removed: remembers the visitor's place in it, if the
/// page is scrolled.
pub fn take(pre: &Element) {
    let window = gloo::utils::window();
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
    let first = (0..list.length())
        .filter_map(|k| list.item(k)?.dyn_into::<Element>().ok())
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

/// After a render: puts the anchor's element back at its height on screen (once the app has
/// rendered it).
pub fn restore() {
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
