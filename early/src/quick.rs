//! The module's exports: [`start`] and [`flush`].

use std::cell::RefCell;

use crate::address::ADDRESS_DELAY_MS;
use ict_engine::address::UrlState;
use ict_engine::builtin::{self, DEFAULT_PROVINCE, DEFAULT_YEAR};
use ict_engine::dataset::validate_value;
use ict_engine::numfmt::{format, parse, Lang};
use ict_engine::{Model, Results, Scenario, PUBLISHED_SET};
use ict_state::stage::{arrow_sign, key_next, slider_range};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, KeyboardEvent, NodeList};

/// The pre-rendered first screen's element (`xtask/src/dist.rs`).
const PRERENDER_ID: &str = "ict-prerender";
/// The window event that asks the loader for the app.
const NEED_APP: &str = "ict-index:need-app";
/// Shown in the scenario card while the score is the quick editor's.
const NOTE: &str = "Ước tính theo giá trị vừa nhập, chưa phải số liệu công bố. Các phần khác \
                    đang tải…";
/// Shown, at the top of the page, while a click or a choice waits for the app.
const LOADING: &str = "Đang tải công cụ để thực hiện thao tác của bạn…";
/// Said of a text the quick editor refuses (the app says why when it takes over).
const REFUSED: &str = "Giá trị này chưa được nhận; lý do sẽ hiện khi công cụ tải xong.";
/// Buttons the app can find again (`src/app/anchor.rs`): a click on another waits for the app.
const BUTTONS: &str = "button[data-testid], button[data-preset], button[data-png], button[id]";

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
    /// Clicks and choices marked so far (their order, for the app to do them again in it).
    marks: u32,
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
    // A slider's arrow keys move it as in the app (about 1 % of the plausible range).
    let on_key = Closure::<dyn Fn(KeyboardEvent)>::new(|e: KeyboardEvent| {
        if let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        {
            with_quick(|q| q.arrow(&el, &e));
        }
    });
    // A choice or a button the quick editor cannot act on: the app does it when it takes over.
    // What the browser would do itself (follow a link, open a section whose content the app
    // renders, submit a form) waits for the app.
    let on_act = Closure::<dyn Fn(Event)>::new(|e: Event| {
        let Some(el) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let kind = e.type_();
        let native = kind == "submit"
            || (kind == "click" && el.closest("a[href], summary").ok().flatten().is_some());
        if native {
            e.prevent_default();
            with_quick(Quick::ask_for_app);
        } else {
            with_quick(|q| q.pending(&el, &kind));
        }
    });
    // The last edit goes into the address when the page is hidden or left (a phone may not
    // tell it is left).
    let on_leave = Closure::<dyn Fn(Event)>::new(|e: Event| {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden || e.type_() == "pagehide" {
            with_quick(Quick::write_address);
        }
    });
    if pre
        .add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref())
        .is_err()
        || pre
            .add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref())
            .is_err()
        || ["click", "change", "submit"].into_iter().any(|kind| {
            pre.add_event_listener_with_callback(kind, on_act.as_ref().unchecked_ref())
                .is_err()
        })
        || doc
            .add_event_listener_with_callback("visibilitychange", on_leave.as_ref().unchecked_ref())
            .is_err()
        || window
            .add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref())
            .is_err()
    {
        return false;
    }
    on_input.forget();
    on_key.forget();
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
            marks: 0,
        })
    });
    // The pre-rendered screen was inert until now. What the app would lose when it takes over
    // stays shut: the other text fields (a scenario's name, a goal, a weight) are read-only and
    // the file pickers inert, until then.
    for el in elements(&pre, "input[type=text]:not([data-indicator]), textarea") {
        let _ = el.set_attribute("readonly", "");
    }
    for el in elements(&pre, "input[type=file]") {
        let _ = el.set_attribute("inert", "");
    }
    let _ = pre.remove_attribute("inert");
    if let Some(perf) = window.performance() {
        let _ = perf.mark("ict-index:early-live");
    }
    true
}

/// The app takes over: the last edit goes into the address now, and the quick editor stops
/// (its state is dropped: later events do nothing).
#[wasm_bindgen]
pub fn flush() {
    if let Some(mut q) = QUICK.with(|q| q.borrow_mut().take()) {
        q.write_address();
    }
}

fn with_quick(f: impl FnOnce(&mut Quick)) {
    QUICK.with(|q| {
        if let Some(q) = q.borrow_mut().as_mut() {
            f(q);
        }
    });
}

