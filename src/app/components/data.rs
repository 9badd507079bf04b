//! The ministry's data in and out: the CSV and Excel templates, import with validation and a
//! preview before anything changes, restore the built-in data, results export, print. Excel goes
//! and imports go through the separately loaded file module ([`crate::app::io_module`]).

use ict_engine::io::{export_csv, results_csv, MAX_TABLE_BYTES, UTF8_BOM};
use ict_engine::numfmt::format;
use ict_engine::table::{data_sheets, results_sheets, Sheet};
use ict_engine::Text;
use yew::prelude::*;

use crate::app::download::download;
use crate::app::hooks::read_chosen_file;
use crate::app::hooks::use_app;
use crate::app::i18n::Msg;
use crate::app::i18n_more::MoreMsg;
use crate::app::io_module::{self, ImportFailure};
use crate::app::state::Action;

/// Rows of the preview shown before the user confirms.
const PREVIEW_ROWS: usize = 30;
const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// What the file module is doing for this panel, or why it failed.
#[derive(Clone, PartialEq)]
enum Excel {
    Idle,
    Busy,
    Failed(Text),
}

/// Offers a CSV table as a download, with a BOM so that Excel on Windows reads the Vietnamese
/// names as UTF-8.
fn csv_download(name: &str, csv: &str) {
    download(
        name,
        "text/csv;charset=utf-8",
        format!("{UTF8_BOM}{csv}").as_bytes(),
    );
}

/// Writes `sheets` as .xlsx through the file module and offers the download.
fn excel_download(excel: UseStateHandle<Excel>, name: String, sheets: Vec<Sheet>) {
    if *excel == Excel::Busy {
        return;
    }
    excel.set(Excel::Busy);
    wasm_bindgen_futures::spawn_local(async move {
        match io_module::write_xlsx(&sheets).await {
            Ok(bytes) => {
                download(&name, XLSX_MIME, &bytes);
                excel.set(Excel::Idle);
            }
            Err(e) => excel.set(Excel::Failed(e)),
        }
    });
}

