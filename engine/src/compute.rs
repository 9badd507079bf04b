//! The computation: normalise → aggregate → rescale → rank, written once.
//!
//! [`compute`] runs every step for every node and ranks the results. The decision aids
//! (`analysis`) run the same steps through [`Evaluator`], which keeps them and their buffers so
//! that a change of one indicator re-runs only that indicator and the nodes above it: a change of
//! the methodology is made here, once, for both.

use crate::dataset::{Child, Model};
use crate::methodology::{Aggregation, Direction, Normalisation, GEOMETRIC_FLOOR};
use crate::rank::{competition_ranks_into, TIE_EPSILON};

/// Methodology resolved for computation (see [`Model::params`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    pub node_weights: Vec<f64>,
    pub ind_weights: Vec<f64>,
    pub normalisation: Vec<Normalisation>,
    pub goalposts: Vec<[f64; 2]>,
    pub aggregation: Aggregation,
}

impl Params {
    /// The weight of a child inside its parent (0 for a child these parameters do not know).
    pub fn weight(&self, c: Child) -> f64 {
        let w = match c {
            Child::Node(k) => self.node_weights.get(k),
            Child::Indicator(i) => self.ind_weights.get(i),
        };
        w.copied().unwrap_or(0.0)
    }

    /// True when the parameters are sized for `model`.
    fn fits(&self, model: &Model) -> bool {
        let ni = model.indicators().len();
        self.ind_weights.len() == ni
            && self.normalisation.len() == ni
            && self.goalposts.len() == ni
            && self.node_weights.len() == model.nodes().len()
    }
}

/// Every node's and indicator's score and rank for every province.
/// Vectors are item-major: `node_scores[node * provinces + p]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub provinces: usize,
    pub node_scores: Vec<f64>,
    pub node_ranks: Vec<u32>,
    /// Normalised indicator scores in [0, 1].
    pub indicator_scores: Vec<f64>,
    /// Raw values signed so that higher is better: indicator ranks are counted from these on
    /// demand (29 sorts per recompute would cost more than all the rest of the computation).
    pub indicator_keys: Vec<f64>,
    /// National (unweighted) mean of each node.
    pub node_means: Vec<f64>,
}

impl Results {
    pub fn score(&self, node: usize, p: usize) -> f64 {
        self.node_scores[node * self.provinces + p]
    }
    pub fn rank(&self, node: usize, p: usize) -> u32 {
        self.node_ranks[node * self.provinces + p]
    }
    pub fn indicator_score(&self, i: usize, p: usize) -> f64 {
        self.indicator_scores[i * self.provinces + p]
    }
    /// Competition rank of province `p` on the raw value of indicator `i` (direction-aware),
    /// as the ministry reports them ("xếp thứ 11").
    pub fn indicator_rank(&self, i: usize, p: usize) -> u32 {
        let row = &self.indicator_keys[i * self.provinces..(i + 1) * self.provinces];
        let mine = row[p];
        1 + row.iter().filter(|&&k| k - mine > TIE_EPSILON).count() as u32
    }
    /// Every province's rank on indicator `i`.
    pub fn indicator_ranks(&self, i: usize) -> Vec<u32> {
        (0..self.provinces)
            .map(|p| self.indicator_rank(i, p))
            .collect()
    }
    pub fn mean(&self, node: usize) -> f64 {
        self.node_means[node]
    }
    /// Scores of one node for all provinces.
    pub fn node(&self, node: usize) -> &[f64] {
        &self.node_scores[node * self.provinces..(node + 1) * self.provinces]
    }
}

/// Smallest and largest of a row, NaN ignored (a NaN compares false: the bound stays).
///
/// Written with comparisons, not `f64::min`/`max`: in wasm those are calls to libm's
/// `fmin`/`fmax` (wasm's own `f64.min` treats NaN otherwise), which took 15 % of the Monte
/// Carlo's time in the browser.
#[inline(always)]
pub(crate) fn min_max(row: &[f64]) -> (f64, f64) {
    row.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (if v < a { v } else { a }, if v > b { v } else { b })
        })
}

