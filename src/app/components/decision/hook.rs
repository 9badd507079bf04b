//! The decision aids' answers: derived ones memoised by everything they depend on
//! ([`AnswerKey`]), and the rank interval computed a moment after the last change, a slice of
//! draws per task, and handed to the reducer with the key it was computed for.

use std::cell::RefCell;
use std::rc::Rc;

use ict_engine::analysis::Lever;
use yew::prelude::*;

use crate::app::slices::{self, Sliced};
use crate::app::state::{answers, Action, KeyedInterval};
use crate::app::AppContext;

/// How long after the last change the rank interval is started (ms).
const INTERVAL_DELAY_MS: u32 = 150;
/// The rank interval's draws run in slices of about this many milliseconds of work, each its own
/// task (≈ 120 ms of draws in all, ≈ 500 ms on a phone: typing never waits for more than a
/// slice; a change drops the run).
const SLICE_MS: f64 = 8.0;
/// Draws between two looks at the clock (≈ 0,5 ms in the browser).
const SLICE_DRAWS: usize = 50;

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
            let running: Rc<RefCell<Option<Sliced>>> = Rc::default();
            let slot = Rc::clone(&running);
            let timer = gloo::timers::callback::Timeout::new(INTERVAL_DELAY_MS, move || {
                if s.current_interval().is_some() {
                    return;
                }
                let Some(mut job) = answers::interval_job(&s) else {
                    return;
                };
                // Marks of the first slice and the answer (read by the timing script).
                slices::mark("ict-index:interval-start");
                *slot.borrow_mut() = slices::run(move || {
                    let start = slices::now();
                    loop {
                        if let Some(interval) = job.step(SLICE_DRAWS) {
                            slices::mark("ict-index:interval-done");
                            let key = key.clone();
                            s.dispatch(Action::IntervalDone(KeyedInterval { key, interval }));
                            return true;
                        }
                        if slices::now() - start >= SLICE_MS {
                            return false;
                        }
                    }
                });
            });
            move || {
                drop(timer);
                running.borrow_mut().take();
            }
        });
    }
    Derived { levers, rank_trend }
}
