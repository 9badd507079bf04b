//! Messages about the whole page (a refused link and why, saved scenarios that could not be
//! read, a preset applied, ...): several at once, oldest first, each dismissed on its own.

use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::state::{Action, AppContext, Notice, NoticeId};

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
    if state.notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="notices">
            { for state.notices.iter().map(|(id, notice)| html! {
                <NoticeItem key={id.0.to_string()} {id} notice={notice.clone()} compact={props.compact} />
            }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NoticeItemProps {
    id: NoticeId,
    notice: Notice,
    compact: bool,
}

/// One notice, with its dismiss button.
#[component(NoticeItem)]
fn notice_item(props: &NoticeItemProps) -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let on_dismiss = {
        let state = state.clone();
        let id = props.id;
        Callback::from(move |_| state.dispatch(Action::Dismiss(id)))
    };
    let (class, role, body) = content(&state, &props.notice, props.compact);
    html! {
        <div class={class} role={role} data-testid="notice">
            { body }
            <button type="button" class="dismiss" onclick={on_dismiss}>{ Msg::Dismiss.text(lang) }</button>
        </div>
    }
}

/// A notice's class, role and text.
fn content(
    state: &AppContext,
    notice: &Notice,
    compact: bool,
) -> (&'static str, &'static str, Html) {
    let lang = state.lang;
    let en = lang.is_en();
    let warn = |text: String| ("notice warn", "alert", html! { <p>{ text }</p> });
    let info = |text: String| ("notice info", "status", html! { <p>{ text }</p> });
    match notice {
        Notice::BadLink(why) => warn(why.message().get(en).to_string()),
        Notice::StoreUnreadable {
            unreadable,
            corrupt,
            backed_up,
        } => warn(
            Msg::StoreUnreadable {
                unreadable: *unreadable,
                corrupt: *corrupt,
                backed_up: *backed_up,
            }
            .text(lang)
            .into_owned(),
        ),
        Notice::ImportedUnfit(years) => warn(
            Msg::ImportedUnfit {
                years: years.clone(),
            }
            .text(lang)
            .into_owned(),
        ),
        Notice::ImportedUnreadable { backed_up } => warn(
            Msg::ImportedUnreadable {
                backed_up: *backed_up,
            }
            .text(lang)
            .into_owned(),
        ),
        Notice::StoreFailed => warn(Msg::StoreFailed.text(lang).into_owned()),
        Notice::FileRejected(msg) => (
            "notice warn",
            "alert",
            html! { <p><strong>{ Msg::FileRejected.text(lang) }{ ": " }</strong>{ msg.get(en) }</p> },
        ),
        Notice::Applied => info(Msg::Applied.text(lang).into_owned()),
        Notice::ImportOutdated => warn(Msg::ImportOutdated.text(lang).into_owned()),
        Notice::NothingToUndo => info(Msg::NothingToUndo.text(lang).into_owned()),
        Notice::NothingToRedo => info(Msg::NothingToRedo.text(lang).into_owned()),
        Notice::ScenarioImported(name) => info(
            Msg::ScenarioImported { name: name.clone() }
                .text(lang)
                .into_owned(),
        ),
        Notice::PresetApplied(id) => {
            let preset = state.editions.presets.iter().find(|p| &p.id == id);
            let model = state.model().clone();
            let body = preset.map(|p| {
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
    }
}
