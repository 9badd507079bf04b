//! The list of keyboard shortcuts, opened with `?`.

use yew::prelude::*;

use crate::app::i18n::t;
use crate::app::state::Action;
use crate::app::AppContext;

#[component(Shortcuts)]
pub fn shortcuts() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by the app");
    if !state.help {
        return html! {};
    }
    let lang = state.lang;
    let on_close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::CloseHelp))
    };
    let keys = [
        ("p", "key-present"),
        ("r", "reset"),
        ("l", "lang-toggle-label"),
        ("?", "key-help"),
        ("Esc", "key-close"),
    ];
    html! {
        <div class="shortcuts" role="dialog" aria-modal="false" aria-labelledby="shortcuts-title" data-testid="shortcuts">
            <h2 id="shortcuts-title">{ t(lang, "shortcuts") }</h2>
            <dl>
                { for keys.iter().map(|(k, label)| html! {
                    <>
                        <dt><kbd>{ *k }</kbd></dt>
                        <dd>{ t(lang, label) }</dd>
                    </>
                }) }
            </dl>
            <button type="button" onclick={on_close}>{ t(lang, "dismiss") }</button>
        </div>
    }
}
