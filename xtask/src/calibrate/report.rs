//! `cargo xtask calibrate --report`: whether the estimates look like real provinces to someone
//! who knows them. Every check has a threshold (issue 11); the test suite asserts them on the
//! shipped files, and the report also names the leads that published figures force.

use std::collections::BTreeMap;
use std::fmt;

use ict_engine::dataset::{EditionMeta, PublishedFigures, Values};

use super::priors::{self, Level};
use super::proxies::{spearman, Proxies};
use super::repair::coherent;
use super::tree::Tree;

/// One edition as shipped: raw values `[i][p]`.
struct Shipped {
    meta: EditionMeta,
    published: PublishedFigures,
    raw: Vec<Vec<f64>>,
    population: Vec<f64>,
}

impl Shipped {
    fn load(year: u16, proxies: &Proxies) -> Result<Shipped, String> {
        let (meta, published) = super::load(year)?;
        let path = format!("data/{year}/values.json");
        let values: Values =
            serde_json::from_str(&super::read(&path)?).map_err(|e| format!("{path}: {e}"))?;
        let raw = meta
            .methodology
            .indicators
            .iter()
            .map(|d| {
                meta.provinces
                    .iter()
                    .map(|p| {
                        values
                            .values
                            .get(&p.id)
                            .and_then(|row| row.get(&d.id))
                            .copied()
                            .ok_or(format!("{path}: no {} for {}", d.id, p.id))
                    })
                    .collect()
            })
            .collect::<Result<_, _>>()?;
        let ids: Vec<String> = meta.provinces.iter().map(|p| p.id.clone()).collect();
        let population = priors::population(proxies, &ids)?;
        Ok(Shipped {
            meta,
            published,
            raw,
            population,
        })
    }
    fn ids(&self) -> Vec<String> {
        self.meta.provinces.iter().map(|p| p.id.clone()).collect()
    }
    fn col(&self, id: &str) -> Option<&[f64]> {
        let i = self
            .meta
            .methodology
            .indicators
            .iter()
            .position(|d| d.id == id)?;
        Some(&self.raw[i])
    }
    fn rank_of(&self, id: &str, province: &str) -> Option<usize> {
        let col = self.col(id)?;
        let p = self.meta.provinces.iter().position(|x| x.id == province)?;
        Some(1 + col.iter().filter(|&&v| v > col[p]).count())
    }
}

/// One check: what, the figure, the threshold, whether it holds.
pub struct Check {
    pub what: String,
    pub figure: String,
    pub pass: bool,
}

