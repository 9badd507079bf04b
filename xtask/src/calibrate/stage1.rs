//! Stage 1: a score in [0, 1] for every province and sub-pillar, as close (least squares) as
//! possible to the scores the priors give, such that every published score, rank and mean
//! holds and each sub-pillar's best province has 1 and its worst 0.

use std::collections::BTreeMap;

use ict_engine::dataset::PublishedFigures;

use super::order::{conform, ranked_order};
use super::qp::{Expr, Qp};
use super::tree::Tree;
use super::YearConfig;

/// How firmly the priors' score of a sub-pillar holds when published figures make the fit move
/// a province: the society sub-pillars rest on strong statistics (GRDP, urbanisation, census,
/// household surveys), those of state agencies and online services on weaker ones (survey
/// items, a 2017 ranking), so the fit moves the latter more.
fn firmness(leaf: &str) -> f64 {
    match leaf {
        "htkt-xh" | "htnl-xh" => 4.0,
        _ => 1.0,
    }
}

/// Distance kept from the ends of a published score's printing interval.
const PIN_MARGIN: f64 = 1e-5;

/// Gap kept between scores around a published rank.
const SCORE_GAP: f64 = 0.004;
/// Gap kept around a published rank on a sub-pillar (where room allows).
const LEAF_GAP: f64 = 0.012;

/// A published (or configured) score of a province on a node.
#[derive(Clone)]
pub struct Pin {
    pub node: String,
    pub province: usize,
    pub score: f64,
}

/// The pins and ranks of an edition, by province position.
pub struct Facts {
    pub pins: Vec<Pin>,
    pub ranks: BTreeMap<String, Vec<(usize, u32)>>,
}

impl Facts {
    pub fn new(
        published: &PublishedFigures,
        cfg: &YearConfig,
        province: &dyn Fn(&str) -> Option<usize>,
    ) -> Result<Facts, String> {
        let mut pins = Vec::new();
        let mut ranks: BTreeMap<String, Vec<(usize, u32)>> = BTreeMap::new();
        let extra = cfg
            .unnamed
            .iter()
            .map(|&(n, p, s, r)| (n, p, Some(s), Some(r)));
        let all = published
            .scores
            .iter()
            .map(|s| (s.node.as_str(), s.province.as_str(), s.score, s.rank))
            .chain(extra);
        for (node, prov, score, rank) in all {
            let p = province(prov).ok_or(format!("unknown province {prov}"))?;
            if let Some(score) = score {
                pins.push(Pin {
                    node: node.to_string(),
                    province: p,
                    score,
                });
            }
            if let Some(r) = rank {
                ranks.entry(node.to_string()).or_default().push((p, r));
            }
        }
        Ok(Facts { pins, ranks })
    }

    fn pin(&self, node: &str, p: usize) -> Option<f64> {
        self.pins
            .iter()
            .find(|x| x.node == node && x.province == p)
            .map(|x| x.score)
    }
}

/// One rank constraint: (node, order of provinces on it, the constrained province and its
/// rank, the gap each province keeps (above, below)).
type RankRow = (String, Vec<usize>, (usize, u32), Vec<(f64, f64)>);

/// Sub-pillar targets `[province][leaf]`. `prior` holds the priors' own sub-pillar scores.
///
/// Which provinces stand above a province with a published rank is first taken from the
/// priors. When those choices contradict each other (no solution), an elastic programme — the
/// same, with every rank constraint allowed to give way at a high price — shows the cheapest
/// way out, and its scores decide the orders of the next attempt.
pub fn stage1(
    t: &Tree,
    facts: &Facts,
    published: &PublishedFigures,
    cfg: &YearConfig,
    prior: &[Vec<f64>],
    province: &dyn Fn(&str) -> Option<usize>,
) -> Result<Vec<Vec<f64>>, String> {
    let mut keys: Option<Vec<Vec<f64>>> = None;
    let mut last = String::new();
    for _ in 0..6 {
        let run = |elastic| {
            attempt(
                t,
                facts,
                published,
                cfg,
                prior,
                province,
                keys.as_deref(),
                elastic,
            )
        };
        match run(false) {
            Ok(x) => return Ok(x),
            Err(e) => last = e,
        }
        keys = Some(run(true)?);
    }
    Err(last)
}

