//! The ICT Index what-if calculator: a thin Yew UI over the pure engine in `ict-engine`.
//! Where is the score computed? `ict_engine::compute`. Where does state change?
//! `app::state` (the reducer).

pub mod app;

/// Mounts the app on `<body>` (or on the element with id `ict-index-root` if the host page has
/// one: that is how the calculator is placed inside an existing page).
pub fn run() {
    app::panic::install();
    #[cfg(feature = "panic-trigger")]
    app::panic::arm_test_trigger();
    app::bridge::listen();
    // A start that needs JSON read (an address shared before v3, imported data kept in the
    // browser) waits for the second module, which reads it (`app::bridge`).
    if app::url::is_legacy(&app::hooks::fragment()) || app::storage::has_imported() {
        app::bridge::wait_for_more(app::hooks::query_start().lang.unwrap_or_default(), mount);
    } else {
        mount();
    }
}

/// Renders the app (the first module).
fn mount() {
    let root = gloo::utils::document().get_element_by_id("ict-index-root");
    match root {
        Some(el) => {
            yew::Renderer::<app::App>::with_root(el).render();
        }
        None => {
            // The first screen pre-rendered into index.html gives way to the app, in the same
            // task as its first render (nothing is painted in between).
            if let Some(pre) = gloo::utils::document().get_element_by_id("ict-prerender") {
                app::anchor::take(&pre);
                pre.remove();
            }
            // (What the visitor did on it is done again after the first render:
            // `app::anchor::carry`.)
            yew::Renderer::<app::App>::new().render();
            // Yew renders in a microtask queued by `render`; this one comes after it, still
            // before the first paint: the second module's pre-rendered panels into the slots.
            wasm_bindgen_futures::spawn_local(async { app::anchor::place_panels() });
        }
    }
}

/// Starts the app's second module (`src/more.rs`, see `app::bridge`): its copy of the state and
/// its panels in the first module's slots, once the first has answered.
pub fn run_more() {
    app::panic::install_more();
    start_more(None, std::mem::forget);
}

/// The second module mounted: dropping it stops it (its listeners) but leaves its panels.
pub struct MoreHandle {
    pub app: yew::AppHandle<app::more::More>,
    _listeners: Vec<gloo::events::EventListener>,
}

/// Says the second module is ready and mounts its app when the first answers (in the same
/// wasm instance in the component tests, with the editions the first was given); `done` gets
/// it. It then reads the saved scenarios (`Action::StoreRead`).
pub fn start_more(
    editions: Option<std::rc::Rc<app::state::Editions>>,
    done: impl FnOnce(MoreHandle) + 'static,
) {
    let prelude = app::more::prelude();
    app::bridge::join(&prelude, app::more::slots_changed, move |joined| {
        let state = match app::more::state_from(joined.init, editions) {
            Ok(s) => s,
            Err(e) => {
                gloo::console::error!(format!("ict-more: {e}"));
                return;
            }
        };
        let store = (!state.store_read).then(|| app::storage::load(&state.editions.all_models()));
        let document = gloo::utils::document();
        let Ok(root) = document.create_element("div") else {
            return;
        };
        let _ = root.set_attribute("id", "ict-more");
        let _ = root.set_attribute("hidden", "");
        if let Some(body) = document.body() {
            let _ = body.append_child(&root);
        }
        let app = yew::Renderer::<app::more::More>::with_root_and_props(
            root,
            app::more::MoreProps {
                state: std::rc::Rc::new(std::cell::RefCell::new(Some(state))),
            },
        )
        .render();
        if let Some(report) = store {
            app::bridge::second_dispatcher().dispatch(app::state::Action::StoreRead(report));
        }
        done(MoreHandle {
            app,
            _listeners: joined.listeners,
        });
    });
}