/// Normalises one indicator across provinces into `out` (each in [0, 1]).
pub fn normalise(
    values: &[f64],
    method: Normalisation,
    dir: Direction,
    goal: [f64; 2],
    out: &mut [f64],
) {
    let (min, max) = min_max(values);
    normalise_row::<Exact>(values, (min, max), method, dir, goal, out, |o, s| *o = s);
}

/// How the steps divide by a quantity shared by a whole row (a range, a maximum): exactly, as
/// [`compute`] does, or, for the Monte Carlo only, by multiplying with its inverse (scores then
/// differ from [`compute`]'s in the last bits; never used for an answer that promises a goal).
pub(crate) trait Division {
    /// What a row divides by, prepared once per row.
    fn prepare(d: f64) -> f64;
    /// `x / d` with `d` prepared.
    fn div(x: f64, prepared: f64) -> f64;
    /// [`div`](Self::div) on two cells.
    #[cfg(wasm_simd)]
    fn div2(x: simd::v128, prepared: simd::v128) -> simd::v128;
}

/// Division as written: the arithmetic of [`compute`].
pub(crate) struct Exact;
impl Division for Exact {
    #[inline(always)]
    fn prepare(d: f64) -> f64 {
        d
    }
    #[inline(always)]
    fn div(x: f64, d: f64) -> f64 {
        x / d
    }
    #[cfg(wasm_simd)]
    #[inline(always)]
    fn div2(x: simd::v128, d: simd::v128) -> simd::v128 {
        simd::f64x2_div(x, d)
    }
}

/// Multiplication by the inverse: faster, last-bit differences (the Monte Carlo).
pub(crate) struct ByInverse;
impl Division for ByInverse {
    #[inline(always)]
    fn prepare(d: f64) -> f64 {
        1.0 / d
    }
    #[inline(always)]
    fn div(x: f64, inv: f64) -> f64 {
        x * inv
    }
    #[cfg(wasm_simd)]
    #[inline(always)]
    fn div2(x: simd::v128, inv: simd::v128) -> simd::v128 {
        simd::f64x2_mul(x, inv)
    }
}

/// [`normalise`] with the row's smallest and largest values already known: `put(out[q], score)`
/// for each province `q` (a store, or, fused with the next step, an addition to a mean).
///
/// - min–max: `(x − min) / (max − min)` (`(max − x) / (max − min)` for lower-is-better), all 1
///   when every province has the same value;
/// - ratio to max: `x / max` (`min / x` for lower-is-better), 1 where that is undefined;
/// - goalposts: `(x − lo) / (hi − lo)` (`1 −` that for lower-is-better), clamped to [0, 1].
#[inline(always)]
fn normalise_row<D: Division>(
    values: &[f64],
    (min, max): (f64, f64),
    method: Normalisation,
    dir: Direction,
    goal: [f64; 2],
    out: &mut [f64],
    put: impl Fn(&mut f64, f64),
) {
    let higher = dir == Direction::HigherIsBetter;
    let cells = out.iter_mut().zip(values);
    match method {
        Normalisation::MinMax if max > min => {
            let range = D::prepare(max - min);
            if higher {
                cells.for_each(|(o, &x)| put(o, D::div(x - min, range)));
            } else {
                cells.for_each(|(o, &x)| put(o, D::div(max - x, range)));
            }
        }
        Normalisation::MinMax => cells.for_each(|(o, _)| put(o, 1.0)),
        Normalisation::RatioToMax => {
            if higher && max > 0.0 {
                let max = D::prepare(max);
                cells.for_each(|(o, &x)| put(o, D::div(x, max)));
            } else if higher {
                cells.for_each(|(o, _)| put(o, 1.0));
            } else {
                cells.for_each(|(o, &x)| put(o, if x > 0.0 { min / x } else { 1.0 }));
            }
        }
        Normalisation::Goalposts => {
            let width = D::prepare(goal[1] - goal[0]);
            cells.for_each(|(o, &x)| {
                let t = D::div(x - goal[0], width);
                put(o, (if higher { t } else { 1.0 - t }).clamp(0.0, 1.0));
            });
        }
    }
}

