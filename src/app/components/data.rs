//! The ministry's data in and out: the CSV template, import with validation and a preview
//! before anything changes, restore the built-in data, results export, print.

use ict_engine::io::{export_csv, import_csv, results_csv, UTF8_BOM};
use ict_engine::numfmt::format;
use yew::prelude::*;

use crate::app::download::download;
use crate::app::hooks::read_chosen_file;
use crate::app::i18n::t;
use crate::app::state::Action;
use crate::app::AppContext;

/// Rows of the preview shown before the user confirms.
const PREVIEW_ROWS: usize = 30;

#[component(DataPanel)]
pub fn data_panel() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by the app");
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let reader = use_mut_ref(|| None::<gloo::file::callbacks::FileReader>);

    let on_template = {
        let model = model.clone();
        Callback::from(move |_| {
            // With a BOM, Excel on Windows reads the Vietnamese names as UTF-8.
            let csv = format!("{UTF8_BOM}{}", export_csv(&model, &model.baseline));
            download(
                &format!("ict-index-{}-du-lieu.csv", model.year()),
                "text/csv;charset=utf-8",
                csv.as_bytes(),
            );
        })
    };
    let on_results = {
        let state = state.clone();
        Callback::from(move |_| {
            let csv = format!(
                "{UTF8_BOM}{}",
                results_csv(state.model(), &state.current, state.baseline())
            );
            download(
                &format!("ict-index-{}-ket-qua.csv", state.year),
                "text/csv;charset=utf-8",
                csv.as_bytes(),
            );
        })
    };
    let on_print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });
    let on_file = {
        let state = state.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let state = state.clone();
            read_chosen_file(&e, &reader, move |result| {
                let model = state.model().clone();
                let read = match result {
                    Ok(bytes) => import_csv(&model, &model.baseline, &bytes)
                        .map_err(|errs| errs.iter().map(|e| e.located()).collect()),
                    Err(_) => Err(vec![ict_engine::Text {
                        vi: "Không đọc được tệp.".into(),
                        en: "Could not read the file.".into(),
                    }]),
                };
                state.dispatch(Action::DataRead(read));
            });
        })
    };
    let dispatch = state.dispatcher();
    let on_confirm = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::ConfirmImport))
    };
    let on_cancel = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::CancelImport))
    };
    let on_restore = {
        let d = dispatch.clone();
        Callback::from(move |_| d.dispatch(Action::RestoreBuiltin))
    };
    let imported = state.imported.get(&state.year).map_or(0, Vec::len);
    let name_of = |pid: &str| {
        model
            .province_index(pid)
            .map(|q| model.provinces()[q].name.get(en).to_string())
            .unwrap_or_else(|| pid.to_string())
    };
    let ind_of = |iid: &str| {
        model.indicator_index(iid).map(|i| {
            (
                model.indicators()[i].name.get(en).to_string(),
                usize::from(model.indicators()[i].decimals),
            )
        })
    };
    html! {
        <details class="data" open={state.pending_import.is_some() || !state.import_errors.is_empty()}>
            <summary><h2>{ t(lang, "data-title") }</h2></summary>
            <p class="help">{ t(lang, "data-help") }</p>
            <div class="file-row">
                <button type="button" data-testid="export-csv" onclick={on_template}>{ t(lang, "data-template") }</button>
                <label class="file-pick">
                    <span>{ t(lang, "data-import") }</span>
                    <input type="file" accept=".csv,text/csv" data-testid="import-data" onchange={on_file} />
                </label>
                if imported > 0 {
                    <button type="button" data-testid="restore-builtin" onclick={on_restore}>{ t(lang, "data-restore") }</button>
                }
            </div>
            if imported > 0 {
                <p class="imported-note" role="status">{ format!("{}: {imported}", t(lang, "data-imported-count")) }</p>
            }
            if !state.import_errors.is_empty() {
                <div class="import-errors" role="alert" data-testid="import-errors">
                    <p><strong>{ t(lang, "data-rejected") }</strong></p>
                    <ul>{ for state.import_errors.iter().map(|e| html! { <li>{ e.get(en) }</li> }) }</ul>
                </div>
            }
            if let Some((year, preview)) = &state.pending_import {
                <div class="import-preview" data-testid="import-preview">
                    <p><strong>{ format!("{} ({year}): {} {}, {} {}", t(lang, "data-preview"), preview.changes.len(), t(lang, "data-changes"), preview.unchanged, t(lang, "data-unchanged")) }</strong></p>
                    <ul class="notes-list">{ for preview.notes.iter().map(|n| html! { <li>{ n.get(en) }</li> }) }</ul>
                    <table>
                        <thead><tr>
                            <th scope="col">{ t(lang, "province") }</th>
                            <th scope="col">{ t(lang, "indicator") }</th>
                            <th scope="col">{ t(lang, "data-old") }</th>
                            <th scope="col">{ t(lang, "data-new") }</th>
                        </tr></thead>
                        <tbody>
                            { for preview.changes.iter().take(PREVIEW_ROWS).map(|c| {
                                let (ind, dec) = ind_of(&c.indicator).unwrap_or((c.indicator.clone(), 2));
                                html! { <tr><td>{ name_of(&c.province) }</td><td>{ ind }</td><td>{ format(c.old, dec, lang) }</td><td>{ format(c.new, dec, lang) }</td></tr> }
                            }) }
                        </tbody>
                    </table>
                    if preview.changes.len() > PREVIEW_ROWS {
                        <p>{ format!("… +{}", preview.changes.len() - PREVIEW_ROWS) }</p>
                    }
                    <button type="button" data-testid="import-confirm" onclick={on_confirm} disabled={preview.changes.is_empty()}>{ t(lang, "data-apply") }</button>
                    <button type="button" onclick={on_cancel}>{ t(lang, "data-cancel") }</button>
                </div>
            }
            <div class="file-row">
                <button type="button" data-testid="export-results-csv" onclick={on_results}>{ t(lang, "data-results") }</button>
                <button type="button" data-testid="print" onclick={on_print}>{ t(lang, "print") }</button>
            </div>
        </details>
    }
}
