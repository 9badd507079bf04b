//! Decision aids: which levers matter, what it takes to reach a rank, how sure the rank is, and
//! what happens if the other provinces keep improving. Every answer is keyed by the state it
//! answers ([`ict_state::answers`]); [`hook::use_decision`] owns the derived ones.

pub mod goal;
pub mod hook;
pub mod levers;
pub mod others;

use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n_more::MoreMsg;

#[component(DecisionPanel)]
pub fn decision_panel() -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let derived = hook::use_decision(&state);
    html! {
        <section class="decision" aria-labelledby="decision-title">
            <h2 id="decision-title">{ MoreMsg::DecisionTitle.text(state.lang) }</h2>
            <others::Others rank_trend={derived.rank_trend} />
            <goal::GoalSeek />
            <levers::Levers levers={derived.levers.clone()} />
        </section>
    }
}
