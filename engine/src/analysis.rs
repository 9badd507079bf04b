//! Decision aids on top of the engine: which indicator moves a province's index most
//! ([`levers`]), how far one indicator must move to reach a goal ([`seek_single`]), a small set of
//! changes that reaches a goal ([`seek_plan`]), next year's values at the current trend
//! ([`trend_values`]) and how uncertain a rank is given the estimated values ([`rank_interval`]).
//!
//! Every function takes the raw values of a scenario (indicator-major, as from
//! [`Model::apply`]) and the resolved parameters (from [`Model::params`]), and evaluates with the
//! steps of [`compute`] themselves (its evaluator, scores only): after a change of one indicator
//! that indicator is normalised again across all provinces and the nodes above it are
//! recomputed, so re-normalisation is always accounted for: when a province passes the current
//! best on an indicator, the min–max scale moves and every other province's normalised value on
//! it shrinks. Answers that promise a goal is met are checked once more with [`compute`].
//!
//! **Monotonicity.** Under the official structure (min–max, ratio-to-max or goalposts
//! normalisation; rescaling only on nodes whose children are indicators; arithmetic or geometric
//! means above) a province's own index score never falls when one of its values moves towards
//! better: its normalised value rises or stays, the other provinces' normalised values on that
//! indicator fall or stay (the scale only widens away from them), and a rescaled score
//! `(a_p − min) / (max − min)` rises when `a_p` rises and the others' `a_q` fall. Its *rank*,
//! however, is not monotone: moving the scale can lift some rivals relative to others. The seek
//! functions therefore sample the whole range and bisect between samples rather than assume a
//! threshold, and say "found" only for values they have evaluated.
//!
//! No function here panics: on inconsistent input (province or indicator out of range, values
//! or parameters of the wrong length) they return empty or unreachable results.

use crate::compute::{compute, Evaluator, Params};
use crate::dataset::Model;
use crate::methodology::{Direction, IndicatorDef};
use crate::rank::{competition_ranks_into, TIE_EPSILON};

/// A "step" on an indicator: this share of its plausible range (10 %).
pub const STEP_SHARE: f64 = 0.10;
/// Monte Carlo noise on an estimated value: uniform in ± this share of the plausible range (5 %).
pub const NOISE_SHARE: f64 = 0.05;
/// [`seek_plan`] makes at most this many greedy moves.
pub const PLAN_MAX_MOVES: usize = 200;
/// [`seek_plan`] stops searching after about this many evaluations of the index.
pub const MAX_EVALUATIONS: usize = 20_000;
/// Samples per range in the seek functions (before bisection down to the indicator's decimals).
const SEEK_SAMPLES: usize = 64;
/// Lower and upper percentile of [`rank_interval`].
pub const PERCENTILES: (f64, f64) = (0.05, 0.95);

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

/// What one indicator can do for a province's index.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    pub indicator: usize,
    /// The province's value now.
    pub current: f64,
    /// The best other province's value (direction-aware); the province's own value if it is
    /// already best (or tied best).
    pub best_value: f64,
    /// `|best_value − current|` in the indicator's unit; 0 when already best.
    pub headroom: f64,
    /// Index score gain if only this indicator moved to `best_value` (full recompute).
    pub gain_to_best: f64,
    /// Index score gain for a move of [`STEP_SHARE`] of the plausible range towards better,
    /// clamped to the valid range.
    pub gain_per_step: f64,
    /// The province's index rank with this indicator at `best_value`.
    pub rank_if_best: u32,
}

/// A goal on the index: rank ≤ `rank` and score ≥ `score` (each only if given).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Goal {
    pub rank: Option<u32>,
    pub score: Option<f64>,
}

impl Goal {
    /// Rank `rank` or better.
    pub fn rank_at_most(rank: u32) -> Self {
        Goal {
            rank: Some(rank),
            score: None,
        }
    }
    /// True when an index score and rank meet the goal (a goal with neither part is always met).
    pub fn is_met(&self, score: f64, rank: u32) -> bool {
        self.rank.is_none_or(|r| rank <= r) && self.score.is_none_or(|s| score >= s)
    }
}

/// Result of [`seek_single`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum SingleSeek {
    /// The goal is met without any change.
    AlreadyMet,
    /// Setting the indicator to `value` meets the goal (checked by a full recompute);
    /// `score` and `rank` are the province's index then.
    Reached { value: f64, score: f64, rank: u32 },
    /// No value in the valid range meets the goal. The closest outcome found and the value that
    /// gives it: with a rank in the goal, the best rank (at the smallest move that gives it);
    /// otherwise the best score. On inconsistent input (see the module notes) `best_rank` is 0
    /// and `at_value` NaN.
    Unreachable {
        best_score: f64,
        best_rank: u32,
        at_value: f64,
    },
}

/// One change of a [`Plan`]: the province's value of `indicator` from `from` to `to`.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    pub indicator: usize,
    pub from: f64,
    pub to: f64,
}

/// Result of [`seek_plan`]. `score` and `rank` are the province's index with the plan applied.
/// When `reached` is false the steps are the best effort found (possibly empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub steps: Vec<PlanStep>,
    pub reached: bool,
    pub score: f64,
    pub rank: u32,
}

/// Result of [`rank_interval`].
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RankInterval {
    /// The province's rank with the values as given.
    pub point: u32,
    /// 5th percentile of the rank over the draws (the better end).
    pub lo: u32,
    /// 95th percentile of the rank over the draws (the worse end).
    pub hi: u32,
    pub draws: usize,
    /// Share of draws in which the rank is better (smaller) than `point`.
    pub p_better: f64,
}

// ---------------------------------------------------------------------------------------------
// Public functions
// ---------------------------------------------------------------------------------------------

