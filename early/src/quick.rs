//! The module's exports: [`start`] and [`flush`].

use std::cell::RefCell;

use ict_engine::address::UrlState;
use ict_engine::builtin::{self, DEFAULT_PROVINCE, DEFAULT_YEAR};
use ict_engine::dataset::validate_value;
use ict_engine::numfmt::{format, parse, Lang};
use ict_engine::{Model, Results, Scenario, PUBLISHED_SET};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement};

/// The pre-rendered first screen's element (`xtask/src/dist.rs`).
const PRERENDER_ID: &str = "ict-prerender";
/// The window event that asks the loader for the app.
const NEED_APP: &str = "ict-index:need-app";
/// How long after the last edit the address is written (ms), as in the app.
const ADDRESS_DELAY_MS: i32 = 250;
/// Shown in the scenario card while the score is the quick editor's.
const NOTE: &str = "Ước tính theo giá trị vừa nhập, chưa phải số liệu công bố. Các phần khác \
                    đang tải…";
/// Where the note goes while a choice waits for the app (before the page's columns).
const PAGE: &str = ".page";
/// Shown while a choice waits for the app.
const LOADING: &str = "Đang tải công cụ để hiển thị lựa chọn của bạn…";

struct Quick {
    model: Model,
    /// Quảng Ninh's position.
    p: usize,
    scenario: Scenario,
    pre: Element,
    /// The pending address write (a timeout's id).
    pending: Option<i32>,
    /// The app has been asked for.
    asked: bool,
    /// The app has taken over: nothing more is done here.
    done: bool,
}

thread_local! {
    static QUICK: RefCell<Option<Quick>> = const { RefCell::new(None) };
}

/// Makes the pre-rendered editor work; `false` when there is nothing to do (no pre-rendered
/// screen, or it is hidden because the page opens on another state).
#[wasm_bindgen]
pub fn start() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Some(doc) = window.document() else {
        return false;
    };
    let Some(pre) = doc.get_element_by_id(PRERENDER_ID) else {
        return false;
    };
    if doc
        .document_element()
        .is_some_and(|h| h.class_list().contains("no-prerender"))
    {
        return false;
    }
    let Ok(model) = builtin::default_model() else {
        return false;
    };
    let Some(p) = model.province_index(DEFAULT_PROVINCE) else {
        return false;
    };
    let on_input = Closure::<dyn Fn(Event)>::new(|e: Event| {
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            with_quick(|q| q.edit(&el));
        }
    });
    // A choice or a button the quick editor cannot act on: the app does it when it takes over.
    let on_act = Closure::<dyn Fn(Event)>::new(|e: Event| {
        if let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
            with_quick(|q| q.pending(&el, &e.type_()));
        }
    });
    let on_leave = Closure::<dyn Fn()>::new(|| with_quick(Quick::write_address));
    if pre
        .add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())
        .is_err()
        || ["click", "change"].into_iter().any(|kind| {
            pre.add_event_listener_with_callback(kind, on_act.as_ref().unchecked_ref())
                .is_err()
        })
        || window
            .add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref())
            .is_err()
    {
        return false;
    }
    on_input.forget();
    on_act.forget();
    on_leave.forget();
    QUICK.with(|q| {
        *q.borrow_mut() = Some(Quick {
            model,
            p,
            scenario: Scenario::default(),
            pre: pre.clone(),
            pending: None,
            asked: false,
            done: false,
        })
    });
    // The pre-rendered screen was inert until now.
    let _ = pre.remove_attribute("inert");
    if let Some(perf) = window.performance() {
        let _ = perf.mark("ict-index:early-live");
    }
    true
}

/// The app takes over: the last edit goes into the address now, and the quick editor stops.
#[wasm_bindgen]
pub fn flush() {
    with_quick(|q| {
        q.write_address();
        q.done = true;
    });
}

fn with_quick(f: impl FnOnce(&mut Quick)) {
    QUICK.with(|q| {
        if let Some(q) = q.borrow_mut().as_mut().filter(|q| !q.done) {
            f(q);
        }
    });
}

impl Quick {
    /// An `input` event in the pre-rendered screen: a field's text or a slider's value.
    fn edit(&mut self, el: &HtmlInputElement) {
        let (id, typed) = match (
            el.get_attribute("data-indicator"),
            el.get_attribute("data-slider"),
        ) {
            (Some(id), _) => (id, true),
            (None, Some(id)) => (id, false),
            (None, None) => return,
        };
        self.ask_for_app();
        let Some(i) = self.model.indicator_index(&id) else {
            return;
        };
        let def = &self.model.indicators()[i];
        let value = if typed {
            parse(&el.value()).ok()
        } else {
            Some(el.value_as_number())
        }
        .filter(|v| v.is_finite() && validate_value(def, *v).is_ok());
        let row = self.find(&format!(".indicator[data-row=\"{id}\"]"));
        if typed {
            // Why a text is refused is said by the app when it takes over (the field keeps it).
            let _ = el.set_attribute("aria-invalid", &value.is_none().to_string());
            if let Some(row) = &row {
                let _ = row
                    .class_list()
                    .toggle_with_force("invalid", value.is_none());
            }
        }
        let Some(v) = value else {
            return;
        };
        // The field's other control follows.
        if typed {
            if let Some(slider) = self.input(&format!("input[data-slider=\"{id}\"]")) {
                slider.set_value_as_number(v);
            }
        } else if let Some(field) = self.input(&format!("input[data-indicator=\"{id}\"]")) {
            field.set_value(&format(v, usize::from(def.decimals), Lang::Vi));
        }
        let baseline = self.model.baseline_value(i, self.p);
        if let Some(row) = &row {
            let _ = row
                .class_list()
                .toggle_with_force("quick-edited", v != baseline);
        }
        self.scenario.put(DEFAULT_PROVINCE, &id, v, Some(baseline));
        let Ok(current) = self.model.evaluate(&self.scenario) else {
            return;
        };
        self.show(&current);
        self.schedule_address();
    }