#[allow(clippy::too_many_arguments)]
fn attempt(
    t: &Tree,
    facts: &Facts,
    published: &PublishedFigures,
    cfg: &YearConfig,
    prior: &[Vec<f64>],
    province: &dyn Fn(&str) -> Option<usize>,
    keys: Option<&[Vec<f64>]>,
    elastic: bool,
) -> Result<Vec<Vec<f64>>, String> {
    let np = prior.len();
    let nl = t.leaves.len();
    let expr = |n: &str| &t.expr[n];
    let value = |row: &[f64], n: &str| -> f64 { expr(n).iter().map(|&(l, c)| c * row[l]).sum() };
    let mut priors: Vec<Vec<f64>> = prior.to_vec();
    let firm: Vec<f64> = t.leaves.iter().map(|l| firmness(l)).collect();

    // Priors moved to agree with every pin, parents first (a pinned pillar sets the level of
    // its sub-pillars; a pinned sub-pillar is its pin).
    let leaf_pin = |p: usize, l: usize| facts.pin(&t.leaves[l], p);
    for (p, row) in priors.iter_mut().enumerate() {
        for (l, v) in row.iter_mut().enumerate() {
            if let Some(s) = leaf_pin(p, l) {
                *v = s;
            }
        }
    }
    for n in &t.top_down {
        for pin in facts.pins.iter().filter(|x| &x.node == n) {
            shift_free(&mut priors[pin.province], expr(n), pin.score, &firm, &|l| {
                leaf_pin(pin.province, l).is_some()
            });
        }
    }
    // Bounds of each sub-pillar implied by the pins of the nodes above it (propagated until
    // they settle: a pinned pillar whose other sub-pillar is pinned fixes this one).
    let mut leaf_bounds = vec![vec![(0.0f64, 1.0f64); nl]; np];
    // Bounds on nodes: the pins, then (below) what each order implies next to a pinned
    // rank-constrained province.
    let mut node_bounds: Vec<(String, usize, f64, f64)> = facts
        .pins
        .iter()
        .map(|x| (x.node.clone(), x.province, x.score, x.score))
        .collect();
    propagate(&mut leaf_bounds, &node_bounds, t);
    let hints: Vec<(String, usize, f64)> = cfg
        .hints
        .iter()
        .map(|&(n, p, v)| province(p).map(|p| (n.to_string(), p, v)).ok_or("hint"))
        .collect::<Result<_, _>>()?;

    // Orders, rank constraints and extremes, node by node from the top.
    let mut rank_rows: Vec<RankRow> = Vec::new();
    let mut extremes: Vec<(usize, usize, f64)> = Vec::new(); // (province, leaf, 0 or 1)
    for n in &t.top_down {
        let constrained = facts.ranks.get(n).cloned().unwrap_or_default();
        let bounds: Vec<(f64, f64)> = (0..np)
            .map(|p| match facts.pin(n, p) {
                Some(s) => (s, s),
                None => expr(n).iter().fold((0.0, 0.0), |(a, b), &(l, c)| {
                    (a + c * leaf_bounds[p][l].0, b + c * leaf_bounds[p][l].1)
                }),
            })
            .collect();
        let level = |priors: &[Vec<f64>], p: usize| -> f64 {
            if let Some(h) = hints.iter().find(|h| &h.0 == n && h.1 == p) {
                return h.2;
            }
            value(&priors[p], n).clamp(bounds[p].0, bounds[p].1)
        };
        // A province whose bounds put it above (below) a rank-constrained one sorts ahead of
        // (behind) it.
        let base: Vec<f64> = (0..np)
            .map(|p| keys.map_or_else(|| level(&priors, p), |k| value(&k[p], n)))
            .collect();
        let key: Vec<f64> = (0..np)
            .map(|p| {
                let forced: f64 = constrained
                    .iter()
                    .filter(|c| c.0 != p)
                    .map(|c| {
                        let sc = level(&priors, c.0);
                        if bounds[p].0 >= sc + SCORE_GAP {
                            10.0
                        } else if bounds[p].1 <= sc - SCORE_GAP {
                            -10.0
                        } else {
                            0.0
                        }
                    })
                    .sum();
                base[p] + forced
            })
            .collect();
        let order = ranked_order(&key, &constrained);
        if std::env::var("CALIBRATE_DEBUG").is_ok() {
            let shown: Vec<String> = order[..14]
                .iter()
                .map(|&p| format!("{p}:{:.3}[{:.2},{:.2}]", key[p], bounds[p].0, bounds[p].1))
                .collect();
            eprintln!("{} {n}: {}", cfg.year, shown.join(" "));
        }
        let is_leaf = t.is_leaf(n);
        let anchors: Vec<f64> = (0..np).map(|p| level(&priors, p)).collect();
        for c in &constrained {
            let sc = anchors[c.0];
            let wide = cfg
                .below_gaps
                .iter()
                .find(|g| g.0 == n)
                .map_or(LEAF_GAP, |g| g.1);
            let gaps: Vec<(f64, f64)> = (0..np)
                .map(|q| {
                    if !is_leaf {
                        (SCORE_GAP, SCORE_GAP)
                    } else {
                        let above = LEAF_GAP.min((1.0 - sc) / 2.0).max(SCORE_GAP);
                        let below = if bounds[q].0 > sc - wide {
                            LEAF_GAP.min(sc - bounds[q].0).max(SCORE_GAP)
                        } else {
                            wide
                        };
                        (above, below)
                    }
                })
                .collect();
            rank_rows.push((n.clone(), order.clone(), *c, gaps));
        }
        // A rank-constrained province with a published score bounds the others: those ahead
        // of it in the order are above it, the rest below.
        for c in &constrained {
            if let Some(sc) = facts.pin(n, c.0) {
                let pos = order.iter().position(|&q| q == c.0).unwrap_or(0);
                for (j, &q) in order.iter().enumerate().filter(|&(_, &q)| q != c.0) {
                    node_bounds.push(if j < pos {
                        (n.clone(), q, sc + SCORE_GAP, 1.0)
                    } else {
                        (n.clone(), q, 0.0, sc - SCORE_GAP)
                    });
                }
            }
        }
        propagate(&mut leaf_bounds, &node_bounds, t);
        // The priors already respect the ranks: each province's node value moved into its
        // band, by moving its free sub-pillars alike.
        let mut col: Vec<f64> = (0..np).map(|p| value(&priors[p], n)).collect();
        let before = col.clone();
        conform(
            &mut col,
            &order,
            &constrained,
            &|p| anchors[p],
            2.0 * SCORE_GAP,
            (0.0, 1.0),
        );
        for p in 0..np {
            if (col[p] - before[p]).abs() > 1e-12 {
                let target = col[p];
                shift_free(&mut priors[p], expr(n), target, &firm, &|l| {
                    leaf_pin(p, l).is_some()
                });
            }
        }
        if let Some(l) = t.leaves.iter().position(|x| x == n) {
            if std::env::var("CALIBRATE_DEBUG").is_ok() {
                eprintln!("{n} order: {:?}", &order[..12]);
            }
            // The best gets 1 and the worst 0: a province pinned there, else the first (last)
            // in the order above (below) every rank-constrained one.
            let positions: Vec<usize> = constrained
                .iter()
                .filter_map(|c| order.iter().position(|&q| q == c.0))
                .collect();
            let first = positions.iter().copied().min().unwrap_or(np - 1);
            let last = positions.iter().copied().max().unwrap_or(0);
            // A province whose bounds allow it, preferring one not already best (worst) on
            // another sub-pillar: one best on several would need the others low to keep its
            // published place.
            let pick = |v: f64, cands: Vec<usize>| {
                let allows = |p: usize| leaf_bounds[p][l].0 <= v && v <= leaf_bounds[p][l].1;
                let used = |p: usize| extremes.iter().any(|e| e.0 == p && e.2 == v);
                cands
                    .iter()
                    .copied()
                    .find(|&p| leaf_pin(p, l) == Some(v))
                    .or_else(|| cands.iter().copied().find(|&p| allows(p) && !used(p)))
                    .or_else(|| cands.iter().copied().find(|&p| allows(p)))
                    .ok_or(format!("{n}: no province can score {v}"))
            };
            // (By their own level: the order's forced moves only place them around the
            // constrained provinces.)
            let mut above = order[..=first].to_vec();
            above.sort_by(|&a, &b| base[b].total_cmp(&base[a]));
            let mut below = order[last..].to_vec();
            below.sort_by(|&a, &b| base[a].total_cmp(&base[b]));
            let top = pick(1.0, above)?;
            let bottom = pick(0.0, below)?;
            if std::env::var("CALIBRATE_DEBUG").is_ok() {
                eprintln!("{} {n}: best {top}, worst {bottom}", cfg.year);
            }
            extremes.push((top, l, 1.0));
            extremes.push((bottom, l, 0.0));
        }
    }

    let mut qp = Qp::default();
    let s: Vec<Vec<usize>> = (0..np)
        .map(|p| {
            (0..nl)
                .map(|l| qp.var(0.0, 1.0, priors[p][l], firm[l]))
                .collect()
        })
        .collect();
    let term = |n: &str, p: usize| -> Expr { expr(n).iter().map(|&(l, c)| (s[p][l], c)).collect() };
    for pin in facts
        .pins
        .iter()
        .filter(|x| !skip(cfg.year, "pins") && !skip(cfg.year, &format!("pin:{}", x.node)))
    {
        // Published scores are rounded to 4 decimals: each may lie anywhere that prints as
        // published, keeping PIN_MARGIN from the ends for the rounding of raw values (the
        // means of rounded figures need it: 0.9941 and 0.8956 print 0.9449 only if they lie
        // a little above their printed values).
        let half = 5e-5 - PIN_MARGIN;
        qp.between(
            term(&pin.node, pin.province),
            pin.score - half,
            (pin.score + half).min(1.0),
        );
    }
    let mut slacks = Vec::new();
    for (n, order, (p, _), gaps) in rank_rows
        .iter()
        .filter(|r| !skip(cfg.year, "ranks") && !skip(cfg.year, &format!("rank:{}", r.0)))
    {
        let pos = order.iter().position(|q| q == p).ok_or("order")?;
        let mine = term(n, *p);
        for (k, &q) in order.iter().enumerate() {
            if q == *p {
                continue;
            }
            let mut e = term(n, q);
            let (sign, gap) = if k < pos {
                (1.0, gaps[q].0)
            } else {
                (-1.0, gaps[q].1)
            };
            e.iter_mut().for_each(|x| x.1 *= sign);
            e.extend(mine.iter().map(|&(v, c)| (v, -sign * c)));
            if elastic {
                let sl = qp.slack(1000.0);
                slacks.push((n.clone(), *p, q, sl));
                e.push((sl, 1.0));
            }
            qp.ge(e, gap);
        }
    }
    for &(p, l, v) in extremes
        .iter()
        .filter(|_| !elastic && !skip(cfg.year, "extremes"))
    {
        qp.eq(vec![(s[p][l], 1.0)], v);
    }
    for m in published.means.iter().filter(|_| !skip(cfg.year, "means")) {
        let e: Expr = (0..np)
            .flat_map(|p| term(&m.node, p))
            .map(|(v, c)| (v, c / np as f64))
            .collect();
        // The index mean is printed to 4 decimals: hit it well inside that.
        let h = if m.node == t.root {
            2e-6
        } else {
            m.tolerance / 5.0
        };
        qp.between(e, m.mean - h, m.mean + h);
    }
    let x = qp.solve(&format!(
        "{} stage 1{}",
        cfg.year,
        if elastic { " (elastic)" } else { "" }
    ))?;
    if std::env::var("CALIBRATE_DEBUG").is_ok() {
        for (n, p, q, sl) in &slacks {
            if x[*sl] > 1e-7 {
                eprintln!("elastic: {n} {p} vs {q}: {:.4}", x[*sl]);
            }
        }
    }
    Ok(s.iter()
        .map(|row| row.iter().map(|&v| x[v]).collect())
        .collect())
}

