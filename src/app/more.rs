//! The app's second module (`ict-more`, see [`super::bridge`]): its copy of the state, and its
//! panels drawn into the first module's slots: the saved scenarios and the data (editor
//! column), the comparison and the charts, the map, the decision aids, the method panel
//! (results column), and the stage's chart (the ranking chart or the map).

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::bridge::{self, slot};
use super::charts::map_panel::MapPanel;
use super::charts::panel::ChartsPanel;
use super::charts::ranking_chart::RankingChart;
use super::components::compare::ComparePanel;
use super::components::data::DataPanel;
use super::components::decision::DecisionPanel;
use super::components::method_panel::MethodPanel;
use super::components::notes::Notes;
use super::components::scenarios::ScenariosPanel;
use super::components::stage_keys::StageKeys;
use super::hooks;
use super::state::{AppContext, AppState, Editions, Store};
use super::storage;
use crate::app::i18n_more::MoreMsg;

/// The panels of this module, by slot (`bridge::slot(name)`), in the order they join.
const SLOTS: [&str; 7] = [
    "scenarios",
    "data",
    "charts",
    "map",
    "decision",
    "method",
    "notes",
];
/// The stage's chart slot, and its key indicators' slot.
const STAGE: &str = "stage-chart";
const STAGE_KEYS: &str = "stage-keys";

/// What this module reads for the first at start-up (JSON): the address if it is in a format
/// before `v3`, and the imported data kept in the browser.
pub fn prelude() -> bridge::Prelude {
    let hash = hooks::fragment();
    bridge::Prelude {
        legacy: super::url::is_legacy(&hash)
            .then(|| super::url::read(&hash))
            .flatten(),
        imported: storage::load_imported(),
    }
}

/// The copy of the state, made from the first module's [`bridge::Init`] and the editions it
/// started with (the built-in ones when `None`).
pub fn state_from(
    init: bridge::Init,
    editions: Option<Rc<Editions>>,
) -> Result<AppState, ict_engine::EngineError> {
    let editions = match editions {
        Some(e) => e,
        None => Rc::new(Editions::load()?),
    };
    let inputs = init.inputs;
    let state = AppState::new(
        editions.clone(),
        inputs.url,
        inputs.present,
        storage::LoadReport::default(),
        inputs.imported,
    )
    .awaiting_store()
    .start_at(&inputs.start);
    Ok(init.log.into_iter().fold(state, |s, a| s.reduce(a)))
}

thread_local! {
    /// Re-renders [`More`] (when the first module's slots may have changed).
    static REFRESH: RefCell<Option<Callback<()>>> = const { RefCell::new(None) };
}

/// The first module rendered: look for the slots again.
pub fn slots_changed() {
    thread_local! {
        static SEEN: RefCell<Vec<bool>> = const { RefCell::new(Vec::new()) };
    }
    // Only when a slot came or went (most renders of the first module change none).
    let document = gloo::utils::document();
    let now: Vec<bool> = (SLOTS.iter().chain([&STAGE, &STAGE_KEYS]))
        .map(|name| document.get_element_by_id(&slot(name)).is_some())
        .collect();
    if SEEN.with(|s| std::mem::replace(&mut *s.borrow_mut(), now.clone())) == now {
        return;
    }
    if let Some(cb) = REFRESH.with(|r| r.borrow().clone()) {
        cb.emit(());
    }
}

#[derive(Properties, PartialEq)]
pub struct MoreProps {
    pub state: Rc<RefCell<Option<AppState>>>,
}

/// Where panel `name` goes, if the first module shows its slot now (without the pre-rendered
/// panel it may hold until then: `app::anchor`).
fn host(name: &str) -> Option<web_sys::Element> {
    let id = slot(name);
    super::anchor::drop_prerendered(&id);
    gloo::utils::document().get_element_by_id(&id)
}

