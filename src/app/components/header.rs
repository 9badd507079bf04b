//! Title bar: province and edition selects, language toggle, share link, presentation mode.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::state::Action;
use crate::app::url::encode;

#[component(Header)]
pub fn header() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let share_status = use_state(|| None::<Msg>);

    let on_province = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            state.dispatch(Action::SetProvince(v));
        })
    };
    let on_year = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Ok(y) = v.parse() {
                state.dispatch(Action::SetYear(y));
            }
        })
    };
    let on_set = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            state.dispatch(Action::SetProvinceSet(v));
        })
    };
    let sets: Vec<String> = state
        .editions
        .set_ids()
        .into_iter()
        .map(str::to_string)
        .collect();
    let on_lang = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleLang))
    };
    let link = {
        let location = gloo::utils::window().location();
        let base = format!(
            "{}{}{}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        format!("{base}#{}", encode(&state.url_state()))
    };
    let on_share = {
        let link = link.clone();
        let share_status = share_status.clone();
        Callback::from(move |_| {
            let clipboard = gloo::utils::window().navigator().clipboard();
            let promise = clipboard.write_text(&link);
            let share_status = share_status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
                share_status.set(Some(if ok { Msg::ShareDone } else { Msg::ShareFailed }));
            });
        })
    };
    let on_present = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::TogglePresent))
    };
    let present = state.present;

    html! {
        <header class="top">
            <div class="brand">
                <h1>{ Msg::Title.text(lang) }</h1>
                <p class="subtitle">{ Msg::Subtitle.text(lang) }</p>
            </div>
            <div class="controls">
                <label class="field">
                    <span>{ Msg::Province.text(lang) }</span>
                    <select data-testid="province-select" onchange={on_province}>
                        { for model.provinces().iter().map(|p| html! {
                            <option value={p.id.clone()} selected={p.id == state.province}>{ p.name.get(en) }</option>
                        }) }
                    </select>
                </label>
                if sets.len() > 1 {
                    <label class="field">
                        <span>{ Msg::ProvinceSet.text(lang) }</span>
                        <select data-testid="province-set" onchange={on_set}>
                            { for sets.iter().map(|id| html! {
                                <option value={id.clone()} selected={*id == state.set}>{ Msg::SetOption { set: id.clone() }.text(lang) }</option>
                            }) }
                        </select>
                    </label>
                }
                <label class="field">
                    <span>{ Msg::Edition.text(lang) }</span>
                    <select data-testid="year-select" onchange={on_year}>
                        { for state.editions.models.iter().map(|m| html! {
                            <option value={m.year().to_string()} selected={m.year() == state.year}>{ m.year() }</option>
                        }) }
                    </select>
                </label>
                <button type="button" data-testid="lang-toggle" lang={if en { "vi" } else { "en" }}
                    title={Msg::LangToggleLabel.text(lang)} onclick={on_lang}>{ Msg::LangToggle.text(lang) }</button>
                <button type="button" data-testid="share-link" data-href={link.clone()} onclick={on_share}>{ Msg::Share.text(lang) }</button>
                <button type="button" class="present-toggle" data-testid="present-toggle" aria-pressed={present.to_string()} onclick={on_present}>
                    { if present { Msg::PresentExit } else { Msg::Present }.text(lang) }
                </button>
            </div>
            if state.is_derived() {
                <p class="illustrative" data-testid="illustrative-badge">
                    <span class="badge derived">{ Msg::Illustrative.text(lang) }</span>
                    { " " }<span class="illustrative-long">{ Msg::IllustrativeLong.text(lang) }</span>
                </p>
            }
            if let Some(status) = &*share_status {
                <p class="share-status" role="status">
                    { status.text(lang) }
                    <input class="share-field" readonly=true aria-label={Msg::ShareField.text(lang)} value={link} />
                </p>
            }
        </header>
    }
}
