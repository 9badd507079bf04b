//! The indicator editor, grouped as the tree is: each node with only child nodes is a section
//! (a pillar), each node with indicators a fieldset of their rows (a sub-pillar), at any depth.

use yew::prelude::*;

use ict_engine::numfmt::format;
use ict_engine::Model;

use super::indicator_row::IndicatorRow;
use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::view::value_provenance;

#[component(Editor)]
pub fn editor() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let p = state.p();
    let dispatch = state.dispatcher();
    let row = |i: usize| {
        let def = &model.indicators()[i];
        let value = state.value(i);
        let edited = state.is_edited(i);
        let (provenance, source) = value_provenance(&model, i, p, edited, lang);
        let text = state
            .drafts
            .get(&def.id)
            .cloned()
            .unwrap_or_else(|| format(value, usize::from(def.decimals), lang));
        html! {
            <IndicatorRow key={def.id.clone()}
                id={def.id.clone()} name={def.name.get(en).to_string()} unit={def.unit.get(en).to_string()}
                {text} {value} decimals={def.decimals} plausible={def.plausible} valid={def.valid}
                base_value={model.baseline_value(i, p)} {edited} error={state.errors.get(&def.id).cloned()}
                rank_now={state.current.indicator_rank(i, p)} rank_base={state.baseline().indicator_rank(i, p)}
                provinces={model.province_count()} source={source.map(AttrValue::from)}
                {provenance} {lang} dispatch={dispatch.clone()} />
        }
    };
    html! {
        <div class="editor">
            <h2 id="editor-title">{ Msg::Editor.text(lang) }</h2>
            <p class="help">{ Msg::EditorHelp.text(lang) }</p>
            { group_children(&model, model.root(), &row, en) }
        </div>
    }
}

/// The children of node `n` in methodology order: indicator rows and groups.
fn group_children(model: &Model, n: usize, row: &dyn Fn(usize) -> Html, en: bool) -> Html {
    model
        .children(n)
        .iter()
        .map(|c| match *c {
            ict_engine::dataset::Child::Indicator(i) => row(i),
            ict_engine::dataset::Child::Node(k) => group(model, k, row, en),
        })
        .collect()
}

/// Node `n` and everything below it.
fn group(model: &Model, n: usize, row: &dyn Fn(usize) -> Html, en: bool) -> Html {
    let node = &model.nodes()[n];
    let depth = model.depth(n);
    let name = node.name.get(en).to_string();
    let note = node
        .note
        .as_ref()
        .map(|note| html! { <p class="note">{ note.get(en) }</p> });
    if model.child_indicators(n).next().is_none() {
        // Only groups below: a section with a heading (h3 for a pillar, h4 below it, …).
        let heading = format!("h{}", (depth + 2).min(6));
        html! {
            <section class={classes!("pillar", format!("depth-{depth}"))} aria-label={name.clone()} data-group={node.id.clone()}>
                <@{heading}>{ name }</@>
                { note }
                { group_children(model, n, row, en) }
            </section>
        }
    } else {
        let title_id = format!("group-{}", node.id);
        html! {
            <fieldset class={classes!("subpillar", format!("depth-{depth}"))} aria-labelledby={title_id.clone()} data-group={node.id.clone()}>
                <legend id={title_id}>{ name }</legend>
                { note }
                { group_children(model, n, row, en) }
            </fieldset>
        }
    }
}