/// Moves the free sub-pillars of a province's row (not `fixed`), the less firm ones more, so
/// that the node with expression `e` takes the value `target` (as far as [0.01, 0.99] allows).
fn shift_free(
    row: &mut [f64],
    e: &[(usize, f64)],
    target: f64,
    firm: &[f64],
    fixed: &dyn Fn(usize) -> bool,
) {
    let cur: f64 = e.iter().map(|&(l, c)| c * row[l]).sum();
    let free: Vec<(usize, f64)> = e.iter().copied().filter(|&(l, _)| !fixed(l)).collect();
    let total: f64 = free.iter().map(|&(l, c)| c / firm[l]).sum();
    if total <= 0.0 {
        return;
    }
    for &(l, _) in &free {
        row[l] = (row[l] + (target - cur) / total / firm[l]).clamp(0.01, 0.99);
    }
}

/// Debugging aid: `CALIBRATE_SKIP=ranks,pins,rank:htkt,...` leaves those constraint groups out.
/// Entries may name a year: `2018:ranks`.
fn skip(year: u16, what: &str) -> bool {
    let dated = format!("{year}:{what}");
    std::env::var("CALIBRATE_SKIP").is_ok_and(|v| v.split(',').any(|x| x == what || x == dated))
}

/// Tightens each province's sub-pillar bounds through the bounds on its nodes (a pin is a
/// bound with both ends equal) until they settle: a pinned pillar whose other sub-pillar is
/// bounded bounds this one.
fn propagate(
    leaf_bounds: &mut [Vec<(f64, f64)>],
    node_bounds: &[(String, usize, f64, f64)],
    t: &Tree,
) {
    for _ in 0..10 {
        for (node, p, lo, hi) in node_bounds {
            let e = &t.expr[node];
            let b = &mut leaf_bounds[*p];
            for &(l, c) in e {
                let (rest_lo, rest_hi) = e
                    .iter()
                    .filter(|x| x.0 != l)
                    .fold((0.0, 0.0), |(a, h), &(k, ck)| {
                        (a + ck * b[k].0, h + ck * b[k].1)
                    });
                b[l].0 = b[l].0.max((lo - rest_hi) / c);
                b[l].1 = b[l].1.min((hi - rest_lo) / c);
            }
        }
    }
}
