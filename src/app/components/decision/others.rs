//! The rank under two assumptions about the other provinces (frozen, or continuing their
//! trend) and how sure the rank is (the Monte Carlo interval).

use ict_engine::analysis::{NOISE_SHARE, PERCENTILES};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::hooks::use_app;
use crate::app::i18n_more::MoreMsg;
use crate::app::state::{answers::DRAWS, Action};

#[derive(Properties, PartialEq)]
pub struct OthersProps {
    /// The rank if the others continue their trend (none without an older edition).
    pub rank_trend: Option<u32>,
}

#[component(Others)]
pub fn others(props: &OthersProps) -> Html {
    let Some(state) = use_app() else {
        return html! {};
    };
    let lang = state.lang;
    let rank_frozen = state.current.rank(state.model().root(), state.p());
    let on_trend = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.dispatch(Action::SetTrend(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };
    // Only an interval computed for the state as it is now is shown.
    let interval_text = match state.current_interval() {
        Some(iv) => MoreMsg::RankLikely {
            point: iv.point,
            lo: iv.lo,
            hi: iv.hi,
        },
        None => MoreMsg::RankComputing { rank: rank_frozen },
    };
    // The share of draws that rank better, in full (the end-to-end tests compare the builds).
    let p_better = state.current_interval().map(|iv| iv.p_better.to_string());
    let interval_help = MoreMsg::IntervalHelp {
        lo: PERCENTILES.0,
        hi: PERCENTILES.1,
        noise: NOISE_SHARE,
        draws: DRAWS,
    };
    html! {
        <div class="others">
            if let Some(older) = state.older_model() {
                <label class="check">
                    <input type="checkbox" data-testid="trend-toggle" checked={state.decision.trend} onchange={on_trend} />
                    { MoreMsg::TrendToggle { from: older.year(), to: state.year }.text(lang) }
                </label>
            }
            <p class="ranks">
                { format!("{}: {rank_frozen}", MoreMsg::RankFrozen.text(lang)) }
                if let Some(r) = props.rank_trend {
                    { format!(" · {}: {r}", MoreMsg::RankTrend.text(lang)) }
                }
            </p>
            <p class="interval" aria-live="polite">
                <span data-testid="rank-interval" data-p-better={p_better}>{ interval_text.text(lang) }</span>
                <span class="help">{ format!(" — {}", interval_help.text(lang)) }</span>
            </p>
        </div>
    }
}
