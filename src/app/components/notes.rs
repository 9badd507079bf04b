//! Methodology and data notes: how the score is computed, where each figure comes from.

use ict_engine::numfmt::format;
use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n_more::MoreMsg;

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
                <summary><h2>{ MoreMsg::Notes.text(lang) }</h2></summary>
                if *open {
                <h3>{ MoreMsg::NotesHow.text(lang) }</h3>
                <ol>
                    <li>{ MoreMsg::NotesStepNormalise.text(lang) }</li>
                    <li>{ MoreMsg::NotesStepGroups.text(lang) }</li>
                    <li>{ MoreMsg::NotesStepMeans.text(lang) }</li>
                    <li>{ MoreMsg::NotesStepRanks.text(lang) }</li>
                </ol>
                <h3>{ MoreMsg::NotesSources.text(lang) }</h3>
                <p>{ MoreMsg::NotesSourcesText.text(lang) }</p>
                <ul>
                    { for model.edition().meta.sources.iter().map(|s| html! { <li>{ s.name.get(en) }</li> }) }
                </ul>
                <ul class="data-notes">
                    { for published.notes.iter().map(|n| html! { <li>{ n.get(en) }</li> }) }
                    { for published.scores.iter().filter_map(|s| s.note.as_ref()).map(|n| html! { <li>{ n.get(en) }</li> }) }
                </ul>
                <h3>{ MoreMsg::NotesEstimates.text(lang) }</h3>
                <p>{ MoreMsg::NotesEstimatesText.text(lang) }</p>
                <p>{ MoreMsg::NotesProxies.text(lang) }</p>
                <h3>{ MoreMsg::NotesUnits.text(lang) }</h3>
                <p>{ MoreMsg::NotesUnitsText.text(lang) }</p>
                <h3>{ MoreMsg::NotesMap.text(lang) }</h3>
                <p>{ MoreMsg::NotesMapText.text(lang) }</p>
                <h3>{ MoreMsg::NotesRanges.text(lang) }</h3>
                <p>{ MoreMsg::NotesRangesText.text(lang) }</p>
                <table class="ranges">
                    <thead><tr>
                        <th scope="col">{ MoreMsg::Indicator.text(lang) }</th>
                        <th scope="col">{ MoreMsg::Unit.text(lang) }</th>
                        <th scope="col">{ MoreMsg::PlausibleRange.text(lang) }</th>
                        <th scope="col">{ MoreMsg::ValidRange.text(lang) }</th>
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
