//! The indicator tree as the calibration needs it: every node as a linear combination of the
//! rescaled sub-pillars (the leaves), and the indicators of each leaf. Read from the
//! methodology data, so a change of the tree needs no change here.

use std::collections::HashMap;

use ict_engine::methodology::{Aggregation, Methodology, Normalisation};

pub struct Tree {
    /// Leaf node ids (the nodes whose children are indicators), in methodology order.
    pub leaves: Vec<String>,
    /// Indicator indexes (methodology order) of each leaf.
    pub leaf_indicators: Vec<Vec<usize>>,
    /// Every node as (leaf position, coefficient) pairs; coefficients sum to 1.
    pub expr: HashMap<String, Vec<(usize, f64)>>,
    pub root: String,
    /// Node ids, parents before children.
    pub top_down: Vec<String>,
}

impl Tree {
    pub fn new(m: &Methodology) -> Result<Tree, String> {
        if m.normalisation != Normalisation::MinMax || m.aggregation != Aggregation::Arithmetic {
            return Err("the calibration assumes min–max scaling and arithmetic means".into());
        }
        let node = |id: &str| m.nodes.iter().find(|n| n.id == id);
        let ind = |id: &str| m.indicators.iter().position(|i| i.id == id);
        let mut t = Tree {
            leaves: Vec::new(),
            leaf_indicators: Vec::new(),
            expr: HashMap::new(),
            root: m.root.clone(),
            top_down: Vec::new(),
        };
        let mut stack = vec![m.root.clone()];
        while let Some(id) = stack.pop() {
            let n = node(&id).ok_or(format!("unknown node {id}"))?;
            t.top_down.push(id.clone());
            if n.children.iter().all(|c| ind(c).is_some()) {
                if !n.rescale {
                    return Err(format!("{id}: the calibration assumes sub-pillars rescale"));
                }
                t.leaves.push(id.clone());
                t.leaf_indicators
                    .push(n.children.iter().filter_map(|c| ind(c)).collect());
            } else if n.children.iter().any(|c| ind(c).is_some()) || n.rescale {
                return Err(format!("{id}: mixed or rescaled inner node"));
            } else {
                stack.extend(n.children.iter().rev().cloned());
            }
        }
        // Expressions bottom-up.
        for id in t.top_down.iter().rev() {
            let n = node(id).ok_or("node")?;
            let e = if let Some(l) = t.leaves.iter().position(|x| x == id) {
                vec![(l, 1.0)]
            } else {
                let total: f64 = n
                    .children
                    .iter()
                    .filter_map(|c| node(c))
                    .map(|c| c.weight)
                    .sum();
                let mut acc: Vec<(usize, f64)> = Vec::new();
                for c in &n.children {
                    let w = node(c).map_or(0.0, |c| c.weight) / total;
                    for &(l, coef) in &t.expr[c] {
                        match acc.iter_mut().find(|a| a.0 == l) {
                            Some(a) => a.1 += w * coef,
                            None => acc.push((l, w * coef)),
                        }
                    }
                }
                acc.sort_by_key(|a| a.0);
                acc
            };
            t.expr.insert(id.clone(), e);
        }
        Ok(t)
    }

    pub fn is_leaf(&self, node: &str) -> bool {
        self.leaves.iter().any(|l| l == node)
    }
}
