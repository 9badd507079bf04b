//! The decision aids' answers: derived ones memoised by everything they depend on
//! ([`AnswerKey`]), and the rank interval computed a moment after the last change, a slice of
//! draws per task, and handed to the reducer with the key it was computed for.

use std::cell::RefCell;
use std::rc::Rc;

use ict_engine::analysis::{Lever, RankInterval, Tally};
use yew::prelude::*;

use crate::app::draw_worker::{self, Reply};
use crate::app::slices::{self, Sliced};
use crate::app::state::answers::{self, IntervalJob};
use crate::app::state::{Action, KeyedInterval};
use crate::app::AppContext;

/// How long after the last change the rank interval is started (ms).
const INTERVAL_DELAY_MS: u32 = 150;
/// The rank interval's draws run in slices of about this many milliseconds of work, each its own
/// task (≈ 120 ms of draws in all, ≈ 500 ms on a phone: typing never waits for more than a
/// slice; a change drops the run).
const SLICE_MS: f64 = 8.0;
/// Draws between two looks at the clock (≈ 0,5 ms in the browser).
const SLICE_DRAWS: usize = 50;

/// After its half, the page's slices are this short while it waits for the worker's (it draws
/// on meanwhile, in case the worker is late), so that the worker's answer is taken at once.
const WAIT_SLICE_MS: f64 = 1.0;

/// The draws the page makes before it joins the worker's tally (the worker makes the others).
const HALF: usize = answers::DRAWS / 2;

/// A rank interval's run, its second half asked of the worker ([`draw_worker`]) when it is
/// ready: the page draws the first half, then joins the worker's tally to it; if the worker
/// fails or is late, the page's draws go on to the end. Either way the answer is the same to the
/// bit.
struct Split {
    job: IntervalJob,
    /// The worker's part, and the page's tally once it has drawn the draws before it.
    helper: Option<(draw_worker::Asked, Option<Tally>)>,
}

impl Split {
    fn new(job: IntervalJob) -> Self {
        let helper = draw_worker::ask(|| job.part(HALF, answers::DRAWS - HALF).to_bytes().ok())
            .map(|asked| (asked, None));
        Split { job, helper }
    }

    /// A few more draws (or the worker's reply taken): the interval once it is known.
    fn step(&mut self) -> Option<RankInterval> {
        if let Some((asked, head)) = &mut self.helper {
            match (asked.reply(), head.as_ref()) {
                (Reply::Done(tail), Some(head)) => {
                    if let Some(interval) = self.job.finish(&[head, &tail]) {
                        slices::mark("ict-index:interval-worker");
                        draw_worker::on_time(true);
                        return Some(interval);
                    }
                    self.helper = None;
                }
                (Reply::Failed, _) => self.helper = None,
                _ => {}
            }
        }
        let (done, _) = self.job.progress();
        let n = match &self.helper {
            Some((_, None)) => SLICE_DRAWS.min(HALF - done),
            _ => SLICE_DRAWS,
        };
        let interval = self.job.step(n);
        if interval.is_some() && self.helper.is_some() {
            // The page drew every draw before the worker answered.
            draw_worker::on_time(false);
        }
        if let Some((_, head @ None)) = &mut self.helper {
            if self.job.progress().0 == HALF {
                *head = Some(self.job.tally());
            }
        }
        interval
    }

    fn slice_ms(&self) -> f64 {
        match self.helper {
            Some((_, Some(_))) => WAIT_SLICE_MS,
            _ => SLICE_MS,
        }
    }
}

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
                let Some(job) = answers::interval_job(&s) else {
                    return;
                };
                // Marks of the first slice and the answer (read by the timing script).
                slices::mark("ict-index:interval-start");
                draw_worker::start();
                let mut run = Split::new(job);
                *slot.borrow_mut() = slices::run(move || {
                    let start = slices::now();
                    loop {
                        if let Some(interval) = run.step() {
                            slices::mark("ict-index:interval-done");
                            let key = key.clone();
                            s.dispatch(Action::IntervalDone(KeyedInterval { key, interval }));
                            return true;
                        }
                        if slices::now() - start >= run.slice_ms() {
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
