//! The reader's place across the takeover of the pre-rendered first screen. A visitor who
//! scrolled it while the wasm loaded (seconds on a slow phone) would otherwise lose it: the app's
//! panels come in steps (its ranking after its first render, the second module's panels when it
//! comes). So the first element starting inside the viewport that the app renders too (a
//! ranking row, an indicator's field, a named element) is remembered with its height on screen,
//! and put back there after each step until the page has settled (a second after the second
//! module is live, at most 15 s), or until the visitor scrolls, types or touches the page.
//!
//! What the visitor did on the pre-rendered screen (edits, choices, clicks, keys) is recorded by
//! the page's guard script and done again by it in the app, in order (`ictReplay`), with the
//! focus and the caret; the pre-rendered panels of the second module stay in their slots,
//! inert, until it draws them.

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
/// At most this many times in all (15 s), whether or not the second module came.
const SETTLE_MAX: u32 = 150;

/// The anchor: a selector, its element's top in the viewport, and the listeners that note when
/// the visitor moves.
struct Anchor {
    selector: String,
    top: f64,
    _moves: Vec<EventListener>,
}

thread_local! {
    /// In the order they were made.
    /// The pre-rendered panels of the second module, by slot id, until the app has its slots.
    static PANELS: RefCell<Vec<(String, Element)>> = const { RefCell::new(Vec::new()) };
    static TOOK_OVER: Cell<bool> = const { Cell::new(false) };
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

/// Before the pre-rendered screen `pre` is removed: the guard script notes the focus
/// (`ictTakeover`); the second module's pre-rendered panels are kept for the app's slots; and
/// the visitor's place is remembered if the page is scrolled.
pub fn take(pre: &Element) {
    call_page("ictTakeover");
    // A page that opened on another state never showed the pre-rendered screen (the guard hid
    // it): nothing of it is kept.
    let hidden = gloo::utils::document()
        .document_element()
        .is_some_and(|h| h.class_list().contains("no-prerender"));
    if hidden {
        return;
    }
    // The place first, while every element is where the visitor sees it.
    take_place(pre);
    take_panels(pre);
}

/// Remembers the visitor's place in `pre` if the page is scrolled.
fn take_place(pre: &Element) {
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

/// Calls the page's function `name` (the guard script's), if it has one.
fn call_page(name: &str) {
    let window = gloo::utils::window();
    if let Ok(f) = js_sys::Reflect::get(&window, &name.into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(&window);
        }
    }
}

/// Where the app's ranking table goes (the pre-rendered one waits there until it comes).
pub const RANKING: &str = "ict-ranking";

/// Removes the pre-rendered panel held in the element with id `id` (its own has come).
pub fn drop_prerendered(id: &str) {
    if let Ok(Some(old)) = gloo::utils::document().query_selector(&format!("#{id} > .prerendered"))
    {
        old.remove();
    }
}

/// Removes every pre-rendered panel still shown (the state is no longer the one they show).
pub fn drop_all_prerendered() {
    if let Ok(list) = gloo::utils::document().query_selector_all(".prerendered") {
        for k in 0..list.length() {
            if let Some(el) = list.item(k).and_then(|n| n.dyn_into::<Element>().ok()) {
                el.remove();
            }
        }
    }
}

/// Whether the app took over a pre-rendered screen.
pub fn took_over() -> bool {
    TOOK_OVER.with(Cell::get)
}

/// Keeps the pre-rendered panels of the second module (the contents of `pre`'s slots) and its
/// ranking.
fn take_panels(pre: &Element) {
    TOOK_OVER.with(|t| t.set(true));
    let Ok(slots) = pre.query_selector_all(&format!("[id^=\"ict-slot-\"], #{RANKING}")) else {
        return;
    };
    let panels = (0..slots.length())
        .filter_map(|k| slots.item(k)?.dyn_into::<Element>().ok())
        .filter_map(|slot| {
            let panel = gloo::utils::document().create_element("div").ok()?;
            let _ = panel.set_attribute("class", "prerendered");
            // Until the second module draws it: seen, not used.
            let _ = panel.set_attribute("inert", "");
            while let Some(child) = slot.first_child() {
                let _ = panel.append_child(&child);
            }
            Some((slot.id(), panel))
        })
        .collect();
    PANELS.with(|p| *p.borrow_mut() = panels);
}

/// The pre-rendered panels into the app's slots (the second module replaces them), as soon as
/// the app has rendered them: `mount` asks for this in the task of the first render, before
/// anything is painted (no frame with empty slots, one layout instead of two); a panel whose
/// slot is not there yet waits for [`carry`].
pub fn place_panels() {
    let document = gloo::utils::document();
    PANELS.with(|p| {
        p.borrow_mut().retain(|(id, panel)| {
            let Some(slot) = document.get_element_by_id(id) else {
                return true;
            };
            if slot.first_child().is_none() {
                let _ = slot.append_child(panel);
            }
            false
        })
    });
}

/// After the app's first render: the pre-rendered panels not placed yet go into the app's slots,
/// and the guard script does again what the visitor did meanwhile.
pub fn carry() {
    place_panels();
    PANELS.with(|p| p.borrow_mut().clear());
    call_page("ictReplay");
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

/// The first module's panels have joined: the anchor is kept while the page settles (the second
/// module's panels join when it comes: until it is live, then a moment more), then let go; at
/// most [`SETTLE_MAX`] times.
pub fn settle() {
    fn again(left: u32, max: u32) {
        restore();
        let more_live = gloo::utils::document()
            .document_element()
            .and_then(|h| h.get_attribute("data-more"))
            .is_some_and(|v| v == "live");
        // Not again once it is let go (the visitor moved).
        if (left == 0 && more_live) || max == 0 {
            release();
        } else if held() {
            let left = if more_live { left - 1 } else { left };
            Timeout::new(SETTLE.0, move || again(left, max - 1)).forget();
        }
    }
    if held() {
        again(SETTLE.1, SETTLE_MAX);
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
