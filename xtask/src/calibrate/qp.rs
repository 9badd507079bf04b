//! A small convex quadratic programme, solved by Clarabel (pure Rust, interior point):
//! minimise Σ wᵢ (xᵢ − tᵢ)² subject to linear equalities and inequalities and bounds.

use clarabel::algebra::CscMatrix;
use clarabel::solver::{
    DefaultSettingsBuilder, DefaultSolver, IPSolver, SolverStatus, SupportedConeT,
};

/// A linear expression: (variable, coefficient) pairs.
pub type Expr = Vec<(usize, f64)>;

#[derive(Default)]
pub struct Qp {
    /// Diagonal of the quadratic term and the linear term (½ xᵀPx + qᵀx).
    p: Vec<f64>,
    q: Vec<f64>,
    eq: Vec<(Expr, f64)>,
    le: Vec<(Expr, f64)>,
}

impl Qp {
    /// A new variable in `[lo, hi]`, pulled towards `prior` with weight `w`.
    pub fn var(&mut self, lo: f64, hi: f64, prior: f64, w: f64) -> usize {
        let x = self.p.len();
        self.p.push(2.0 * w);
        self.q.push(-2.0 * w * prior);
        match (lo.is_finite(), hi.is_finite()) {
            (true, true) => self.between(vec![(x, 1.0)], lo, hi),
            (true, false) => self.ge(vec![(x, 1.0)], lo),
            (false, true) => self.le(vec![(x, 1.0)], hi),
            (false, false) => {}
        }
        x
    }
    /// A non-negative variable with a linear cost (lets a constraint give way at that price).
    pub fn slack(&mut self, cost: f64) -> usize {
        let x = self.p.len();
        self.p.push(0.0);
        self.q.push(cost);
        self.ge(vec![(x, 1.0)], 0.0);
        x
    }
    pub fn eq(&mut self, e: Expr, rhs: f64) {
        self.eq.push((e, rhs));
    }
    pub fn le(&mut self, e: Expr, rhs: f64) {
        self.le.push((e, rhs));
    }
    pub fn ge(&mut self, e: Expr, rhs: f64) {
        self.le
            .push((e.into_iter().map(|(v, c)| (v, -c)).collect(), -rhs));
    }
    /// `lo ≤ e ≤ hi` (an equality when they are equal: an interior-point method needs room
    /// between two opposite inequalities).
    pub fn between(&mut self, e: Expr, lo: f64, hi: f64) {
        if hi - lo < 1e-12 {
            self.eq(e, (lo + hi) / 2.0);
        } else {
            self.ge(e.clone(), lo);
            self.le(e, hi);
        }
    }

    /// The minimiser, or why there is none. Deterministic: the same problem gives the same
    /// bits on the same build (no threads, no time limit).
    pub fn solve(&self, what: &str) -> Result<Vec<f64>, String> {
        let n = self.p.len();
        let diag: Vec<usize> = (0..n).collect();
        let p = CscMatrix::new_from_triplets(n, n, diag.clone(), diag, self.p.clone());
        let (mut rows, mut cols, mut vals, mut b) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (r, (e, rhs)) in self.eq.iter().chain(&self.le).enumerate() {
            for &(v, c) in e {
                rows.push(r);
                cols.push(v);
                vals.push(c);
            }
            b.push(*rhs);
        }
        let m = b.len();
        let a = CscMatrix::new_from_triplets(m, n, rows, cols, vals);
        let cones = [
            SupportedConeT::ZeroConeT(self.eq.len()),
            SupportedConeT::NonnegativeConeT(self.le.len()),
        ];
        let settings = DefaultSettingsBuilder::default()
            .verbose(false)
            .max_iter(400)
            .tol_gap_abs(1e-10)
            .tol_gap_rel(1e-10)
            .tol_feas(1e-10)
            .build()
            .map_err(|e| format!("{what}: solver settings: {e}"))?;
        let mut solver = DefaultSolver::new(&p, &self.q, &a, &b, &cones, settings)
            .map_err(|e| format!("{what}: {e:?}"))?;
        solver.solve();
        match solver.solution.status {
            SolverStatus::Solved | SolverStatus::AlmostSolved => Ok(solver.solution.x.clone()),
            s => Err(format!("{what}: the quadratic programme is {s:?}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_onto_a_constraint() {
        // Closest point to (1, 1) with x + y = 1 and x ≤ 0.2: (0.2, 0.8).
        let mut qp = Qp::default();
        let x = qp.var(0.0, 0.2, 1.0, 1.0);
        let y = qp.var(0.0, 1.0, 1.0, 1.0);
        qp.eq(vec![(x, 1.0), (y, 1.0)], 1.0);
        let s = qp.solve("test").expect("solved");
        assert!(
            (s[x] - 0.2).abs() < 1e-7 && (s[y] - 0.8).abs() < 1e-7,
            "{s:?}"
        );
    }

    #[test]
    fn reports_infeasibility() {
        let mut qp = Qp::default();
        let x = qp.var(0.0, 1.0, 0.5, 1.0);
        qp.ge(vec![(x, 1.0)], 2.0);
        assert!(qp.solve("test").is_err());
    }
}
