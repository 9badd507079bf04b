//! A canvas that draws a chart: backing store sized by devicePixelRatio (crisp on HiDPI and
//! projectors), redrawn when its data, language, mode or the window size change — just before
//! the next frame if it is on screen, else when it comes into view (or before printing).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::Theme;
use crate::app::i18n::Lang;
use crate::app::i18n_more::MoreMsg;

/// Draws `data` on the whole area.
pub type DrawFn<D> = fn(&DrawingArea<CanvasBackend, Shift>, &D, &Theme);

#[derive(Properties)]
pub struct ChartProps<D: PartialEq + Clone + 'static> {
    pub data: D,
    pub draw: DrawFn<D>,
    pub lang: Lang,
    pub dark: bool,
    /// Text alternative: what the chart shows, in words and numbers.
    pub label: AttrValue,
    /// CSS class setting the height (`chart-s`, `chart-m`, `chart-l`).
    #[prop_or(AttrValue::from("chart-m"))]
    pub size: AttrValue,
    pub testid: AttrValue,
}

/// A chart's drawing function never changes, so it takes no part in deciding to redraw
/// (function pointers have no meaningful equality).
impl<D: PartialEq + Clone + 'static> PartialEq for ChartProps<D> {
    fn eq(&self, o: &Self) -> bool {
        self.data == o.data
            && self.lang == o.lang
            && self.dark == o.dark
            && self.label == o.label
            && self.size == o.size
            && self.testid == o.testid
    }
}

/// What a chart draws now; the observer and the print and PNG handlers read it.
struct Pending<D> {
    data: D,
    draw: DrawFn<D>,
    dark: bool,
    lang: Lang,
    /// Changed since it was last drawn.
    dirty: bool,
    /// In (or near) the viewport, as the IntersectionObserver last said.
    visible: bool,
}

type Shared<D> = std::rc::Rc<std::cell::RefCell<Option<Pending<D>>>>;

/// Draws the pending chart if it changed since it was last drawn; `force`: even when off screen.
fn flush<D>(node: &NodeRef, shared: &Shared<D>, force: bool) {
    let mut slot = shared.borrow_mut();
    let Some(p) = slot.as_mut() else { return };
    if !p.dirty || !(p.visible || force) {
        return;
    }
    if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
        // On paper, always the light theme (presentation mode is dark on screen).
        let printing = gloo::utils::window()
            .match_media("print")
            .ok()
            .flatten()
            .is_some_and(|q| q.matches());
        paint(canvas.clone(), &p.data, p.draw, p.dark && !printing, p.lang);
        p.dirty = false;
        // How many times it was drawn: lets tests and the timing script see a redraw.
        let n = canvas
            .get_attribute("data-draws")
            .and_then(|s| s.parse::<u32>().ok())
            .unwrap_or(0);
        let _ = canvas.set_attribute("data-draws", &(n + 1).to_string());
    }
}

/// Watches whether the canvas is on screen (with a margin), drawing it when it comes into view
/// with changes; and draws every changed chart before printing.
#[hook]
fn use_visibility<D: 'static>(node: &NodeRef, shared: &Shared<D>) {
    let (node, shared) = (node.clone(), shared.clone());
    use_effect_with((), move |_| {
        let observer = {
            let (seen, shared) = (node.clone(), shared.clone());
            let on_change = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
                move |entries: js_sys::Array| {
                    // The last report of a batch is the current state.
                    let Some(last) = entries.iter().last() else {
                        return;
                    };
                    let visible = last
                        .unchecked_into::<web_sys::IntersectionObserverEntry>()
                        .is_intersecting();
                    if let Some(p) = shared.borrow_mut().as_mut() {
                        p.visible = visible;
                    }
                    flush(&seen, &shared, false);
                },
            );
            let init = web_sys::IntersectionObserverInit::new();
            init.set_root_margin("200px");
            let observer = web_sys::IntersectionObserver::new_with_options(
                on_change.as_ref().unchecked_ref(),
                &init,
            )
            .ok();
            if let (Some(o), Some(el)) = (&observer, node.cast::<web_sys::Element>()) {
                o.observe(&el);
            }
            (observer, on_change)
        };
        let before_print = {
            let (node, shared) = (node.clone(), shared.clone());
            gloo::events::EventListener::new(&gloo::utils::window(), "beforeprint", move |_| {
                flush(&node, &shared, true)
            })
        };
        // Back on screen after printing: drawn again at screen size (should a browser not
        // report the end of the print layout as a media change).
        let after_print = {
            let (node, shared) = (node.clone(), shared.clone());
            gloo::events::EventListener::new(&gloo::utils::window(), "afterprint", move |_| {
                if let Some(p) = shared.borrow_mut().as_mut() {
                    p.dirty = true;
                }
                flush(&node, &shared, false)
            })
        };
        // When the print layout applies (print preview, printing), every chart is drawn again
        // at its printed size, so that its text stays legible on paper; and back after.
        let print_layout = gloo::utils::window()
            .match_media("print")
            .ok()
            .flatten()
            .map(|query| {
                let (node, shared) = (node.clone(), shared.clone());
                let target: web_sys::EventTarget = query.clone().into();
                gloo::events::EventListener::new(&target, "change", move |_| {
                    if let Some(p) = shared.borrow_mut().as_mut() {
                        p.dirty = true;
                    }
                    flush(&node, &shared, query.matches());
                })
            });
        move || {
            if let Some(o) = &observer.0 {
                o.disconnect();
            }
            drop(observer);
            drop(before_print);
            drop(after_print);
            drop(print_layout);
        }
    });
}

