//! The charts under the results: baseline vs scenario, all provinces, contributions of each
//! change, history. Each has a caption and a text alternative.

use ict_engine::numfmt::{format, format_signed};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use yew::prelude::*;

use super::canvas::Chart;
use super::draw::{self, PairRow, Point, RankedBar, Step};
use super::Theme;
use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::state::answers;

type Area = DrawingArea<CanvasBackend, Shift>;

// The signature is fixed by `DrawFn<Vec<_>>`.
#[allow(clippy::ptr_arg)]
fn draw_pairs(a: &Area, d: &Vec<PairRow>, t: &Theme) {
    let _ = draw::pairs(a, d, t);
}
// The signature is fixed by `DrawFn<Vec<_>>`.
#[allow(clippy::ptr_arg)]
fn draw_ranked(a: &Area, d: &Vec<RankedBar>, t: &Theme) {
    let _ = draw::ranked(a, d, t);
}
fn draw_waterfall(a: &Area, d: &(f64, Vec<Step>), t: &Theme) {
    let _ = draw::waterfall(a, d.0, &d.1, t);
}
// The signature is fixed by `DrawFn<Vec<_>>`.
#[allow(clippy::ptr_arg)]
fn draw_history(a: &Area, d: &Vec<Point>, t: &Theme) {
    let _ = draw::history(a, d, t);
}

#[component(ChartsPanel)]
pub fn charts_panel() -> Html {
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
    let n = model.province_count();
    let name = model.provinces()[p].name.get(en).to_string();

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

    // 2. Every province, ranked by the scenario.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        cur.score(root, b)
            .total_cmp(&cur.score(root, a))
            .then(a.cmp(&b))
    });
    let ranked: Vec<RankedBar> = order
        .iter()
        .map(|&q| RankedBar {
            label: model.provinces()[q].name.get(en).to_string(),
            score: cur.score(root, q),
            base: base.score(root, q),
            selected: q == p,
        })
        .collect();
    let ranked_label = format!(
        "{name}: {} {}/{n}, {} {}; {}: {} {}",
        Msg::Rank.text(lang),
        cur.rank(root, p),
        Msg::Score.text(lang),
        format(cur.score(root, p), 4, lang),
        Msg::ChartTop.text(lang),
        ranked.first().map(|b| b.label.clone()).unwrap_or_default(),
        ranked
            .first()
            .map(|b| format(b.score, 4, lang))
            .unwrap_or_default(),
    );

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
                        None => Msg::OtherProvinces.text(*lang).into_owned(),
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
            <h2 id="charts-title">{ Msg::Charts.text(lang) }</h2>
            <figure>
                <figcaption>{ Msg::ChartPairs.text(lang) }</figcaption>
                <Chart<Vec<PairRow>> data={pairs} draw={draw_pairs as super::canvas::DrawFn<Vec<PairRow>>} {lang} {dark}
                    label={pairs_label} size="chart-l" testid="chart-pillars" />
            </figure>
            <figure>
                <figcaption>{ Msg::ChartRanked.text(lang) }</figcaption>
                <Chart<Vec<RankedBar>> data={ranked} draw={draw_ranked as super::canvas::DrawFn<Vec<RankedBar>>} {lang} {dark}
                    label={ranked_label} size="chart-m" testid="chart-ranking" />
            </figure>
            <figure>
                <figcaption>{ Msg::ChartWaterfall.text(lang) }</figcaption>
                <Chart<(f64, Vec<Step>)> data={(*waterfall).clone()} draw={draw_waterfall as super::canvas::DrawFn<(f64, Vec<Step>)>} {lang} {dark}
                    label={if waterfall_label.is_empty() { Msg::ChartNone.text(lang).to_string() } else { waterfall_label }} size="chart-m" testid="chart-waterfall" />
            </figure>
            <figure>
                <figcaption>{ Msg::ChartHistory.text(lang) }</figcaption>
                <Chart<Vec<Point>> data={history} draw={draw_history as super::canvas::DrawFn<Vec<Point>>} {lang} {dark}
                    label={history_label} size="chart-s" testid="chart-history" />
            </figure>
        </section>
    }
}
