//! `cargo xtask calibrate`: makes the estimated cells of `data/<year>/values.json`.
//!
//! No source publishes the raw indicator values of every province, so the built-in data are
//! estimates made here, deterministically:
//!
//! 1. **Priors** ([`priors`]): every indicator of every province from a documented model of
//!    real per-province statistics (GRDP per capita, urban share, income, PAPI, PCI, the
//!    ministry's 2017 ranking, DTI 2022; `data/proxies/`). For 2018 the prior leans on the
//!    calibrated 2019 value of the same cell, so a province's two years stay close.
//! 2. **Orders** ([`order`]): the non-convex choices — which provinces stand above a province
//!    with a published rank, who is best and worst — are made from the priors, and the priors
//!    are first moved to respect them.
//! 3. **Sub-pillar scores** ([`stage1`], a quadratic programme): closest to the priors' own
//!    scores such that every published score, rank and mean holds.
//! 4. **Raw values** ([`stage2`], one quadratic programme per sub-pillar): closest to the
//!    priors such that the methodology gives each province its stage-1 score, with the order
//!    of provinces on each indicator fixed and kept apart, published values, bounds and
//!    indicator ranks, coherence and the national figures.
//! 5. **Rounding**: values are rounded to their indicator's decimals; a few cells of the
//!    provinces with published figures are then moved by a step or two so that those figures
//!    still print exactly ([`repair`]).
//! 6. **Check**: the engine computes the edition and every published figure must be
//!    reproduced; otherwise nothing is written.
//!
//! Re-running reproduces the shipped files byte for byte (tested). The quadratic programmes are
//! solved by Clarabel (interior point, single-threaded, no time limit), so the same build gives
//! the same bits; values are rounded only after the solve, and the rounding's effect is then
//! settled by the discrete repair, so a last-digit difference of the solver on another machine
//! could at most move a cell by one step, which `--check` would report.

mod order;
mod priors;
mod proxies;
mod qp;
mod repair;
pub mod report;
mod stage1;
mod stage2;
mod tree;

use std::collections::BTreeMap;

use ict_engine::dataset::{Edition, EditionMeta, Model, PublishedFigures, Values};
use ict_engine::verify::check_published;
use ict_engine::Scenario;

use proxies::Proxies;
use tree::Tree;

/// What the calibration assumes for one edition, beyond its published figures.
pub struct YearConfig {
    pub year: u16,
    /// Published facts about a sub-pillar whose province is not named:
    /// (sub-pillar, assumed province, score, rank).
    pub unnamed: &'static [(&'static str, &'static str, f64, u32)],
    /// Sort keys that steer which province goes where when the published figures leave a
    /// choice the priors get wrong: (node, province, key). Not constraints.
    pub hints: &'static [(&'static str, &'static str, f64)],
    /// Sub-pillars on which the provinces below a published rank keep a wider gap.
    pub below_gaps: &'static [(&'static str, f64)],
}

/// Newest first: the 2018 priors lean on the calibrated 2019 values.
pub const CONFIGS: [YearConfig; 2] = [
    YearConfig {
        year: 2019,
        // Seed: on society technical infrastructure "rank 1 scores 1, rank 2 scores 0.8677".
        unnamed: &[("htkt-xh", "48", 1.0, 1), ("htkt-xh", "79", 0.8677, 2)],
        // Only three provinces beat Quảng Ninh's 0.5388 on society infrastructure: Đà Nẵng
        // and TP HCM (the seed's 1 and 0.8677) and one more. The priors (GRDP per capita and
        // urban share, where Hà Nội's rural districts weigh) would name Bà Rịa–Vũng Tàu; Hà
        // Nội's broadband and household computers are known to lead, so it is Hà Nội.
        // Thừa Thiên Huế (htnl 0.9578) and Đà Nẵng (0.9538) are the two above Quảng Ninh on
        // human resources in state agencies (its 0.8956 is 3rd); then neither can be in the
        // top 6 of society human resources (Quảng Ninh's 0.9941 is 7th).
        hints: &[
            ("htkt-xh", "01", 0.85),
            ("htnl-xh", "46", 0.5),
            ("htnl-xh", "48", 0.5),
        ],
        // Quảng Ninh is 9th on IT use in state agencies but 1st, 4th and 6th on three of its
        // five indicators: a province just below it there would need values just below
        // Quảng Ninh's on every indicator (they would pile up). The provinces below it keep
        // a clear gap instead; likewise on human resources in state agencies.
        below_gaps: &[("ud-cqnn", 0.22), ("htnl-cqnn", 0.06)],
    },
    YearConfig {
        year: 2018,
        unnamed: &[],
        hints: &[],
        below_gaps: &[],
    },
];

