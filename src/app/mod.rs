//! The Yew app: one state with a reducer (`state`), shared through a context; one component
//! per file under `components/`; effects in `hooks`. In two modules (`bridge`): this one's
//! [`App`] is the first screen, with slots where the second's panels (`more`) go.

pub mod anchor;
pub mod bridge;
pub mod charts;
pub mod components;
pub mod download;
pub mod draw_worker;
pub mod geo;
pub mod hooks;
pub mod i18n;
pub mod i18n_more;
pub mod io_module;
pub mod module_loader;
pub mod more;
pub mod panic;
pub mod slices;
pub mod state;
pub mod storage;
pub mod url;
pub mod view;

use std::rc::Rc;

use yew::prelude::*;

use components::editor::Editor;
use components::header::Header;
use components::notice::NoticeBar;
use components::ranking::RankingTable;
use components::results::ResultsPanel;
use components::shortcuts::Shortcuts;
use components::stage::Stage;
use components::toolbar::Toolbar;
use i18n::{Lang, Msg};
use state::{AppState, Editions, Store};

pub use state::AppContext;

/// What the app is started with.
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The editions to show; the built-in ones when absent.
    #[prop_or_default]
    pub editions: Option<Rc<Editions>>,
}

#[component(App)]
pub fn app(props: &AppProps) -> Html {
    bridge::listen();
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

/// Groups of panels that join after the first paint (the ranking table), one per task.
const LATE_GROUPS: u8 = 1;
/// How long after taking over the pre-rendered screen the ranking joins (ms).
const RANKING_AFTER_TAKEOVER_MS: u32 = 800;
/// How long after the first change the ranking joins, if it has not yet (ms).
const RANKING_AFTER_CHANGE_MS: u32 = 50;

#[derive(Properties, PartialEq)]
struct LoadedProps {
    editions: Rc<Editions>,
}

#[component(Loaded)]
fn loaded(props: &LoadedProps) -> Html {
    let editions = props.editions.clone();
    let embed = *use_memo((), |_| hooks::query_flag("embed"));
    let state = use_reducer(move || {
        // What only the second module reads (JSON: an address shared before v3, imported data
        // kept in the browser), when the page waited for it (`bridge`).
        let prelude = bridge::take_prelude().unwrap_or_default();
        let hash = hooks::fragment();
        let url = if url::is_legacy(&hash) {
            // (No prelude: the second module could not be loaded; it says so in its slots.)
            Some(prelude.legacy.unwrap_or(Err(url::AddressError::Unread)))
        } else {
            url::read_current(&hash)
        };
        let imported = prelude.imported;
        // Embedded, the page keeps the site's light colours.
        let present = hooks::query_flag("present") && !embed;
        // Where the query asks to start: applied unless the address brought the scenario
        // (`AppState::start_at`).
        let start = hooks::query_start();
        bridge::started(bridge::Inputs {
            url: url.clone(),
            present,
            imported: imported.clone(),
            start: start.clone(),
        });
        // The saved scenarios come a moment later, from the second module.
        let store = storage::LoadReport::default();
        Store(
            AppState::new(editions.clone(), url, present, store, imported)
                .awaiting_store()
                .start_at(&start),
        )
    });
    // Every action is recorded and passed on to the second module (`bridge`), which answers.
    let dispatcher = {
        let apply = state.dispatcher();
        (*use_memo((), move |_| {
            bridge::first_dispatcher(move |action| apply.dispatch(action))
        }))
        .clone()
    };
    {
        let d = dispatcher.clone();
        use_effect_with((), move |_| {
            let listener = bridge::serve(d);
            move || drop(listener)
        });
    }
    let state = AppContext {
        handle: state,
        dispatcher,
    };
    // The stage (score, chart, key sliders) comes first in presentation mode and when embedded;
    // the rest of the app opens below it on demand.
    let staged = embed || state.present;
    hooks::use_address_sync(&state);
    hooks::use_document_lang(state.lang);
    hooks::use_body_mode(embed, state.present);
    hooks::use_post_height(embed);
    hooks::use_shortcuts(&state, staged);
    hooks::use_show_rest(staged && !embed, state.expanded);
    // A performance mark when the first render is in the DOM (read by the timing script).
    {
        let lang = state.lang;
        use_effect_with((), move |_| {
            slices::mark("ict-index:first-render");
            // The pre-rendered screen's panels into their slots, and what the visitor did on
            // it done again here, in order.
            anchor::carry();
            // The second module (every panel below the first screen), as soon as this one is
            // on screen.
            bridge::load_more(lang);
        });
    }
    // After every render: the second module finds its slots again.
    use_effect(bridge::rendered);
    // The ranking (a third of the page's elements) joins after the first paint, so that an edit
    // meanwhile does not wait for it; when the app takes over the pre-rendered screen, whose
    // ranking stays in place meanwhile (`anchor`), a moment later (an edit made as soon as the
    // app is live, on a slow phone, then waits for nothing).
    let late = use_state(|| 0u8);
    let took_over = *use_memo((), |_| anchor::took_over());
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
            let wait = if took_over {
                RANKING_AFTER_TAKEOVER_MS
            } else {
                0
            };
            let timer = (n < LATE_GROUPS).then(|| {
                gloo::timers::callback::Timeout::new(wait, move || {
                    // The pre-rendered ranking gives way in the same task (no paint between).
                    anchor::drop_prerendered(anchor::RANKING);
                    late.set(n + 1)
                })
            });
            move || drop(timer)
        });
    }
    // The pre-rendered panels and ranking show the page as it opened: once anything changes (an
    // edit, a choice, the language) they go, so that no figure of another state is ever shown
    // (the ranking joins at once; the second module's slots stay empty until it comes).
    {
        let late = late.clone();
        // (The results alone do not tell: another province of the same edition, unedited,
        // has the same ones.)
        let shown = (
            state.lang,
            Rc::as_ptr(&state.current) as usize,
            state.set.clone(),
            state.year,
            state.province.clone(),
        );
        let opened = use_mut_ref({
            let shown = shown.clone();
            move || shown
        });
        use_effect_with(shown, move |now| {
            let timer = (*opened.borrow() != *now).then(|| {
                anchor::drop_all_prerendered();
                // The ranking a moment later: the change itself is painted first.
                (*late == 0).then(|| {
                    gloo::timers::callback::Timeout::new(RANKING_AFTER_CHANGE_MS, move || {
                        late.set(1)
                    })
                })
            });
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
    // A slot for a panel of the second module.
    let slot = |name: &str| html! { <div id={bridge::slot(name)} class="slot"></div> };
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <div class={classes!("app", staged.then_some("staged"), closed.then_some("closed"))}>
            <a class="skip" data-testid="skip" href={format!("#{target}")} onclick={skip_to_results}>{ Msg::Skip.text(state.lang) }</a>
            <Header />
            <Shortcuts />
            <main class="page">
                if staged {
                    <Stage />
                }
                <div id="rest" class="layout" tabindex="-1">
                    <section class="editor-col" aria-labelledby="editor-title">
                        <Toolbar />
                        { slot("scenarios") }
                        { slot("data") }
                        <Editor />
                    </section>
                    <section id="results" class="results-col" aria-labelledby="results-title" tabindex="-1">
                        if !staged {
                            <NoticeBar />
                        }
                        <ResultsPanel {staged} />
                        { slot("charts") }
                        { slot("map") }
                        { slot("decision") }
                        { slot("method") }
                        // A third of the page's elements (63 rows), at the bottom of the column:
                        // after the first paint.
                        // (Holds the pre-rendered ranking until then: `anchor`.)
                        <div id={anchor::RANKING} class="deferred-layout">
                            if *late >= 1 {
                                <RankingTable />
                            }
                        </div>
                    </section>
                </div>
            </main>
            // The notes (methodology and sources), which the second module draws.
            { slot("notes") }
            </div>
        </ContextProvider<AppContext>>
    }
}
