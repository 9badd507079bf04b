//! Which levers matter: the gain of each indicator at the best province's value and per step,
//! as a chart and a table.

use std::rc::Rc;

use ict_engine::analysis::{Lever, STEP_SHARE};
use ict_engine::numfmt::{format, format_signed};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use yew::prelude::*;

use crate::app::charts::canvas::{Chart, DrawFn};
use crate::app::charts::draw::{self, Bar};
use crate::app::charts::Theme;
use crate::app::hooks::use_app;
use crate::app::i18n_more::MoreMsg;

/// How many levers the chart shows.
const CHART_LEVERS: usize = 10;

// The signature is fixed by `DrawFn<Vec<_>>`.
#[allow(clippy::ptr_arg)]
fn draw_levers(a: &DrawingArea<CanvasBackend, Shift>, d: &Vec<Bar>, t: &Theme) {
    let _ = draw::bars(a, d, true, t);
}

#[derive(Properties, PartialEq)]
pub struct LeversProps {
    /// Computed for the current state (by [`super::hook::use_decision`]).
    pub levers: Rc<Vec<Lever>>,
}

#[component(Levers)]
pub fn levers(props: &LeversProps) -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let defs = model.indicators();
    // Lever indexes are of the current model: the list is memoised by the state's key.
    let rows: Vec<(&ict_engine::methodology::IndicatorDef, &Lever)> = props
        .levers
        .iter()
        .filter_map(|l| defs.get(l.indicator).map(|d| (d, l)))
        .collect();
    let fmt_val = |d: &ict_engine::methodology::IndicatorDef, v: f64| {
        format(v, usize::from(d.decimals), lang)
    };
    let bars: Vec<Bar> = rows
        .iter()
        .take(CHART_LEVERS)
        .map(|(d, l)| Bar {
            label: d.name.get(en).to_string(),
            value: l.gain_to_best,
        })
        .collect();
    let bars_label = bars
        .iter()
        .map(|b| format!("{}: {}", b.label, format_signed(b.value, 4, lang)))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        <>
            <h3>{ MoreMsg::LeversTitle.text(lang) }</h3>
            <figure>
                <figcaption>{ MoreMsg::LeversChart { top: CHART_LEVERS }.text(lang) }</figcaption>
                <Chart<Vec<Bar>> data={bars} draw={draw_levers as DrawFn<Vec<Bar>>} {lang} dark={state.present}
                    label={bars_label} size="chart-l" testid="chart-levers" />
            </figure>
            <div class="table-scroll" tabindex="0" role="region" aria-label={MoreMsg::LeversCaption { step: STEP_SHARE }.text(lang)}>
            <table class="levers" data-testid="lever-table">
                <caption>{ MoreMsg::LeversCaption { step: STEP_SHARE }.text(lang) }</caption>
                <thead><tr>
                    <th scope="col">{ MoreMsg::Indicator.text(lang) }</th>
                    <th scope="col">{ MoreMsg::LeverCurrent.text(lang) }</th>
                    <th scope="col">{ MoreMsg::LeverBest.text(lang) }</th>
                    <th scope="col">{ MoreMsg::LeverGain.text(lang) }</th>
                    <th scope="col">{ MoreMsg::LeverStep { step: STEP_SHARE }.text(lang) }</th>
                    <th scope="col">{ MoreMsg::LeverRank.text(lang) }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|(d, l)| html! {
                        <tr data-indicator={d.id.clone()}>
                            <th scope="row">{ d.name.get(en) }</th>
                            <td>{ fmt_val(d, l.current) }</td>
                            <td>{ fmt_val(d, l.best_value) }</td>
                            <td data-gain={l.gain_to_best.to_string()}>{ format_signed(l.gain_to_best, 4, lang) }</td>
                            <td>{ format_signed(l.gain_per_step, 4, lang) }</td>
                            <td>{ l.rank_if_best }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
        </>
    }
}
