//! Compare the current scenario with up to three saved ones: index, rank, every pillar and
//! sub-pillar, the indicator values that differ, and a chart of the index.

use ict_engine::numfmt::format;
use ict_engine::{Model, Results};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use yew::prelude::*;

use crate::app::charts::canvas::{Chart, DrawFn};
use crate::app::charts::draw::{self, Bar};
use crate::app::charts::Theme;
use crate::app::hooks::use_app;
use crate::app::i18n_more::MoreMsg;

// The signature is fixed by `DrawFn<Vec<_>>`.
#[allow(clippy::ptr_arg)]
fn draw_bars(a: &DrawingArea<CanvasBackend, Shift>, d: &Vec<Bar>, t: &Theme) {
    let _ = draw::bars(a, d, false, t);
}

/// One column of the comparison.
struct Column {
    name: String,
    model: Rc<Model>,
    province: String,
    results: Option<Results>,
    values: Option<Vec<f64>>,
}

#[component(ComparePanel)]
pub fn compare_panel() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    if state.compare.is_empty() {
        return html! {};
    }
    let lang = state.lang;
    let en = lang.is_en();
    let mut columns = vec![Column {
        name: MoreMsg::Current.text(lang).to_string(),
        model: state.model().clone(),
        province: state.province.clone(),
        results: Some((*state.current).clone()),
        values: state.model().apply(&state.scenario()).ok(),
    }];
    for id in &state.compare {
        if let Some(s) = state.saved.iter().find(|x| &x.id == id) {
            let Some(model) = state.model_in(&s.file.provinces, s.file.year).cloned() else {
                continue;
            };
            columns.push(Column {
                name: s.file.name.clone(),
                results: model.evaluate(&s.file.scenario).ok(),
                values: model.apply(&s.file.scenario).ok(),
                province: s.file.province.clone(),
                model,
            });
        }
    }
    let model = state.model().clone();
    let cell = |c: &Column, node_id: &str| -> (Option<f64>, Option<u32>) {
        let (Some(r), Some(n), Some(p)) = (
            c.results.as_ref(),
            c.model.node_index(node_id),
            c.model.province_index(&c.province),
        ) else {
            return (None, None);
        };
        (Some(r.score(n, p)), Some(r.rank(n, p)))
    };
    // The index, then every node below it in tree order.
    let node_ids: Vec<String> = model
        .tree_order()
        .iter()
        .map(|&n| model.nodes()[n].id.clone())
        .collect();
    // Indicator values that differ between the columns (each column's own province).
    let differing: Vec<(String, String, Vec<Option<f64>>)> = model
        .indicators()
        .iter()
        .filter_map(|def| {
            let vals: Vec<Option<f64>> = columns
                .iter()
                .map(|c| {
                    let i = c.model.indicator_index(&def.id)?;
                    let p = c.model.province_index(&c.province)?;
                    c.values
                        .as_ref()
                        .map(|v| v[i * c.model.province_count() + p])
                })
                .collect();
            let first = vals.first().copied().flatten();
            vals.iter()
                .any(|v| *v != first)
                .then(|| (def.id.clone(), def.name.get(en).to_string(), vals))
        })
        .collect();
    let bars: Vec<Bar> = columns
        .iter()
        .filter_map(|c| {
            cell(c, node_ids.first()?).0.map(|v| Bar {
                label: c.name.clone(),
                value: v,
            })
        })
        .collect();
    let chart_label = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, format(b.value, 4, lang)))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        <section class="compare" aria-labelledby="compare-title" data-testid="compare">
            <h2 id="compare-title">{ MoreMsg::CompareTitle.text(lang) }</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label={MoreMsg::CompareTitle.text(lang)}>
            <table class="compare-table">
                <thead>
                    <tr>
                        <th scope="col">{ "" }</th>
                        { for columns.iter().map(|c| html! { <th scope="col">{ c.name.clone() }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for node_ids.iter().map(|id| {
                        let name = model.node_index(id).map(|n| model.nodes()[n].name.get(en).to_string()).unwrap_or_default();
                        html! {
                            <tr data-node={id.clone()}>
                                <th scope="row">{ name }</th>
                                { for columns.iter().map(|c| {
                                    let (score, rank) = cell(c, id);
                                    html! { <td>{ score.map(|s| format(s, 4, lang)).unwrap_or_else(|| "–".into()) }{ rank.map(|r| format!(" ({r})")).unwrap_or_default() }</td> }
                                }) }
                            </tr>
                        }
                    }) }
                    { for differing.iter().map(|(id, name, vals)| {
                        let dec = model.indicator_index(id).map(|i| usize::from(model.indicators()[i].decimals)).unwrap_or(2);
                        html! {
                            <tr class="indicator-diff" data-indicator-row={id.clone()}>
                                <th scope="row">{ name.clone() }</th>
                                { for vals.iter().map(|v| html! { <td>{ v.map(|x| format(x, dec, lang)).unwrap_or_else(|| "–".into()) }</td> }) }
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <figure>
                <figcaption>{ MoreMsg::CompareChart.text(lang) }</figcaption>
                <Chart<Vec<Bar>> data={bars} draw={draw_bars as DrawFn<Vec<Bar>>} {lang} dark={state.present}
                    label={chart_label} size="chart-s" testid="chart-compare" />
            </figure>
        </section>
    }
}
