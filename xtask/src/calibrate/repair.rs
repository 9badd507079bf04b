//! After rounding: the provinces with published figures must still print them exactly. Rounding
//! every value to its indicator's decimals moves each sub-pillar score by up to ~10⁻⁴, so a few
//! cells of those provinces (and of each sub-pillar's best and worst, which set its scale) are
//! moved by one or two rounding steps, greedily, while every province keeps its place on every
//! indicator (no new ties) and the values stay coherent.

use ict_engine::dataset::{EditionMeta, PublishedFigures};
use ict_engine::methodology::IndicatorDef;

use super::stage1::Facts;
use super::stage2::{Solved, PARTS, SHARES};
use super::tree::Tree;

/// Close enough: a sub-pillar score within this of its target prints every published figure.
const GOOD: f64 = 2e-6;

/// Rescaled score of every province on one sub-pillar whose indicators' raw values are `cols`.
pub fn sub_pillar(cols: &[&[f64]], w: &[f64]) -> Vec<f64> {
    let np = cols[0].len();
    let mut acc = vec![0.0; np];
    for (col, &w) in cols.iter().zip(w) {
        let (mn, mx) = min_max(col);
        for (a, &v) in acc.iter_mut().zip(col.iter()) {
            *a += w * if mx > mn { (v - mn) / (mx - mn) } else { 1.0 };
        }
    }
    let (mn, mx) = min_max(&acc);
    acc.iter()
        .map(|&a| if mx > mn { (a - mn) / (mx - mn) } else { 1.0 })
        .collect()
}

fn min_max(v: &[f64]) -> (f64, f64) {
    v.iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        })
}

/// Whether province `p`'s values are coherent (shares ≤ 100 %, part ≤ whole).
pub fn coherent(defs: &[IndicatorDef], raw: &[Vec<f64>], p: usize) -> bool {
    let get = |id: &str| defs.iter().position(|d| d.id == id).map(|i| raw[i][p]);
    SHARES.iter().all(|&(a, b)| match (get(a), get(b)) {
        (Some(a), Some(b)) => a + b <= 100.0,
        _ => true,
    }) && PARTS.iter().all(|&(a, b)| match (get(a), get(b)) {
        (Some(a), Some(b)) => a <= b,
        _ => true,
    })
}

