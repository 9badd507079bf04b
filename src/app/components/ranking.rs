//! All provinces ranked by the scenario's index score; the selected one highlighted.

use yew::prelude::*;

use crate::app::i18n::t;
use crate::app::view::{rank_change, score};
use crate::app::AppContext;

#[component(RankingTable)]
pub fn ranking_table() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by the app");
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let (cur, base) = (state.current.clone(), state.baseline().clone());
    let root = model.root;
    let mut order: Vec<usize> = (0..model.province_count()).collect();
    order.sort_by(|&a, &b| cur.rank(root, a).cmp(&cur.rank(root, b)).then(a.cmp(&b)));
    let selected = state.p();
    let root_id = &model.nodes()[root].id;
    html! {
        <table class="ranking" data-testid="ranking-table">
            <caption>
                <strong>{ t(lang, "ranking") }</strong>
                <span class="help">{ t(lang, "ranking-caption") }</span>
            </caption>
            <thead>
                <tr>
                    <th scope="col">{ t(lang, "rank") }</th>
                    <th scope="col">{ t(lang, "province") }</th>
                    <th scope="col">{ t(lang, "score") }</th>
                    <th scope="col">{ t(lang, "moved") }</th>
                    <th scope="col">{ t(lang, "status") }</th>
                </tr>
            </thead>
            <tbody>
                { for order.iter().map(|&p| {
                    let prov = &model.provinces()[p];
                    let published = model
                        .published_score(&prov.id, root_id)
                        .is_some_and(|s| s.score.is_some() && (cur.score(root, p) - base.score(root, p)).abs() < 1e-12);
                    html! {
                        <tr data-province={prov.id.clone()} class={classes!((p == selected).then_some("selected"))}
                            aria-current={(p == selected).then_some("true")}>
                            <td>{ cur.rank(root, p) }</td>
                            <th scope="row">{ prov.name.get(en) }</th>
                            <td data-testid="row-score">{ score(cur.score(root, p), lang) }</td>
                            <td>{ rank_change(base.rank(root, p), cur.rank(root, p), lang) }</td>
                            <td>{ t(lang, if published { "published" } else { "estimated" }) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}