/// How a node combines its children's scores, one child at a time (see [`Aggregation`]).
trait Mean {
    /// The mean of no child yet.
    const EMPTY: f64;
    /// Takes a child's `score`, of `share` of the node's total weight, into `acc`.
    fn add(acc: &mut f64, score: f64, share: f64);

    /// [`add`](Self::add) for every province: `acc[q]` takes `scores[q]`.
    #[inline(always)]
    fn add_row(acc: &mut [f64], scores: &[f64], share: f64) {
        acc.iter_mut()
            .zip(scores)
            .for_each(|(a, &x)| Self::add(a, x, share));
    }

    /// [`add`](Self::add) for every province of an indicator's row normalised on the way (see
    /// [`normalise_row`]).
    #[inline(always)]
    fn add_normalised<D: Division>(
        acc: &mut [f64],
        row: &[f64],
        min_max: (f64, f64),
        how: (Normalisation, Direction, [f64; 2]),
        share: f64,
    ) {
        add_normalised_cells::<Self, D>(acc, row, min_max, how, share);
    }
}

/// [`Mean::add_normalised`] one cell at a time.
#[inline(always)]
fn add_normalised_cells<M: Mean + ?Sized, D: Division>(
    acc: &mut [f64],
    row: &[f64],
    min_max: (f64, f64),
    (method, dir, goal): (Normalisation, Direction, [f64; 2]),
    share: f64,
) {
    normalise_row::<D>(row, min_max, method, dir, goal, acc, |a, x| {
        M::add(a, x, share)
    });
}

/// Weighted arithmetic mean.
struct ArithmeticMean;
impl Mean for ArithmeticMean {
    const EMPTY: f64 = 0.0;
    #[inline(always)]
    fn add(acc: &mut f64, score: f64, share: f64) {
        *acc += share * score;
    }

    #[cfg(wasm_simd)]
    #[inline(always)]
    fn add_row(acc: &mut [f64], scores: &[f64], share: f64) {
        simd::add_row(acc, scores, share);
    }

    #[cfg(wasm_simd)]
    #[inline(always)]
    fn add_normalised<D: Division>(
        acc: &mut [f64],
        row: &[f64],
        (min, max): (f64, f64),
        how: (Normalisation, Direction, [f64; 2]),
        share: f64,
    ) {
        if how.0 == Normalisation::MinMax && max > min {
            let higher = how.1 == Direction::HigherIsBetter;
            simd::add_min_max_row::<D>(acc, row, (min, max), higher, share);
        } else {
            add_normalised_cells::<Self, D>(acc, row, (min, max), how, share);
        }
    }
}

/// Weighted geometric mean, scores floored at [`GEOMETRIC_FLOOR`].
struct GeometricMean;
impl Mean for GeometricMean {
    const EMPTY: f64 = 1.0;
    #[inline(always)]
    fn add(acc: &mut f64, score: f64, share: f64) {
        // A comparison, not `f64::max` (a libm call in wasm); NaN is floored as before.
        let floored = if score > GEOMETRIC_FLOOR {
            score
        } else {
            GEOMETRIC_FLOOR
        };
        *acc *= floored.powf(share);
    }
}

/// The arithmetic mean's rows with wasm SIMD (the build for browsers that have it), two cells per
/// instruction, each lane with the scalar code's operations in the same order: the same scores,
/// bit for bit.
#[cfg(wasm_simd)]
mod simd {
    use core::arch::wasm32::{f64x2_add, f64x2_splat, f64x2_sub, v128_load, v128_store};
    pub(super) use core::arch::wasm32::{f64x2_div, f64x2_mul, v128};

    use super::Division;

