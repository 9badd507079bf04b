//! The app in two modules. The first (`ict-index`: header, toolbar, editor, score cards,
//! notices, ranking, the stage) is all a visitor needs to start; the second (`ict-more`:
//! scenarios, data, comparison, charts, map, decision aids, method panel) is loaded as soon as
//! the first has rendered and draws its panels into places the first keeps for them
//! ([`slot`]), as portals of its own Yew app.
//!
//! One state. The first module's reducer is the only one that decides: every action it applies
//! goes, in its binary form ([`ict_engine::wire`]), to the second, which applies the same actions
//! in the same order to its own copy (the reducer is pure, so the copies stay equal:
//! `state/tests/sequences.rs` checks it). The second module's own actions (a province clicked on
//! the map, a plan applied, an answer computed) are sent to the first, which applies and passes
//! them on like its own.
//!
//! The messages are window events (`CustomEvent`, detail: the bytes):
//! - [`READY`], second → first, when it has started, with what only it can read ([`Prelude`]:
//!   an address in a format before `v3`, imported data kept in the browser, both JSON);
//! - [`INIT`], first → second: how the state began ([`Inputs`]) and every action since;
//! - [`ACTION`], first → second: an action, just before the first applies it;
//! - [`ASK`], second → first: an action for the first to apply;
//! - [`SLOTS`], first → second: the first rendered (its slots may have come or gone).
//!
//! The first module reads no JSON. A page whose start needs it (an address shared before `v3`,
//! imported data kept in the browser) starts once the second module has said [`READY`]
//! ([`wait_for_more`]); the saved scenarios come a moment after the start either way
//! (`Action::StoreRead`, from the second module).

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};

use ict_engine::address::{AddressError, UrlState};
use ict_engine::wire;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

use super::state::{Action, Dispatcher, ImportedCells, Start};

pub const READY: &str = "ict-index:more-ready";
pub const INIT: &str = "ict-index:more-init";
pub const ACTION: &str = "ict-index:action";
pub const ASK: &str = "ict-index:ask";
pub const SLOTS: &str = "ict-index:slots";

/// The id of the element the first module keeps for the second's panel `name`.
pub fn slot(name: &str) -> String {
    format!("ict-slot-{name}")
}

/// What the second module reads for the first at start-up: the page's address if it is in a
/// format before `v3` (decoded), and the imported data kept in the browser.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Prelude {
    pub legacy: Option<Result<UrlState, AddressError>>,
    pub imported: BTreeMap<u16, ImportedCells>,
}

/// What the first module's state was made from as the page started: the second makes its copy
/// from the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inputs {
    /// The address, decoded (`Err`: why it was refused).
    pub url: Option<Result<UrlState, AddressError>>,
    pub present: bool,
    pub imported: BTreeMap<u16, ImportedCells>,
    /// Where the query asked to start (applied when the address brought no scenario).
    pub start: Start,
}

/// [`INIT`]: the inputs and every action applied since, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Init {
    pub inputs: Inputs,
    pub log: Vec<Action>,
}

/// Fires `name` on the window with `bytes` as its detail.
fn send(name: &str, bytes: &[u8]) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&js_sys::Uint8Array::from(bytes));
    if let Ok(e) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = gloo::utils::window().dispatch_event(&e);
    }
}