#[component(More)]
pub fn more(props: &MoreProps) -> Html {
    let initial = props.state.clone();
    let store = use_reducer(move || {
        Store(
            initial
                .borrow_mut()
                .take()
                .expect("the second module starts with a state"),
        )
    });
    // The first module's actions, applied here in its order from now on.
    {
        let to = store.dispatcher();
        use_memo((), move |_| {
            bridge::apply_with(super::state::Dispatcher::new(move |a| to.dispatch(a)))
        });
    }
    let dispatcher = (*use_memo((), |_| bridge::second_dispatcher())).clone();
    let state = AppContext {
        handle: store,
        dispatcher,
    };
    // The saved scenarios and the imported data, kept in the browser (their panels are here).
    hooks::use_persist_saved(&state);
    hooks::use_persist_imported(&state);
    // Which slots the first module shows (re-read after each of its renders).
    let shown = use_state(|| 0u32);
    {
        let shown = shown.clone();
        use_memo((), move |_| {
            REFRESH.with(|r| *r.borrow_mut() = Some(Callback::from(move |_| shown.set(*shown + 1))))
        });
    }
    // The panels join one per task, so that an input meanwhile waits for one at most.
    let joined = use_state(|| 0usize);
    {
        let joined = joined.clone();
        use_effect_with(*joined, move |&n| {
            // Live once every panel has joined: a performance mark (read by the timing script)
            // and a mark on the page (the tests wait for it).
            if n == SLOTS.len() {
                super::slices::mark("ict-index:more-live");
                if let Some(html) = gloo::utils::document().document_element() {
                    let _ = html.set_attribute("data-more", "live");
                }
            }
            let timer = (n < SLOTS.len())
                .then(|| gloo::timers::callback::Timeout::new(0, move || joined.set(n + 1)));
            move || drop(timer)
        });
    }
    // The stage's chart: the ranking chart, or the map (its geometry fetched only then).
    let stage_map = use_state(|| false);
    let embed = *use_memo((), |_| hooks::query_flag("embed"));
    let staged = embed || state.present;
    let map_on_stage = staged && *stage_map;
    let lang = state.lang;
    let panel = |name: &str| -> Html {
        match name {
            "scenarios" => html! { <ScenariosPanel /> },
            "data" => html! { <DataPanel /> },
            "charts" => {
                html! { <><ComparePanel /><ChartsPanel staged={staged && !map_on_stage} /></> }
            }
            "map" if !map_on_stage => html! { <MapPanel /> },
            "decision" => html! { <DecisionPanel /> },
            "method" => html! { <MethodPanel /> },
            "notes" => html! { <Notes /> },
            _ => html! {},
        }
    };
    let stage_chart = staged.then(|| host(STAGE)).flatten().map(|el| {
        let views = [(false, MoreMsg::ViewRanking), (true, MoreMsg::ViewMap)]
            .into_iter()
            .map(|(map, text)| {
                let stage_map = stage_map.clone();
                html! {
                    <button type="button" data-stage-view={if map { "map" } else { "ranking" }}
                        aria-pressed={(map_on_stage == map).to_string()}
                        onclick={Callback::from(move |_: MouseEvent| stage_map.set(map))}>
                        { text.text(lang) }
                    </button>
                }
            });
        create_portal(
            html! {
                <>
                    <div class="stage-view" role="group" aria-label={MoreMsg::StageView.text(lang)}>
                        { for views }
                    </div>
                    if map_on_stage {
                        <MapPanel stage=true />
                    } else {
                        <RankingChart size="chart-fill" />
                    }
                </>
            },
            el,
        )
    });
    let stage_keys = staged
        .then(|| host(STAGE_KEYS))
        .flatten()
        .map(|el| create_portal(html! { <StageKeys /> }, el));
    let _ = *shown;
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            // Each slot at its own place in this list, shown or not, so that a panel stays with
            // its slot when another comes or goes.
            { for SLOTS.iter().enumerate().map(|(k, name)| match (k < *joined).then(|| host(name)).flatten() {
                Some(el) => create_portal(panel(name), el),
                None => html! {},
            }) }
            { for stage_chart }
            { for stage_keys }
        </ContextProvider<AppContext>>
    }
}
