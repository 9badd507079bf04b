//! The computation: normalise → aggregate → rescale → rank. A full recompute on each call.

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

/// Normalises one indicator across provinces into `out` (each in [0, 1]).
pub fn normalise(
    values: &[f64],
    method: Normalisation,
    dir: Direction,
    goal: [f64; 2],
    out: &mut [f64],
) {
    let (min, max) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let higher = dir == Direction::HigherIsBetter;
    for (o, &x) in out.iter_mut().zip(values) {
        *o = match method {
            Normalisation::MinMax => {
                if max > min {
                    if higher {
                        (x - min) / (max - min)
                    } else {
                        (max - x) / (max - min)
                    }
                } else {
                    1.0
                }
            }
            Normalisation::RatioToMax => {
                if higher {
                    if max > 0.0 {
                        x / max
                    } else {
                        1.0
                    }
                } else if x > 0.0 {
                    min / x
                } else {
                    1.0
                }
            }
            Normalisation::Goalposts => {
                let t = (x - goal[0]) / (goal[1] - goal[0]);
                if higher {
                    t.clamp(0.0, 1.0)
                } else {
                    (1.0 - t).clamp(0.0, 1.0)
                }
            }
        };
    }
}

/// Rescales scores so the best is 1 and the worst 0 (all 1 when they are equal).
fn rescale(scores: &mut [f64]) {
    let (min, max) = scores
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    for s in scores.iter_mut() {
        *s = if max > min {
            (*s - min) / (max - min)
        } else {
            1.0
        };
    }
}

/// Computes every score and rank. `values` are raw values, indicator-major, already validated
/// (see [`Model::apply`]).
pub fn compute(model: &Model, params: &Params, values: &[f64]) -> Results {
    let np = model.province_count();
    let inds = model.indicators();
    let n_nodes = model.children.len();
    let mut indicator_scores = vec![0.0; inds.len() * np];
    let mut indicator_keys = vec![0.0; inds.len() * np];
    let mut scratch = Vec::with_capacity(np);
    for (i, ind) in inds.iter().enumerate() {
        let range = i * np..(i + 1) * np;
        normalise(
            &values[range.clone()],
            params.normalisation[i],
            ind.direction,
            params.goalposts[i],
            &mut indicator_scores[range.clone()],
        );
        let sign = if ind.direction == Direction::HigherIsBetter {
            1.0
        } else {
            -1.0
        };
        for (k, &v) in indicator_keys[range.clone()].iter_mut().zip(&values[range]) {
            *k = sign * v;
        }
    }

    let mut node_scores = vec![0.0; n_nodes * np];
    let mut node_ranks = vec![0u32; n_nodes * np];
    let mut node_means = vec![0.0; n_nodes];
    for &n in &model.order {
        let children = &model.children[n];
        let total: f64 = children.iter().map(|c| child_weight(params, *c)).sum();
        let mut acc = vec![
            if params.aggregation == Aggregation::Geometric {
                1.0
            } else {
                0.0
            };
            np
        ];
        for &c in children {
            let w = child_weight(params, c) / total;
            if w == 0.0 {
                continue;
            }
            let src = match c {
                Child::Node(k) => &node_scores[k * np..(k + 1) * np],
                Child::Indicator(k) => &indicator_scores[k * np..(k + 1) * np],
            };
            match params.aggregation {
                Aggregation::Arithmetic => acc.iter_mut().zip(src).for_each(|(a, s)| *a += w * s),
                Aggregation::Geometric => acc
                    .iter_mut()
                    .zip(src)
                    .for_each(|(a, s)| *a *= s.max(GEOMETRIC_FLOOR).powf(w)),
            }
        }
        if model.nodes()[n].rescale {
            rescale(&mut acc);
        }
        let range = n * np..(n + 1) * np;
        node_means[n] = acc.iter().sum::<f64>() / np as f64;
        competition_ranks_into(&acc, &mut scratch, &mut node_ranks[range.clone()]);
        node_scores[range].copy_from_slice(&acc);
    }
    Results {
        provinces: np,
        node_scores,
        node_ranks,
        indicator_scores,
        indicator_keys,
        node_means,
    }
}

fn child_weight(params: &Params, c: Child) -> f64 {
    match c {
        Child::Node(k) => params.node_weights[k],
        Child::Indicator(k) => params.ind_weights[k],
    }
}
