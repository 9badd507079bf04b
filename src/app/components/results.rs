//! The scenario's index score and rank against the baseline, and every pillar and sub-pillar.

use yew::prelude::*;

use crate::app::components::unit_members::UnitMembers;
use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::view::{
    provenance_badge, rank, rank_change, score, score_change, score_provenance,
    shown_score_provenance,
};

#[derive(Properties, PartialEq)]
pub struct ResultsPanelProps {
    /// The stage (presentation mode, the embedded layout) shows the index score and rank and
    /// carries their names (`index-score`, `index-rank`, `baseline-score`, `baseline-rank`):
    /// the cards here then show the same figures unnamed.
    #[prop_or_default]
    pub staged: bool,
}

#[component(ResultsPanel)]
pub fn results_panel(props: &ResultsPanelProps) -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let (cur, base) = (state.current.clone(), state.baseline().clone());
    let p = state.p();
    let n = model.province_count();
    let root = model.root();
    let province = model.provinces()[p].name.get(en).to_string();
    let root_id = model.nodes()[root].id.clone();

    // Every node below the index, in tree order (each followed by its subtree).
    let rows = &model.tree_order()[1..];
    let index_prov = shown_score_provenance(&model, &cur, &base, root, p);
    let base_prov = score_provenance(&model, &state.province, &root_id, base.score(root, p), true);
    let named = |name: &'static str| (!props.staged).then_some(name);

    html! {
        <div class="results">
            <h2 id="results-title">{ Msg::ResultsTitle { province, year: state.year }.text(lang) }</h2>
            <div class="cards">
                <div class="card scenario" aria-live={named("polite")}>
                    <h3>{ Msg::Scenario.text(lang) }</h3>
                    <p class="big"><span data-testid={named("index-score")}>{ score(cur.score(root, p), lang) }</span></p>
                    <p class="rank">{ Msg::Rank.text(lang) }{ " " }<span data-testid={named("index-rank")}>{ rank(cur.rank(root, p), n) }</span></p>
                    <p class="changes">
                        { score_change(cur.score(root, p) - base.score(root, p), lang) }
                        { " · " }
                        { rank_change(base.rank(root, p), cur.rank(root, p), lang) }
                    </p>
                    <p class="mean">{ format!("{}: {}", Msg::NationalMean.text(lang), score(cur.mean(root), lang)) }</p>
                    { provenance_badge(&model, &index_prov, lang) }
                    if !state.scenario().settings.is_official() {
                        <span class="badge unofficial-badge" data-testid="unofficial-badge">{ Msg::Unofficial.text(lang) }</span>
                    }
                </div>
                <div class="card baseline">
                    <h3>{ Msg::Baseline.text(lang) }</h3>
                    <p class="big"><span data-testid={named("baseline-score")}>{ score(base.score(root, p), lang) }</span></p>
                    <p class="rank">{ Msg::Rank.text(lang) }{ " " }<span data-testid={named("baseline-rank")}>{ rank(base.rank(root, p), n) }</span></p>
                    <p class="mean">{ format!("{}: {}", Msg::NationalMean.text(lang), score(base.mean(root), lang)) }</p>
                    { provenance_badge(&model, &base_prov, lang) }
                </div>
            </div>
            <UnitMembers />
            <table class="components">
                <caption>{ Msg::Components.text(lang) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "" }</th>
                        <th scope="col">{ Msg::Scenario.text(lang) }</th>
                        <th scope="col">{ Msg::Rank.text(lang) }</th>
                        <th scope="col">{ Msg::Change.text(lang) }</th>
                        <th scope="col">{ Msg::Baseline.text(lang) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|&k| {
                        let node = &model.nodes()[k];
                        let depth = model.depth(k);
                        let prov = shown_score_provenance(&model, &cur, &base, k, p);
                        html! {
                            <tr class={format!("depth-{depth}")} data-node={node.id.clone()}>
                                <th scope="row">{ node.name.get(en) }</th>
                                <td><span data-testid={format!("score-{}", node.id)}>{ score(cur.score(k, p), lang) }</span>{ " " }{ provenance_badge(&model, &prov, lang) }</td>
                                <td>{ rank(cur.rank(k, p), n) }</td>
                                <td>{ score_change(cur.score(k, p) - base.score(k, p), lang) }{ " " }{ rank_change(base.rank(k, p), cur.rank(k, p), lang) }</td>
                                <td>{ score(base.score(k, p), lang) }{ format!(" ({})", rank(base.rank(k, p), n)) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
