//! The Yew app: one state with a reducer (`state`), shared through a context; one component
//! per file under `components/`; effects in `hooks`.

pub mod charts;
pub mod components;
pub mod download;
pub mod geo;
pub mod hooks;
pub mod i18n;
pub mod io_module;
pub mod panic;
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
        Store(AppState::new(
            editions.clone(),
            hooks::read_fragment(),
            hooks::query_flag("present"),
            storage::load(&models),
            storage::load_imported(),
        ))
    });
    hooks::use_persist_saved(&state);
    hooks::use_persist_imported(&state);
    hooks::use_address_sync(&state);
    hooks::use_document_lang(state.lang);
    hooks::use_body_mode(embed, state.present);
    hooks::use_post_height(embed);
    hooks::use_shortcuts(&state);
    // A performance mark when the first render is in the DOM (read by the timing script).
    use_effect_with((), |_| {
        if let Some(perf) = gloo::utils::window().performance() {
            let _ = perf.mark("ict-index:first-render");
        }
    });
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            // A timeout (not an animation frame) so the first frame is painted before.
            let timer = gloo::timers::callback::Timeout::new(0, move || ready.set(true));
            move || drop(timer)
        });
    }
    // The skip link moves focus to the results without putting "#results" in the address,
    // which holds the scenario.
    let skip_to_results = Callback::from(|e: MouseEvent| {
        e.prevent_default();
        if let Some(el) = gloo::utils::document()
            .get_element_by_id("results")
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
        {
            let _ = el.focus();
            el.scroll_into_view();
        }
    });
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <a class="skip" href="#results" onclick={skip_to_results}>{ Msg::Skip.text(state.lang) }</a>
            <Header />
            <Shortcuts />
            <main class="layout">
                <section class="editor-col" aria-labelledby="editor-title">
                    <Toolbar />
                    <ScenariosPanel />
                    <DataPanel />
                    <Editor />
                </section>
                <section id="results" class="results-col" aria-labelledby="results-title" tabindex="-1">
                    <NoticeBar />
                    <ResultsPanel />
                    // Score and rank first; the heavier panels join right after the first paint.
                    if *ready {
                        <ComparePanel />
                        <ChartsPanel />
                        <MapPanel />
                        <DecisionPanel />
                        <MethodPanel />
                    }
                    <div class="deferred-layout"><RankingTable /></div>
                </section>
            </main>
            <Notes />
        </ContextProvider<AppContext>>
    }
}