#[component(Chart)]
pub fn chart<D: PartialEq + Clone + 'static>(props: &ChartProps<D>) -> Html {
    let node = use_node_ref();
    let resized = use_force_update();
    let shared: Shared<D> = use_mut_ref(|| None::<Pending<D>>);
    {
        // Redrawn after a resize only when the canvas's own size changed (mobile browsers send
        // resize events while scrolling, as the address bar hides and shows).
        let node = node.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                    if let Some(c) = node.cast::<HtmlCanvasElement>() {
                        if backing_size(&c).1 != (c.width(), c.height()) {
                            resized.force_update();
                        }
                    }
                });
            move || drop(listener)
        });
    }
    use_visibility(&node, &shared);
    {
        let (node, shared) = (node.clone(), shared.clone());
        let (data, draw, lang, dark) = (props.data.clone(), props.draw, props.lang, props.dark);
        // After every render whose inputs changed (and after a resize re-render): drawn just
        // before the next frame, with the new score, when on screen; off screen, when it comes
        // into view (or before printing, or for a PNG).
        use_effect(move || {
            let visible = shared.borrow().as_ref().is_none_or(|p| p.visible);
            *shared.borrow_mut() = Some(Pending {
                data,
                draw,
                dark,
                lang,
                dirty: true,
                visible,
            });
            let frame =
                gloo::render::request_animation_frame(move |_| flush(&node, &shared, false));
            move || drop(frame)
        });
    }
    let on_png = {
        let (node, shared, name) = (node.clone(), shared.clone(), props.testid.to_string());
        Callback::from(move |_| {
            flush(&node, &shared, true);
            if let Some(url) = node
                .cast::<HtmlCanvasElement>()
                .and_then(|c| c.to_data_url().ok())
            {
                crate::app::download::click_link(&format!("ict-index-{name}.png"), &url);
            }
        })
    };
    html! {
        <>
            <canvas ref={node} class={classes!("chart", props.size.to_string())} role="img"
                aria-label={props.label.clone()} data-testid={props.testid.clone()}>
                { props.label.clone() }
            </canvas>
            <button type="button" class="png" onclick={on_png} data-png={props.testid.clone()}>
                { MoreMsg::SavePng.text(props.lang) }
            </button>
        </>
    }
}

/// The screen's pixel ratio and the backing-store size the canvas should have for it (its CSS
/// size × the ratio, at least 1 × 1).
fn backing_size(canvas: &HtmlCanvasElement) -> (f64, (u32, u32)) {
    let dpr = gloo::utils::window().device_pixel_ratio().max(1.0);
    let (w, h) = (canvas.client_width().max(1), canvas.client_height().max(1));
    (
        dpr,
        (
            (f64::from(w) * dpr).round() as u32,
            (f64::from(h) * dpr).round() as u32,
        ),
    )
}

/// Sizes the canvas backing store for the screen's pixel ratio and draws.
fn paint<D>(canvas: HtmlCanvasElement, data: &D, draw: DrawFn<D>, dark: bool, lang: Lang) {
    let (dpr, (bw, bh)) = backing_size(&canvas);
    if canvas.width() != bw || canvas.height() != bh {
        canvas.set_width(bw);
        canvas.set_height(bh);
    }
    if let Some(backend) = CanvasBackend::with_canvas_object(canvas) {
        let area = backend.into_drawing_area();
        let scale = dpr * if dark { 1.3 } else { 1.0 };
        draw(&area, data, &Theme { scale, dark, lang });
        let _ = area.present();
    }
}
