//! The map panel: a choropleth of the provinces coloured by the scenario's score or by the change
//! in rank against the baseline. Its geometry is fetched only when the panel first comes near the
//! viewport. Clicking or tapping a province selects it (the province select follows); hovering
//! it, or a tap, shows its name, score and rank (keyboard users have the same in the text
//! alternative and the province select).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlSelectElement};
use yew::prelude::*;

use super::canvas::{Chart, DrawFn};
use super::map::{self, Cell, GeoRef, Layout, MapData, Measure};
use super::Theme;
use crate::app::geo;
use crate::app::hooks::use_app;
use crate::app::i18n_more::MoreMsg;
use crate::app::state::Action;
use crate::app::view::{provenance_word, shown_score_provenance};

/// The geometry: not asked for yet, on its way, here, or failed (the message in both languages).
#[derive(Clone, PartialEq)]
enum Load {
    Waiting,
    Loading,
    Ready(GeoRef),
    Failed(ict_engine::Text),
}

impl Load {
    /// The panel's `data-geo` attribute.
    fn name(&self) -> &'static str {
        match self {
            Load::Waiting => "waiting",
            Load::Loading => "loading",
            Load::Ready(_) => "ready",
            Load::Failed(_) => "failed",
        }
    }
}

fn draw_map(a: &DrawingArea<CanvasBackend, Shift>, d: &MapData, t: &Theme) {
    let _ = map::map(a, d, t);
}

/// How far below the viewport the map starts loading (CSS pixels).
const NEAR: &str = "400px";

/// True once the element has come within [`NEAR`] of the viewport (and from then on).
#[hook]
fn use_near_viewport(node: &NodeRef) -> bool {
    let near = use_state(|| false);
    {
        let (node, near) = (node.clone(), near.clone());
        use_effect_with((), move |_| {
            let seen = near.clone();
            let on_change = wasm_bindgen::closure::Closure::<
                dyn FnMut(js_sys::Array, web_sys::IntersectionObserver),
            >::new(
                move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                    let close = entries.iter().any(|e| {
                        e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                            .is_intersecting()
                    });
                    if close {
                        seen.set(true);
                        observer.disconnect();
                    }
                },
            );
            let init = web_sys::IntersectionObserverInit::new();
            init.set_root_margin(NEAR);
            let observer = web_sys::IntersectionObserver::new_with_options(
                on_change.as_ref().unchecked_ref(),
                &init,
            )
            .ok();
            match (&observer, node.cast::<web_sys::Element>()) {
                (Some(o), Some(el)) => o.observe(&el),
                // No observer in this browser: load at once.
                _ => near.set(true),
            }
            move || {
                if let Some(o) = &observer {
                    o.disconnect();
                }
                drop(on_change);
            }
        });
    }
    *near
}

/// The province (index in `model`) a shape of the 63 stands for: itself, or in a derived set
/// (the 34 units of 2025) the unit that took it over, whose shapes are drawn as one.
fn unit_of(model: &ict_engine::Model, shape: &str) -> Option<usize> {
    match model.derivation() {
        Some(d) => model.province_index(&d.set.unit_of(shape)?.id),
        None => model.province_index(shape),
    }
}

#[derive(Properties, PartialEq)]
pub struct MapPanelProps {
    /// In the stage's chart slot (presentation mode, the embedded layout): it fills the slot,
    /// its title read by screen readers only.
    #[prop_or_default]
    pub stage: bool,
}