/// Weight of the calibrated newer edition in the prior of the older one (the rest is the
/// older edition's own proxy model).
const CONTINUITY: f64 = 0.7;

/// Reads a file of the workspace (paths are relative to its root).
fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(crate::util::root().join(path)).map_err(|e| format!("{path}: {e}"))
}

pub fn load(year: u16) -> Result<(EditionMeta, PublishedFigures), String> {
    let files = ict_engine::builtin::methodology_files().map_err(|e| e.to_string())?;
    let meta = EditionMeta::from_json(&read(&format!("data/{year}/edition.json"))?, &files)
        .map_err(|e| format!("data/{year}/edition.json: {e}"))?;
    let published = serde_json::from_str(&read(&format!("data/{year}/published.json"))?)
        .map_err(|e| format!("data/{year}/published.json: {e}"))?;
    Ok((meta, published))
}

/// A model of the edition with the given raw values `[i][p]`.
fn model_with(
    meta: &EditionMeta,
    published: &PublishedFigures,
    raw: &[Vec<f64>],
) -> Result<Model, String> {
    let mut values = Values {
        year: meta.year,
        ..Values::default()
    };
    for (p, prov) in meta.provinces.iter().enumerate() {
        let row = meta
            .methodology
            .indicators
            .iter()
            .zip(raw)
            .map(|(d, col)| (d.id.clone(), col[p]))
            .collect();
        values.values.insert(prov.id.clone(), row);
    }
    values.published = published.values.clone();
    Model::new(Edition {
        meta: meta.clone(),
        values,
        published: published.clone(),
    })
    .map_err(|e| e.to_string())
}

/// Sub-pillar scores `[p][leaf]` of raw values `[i][p]`, as the engine computes them.
fn leaf_scores(
    meta: &EditionMeta,
    published: &PublishedFigures,
    t: &Tree,
    raw: &[Vec<f64>],
) -> Result<Vec<Vec<f64>>, String> {
    let model = model_with(meta, published, raw)?;
    let r = model
        .evaluate(&Scenario::default())
        .map_err(|e| e.to_string())?;
    let np = meta.provinces.len();
    let nodes: Vec<usize> = t
        .leaves
        .iter()
        .map(|l| model.node_index(l).ok_or("leaf"))
        .collect::<Result<_, _>>()?;
    Ok((0..np)
        .map(|p| nodes.iter().map(|&n| r.score(n, p)).collect())
        .collect())
}

/// One calibrated edition: raw values `[i][p]` in methodology order.
pub struct Calibrated {
    pub year: u16,
    pub meta: EditionMeta,
    pub raw: Vec<Vec<f64>>,
}

impl Calibrated {
    /// The value of indicator `id` for province position `p`, if the edition has it.
    fn get(&self, id: &str, p: usize) -> Option<f64> {
        let i = self
            .meta
            .methodology
            .indicators
            .iter()
            .position(|d| d.id == id)?;
        Some(self.raw[i][p])
    }
}

