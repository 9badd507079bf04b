//! All provinces ranked by the scenario's index score; the selected one highlighted.

use yew::prelude::*;

use super::ranking_row::RankingRow;
use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::view::shown_score_provenance;

#[component(RankingTable)]
pub fn ranking_table() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let (cur, base) = (state.current.clone(), state.baseline().clone());
    let root = model.root();
    let mut order: Vec<usize> = (0..model.province_count()).collect();
    order.sort_by(|&a, &b| cur.rank(root, a).cmp(&cur.rank(root, b)).then(a.cmp(&b)));
    let selected = state.p();
    html! {
        <table class="ranking" data-testid="ranking-table">
            <caption>
                <strong>{ Msg::Ranking.text(lang) }</strong>
                <span class="help">{ Msg::RankingCaption.text(lang) }</span>
            </caption>
            <thead>
                <tr>
                    <th scope="col">{ Msg::Rank.text(lang) }</th>
                    <th scope="col">{ Msg::Province.text(lang) }</th>
                    <th scope="col">{ Msg::Score.text(lang) }</th>
                    <th scope="col">{ Msg::Moved.text(lang) }</th>
                    <th scope="col">{ Msg::Status.text(lang) }</th>
                </tr>
            </thead>
            <tbody>
                { for order.iter().map(|&p| {
                    let prov = &model.provinces()[p];
                    let published = matches!(
                        shown_score_provenance(&model, &cur, &base, root, p),
                        ict_engine::Provenance::Published(_)
                    );
                    html! {
                        <RankingRow key={prov.id.clone()} id={prov.id.clone()} name={prov.name.get(en).to_string()}
                            rank={cur.rank(root, p)} base_rank={base.rank(root, p)} score={cur.score(root, p)}
                            {published} selected={p == selected} {lang} />
                    }
                }) }
            </tbody>
        </table>
    }
}