/// The bytes an event of [`send`] carries.
fn bytes(e: &web_sys::Event) -> Vec<u8> {
    e.dyn_ref::<web_sys::CustomEvent>()
        .and_then(|e| e.detail().dyn_into::<js_sys::Uint8Array>().ok())
        .map(|a| a.to_vec())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// The first module
// ---------------------------------------------------------------------------------------------

thread_local! {
    static INPUTS: RefCell<Option<Inputs>> = const { RefCell::new(None) };
    /// Every action applied, in order (the second module may start at any time).
    static LOG: RefCell<Vec<Action>> = const { RefCell::new(Vec::new()) };
    /// The second module has its copy: actions go to it as they come.
    static LINKED: Cell<bool> = const { Cell::new(false) };
    /// The second module said it is ready (and what it read), before the first started.
    static PRELUDE: RefCell<Option<Prelude>> = const { RefCell::new(None) };
    /// How the first module starts once the second is ready (a page that waits for it).
    static WAITING: RefCell<Option<Box<dyn FnOnce()>>> = const { RefCell::new(None) };
    static LISTENING: Cell<bool> = const { Cell::new(false) };
    /// A second module said [`READY`] (a page that waited for it answers it when it serves).
    static READY_SEEN: Cell<bool> = const { Cell::new(false) };
}

/// Listens (for the page's life, once) to the second module's [`READY`]: answered at once with
/// [`INIT`] when the first module has started; before that, its prelude is kept and a page that
/// waits for it starts.
pub fn listen() {
    if LISTENING.with(|l| l.replace(true)) {
        return;
    }
    gloo::events::EventListener::new(&gloo::utils::window(), READY, |e| {
        READY_SEEN.with(|r| r.set(true));
        match WAITING.with(|w| w.borrow_mut().take()) {
            // (Its prelude is only wanted by a page that waits for it.)
            Some(start) => {
                let prelude = wire::from_bytes::<Prelude>(&bytes(e)).unwrap_or_default();
                PRELUDE.with(|p| *p.borrow_mut() = Some(prelude));
                start()
            }
            None => answer(),
        }
    })
    .forget();
}

/// Starts the page once the second module is ready (it is loaded now), or could not be
/// loaded; `start` then finds the prelude, if any, with [`take_prelude`].
pub fn wait_for_more(lang: super::i18n::Lang, start: impl FnOnce() + 'static) {
    WAITED.with(|w| w.set(true));
    WAITING.with(|w| *w.borrow_mut() = Some(Box::new(start)));
    load_more(lang);
}

/// What the second module read, if it said ready before the first started.
pub fn take_prelude() -> Option<Prelude> {
    PRELUDE.with(|p| p.borrow_mut().take())
}

/// Sends [`INIT`] if the first module has started, once: a second copy of the second module
/// (a load given up for slow that came after all, beside the one that followed it) gets none,
/// so it never starts, rather than starting from the inputs without the actions since.
fn answer() {
    if LINKED.with(Cell::get) {
        return;
    }
    let Some(inputs) = INPUTS.with(|i| i.borrow().clone()) else {
        return;
    };
    let log = LOG.with(|l| l.borrow().clone());
    if let Ok(b) = wire::to_bytes(&Init { inputs, log }) {
        LINKED.with(|l| l.set(true));
        LOG.with(|l| l.borrow_mut().clear());
        send(INIT, &b);
    }
}

/// Keeps what the state was made from, for the second module (a new start: no action yet, no
/// second module linked).
pub fn started(inputs: Inputs) {
    INPUTS.with(|i| *i.borrow_mut() = Some(inputs));
    LOG.with(|l| l.borrow_mut().clear());
    LINKED.with(|l| l.set(false));
}

/// The first module's dispatcher: each action is recorded and passed on, then applied (in
/// this order, so that an action dispatched while another is being applied, by an effect of
/// the render it causes, comes after it in the record as in the state).
pub fn first_dispatcher(apply: impl Fn(Action) + 'static) -> Dispatcher {
    Dispatcher::new(move |action: Action| {
        if LINKED.with(Cell::get) {
            if let Ok(b) = wire::to_bytes(&action) {
                send(ACTION, &b);
            }
        } else {
            // Kept only until the second module has its copy.
            LOG.with(|l| l.borrow_mut().push(action.clone()));
        }
        apply(action)
    })
}

/// Applies the second module's [`ASK`]s through `dispatcher` for as long as the listener
/// returned lives; a second module that was ready before gets its [`INIT`] now.
pub fn serve(dispatcher: Dispatcher) -> gloo::events::EventListener {
    let ask = gloo::events::EventListener::new(&gloo::utils::window(), ASK, move |e| {
        if let Ok(action) = wire::from_bytes::<Action>(&bytes(e)) {
            dispatcher.dispatch(action);
        }
    });
    // (A page that waited starts without it when it could not be loaded: nothing to answer,
    // and its slots say why.)
    if WAITED.with(Cell::get) && READY_SEEN.with(Cell::get) {
        answer();
    }
    ask
}

thread_local! {
    /// The page waited for the second module: it gets its [`INIT`] when the first serves.
    static WAITED: Cell<bool> = const { Cell::new(false) };
}

/// Tells the second module that the first rendered (its slots may have changed).
pub fn rendered() {
    if LINKED.with(Cell::get) {
        send(SLOTS, &[]);
    }
}

// ---------------------------------------------------------------------------------------------
// The second module
// ---------------------------------------------------------------------------------------------

thread_local! {
    /// Actions from the first module not yet applied here, and where they go once the copy of
    /// the state exists.
    static QUEUE: RefCell<(VecDeque<Action>, Option<Dispatcher>)> = const { RefCell::new((VecDeque::new(), None)) };
    /// The listeners while the first module has not answered yet, and what to do when it does.
    static JOINING: RefCell<Option<Joining>> = const { RefCell::new(None) };
}

/// See `JOINING`.
type Joining = (Vec<gloo::events::EventListener>, Box<dyn FnOnce(Joined)>);

/// The second module's dispatcher: asks the first.
pub fn second_dispatcher() -> Dispatcher {
    Dispatcher::new(|action: Action| {
        if let Ok(b) = wire::to_bytes(&action) {
            send(ASK, &b);
        }
    })
}

/// The second module joined to the first: how the state began, and the listeners that keep
/// it joined (for as long as they live).
pub struct Joined {
    pub init: Init,
    pub listeners: Vec<gloo::events::EventListener>,
}

/// Listens to the first module and says it is ready, with `prelude`; `joined` is called when the
/// first answers with [`INIT`] (at once, or when it starts). `on_slots` is called when the first
/// module has rendered.
pub fn join(
    prelude: &Prelude,
    on_slots: impl Fn() + 'static,
    joined: impl FnOnce(Joined) + 'static,
) {
    let window = gloo::utils::window();
    QUEUE.with(|q| *q.borrow_mut() = (VecDeque::new(), None));
    let on_init = gloo::events::EventListener::new(&window, INIT, |e| {
        let Ok(init) = wire::from_bytes::<Init>(&bytes(e)) else {
            return;
        };
        let Some((mut listeners, joined)) = JOINING.with(|j| j.borrow_mut().take()) else {
            return;
        };
        // This listener goes (later: it is running).
        let this = listeners.remove(0);
        let _ = gloo::timers::callback::Timeout::new(0, move || drop(this)).forget();
        joined(Joined { init, listeners });
    });
    let action = gloo::events::EventListener::new(&window, ACTION, |e| {
        if let Ok(action) = wire::from_bytes::<Action>(&bytes(e)) {
            receive(action);
        }
    });
    let slots = gloo::events::EventListener::new(&window, SLOTS, move |_| on_slots());
    JOINING.with(|j| *j.borrow_mut() = Some((vec![on_init, action, slots], Box::new(joined))));
    send(READY, &wire::to_bytes(prelude).unwrap_or_default());
}

fn receive(action: Action) {
    let to = QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        q.0.push_back(action);
        q.1.clone()
    });
    if let Some(to) = to {
        drain(&to);
    }
}