/// Priors of an edition `[i][p]`: the proxy models, leaning on the newer edition if given.
fn edition_priors(
    meta: &EditionMeta,
    proxies: &Proxies,
    newer: Option<&Calibrated>,
) -> Result<Vec<Vec<f64>>, String> {
    let mut raw = priors::edition_priors(meta, proxies)?;
    if let Some(newer) = newer {
        for (d, col) in meta.methodology.indicators.iter().zip(raw.iter_mut()) {
            let s = priors::spec(&d.id)?;
            let growth = s.level_of(meta.year).value() / s.level_of(newer.year).value();
            for (p, v) in col.iter_mut().enumerate() {
                let pid = &meta.provinces[p].id;
                let q = newer.meta.provinces.iter().position(|x| &x.id == pid);
                if let Some(prev) = q.and_then(|q| newer.get(&d.id, q)) {
                    let lean = (prev * growth).clamp(d.plausible[0], d.plausible[1]);
                    *v = CONTINUITY * lean + (1.0 - CONTINUITY) * *v;
                }
            }
        }
    }
    Ok(raw)
}

/// Calibrates one edition.
fn calibrate_year(
    cfg: &YearConfig,
    proxies: &Proxies,
    newer: Option<&Calibrated>,
) -> Result<Calibrated, String> {
    let (meta, published) = load(cfg.year)?;
    let t = Tree::new(&meta.methodology)?;
    let ids: Vec<String> = meta.provinces.iter().map(|p| p.id.clone()).collect();
    let province = |id: &str| ids.iter().position(|x| x == id);
    let population = priors::population(proxies, &ids)?;
    let prior_raw = edition_priors(&meta, proxies, newer)?;
    let prior_scores = leaf_scores(&meta, &published, &t, &prior_raw)?;
    let facts = stage1::Facts::new(&published, cfg, &province)?;
    let targets = stage1::stage1(&t, &facts, &published, cfg, &prior_scores, &province)?;

    let defs = &meta.methodology.indicators;
    let mut raw = prior_raw.clone();
    let mut solved = Vec::new();
    for (l, leaf_id) in t.leaves.iter().enumerate() {
        let inds = &t.leaf_indicators[l];
        let col: Vec<f64> = targets.iter().map(|row| row[l]).collect();
        let leaf = stage2::Leaf {
            year: cfg.year,
            id: leaf_id,
            defs: inds.iter().map(|&i| &defs[i]).collect(),
            priors: inds.iter().map(|&i| prior_raw[i].clone()).collect(),
            targets: &col,
            province_ids: &ids,
            population: &population,
            published: &published,
        };
        let s = stage2::solve(&leaf)?;
        for (k, &i) in inds.iter().enumerate() {
            raw[i] = s.raw[k].iter().map(|&v| defs[i].round(v)).collect();
            for v in published
                .values
                .iter()
                .filter(|v| v.indicator == defs[i].id)
            {
                if let Some(p) = province(&v.province) {
                    raw[i][p] = v.value;
                }
            }
        }
        solved.push((col, s));
    }
    repair::repair(&meta, &published, &t, &facts, &solved, &mut raw)?;
    verify(&meta, &published, cfg, &raw)?;
    Ok(Calibrated {
        year: cfg.year,
        meta,
        raw,
    })
}

