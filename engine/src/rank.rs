//! Competition ranking ("1, 2, 2, 4"): higher is better.

/// Two scores closer than this are a tie (guards against floating-point noise).
pub const TIE_EPSILON: f64 = 1e-12;

/// Writes into `out` the competition rank of each score (1 = best, ties share the best rank).
/// `scratch` is reused between calls to avoid allocation on the hot path; sorting (score, index)
/// pairs keeps the comparisons on contiguous memory.
pub fn competition_ranks_into(scores: &[f64], scratch: &mut Vec<(f64, u32)>, out: &mut [u32]) {
    scratch.clear();
    scratch.extend(scores.iter().enumerate().map(|(i, &s)| (s, i as u32)));
    scratch.sort_unstable_by(|a, b| b.0.total_cmp(&a.0));
    let mut prev = f64::NAN;
    let mut rank = 0u32;
    for (pos, &(s, i)) in scratch.iter().enumerate() {
        if pos == 0 || (prev - s).abs() > TIE_EPSILON {
            rank = pos as u32 + 1;
        }
        prev = s;
        out[i as usize] = rank;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn competition_ranks(scores: &[f64]) -> Vec<u32> {
        let mut out = vec![0; scores.len()];
        competition_ranks_into(scores, &mut Vec::new(), &mut out);
        out
    }

    #[test]
    fn ties_share_the_best_rank_and_skip() {
        assert_eq!(competition_ranks(&[0.5, 0.9, 0.5, 0.1]), vec![2, 1, 2, 4]);
        assert_eq!(competition_ranks(&[1.0, 1.0, 1.0]), vec![1, 1, 1]);
        assert_eq!(competition_ranks(&[]), Vec::<u32>::new());
    }
}