/// The province's index score and rank (competition ranking, as [`compute`] gives it);
/// `(NaN, 0)` on inconsistent input.
pub fn index_of(model: &Model, params: &Params, values: &[f64], p: usize) -> (f64, u32) {
    match Search::new(model, params, values, p) {
        Some(mut ev) => {
            ev.full(values);
            (ev.score(p), ev.rank(p))
        }
        None => (f64::NAN, 0),
    }
}

/// One [`Lever`] per indicator, sorted by `gain_to_best` then `gain_per_step`, both descending
/// (then by indicator). Empty on inconsistent input.
pub fn levers(model: &Model, params: &Params, values: &[f64], p: usize) -> Vec<Lever> {
    let Some(mut ev) = Search::new(model, params, values, p) else {
        return Vec::new();
    };
    ev.full(values);
    let (s0, r0) = (ev.score(p), ev.rank(p));
    let none = Goal {
        rank: None,
        score: None,
    };
    let np = ev.provinces();
    let mut work = values.to_vec();
    let mut out = Vec::with_capacity(model.indicators().len());
    for (i, def) in model.indicators().iter().enumerate() {
        let ax = Axis::new(def);
        let current = work[i * np + p];
        let best_other = best_other(&work, np, i, p, ax.sign);
        let already_best = best_other.is_none_or(|b| ax.sign * current >= ax.sign * b);
        let (best_value, headroom, gain_to_best, rank_if_best) = match best_other {
            Some(b) if !already_best => {
                let o = ev.probe(&mut work, i, p, b, &none);
                (b, (b - current).abs(), o.score - s0, o.rank)
            }
            _ => (current, 0.0, 0.0, r0),
        };
        let step = clamp(current + ax.sign * STEP_SHARE * ax.width, ax.lo, ax.hi);
        let gain_per_step = if step != current {
            ev.probe(&mut work, i, p, step, &none).score - s0
        } else {
            0.0
        };
        out.push(Lever {
            indicator: i,
            current,
            best_value,
            headroom,
            gain_to_best,
            gain_per_step,
            rank_if_best,
        });
    }
    out.sort_by(|a, b| {
        b.gain_to_best
            .total_cmp(&a.gain_to_best)
            .then(b.gain_per_step.total_cmp(&a.gain_per_step))
            .then(a.indicator.cmp(&b.indicator))
    });
    out
}

/// The smallest move of one indicator of province `p`, from its current value towards better
/// (at most to the valid limit), that meets `goal`. The returned value is on the indicator's
/// decimals grid, rounded towards better, and meets the goal when applied (checked by
/// [`compute`]).
///
/// The range from the current value to the valid limit is sampled (every other province's value
/// on the indicator and one grid step past it, 64 points up to the best province's value and 64
/// up to the valid limit); between the last sample that fails and the first that meets the goal,
/// bisection on the decimals grid finds where the goal starts to hold.
pub fn seek_single(
    model: &Model,
    params: &Params,
    values: &[f64],
    p: usize,
    indicator: usize,
    goal: Goal,
) -> SingleSeek {
    let Some(mut ev) = Search::new(model, params, values, p) else {
        return SingleSeek::Unreachable {
            best_score: f64::NAN,
            best_rank: 0,
            at_value: f64::NAN,
        };
    };
    ev.full(values);
    let now = ev.outcome(p, &goal);
    if goal.is_met(now.score, now.rank) {
        return SingleSeek::AlreadyMet;
    }
    let Some(def) = model.indicators().get(indicator) else {
        return SingleSeek::Unreachable {
            best_score: now.score,
            best_rank: now.rank,
            at_value: f64::NAN,
        };
    };
    let np = ev.provinces();
    let ax = Axis::new(def);
    let c = indicator * np + p;
    let mut work = values.to_vec();
    let current = work[c];
    let mut best = (now.score, now.rank, current);

    let (u_cur, u_lim) = (ax.u_of(current), ax.u_limit());
    let mut cands = Vec::with_capacity(2 * np + 2 * SEEK_SAMPLES + 2);
    let mut push = |u: f64| {
        if u.is_finite() && u >= u_cur && u <= u_lim {
            cands.push(u);
        }
    };
    push(u_cur);
    push(u_lim);
    for q in (0..np).filter(|&q| q != p) {
        let u = ax.u_of(work[indicator * np + q]);
        push(u);
        push(u + 1.0);
    }
    let u_best = best_other(&work, np, indicator, p, ax.sign).map(|b| ax.u_of(b));
    for end in [u_best, Some(u_lim)].into_iter().flatten() {
        if end > u_cur {
            for k in 1..=SEEK_SAMPLES {
                push((u_cur + (end - u_cur) * k as f64 / SEEK_SAMPLES as f64).round());
            }
        }
    }
    cands.sort_by(f64::total_cmp);
    cands.dedup();

    let mut bracket = None;
    let mut prev = u_cur - 1.0;
    for &u in &cands {
        let v = ax.value(u);
        let o = ev.set(&mut work, indicator, p, v, &goal);
        if closer(&goal, (o.score, o.rank), (best.0, best.1)) {
            best = (o.score, o.rank, v);
        }
        if goal.is_met(o.score, o.rank) {
            bracket = Some((prev, u));
            break;
        }
        prev = u;
    }
    if let Some((mut ua, mut ub)) = bracket {
        for _ in 0..128 {
            let mid = ((ua + ub) / 2.0).floor();
            if !(mid > ua && mid < ub) {
                break;
            }
            let o = ev.set(&mut work, indicator, p, ax.value(mid), &goal);
            if goal.is_met(o.score, o.rank) {
                ub = mid;
            } else {
                ua = mid;
            }
        }
        let value = ax.value(ub);
        work[c] = value;
        let r = compute(model, params, &work);
        let (score, rank) = (r.score(model.root(), p), r.rank(model.root(), p));
        if goal.is_met(score, rank) {
            return SingleSeek::Reached { value, score, rank };
        }
    }
    SingleSeek::Unreachable {
        best_score: best.0,
        best_rank: best.1,
        at_value: best.2,
    }
}