    /// `acc[q] += share · scores[q]` for every `q`.
    #[inline(always)]
    pub(super) fn add_row(acc: &mut [f64], scores: &[f64], share: f64) {
        let n = acc.len().min(scores.len());
        let w = f64x2_splat(share);
        let (a, x) = (acc.as_mut_ptr(), scores.as_ptr());
        let mut q = 0;
        while q + 2 <= n {
            // SAFETY: q + 2 ≤ n ≤ both lengths; wasm's v128 loads and stores need no alignment.
            unsafe {
                let s = f64x2_mul(w, v128_load(x.add(q).cast()));
                v128_store(a.add(q).cast(), f64x2_add(v128_load(a.add(q).cast()), s));
            }
            q += 2;
        }
        if q < n {
            acc[q] += share * scores[q];
        }
    }

    /// `acc[q] += share · D::div(x[q] − min, max − min)` (`max − x[q]` when lower is better) for
    /// every `q`: [`normalise_row`](super::normalise_row)'s min–max into the mean.
    #[inline(always)]
    pub(super) fn add_min_max_row<D: Division>(
        acc: &mut [f64],
        row: &[f64],
        (min, max): (f64, f64),
        higher: bool,
        share: f64,
    ) {
        let n = acc.len().min(row.len());
        let range = D::prepare(max - min);
        let (w, r2) = (f64x2_splat(share), f64x2_splat(range));
        let (lo2, hi2) = (f64x2_splat(min), f64x2_splat(max));
        let (a, x) = (acc.as_mut_ptr(), row.as_ptr());
        let mut q = 0;
        while q + 2 <= n {
            // SAFETY: as in `add_row`.
            unsafe {
                let v = v128_load(x.add(q).cast());
                let d = if higher {
                    f64x2_sub(v, lo2)
                } else {
                    f64x2_sub(hi2, v)
                };
                let s = f64x2_mul(w, D::div2(d, r2));
                v128_store(a.add(q).cast(), f64x2_add(v128_load(a.add(q).cast()), s));
            }
            q += 2;
        }
        if q < n {
            let d = if higher { row[q] - min } else { max - row[q] };
            acc[q] += share * D::div(d, range);
        }
    }
}

/// Rescales scores so the best is 1 and the worst 0 (all 1 when they are equal).
#[inline(always)]
fn rescale<D: Division>(scores: &mut [f64]) {
    let (min, max) = min_max(scores);
    if max > min {
        let range = D::prepare(max - min);
        scores.iter_mut().for_each(|s| *s = D::div(*s - min, range));
    } else {
        scores.fill(1.0);
    }
}

/// Computes every score and rank. `values` are raw values, indicator-major, already validated
/// (see [`Model::apply`]); `params` are the model's (see [`Model::params`]).
///
/// # Panics
///
/// If `values` or `params` are not sized for `model`.
pub fn compute(model: &Model, params: &Params, values: &[f64]) -> Results {
    let mut ev = Evaluator::new(model, params, values.len())
        .expect("values and parameters sized for the model");
    ev.full(values);
    let np = ev.np;
    let n_nodes = model.nodes().len();
    let mut node_ranks = vec![0u32; n_nodes * np];
    let mut node_means = vec![0.0; n_nodes];
    let mut scratch = Vec::with_capacity(np);
    for &n in model.computation_order() {
        let scores = ev.scores(n);
        node_means[n] = scores.iter().sum::<f64>() / np as f64;
        competition_ranks_into(scores, &mut scratch, &mut node_ranks[n * np..(n + 1) * np]);
    }
    let mut indicator_keys = vec![0.0; values.len()];
    for (i, ind) in model.indicators().iter().enumerate() {
        let sign = if ind.direction == Direction::HigherIsBetter {
            1.0
        } else {
            -1.0
        };
        let range = i * np..(i + 1) * np;
        for (k, &v) in indicator_keys[range.clone()].iter_mut().zip(&values[range]) {
            *k = sign * v;
        }
    }
    Results {
        provinces: np,
        node_scores: ev.node,
        node_ranks,
        indicator_scores: ev.ind,
        indicator_keys,
        node_means,
    }
}

// ---------------------------------------------------------------------------------------------
// The steps, kept for re-running parts of them
// ---------------------------------------------------------------------------------------------

