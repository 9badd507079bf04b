//! The Yew app: one state with a reducer (`state`), shared through a context; one component
//! per file under `components/`; effects in `hooks`.

pub mod anchor;
pub mod charts;
pub mod components;
pub mod download;
pub mod geo;
pub mod hooks;
pub mod i18n;
pub mod io_module;
pub mod panic;
pub mod slices;
pub mod state;
pub mod storage;
pub mod url;
pub mod view;

use std::rc::Rc;

use yew::prelude::*;

use charts::map_panel::MapPanel;
use charts::panel::ChartsPanel;
use components::compare::ComparePanel;
use components::data::DataPanel;
use components::decision::DecisionPanel;
use components::editor::Editor;
use components::header::Header;
use components::method_panel::MethodPanel;
use components::notes::Notes;
use components::notice::NoticeBar;
use components::ranking::RankingTable;
use components::results::ResultsPanel;
use components::scenarios::ScenariosPanel;
use components::shortcuts::Shortcuts;
use components::stage::Stage;
use components::toolbar::Toolbar;
use i18n::{Lang, Msg};
use state::{AppState, Editions, Store};

/// The reducer handle every component reads (through [`hooks::use_app`]) and dispatches to.
pub type AppContext = UseReducerHandle<Store>;

/// What the app is started with.
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The editions to show; the built-in ones when absent.
    #[prop_or_default]
    pub editions: Option<Rc<Editions>>,
}

#[component(App)]
pub fn app(props: &AppProps) -> Html {
    let editions = use_memo(props.editions.clone(), |given| match given {
        Some(e) => Ok(e.clone()),
        None => Editions::load().map(Rc::new),
    });
    match &*editions {
        Ok(e) => html! { <Loaded editions={e.clone()} /> },
        Err(err) => html! {
            <main class="fatal" role="alert">
                <h1>{ format!("{} / {}", Msg::DataUnreadable.text(Lang::Vi), Msg::DataUnreadable.text(Lang::En)) }</h1>
                <p>{ err.to_string() }</p>
            </main>
        },
    }
}

/// Groups of panels that join after the first paint (compare and charts, map, decision aids,
/// method, the ranking table), one per task.
const LATE_GROUPS: u8 = 5;

#[derive(Properties, PartialEq)]
struct LoadedProps {
    editions: Rc<Editions>,
}

#[component(Loaded)]
fn loaded(props: &LoadedProps) -> Html {
    let editions = props.editions.clone();
    let embed = *use_memo((), |_| hooks::query_flag("embed"));
    let state = use_reducer(move || {
        let models = editions.all_models();
        let fragment = hooks::read_fragment();
        // A scenario in the address wins over the query's edition, province and language.
        let from_address = matches!(fragment, Some(Ok(_)));
        let state = AppState::new(
            editions.clone(),
            fragment,
            // Embedded, the page keeps the site's light colours.
            hooks::query_flag("present") && !embed,
            storage::load(&models),
            storage::load_imported(),
        );
        Store(if from_address {
            state
        } else {
            state.start_at(&hooks::query_start())
        })
    });
    // The stage (score, chart, key sliders) comes first in presentation mode and when embedded;
    // the rest of the app opens below it on demand.
    let staged = embed || state.present;
    let stage_map = use_state(|| false);
    hooks::use_persist_saved(&state);
    hooks::use_persist_imported(&state);
    hooks::use_address_sync(&state);
    hooks::use_document_lang(state.lang);
    hooks::use_body_mode(embed, state.present);
    hooks::use_post_height(embed);
    hooks::use_shortcuts(&state, staged);
    hooks::use_show_rest(staged && !embed, state.expanded);
    // A performance mark when the first render is in the DOM (read by the timing script).
    use_effect_with((), |_| slices::mark("ict-index:first-render"));
    // The heavier panels join after the first paint, one group per task, so that an input typed
    // meanwhile waits for one group at most (on a slow phone all of them at once took ≈ 90 ms).
    let late = use_state(|| 0u8);
    {
        let late = late.clone();
        use_effect_with(*late, move |&n| {
            // The visitor's place in the pre-rendered screen, kept as the panels join.
            if n < LATE_GROUPS {
                anchor::restore();
            } else {
                anchor::settle();
            }
            // A timeout (not an animation frame) so the frame before is painted first.
            let timer = (n < LATE_GROUPS)
                .then(|| gloo::timers::callback::Timeout::new(0, move || late.set(n + 1)));
            move || drop(timer)
        });
    }
    // The skip link moves focus to the results (the stage, when there is one) without putting
    // "#results" in the address, which holds the scenario.
    let target = if staged { "stage" } else { "results" };
    let skip_to_results = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        if let Some(el) = gloo::utils::document()
            .get_element_by_id(target)
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            let _ = el.focus();
            el.scroll_into_view();
        }
    });
    let closed = staged && !state.expanded;
    // The stage's chart slot: the ranking chart (which needs no geometry) or the map; the other
    // one is in the rest of the app (each chart on one element).
    let on_view = {
        let stage_map = stage_map.clone();
        Callback::from(move |map: bool| stage_map.set(map))
    };
    let map_on_stage = staged && *stage_map;
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div class={classes!("app", staged.then_some("staged"), closed.then_some("closed"))}>
            <a class="skip" href={format!("#{target}")} onclick={skip_to_results}>{ Msg::Skip.text(state.lang) }</a>
            <Header />
            <Shortcuts />
            <main class="page">
                if staged {
                    <Stage {embed} map={map_on_stage} {on_view} />
                }
                <div id="rest" class="layout" tabindex="-1">
                    <section class="editor-col" aria-labelledby="editor-title">
                        <Toolbar />
                        <ScenariosPanel />
                        <DataPanel />
                        <Editor />
                    </section>
                    <section id="results" class="results-col" aria-labelledby="results-title" tabindex="-1">
                        if !staged {
                            <NoticeBar />
                        }
                        <ResultsPanel {staged} />
                        // Score and rank first; the heavier panels join after the first paint.
                        if *late >= 1 {
                            <ComparePanel />
                            <ChartsPanel staged={staged && !map_on_stage} />
                        }
                        if *late >= 2 && !map_on_stage {
                            <MapPanel />
                        }
                        if *late >= 3 {
                            <DecisionPanel />
                        }
                        if *late >= 4 {
                            <MethodPanel />
                        }
                        // A third of the page's elements (63 rows), at the bottom of the column:
                        // last.
                        if *late >= 5 {
                            <div class="deferred-layout"><RankingTable /></div>
                        }
                    </section>
                </div>
            </main>
            <Notes />
            </div>
        </ContextProvider<AppContext>>
    }
}