/// A small set of changes to province `p`'s values that meets `goal`.
///
/// Greedy: at each move, every indicator is tried one step towards better ([`STEP_SHARE`] of
/// its plausible range, or up to the best other province's value when that is nearer, clamped
/// to the valid range, on its decimals grid), and the move that most reduces the distance to the
/// goal per unit of normalised move wins. The distance is the larger of the score gap and the gap
/// to the province that holds the goal rank. When no step brings the goal closer (a plateau: a
/// province alone at the bottom of an indicator gains nothing until it passes the next one), the
/// steps are doubled until one does; failing that, the step with the largest own score gain per
/// unit wins. Every evaluation is a full recompute, so re-normalisation is accounted for (also
/// when the province passes the current best). Once the goal is met, each moved indicator (last
/// moved first) is pulled back as far as the goal allows, by bisection on its decimals grid, or
/// dropped. At most [`PLAN_MAX_MOVES`] moves. The plan is checked with [`compute`]: `reached` is
/// true only if applying it really meets the goal.
pub fn seek_plan(model: &Model, params: &Params, values: &[f64], p: usize, goal: Goal) -> Plan {
    let Some(mut ev) = Search::new(model, params, values, p) else {
        return Plan {
            steps: Vec::new(),
            reached: false,
            score: f64::NAN,
            rank: 0,
        };
    };
    ev.full(values);
    let mut state = ev.outcome(p, &goal);
    let met = goal.is_met(state.score, state.rank);
    let impossible = goal.rank == Some(0) || goal.score.is_some_and(f64::is_nan);
    if met || impossible {
        return Plan {
            steps: Vec::new(),
            reached: met,
            score: state.score,
            rank: state.rank,
        };
    }
    let np = ev.provinces();
    let axes: Vec<Axis> = model.indicators().iter().map(Axis::new).collect();
    let mut work = values.to_vec();
    let mut first_move: Vec<Option<usize>> = vec![None; axes.len()];
    let mut last_move: Vec<Option<usize>> = vec![None; axes.len()];

    for mv in 0..PLAN_MAX_MOVES {
        if goal.is_met(state.score, state.rank) || ev.evals() > MAX_EVALUATIONS {
            break;
        }
        // (indicator, value, merit). A plateau (the province alone at the bottom of an
        // indicator or a sub-pillar gains nothing until it passes the next province) is crossed
        // by doubling the step until some move brings the goal closer.
        let mut by_distance: Option<(usize, f64, f64)> = None;
        let mut by_score: Option<(usize, f64, f64)> = None;
        let mut scale = 1.0;
        for _ in 0..40 {
            let mut room = false;
            let mut scored: Option<(usize, f64, f64)> = None;
            for (i, ax) in axes.iter().enumerate() {
                let cur = work[i * np + p];
                let (u_cur, u_lim) = (ax.u_of(cur), ax.u_limit());
                let has_room = u_cur <= u_lim; // false for NaN too
                if !has_room {
                    continue;
                }
                let step = (STEP_SHARE * ax.width * ax.f).round().max(1.0) * scale;
                let mut u_to = (u_cur + step).min(u_lim);
                if u_to < u_lim {
                    room = true;
                }
                if scale == 1.0 {
                    if let Some(b) = best_other(&work, np, i, p, ax.sign) {
                        let u_b = ax.u_of(b);
                        if u_b > u_cur && u_b < u_to {
                            u_to = u_b;
                        }
                    }
                }
                let v = ax.value(u_to);
                let better = ax.sign * (v - cur) > 0.0; // false for NaN too
                if !better {
                    continue;
                }
                let size = (v - cur).abs() / ax.width;
                let o = ev.probe(&mut work, i, p, v, &goal);
                let closer_by = state.deficit - o.deficit;
                if closer_by > 1e-12 {
                    let merit = closer_by / size;
                    if by_distance.is_none_or(|b| merit > b.2) {
                        by_distance = Some((i, v, merit));
                    }
                }
                let gain = o.score - state.score;
                if gain > 1e-12 {
                    let merit = gain / size;
                    if scored.is_none_or(|b| merit > b.2) {
                        scored = Some((i, v, merit));
                    }
                }
            }
            if by_score.is_none() {
                by_score = scored;
            }
            if by_distance.is_some() || !room || ev.evals() > MAX_EVALUATIONS {
                break;
            }
            scale *= 2.0;
        }
        let Some((i, v, _)) = by_distance.or(by_score) else {
            break;
        };
        state = ev.set(&mut work, i, p, v, &goal);
        first_move[i].get_or_insert(mv);
        last_move[i] = Some(mv);
    }

    if goal.is_met(state.score, state.rank) {
        // Trim: pull each moved indicator back as far as the goal allows, last moved first.
        let mut moved: Vec<usize> = (0..axes.len())
            .filter(|&i| last_move[i].is_some())
            .collect();
        moved.sort_by_key(|&i| std::cmp::Reverse(last_move[i]));
        for i in moved {
            let (ax, c) = (&axes[i], i * np + p);
            let (orig, cur) = (values[c], work[c]);
            let o = ev.probe(&mut work, i, p, orig, &goal);
            if goal.is_met(o.score, o.rank) {
                ev.set(&mut work, i, p, orig, &goal);
                continue;
            }
            let (mut ua, mut ub) = (ax.u_of(orig) - 1.0, ax.u_of(cur));
            for _ in 0..128 {
                let mid = ((ua + ub) / 2.0).floor();
                if !(mid > ua && mid < ub) {
                    break;
                }
                let o = ev.probe(&mut work, i, p, ax.value(mid), &goal);
                if goal.is_met(o.score, o.rank) {
                    ub = mid;
                } else {
                    ua = mid;
                }
            }
            let v = ax.value(ub);
            if ax.sign * (v - orig) > 0.0 && ax.sign * (v - cur) <= 0.0 {
                ev.set(&mut work, i, p, v, &goal);
            }
        }
    }

    let mut order: Vec<usize> = (0..axes.len())
        .filter(|&i| work[i * np + p] != values[i * np + p])
        .collect();
    order.sort_by_key(|&i| first_move[i]);
    let steps = order
        .into_iter()
        .map(|i| PlanStep {
            indicator: i,
            from: values[i * np + p],
            to: work[i * np + p],
        })
        .collect();
    let r = compute(model, params, &work);
    let (score, rank) = (r.score(model.root(), p), r.rank(model.root(), p));
    Plan {
        steps,
        reached: goal.is_met(score, rank),
        score,
        rank,
    }
}

