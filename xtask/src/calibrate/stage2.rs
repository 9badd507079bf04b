//! Stage 2, one sub-pillar at a time: the raw values of its indicators for every province, as
//! close (least squares, in each indicator's scaled units) as possible to the priors, such
//! that after the methodology's min–max scaling and the sub-pillar's rescaling every province
//! gets its stage-1 score; every published value, bound and indicator rank holds; the values
//! are coherent (level-3 + level-4 shares ≤ 100 %, security staff ≤ IT staff) and the national
//! figures hold. The order of provinces on each indicator is fixed first (from the priors,
//! with the published ranks placed) and kept with a minimum separation, so no group of
//! provinces collapses onto one value.

use ict_engine::dataset::PublishedFigures;
use ict_engine::methodology::IndicatorDef;

use super::order::{conform, ranked_order};
use super::priors::{spec, Level};
use super::qp::{Expr, Qp};

/// Pairs of indicators whose raw values must satisfy `a + b ≤ 100`.
pub const SHARES: &[(&str, &str)] = &[(
    "level3-application-share-pct",
    "level4-application-share-pct",
)];
/// Pairs `(part, whole)` whose raw values must satisfy `part ≤ whole`.
pub const PARTS: &[(&str, &str)] = &[("security-staff-pct", "it-staff-pct")];
/// Separation of neighbouring provinces on an indicator, in rounding steps (less where a
/// published value leaves less room, never below [`MIN_STEPS`]).
const SEPARATION_STEPS: f64 = 3.0;
const MIN_STEPS: f64 = 1.1;

/// What stage 2 needs to know about one sub-pillar.
pub struct Leaf<'a> {
    pub year: u16,
    pub id: &'a str,
    pub defs: Vec<&'a IndicatorDef>,
    /// Priors, `[k][p]`, raw units.
    pub priors: Vec<Vec<f64>>,
    /// Stage-1 targets by province.
    pub targets: &'a [f64],
    pub province_ids: &'a [String],
    pub population: &'a [f64],
    pub published: &'a PublishedFigures,
}

/// The calibrated sub-pillar: raw values `[k][p]` (not yet rounded) and the order of provinces
/// on each indicator (best first).
pub struct Solved {
    pub raw: Vec<Vec<f64>>,
    pub order: Vec<Vec<usize>>,
}

fn step(d: &IndicatorDef) -> f64 {
    10f64.powi(-i32::from(d.decimals))
}

fn floor_to(d: &IndicatorDef, v: f64) -> f64 {
    let f = 10f64.powi(i32::from(d.decimals));
    (v * f).floor() / f
}
fn ceil_to(d: &IndicatorDef, v: f64) -> f64 {
    let f = 10f64.powi(i32::from(d.decimals));
    (v * f).ceil() / f
}

fn logit(x: f64) -> f64 {
    (x / (1.0 - x)).ln()
}
fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

