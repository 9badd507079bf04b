//! The indicator editor, grouped pillar → sub-pillar.

use ict_engine::dataset::Child;
use yew::prelude::*;

use ict_engine::numfmt::format;
use ict_engine::Provenance;

use super::indicator_row::IndicatorRow;
use crate::app::i18n::t;
use crate::app::view::source_label;
use crate::app::AppContext;

#[component(Editor)]
pub fn editor() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by the app");
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let root = model.root;
    let pillars: Vec<usize> = model.children[root]
        .iter()
        .filter_map(|c| match c {
            Child::Node(k) => Some(*k),
            Child::Indicator(_) => None,
        })
        .collect();
    let p = state.p();
    let dispatch = state.dispatcher();
    let row = |i: usize| {
        let def = &model.indicators()[i];
        let value = state.value(i);
        let edited = state.is_edited(i);
        let provenance = if edited {
            Provenance::Estimated
        } else {
            model.provenance_of(i, p).clone()
        };
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
                provinces={model.province_count()} source={source_label(&model, &provenance, lang).map(AttrValue::from)}
                {provenance} {lang} dispatch={dispatch.clone()} />
        }
    };
    html! {
        <div class="editor">
            <h2 id="editor-title">{ t(lang, "editor") }</h2>
            <p class="help">{ t(lang, "editor-help") }</p>
            { for pillars.iter().map(|&pn| {
                let pillar = &model.nodes()[pn];
                html! {
                    <section class="pillar" aria-label={pillar.name.get(en).to_string()}>
                        <h3>{ pillar.name.get(en) }</h3>
                        { for model.children[pn].iter().filter_map(|c| match c { Child::Node(k) => Some(*k), Child::Indicator(_) => None }).map(|sn| {
                            let sub = &model.nodes()[sn];
                            let title_id = format!("group-{}", sub.id);
                            html! {
                                <fieldset class="subpillar" aria-labelledby={title_id.clone()}>
                                    <legend id={title_id}>{ sub.name.get(en) }</legend>
                                    if let Some(note) = &sub.note {
                                        <p class="note">{ note.get(en) }</p>
                                    }
                                    { for model.children[sn].iter().filter_map(|c| match c { Child::Indicator(i) => Some(*i), Child::Node(_) => None }).map(row) }
                                </fieldset>
                            }
                        }) }
                    </section>
                }
            }) }
        </div>
    }
}