pub struct Report {
    pub checks: Vec<Check>,
    /// Leads that published figures force, whatever the proxies say.
    pub forced: Vec<String>,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// The big cities the issue names: Hà Nội, TP HCM, Đà Nẵng.
pub const CITIES: [(&str, &str); 3] = [("01", "Hà Nội"), ("79", "TP HCM"), ("48", "Đà Nẵng")];

impl Report {
    /// The report of the shipped `data/*/values.json`.
    pub fn of_shipped() -> Result<Report, String> {
        let proxies = Proxies::load()?;
        let editions: Vec<Shipped> = super::CONFIGS
            .iter()
            .map(|c| Shipped::load(c.year, &proxies))
            .collect::<Result<_, _>>()?;
        let mut checks = Vec::new();
        let mut forced = Vec::new();
        let mut check =
            |what: String, figure: String, pass: bool| checks.push(Check { what, figure, pass });
        for e in &editions {
            let y = e.meta.year;
            let defs = &e.meta.methodology.indicators;
            let ids = e.ids();
            // Clumps below the natural cap.
            let mut worst = (0, String::new());
            for (d, col) in defs.iter().zip(&e.raw) {
                let mut groups: BTreeMap<u64, usize> = BTreeMap::new();
                for &v in col.iter().filter(|&&v| v < 100.0) {
                    *groups.entry(v.to_bits()).or_default() += 1;
                }
                let big = groups.values().copied().max().unwrap_or(0);
                if big > worst.0 {
                    worst = (big, d.id.clone());
                }
            }
            check(
                format!("{y}: largest group of provinces sharing one value (below 100 %) ≤ 3"),
                format!("{} ({})", worst.0, worst.1),
                worst.0 <= 3,
            );
            // Society infrastructure follows prosperity.
            let grdp = proxies.full(&format!("grdp_per_capita_{y}"), &ids)?;
            let t = Tree::new(&e.meta.methodology)?;
            let l = t
                .leaves
                .iter()
                .position(|x| x == "htkt-xh")
                .ok_or("htkt-xh")?;
            let rhos: Vec<(String, f64)> = t.leaf_indicators[l]
                .iter()
                .map(|&i| (defs[i].id.clone(), spearman(&e.raw[i], &grdp)))
                .collect();
            let min =
                rhos.iter().fold(
                    (f64::INFINITY, ""),
                    |a, r| if r.1 < a.0 { (r.1, &r.0) } else { a },
                );
            let med = median(rhos.iter().map(|r| r.1).collect());
            check(
                format!("{y}: society infrastructure vs GRDP per capita, median Spearman ≥ 0.5"),
                format!("{med:.2}"),
                med >= 0.5,
            );
            check(
                format!("{y}: … each indicator ≥ 0.3"),
                format!("lowest {:.2} ({})", min.0, min.1),
                min.0 >= 0.3,
            );
            let urban = proxies.full("urban_share_2019", &ids)?;
            let hc = e.col("households-with-computer-pct").ok_or("households")?;
            let rho = spearman(hc, &urban);
            check(
                format!("{y}: households with a computer vs urban share, Spearman ≥ 0.6"),
                format!("{rho:.2}"),
                rho >= 0.6,
            );
            for ind in ["fixed-broadband-per-100", "households-with-computer-pct"] {
                let ranks: Vec<String> = CITIES
                    .iter()
                    .map(|(id, name)| {
                        format!("{name} {}", e.rank_of(ind, id).unwrap_or(usize::MAX))
                    })
                    .collect();
                let pass = CITIES
                    .iter()
                    .all(|(id, _)| e.rank_of(ind, id).is_some_and(|r| r <= 10));
                check(
                    format!("{y}: Hà Nội, TP HCM, Đà Nẵng in the top 10 on {ind}"),
                    ranks.join(", "),
                    pass,
                );
            }
            // Contradictions.
            let incoherent = (0..ids.len())
                .filter(|&p| !coherent(defs, &e.raw, p))
                .count();
            let outside: usize = defs
                .iter()
                .zip(&e.raw)
                .map(|(d, col)| {
                    col.iter()
                        .filter(|&&v| v < d.plausible[0] || v > d.plausible[1])
                        .count()
                })
                .sum();
            check(
                format!("{y}: contradictions (level 3 + 4 > 100 %, security > IT staff, outside the plausible range)"),
                format!("{incoherent} incoherent provinces, {outside} values outside"),
                incoherent == 0 && outside == 0,
            );
            // Not one copied ranking.
            let mut pairs = Vec::new();
            for a in 0..defs.len() {
                for b in a + 1..defs.len() {
                    pairs.push(spearman(&e.raw[a], &e.raw[b]));
                }
            }
            let med = median(pairs);
            check(
                format!("{y}: median Spearman between two indicators ≤ 0.9"),
                format!("{med:.2}"),
                med <= 0.9,
            );
            // National figures.
            let total: f64 = e.population.iter().sum();
            for (d, col) in defs.iter().zip(&e.raw) {
                if let Level::National(v) = priors::spec(&d.id)?.level_of(y) {
                    let mean = col
                        .iter()
                        .zip(&e.population)
                        .map(|(x, p)| x * p)
                        .sum::<f64>()
                        / total;
                    check(
                        format!("{y}: {} population-weighted mean within 5 % of {v}", d.id),
                        format!("{mean:.2} ({:+.1} %)", 100.0 * (mean / v - 1.0)),
                        (mean / v - 1.0).abs() <= 0.05,
                    );
                }
            }
            // Leads the published figures force.
            for r in e.published.indicator_ranks.iter().filter(|r| r.rank <= 3) {
                let name = e
                    .meta
                    .provinces
                    .iter()
                    .find(|p| p.id == r.province)
                    .map_or(r.province.as_str(), |p| p.name.vi.as_str());
                forced.push(format!(
                    "{y}: {name} is published {} on {}: at most {} province(s) can lead it",
                    r.rank,
                    r.indicator,
                    r.rank - 1
                ));
            }
            for s in e
                .published
                .scores
                .iter()
                .filter(|s| s.node == "htkt-xh" && s.rank.is_some())
            {
                forced.push(format!(
                    "{y}: province {} is published {} on society infrastructure (score {:?}): only {} provinces can beat it there",
                    s.province,
                    s.rank.unwrap_or(0),
                    s.score,
                    s.rank.unwrap_or(1) - 1
                ));
            }
        }
        // The years agree.
        if let [newer, older] = &editions[..] {
            let mut rhos = Vec::new();
            let mut low = (f64::INFINITY, String::new());
            for d in &older.meta.methodology.indicators {
                if let (Some(a), Some(b)) = (older.col(&d.id), newer.col(&d.id)) {
                    let r = spearman(a, b);
                    if r < low.0 {
                        low = (r, d.id.clone());
                    }
                    rhos.push(r);
                }
            }
            let med = median(rhos);
            check(
                format!(
                    "{}↔{}: median Spearman of the same indicator ≥ 0.8",
                    older.meta.year, newer.meta.year
                ),
                format!("{med:.2} (lowest {:.2}, {})", low.0, low.1),
                med >= 0.8,
            );
        }
        Ok(Report { checks, forced })
    }

    /// The checks that do not hold.
    pub fn failures(&self) -> Vec<String> {
        self.checks
            .iter()
            .filter(|c| !c.pass)
            .map(|c| format!("{}: {}", c.what, c.figure))
            .collect()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Estimates report (data/*/values.json)")?;
        for c in &self.checks {
            let mark = if c.pass { "ok  " } else { "MISS" };
            writeln!(f, "  {mark} {} — {}", c.what, c.figure)?;
        }
        writeln!(f, "Leads forced by published figures:")?;
        for line in &self.forced {
            writeln!(f, "  - {line}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped estimates meet every threshold of the report.
    #[test]
    fn shipped_estimates_are_credible() {
        let r = Report::of_shipped().expect("report");
        // Per edition: clumps, GRDP median and minimum, urban, two top-10 checks,
        // contradictions, pairwise, national figures (3 in 2019, 2 in 2018); and the years.
        assert_eq!(r.checks.len(), 11 + 10 + 1, "{r}");
        assert!(r.failures().is_empty(), "{}", r.failures().join("\n"));
        // The leads that published figures force are named.
        assert!(r
            .forced
            .iter()
            .any(|l| l.contains("Quảng Ninh is published 2 on wireless-broadband-per-100")));
    }

    /// A check that fails is reported as a failure (the report can say no).
    #[test]
    fn a_missed_threshold_is_a_failure() {
        let r = Report {
            checks: vec![
                Check {
                    what: "a".into(),
                    figure: "1".into(),
                    pass: true,
                },
                Check {
                    what: "b".into(),
                    figure: "2".into(),
                    pass: false,
                },
            ],
            forced: Vec::new(),
        };
        assert_eq!(r.failures(), vec!["b: 2".to_string()]);
    }
}