pub fn solve(leaf: &Leaf) -> Result<Solved, String> {
    let np = leaf.targets.len();
    let nk = leaf.defs.len();
    let pubd = leaf.published;
    let prov = |id: &str| leaf.province_ids.iter().position(|x| x == id);
    let wsum: f64 = leaf.defs.iter().map(|d| d.weight).sum();
    let w: Vec<f64> = leaf.defs.iter().map(|d| d.weight / wsum).collect();
    let published_value = |k: usize, p: usize| {
        pubd.values
            .iter()
            .find(|v| v.indicator == leaf.defs[k].id && prov(&v.province) == Some(p))
            .map(|v| v.value)
    };
    let ranks: Vec<Vec<(usize, u32)>> = leaf
        .defs
        .iter()
        .map(|d| {
            pubd.indicator_ranks
                .iter()
                .filter(|r| r.indicator == d.id)
                .filter_map(|r| prov(&r.province).map(|p| (p, r.rank)))
                .collect()
        })
        .collect();

    // Scale of each indicator: the priors' own range (rounded outwards, inside the plausible
    // range), widened where a published value needs room for the provinces ranked around it.
    let mut range = Vec::with_capacity(nk);
    for (k, d) in leaf.defs.iter().enumerate() {
        let (mut lo, mut hi) = leaf.priors[k]
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        for &(p, r) in &ranks[k] {
            if let Some(v) = published_value(k, p) {
                hi = hi.max(v + f64::from(r - 1) * 1.5 * step(d));
                lo = lo.min(v - (np - r as usize) as f64 * 1.5 * step(d));
            }
        }
        let lo = floor_to(d, lo).max(d.plausible[0]);
        let hi = ceil_to(d, hi).min(d.plausible[1]);
        range.push((lo, hi));
    }
    let to_n = |k: usize, v: f64| (v - range[k].0) / (range[k].1 - range[k].0);

    // Priors in scaled units, then each province's row moved (on the logit scale, so nothing
    // piles up at 0 or 1) to the mean its stage-1 score asks for, on the priors' own scale.
    let n0: Vec<Vec<f64>> = (0..np)
        .map(|p| {
            (0..nk)
                .map(|k| to_n(k, leaf.priors[k][p]).clamp(0.005, 0.995))
                .collect()
        })
        .collect();
    let means: Vec<f64> = n0
        .iter()
        .map(|row| row.iter().zip(&w).map(|(v, w)| v * w).sum())
        .collect();
    let (m0, m1) = means
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let mut n1 = n0.clone();
    for p in 0..np {
        let fixed: Vec<Option<f64>> = (0..nk)
            .map(|k| {
                published_value(k, p)
                    .map(|v| to_n(k, v))
                    .or_else(|| ranks[k].iter().any(|c| c == &(p, 1)).then_some(1.0))
            })
            .collect();
        let want = m0 + leaf.targets[p] * (m1 - m0);
        let row = |c: f64| -> Vec<f64> {
            (0..nk)
                .map(|k| fixed[k].unwrap_or_else(|| logistic(logit(n0[p][k]) + c)))
                .collect()
        };
        let mean = |r: &[f64]| -> f64 { r.iter().zip(&w).map(|(v, w)| v * w).sum() };
        let (mut a, mut b) = (-15.0, 15.0);
        for _ in 0..80 {
            let c = (a + b) / 2.0;
            if mean(&row(c)) < want {
                a = c;
            } else {
                b = c;
            }
        }
        n1[p] = row((a + b) / 2.0);
    }

    // Orders: by the moved priors, published ranks placed; the priors conformed to them.
    let mut orders = Vec::with_capacity(nk);
    let mut gaps = Vec::with_capacity(nk);
    for (k, d) in leaf.defs.iter().enumerate() {
        let span = range[k].1 - range[k].0;
        let mut gap = SEPARATION_STEPS * step(d) / span;
        for &(p, r) in &ranks[k] {
            if let Some(v) = published_value(k, p) {
                let vn = to_n(k, v);
                if r > 1 {
                    gap = gap.min(0.9 * (1.0 - vn) / f64::from(r - 1));
                }
                if (r as usize) < np {
                    gap = gap.min(0.9 * vn / (np - r as usize) as f64);
                }
            }
        }
        gap = gap.min(0.9 / (np - 1) as f64);
        if gap * span < MIN_STEPS * step(d) {
            return Err(format!(
                "{} {}: no room to keep provinces apart",
                leaf.year, d.id
            ));
        }
        let col: Vec<f64> = (0..np).map(|p| n1[p][k]).collect();
        orders.push(ranked_order(&col, &ranks[k]));
        gaps.push(gap);
    }
    agree_with_targets(&mut orders, &ranks, &n1, leaf.targets);
    for (k, order) in orders.iter().enumerate() {
        let mut col: Vec<f64> = (0..np).map(|p| n1[p][k]).collect();
        let anchors = col.clone();
        conform(
            &mut col,
            order,
            &ranks[k],
            &|p| anchors[p],
            2.0 * gaps[k],
            (0.0, 1.0),
        );
        for p in 0..np {
            n1[p][k] = col[p];
        }
    }

    // The quadratic programme. Provinces are kept apart lazily: after each solve, neighbours
    // on an indicator closer than its separation get a constraint keeping them apart in their
    // current order, and the programme is solved again (a few rounds at most).
    let best = (0..np)
        .max_by(|&a, &b| leaf.targets[a].total_cmp(&leaf.targets[b]))
        .ok_or("no province")?;
    let worst = (0..np)
        .min_by(|&a, &b| leaf.targets[a].total_cmp(&leaf.targets[b]))
        .ok_or("no province")?;
    let setup = Setup {
        n1: &n1,
        orders: &orders,
        gaps: &gaps,
        range: &range,
        ranks: &ranks,
        w: &w,
        best,
        worst,
    };
    let min_gap: Vec<f64> = (0..nk)
        .map(|k| MIN_STEPS * step(leaf.defs[k]) / (range[k].1 - range[k].0))
        .collect();
    let what = format!("{} stage 2 {}", leaf.year, leaf.id);
    let mut apart: Vec<Apart> = Vec::new();
    let (qp, mut x) = programme(leaf, &setup, &apart)?;
    let mut sol = qp.solve(&what)?;
    'rounds: for _ in 0..12 {
        let mut batch = Vec::new();
        for k in 0..nk {
            let by = ranked(&sol, &x[k], &n1, k);
            for pair in by.windows(2) {
                let known = apart
                    .iter()
                    .any(|a| (a.k, a.hi, a.lo) == (k, pair[0], pair[1]));
                if sol[x[k][pair[0]]] - sol[x[k][pair[1]]] < gaps[k] * 0.999 && !known {
                    batch.push((k, pair[0], pair[1]));
                }
            }
        }
        if batch.is_empty() {
            break;
        }
        // Where the full separation leaves no solution, a smaller one (never below
        // MIN_STEPS rounding steps); where even that fails, the pairs stay as they are.
        let mut scale = 1.0;
        loop {
            let mut trial = apart.clone();
            trial.extend(batch.iter().map(|&(k, hi, lo)| Apart {
                k,
                hi,
                lo,
                gap: (gaps[k] * scale).max(min_gap[k]),
            }));
            let (qp, tx) = programme(leaf, &setup, &trial)?;
            match qp.solve(&what) {
                Ok(s) => {
                    apart = trial;
                    sol = s;
                    x = tx;
                    break;
                }
                Err(_) if (0..nk).any(|k| gaps[k] * scale > min_gap[k]) => scale *= 0.5,
                Err(_) => break 'rounds,
            }
        }
    }
    let orders: Vec<Vec<usize>> = (0..nk).map(|k| ranked(&sol, &x[k], &n1, k)).collect();
    let raw: Vec<Vec<f64>> = (0..nk)
        .map(|k| {
            (0..np)
                .map(|p| range[k].0 + sol[x[k][p]].clamp(0.0, 1.0) * (range[k].1 - range[k].0))
                .collect()
        })
        .collect();
    Ok(Solved { raw, order: orders })
}

