//! The stage: what a room sees on a projector (presentation mode) and what a visitor meets first
//! in the embedded layout. The province's score and rank, large, with the change against the
//! baseline and its pillars; the ranking chart; the key indicators as large sliders; and one
//! button (or the key `a`) for the rest of the app. Changes animate briefly (CSS, none under
//! `prefers-reduced-motion`); the numbers in the DOM are always the final ones at once.

use yew::prelude::*;

use super::notice::NoticeBar;
use super::score_bar::ScoreBar;
use crate::app::hooks::{toggle_fullscreen, use_app, use_fullscreen};
use crate::app::i18n::Msg;
use crate::app::state::Action;
use crate::app::view::{
    provenance_badge, rank, rank_change, score, score_change, shown_score_provenance,
};

/// How many times `value` changed while the component was shown: keys the elements whose CSS
/// animation marks a change (a new element plays it again).
#[hook]
fn use_changes<T: PartialEq + Clone + 'static>(value: T) -> u32 {
    let seen = use_mut_ref(|| (value.clone(), 0u32));
    let mut seen = seen.borrow_mut();
    if seen.0 != value {
        *seen = (value, seen.1 + 1);
    }
    seen.1
}

/// A decorative element that plays its animation once each time `n` changes (none at first).
fn flash(class: &'static str, n: u32) -> Html {
    html! {
        <span class="flash-slot" aria-hidden="true">
            if n > 0 {
                <span key={n.to_string()} class={class}></span>
            }
        </span>
    }
}

#[component(Stage)]
pub fn stage() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let embed = *use_memo((), |_| crate::app::hooks::query_flag("embed"));
    let fullscreen = use_fullscreen();
    let lang = state.lang;
    let en = lang.is_en();
    let model = state.model().clone();
    let (cur, base) = (state.current.clone(), state.baseline().clone());
    let p = state.p();
    let root = model.root();
    let n = model.province_count();
    let (now, was) = (cur.score(root, p), base.score(root, p));
    let (rank_now, rank_was) = (cur.rank(root, p), base.rank(root, p));
    let score_text = score(now, lang);
    // Published while it is the baseline a source prints, else an estimate (as the results card).
    let score_prov = shown_score_provenance(&model, &cur, &base, root, p);
    let score_changes = use_changes(score_text.clone());
    let rank_changes = use_changes(rank_now);
    let dispatch = state.dispatcher();
    let on = |action: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let present = state.present && !embed;
    let saved_at = state
        .shown_saved
        .as_ref()
        .and_then(|id| state.saved.iter().position(|x| &x.id == id));
    let fullscreen_enabled = gloo::utils::document().fullscreen_enabled();
    html! {
        <section id="stage" class="stage" aria-labelledby="stage-title" tabindex="-1" data-testid="stage">
            <div class="stage-notice"><NoticeBar compact=true /></div>
            <div class="stage-score">
                <h2 id="stage-title">
                    { model.provinces()[p].name.get(en) }{ " " }<span class="stage-year">{ state.year }</span>
                    <span class="sr-only">{ " — " }{ Msg::StageLabel.text(lang) }</span>
                </h2>
                <div class="stage-figures" aria-live="polite">
                    <p class="stage-big">
                        { flash("flash", score_changes) }
                        <span data-testid="index-score">{ score_text }</span>
                    </p>
                    <p class="stage-rank">
                        { flash("flash", rank_changes) }
                        { Msg::Rank.text(lang) }{ " " }<span data-testid="index-rank">{ rank(rank_now, n) }</span>
                    </p>
                    <p class="stage-changes">
                        { score_change(now - was, lang) }{ " · " }{ rank_change(rank_was, rank_now, lang) }
                        { " " }<span class="muted">{ Msg::AgainstBaseline.text(lang) }</span>
                        { " " }{ provenance_badge(&model, &score_prov, lang) }
                    </p>
                </div>
                <p class="stage-base">
                    { Msg::Baseline.text(lang) }{ ": " }<span data-testid="baseline-score">{ score(was, lang) }</span>
                    { " · " }{ Msg::Rank.text(lang) }{ " " }<span data-testid="baseline-rank">{ rank(rank_was, n) }</span>
                    if !state.scenario().settings.is_official() {
                        { " " }<span class="badge unofficial">{ Msg::Unofficial.text(lang) }</span>
                    }
                </p>
                <ul class="stage-pillars" aria-label={Msg::Components.text(lang)}>
                    { for model.child_nodes(root).map(|k| html! {
                        <li>
                            <span class="pillar-name">{ model.nodes()[k].name.get(en) }</span>
                            <ScoreBar value={cur.score(k, p)} base={base.score(k, p)} />
                            <span class="pillar-value">{ score(cur.score(k, p), lang) }</span>
                        </li>
                    }) }
                </ul>
            </div>
            // The chart slot: the ranking chart or the map, which the second module draws
            // (`app::more`).
            <div id={crate::app::bridge::slot("stage-chart")} class="stage-chart"></div>
            <div id={crate::app::bridge::slot("stage-keys")} class="stage-keys" role="group" aria-labelledby="stage-keys-title">
                <h3 id="stage-keys-title">{ Msg::KeyIndicators.text(lang) }</h3>
                // The key indicators' sliders, which the second module draws (they follow the
                // levers: `app::components::stage_keys`).
            </div>
            <div class="stage-bar">
                <button type="button" class="show-all" data-testid="show-all" aria-expanded={state.expanded.to_string()}
                    aria-controls="rest" aria-keyshortcuts="a" onclick={on(Action::ToggleExpanded)}>
                    { Msg::ShowAll.text(lang) }{ " " }<kbd aria-hidden="true">{ "A" }</kbd>
                </button>
                if present && !state.saved.is_empty() {
                    <div class="stage-saved" data-testid="stage-saved">
                        <button type="button" aria-label={Msg::KeyPrevious.text(lang)} aria-keyshortcuts="PageUp"
                            onclick={on(Action::StepSaved(-1))}>{ "◀" }</button>
                        <span>{ match saved_at {
                            Some(k) => Msg::SavedAt { at: k + 1, of: state.saved.len(), name: state.saved[k].file.name.clone() }.text(lang).into_owned(),
                            None => format!("{} ({})", Msg::SavedTitle.text(lang), state.saved.len()),
                        } }</span>
                        <button type="button" aria-label={Msg::KeyNext.text(lang)} aria-keyshortcuts="PageDown"
                            onclick={on(Action::StepSaved(1))}>{ "▶" }</button>
                    </div>
                }
                if present && fullscreen_enabled {
                    <button type="button" class="fullscreen" data-testid="fullscreen" aria-pressed={fullscreen.to_string()}
                        aria-keyshortcuts="f" onclick={Callback::from(|_: MouseEvent| toggle_fullscreen())}>
                        { Msg::FullScreen.text(lang) }{ " " }<kbd aria-hidden="true">{ "F" }</kbd>
                    </button>
                }
            </div>
        </section>
    }
}
