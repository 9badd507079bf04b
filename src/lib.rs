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
                // The quick editor's last edit goes into the address, which the app reads as
                // it starts, and the quick editor stops (`ict_early`).
                flush_quick_editor();
                app::anchor::take(&pre);
                pre.remove();
            }
            yew::Renderer::<app::App>::new().render();
            app::anchor::carry();
        }
    }
}

/// Calls `ictEarlyFlush()`, which the page's loader defines once the quick editor runs.
fn flush_quick_editor() {
    use wasm_bindgen::JsCast;
    let window = gloo::utils::window();
    if let Ok(f) = js_sys::Reflect::get(&window, &"ictEarlyFlush".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(&window);
        }
    }
}
