//! Messages about the whole page (a damaged link, a preset applied), dismissible.

use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::state::{Action, Notice};

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    /// On the stage: a preset's notice is its first line only (the targets are in the rest).
    #[prop_or_default]
    pub compact: bool,
}

#[component(NoticeBar)]
pub fn notice_bar(props: &NoticeBarProps) -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
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
            html! { <p>{ Msg::LinkBad.text(lang) }</p> },
        ),
        Notice::StoreUnreadable { .. } => (
            "notice warn",
            "alert",
            html! { <p>{ Msg::StoreUnreadable.text(lang) }</p> },
        ),
        Notice::StoreFailed => (
            "notice warn",
            "alert",
            html! { <p>{ Msg::StoreFailed.text(lang) }</p> },
        ),
        Notice::FileRejected(msg) => (
            "notice warn",
            "alert",
            html! { <p><strong>{ Msg::FileRejected.text(lang) }{ ": " }</strong>{ msg.get(lang.is_en()) }</p> },
        ),
        Notice::Applied => (
            "notice info",
            "status",
            html! { <p>{ Msg::Applied.text(lang) }</p> },
        ),
        Notice::ImportOutdated => (
            "notice warn",
            "alert",
            html! { <p>{ Msg::ImportOutdated.text(lang) }</p> },
        ),
        Notice::NothingToUndo => (
            "notice info",
            "status",
            html! { <p>{ Msg::NothingToUndo.text(lang) }</p> },
        ),
        Notice::NothingToRedo => (
            "notice info",
            "status",
            html! { <p>{ Msg::NothingToRedo.text(lang) }</p> },
        ),
        Notice::ScenarioImported(name) => (
            "notice info",
            "status",
            html! { <p>{ Msg::ScenarioImported { name: name.clone() }.text(lang) }</p> },
        ),
        Notice::PresetApplied(id) => {
            let preset = state.editions.presets.iter().find(|p| &p.id == id);
            let model = state.model().clone();
            let compact = props.compact;
            let body = preset.map(|p| {
                let en = lang.is_en();
                let title = html! { <p><strong>{ Msg::PresetApplied { name: p.name.get(en).to_string() }.text(lang) }</strong></p> };
                if compact {
                    return title;
                }
                html! {
                    <>
                        { title }
                        <p>{ p.description.get(en) }</p>
                        <ul class="targets">
                            { for p.applicable(&model).map(|tg| html! { <li>{ tg.text.get(en) }</li> }) }
                        </ul>
                        <details>
                            <summary>{ Msg::Unmapped.text(lang) }</summary>
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
            <button type="button" class="dismiss" onclick={on_dismiss}>{ Msg::Dismiss.text(lang) }</button>
        </div>
    }
}
