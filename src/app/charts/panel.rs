//! The charts under the results: baseline vs scenario, all provinces, contributions of each
//! change, history. Each has a caption and a text alternative.

use ict_engine::numfmt::{format, format_signed};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use yew::prelude::*;

use super::canvas::Chart;
use super::draw::{self, PairRow, Point, Step};
use super::ranking_chart::RankingChart;
use super::Theme;
use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::i18n_more::MoreMsg;
use crate::app::state::answers;

type Area = DrawingArea<CanvasBackend, Shift>;

// The signature is fixed by `DrawFn<Vec<_>>`.
#[allow(clippy::ptr_arg)]
fn draw_pairs(a: &Area, d: &Vec<PairRow>, t: &Theme) {
    let _ = draw::pairs(a, d, t);
}
fn draw_waterfall(a: &Area, d: &(f64, Vec<Step>), t: &Theme) {
    let _ = draw::waterfall(a, d.0, &d.1, t);
}
// The signature is fixed by `DrawFn<Vec<_>>`.
#[allow(clippy::ptr_arg)]
fn draw_history(a: &Area, d: &Vec<Point>, t: &Theme) {
    let _ = draw::history(a, d, t);
}

#[derive(Properties, PartialEq)]
pub struct ChartsPanelProps {
    /// The stage (presentation mode, the embedded layout) shows the ranking chart.
    #[prop_or_default]
    pub staged: bool,
}

#[component(ChartsPanel)]
pub fn charts_panel(props: &ChartsPanelProps) -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let dark = state.present;
    let model = state.model().clone();
    let (cur, base) = (state.current.clone(), state.baseline().clone());
    let p = state.p();
    let root = model.root();

    // 1. Baseline vs scenario, every node below the index in tree order.
    let pairs: Vec<PairRow> = model.tree_order()[1..]
        .iter()
        .map(|&k| PairRow {
            label: model.nodes()[k].name.get(en).to_string(),
            base: base.score(k, p),
            scenario: cur.score(k, p),
            level: model.depth(k).saturating_sub(1),
        })
        .collect();
    let pairs_label = pairs
        .iter()
        .map(|r| {
            format!(
                "{}: {} → {}",
                r.label,
                format(r.base, 4, lang),
                format(r.scenario, 4, lang)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");

    // 2. Every province, ranked by the scenario: its own component (the stage shows it too).

    // 3. Contribution of each changed indicator: applied one after another, in editor order;
    // memoised by everything it depends on (and the language of its labels).
    let waterfall = {
        let s = state.clone();
        use_memo((state.answer_key(), lang), move |(_, lang)| {
            let model = s.model();
            let (start, steps) = answers::waterfall(&s);
            let steps = steps
                .into_iter()
                .map(|(id, delta)| Step {
                    label: match id.as_deref().and_then(|id| model.indicator_index(id)) {
                        Some(i) => model.indicators()[i].name.get(lang.is_en()).to_string(),
                        None => MoreMsg::OtherProvinces.text(*lang).into_owned(),
                    },
                    delta,
                })
                .collect::<Vec<_>>();
            (start, steps)
        })
    };
    let waterfall_label = waterfall
        .1
        .iter()
        .map(|s| format!("{}: {}", s.label, format_signed(s.delta, 4, lang)))
        .collect::<Vec<_>>()
        .join("; ");

    // 4. History: the province's index in every edition, then the scenario.
    let mut history: Vec<Point> = state
        .editions
        .models_in(&state.set)
        .iter()
        .zip(state.editions.baselines_in(&state.set))
        .rev()
        .filter_map(|(m, b)| {
            let q = m.province_index(&state.province)?;
            Some(Point {
                label: m.year().to_string(),
                score: b.score(m.root(), q),
                rank: b.rank(m.root(), q),
            })
        })
        .collect();
    history.push(Point {
        label: format!("{} {}", Msg::Scenario.text(lang), state.year),
        score: cur.score(root, p),
        rank: cur.rank(root, p),
    });
    let history_label = history
        .iter()
        .map(|h| {
            format!(
                "{}: {} ({} {})",
                h.label,
                format(h.score, 4, lang),
                Msg::Rank.text(lang),
                h.rank
            )
        })
        .collect::<Vec<_>>()
        .join("; ");

    html! {
        <section class="charts" aria-labelledby="charts-title">
            <h2 id="charts-title">{ MoreMsg::Charts.text(lang) }</h2>
            <figure>
                <figcaption>{ MoreMsg::ChartPairs.text(lang) }</figcaption>
                <Chart<Vec<PairRow>> data={pairs} draw={draw_pairs as super::canvas::DrawFn<Vec<PairRow>>} {lang} {dark}
                    label={pairs_label} size="chart-l" testid="chart-pillars" />
            </figure>
            // On the stage when there is one.
            if !props.staged {
                <RankingChart />
            }
            <figure>
                <figcaption>{ MoreMsg::ChartWaterfall.text(lang) }</figcaption>
                <Chart<(f64, Vec<Step>)> data={(*waterfall).clone()} draw={draw_waterfall as super::canvas::DrawFn<(f64, Vec<Step>)>} {lang} {dark}
                    label={if waterfall_label.is_empty() { MoreMsg::ChartNone.text(lang).to_string() } else { waterfall_label }} size="chart-m" testid="chart-waterfall" />
            </figure>
            <figure>
                <figcaption>{ MoreMsg::ChartHistory.text(lang) }</figcaption>
                <Chart<Vec<Point>> data={history} draw={draw_history as super::canvas::DrawFn<Vec<Point>>} {lang} {dark}
                    label={history_label} size="chart-s" testid="chart-history" />
            </figure>
        </section>
    }
}