/// One node's computation: its children with a non-zero weight, each with its share of the
/// node's total weight.
struct Step {
    node: usize,
    rescale: bool,
    children: Vec<(Child, f64)>,
}

/// What [`Evaluator::aggregate`] is given when the scores are read, not filled.
type NoFill = fn(usize, &mut [f64]) -> (f64, f64);

/// The methodology's steps over one model and parameter set, with the scores they produce:
/// [`Evaluator::full`] runs them all, [`Evaluator::update`] only those one indicator touches.
/// Scores are bit for bit those of [`compute`] (which runs on it).
pub(crate) struct Evaluator<'a> {
    model: &'a Model,
    params: &'a Params,
    np: usize,
    /// In computation order (children before parents).
    steps: Vec<Step>,
    /// Node → its step.
    step_of: Vec<usize>,
    /// Normalised indicator scores, indicator-major.
    ind: Vec<f64>,
    /// Node scores, node-major.
    node: Vec<f64>,
    /// A row of raw values being drawn (the Monte Carlo only).
    row: Vec<f64>,
    /// How many evaluations ran (full or partial).
    pub(crate) evals: usize,
}

impl<'a> Evaluator<'a> {
    /// `None` when `params` or `values_len` do not fit `model`.
    pub(crate) fn new(model: &'a Model, params: &'a Params, values_len: usize) -> Option<Self> {
        let np = model.province_count();
        let (ni, nn) = (model.indicators().len(), model.nodes().len());
        if !params.fits(model) || ni.checked_mul(np) != Some(values_len) {
            return None;
        }
        let mut step_of = vec![usize::MAX; nn];
        let steps = model
            .computation_order()
            .iter()
            .enumerate()
            .map(|(s, &n)| {
                step_of[n] = s;
                let total: f64 = model.children(n).iter().map(|&c| params.weight(c)).sum();
                Step {
                    node: n,
                    rescale: model.nodes()[n].rescale,
                    children: model
                        .children(n)
                        .iter()
                        .map(|&c| (c, params.weight(c) / total))
                        .filter(|&(_, w)| w != 0.0)
                        .collect(),
                }
            })
            .collect();
        Some(Evaluator {
            model,
            params,
            np,
            steps,
            step_of,
            ind: vec![0.0; ni * np],
            node: vec![0.0; nn * np],
            row: Vec::new(),
            evals: 0,
        })
    }

    pub(crate) fn provinces(&self) -> usize {
        self.np
    }

    /// Scores of node `n` for every province.
    pub(crate) fn scores(&self, n: usize) -> &[f64] {
        &self.node[n * self.np..(n + 1) * self.np]
    }

    /// Step 1: normalises indicator `i` from the raw `row` of its values (min and max given).
    fn normalise(&mut self, row: &[f64], min_max: (f64, f64), i: usize) {
        normalise_row::<Exact>(
            row,
            min_max,
            self.params.normalisation[i],
            self.model.indicators()[i].direction,
            self.params.goalposts[i],
            &mut self.ind[i * self.np..(i + 1) * self.np],
            |o, s| *o = s,
        );
    }

    /// Steps 2 and 3: node step `s` from its children (weighted arithmetic or geometric mean),
    /// rescaled where the node says so. With `fill`, each child indicator's raw values are written
    /// by `fill(i, row)` (which returns their smallest and largest) and normalised straight into
    /// the mean, with [`ByInverse`] division; without, its normalised scores are read.
    fn aggregate<F>(&mut self, s: usize, fill: Option<&mut F>)
    where
        F: FnMut(usize, &mut [f64]) -> (f64, f64),
    {
        match (self.params.aggregation, fill) {
            (Aggregation::Arithmetic, None) => {
                self.aggregate_as::<ArithmeticMean, Exact, F>(s, None)
            }
            (Aggregation::Geometric, None) => self.aggregate_as::<GeometricMean, Exact, F>(s, None),
            (Aggregation::Arithmetic, fill) => {
                self.aggregate_as::<ArithmeticMean, ByInverse, F>(s, fill)
            }
            (Aggregation::Geometric, fill) => {
                self.aggregate_as::<GeometricMean, ByInverse, F>(s, fill)
            }
        }
    }

