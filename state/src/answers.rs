//! Derived answers: every answer is computed from, and keyed by, everything it depends on.
//!
//! An answer the planner asked for (goal-seek, its plan) or one that arrives later (the Monte
//! Carlo interval) is stored with its [`AnswerKey`] and the question; it is shown or applied
//! only while both equal the current ones. Answers that follow from the state (levers, rank
//! under the others' trend, the method's rank changes, the waterfall) are plain functions of
//! the state; a cache of them must be keyed by [`AnswerKey`] (plus what it adds).

use std::collections::BTreeMap;
use std::rc::Rc;

use ict_engine::analysis::{
    index_of, levers, seek_plan, seek_single, trend_values, Goal, IntervalRun, Lever, RankInterval,
    SingleSeek, Tally,
};
use ict_engine::compute::Params;
use ict_engine::interval_part::IntervalPart;
use ict_engine::numfmt::parse_typed as parse;
use ict_engine::{Model, Scenario, Settings};
use serde::{Deserialize, Serialize};

use crate::app::AppState;

/// Monte Carlo draws for the rank interval (fixed seed: the same inputs give the same answer).
pub const DRAWS: usize = 10_000;
/// Seed of the rank interval's draws.
pub const SEED: u64 = 2019;

/// Everything a derived answer depends on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerKey {
    /// The province set in view.
    pub set: String,
    pub year: u16,
    /// Generation of the edition's data (an import gives a new one).
    pub generation: u64,
    /// Generation of the older edition's data (the others' trend is computed from it).
    pub older_generation: Option<u64>,
    pub province: String,
    /// The scenario: values of every province and the method.
    pub scenario: Scenario,
    /// The other provinces continue their trend.
    pub trend: bool,
}

/// The goal-seek question being asked: the form's text as typed and the indicator (by id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalForm {
    pub rank: String,
    pub score: String,
    /// The indicator for the one-indicator answer; `None`: the edition's first.
    pub indicator: Option<String>,
}

impl Default for GoalForm {
    fn default() -> Self {
        GoalForm {
            rank: "2".into(),
            score: String::new(),
            indicator: None,
        }
    }
}

/// Why the goal form cannot be sought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalError {
    Missing,
    RankInvalid,
    ScoreInvalid,
}

impl GoalForm {
    /// The goal, for an edition of `provinces` provinces.
    pub fn goal(&self, provinces: usize) -> Result<Goal, GoalError> {
        let rank = match self.rank.trim() {
            "" => Ok(None),
            r => r
                .parse::<u32>()
                .ok()
                .filter(|r| (1..=provinces as u32).contains(r))
                .map(Some)
                .ok_or(GoalError::RankInvalid),
        };
        let score = match self.score.trim() {
            "" => Ok(None),
            s => parse(s)
                .ok()
                .filter(|s| (0.0..=1.0).contains(s))
                .map(Some)
                .ok_or(GoalError::ScoreInvalid),
        };
        match (rank, score) {
            (Ok(None), Ok(None)) => Err(GoalError::Missing),
            (Ok(rank), Ok(score)) => Ok(Goal { rank, score }),
            (Err(e), _) | (_, Err(e)) => Err(e),
        }
    }
}

/// One change of a plan, by indicator id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    pub indicator: String,
    pub from: f64,
    pub to: f64,
}

/// A goal-seek answer with the question and the state it answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeekAnswer {
    pub key: AnswerKey,
    pub goal: Goal,
    /// The indicator of the one-indicator answer (its id).
    pub indicator: String,
    pub single: SingleSeek,
    pub moves: Vec<Move>,
    pub reached: bool,
    pub score: f64,
    pub rank: u32,
    /// Plan values typed over (indicator id → text).
    pub edits: BTreeMap<String, String>,
    /// An edited plan value was not a valid number.
    pub edit_error: bool,
}

/// The rank interval with the state it was computed for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyedInterval {
    pub key: AnswerKey,
    pub interval: RankInterval,
}

/// The decision aids' part of the state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    pub trend: bool,
    pub form: GoalForm,
    pub answer: Option<SeekAnswer>,
    pub interval: Option<KeyedInterval>,
}

