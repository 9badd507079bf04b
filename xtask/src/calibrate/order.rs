//! Orders and bands: the non-convex part of the calibration, decided before the quadratic
//! programmes. Which provinces stand above a province with a published rank is chosen from the
//! priors, and the priors are first moved so that they already respect that choice (so that the
//! least-squares fit does not pile provinces up at the constraint, as isotonic regression does).

/// Order of provinces on an item, best first: by prior, with the rank-constrained provinces
/// moved to their published rank.
pub fn ranked_order(prior: &[f64], constrained: &[(usize, u32)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..prior.len())
        .filter(|p| !constrained.iter().any(|c| c.0 == *p))
        .collect();
    order.sort_by(|&a, &b| prior[b].total_cmp(&prior[a]).then(a.cmp(&b)));
    let mut cs = constrained.to_vec();
    cs.sort_by_key(|c| c.1);
    for (p, rank) in cs {
        order.insert((rank as usize - 1).min(order.len()), p);
    }
    order
}

/// Moves prior values so that they respect the rank constraints of `order`: each run of
/// provinces between two constrained ones is mapped linearly (keeping its order and spacing)
/// into its band: above the next constrained province's `anchor` by `gap`, below the previous
/// one's by `gap`, within [`lo`, `hi`].
pub fn conform(
    values: &mut [f64],
    order: &[usize],
    constrained: &[(usize, u32)],
    anchor: &dyn Fn(usize) -> f64,
    gap: f64,
    (lo, hi): (f64, f64),
) {
    let mut cuts: Vec<usize> = constrained
        .iter()
        .filter_map(|c| order.iter().position(|&q| q == c.0))
        .collect();
    cuts.sort_unstable();
    let (mut start, mut upper) = (0, hi);
    for c in cuts {
        let a = anchor(order[c]);
        map_into(values, &order[start..c], a + gap, upper);
        upper = a - gap;
        start = c + 1;
    }
    map_into(values, &order[start..], lo, upper);
}

fn map_into(values: &mut [f64], run: &[usize], lo: f64, hi: f64) {
    if run.is_empty() || hi < lo {
        return;
    }
    let (mn, mx) = run
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &p| {
            (a.min(values[p]), b.max(values[p]))
        });
    if mn >= lo && mx <= hi {
        return;
    }
    // Keep what already fits; squeeze the run only as far as needed.
    let (mut nlo, mut nhi) = (mn.max(lo), mx.min(hi));
    if nhi <= nlo {
        (nlo, nhi) = (lo, hi);
    }
    for &p in run {
        values[p] = if mx > mn {
            nlo + (values[p] - mn) / (mx - mn) * (nhi - nlo)
        } else {
            (nlo + nhi) / 2.0
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranked_order_places_constrained_provinces_at_their_rank() {
        let prior = [0.9, 0.1, 0.5, 0.7, 0.3];
        let order = ranked_order(&prior, &[(1, 2)]);
        assert_eq!(order, vec![0, 1, 3, 2, 4]);
    }

    #[test]
    fn conform_moves_runs_into_their_bands() {
        let mut v = vec![0.9, 0.5, 0.6, 0.55, 0.1];
        // province 1 is constrained at rank 3 (position 2) with anchor 0.5
        let order = [0, 3, 1, 2, 4];
        conform(&mut v, &order, &[(1, 3)], &|_| 0.5, 0.01, (0.0, 1.0));
        assert!(v[0] >= 0.51 && v[3] >= 0.51, "{v:?}");
        assert!(v[2] <= 0.49 && v[4] <= 0.49, "{v:?}");
        // Order within each run is kept.
        assert!(v[0] > v[3] && v[2] > v[4], "{v:?}");
    }
}