#[component(MapPanel)]
pub fn map_panel(props: &MapPanelProps) -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let node = use_node_ref();
    let tip_node = use_node_ref();
    let near = use_near_viewport(&node);
    let load = use_state(|| Load::Waiting);
    let measure = use_state(|| Measure::Score);
    // The province under the pointer (index of its shape), if any.
    let tip = use_state(|| None::<usize>);
    {
        let load = load.clone();
        use_effect_with(near, move |near| {
            if *near && *load == Load::Waiting {
                load.set(Load::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    load.set(match geo::load().await {
                        Ok(g) => Load::Ready(GeoRef(g)),
                        Err(t) => Load::Failed(t),
                    });
                });
            }
        });
    }

    let model = state.model().clone();
    let (cur, base) = (state.current.clone(), state.baseline().clone());
    let root = model.root();
    let n = model.province_count();
    let name = |q: usize| model.provinces()[q].name.get(en).to_string();
    let geo = match &*load {
        Load::Ready(g) => Some(g.clone()),
        _ => None,
    };
    let units: Vec<Option<usize>> = geo
        .as_ref()
        .map(|g| g.0.shapes.iter().map(|s| unit_of(&model, &s.id)).collect())
        .unwrap_or_default();
    let p = state.p();
    let cells: Vec<Option<Cell>> = units
        .iter()
        .map(|u| {
            u.map(|q| Cell {
                score: cur.score(root, q),
                rank: cur.rank(root, q),
                base_rank: base.rank(root, q),
            })
        })
        .collect();
    // Shapes of one unit share its province index (shapes with none stand alone).
    let groups: Vec<usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| u.unwrap_or(n + i))
        .collect();
    // The scale spans the baseline's and the scenario's scores, rounded out to 0.05.
    let (lo, hi) = (0..n)
        .flat_map(|q| [cur.score(root, q), base.score(root, q)])
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    let domain = if lo < hi {
        ((lo * 20.0).floor() / 20.0, (hi * 20.0).ceil() / 20.0)
    } else {
        (0.0, 1.0)
    };
    let data = MapData {
        selected: units.iter().position(|u| *u == Some(p)),
        groups,
        geo: geo.clone(),
        message: match &*load {
            Load::Failed(t) => t.get(en).to_string(),
            _ => MoreMsg::MapLoading.text(lang).into_owned(),
        },
        measure: *measure,
        cells,
        domain,
    };

    // The text alternative: first and last (or who moved most), the selected province, the
    // archipelagos.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        cur.score(root, b)
            .total_cmp(&cur.score(root, a))
            .then(a.cmp(&b))
    });
    let summary = match (*measure, order.first(), order.last()) {
        (Measure::Score, Some(&top), Some(&bottom)) => MoreMsg::MapAltScore {
            top: name(top),
            top_score: cur.score(root, top),
            bottom: name(bottom),
            bottom_score: cur.score(root, bottom),
        },
        _ => {
            let moved = |up: bool| {
                (0..n)
                    .map(|q| {
                        let (b, r) = (base.rank(root, q), cur.rank(root, q));
                        (
                            q,
                            if up {
                                b.saturating_sub(r)
                            } else {
                                r.saturating_sub(b)
                            },
                        )
                    })
                    .filter(|&(_, d)| d > 0)
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(q, d)| (name(q), d))
            };
            MoreMsg::MapAltChange {
                rose: moved(true),
                fell: moved(false),
            }
        }
    };
    let label = format!(
        "{} {} {}",
        summary.text(lang),
        MoreMsg::MapAltSelected {
            name: name(p),
            score: cur.score(root, p),
            rank: cur.rank(root, p),
            of: n,
        }
        .text(lang),
        MoreMsg::MapAltIslands.text(lang)
    );

    // Pointer: the province under it (through the inset where it covers the map).
    let locate = {
        let geo = geo.clone();
        move |e: &MouseEvent| -> Option<(usize, f64, f64, HtmlCanvasElement)> {
            let g = geo.as_ref()?;
            let canvas: HtmlCanvasElement = e.target()?.dyn_into().ok()?;
            let layout = Layout::fit(
                &g.0,
                f64::from(canvas.client_width()),
                f64::from(canvas.client_height()),
            );
            let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
            map::hit(&g.0, &layout, (x, y)).map(|i| (i, x, y, canvas))
        }
    };
    // The tip is placed through the style object (the Content-Security-Policy forbids style
    // attributes).
    let place_tip = {
        let tip_node = tip_node.clone();
        move |x: f64, y: f64, canvas: &HtmlCanvasElement| {
            if let Some(el) = tip_node.cast::<HtmlElement>() {
                let style = el.style();
                let left = f64::from(canvas.offset_left()) + x;
                let top = f64::from(canvas.offset_top()) + y;
                let _ = style.set_property("left", &format!("{left}px"));
                let _ = style.set_property("top", &format!("{top}px"));
            }
        }
    };
    let on_move = {
        let (tip, locate, place_tip) = (tip.clone(), locate.clone(), place_tip.clone());
        Callback::from(move |e: MouseEvent| {
            let found = locate(&e);
            if let Some((_, x, y, canvas)) = &found {
                place_tip(*x, *y, canvas);
            }
            let now = found.map(|f| f.0);
            if *tip != now {
                tip.set(now);
            }
        })
    };
    let on_leave = {
        let tip = tip.clone();
        Callback::from(move |_: MouseEvent| tip.set(None))
    };
    let on_click = {
        let (tip, state, geo, model) = (tip.clone(), state.clone(), geo.clone(), model.clone());
        Callback::from(move |e: MouseEvent| {
            // A tap on the sea hides the tip (touch screens have no pointer leaving the map).
            let (Some((i, x, y, canvas)), Some(g)) = (locate(&e), geo.as_ref()) else {
                tip.set(None);
                return;
            };
            place_tip(x, y, &canvas);
            tip.set(Some(i));
            if let Some(q) = unit_of(&model, &g.0.shapes[i].id) {
                state.dispatch(Action::SetProvince(model.provinces()[q].id.clone()));
            }
        })
    };
    let on_measure = {
        let measure = measure.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(m) = Measure::from_id(&value) {
                measure.set(m);
            }
        })
    };
    let tip_text = (*tip).and_then(|i| *units.get(i)?).map(|q| {
        let prov = shown_score_provenance(&model, &cur, &base, root, q);
        MoreMsg::MapTip {
            name: name(q),
            score: cur.score(root, q),
            kind: provenance_word(&prov, lang),
            rank: cur.rank(root, q),
            of: n,
            base_rank: base.rank(root, q),
        }
        .text(lang)
        .into_owned()
    });
    let options = [
        (Measure::Score, MoreMsg::MapMeasureScore),
        (Measure::Change, MoreMsg::MapMeasureChange),
    ];
    html! {
        <section class={classes!("map", props.stage.then_some("on-stage"))} aria-labelledby="map-title" ref={node} data-geo={load.name()}>
            <h2 id="map-title" class={props.stage.then_some("sr-only")}>{ MoreMsg::MapTitle.text(lang) }</h2>
            <p class="map-controls">
                <label for="map-measure">{ MoreMsg::MapMeasure.text(lang) }</label>
                <select id="map-measure" data-testid="map-measure" onchange={on_measure}>
                    { for options.into_iter().map(|(m, text)| html! {
                        <option value={m.id()} selected={*measure == m}>{ text.text(lang) }</option>
                    }) }
                </select>
            </p>
            <figure>
                <figcaption>{ MoreMsg::MapCaption.text(lang) }</figcaption>
                <div class="map-wrap" onclick={on_click} onmousemove={on_move} onmouseleave={on_leave}>
                    <Chart<MapData> {data} draw={draw_map as DrawFn<MapData>} {lang} dark={state.present}
                        {label} size="chart-map" testid="chart-map" />
                    <div class="map-tip" ref={tip_node} aria-hidden="true" hidden={tip_text.is_none()}>
                        { tip_text.unwrap_or_default() }
                    </div>
                </div>
            </figure>
            if let Load::Failed(t) = &*load {
                <p class="error" role="alert" data-testid="map-error">{ t.get(en) }</p>
            }
        </section>
    }
}
