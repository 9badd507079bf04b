//! Named scenarios: save, list, rename, duplicate, delete, show, choose for comparison, and
//! scenario files (JSON, versioned schema) out and in.

use ict_engine::io::{scenario_from_json, scenario_to_json, ScenarioFile, MAX_SCENARIO_BYTES};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::download::{download, file_stem};
use crate::app::hooks::read_chosen_file;
use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::i18n_more::MoreMsg;
use crate::app::state::{Action, MAX_COMPARE};

#[component(ScenariosPanel)]
pub fn scenarios_panel() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let name = use_state(String::new);
    let renaming = use_state(|| None::<(String, String)>);

    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_save = {
        let (state, name) = (state.clone(), name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            state.dispatch(Action::SaveCurrent {
                name: (*name).clone(),
                id: crate::app::storage::new_id(&state.saved),
                created: crate::app::storage::now_iso(),
            });
            if !name.trim().is_empty() {
                name.set(String::new());
            }
        })
    };
    let on_export_current = {
        let state = state.clone();
        Callback::from(move |_| {
            let label = MoreMsg::ScenarioFileLabel.text(state.lang);
            let mut file = ScenarioFile::new(&label, state.year, &state.province, state.scenario());
            file.created = Some(crate::app::storage::now_iso());
            let json = scenario_to_json(&file);
            download(
                &format!("{label}-{}-{}.json", state.province, state.year),
                "application/json",
                json.as_bytes(),
            );
        })
    };
    let on_import = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let state = state.clone();
            read_chosen_file(&e, MAX_SCENARIO_BYTES, move |result| {
                let models = state.editions.all_models();
                let text = result
                    .and_then(|(_, b)| String::from_utf8(b).map_err(|_| MoreMsg::NotUtf8.both()));
                let action = match text {
                    Ok(text) => match scenario_from_json(&text, &models) {
                        Ok(file) => Action::AddScenarioFile {
                            file,
                            id: crate::app::storage::new_id(&state.saved),
                        },
                        Err(err) => Action::FileRejected(err.message),
                    },
                    Err(why) => Action::FileRejected(why),
                };
                state.dispatch(action);
            });
        })
    };

    let name_error = state.errors.contains_key("scenario-name");
    html! {
        <details class="scenarios" open={!state.saved.is_empty()}>
            <summary><h2>{ Msg::SavedTitle.text(lang) }</h2></summary>
            <form class="save-form" onsubmit={on_save}>
                <label class="field">
                    <span>{ MoreMsg::ScenarioName.text(lang) }</span>
                    <input type="text" data-testid="scenario-name" maxlength="200" value={(*name).clone()} oninput={on_name}
                        aria-invalid={name_error.to_string()} />
                </label>
                <button type="submit" data-testid="save-scenario">{ MoreMsg::Save.text(lang) }</button>
                if name_error {
                    <p class="error" role="alert">{ MoreMsg::NameEmpty.text(lang) }</p>
                }
            </form>
            <ul class="saved-list" data-testid="scenario-list">
                { for state.saved.iter().map(|s| {
                    let id = s.id.clone();
                    let dispatch = state.dispatcher();
                    let act = |a: fn(String) -> Action| { let (d, id) = (dispatch.clone(), id.clone()); Callback::from(move |_| d.dispatch(a(id.clone()))) };
                    let on_load = act(Action::LoadSaved);
                    let on_dup = {
                        let (d, id, saved) = (dispatch.clone(), id.clone(), state.saved.clone());
                        let name = MoreMsg::CopyName { name: s.file.name.clone() }.text(lang).into_owned();
                        Callback::from(move |_| d.dispatch(Action::DuplicateSaved {
                            id: id.clone(),
                            new_id: crate::app::storage::new_id(&saved),
                            name: name.clone(),
                        }))
                    };
                    let on_del = act(Action::DeleteSaved);
                    let on_cmp_change = { let (d, id) = (dispatch.clone(), id.clone()); Callback::from(move |_: Event| d.dispatch(Action::ToggleCompare(id.clone()))) };
                    let chosen = state.compare.contains(&s.id);
                    let full = state.compare.len() >= MAX_COMPARE && !chosen;
                    let province = state.model_in(&s.file.provinces, s.file.year)
                        .and_then(|m| Some(m.provinces()[m.province_index(&s.file.province)?].name.get(en).to_string()))
                        .unwrap_or_default();
                    let file = s.file.clone();
                    let on_export = Callback::from(move |_| {
                        let json = scenario_to_json(&file);
                        download(&format!("{}.json", file_stem(&file.name)), "application/json", json.as_bytes());
                    });
                    let editing = renaming.as_ref().filter(|(rid, _)| *rid == s.id).map(|(_, n)| n.clone());
                    let on_rename_start = { let (r, id, n) = (renaming.clone(), s.id.clone(), s.file.name.clone()); Callback::from(move |_| r.set(Some((id.clone(), n.clone())))) };
                    let on_rename_input = { let (r, id) = (renaming.clone(), s.id.clone()); Callback::from(move |e: InputEvent| r.set(Some((id.clone(), e.target_unchecked_into::<HtmlInputElement>().value())))) };
                    let on_rename_done = {
                        let (r, d, id) = (renaming.clone(), dispatch.clone(), s.id.clone());
                        Callback::from(move |e: SubmitEvent| {
                            e.prevent_default();
                            if let Some((_, name)) = (*r).clone() { d.dispatch(Action::RenameSaved { id: id.clone(), name }); }
                            r.set(None);
                        })
                    };
                    let shown = state.shown_saved.as_deref() == Some(s.id.as_str());
                    html! {
                        <li data-saved={s.id.clone()} class={classes!(shown.then_some("shown"))}>
                            if let Some(value) = editing {
                                <form class="rename" onsubmit={on_rename_done}>
                                    <input type="text" maxlength="200" {value} oninput={on_rename_input} aria-label={MoreMsg::Rename.text(lang)} />
                                    <button type="submit">{ MoreMsg::Done.text(lang) }</button>
                                </form>
                            } else {
                                <button type="button" class="load" onclick={on_load} data-testid="load-scenario">{ s.file.name.clone() }</button>
                            }
                            <span class="meta">{ format!("{province} · {}", s.file.year) }
                                if s.file.provinces != ict_engine::PUBLISHED_SET {
                                    { format!(" · {}", MoreMsg::SetSuffix { set: s.file.provinces.clone() }.text(lang)) }
                                }
                            </span>
                            <label class="compare-pick">
                                <input type="checkbox" checked={chosen} disabled={full} onchange={on_cmp_change} />
                                { MoreMsg::Compare.text(lang) }
                            </label>
                            <span class="actions">
                                <button type="button" onclick={on_rename_start}>{ MoreMsg::Rename.text(lang) }</button>
                                <button type="button" onclick={on_dup}>{ MoreMsg::Duplicate.text(lang) }</button>
                                <button type="button" onclick={on_export}>{ "JSON" }</button>
                                <button type="button" onclick={on_del} data-testid="delete-scenario">{ MoreMsg::Delete.text(lang) }</button>
                            </span>
                        </li>
                    }
                }) }
            </ul>
            if state.saved.is_empty() {
                <p class="help">{ MoreMsg::SavedEmpty.text(lang) }</p>
            }
            <div class="file-row">
                <button type="button" onclick={on_export_current} data-testid="export-scenario">{ MoreMsg::ExportScenario.text(lang) }</button>
                <label class="file-pick">
                    <span>{ MoreMsg::ImportScenario.text(lang) }</span>
                    <input type="file" accept=".json,application/json" data-testid="import-scenario" onchange={on_import} />
                </label>
            </div>
        </details>
    }
}