/// The elements under `root` that `selector` finds.
fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let list: Option<NodeList> = root.query_selector_all(selector).ok();
    list.map(|l| {
        (0..l.length())
            .filter_map(|k| l.item(k)?.dyn_into().ok())
            .collect()
    })
    .unwrap_or_default()
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
        let field = self.input(&format!("input[data-indicator=\"{id}\"]"));
        if typed {
            // Why a text is refused is said by the app when it takes over (the field keeps it).
            let _ = el.set_attribute("aria-invalid", &value.is_none().to_string());
            if let Some(row) = &row {
                let _ = row
                    .class_list()
                    .toggle_with_force("invalid", value.is_none());
                self.refused(row, field.as_ref(), &id, value.is_none());
            }
        }
        let Some(v) = value else {
            return;
        };
        let shown = format(v, usize::from(def.decimals), Lang::Vi);
        // The field's other control follows.
        if let Some(slider) = self.input(&format!("input[data-slider=\"{id}\"]")) {
            // Its range widens to the value, as the app's does (else the browser would clamp).
            let (lo, hi) = slider_range(def.plausible, def.valid, v);
            slider.set_min(&lo.to_string());
            slider.set_max(&hi.to_string());
            if typed {
                slider.set_value_as_number(v);
            }
            let unit = row
                .as_ref()
                .and_then(|r| r.query_selector(".unit").ok().flatten())
                .and_then(|u| u.text_content())
                .unwrap_or_default();
            let _ = slider.set_attribute("aria-valuetext", &format!("{shown} {unit}"));
        }
        if let (false, Some(field)) = (typed, &field) {
            field.set_value(&shown);
        }
        let baseline = self.model.baseline_value(i, self.p);
        if let Some(row) = &row {
            let edited = v != baseline;
            let _ = row.class_list().toggle_with_force("quick-edited", edited);
            // The field's notes (its rank, its badge) are of the baseline value: hidden, and
            // not read out, while it differs.
            if let (Some(field), Some(meta)) = (&field, row.query_selector(".meta").ok().flatten())
            {
                let _ = if edited {
                    field.remove_attribute("aria-describedby")
                } else {
                    field.set_attribute("aria-describedby", &meta.id())
                };
            }
        }
        self.scenario.put(DEFAULT_PROVINCE, &id, v, Some(baseline));
        let Ok(current) = self.model.evaluate(&self.scenario) else {
            return;
        };
        self.show(&current);
        self.schedule_address();
    }

    /// An arrow key on a slider: one step of the app's (`ict_state::stage::key_next`), then as
    /// a slider's own input.
    fn arrow(&mut self, el: &HtmlInputElement, e: &KeyboardEvent) {
        let modified = e.ctrl_key() || e.meta_key() || e.alt_key();
        let Some(sign) = arrow_sign(&e.key(), modified) else {
            return;
        };
        let Some(def) = el
            .get_attribute("data-slider")
            .and_then(|id| self.model.indicator_index(&id))
            .map(|i| &self.model.indicators()[i])
        else {
            return;
        };
        e.prevent_default();
        let value = el.value_as_number();
        let next = key_next(value, sign, def.plausible, def.valid, def.decimals);
        if next != value {
            el.set_value_as_number(next);
            self.edit(el);
        }
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
            self.note();
        }
    }

    /// A click on a button, or a choice in a select or a checkbox, of the pre-rendered screen:
    /// marked `data-quick-pending` (`click` or `change`) with its order in `data-quick-order`, for
    /// the app to do again when it takes over (`src/app/anchor.rs`): every choice (its final
    /// state) and the last click only (a button tapped twice because nothing happened is done
    /// once). A note at the top says the page is loading; a choice changes what the page shows,
    /// so until then the figures are hidden.
    fn pending(&mut self, target: &Element, kind: &str) {
        let found = match kind {
            "click" => target.closest(BUTTONS).ok().flatten(),
            _ => Some(target.clone()).filter(|el| {
                el.matches("select, input[type=checkbox], input[type=radio]")
                    .unwrap_or(false)
            }),
        };
        self.ask_for_app();
        let Some(el) = found else {
            return;
        };
        if kind == "click" {
            if let Some(before) = self.find("[data-quick-pending=\"click\"]") {
                let _ = before.remove_attribute("data-quick-pending");
            }
        }
        self.marks += 1;
        let _ = el.set_attribute("data-quick-pending", kind);
        let _ = el.set_attribute("data-quick-order", &self.marks.to_string());
        if kind == "change" {
            let _ = self.pre.set_attribute("data-early", "pending");
        }
        if self.find(".quick-loading").is_none() {
            if let Some(note) = self.paragraph("quick-loading", LOADING) {
                let _ = note.set_attribute("role", "status");
                if let Some(page) = self.find(".page") {
                    let _ = page.prepend_with_node_1(&note);
                }
            }
        }
    }

    /// The note below the score while the quick editor's scenario differs from the baseline.
    fn note(&self) {
        if self.find(".quick-note").is_some() {
            return;
        }
        if let (Some(card), Some(note)) = (
            self.find(".card.scenario"),
            self.paragraph("quick-note", NOTE),
        ) {
            let _ = card.append_with_node_1(&note);
        }
    }

    /// Under a field's row, while its text is refused, a message the field points to.
    fn refused(&self, row: &Element, field: Option<&HtmlInputElement>, id: &str, refused: bool) {
        let err_id = format!("quick-error-{id}");
        match (refused, self.find(&format!("#{err_id}"))) {
            (true, None) => {
                if let Some(msg) = self.paragraph("error", REFUSED) {
                    msg.set_id(&err_id);
                    let _ = msg.set_attribute("role", "alert");
                    let _ = row.append_with_node_1(&msg);
                }
            }
            (false, Some(msg)) => msg.remove(),
            _ => {}
        }
        if let (true, Some(field)) = (refused, field) {
            let _ = field.set_attribute("aria-describedby", &err_id);
        }
    }

    /// A new `<p class=…>` with `text`.
    fn paragraph(&self, class: &str, text: &str) -> Option<Element> {
        let p = self.pre.owner_document()?.create_element("p").ok()?;
        p.set_class_name(class);
        p.set_text_content(Some(text));
        Some(p)
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
                ADDRESS_DELAY_MS as i32,
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
