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
            yew::Renderer::<app::App>::new().render();
            app::anchor::carry();
        }
    }
}

/// Starts the app's second module (`src/more.rs`, see `app::bridge`): its copy of the state and
/// its panels in the first module's slots. Nothing happens without a first module on the page.
pub fn run_more() {
    app::panic::install();
    if let Some(more) = mount_more(None) {
        // For the page's life.
        std::mem::forget(more);
    }
}

/// The second module mounted: dropping it stops it (its listeners) but leaves its panels.
pub struct MoreHandle {
    pub app: yew::AppHandle<app::more::More>,
    _listeners: Vec<gloo::events::EventListener>,
}

/// Mounts the second module's app beside the first module's (in the same wasm instance in the
/// component tests, with the editions the first was given); `None` without a first module.
pub fn mount_more(editions: Option<std::rc::Rc<app::state::Editions>>) -> Option<MoreHandle> {
    let joined = app::bridge::join(app::more::slots_changed)?;
    let state = match app::more::state_from(joined.init, editions) {
        Ok(s) => s,
        Err(e) => {
            gloo::console::error!(format!("ict-more: {e}"));
            return None;
        }
    };
    let document = gloo::utils::document();
    let root = document.create_element("div").ok()?;
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
    Some(MoreHandle {
        app,
        _listeners: joined.listeners,
    })
}
