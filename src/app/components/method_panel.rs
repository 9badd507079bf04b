//! Methodology panel: change pillar and sub-pillar weights, the normalisation and the
//! aggregation, and see every province's rank against the official method. Results under a
//! changed method are marked "unofficial".

use ict_engine::numfmt::format;
use ict_engine::{Aggregation, Normalisation};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::i18n_more::MoreMsg;
use crate::app::state::{answers, Action};
use crate::app::view::rank_change;

#[component(MethodPanel)]
pub fn method_panel() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let scenario = state.scenario();
    let settings = scenario.settings.clone();
    let official = settings.is_official();

    // Every node under the root, in tree order.
    let nodes = &model.tree_order()[1..];
    let weight_input = |k: usize| {
        let node = &model.nodes()[k];
        let key = format!("weight:{}", node.id);
        let w = settings
            .weights
            .get(&node.id)
            .copied()
            .unwrap_or(node.weight);
        let text = state
            .drafts
            .get(&key)
            .cloned()
            .unwrap_or_else(|| format(w, 2, lang));
        let invalid = state.errors.contains_key(&key);
        let id = node.id.clone();
        let dispatch = state.dispatcher();
        let oninput = Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            dispatch.dispatch(Action::SetWeight {
                id: id.clone(),
                text,
            });
        });
        let depth = model.depth(k);
        html! {
            <label class={classes!("weight", (depth > 1).then_some("sub"), format!("depth-{depth}"))}>
                <span>{ node.name.get(en) }</span>
                <input type="text" inputmode="decimal" value={text} data-weight={node.id.clone()}
                    aria-invalid={invalid.to_string()} {oninput} />
                if invalid {
                    <span class="error" role="alert">{ MoreMsg::WeightInvalid.text(lang) }</span>
                }
            </label>
        }
    };
    let on_norm = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            let n = match v.as_str() {
                "ratio-to-max" => Some(Normalisation::RatioToMax),
                "goalposts" => Some(Normalisation::Goalposts),
                _ => None,
            };
            dispatch.dispatch(Action::SetNormalisation(n));
        })
    };
    let on_aggr = {
        let dispatch = state.dispatcher();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            dispatch.dispatch(Action::SetAggregation(if v == "geometric" {
                Some(Aggregation::Geometric)
            } else {
                None
            }));
        })
    };
    let on_official = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::OfficialMethod))
    };
    // Min–max named explicitly (a scenario file may) is the default option's method.
    let norm_value = match settings.normalisation {
        None | Some(Normalisation::MinMax) => "official",
        Some(Normalisation::RatioToMax) => "ratio-to-max",
        Some(Normalisation::Goalposts) => "goalposts",
    };
    let aggr_value = if settings.aggregation == Some(Aggregation::Geometric) {
        "geometric"
    } else {
        "official"
    };

    // Rank changes against the official method for the same values: memoised by everything
    // they depend on (edition, its data's generation, province, scenario), so another
    // edition's ranks are never shown.
    let moves = {
        let s = state.clone();
        use_memo(state.answer_key(), move |_| answers::method_moves(&s))
    };
    let moved: Vec<(usize, u32, u32)> = moves
        .as_ref()
        .as_ref()
        .map(|m| {
            m.iter()
                .filter_map(|(id, a, b)| model.province_index(id).map(|q| (q, *a, *b)))
                .collect()
        })
        .unwrap_or_default();

    html! {
        <details class="method" open={!official}>
            <summary><h2>{ MoreMsg::MethodTitle.text(lang) }</h2></summary>
            <p class="help">{ MoreMsg::MethodHelp.text(lang) }</p>
            if !official {
                <p class="unofficial" role="status" data-testid="unofficial">{ MoreMsg::UnofficialLong.text(lang) }</p>
            }
            <div class="method-controls">
                <label class="field">
                    <span>{ MoreMsg::Normalisation.text(lang) }</span>
                    <select onchange={on_norm} data-testid="normalisation">
                        <option value="official" selected={norm_value == "official"}>{ MoreMsg::NormOfficial.text(lang) }</option>
                        <option value="ratio-to-max" selected={norm_value == "ratio-to-max"}>{ MoreMsg::NormRatio.text(lang) }</option>
                        <option value="goalposts" selected={norm_value == "goalposts"}>{ MoreMsg::NormGoalposts.text(lang) }</option>
                    </select>
                </label>
                <label class="field">
                    <span>{ MoreMsg::Aggregation.text(lang) }</span>
                    <select onchange={on_aggr} data-testid="aggregation">
                        <option value="official" selected={aggr_value == "official"}>{ MoreMsg::AggrOfficial.text(lang) }</option>
                        <option value="geometric" selected={aggr_value == "geometric"}>{ MoreMsg::AggrGeometric.text(lang) }</option>
                    </select>
                </label>
                <button type="button" data-testid="method-official" onclick={on_official} disabled={official}>{ MoreMsg::MethodOfficial.text(lang) }</button>
            </div>
            <fieldset class="weights">
                <legend>{ MoreMsg::Weights.text(lang) }</legend>
                { for nodes.iter().map(|&k| weight_input(k)) }
            </fieldset>
            if !official {
                <table class="rank-moves" data-testid="method-rank-table">
                    <caption>{ MoreMsg::MethodTable.text(lang) }</caption>
                    <thead><tr>
                        <th scope="col">{ Msg::Province.text(lang) }</th>
                        <th scope="col">{ MoreMsg::RankOfficial.text(lang) }</th>
                        <th scope="col">{ MoreMsg::RankMethod.text(lang) }</th>
                        <th scope="col">{ Msg::Moved.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for moved.iter().map(|&(q, a, b)| html! {
                            <tr data-province={model.provinces()[q].id.clone()}>
                                <th scope="row">{ model.provinces()[q].name.get(en) }</th>
                                <td>{ a }</td>
                                <td>{ b }</td>
                                <td>{ rank_change(a, b, lang) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                if moved.is_empty() {
                    <p>{ MoreMsg::MethodNoMoves.text(lang) }</p>
                }
            }
        </details>
    }
}
