//! Messages about the whole page (a damaged link, a preset applied), dismissible.

use yew::prelude::*;

use crate::app::i18n::t;
use crate::app::state::{Action, Notice};
use crate::app::AppContext;

#[component(NoticeBar)]
pub fn notice_bar() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by the app");
    let lang = state.lang;
    let Some(notice) = state.notice.clone() else {
        return html! {};
    };
    let on_dismiss = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Dismiss))
    };
    let (class, role, body) = match &notice {
        Notice::BadLink => (
            "notice warn",
            "alert",
            html! { <p>{ t(lang, "link-bad") }</p> },
        ),
        Notice::StoreUnreadable { .. } => (
            "notice warn",
            "alert",
            html! { <p>{ t(lang, "store-unreadable") }</p> },
        ),
        Notice::StoreFailed => (
            "notice warn",
            "alert",
            html! { <p>{ t(lang, "store-failed") }</p> },
        ),
        Notice::FileRejected(msg) => (
            "notice warn",
            "alert",
            html! { <p><strong>{ t(lang, "file-rejected") }{ ": " }</strong>{ msg.get(lang.is_en()) }</p> },
        ),
        Notice::ScenarioImported(name) => (
            "notice info",
            "status",
            html! { <p>{ format!("{}: {name}", t(lang, "scenario-imported")) }</p> },
        ),
        Notice::PresetApplied(id) => {
            let preset = state.editions.presets.iter().find(|p| &p.id == id);
            let model = state.model().clone();
            let body = preset.map(|p| {
                let en = lang.is_en();
                html! {
                    <>
                        <p><strong>{ format!("{}: {}", t(lang, "preset-applied"), p.name.get(en)) }</strong></p>
                        <p>{ p.description.get(en) }</p>
                        <ul class="targets">
                            { for p.applicable(&model).map(|tg| html! { <li>{ tg.text.get(en) }</li> }) }
                        </ul>
                        <details>
                            <summary>{ t(lang, "unmapped") }</summary>
                            <ul>{ for p.unmapped.iter().map(|u| html! { <li>{ u.get(en) }</li> }) }</ul>
                        </details>
                    </>
                }
            });
            ("notice info", "status", body.unwrap_or_default())
        }
    };
    html! {
        <div class={class} role={role} data-testid="notice">
            { body }
            <button type="button" class="dismiss" onclick={on_dismiss}>{ t(lang, "dismiss") }</button>
        </div>
    }
}