/// Values of `newer`'s edition one more year along each province's trend:
/// `v_new + (v_new − v_old)` for indicators (matched by id) and provinces (matched by id) present
/// in both editions, clamped to the newer indicator's valid range; other cells keep `newer`'s
/// baseline value.
pub fn trend_values(newer: &Model, older: &Model) -> Vec<f64> {
    let mut out = newer.baseline().to_vec();
    let (np, np_old) = (newer.province_count(), older.province_count());
    for (i, def) in newer.indicators().iter().enumerate() {
        let Some(io) = older.indicator_index(&def.id) else {
            continue;
        };
        for (q, prov) in newer.provinces().iter().enumerate() {
            let Some(qo) = older.province_index(&prov.id) else {
                continue;
            };
            let (Some(cell), Some(&old)) = (
                out.get_mut(i * np + q),
                older.baseline().get(io * np_old + qo),
            ) else {
                continue;
            };
            let new = *cell;
            let next = new + (new - old);
            if next.is_finite() {
                *cell = clamp(next, def.valid[0], def.valid[1]);
            }
        }
    }
    out
}

/// How uncertain province `p`'s rank is, given that most raw values are estimates.
///
/// Monte Carlo over `draws` draws, deterministic for a `seed` (SplitMix64). In each draw, every
/// other province `q` is first, if `base_values_for_noise` is given (e.g. [`trend_values`]),
/// moved to `v + t·(alt − v)` on all its indicators with one uniform `t ∈ [0, 1]` per province;
/// then each of its cells that is an estimate (estimated, or derived from an estimate:
/// [`Provenance::is_estimate`](crate::dataset::Provenance::is_estimate)) gets a uniform deviation
/// of ± [`NOISE_SHARE`] of the indicator's plausible range, clamped to the valid range. `p`'s own
/// values stay as given. The index is recomputed (scores only) and `p`'s rank is one plus the
/// number of provinces strictly above it (by more than [`TIE_EPSILON`]). `lo` and `hi` are the
/// 5th and 95th percentiles (nearest rank) of those ranks; with a systematic shift (trend values)
/// `point` may fall outside them.
pub fn rank_interval(
    model: &Model,
    params: &Params,
    values: &[f64],
    p: usize,
    base_values_for_noise: Option<&[f64]>,
    draws: usize,
    seed: u64,
) -> RankInterval {
    IntervalRun::new(draws, seed)
        .step(model, params, values, p, base_values_for_noise, draws)
        .unwrap_or_else(RankInterval::none)
}

impl RankInterval {
    /// The answer on inconsistent input: no draw, every rank 0.
    fn none() -> Self {
        RankInterval {
            point: 0,
            lo: 0,
            hi: 0,
            draws: 0,
            p_better: 0.0,
        }
    }
}

/// A [`rank_interval`] computed a few draws at a time, so that a page stays responsive while it
/// runs: the same draws in the same order, hence exactly the same result for the same seed,
/// however the draws are split into steps.
///
/// Every [`step`](Self::step) of one run must be given the same inputs (a caller keys the run by
/// what it was started for and drops it when that changes).
#[derive(Debug, Clone)]
pub struct IntervalRun {
    draws: usize,
    done: usize,
    rng: SplitMix64,
    /// Draws by rank (index = rank; the last slot collects anything beyond the provinces).
    hist: Vec<usize>,
    /// What every draw starts from, made at the first step.
    noise: Option<Noise>,
    /// The seed of the whole run.
    seed: u64,
    /// The index of this one's first draw in the whole run (a [`part`](Self::part)): the
    /// generator jumps to it when the noise is made.
    first: usize,
}

/// The draws of a run (or of a part of one) by rank: what a part computed elsewhere (another
/// thread) sends back, to be joined with the others by [`IntervalRun::finish`].
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tally {
    /// The seed of the run the draws belong to.
    pub seed: u64,
    /// The index of the first draw counted in the run.
    pub from: u32,
    /// Draws by rank (index = rank; the last slot collects anything beyond the provinces).
    pub hist: Vec<u32>,
    /// Draws counted: `from .. from + draws`.
    pub draws: u32,
}

/// What the draws of a run start from: the province's rank as given and, per cell, the noise.
#[derive(Debug, Clone)]
struct Noise {
    point: u32,
    /// Per cell: full width of the noise (0 where there is none).
    width2: Vec<f64>,
    /// Per cell, with a base: the way towards it (0 for `p` and where the base is not finite).
    toward: Option<Vec<f64>>,
    /// Per indicator: its valid range.
    bounds: Vec<(f64, f64)>,
}

impl Noise {
    fn new(model: &Model, values: &[f64], p: usize, base: Option<&[f64]>, point: u32) -> Self {
        let np = model.province_count();
        let base = base.filter(|b| b.len() == values.len());
        let mut width2 = vec![0.0; values.len()];
        let mut toward = base.map(|_| vec![0.0; values.len()]);
        let mut bounds = Vec::with_capacity(model.indicators().len());
        for (i, def) in model.indicators().iter().enumerate() {
            let ax = Axis::new(def);
            bounds.push((ax.lo, ax.hi));
            for q in (0..np).filter(|&q| q != p) {
                let c = i * np + q;
                if model.provenance_of(i, q).is_estimate() {
                    width2[c] = 2.0 * NOISE_SHARE * ax.width;
                }
                if let (Some(alt), Some(t)) = (base, toward.as_mut()) {
                    let d = alt[c] - values[c];
                    t[c] = if d.is_finite() { d } else { 0.0 };
                }
            }
        }
        Noise {
            point,
            width2,
            toward,
            bounds,
        }
    }
}

