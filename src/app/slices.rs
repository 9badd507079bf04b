//! Long work cut into slices, one task each, so that input is handled between them (the rank
//! interval's 10,000 draws take ≈ 120 ms in the browser, ≈ 500 ms on a slower phone).
//!
//! Each slice is started by a message the page posts to itself on a `MessageChannel`: a new task
//! at once, without the 4 ms a chain of `setTimeout(0)` is clamped to.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageChannel, MessagePort};

/// Work in slices, running until the work says it is done or this is dropped (then no slice
/// runs again).
pub struct Sliced {
    port: MessagePort,
    cancelled: Rc<Cell<bool>>,
    _slice: Closure<dyn FnMut()>,
}

impl Drop for Sliced {
    fn drop(&mut self) {
        self.cancelled.set(true);
        self.port.set_onmessage(None);
    }
}

/// Runs `slice` in its own task, again and again, until it returns `true` (done). Where the
/// page has no `MessageChannel` (no browser that runs this wasm lacks one), all the work runs at
/// once, now, and `None` is returned.
pub fn run(mut slice: impl FnMut() -> bool + 'static) -> Option<Sliced> {
    let Ok(channel) = MessageChannel::new() else {
        while !slice() {}
        return None;
    };
    let (port, sender) = (channel.port1(), channel.port2());
    let cancelled = Rc::new(Cell::new(false));
    let stop = Rc::clone(&cancelled);
    let next = sender.clone();
    let closure = Closure::<dyn FnMut()>::new(move || {
        if stop.get() {
            return;
        }
        // Done, or the next slice cannot be asked for.
        if slice() || next.post_message(&JsValue::NULL).is_err() {
            stop.set(true);
        }
    });
    port.set_onmessage(Some(closure.as_ref().unchecked_ref()));
    sender.post_message(&JsValue::NULL).ok()?;
    Some(Sliced {
        port,
        cancelled,
        _slice: closure,
    })
}

/// Milliseconds since the page started (for a slice's time budget).
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// A performance mark named `name` (read by the timing script; nothing if the page has no
/// Performance API), in place of any earlier one of that name (a mark made at every run would
/// otherwise pile up for as long as the page is open).
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        perf.clear_marks_with_mark_name(name);
        let _ = perf.mark(name);
    }
}
