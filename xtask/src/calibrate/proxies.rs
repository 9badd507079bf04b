//! Real per-province statistics that guide the estimates (`data/proxies/provinces.csv`; sources
//! in `data/README.md`). None of them is an ICT Index indicator.

use std::collections::BTreeMap;

pub struct Proxies {
    /// Province ids in file order.
    ids: Vec<String>,
    columns: BTreeMap<String, Vec<Option<f64>>>,
}

impl Proxies {
    pub fn load() -> Result<Proxies, String> {
        let path = "data/proxies/provinces.csv";
        let text = std::fs::read_to_string(crate::util::root().join(path))
            .map_err(|e| format!("{path}: {e}"))?;
        let mut lines = text.lines().filter(|l| !l.starts_with('#'));
        let header: Vec<&str> = lines
            .next()
            .ok_or(format!("{path}: empty"))?
            .split(',')
            .collect();
        let mut ids = Vec::new();
        let mut columns: BTreeMap<String, Vec<Option<f64>>> = header[2..]
            .iter()
            .map(|h| (h.to_string(), Vec::new()))
            .collect();
        for (n, line) in lines.enumerate() {
            let cells: Vec<&str> = line.split(',').collect();
            if cells.len() != header.len() {
                return Err(format!("{path}: line {} has {} cells", n + 2, cells.len()));
            }
            ids.push(cells[0].to_string());
            for (h, c) in header[2..].iter().zip(&cells[2..]) {
                let v = if c.is_empty() {
                    None
                } else {
                    Some(c.parse::<f64>().map_err(|e| format!("{path}: {h}: {e}"))?)
                };
                columns.get_mut(*h).ok_or("column")?.push(v);
            }
        }
        Ok(Proxies { ids, columns })
    }

    /// One column in the order of `provinces` (province ids).
    pub fn column(&self, name: &str, provinces: &[String]) -> Result<Vec<Option<f64>>, String> {
        let col = self
            .columns
            .get(name)
            .ok_or(format!("proxies: no column {name}"))?;
        provinces
            .iter()
            .map(|id| {
                self.ids
                    .iter()
                    .position(|x| x == id)
                    .map(|k| col[k])
                    .ok_or(format!("proxies: no province {id}"))
            })
            .collect()
    }

    /// A column with every province present.
    pub fn full(&self, name: &str, provinces: &[String]) -> Result<Vec<f64>, String> {
        self.column(name, provinces)?
            .into_iter()
            .zip(provinces)
            .map(|(v, id)| v.ok_or(format!("proxies: {name} has no value for {id}")))
            .collect()
    }
}

/// Spearman rank correlation (average ranks for ties).
pub fn spearman(a: &[f64], b: &[f64]) -> f64 {
    let (ra, rb) = (ranks(a), ranks(b));
    let n = a.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    cov / (va * vb).sqrt()
}

/// Ranks from 1 (smallest), ties averaged.
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&i, &j| v[i].total_cmp(&v[j]));
    let mut out = vec![0.0; v.len()];
    let mut k = 0;
    while k < idx.len() {
        let mut j = k;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[k]] {
            j += 1;
        }
        let r = (k + j) as f64 / 2.0 + 1.0;
        for &i in &idx[k..=j] {
            out[i] = r;
        }
        k = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spearman_of_monotone_and_reversed() {
        let a = [1.0, 2.0, 3.0, 4.0];
        assert!((spearman(&a, &[10.0, 20.0, 25.0, 100.0]) - 1.0).abs() < 1e-12);
        assert!((spearman(&a, &[4.0, 3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        // Ties get average ranks: [1, 2.5, 2.5, 4] against [1, 2, 3, 4].
        let r = spearman(&a, &[1.0, 2.0, 2.0, 3.0]);
        assert!((r - 0.9486832980505138).abs() < 1e-12, "{r}");
    }

    #[test]
    fn every_province_has_the_full_columns() {
        let p = Proxies::load().expect("proxies");
        assert_eq!(p.ids.len(), 63);
        for c in [
            "population_2019",
            "urban_share_2019",
            "grdp_per_capita_2019",
        ] {
            assert!(p.columns[c].iter().all(Option::is_some), "{c}");
        }
        // The ministry's 2017 ranking shows 53 provinces.
        assert_eq!(p.columns["mic_egov_2017"].iter().flatten().count(), 53);
    }
}