impl IntervalRun {
    /// A run of `draws` draws from `seed`, none done yet.
    pub fn new(draws: usize, seed: u64) -> Self {
        Self::part(seed, 0, draws)
    }

    /// The draws `from .. from + count` of the run from `seed`, as a run of their own (for
    /// another thread): the same draws to the bit, so that the [`Tally`]s of parts covering a
    /// run, joined by [`finish`](Self::finish), give exactly the run's interval. (Every draw takes
    /// the same number of random outputs, and SplitMix64 jumps ahead by any number of them in
    /// one addition.)
    pub fn part(seed: u64, from: usize, count: usize) -> Self {
        IntervalRun {
            draws: count,
            done: 0,
            rng: SplitMix64(seed),
            hist: Vec::new(),
            noise: None,
            seed,
            first: from,
        }
    }

    /// The draws done so far, by rank.
    pub fn tally(&self) -> Tally {
        Tally {
            seed: self.seed,
            from: self.first as u32,
            hist: self.hist.iter().map(|&n| n as u32).collect(),
            draws: self.done as u32,
        }
    }

    /// The interval of the whole run from tallies of its parts (this run's own draws are not
    /// counted: pass its [`tally`](Self::tally) taken when they were the right ones); `None`
    /// unless the run has started and the tallies, of its seed and its number of ranks, each
    /// adding up to its count, cover its draws from the first to the last exactly once.
    pub fn finish(&self, parts: &[&Tally]) -> Option<RankInterval> {
        let np = self.hist.len().checked_sub(2)?;
        let mut parts = parts.to_vec();
        parts.sort_by_key(|t| t.from);
        let mut hist = vec![0usize; self.hist.len()];
        let mut next = self.first;
        for part in parts {
            let counted: u64 = part.hist.iter().map(|&n| u64::from(n)).sum();
            if part.seed != self.seed
                || part.from as usize != next
                || part.hist.len() != hist.len()
                || counted != u64::from(part.draws)
            {
                return None;
            }
            next = next.checked_add(part.draws as usize)?;
            if next - self.first > self.draws {
                return None;
            }
            for (h, &n) in hist.iter_mut().zip(&part.hist) {
                *h += n as usize;
            }
        }
        let draws = next - self.first;
        if draws != self.draws {
            return None;
        }
        let joined = IntervalRun {
            hist,
            done: draws,
            ..self.clone()
        };
        Some(joined.interval(np))
    }

    /// Draws done so far, and in all.
    pub fn progress(&self) -> (usize, usize) {
        (self.done, self.draws)
    }

    /// Runs up to `n` more draws (arguments as [`rank_interval`]'s); the interval once every draw
    /// is done, `None` before, and `Some` with `draws: 0` and every rank 0 on inconsistent input.
    pub fn step(
        &mut self,
        model: &Model,
        params: &Params,
        values: &[f64],
        p: usize,
        base_values_for_noise: Option<&[f64]>,
        n: usize,
    ) -> Option<RankInterval> {
        let Some(mut ev) = Search::new(model, params, values, p) else {
            return Some(RankInterval::none());
        };
        let np = ev.provinces();
        if self.noise.is_none() {
            ev.full(values);
            let point = ev.rank(p);
            self.hist = vec![0; np + 2];
            self.noise = Some(Noise::new(model, values, p, base_values_for_noise, point));
            if self.first > 0 {
                // One draw on a copy tells how far a draw moves the generator.
                let mut probe = self.clone();
                probe.draw(&mut ev, values, p, 1);
                let per_draw = probe.rng.0.wrapping_sub(self.rng.0);
                self.rng.0 = (self.rng.0).wrapping_add(per_draw.wrapping_mul(self.first as u64));
            }
        }
        let n = n.min(self.draws - self.done);
        if n > 0 {
            self.draw(&mut ev, values, p, n);
        }
        (self.done == self.draws).then(|| self.interval(np))
    }

    /// `n` draws into the histogram.
    fn draw(&mut self, ev: &mut Search<'_>, values: &[f64], p: usize, n: usize) {
        let IntervalRun {
            rng: run_rng,
            hist,
            noise: Some(noise),
            done,
            ..
        } = self
        else {
            return;
        };
        let Noise {
            width2,
            toward,
            bounds,
            ..
        } = &*noise;
        let np = ev.provinces();
        let mut rng = *run_rng;
        let mut share = vec![0.0; np];
        for _ in 0..n {
            if toward.is_some() {
                for (q, t) in share.iter_mut().enumerate() {
                    *t = if q == p { 0.0 } else { rng.unit() };
                }
            }
            ev.full_from(&mut |i: usize, row: &mut [f64]| {
                let (lo, hi) = bounds[i];
                let r = i * np..(i + 1) * np;
                let mut g = rng;
                let towards = toward.as_ref().map(|t| (&t[r.clone()], share.as_slice()));
                let min_max =
                    noisy_row(&mut g, row, &values[r.clone()], &width2[r], towards, lo, hi);
                rng = g;
                // p's own values stay as given (its noise is 0; this also skips the clamp).
                match (row.get_mut(p), values.get(i * np + p)) {
                    (Some(o), Some(&v)) if v != *o => {
                        *o = v;
                        crate::compute::min_max(row)
                    }
                    _ => min_max,
                }
            });
            let scores = ev.scores();
            let sp = scores[p];
            let above = scores.iter().filter(|&&s| s > sp + TIE_EPSILON).count();
            hist[(above + 1).min(np + 1)] += 1;
        }
        *run_rng = rng;
        *done += n;
    }

