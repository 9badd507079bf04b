//! The indicator editor, grouped pillar → sub-pillar.

use ict_engine::dataset::Child;
use yew::prelude::*;

use super::indicator_row::IndicatorRow;
use crate::app::i18n::t;
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
                                    { for model.children[sn].iter().filter_map(|c| match c { Child::Indicator(i) => Some(*i), Child::Node(_) => None }).map(|i| html! {
                                        <IndicatorRow index={i} key={model.indicators()[i].id.clone()} />
                                    }) }
                                </fieldset>
                            }
                        }) }
                    </section>
                }
            }) }
        </div>
    }
}