fn drain(to: &Dispatcher) {
    while let Some(a) = QUEUE.with(|q| q.borrow_mut().0.pop_front()) {
        to.dispatch(a);
    }
}

/// Where the first module's actions go from now on (the copy's own reducer); those that came
/// meanwhile go at once.
pub fn apply_with(to: Dispatcher) {
    QUEUE.with(|q| q.borrow_mut().1 = Some(to.clone()));
    drain(&to);
}

// ---------------------------------------------------------------------------------------------
// Loading the second module
// ---------------------------------------------------------------------------------------------

/// The second module, as [`super::module_loader`] loads it.
static MORE: super::module_loader::Module = super::module_loader::Module {
    global: "ictIndexMore",
    meta: "ict-index-more",
    embedded: "ict-index-more-wasm",
};

/// Loads the second module (once): a failed load is tried once more a moment later, then the
/// slots say why their panels are missing, in the page's language.
pub fn load_more(lang: super::i18n::Lang) {
    thread_local! {
        static ASKED: Cell<bool> = const { Cell::new(false) };
    }
    if ASKED.with(|a| a.replace(true)) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(detail) = MORE.load().await {
            gloo::console::error!(format!("ict-more: {detail}"));
            // A page that waited for it starts without what it would have read; its slots are
            // there once it has rendered.
            if let Some(start) = WAITING.with(|w| w.borrow_mut().take()) {
                start();
            }
            explain_when_slotted(part_unavailable(lang, detail), SLOTTED_TRIES);
        }
    });
}

/// What the slots say when the second module could not be loaded: what failed (a file, a
/// step), or that it took too long, in the page's language.
pub fn part_unavailable(lang: super::i18n::Lang, detail: String) -> String {
    let say = move |detail| {
        super::i18n::Msg::PartUnavailable { detail }
            .text(lang)
            .into_owned()
    };
    if detail == super::module_loader::TIMED_OUT {
        super::i18n::timed_out(lang, say).into_owned()
    } else {
        say(detail)
    }
}

/// How many times (every 100 ms) a failed load looks for the slots to say so in.
const SLOTTED_TRIES: u32 = 100;

/// [`explain`] once the first module has rendered its slots (a page that waited for the second
/// module starts only now: on a slow phone its first render takes a while), unless a second
/// module joined meanwhile by other means (a test mounts it).
fn explain_when_slotted(message: String, tries: u32) {
    gloo::timers::callback::Timeout::new(if tries == SLOTTED_TRIES { 0 } else { 100 }, move || {
        if LINKED.with(Cell::get) {
            return;
        }
        let slotted = gloo::utils::document()
            .query_selector("[id^=\"ict-slot-\"]")
            .ok()
            .flatten()
            .is_some();
        if slotted || tries == 0 {
            explain(&message);
        } else {
            explain_when_slotted(message, tries - 1);
        }
    })
    .forget();
}

/// Writes into every slot that its panel could not be loaded (or stopped), and why: the
/// pre-rendered panel it held goes, what the first module put there stays; announced once.
pub fn explain(message: &str) {
    super::anchor::drop_all_prerendered();
    let Ok(slots) = gloo::utils::document().query_selector_all("[id^=\"ict-slot-\"]") else {
        return;
    };
    for k in 0..slots.length() {
        let Some(el) = slots
            .get(k)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        if let Ok(Some(old)) = el.query_selector(":scope > [data-testid=\"part-unavailable\"]") {
            old.remove();
        }
        if let Ok(p) = gloo::utils::document().create_element("p") {
            let _ = p.set_attribute("class", "notice warn");
            let _ = p.set_attribute("role", if k == 0 { "alert" } else { "note" });
            let _ = p.set_attribute("data-testid", "part-unavailable");
            p.set_text_content(Some(message));
            let _ = el.append_child(&p);
        }
    }
}
