//! The stage's key indicators as large sliders (presentation mode, the embedded layout): those
//! the scenario changed most, then the strongest levers ([`answers::key_indicators`]). Drawn by
//! the app's second module into the stage's slot (`app::more`).

use yew::prelude::*;

use super::key_slider::KeySlider;
use crate::app::hooks::use_app;
use crate::app::state::answers;
use crate::app::view::value_provenance;

/// How many key indicators the stage shows.
pub const KEY_SLIDERS: usize = 6;

#[component(StageKeys)]
pub fn stage_keys() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let cur = state.current.clone();
    let p = state.p();
    let n = model.province_count();
    let dispatch = state.dispatcher();
    let keys = {
        let s = state.clone();
        use_memo(state.answer_key(), move |_| {
            answers::key_indicators(&s, &answers::lever_list(&s), KEY_SLIDERS)
        })
    };
    html! {
        <div class="keys">
            { for keys.iter().filter_map(|&i| model.indicators().get(i).map(|d| (i, d))).map(|(i, def)| {
                let (provenance, source) = value_provenance(&model, i, p, state.is_edited(i), lang);
                html! {
                <KeySlider key={def.id.clone()} id={def.id.clone()} name={def.name.get(en).to_string()}
                    unit={def.unit.get(en).to_string()} value={state.value(i)} base_value={model.baseline_value(i, p)}
                    decimals={def.decimals} plausible={def.plausible} valid={def.valid}
                    rank={cur.indicator_rank(i, p)} provinces={n} {provenance} source={source.map(AttrValue::from)}
                    {lang} dispatch={dispatch.clone()} />
                }
            }) }
        </div>
    }
}
