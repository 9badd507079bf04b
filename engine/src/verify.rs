//! Checks results against an edition's published figures: the same check serves the
//! calibration program and the tests.

use crate::compute::Results;
use crate::dataset::Model;

/// One published figure the results do not reproduce.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    pub what: String,
    pub expected: String,
    pub got: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: expected {}, got {}",
            self.what, self.expected, self.got
        )
    }
}

/// Every published score, rank, indicator rank, value, bound and mean of the model's edition
/// that `results` (computed on the model's baseline) does not reproduce.
pub fn check_published(model: &Model, results: &Results) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let pubd = &model.edition().published;
    let mut miss = |what: String, expected: String, got: String| {
        out.push(Mismatch {
            what,
            expected,
            got,
        })
    };
    for s in &pubd.scores {
        let (Some(p), Some(n)) = (model.province_index(&s.province), model.node_index(&s.node))
        else {
            miss(
                format!("{} {}", s.province, s.node),
                "known ids".into(),
                "unknown".into(),
            );
            continue;
        };
        if let Some(score) = s.score {
            let got = results.score(n, p);
            if (got - score).abs() > s.tolerance {
                miss(
                    format!("score {} {}", s.province, s.node),
                    format!("{score} ± {}", s.tolerance),
                    format!("{got:.5}"),
                );
            }
        }
        if let Some(rank) = s.rank {
            let got = results.rank(n, p);
            if got != rank {
                miss(
                    format!("rank {} {}", s.province, s.node),
                    rank.to_string(),
                    got.to_string(),
                );
            }
        }
    }
    for r in &pubd.indicator_ranks {
        let (Some(p), Some(i)) = (
            model.province_index(&r.province),
            model.indicator_index(&r.indicator),
        ) else {
            miss(
                format!("{} {}", r.province, r.indicator),
                "known ids".into(),
                "unknown".into(),
            );
            continue;
        };
        let got = results.indicator_rank(i, p);
        if got != r.rank {
            miss(
                format!("indicator rank {} {}", r.province, r.indicator),
                r.rank.to_string(),
                got.to_string(),
            );
        }
    }
    for v in &pubd.values {
        let (Some(p), Some(i)) = (
            model.province_index(&v.province),
            model.indicator_index(&v.indicator),
        ) else {
            miss(
                format!("{} {}", v.province, v.indicator),
                "known ids".into(),
                "unknown".into(),
            );
            continue;
        };
        let got = model.baseline_value(i, p);
        if got != v.value {
            miss(
                format!("value {} {}", v.province, v.indicator),
                v.value.to_string(),
                got.to_string(),
            );
        }
    }
    for b in &pubd.bounds {
        let (Some(p), Some(i)) = (
            model.province_index(&b.province),
            model.indicator_index(&b.indicator),
        ) else {
            miss(
                format!("{} {}", b.province, b.indicator),
                "known ids".into(),
                "unknown".into(),
            );
            continue;
        };
        let got = model.baseline_value(i, p);
        if got < b.min {
            miss(
                format!("bound {} {}", b.province, b.indicator),
                format!("≥ {}", b.min),
                got.to_string(),
            );
        }
    }
    for m in &pubd.means {
        let Some(n) = model.node_index(&m.node) else {
            miss(
                format!("mean {}", m.node),
                "known id".into(),
                "unknown".into(),
            );
            continue;
        };
        let got = results.mean(n);
        if (got - m.mean).abs() > m.tolerance {
            miss(
                format!("mean {}", m.node),
                format!("{} ± {}", m.mean, m.tolerance),
                format!("{got:.5}"),
            );
        }
    }
    out
}