    /// The scenario's index score, rank and pillar scores.
    fn show(&self, current: &Results) {
        let (model, p) = (&self.model, self.p);
        let root = model.root();
        self.set_text(
            "[data-testid=\"index-score\"]",
            &format(current.score(root, p), 4, Lang::Vi),
        );
        self.set_text(
            "[data-testid=\"index-rank\"]",
            &format!("{}/{}", current.rank(root, p), model.province_count()),
        );
        for &k in &model.tree_order()[1..] {
            self.set_text(
                &format!("[data-testid=\"score-{}\"]", model.nodes()[k].id),
                &format(current.score(k, p), 4, Lang::Vi),
            );
        }
        // Back at the baseline, every pre-rendered figure is right again (unless a choice is
        // pending).
        if self.pre.get_attribute("data-early").as_deref() == Some("pending") {
            return;
        }
        let edited = !self.scenario.is_empty();
        let _ = self
            .pre
            .set_attribute("data-early", if edited { "edited" } else { "baseline" });
        if edited {
            self.note(".card.scenario", NOTE);
        }
    }

    /// A click on a button, or a choice in a select or a checkbox, of the pre-rendered screen:
    /// marked `data-quick-pending` (the last one only) for the app to do again when it takes over
    /// (`src/app/anchor.rs`). A choice changes what the page shows: until then its figures are
    /// hidden, and a note says the page is loading.
    fn pending(&mut self, target: &Element, kind: &str) {
        let found = match kind {
            "click" => target.closest("button").ok().flatten(),
            _ => Some(target.clone()).filter(|el| {
                el.matches("select, input[type=checkbox], input[type=radio]")
                    .unwrap_or(false)
            }),
        };
        let Some(el) = found else {
            return;
        };
        self.ask_for_app();
        if let Some(before) = self.find("[data-quick-pending]") {
            let _ = before.remove_attribute("data-quick-pending");
        }
        let _ = el.set_attribute("data-quick-pending", kind);
        if kind == "change" {
            let _ = self.pre.set_attribute("data-early", "pending");
            self.note(PAGE, LOADING);
        }
    }

    /// The note (one at a time): in the scenario card below the score, or at the top of the
    /// page while a choice waits for the app.
    fn note(&self, inside: &str, text: &str) {
        if let Some(old) = self.find(".quick-note") {
            if old.text_content().as_deref() == Some(text) {
                return;
            }
            old.remove();
        }
        if let (Some(host), Some(doc)) = (self.find(inside), self.pre.owner_document()) {
            if let Ok(note) = doc.create_element("p") {
                note.set_class_name("quick-note");
                let _ = note.set_attribute("role", "status");
                note.set_text_content(Some(text));
                let _ = if inside == PAGE {
                    host.prepend_with_node_1(&note)
                } else {
                    host.append_with_node_1(&note)
                };
            }
        }
    }

    fn ask_for_app(&mut self) {
        if !self.asked {
            self.asked = true;
            if let Some(w) = web_sys::window() {
                if let Ok(e) = Event::new(NEED_APP) {
                    let _ = w.dispatch_event(&e);
                }
            }
        }
    }

    fn schedule_address(&mut self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(id) = self.pending.take() {
            window.clear_timeout_with_handle(id);
        }
        let write = Closure::once_into_js(|| with_quick(Quick::write_address));
        self.pending = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                write.unchecked_ref(),
                ADDRESS_DELAY_MS,
            )
            .ok();
    }

    fn write_address(&mut self) {
        if let (Some(id), Some(w)) = (self.pending.take(), web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
        crate::address::write_fragment(&UrlState {
            year: DEFAULT_YEAR,
            province: DEFAULT_PROVINCE.to_string(),
            lang: Lang::Vi,
            scenario: self.scenario.clone(),
            provinces: PUBLISHED_SET.to_string(),
        });
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.pre.query_selector(selector).ok().flatten()
    }

    fn input(&self, selector: &str) -> Option<HtmlInputElement> {
        self.find(selector)?.dyn_into().ok()
    }

    fn set_text(&self, selector: &str, text: &str) {
        if let Some(el) = self.find(selector) {
            el.set_text_content(Some(text));
        }
    }
}
