//! A canvas that draws a chart: backing store sized by devicePixelRatio (crisp on HiDPI and
//! projectors), redrawn when its data, language, mode or the window size change.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::Theme;
use crate::app::i18n::Lang;

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

#[component(Chart)]
pub fn chart<D: PartialEq + Clone + 'static>(props: &ChartProps<D>) -> Html {
    let node = use_node_ref();
    let resized = use_force_update();
    use_effect_with((), move |_| {
        let listener =
            gloo::events::EventListener::new(&gloo::utils::window(), "resize", move |_| {
                resized.force_update()
            });
        move || drop(listener)
    });
    {
        let node = node.clone();
        let (data, draw, lang, dark) = (props.data.clone(), props.draw, props.lang, props.dark);
        // Redraw after every render whose inputs changed (and after a resize re-render), in a
        // task of its own: the new score is painted first, the chart a moment later.
        use_effect(move || {
            let timer = gloo::timers::callback::Timeout::new(0, move || {
                if let Some(canvas) = node.cast::<HtmlCanvasElement>() {
                    paint(canvas, &data, draw, dark, lang);
                }
            });
            move || drop(timer)
        });
    }
    let on_png = {
        let (node, name) = (node.clone(), props.testid.to_string());
        Callback::from(move |_| {
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
                { if props.lang.is_en() { "Save as PNG" } else { "Lưu ảnh PNG" } }
            </button>
        </>
    }
}

/// Sizes the canvas backing store for the screen's pixel ratio and draws.
fn paint<D>(canvas: HtmlCanvasElement, data: &D, draw: DrawFn<D>, dark: bool, lang: Lang) {
    let dpr = gloo::utils::window().device_pixel_ratio().max(1.0);
    let (w, h) = (canvas.client_width().max(1), canvas.client_height().max(1));
    let (bw, bh) = (
        (f64::from(w) * dpr).round() as u32,
        (f64::from(h) * dpr).round() as u32,
    );
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