/// Every published figure must be reproduced, and print as published.
fn verify(
    meta: &EditionMeta,
    published: &PublishedFigures,
    cfg: &YearConfig,
    raw: &[Vec<f64>],
) -> Result<(), String> {
    let model = model_with(meta, published, raw)?;
    let results = model
        .evaluate(&Scenario::default())
        .map_err(|e| e.to_string())?;
    let mut problems: Vec<String> = check_published(&model, &results)
        .iter()
        .map(|m| m.to_string())
        .collect();
    // Published scores must also print as published (4 decimals, the app's format).
    // (A derived figure with more decimals, such as 0.67245, has no printed form to match.)
    let printed = |v: f64| ((v * 1e4).round() - v * 1e4).abs() < 1e-6;
    for s in published
        .scores
        .iter()
        .filter(|s| !s.inferred && s.score.is_some_and(printed))
    {
        if let (Some(score), Some(p), Some(n)) = (
            s.score,
            model.province_index(&s.province),
            model.node_index(&s.node),
        ) {
            let got = results.score(n, p);
            if format!("{got:.4}") != format!("{score:.4}") {
                problems.push(format!(
                    "{} {} prints {got:.4}, published {score}",
                    s.province, s.node
                ));
            }
        }
    }
    for m in &published.means {
        let n = model.node_index(&m.node).ok_or("unknown node")?;
        if m.tolerance <= 0.0005 && format!("{:.4}", results.mean(n)) != format!("{:.4}", m.mean) {
            problems.push(format!(
                "mean {} prints {:.4}, published {}",
                m.node,
                results.mean(n),
                m.mean
            ));
        }
    }
    for &(node, _, score, rank) in cfg.unnamed {
        let n = model.node_index(node).ok_or("unknown node")?;
        let mut col = results.node(n).to_vec();
        col.sort_by(|a, b| b.total_cmp(a));
        if (col[rank as usize - 1] - score).abs() > 0.0005 {
            problems.push(format!(
                "{node}: rank {rank} scores {} not {score}",
                col[rank as usize - 1]
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: the calibrated data miss published figures:\n{}",
            cfg.year,
            problems.join("\n")
        ))
    }
}

/// Every edition, calibrated now (newest first).
pub fn calibrate_all() -> Result<Vec<Calibrated>, String> {
    let proxies = Proxies::load()?;
    let mut out: Vec<Calibrated> = Vec::new();
    for cfg in &CONFIGS {
        let c = calibrate_year(cfg, &proxies, out.last())?;
        out.push(c);
    }
    Ok(out)
}

/// The `values.json` text of a calibrated edition.
fn values_json(c: &Calibrated, published: &PublishedFigures) -> Result<String, String> {
    let mut values = Values {
        year: c.year,
        generated_by: "cargo xtask calibrate (estimates; see data/README.md)".into(),
        ..Values::default()
    };
    for (p, prov) in c.meta.provinces.iter().enumerate() {
        let row: BTreeMap<String, f64> = c
            .meta
            .methodology
            .indicators
            .iter()
            .zip(&c.raw)
            .map(|(d, col)| (d.id.clone(), col[p]))
            .collect();
        values.values.insert(prov.id.clone(), row);
    }
    values.published = published.values.clone();
    for d in &c.meta.methodology.indicators {
        values
            .estimates
            .insert(d.id.clone(), priors::spec(&d.id)?.describe(c.year));
    }
    Ok(serde_json::to_string_pretty(&values).map_err(|e| e.to_string())? + "\n")
}

/// `cargo xtask calibrate [--check] [--report]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let check = args.iter().any(|a| a == "--check");
    let show = args.iter().any(|a| a == "--report");
    let made = calibrate_all()?;
    for c in &made {
        let (_, published) = load(c.year)?;
        let text = values_json(c, &published)?;
        let path = format!("data/{}/values.json", c.year);
        if check {
            if read(&path)? != text {
                return Err(format!(
                    "{path} differs from what `cargo xtask calibrate` makes"
                ));
            }
            println!("{path}: reproduced");
        } else {
            std::fs::write(crate::util::root().join(&path), text)
                .map_err(|e| format!("{path}: {e}"))?;
            println!("{path}: written");
        }
    }
    if show {
        let r = report::Report::of_shipped()?;
        print!("{r}");
        let failures = r.failures();
        if !failures.is_empty() {
            return Err(format!("the estimates miss:\n{}", failures.join("\n")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped estimates are exactly what the calibration makes now.
    #[test]
    fn calibration_is_reproducible() {
        let made = calibrate_all().expect("calibration succeeds and passes its own checks");
        assert_eq!(made.len(), CONFIGS.len());
        for c in made {
            let (_, published) = load(c.year).expect("edition");
            let text = values_json(&c, &published).expect("json");
            let shipped = read(&format!("data/{}/values.json", c.year)).expect("shipped file");
            assert!(
                shipped == text,
                "data/{}/values.json differs from `cargo xtask calibrate`",
                c.year
            );
        }
    }
}