/// The scenario's values (indicator-major) and parameters, with the other provinces at their
/// trend when asked; `None` when the scenario does not fit the model (never for a state the
/// reducer made).
pub fn inputs(state: &AppState) -> Option<(Vec<f64>, Params)> {
    let model = state.model();
    let scenario = state.scenario();
    let values = model.apply(&scenario).ok()?;
    let params = model.params(&scenario.settings).ok()?;
    let older = state.older_model().filter(|_| state.decision.trend);
    Some((
        world(model, older.map(|m| &**m), &values, state.p()),
        params,
    ))
}

/// The values the others have: the edition's data, or one more year at their trend; the
/// province's own values as in the scenario.
fn world(model: &Model, older: Option<&Model>, scenario_values: &[f64], p: usize) -> Vec<f64> {
    let Some(older) = older else {
        return scenario_values.to_vec();
    };
    let mut v = trend_values(model, older);
    let np = model.province_count();
    for i in 0..model.indicators().len() {
        v[i * np + p] = scenario_values[i * np + p];
    }
    v
}

/// The levers of the selected province (every indicator), under the state's assumption about
/// the others.
pub fn lever_list(state: &AppState) -> Vec<Lever> {
    match inputs(state) {
        Some((values, params)) => levers(state.model(), &params, &values, state.p()),
        None => Vec::new(),
    }
}

/// The selected province's rank if the others continue their 2-edition trend.
pub fn rank_under_trend(state: &AppState) -> Option<u32> {
    let model = state.model();
    let older = state.older_model()?;
    let scenario = state.scenario();
    let values = model.apply(&scenario).ok()?;
    let params = model.params(&scenario.settings).ok()?;
    let p = state.p();
    let v = world(model, Some(older), &values, p);
    Some(index_of(model, &params, &v, p).1)
}

/// The rank interval for the current state (≈ 50 ms natively), at once.
pub fn interval(state: &AppState) -> Option<RankInterval> {
    interval_job(state)?.step(DRAWS)
}

/// The rank interval of the state it was made from, computed a slice of draws at a time (the
/// app runs one slice per task, so that typing never waits for the whole run): owns what it
/// needs, so the state may move on meanwhile; the result is exactly [`interval`]'s for that
/// state. Whoever runs it keys it by the state's [`AnswerKey`].
pub struct IntervalJob {
    model: Rc<Model>,
    settings: Settings,
    params: Params,
    values: Vec<f64>,
    p: usize,
    run: IntervalRun,
}

impl IntervalJob {
    /// Up to `n` more draws; the interval once all [`DRAWS`] are done.
    pub fn step(&mut self, n: usize) -> Option<RankInterval> {
        self.run
            .step(&self.model, &self.params, &self.values, self.p, None, n)
    }

    /// Draws done so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        self.run.progress()
    }

    /// The draws `from .. from + count` of this job's run, for another thread to run
    /// ([`IntervalPart::run_bytes`]) while this one runs the others.
    pub fn part(&self, from: usize, count: usize) -> IntervalPart {
        IntervalPart::new(
            &self.model,
            &self.settings,
            &self.values,
            self.p,
            SEED,
            from,
            count,
        )
    }

    /// The draws done here so far, by rank.
    pub fn tally(&self) -> Tally {
        self.run.tally()
    }

    /// The interval from tallies that cover every draw once (see [`IntervalRun::finish`]).
    pub fn finish(&self, parts: &[&Tally]) -> Option<RankInterval> {
        self.run.finish(parts)
    }
}

/// The rank interval's job for the current state (`None` when the scenario does not fit).
pub fn interval_job(state: &AppState) -> Option<IntervalJob> {
    let (values, params) = inputs(state)?;
    Some(IntervalJob {
        model: Rc::clone(state.model()),
        settings: state.scenario().settings.clone(),
        params,
        values,
        p: state.p(),
        run: IntervalRun::new(DRAWS, SEED),
    })
}

