//! Undo, redo, reset to baseline and the preset scenarios.

use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::state::Action;

#[component(Toolbar)]
pub fn toolbar() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let on = |action: Action| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(action.clone()))
    };
    // aria-disabled rather than disabled: the buttons keep keyboard focus when they empty.
    let (can_undo, can_redo) = (state.history.can_undo(), state.history.can_redo());
    html! {
        <div class="toolbar" role="group" aria-label={Msg::Presets.text(lang)}>
            <button type="button" data-testid="undo" onclick={on(Action::Undo)} title={Msg::UndoHelp.text(lang)}
                aria-keyshortcuts="Control+Z" aria-disabled={(!can_undo).to_string()}>{ Msg::Undo.text(lang) }</button>
            <button type="button" data-testid="redo" onclick={on(Action::Redo)} title={Msg::RedoHelp.text(lang)}
                aria-keyshortcuts="Control+Shift+Z Control+Y" aria-disabled={(!can_redo).to_string()}>{ Msg::Redo.text(lang) }</button>
            <button type="button" data-testid="reset" onclick={on(Action::Reset)}>{ Msg::Reset.text(lang) }</button>
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