#[component(DataPanel)]
pub fn data_panel() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.source_model().clone();
    let excel = use_state(|| Excel::Idle);

    let on_template = {
        let model = model.clone();
        Callback::from(move |_| {
            csv_download(
                &format!("ict-index-{}-du-lieu.csv", model.year()),
                &export_csv(&model, model.baseline()),
            );
        })
    };
    let on_template_xlsx = {
        let (model, excel) = (model.clone(), excel.clone());
        Callback::from(move |_| {
            excel_download(
                excel.clone(),
                format!("ict-index-{}-du-lieu.xlsx", model.year()),
                data_sheets(&model, model.baseline()),
            );
        })
    };
    let on_results = {
        let state = state.clone();
        Callback::from(move |_| {
            csv_download(
                &format!("ict-index-{}-ket-qua.csv", state.year),
                &results_csv(state.model(), &state.current, state.baseline()),
            );
        })
    };
    let on_results_xlsx = {
        let (state, excel) = (state.clone(), excel.clone());
        Callback::from(move |_| {
            excel_download(
                excel.clone(),
                format!("ict-index-{}-ket-qua.xlsx", state.year),
                results_sheets(state.model(), &state.current, state.baseline()),
            );
        })
    };
    let on_print = Callback::from(|_| {
        let _ = gloo::utils::window().print();
    });
    // Each pick supersedes the ones before: a slower earlier check that ends later is dropped.
    // `reading` (an import being checked) is apart from `excel` (a workbook being written).
    let picks = use_mut_ref(|| 0u64);
    let reading = use_state(|| false);
    let on_file = {
        let (state, excel, reading, picks) =
            (state.clone(), excel.clone(), reading.clone(), picks.clone());
        Callback::from(move |e: Event| {
            let (state, excel, reading, picks) =
                (state.clone(), excel.clone(), reading.clone(), picks.clone());
            let pick = {
                let mut n = picks.borrow_mut();
                *n += 1;
                *n
            };
            read_chosen_file(&e, MAX_TABLE_BYTES, move |file| {
                if *picks.borrow() != pick {
                    return;
                }
                let model = state.source_model().clone();
                let (name, bytes) = match file {
                    Ok(file) => file,
                    Err(why) => {
                        reading.set(false);
                        state.dispatch(Action::DataRead(model.year(), Err(vec![why])));
                        return;
                    }
                };
                reading.set(true);
                wasm_bindgen_futures::spawn_local(async move {
                    let read =
                        io_module::import_table(&bytes, model.year(), model.baseline()).await;
                    if *picks.borrow() != pick {
                        return;
                    }
                    reading.set(false);
                    let read = match read {
                        Ok(mut preview) => {
                            preview.notes.insert(0, MoreMsg::FileNote { name }.both());
                            Ok(preview)
                        }
                        Err(ImportFailure::File(problems)) => Err(problems),
                        Err(ImportFailure::Module(why)) => {
                            excel.set(Excel::Failed(why));
                            return;
                        }
                    };
                    state.dispatch(Action::DataRead(model.year(), read));
                });
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
    let writing = *excel == Excel::Busy;
    let busy = writing || *reading;
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
            <summary><h2>{ MoreMsg::DataTitle.text(lang) }</h2></summary>
            <p class="help">{ MoreMsg::DataHelp.text(lang) }</p>
            if state.is_derived() {
                <p class="help" data-testid="data-into-63">{ MoreMsg::DataInto63.text(lang) }</p>
            }
            <div class="file-row">
                <button type="button" data-testid="export-csv" onclick={on_template}>{ MoreMsg::DataTemplate.text(lang) }</button>
                <label class="file-pick">
                    <span>{ MoreMsg::DataImport.text(lang) }</span>
                    <input type="file" accept={format!(".csv,text/csv,.xlsx,{XLSX_MIME}")} data-testid="import-data" onchange={on_file} />
                </label>
                <button type="button" data-testid="export-xlsx" onclick={on_template_xlsx} aria-disabled={writing.then_some("true")}>{ MoreMsg::DataTemplateXlsx.text(lang) }</button>
                if imported > 0 {
                    <button type="button" data-testid="restore-builtin" onclick={on_restore}>{ MoreMsg::DataRestore.text(lang) }</button>
                }
            </div>
            // Always present, so that screen readers announce the text when it appears.
            <p class="file-status" role="status" data-testid={busy.then_some("excel-busy")}>
                { if busy { MoreMsg::ExcelLoading.text(lang) } else { "".into() } }
            </p>
            if let Excel::Failed(e) = &*excel {
                <p class="import-errors" role="alert" data-testid="excel-error">{ e.get(en) }</p>
            }
            if imported > 0 {
                <p class="imported-note" role="status">{ MoreMsg::ImportedCount { n: imported }.text(lang) }</p>
            }
            if !state.import_errors.is_empty() {
                <div class="import-errors" role="alert" data-testid="import-errors">
                    <p><strong>{ MoreMsg::DataRejected.text(lang) }</strong></p>
                    <ul>{ for state.import_errors.iter().map(|e| html! { <li>{ e.get(en) }</li> }) }</ul>
                </div>
            }
            if let Some(ict_state::PendingImport { year, preview, .. }) = &state.pending_import {
                <div class="import-preview" data-testid="import-preview">
                    <p><strong>{ MoreMsg::PreviewSummary { year: *year, changes: preview.changes.len(), unchanged: preview.unchanged }.text(lang) }</strong></p>
                    <ul class="notes-list">{ for preview.notes.iter().map(|n| html! { <li>{ n.get(en) }</li> }) }</ul>
                    <table>
                        <thead><tr>
                            <th scope="col">{ Msg::Province.text(lang) }</th>
                            <th scope="col">{ MoreMsg::Indicator.text(lang) }</th>
                            <th scope="col">{ MoreMsg::DataOld.text(lang) }</th>
                            <th scope="col">{ MoreMsg::DataNew.text(lang) }</th>
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
                    <button type="button" data-testid="import-confirm" onclick={on_confirm} disabled={preview.changes.is_empty()}>{ MoreMsg::DataApply.text(lang) }</button>
                    <button type="button" onclick={on_cancel}>{ MoreMsg::DataCancel.text(lang) }</button>
                </div>
            }
            <div class="file-row">
                <button type="button" data-testid="export-results-csv" onclick={on_results}>{ MoreMsg::DataResults.text(lang) }</button>
                <button type="button" data-testid="export-results-xlsx" onclick={on_results_xlsx} aria-disabled={writing.then_some("true")}>{ MoreMsg::DataResultsXlsx.text(lang) }</button>
                <button type="button" data-testid="print" onclick={on_print}>{ MoreMsg::Print.text(lang) }</button>
            </div>
        </details>
    }
}