    /// The interval from the histogram of every draw.
    fn interval(&self, np: usize) -> RankInterval {
        let point = self.noise.as_ref().map_or(0, |n| n.point);
        let draws = self.draws;
        if draws == 0 {
            return RankInterval {
                point,
                lo: point,
                hi: point,
                draws: 0,
                p_better: 0.0,
            };
        }
        let hist = &self.hist;
        let better = hist[..(point as usize).min(hist.len())]
            .iter()
            .sum::<usize>();
        let percentile = |q: f64| -> u32 {
            let k = ((q * draws as f64).ceil() as usize).clamp(1, draws);
            let mut cum = 0;
            for (r, &n) in hist.iter().enumerate() {
                cum += n;
                if cum >= k {
                    return r as u32;
                }
            }
            np as u32
        };
        RankInterval {
            point,
            lo: percentile(PERCENTILES.0),
            hi: percentile(PERCENTILES.1),
            draws,
            p_better: better as f64 / draws as f64,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Clamp that never panics (NaN bounds or `lo > hi` leave the value as is where they fail).
#[inline(always)]
fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    if v < lo {
        lo
    } else if v > hi {
        hi
    } else {
        v
    }
}

/// The best value of indicator `i` among provinces other than `p` (`sign` +1: highest, −1:
/// lowest).
fn best_other(values: &[f64], np: usize, i: usize, p: usize, sign: f64) -> Option<f64> {
    values
        .get(i * np..(i + 1) * np)?
        .iter()
        .enumerate()
        .filter(|&(q, v)| q != p && v.is_finite())
        .map(|(_, &v)| v)
        .max_by(|a, b| (sign * a).total_cmp(&(sign * b)))
}

/// Is outcome `a` closer to the goal than `b`? With a rank in the goal: a better rank (so, as
/// candidates come in order of the move, the smallest move that gives the best rank); without:
/// a higher score, then a better rank.
fn closer(goal: &Goal, a: (f64, u32), b: (f64, u32)) -> bool {
    if goal.rank.is_some() {
        a.1 < b.1
    } else {
        a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
    }
}

/// An indicator's values as a grid oriented towards better: `u` counts units of the last decimal,
/// and a larger `u` is always better (`value = sign · u / f`).
struct Axis {
    /// +1 higher is better, −1 lower is better.
    sign: f64,
    /// 10^decimals.
    f: f64,
    lo: f64,
    hi: f64,
    /// Width of the plausible range (of the valid range if that is empty; 1 at worst).
    width: f64,
}

impl Axis {
    fn new(def: &IndicatorDef) -> Self {
        let (lo, hi) = (def.valid[0], def.valid[1]);
        let mut d = i32::from(def.decimals.min(12));
        let big = lo.abs().max(hi.abs());
        while d > 0 && big * 10f64.powi(d) > 4.0e15 {
            d -= 1;
        }
        let width = [def.plausible[1] - def.plausible[0], hi - lo, 1.0]
            .into_iter()
            .find(|w| w.is_finite() && *w > 0.0)
            .unwrap_or(1.0);
        Axis {
            sign: if def.direction == Direction::LowerIsBetter {
                -1.0
            } else {
                1.0
            },
            f: 10f64.powi(d),
            lo,
            hi,
            width,
        }
    }
    /// Grid position of `v`, rounded towards better.
    fn u_of(&self, v: f64) -> f64 {
        (self.sign * v * self.f - 1e-6).ceil()
    }
    /// Grid position of the best valid value (rounded towards worse, so it stays valid).
    fn u_limit(&self) -> f64 {
        let limit = if self.sign > 0.0 { self.hi } else { self.lo };
        (self.sign * limit * self.f + 1e-6).floor()
    }
    /// Value at grid position `u`, inside the valid range.
    fn value(&self, u: f64) -> f64 {
        // `+ 0.0` turns −0 into 0.
        clamp(self.sign * u / self.f, self.lo, self.hi) + 0.0
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, deterministic.
#[derive(Debug, Clone, Copy)]
struct SplitMix64(u64);

impl SplitMix64 {
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }
}

/// A drawn value clamped to `[lo, hi]` with the comparisons of wasm's `f64x2.pmax` and `pmin`
/// (which the SIMD build uses, two cells at a time; single instructions, where a clamp that
/// leaves a NaN alone takes several): `lo` unless `lo < y`, then `hi` unless below it. For the
/// model's values (finite, inside ranges with `lo < hi`) this is [`clamp`].
#[inline(always)]
fn clamp_drawn(y: f64, lo: f64, hi: f64) -> f64 {
    let t = if lo < y { y } else { lo };
    if t < hi {
        t
    } else {
        hi
    }
}

/// One row of Monte Carlo values: `v + share·towards + width2·(u − ½)` clamped to `[lo, hi]`,
/// with `u` uniform in [0, 1) on 16 bits (four per SplitMix64 output: a noise of ±5 % of a range
/// moves in steps of 1.5 millionths of it, far below anything a rank can see). Returns the row's
/// smallest and largest values.
#[inline(always)]
fn noisy_row(
    rng: &mut SplitMix64,
    out: &mut [f64],
    v: &[f64],
    width2: &[f64],
    towards: Option<(&[f64], &[f64])>,
    lo: f64,
    hi: f64,
) -> (f64, f64) {
    let n = out.len().min(v.len()).min(width2.len());
    let (out, v, width2) = (&mut out[..n], &v[..n], &width2[..n]);
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    let towards = towards
        .filter(|(d, share)| d.len() >= n && share.len() >= n)
        .map(|(d, share)| (&d[..n], &share[..n]));
    let mut bits = 0u64;
    // Cells before `start` are done (by wasm SIMD, where the build has it).
    #[allow(unused_mut)]
    let mut start = 0;
    #[cfg(wasm_simd)]
    if towards.is_none() {
        (start, min, max) = simd::whole_fours(rng, out, v, width2, lo, hi);
    }
    // The loop is written twice (with and without a base to move towards) so that the choice is
    // not made again for every cell.
    macro_rules! cells {
        ($x:expr) => {
            for q in start..n {
                if q % 4 == 0 {
                    bits = rng.next_u64();
                }
                // 1 + u straight from the bits: no int → float conversion, whose false
                // dependency on its target register would chain the iterations together.
                let one_plus_u = f64::from_bits(0x3FF0_0000_0000_0000 | (bits & 0xFFFF) << 36);
                bits >>= 16;
                let y = clamp_drawn($x(q) + width2[q] * (one_plus_u - 1.5), lo, hi);
                out[q] = y;
                if y < min {
                    min = y;
                }
                if y > max {
                    max = y;
                }
            }
        };
    }
    match towards {
        Some((d, share)) => cells!(|q: usize| v[q] + share[q] * d[q]),
        None => cells!(|q: usize| v[q]),
    }
    (min, max)
}

/// [`noisy_row`] with wasm SIMD (the build for browsers that have it): two cells per
/// instruction, 1.6 times as fast in V8.
#[cfg(wasm_simd)]
mod simd {
    use core::arch::wasm32::*;

    use super::SplitMix64;

    /// The cells of a row without a base, in whole groups of four (one SplitMix64 output each,
    /// as the scalar loop draws them), from the first: (cells done, smallest, largest). Each
    /// lane does the scalar loop's arithmetic and comparisons (the smallest and largest are
    /// replaced only by a value that compares below / above them), so the values are the scalar
    /// loop's, bit for bit (the smallest and largest too, but for the sign of a zero).
    #[inline(always)]
    pub(super) fn whole_fours(
        rng: &mut SplitMix64,
        out: &mut [f64],
        v: &[f64],
        width2: &[f64],
        lo: f64,
        hi: f64,
    ) -> (usize, f64, f64) {
        let (lo2, hi2) = (f64x2_splat(lo), f64x2_splat(hi));
        let mut min2 = f64x2_splat(f64::INFINITY);
        let mut max2 = f64x2_splat(f64::NEG_INFINITY);
        let done = out.len().min(v.len()).min(width2.len()) / 4 * 4;
        let (o, v, w) = (out.as_mut_ptr(), v.as_ptr(), width2.as_ptr());
        let mut q = 0;
        while q < done {
            let bits = rng.next_u64();
            // SAFETY: q + 4 ≤ done ≤ the length of each slice, so both pairs (cells q, q + 1
            // and q + 2, q + 3) lie inside them; wasm's v128 loads and stores need no alignment.
            unsafe {
                let (x0, w0) = (v128_load(v.add(q).cast()), v128_load(w.add(q).cast()));
                let (x1, w1) = (
                    v128_load(v.add(q + 2).cast()),
                    v128_load(w.add(q + 2).cast()),
                );
                let y0 = noisy_pair(x0, w0, u64x2(bits, bits >> 16), lo2, hi2);
                let y1 = noisy_pair(x1, w1, u64x2(bits >> 32, bits >> 48), lo2, hi2);
                v128_store(o.add(q).cast(), y0);
                v128_store(o.add(q + 2).cast(), y1);
                // pmin(a, b) = b < a ? b : a; pmax(a, b) = a < b ? b : a.
                min2 = f64x2_pmin(min2, f64x2_pmin(y0, y1));
                max2 = f64x2_pmax(max2, f64x2_pmax(y0, y1));
            }
            q += 4;
        }
        let (a, b) = (f64x2_extract_lane::<0>(min2), f64x2_extract_lane::<1>(min2));
        let min = if b < a { b } else { a };
        let (a, b) = (f64x2_extract_lane::<0>(max2), f64x2_extract_lane::<1>(max2));
        let max = if b > a { b } else { a };
        (done, min, max)
    }

    /// Two cells from their 16 bits each (in the low bits of the lanes of `u`), clamped as
    /// [`clamp_drawn`](super::clamp_drawn) does: pmax(a, b) = a < b ? b : a, pmin(a, b) =
    /// b < a ? b : a. (A function, not a closure: at opt-level "z" a closure is not inlined,
    /// and its v128s then go through memory: 15 % slower.)
    #[inline(always)]
    fn noisy_pair(x: v128, w2: v128, u: v128, lo2: v128, hi2: v128) -> v128 {
        let bits = v128_and(u, u64x2_splat(0xFFFF));
        let one_plus_u = v128_or(u64x2_shl(bits, 36), u64x2_splat(0x3FF0_0000_0000_0000));
        let y = f64x2_add(x, f64x2_mul(w2, f64x2_sub(one_plus_u, f64x2_splat(1.5))));
        f64x2_pmin(hi2, f64x2_pmax(lo2, y))
    }
}

// ---------------------------------------------------------------------------------------------
// The search state: the engine's evaluator, the index ranks and the distance to a goal
// ---------------------------------------------------------------------------------------------

/// The province's index after an evaluation, and its distance to a goal.
#[derive(Debug, Clone, Copy)]
struct Outcome {
    score: f64,
    rank: u32,
    /// Larger of the score gap and the gap to the province holding the goal rank (0 when met,
    /// give or take ties).
    deficit: f64,
}

/// [`Evaluator`] (the steps of [`compute`], scores only) with what the searches ask of it.
struct Search<'a> {
    ev: Evaluator<'a>,
    root: usize,
    order: Vec<(f64, u32)>,
    ranks: Vec<u32>,
    others: Vec<f64>,
}

impl<'a> Search<'a> {
    /// `None` when the parameters, values and province do not fit the model.
    fn new(model: &'a Model, params: &'a Params, values: &[f64], p: usize) -> Option<Self> {
        let np = model.province_count();
        if p >= np {
            return None;
        }
        Some(Search {
            ev: Evaluator::new(model, params, values.len())?,
            root: model.root(),
            order: Vec::with_capacity(np),
            ranks: vec![0; np],
            others: Vec::with_capacity(np),
        })
    }

    fn provinces(&self) -> usize {
        self.ev.provinces()
    }

    fn evals(&self) -> usize {
        self.ev.evals
    }

    /// Everything from `values`.
    fn full(&mut self, values: &[f64]) {
        self.ev.full(values);
    }

    /// Everything, each indicator's raw values written by `fill` (see [`Evaluator::full_from`]).
    fn full_from(&mut self, fill: &mut impl FnMut(usize, &mut [f64]) -> (f64, f64)) {
        self.ev.full_from(fill);
    }

    /// Index scores of every province.
    fn scores(&self) -> &[f64] {
        self.ev.scores(self.root)
    }

    fn score(&self, p: usize) -> f64 {
        self.scores()[p]
    }

    /// Competition rank of `p` on the index, exactly as [`compute`] ranks.
    fn rank(&mut self, p: usize) -> u32 {
        competition_ranks_into(self.ev.scores(self.root), &mut self.order, &mut self.ranks);
        self.ranks[p]
    }

    fn outcome(&mut self, p: usize, goal: &Goal) -> Outcome {
        let score = self.score(p);
        let rank = self.rank(p);
        let mut deficit: f64 = 0.0;
        if let Some(g) = goal.score {
            deficit = deficit.max(g - score);
        }
        if let Some(r) = goal.rank {
            if r == 0 {
                deficit = f64::INFINITY;
            } else {
                self.others.clear();
                self.others.extend(
                    self.ev
                        .scores(self.root)
                        .iter()
                        .enumerate()
                        .filter(|&(q, _)| q != p)
                        .map(|(_, &s)| s),
                );
                let k = r as usize - 1;
                if k < self.others.len() {
                    let (_, &mut t, _) =
                        self.others.select_nth_unstable_by(k, |a, b| b.total_cmp(a));
                    deficit = deficit.max(t - score);
                }
            }
        }
        Outcome {
            score,
            rank,
            deficit,
        }
    }

    /// Sets `p`'s value of indicator `i` to `v` (state and `work` stay changed).
    fn set(&mut self, work: &mut [f64], i: usize, p: usize, v: f64, goal: &Goal) -> Outcome {
        work[i * self.provinces() + p] = v;
        self.ev.update(work, i);
        self.outcome(p, goal)
    }

    /// The outcome with `p`'s value of indicator `i` at `v`; state and `work` are restored.
    fn probe(&mut self, work: &mut [f64], i: usize, p: usize, v: f64, goal: &Goal) -> Outcome {
        let c = i * self.provinces() + p;
        let old = work[c];
        let o = self.set(work, i, p, v, goal);
        work[c] = old;
        self.ev.update(work, i);
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::methodology::Normalisation;
    use crate::scenario::Settings;

    /// The Monte Carlo path (each indicator's row written by the draw, divisions by a row's range
    /// done by its inverse) gives the scores of [`compute`] to rounding, under every method,
    /// filling each weighted indicator once.
    #[test]
    fn drawn_rows_give_the_scores_of_compute() {
        let m = crate::builtin::model(2019).unwrap();
        let mut values = m.baseline().to_vec();
        let np = m.province_count();
        // A province far past the best on one indicator, and one at the bottom of another.
        values[8 * np + 21] = 250.0;
        values[3 * np + 5] = 0.0;
        let mut zero = Settings::default();
        zero.weights.insert("email-use-pct".into(), 0.0);
        for settings in [
            Settings::default(),
            Settings {
                normalisation: Some(Normalisation::RatioToMax),
                ..Settings::default()
            },
            Settings {
                normalisation: Some(Normalisation::Goalposts),
                ..Settings::default()
            },
            Settings {
                aggregation: Some(crate::methodology::Aggregation::Geometric),
                ..Settings::default()
            },
            zero,
        ] {
            let params = m.params(&settings).unwrap();
            let exact = compute(&m, &params, &values);
            let mut drawn = Search::new(&m, &params, &values, 0).unwrap();
            let mut calls = 0;
            drawn.full_from(&mut |i: usize, row: &mut [f64]| {
                calls += 1;
                row.copy_from_slice(&values[i * np..(i + 1) * np]);
                crate::compute::min_max(row)
            });
            let weighted = params.ind_weights.iter().filter(|&&w| w != 0.0).count();
            assert_eq!(calls, weighted, "{settings:?}");
            for n in 0..m.nodes().len() {
                for (a, e) in drawn.ev.scores(n).iter().zip(exact.node(n)) {
                    assert!((a - e).abs() < 1e-12, "{settings:?}: {a} vs {e}");
                }
            }
        }
    }

    #[test]
    fn noisy_row_stays_in_range_and_reports_min_max() {
        let mut rng = SplitMix64(9);
        let v = [0.0, 50.0, 100.0, 99.0, 1.0];
        let w2 = [10.0, 10.0, 10.0, 0.0, 4.0];
        let mut out = [0.0; 5];
        for _ in 0..1000 {
            let (min, max) = noisy_row(&mut rng, &mut out, &v, &w2, None, 0.0, 100.0);
            assert!(out.iter().all(|&x| (0.0..=100.0).contains(&x)));
            assert_eq!(out[3], 99.0);
            assert!((out[1] - 50.0).abs() <= 5.0 && (out[4] - 1.0).abs() <= 2.0);
            let lo = out.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = out.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            assert_eq!((min, max), (lo, hi));
        }
        // Halfway to a base 10 units up, without noise.
        let d = [10.0; 5];
        let share = [0.5; 5];
        noisy_row(
            &mut rng,
            &mut out,
            &v,
            &[0.0; 5],
            Some((&d, &share)),
            0.0,
            100.0,
        );
        assert_eq!(out, [5.0, 55.0, 100.0, 100.0, 6.0]);
    }
}