fn skip(what: &str) -> bool {
    std::env::var("CALIBRATE_SKIP").is_ok_and(|v| v.split(',').any(|x| x == what))
}

/// A province ranked below a rank-constrained province `c` on the sub-pillar cannot stand
/// above `c` on every indicator where `c` has a published rank if that is all of them (its
/// mean would be higher), nor one ranked above `c` below it on all. Such a province is moved
/// across `c` on the indicator where it is nearest to `c`, and the nearest province of the
/// other side takes its place, so `c` keeps its rank.
fn agree_with_targets(
    orders: &mut [Vec<usize>],
    ranks: &[Vec<(usize, u32)>],
    n1: &[Vec<f64>],
    targets: &[f64],
) {
    let nk = orders.len();
    let np = targets.len();
    let constrained: Vec<usize> = (0..np)
        .filter(|&c| (0..nk).all(|k| ranks[k].iter().any(|r| r.0 == c)))
        .collect();
    for &c in &constrained {
        for _ in 0..np {
            let pos = |o: &[usize], p: usize| o.iter().position(|&q| q == p).unwrap_or(0);
            let above =
                |orders: &[Vec<usize>], k: usize, p: usize| pos(&orders[k], p) < pos(&orders[k], c);
            // The worst offender: lowest (highest) target among those above (below) on all.
            let wrong = (0..np).filter(|&p| p != c).find(|&p| {
                let all_above = (0..nk).all(|k| above(orders, k, p));
                let all_below = (0..nk).all(|k| !above(orders, k, p));
                (targets[p] < targets[c] && all_above) || (targets[p] > targets[c] && all_below)
            });
            let Some(p) = wrong else { break };
            let up = targets[p] > targets[c];
            let k = (0..nk)
                .min_by(|&a, &b| {
                    let d = |k: usize| (n1[p][k] - n1[c][k]).abs();
                    d(a).total_cmp(&d(b))
                })
                .unwrap_or(0);
            let o = &mut orders[k];
            let pc = pos(o, c);
            // The swap partner: on the other side of c, nearest to it, preferably one whose
            // target puts it on p's side.
            let partner = if up {
                let side: Vec<usize> = o[..pc].iter().rev().copied().collect();
                side.iter()
                    .copied()
                    .find(|&q| targets[q] < targets[c])
                    .or(side.first().copied())
            } else {
                let side: Vec<usize> = o[pc + 1..].to_vec();
                side.iter()
                    .copied()
                    .find(|&q| targets[q] > targets[c])
                    .or(side.first().copied())
            };
            let Some(q) = partner else { break };
            let (ip, iq) = (pos(o, p), pos(o, q));
            o.swap(ip, iq);
        }
    }
}