/// Every province whose rank differs between the default method and the scenario's, with
/// (province id, rank under the default method, rank under the scenario's); `None` while the
/// method is the default.
pub fn method_moves(state: &AppState) -> Option<Vec<(String, u32, u32)>> {
    let scenario = state.scenario();
    if scenario.settings.is_official() {
        return None;
    }
    let model = state.model();
    let official = model
        .evaluate(&Scenario {
            values: scenario.values.clone(),
            settings: Default::default(),
        })
        .ok()?;
    let root = model.root();
    let current = &state.current;
    let mut moved: Vec<(String, u32, u32)> = (0..model.province_count())
        .map(|q| {
            (
                model.provinces()[q].id.clone(),
                official.rank(root, q),
                current.rank(root, q),
            )
        })
        .filter(|(_, a, b)| a != b)
        .collect();
    moved.sort_by_key(|m| m.2);
    Some(moved)
}

/// The baseline index of the selected province (under the scenario's method) and the index
/// change of each of its edited indicators applied one after another (tree order), then the
/// edits of other provinces as one step (`None` as indicator).
pub fn waterfall(state: &AppState) -> (f64, Vec<(Option<String>, f64)>) {
    let model = state.model();
    let scenario = state.scenario();
    let root = model.root();
    let province = &state.province;
    let Some(p) = model.province_index(province) else {
        return (0.0, Vec::new());
    };
    let mut partial = Scenario {
        values: Default::default(),
        settings: scenario.settings.clone(),
    };
    let Ok(base) = model.evaluate(&partial) else {
        return (0.0, Vec::new());
    };
    let start = base.score(root, p);
    let mut steps = Vec::new();
    let mut level = start;
    for &i in model.indicators_below(root) {
        let id = &model.indicators()[i].id;
        if let Some(v) = scenario.get(province, id) {
            partial.set(province, id, v);
            if let Ok(r) = model.evaluate(&partial) {
                steps.push((Some(id.clone()), r.score(root, p) - level));
                level = r.score(root, p);
            }
        }
    }
    if scenario.values.keys().any(|k| k != province) {
        if let Ok(r) = model.evaluate(&scenario) {
            steps.push((None, r.score(root, p) - level));
        }
    }
    (start, steps)
}

/// Seeks the form's goal for the current state: the one-indicator answer and the plan.
pub fn seek(state: &AppState) -> Option<SeekAnswer> {
    let model = state.model();
    let goal = state.decision.form.goal(model.province_count()).ok()?;
    let indicator = state.goal_indicator()?;
    let i = model.indicator_index(&indicator)?;
    let (values, params) = inputs(state)?;
    let p = state.p();
    let single = seek_single(model, &params, &values, p, i, goal);
    let plan = seek_plan(model, &params, &values, p, goal);
    Some(SeekAnswer {
        key: state.answer_key(),
        goal,
        indicator,
        single,
        moves: plan
            .steps
            .iter()
            .map(|s| Move {
                indicator: model.indicators()[s.indicator].id.clone(),
                from: s.from,
                to: s.to,
            })
            .collect(),
        reached: plan.reached,
        score: plan.score,
        rank: plan.rank,
        edits: BTreeMap::new(),
        edit_error: false,
    })
}

/// The indicators that matter most now, for the stage's large sliders: the selected province's
/// edited indicators (what a preset, a plan or the planner set; the largest contributions to the
/// index change first), then the top `levers` (gain at the best province's value), then the
/// editor's order, until there are `count` (fewer only if the edition has fewer). Indexes of the
/// current model, in the editor's order, so that a slider keeps its place while it moves.
pub fn key_indicators(state: &AppState, levers: &[Lever], count: usize) -> Vec<usize> {
    let model = state.model();
    let mut edited: Vec<(usize, f64)> = waterfall(state)
        .1
        .into_iter()
        .filter_map(|(id, delta)| Some((model.indicator_index(id.as_deref()?)?, delta.abs())))
        .collect();
    edited.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let order = model.indicators_below(model.root());
    let candidates = edited
        .into_iter()
        .map(|(i, _)| i)
        .chain(levers.iter().map(|l| l.indicator))
        .chain(order.iter().copied())
        .filter(|&i| i < model.indicators().len());
    let mut keys: Vec<usize> = Vec::with_capacity(count);
    for i in candidates {
        if keys.len() == count {
            break;
        }
        if !keys.contains(&i) {
            keys.push(i);
        }
    }
    keys.sort_by_key(|i| order.iter().position(|j| j == i));
    keys
}
