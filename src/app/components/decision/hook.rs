//! The decision aids' answers: derived ones memoised by everything they depend on
//! ([`AnswerKey`]), and the rank interval computed a moment after the last change and handed
//! to the reducer with the key it was computed for.

use std::rc::Rc;

use ict_engine::analysis::Lever;
use yew::prelude::*;

use crate::app::state::{answers, Action, KeyedInterval};
use crate::app::AppContext;

/// How long after the last change the rank interval is computed (ms): ≈ 50–120 ms of work
/// that typing should not wait for.
const INTERVAL_DELAY_MS: u32 = 150;

/// What the decision panel shows besides the stored answers.
#[derive(Clone, PartialEq)]
pub struct Derived {
    pub levers: Rc<Vec<Lever>>,
    pub rank_trend: Option<u32>,
}

#[hook]
pub fn use_decision(state: &AppContext) -> Derived {
    let key = state.answer_key();
    let levers = {
        let s = state.clone();
        use_memo(key.clone(), move |_| answers::lever_list(&s))
    };
    let rank_trend = {
        let s = state.clone();
        *use_memo(key.clone(), move |_| answers::rank_under_trend(&s))
    };
    {
        let s = state.clone();
        use_effect_with(key, move |key| {
            let key = key.clone();
            let timer = gloo::timers::callback::Timeout::new(INTERVAL_DELAY_MS, move || {
                if s.current_interval().is_none() {
                    if let Some(interval) = answers::interval(&s) {
                        s.dispatch(Action::IntervalDone(KeyedInterval { key, interval }));
                    }
                }
            });
            move || drop(timer)
        });
    }
    Derived { levers, rank_trend }
}
