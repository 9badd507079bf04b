//! Reset to baseline and the preset scenarios.

use yew::prelude::*;

use crate::app::i18n::Msg;
use crate::app::state::Action;
use crate::app::AppContext;

#[component(Toolbar)]
pub fn toolbar() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by the app");
    let lang = state.lang;
    let on_reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Reset))
    };
    html! {
        <div class="toolbar" role="group" aria-label={Msg::Presets.text(lang)}>
            <button type="button" data-testid="reset" onclick={on_reset}>{ Msg::Reset.text(lang) }</button>
            { for state.editions.presets.iter().map(|p| {
                let id = p.id.clone();
                let state = state.clone();
                let onclick = Callback::from(move |_| state.dispatch(Action::Preset(id.clone())));
                html! {
                    <button type="button" data-preset={p.id.clone()} title={p.description.get(lang.is_en()).to_string()} {onclick}>
                        { p.name.get(lang.is_en()) }
                    </button>
                }
            }) }
        </div>
    }
}
