//! The list of keyboard shortcuts, opened with `?`.

use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::state::Action;

#[component(Shortcuts)]
pub fn shortcuts() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    if !state.help {
        return html! {};
    }
    let lang = state.lang;
    let on_close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::CloseHelp))
    };
    // The keys of `hooks::use_shortcuts`.
    let keys = [
        ("p", Msg::KeyPresent),
        ("a", Msg::KeyAll),
        ("f", Msg::KeyFullScreen),
        ("r", Msg::Reset),
        ("n", Msg::KeyNext),
        ("b", Msg::KeyPrevious),
        ("PageDown / PageUp", Msg::KeyPages),
        ("← → ↑ ↓", Msg::KeyArrows),
        ("l", Msg::LangToggleLabel),
        ("?", Msg::KeyHelp),
        ("Esc", Msg::KeyClose),
        ("Ctrl+Z", Msg::Undo),
        ("Ctrl+Shift+Z / Ctrl+Y", Msg::Redo),
    ];
    html! {
        <div class="shortcuts" role="dialog" aria-modal="false" aria-labelledby="shortcuts-title" data-testid="shortcuts">
            <h2 id="shortcuts-title">{ Msg::Shortcuts.text(lang) }</h2>
            <dl>
                { for keys.iter().map(|(k, label)| html! {
                    <>
                        <dt><kbd>{ *k }</kbd></dt>
                        <dd>{ label.text(lang) }</dd>
                    </>
                }) }
            </dl>
            <button type="button" onclick={on_close}>{ Msg::Dismiss.text(lang) }</button>
        </div>
    }
}