/// Two provinces kept apart on indicator `k`: `hi` above `lo` by `gap`.
#[derive(Clone)]
struct Apart {
    k: usize,
    hi: usize,
    lo: usize,
    gap: f64,
}

/// Provinces by their solved value on one indicator, best first (ties: by prior).
fn ranked(sol: &[f64], x: &[usize], n1: &[Vec<f64>], k: usize) -> Vec<usize> {
    let mut by: Vec<usize> = (0..x.len()).collect();
    by.sort_by(|&a, &b| {
        sol[x[b]]
            .total_cmp(&sol[x[a]])
            .then(n1[b][k].total_cmp(&n1[a][k]))
    });
    by
}

/// What [`programme`] needs beyond the leaf.
struct Setup<'a> {
    n1: &'a [Vec<f64>],
    orders: &'a [Vec<usize>],
    gaps: &'a [f64],
    range: &'a [(f64, f64)],
    ranks: &'a [Vec<(usize, u32)>],
    w: &'a [f64],
    best: usize,
    worst: usize,
}

/// The quadratic programme of one sub-pillar, with `apart` (indicator, higher, lower) pairs
/// kept apart. Returns it and its variables `[k][p]`.
fn programme(leaf: &Leaf, r: &Setup, apart: &[Apart]) -> Result<(Qp, Vec<Vec<usize>>), String> {
    let np = leaf.targets.len();
    let nk = leaf.defs.len();
    let pubd = leaf.published;
    let prov = |id: &str| leaf.province_ids.iter().position(|x| x == id);
    let range = r.range;
    let to_n = |k: usize, v: f64| (v - range[k].0) / (range[k].1 - range[k].0);
    let mut qp = Qp::default();
    let x: Vec<Vec<usize>> = (0..nk)
        .map(|k| (0..np).map(|p| qp.var(0.0, 1.0, r.n1[p][k], 1.0)).collect())
        .collect();
    let raw = |k: usize, p: usize| -> Expr { vec![(x[k][p], range[k].1 - range[k].0)] };
    for k in 0..nk {
        let o = &r.orders[k];
        let gap = r.gaps[k];
        // Best and worst: exactly the scale's ends; everyone else strictly inside.
        qp.eq(vec![(x[k][o[0]], 1.0)], 1.0);
        qp.eq(vec![(x[k][o[np - 1]], 1.0)], 0.0);
        for &p in o[1..np - 1].iter().filter(|_| !skip("inside")) {
            qp.between(vec![(x[k][p], 1.0)], gap, 1.0 - gap);
        }
        // Published ranks: the provinces ahead in the order above, the others below.
        for &(c, _) in r.ranks[k].iter().filter(|_| !skip("s2ranks")) {
            let pos = o.iter().position(|&q| q == c).ok_or("order")?;
            for (j, &q) in o.iter().enumerate().filter(|&(_, &q)| q != c) {
                let (hi, lo) = if j < pos { (q, c) } else { (c, q) };
                qp.ge(vec![(x[k][hi], 1.0), (x[k][lo], -1.0)], gap);
            }
        }
        for a in apart.iter().filter(|a| a.k == k) {
            qp.ge(vec![(x[k][a.hi], 1.0), (x[k][a.lo], -1.0)], a.gap);
        }
        for v in pubd
            .values
            .iter()
            .filter(|v| v.indicator == leaf.defs[k].id)
        {
            if let Some(p) = prov(&v.province) {
                qp.eq(vec![(x[k][p], 1.0)], to_n(k, v.value));
            }
        }
        for b in pubd
            .bounds
            .iter()
            .filter(|b| b.indicator == leaf.defs[k].id)
        {
            let p = prov(&b.province).ok_or("unknown province")?;
            qp.ge(vec![(x[k][p], 1.0)], to_n(k, b.min) + 1e-3);
        }
        // National figures: the population-weighted mean within 2 % (5 % is the promise).
        let s = spec(&leaf.defs[k].id)?;
        if let (Level::National(v), false) = (s.level_of(leaf.year), skip("national")) {
            let total: f64 = leaf.population.iter().sum();
            let e: Expr = (0..np)
                .map(|p| {
                    (
                        x[k][p],
                        leaf.population[p] / total * (range[k].1 - range[k].0),
                    )
                })
                .collect();
            qp.between(e, 0.98 * v - range[k].0, 1.02 * v - range[k].0);
        }
    }
    // Every province's sub-pillar score is its target: mean(p) = mean(worst) + t·(mean(best) −
    // mean(worst)).
    for p in (0..np).filter(|&p| p != r.best && p != r.worst && !skip("rows")) {
        let t = leaf.targets[p];
        let mut e: Expr = Vec::new();
        for (xk, w) in x.iter().zip(r.w) {
            e.push((xk[p], *w));
            e.push((xk[r.worst], -w * (1.0 - t)));
            e.push((xk[r.best], -w * t));
        }
        qp.eq(e, 0.0);
    }
    // Coherence.
    let pos = |id: &str| leaf.defs.iter().position(|d| d.id == id);
    for &(a, b) in SHARES {
        if let (Some(a), Some(b)) = (pos(a), pos(b)) {
            for p in 0..np {
                let mut e = raw(a, p);
                e.extend(raw(b, p));
                qp.le(e, 100.0 - 0.5 - range[a].0 - range[b].0);
            }
        }
    }
    for &(part, whole) in PARTS {
        if let (Some(a), Some(b)) = (pos(part), pos(whole)) {
            for p in 0..np {
                let mut e = raw(a, p);
                e.extend(raw(b, p).into_iter().map(|(v, c)| (v, -c)));
                qp.le(e, range[b].0 - range[a].0 - 2.0 * step(leaf.defs[a]));
            }
        }
    }
    Ok((qp, x))
}