    #[inline(always)]
    fn aggregate_as<M: Mean, D: Division, F>(&mut self, s: usize, mut fill: Option<&mut F>)
    where
        F: FnMut(usize, &mut [f64]) -> (f64, f64),
    {
        let Evaluator {
            model,
            params,
            np,
            steps,
            ind,
            node,
            row,
            ..
        } = self;
        let np = *np;
        let step = &steps[s];
        // The node's own row, and the rows of the nodes before and after it (its children are
        // among those: a tree has no loop).
        let (before, rest) = node.split_at_mut(step.node * np);
        let (acc, after) = rest.split_at_mut(np);
        let child_row = |k: usize| match k.cmp(&step.node) {
            std::cmp::Ordering::Less => &before[k * np..(k + 1) * np],
            _ => &after[(k - step.node - 1) * np..(k - step.node) * np],
        };
        acc.fill(M::EMPTY);
        for &(c, w) in &step.children {
            let scores = match (c, fill.as_mut()) {
                (Child::Node(k), _) => child_row(k),
                (Child::Indicator(i), None) => &ind[i * np..(i + 1) * np],
                (Child::Indicator(i), Some(fill)) => {
                    let min_max = fill(i, row);
                    let how = (
                        params.normalisation[i],
                        model.indicators()[i].direction,
                        params.goalposts[i],
                    );
                    M::add_normalised::<D>(acc, row, min_max, how, w);
                    continue;
                }
            };
            M::add_row(acc, scores, w);
        }
        if step.rescale {
            rescale::<D>(acc);
        }
    }

    /// Every indicator and node from `values` (raw values, indicator-major).
    pub(crate) fn full(&mut self, values: &[f64]) {
        self.evals += 1;
        let np = self.np;
        for i in 0..self.model.indicators().len() {
            let row = &values[i * np..(i + 1) * np];
            self.normalise(row, min_max(row), i);
        }
        for s in 0..self.steps.len() {
            self.aggregate::<NoFill>(s, None);
        }
    }

    /// Every node, with the raw values of indicator `i` written by `fill(i, row)`, which returns
    /// the row's smallest and largest values: the Monte Carlo draws its values this way, with no
    /// table of values written. Each indicator with a non-zero weight is filled once, in the order
    /// of computation; normalised scores are not kept; divisions by a row's range use its inverse
    /// (scores differ from [`compute`]'s in the last bits).
    pub(crate) fn full_from(&mut self, fill: &mut impl FnMut(usize, &mut [f64]) -> (f64, f64)) {
        self.evals += 1;
        self.row.resize(self.np, 0.0);
        for s in 0..self.steps.len() {
            self.aggregate(s, Some(&mut *fill));
        }
    }

    /// Only indicator `i` changed since the last evaluation: it and the nodes above it.
    pub(crate) fn update(&mut self, values: &[f64], i: usize) {
        self.evals += 1;
        let np = self.np;
        let row = &values[i * np..(i + 1) * np];
        self.normalise(row, min_max(row), i);
        let mut n = self.model.indicator_parent(i);
        while let Some(k) = n {
            self.aggregate::<NoFill>(self.step_of[k], None);
            n = self.model.parent(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::min_max;

    #[test]
    fn min_max_ignores_nan_wherever_it_is() {
        assert_eq!(min_max(&[2.0, -1.5, 7.25, 0.0]), (-1.5, 7.25));
        assert_eq!(min_max(&[f64::NAN, 3.0, -2.0]), (-2.0, 3.0));
        assert_eq!(min_max(&[3.0, f64::NAN, -2.0, f64::NAN]), (-2.0, 3.0));
        assert_eq!(min_max(&[5.0]), (5.0, 5.0));
        let (lo, hi) = min_max(&[]);
        assert!(lo == f64::INFINITY && hi == f64::NEG_INFINITY);
        let (lo, hi) = min_max(&[f64::NAN]);
        assert!(lo == f64::INFINITY && hi == f64::NEG_INFINITY);
    }
}
