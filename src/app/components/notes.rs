//! Methodology and data notes: how the score is computed, where each figure comes from.

use ict_engine::numfmt::format;
use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n::Msg;

#[component(Notes)]
pub fn notes() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let published = &model.edition().published;
    // The panel is long: its content is only built once it is opened (faster first render).
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            )
        })
    };
    html! {
        <footer class="notes">
            <details ontoggle={on_toggle}>
                <summary><h2>{ Msg::Notes.text(lang) }</h2></summary>
                if *open {
                <h3>{ Msg::NotesHow.text(lang) }</h3>
                <ol>
                    <li>{ Msg::NotesStepNormalise.text(lang) }</li>
                    <li>{ Msg::NotesStepGroups.text(lang) }</li>
                    <li>{ Msg::NotesStepMeans.text(lang) }</li>
                    <li>{ Msg::NotesStepRanks.text(lang) }</li>
                </ol>
                <h3>{ Msg::NotesSources.text(lang) }</h3>
                <p>{ Msg::NotesSourcesText.text(lang) }</p>
                <ul>
                    { for model.edition().meta.sources.iter().map(|s| html! { <li>{ s.name.get(en) }</li> }) }
                </ul>
                <ul class="data-notes">
                    { for published.notes.iter().map(|n| html! { <li>{ n.get(en) }</li> }) }
                    { for published.scores.iter().filter_map(|s| s.note.as_ref()).map(|n| html! { <li>{ n.get(en) }</li> }) }
                </ul>
                <h3>{ Msg::NotesEstimates.text(lang) }</h3>
                <p>{ Msg::NotesEstimatesText.text(lang) }</p>
                <p>{ Msg::NotesProxies.text(lang) }</p>
                <h3>{ Msg::NotesUnits.text(lang) }</h3>
                <p>{ Msg::NotesUnitsText.text(lang) }</p>
                <h3>{ Msg::NotesMap.text(lang) }</h3>
                <p>{ Msg::NotesMapText.text(lang) }</p>
                <h3>{ Msg::NotesRanges.text(lang) }</h3>
                <p>{ Msg::NotesRangesText.text(lang) }</p>
                <table class="ranges">
                    <thead><tr>
                        <th scope="col">{ Msg::Indicator.text(lang) }</th>
                        <th scope="col">{ Msg::Unit.text(lang) }</th>
                        <th scope="col">{ Msg::PlausibleRange.text(lang) }</th>
                        <th scope="col">{ Msg::ValidRange.text(lang) }</th>
                    </tr></thead>
                    <tbody>
                        { for model.indicators().iter().map(|d| {
                            let dec = usize::from(d.decimals);
                            html! {
                                <tr>
                                    <th scope="row">{ d.name.get(en) }{ d.note.as_ref().map(|n| html! { <small>{ " — " }{ n.get(en) }</small> }).unwrap_or_default() }</th>
                                    <td>{ d.unit.get(en) }</td>
                                    <td>{ format!("{} – {}", format(d.plausible[0], dec.min(2), lang), format(d.plausible[1], dec.min(2), lang)) }</td>
                                    <td>{ format!("{} – {}", format(d.valid[0], 0, lang), format(d.valid[1], 0, lang)) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                }
            </details>
        </footer>
    }
}
