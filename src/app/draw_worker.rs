//! The rank interval's helper thread: a Web Worker that runs the second half of the Monte Carlo
//! draws while the page runs the first, so that the answer comes in about half the time on a
//! machine with two cores.
//!
//! The worker's script is `draw_worker.js`, held in this module's wasm (checked by Subresource
//! Integrity with it) and started from a Blob (`worker-src blob:` in the Content-Security-Policy);
//! it is sent this module's own compiled wasm (`wasm_bindgen::module()`) and runs a part through
//! the three functions `ict_part_*` of `src/more.rs`. A part is the bytes of an
//! [`IntervalPart`](ict_engine::interval_part::IntervalPart) and comes back as a
//! [`Tally`]: the joined answer is the one-thread answer to the bit.
//!
//! Nothing depends on it: where it cannot start (no Worker, a page from disk that may not start
//! one, a build without the functions) or fails, or is late, the page draws everything itself.

use std::cell::RefCell;
use std::rc::Rc;

use ict_engine::analysis::Tally;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker};

const SCRIPT: &str = include_str!("draw_worker.js");

/// What became of a part asked of the worker.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Waiting,
    Done(Tally),
    /// It could not be run there: the page draws those draws itself.
    Failed,
}

/// A part asked of the worker: its reply, once it comes.
#[derive(Clone)]
pub struct Asked(Rc<RefCell<Reply>>);

impl Asked {
    pub fn reply(&self) -> Reply {
        self.0.borrow().clone()
    }
}

struct Helper {
    worker: Worker,
    /// The Blob's address, given back once the worker has started.
    url: String,
    next_id: u32,
    waiting: Option<(u32, Asked)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    /// The worker, once started; `None` also once it could not be (then never again).
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
    static TRIED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// Runs in a row that the page finished before the worker answered.
    static LATE: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Runs in a row the worker may be late for before it is stopped (a worker slower than the
/// page by half does not help it; one that hangs never would).
const LATE_MAX: u32 = 3;

/// Says whether the worker's part of a run was joined (`true`) or came too late (the page drew
/// everything itself); after [`LATE_MAX`] late runs in a row the worker is stopped.
pub fn on_time(joined: bool) {
    let late = LATE.with(|l| {
        l.set(if joined { 0 } else { l.get() + 1 });
        l.get()
    });
    if late >= LATE_MAX {
        broken();
    }
}

/// Starts the worker, once per page (where it cannot start, [`ask`] answers `None`).
pub fn start() {
    if TRIED.with(|t| t.replace(true)) {
        return;
    }
    let helper = spawn();
    HELPER.with(|h| *h.borrow_mut() = helper);
}

fn spawn() -> Option<Helper> {
    let module = wasm_bindgen::module();
    if !module.is_instance_of::<js_sys::WebAssembly::Module>() {
        return None;
    }
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob =
        Blob::new_with_str_sequence_and_options(&Array::of1(&SCRIPT.into()), &options).ok()?;
    let url = Url::create_object_url_with_blob(&blob).ok()?;
    let Ok(worker) = Worker::new(&url) else {
        let _ = Url::revoke_object_url(&url);
        return None;
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| received(&e.data()));
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(|_| broken());
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    if worker.post_message(&module).is_err() {
        worker.terminate();
        let _ = Url::revoke_object_url(&url);
        return None;
    }
    Some(Helper {
        worker,
        url,
        next_id: 0,
        waiting: None,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Sends the part `part` makes to the worker if it is started (while it is still starting, the
/// part waits there for it; without a worker the part is not made), and drops what an earlier
/// part will answer: only the last one asked is wanted.
pub fn ask(part: impl FnOnce() -> Option<Vec<u8>>) -> Option<Asked> {
    HELPER.with(|h| {
        let mut h = h.borrow_mut();
        let helper = h.as_mut()?;
        let data = Uint8Array::from(part()?.as_slice());
        helper.next_id = helper.next_id.wrapping_add(1);
        let id = helper.next_id;
        let message = Object::new();
        Reflect::set(&message, &"id".into(), &id.into()).ok()?;
        Reflect::set(&message, &"bytes".into(), &data).ok()?;
        helper
            .worker
            .post_message_with_transfer(&message, &Array::of1(&data.buffer()))
            .ok()?;
        let asked = Asked(Rc::new(RefCell::new(Reply::Waiting)));
        helper.waiting = Some((id, asked.clone()));
        Some(asked)
    })
}

fn field(data: &JsValue, name: &str) -> JsValue {
    Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn received(data: &JsValue) {
    let ready = field(data, "ready");
    if let Some(ready) = ready.as_bool() {
        if !ready {
            return broken();
        }
        HELPER.with(|h| {
            if let Some(helper) = h.borrow_mut().as_mut() {
                let _ = Url::revoke_object_url(&helper.url);
            }
        });
        return;
    }
    let id = field(data, "id").as_f64().map(|id| id as u32);
    let bytes = field(data, "bytes").dyn_into::<Uint8Array>().ok();
    let tally = bytes.and_then(|b| ict_engine::wire::from_bytes::<Tally>(&b.to_vec()).ok());
    let waiting = HELPER.with(|h| {
        let mut h = h.borrow_mut();
        let helper = h.as_mut()?;
        match (&helper.waiting, id) {
            (Some((w, _)), Some(id)) if *w == id => helper.waiting.take().map(|(_, a)| a),
            _ => None,
        }
    });
    if let Some(asked) = waiting {
        *asked.0.borrow_mut() = tally.map_or(Reply::Failed, Reply::Done);
    }
    if field(data, "broken").as_bool() == Some(true) {
        broken();
    }
}

/// The worker failed: stopped, and never asked again on this page.
fn broken() {
    let helper = HELPER.with(|h| h.borrow_mut().take());
    if let Some(helper) = helper {
        helper.worker.set_onmessage(None);
        helper.worker.set_onerror(None);
        helper.worker.terminate();
        let _ = Url::revoke_object_url(&helper.url);
        if let Some((_, asked)) = helper.waiting {
            *asked.0.borrow_mut() = Reply::Failed;
        }
        // This may run inside one of them: they stay (two small functions, once per page).
        helper._on_message.forget();
        helper._on_error.forget();
    }
}