pub fn repair(
    meta: &EditionMeta,
    published: &PublishedFigures,
    t: &Tree,
    facts: &Facts,
    solved: &[(Vec<f64>, Solved)],
    raw: &mut [Vec<f64>],
) -> Result<(), String> {
    let defs = &meta.methodology.indicators;
    let np = meta.provinces.len();
    for (l, (targets, s)) in solved.iter().enumerate() {
        let inds = &t.leaf_indicators[l];
        let wsum: f64 = inds.iter().map(|&i| defs[i].weight).sum();
        let w: Vec<f64> = inds.iter().map(|&i| defs[i].weight / wsum).collect();
        let mut pinned: Vec<usize> = facts
            .pins
            .iter()
            .filter(|x| t.expr[&x.node].iter().any(|e| e.0 == l))
            .map(|x| x.province)
            .collect();
        pinned.sort_unstable();
        pinned.dedup();
        // Any cell may move (the mean over all provinces feeds the published national mean),
        // except a published value.
        let fixed = |k: usize, p: usize| {
            published
                .values
                .iter()
                .any(|v| v.indicator == defs[inds[k]].id && v.province == meta.provinces[p].id)
        };
        let target_mean = targets.iter().sum::<f64>() / np as f64;
        let error = |raw: &[Vec<f64>]| -> (f64, f64) {
            let cols: Vec<&[f64]> = inds.iter().map(|&i| raw[i].as_slice()).collect();
            let sc = sub_pillar(&cols, &w);
            let mean = sc.iter().sum::<f64>() / np as f64;
            let (sum, max) = pinned.iter().fold((0.0, 0.0), |(sum, max), &p| {
                let e = (sc[p] - targets[p]).abs();
                (sum + e * e, f64::max(max, e))
            });
            let me = (mean - target_mean).abs();
            (sum + me * me, max.max(me))
        };
        // Whether cell (k, p) may hold v: strictly between its neighbours on the indicator
        // (no new tie, same order), inside the plausible range, above a published bound, and
        // coherent with the province's other values.
        let valid = |raw: &mut [Vec<f64>], k: usize, p: usize, v: f64| -> bool {
            let i = inds[k];
            let d = &defs[i];
            let o = &s.order[k];
            let pos = o.iter().position(|&q| q == p).unwrap_or(0);
            let above = if pos == 0 {
                d.plausible[1] + 1e-9
            } else {
                raw[i][o[pos - 1]]
            };
            let below = if pos + 1 == np {
                d.plausible[0] - 1e-9
            } else {
                raw[i][o[pos + 1]]
            };
            let bounded = published
                .bounds
                .iter()
                .filter(|b| b.indicator == d.id && b.province == meta.provinces[p].id)
                .all(|b| v >= b.min);
            if !(below < v && v < above && bounded) {
                return false;
            }
            let old = raw[i][p];
            raw[i][p] = v;
            let ok = coherent(defs, raw, p);
            raw[i][p] = old;
            ok
        };
        // Moves of one cell by up to three rounding steps.
        let moves = |raw: &mut [Vec<f64>], rows: &mut dyn Iterator<Item = usize>| {
            let mut out = Vec::new();
            for p in rows {
                for (k, &i) in inds.iter().enumerate() {
                    if fixed(k, p) {
                        continue;
                    }
                    let d = &defs[i];
                    let step = 10f64.powi(-i32::from(d.decimals));
                    for delta in [-3.0, -2.0, -1.0, 1.0, 2.0, 3.0] {
                        let v = d.round(raw[i][p] + delta * step);
                        if valid(raw, k, p, v) {
                            out.push((k, p, v));
                        }
                    }
                }
            }
            out
        };
        // Cells that move the scores of the pinned provinces: their own rows, the rows of
        // the sub-pillar's best and worst, each indicator's best and worst.
        let best = (0..np)
            .max_by(|&a, &b| targets[a].total_cmp(&targets[b]))
            .unwrap_or(0);
        let worst = (0..np)
            .min_by(|&a, &b| targets[a].total_cmp(&targets[b]))
            .unwrap_or(0);
        let mut key_rows: Vec<usize> = pinned.clone();
        key_rows.extend([best, worst]);
        for o in &s.order {
            key_rows.extend([o[0], o[np - 1]]);
        }
        key_rows.sort_unstable();
        key_rows.dedup();
        let (mut cur, mut worst_err) = error(raw);
        for _ in 0..500 {
            if worst_err < GOOD {
                break;
            }
            type Move = (usize, usize, f64);
            type Choice = Option<(Vec<Move>, f64, f64)>;
            let mut chosen: Choice = None;
            let consider = |raw: &mut [Vec<f64>], set: Vec<Move>, chosen: &mut Choice| {
                let olds: Vec<f64> = set.iter().map(|&(k, p, _)| raw[inds[k]][p]).collect();
                for &(k, p, v) in &set {
                    raw[inds[k]][p] = v;
                }
                let (sum, max) = error(raw);
                for (&(k, p, _), old) in set.iter().zip(&olds) {
                    raw[inds[k]][p] = *old;
                }
                if sum < cur - 1e-18 && chosen.as_ref().is_none_or(|c| sum < c.1) {
                    *chosen = Some((set, sum, max));
                }
            };
            for m in moves(raw, &mut (0..np)) {
                consider(raw, vec![m], &mut chosen);
            }
            if chosen.is_none() {
                // No single move helps: try two at once among the cells that matter.
                let few = moves(raw, &mut key_rows.iter().copied());
                for (a, &m1) in few.iter().enumerate() {
                    for &m2 in &few[a + 1..] {
                        if (m1.0, m1.1) == (m2.0, m2.1) {
                            continue;
                        }
                        let i1 = inds[m1.0];
                        let old = raw[i1][m1.1];
                        raw[i1][m1.1] = m1.2;
                        let ok = valid(raw, m2.0, m2.1, m2.2);
                        raw[i1][m1.1] = old;
                        if ok {
                            consider(raw, vec![m1, m2], &mut chosen);
                        }
                    }
                }
            }
            let Some((set, sum, max)) = chosen else {
                break;
            };
            for (k, p, v) in set {
                raw[inds[k]][p] = v;
            }
            cur = sum;
            worst_err = max;
        }
        if std::env::var("CALIBRATE_DEBUG").is_ok() {
            let cols: Vec<&[f64]> = inds.iter().map(|&i| raw[i].as_slice()).collect();
            let sc = sub_pillar(&cols, &w);
            let errs: Vec<String> = pinned
                .iter()
                .map(|&p| format!("{p}:{:.1e}", sc[p] - targets[p]))
                .collect();
            let mean = sc.iter().sum::<f64>() / np as f64;
            eprintln!(
                "{} {}: repaired to {worst_err:.2e} ({}; mean {:.1e})",
                meta.year,
                t.leaves[l],
                errs.join(" "),
                mean - target_mean
            );
        }
    }
    Ok(())
}
