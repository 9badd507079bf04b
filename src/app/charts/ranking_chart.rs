//! Every province's index under the scenario, best first, the selected province highlighted:
//! in the charts panel, or in the stage's chart slot (presentation mode, the embedded layout).

use ict_engine::numfmt::format;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use yew::prelude::*;

use super::canvas::{Chart, DrawFn};
use super::draw::{self, RankedBar};
use super::Theme;
use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::i18n_more::MoreMsg;

// The signature is fixed by `DrawFn<Vec<_>>`.
#[allow(clippy::ptr_arg)]
fn draw_ranked(a: &DrawingArea<CanvasBackend, Shift>, d: &Vec<RankedBar>, t: &Theme) {
    let _ = draw::ranked(a, d, t);
}

#[derive(Properties, PartialEq)]
pub struct RankingChartProps {
    /// The canvas's size class (`chart-m`, or `chart-fill` to fill its container).
    #[prop_or(AttrValue::from("chart-m"))]
    pub size: AttrValue,
}

#[component(RankingChart)]
pub fn ranking_chart(props: &RankingChartProps) -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let (cur, base) = (state.current.clone(), state.baseline().clone());
    let p = state.p();
    let root = model.root();
    let n = model.province_count();
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
    let label = format!(
        "{}: {} {}/{n}, {} {}; {}: {} {}",
        model.provinces()[p].name.get(en),
        Msg::Rank.text(lang),
        cur.rank(root, p),
        Msg::Score.text(lang),
        format(cur.score(root, p), 4, lang),
        MoreMsg::ChartTop.text(lang),
        ranked.first().map(|b| b.label.clone()).unwrap_or_default(),
        ranked
            .first()
            .map(|b| format(b.score, 4, lang))
            .unwrap_or_default(),
    );
    html! {
        <figure class="ranking-chart">
            <figcaption>{ MoreMsg::ChartRanked.text(lang) }</figcaption>
            <Chart<Vec<RankedBar>> data={ranked} draw={draw_ranked as DrawFn<Vec<RankedBar>>} {lang} dark={state.present}
                {label} size={props.size.clone()} testid="chart-ranking" />
        </figure>
    }
}
