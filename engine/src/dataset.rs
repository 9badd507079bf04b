//! Editions as data: provinces, raw values with provenance, published figures; and [`Model`],
//! an edition checked and indexed for fast computation.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::EngineError;
pub use crate::methodology::Source;
use crate::methodology::{IndicatorDef, Methodology, MethodologyFile, NodeDef, Text};
use crate::province_set::{Derivation, PUBLISHED_SET};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Province {
    /// Two-digit administrative code ("22" is Quảng Ninh).
    pub id: String,
    pub name: Text,
}

/// An edition: what it measures (its methodology, resolved from the index's methodology file)
/// and on whom. Read from `data/<year>/edition.json` by [`EditionMeta::from_json`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionMeta {
    pub year: u16,
    pub name: Text,
    pub methodology: Methodology,
    pub provinces: Vec<Province>,
    #[serde(default)]
    pub sources: Vec<Source>,
    /// For an edition derived from another one's provinces (the 34 units of 2025 from the 63):
    /// the province set and the provinces it was derived from. `None` for the editions as
    /// published (the province set [`PUBLISHED_SET`]).
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub derivation: Option<Derivation>,
}

/// What `edition.json` says of its methodology: the id of an index's methodology file
/// (`data/methodology/<id>.json`), or, in synthetic editions, the whole methodology inline.
#[derive(Deserialize)]
#[serde(untagged)]
enum MethodologyRef {
    File(String),
    Inline(Methodology),
}

/// `data/<year>/edition.json` as written.
#[derive(Deserialize)]
struct EditionFile {
    year: u16,
    name: Text,
    methodology: MethodologyRef,
    /// The edition's own plausible ranges where they differ from the methodology's.
    #[serde(default)]
    plausible: BTreeMap<String, [f64; 2]>,
    provinces: Vec<Province>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    derivation: Option<Derivation>,
}

impl EditionMeta {
    /// Reads `edition.json`; a methodology named by id is one of `files` (the built-in ones are
    /// [`crate::builtin::methodology_files`]).
    pub fn from_json(text: &str, files: &[MethodologyFile]) -> Result<Self, EngineError> {
        let e: EditionFile = serde_json::from_str(text)
            .map_err(|e| EngineError::Data(format!("edition.json: {e}")))?;
        let file = match e.methodology {
            MethodologyRef::File(id) => {
                files.iter().find(|f| f.id == id).cloned().ok_or_else(|| {
                    EngineError::Data(format!("edition.json: no methodology file '{id}'"))
                })?
            }
            MethodologyRef::Inline(tree) => MethodologyFile {
                id: String::new(),
                name: e.name.clone(),
                note: None,
                sources: Vec::new(),
                tree,
                editions: BTreeMap::new(),
            },
        };
        Ok(EditionMeta {
            year: e.year,
            name: e.name,
            methodology: file.resolve(e.year, &e.plausible)?,
            provinces: e.provinces,
            sources: e.sources,
            derivation: e.derivation,
        })
    }
}

/// One cell whose value is published rather than estimated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedValue {
    pub province: String,
    pub indicator: String,
    pub value: f64,
    pub source: String,
}

/// `data/<year>/values.json`: the raw value of every indicator for every province.
/// Written by `cargo xtask calibrate`; cells not listed in `published` are estimates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Values {
    pub year: u16,
    #[serde(default)]
    pub generated_by: String,
    /// province id → indicator id → value
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, f64>>,
    /// The compact form of the same table, as embedded by `build.rs`: indicator ids, then one row
    /// of values per province in that order. Folded into `values` on reading.
    #[serde(default, skip_serializing_if = "crate::wire::skip_empty")]
    pub columns: Vec<String>,
    #[serde(default, skip_serializing_if = "crate::wire::skip_empty")]
    pub rows: BTreeMap<String, Vec<f64>>,
    #[serde(default)]
    pub published: Vec<PublishedValue>,
    /// Indicator id → how its estimated cells were made (the prior model, in both languages).
    #[serde(default, skip_serializing_if = "crate::wire::skip_empty")]
    pub estimates: BTreeMap<String, Text>,
}

impl Values {
    /// Folds the compact `columns` + `rows` into `values`.
    fn unfold(&mut self) -> Result<(), EngineError> {
        for (province, row) in std::mem::take(&mut self.rows) {
            if row.len() != self.columns.len() {
                return Err(EngineError::Data(format!(
                    "values: province {province} has {} values for {} columns",
                    row.len(),
                    self.columns.len()
                )));
            }
            let cells = self.values.entry(province).or_default();
            cells.extend(self.columns.iter().cloned().zip(row));
        }
        self.columns.clear();
        Ok(())
    }
}

fn default_tolerance() -> f64 {
    0.0005
}

/// A published score and/or rank of a province on a node (index, pillar or sub-pillar).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedScore {
    pub province: String,
    pub node: String,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub score: Option<f64>,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub rank: Option<u32>,
    /// How far the engine may be from `score` (half a unit of the last printed digit, or less).
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
    pub source: String,
    /// Inferred from the sources rather than printed in them.
    #[serde(default)]
    pub inferred: bool,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub note: Option<Text>,
}

/// A published rank of a province on one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedIndicatorRank {
    pub province: String,
    pub indicator: String,
    pub rank: u32,
    pub source: String,
    #[serde(default)]
    pub inferred: bool,
}

/// A published national mean of a node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedMean {
    pub node: String,
    pub mean: f64,
    #[serde(default = "default_tolerance")]
    pub tolerance: f64,
    pub source: String,
}

/// A published lower bound of a province's raw value ("100% of civil servants have a computer").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedBound {
    pub province: String,
    pub indicator: String,
    pub min: f64,
    pub source: String,
}

/// `data/<year>/published.json`: every figure the engine must reproduce, with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PublishedFigures {
    #[serde(default)]
    pub scores: Vec<PublishedScore>,
    #[serde(default)]
    pub indicator_ranks: Vec<PublishedIndicatorRank>,
    #[serde(default)]
    pub values: Vec<PublishedValue>,
    #[serde(default)]
    pub bounds: Vec<PublishedBound>,
    #[serde(default)]
    pub means: Vec<PublishedMean>,
    #[serde(default)]
    pub notes: Vec<Text>,
}

/// A whole edition: methodology, provinces, values and the published figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Edition {
    pub meta: EditionMeta,
    pub values: Values,
    pub published: PublishedFigures,
}

impl Edition {
    /// Parses the three JSON files of an edition; a methodology named by id is a built-in
    /// one ([`crate::builtin::methodology_files`]).
    pub fn from_json(edition: &str, values: &str, published: &str) -> Result<Self, EngineError> {
        let meta = EditionMeta::from_json(edition, &crate::builtin::methodology_files()?)?;
        let mut values: Values = serde_json::from_str(values)
            .map_err(|e| EngineError::Data(format!("values.json: {e}")))?;
        values.unfold()?;
        let published: PublishedFigures = serde_json::from_str(published)
            .map_err(|e| EngineError::Data(format!("published.json: {e}")))?;
        Ok(Edition {
            meta,
            values,
            published,
        })
    }
}

/// Where a raw value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Provenance {
    /// Published; the id of the source in the edition's `sources`.
    Published(String),
    /// Made by the calibration program; not an official figure.
    Estimated,
    /// Imported by the user from a file.
    Imported,
    /// A weighted mean of the values of the provinces a unit took over (the 34 units of 2025,
    /// see [`crate::province_set`]); `estimated` when at least one of those values is an estimate
    /// (itself estimated or derived from estimates).
    Derived { estimated: bool },
}

impl Provenance {
    /// An estimate, or derived from one: the cells the Monte Carlo rank interval varies.
    pub fn is_estimate(&self) -> bool {
        matches!(
            self,
            Provenance::Estimated | Provenance::Derived { estimated: true }
        )
    }
}

/// A child of a node: another node or an indicator (indexes into the model's vectors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Child {
    Node(usize),
    Indicator(usize),
}

/// An edition checked and indexed for computation. Built once; cheap to compute on.
///
/// The tree is read through a small API (the fields are private, so every invariant checked by
/// [`Model::new`] holds for as long as the model lives): [`Model::children`] of a node,
/// [`Model::child_nodes`], [`Model::indicators_below`] a node, [`Model::tree_order`] (root first,
/// each node followed by its subtree) and [`Model::computation_order`] (children before parents),
/// [`Model::depth`] and [`Model::parent`]; the weight of a child is [`Params::weight`]
/// (resolved for a scenario) or [`Model::weight`] (the methodology's).
///
/// [`Params::weight`]: crate::compute::Params::weight
#[derive(Debug, Clone)]
pub struct Model {
    edition: Edition,
    /// Children of each node (same order as `methodology.nodes`).
    children: Vec<Vec<Child>>,
    /// Node indexes, children before parents: the order of computation.
    order: Vec<usize>,
    /// Node indexes, root first, each node followed by its subtree (children in methodology
    /// order).
    tree: Vec<usize>,
    /// Indicator indexes in tree order (the order of the editor).
    tree_indicators: Vec<usize>,
    /// For each node, the range of `tree_indicators` below it.
    indicator_span: Vec<(usize, usize)>,
    root: usize,
    /// Parent node of each indicator.
    indicator_parent: Vec<usize>,
    /// Parent node of each node (`None` for the root).
    node_parent: Vec<Option<usize>>,
    /// Depth of each node (root 0).
    depth: Vec<usize>,
    /// Baseline raw values, indicator-major: `baseline[i * provinces + p]`.
    baseline: Vec<f64>,
    provenance: Vec<Provenance>,
    node_ix: HashMap<String, usize>,
    ind_ix: HashMap<String, usize>,
    prov_ix: HashMap<String, usize>,
}

impl Model {
    /// Checks the edition (tree, ids, every value present and valid) and indexes it.
    pub fn new(edition: Edition) -> Result<Self, EngineError> {
        let m = &edition.meta.methodology;
        let node_ix = index_ids(m.nodes.iter().map(|n| n.id.as_str()), "node")?;
        let ind_ix = index_ids(m.indicators.iter().map(|i| i.id.as_str()), "indicator")?;
        let prov_ix = index_ids(
            edition.meta.provinces.iter().map(|p| p.id.as_str()),
            "province",
        )?;
        if edition.meta.provinces.is_empty() {
            return Err(EngineError::Data("the edition has no provinces".into()));
        }
        if let Some(id) = node_ix.keys().find(|k| ind_ix.contains_key(*k)) {
            return Err(EngineError::Data(format!(
                "'{id}' is both a node and an indicator"
            )));
        }
        let root = *node_ix
            .get(&m.root)
            .ok_or_else(|| EngineError::UnknownNode(m.root.clone()))?;

        let mut children = Vec::with_capacity(m.nodes.len());
        let mut node_parent = vec![None; m.nodes.len()];
        let mut indicator_parent = vec![usize::MAX; m.indicators.len()];
        for (ni, node) in m.nodes.iter().enumerate() {
            check_weight(&node.id, node.weight)?;
            if node.children.is_empty() {
                return Err(EngineError::Data(format!(
                    "node '{}' has no children",
                    node.id
                )));
            }
            let mut cs = Vec::with_capacity(node.children.len());
            for c in &node.children {
                let child = if let Some(&k) = node_ix.get(c) {
                    set_parent(&mut node_parent[k], ni, c)?;
                    Child::Node(k)
                } else if let Some(&k) = ind_ix.get(c) {
                    let slot = &mut indicator_parent[k];
                    if *slot != usize::MAX {
                        return Err(EngineError::Data(format!("'{c}' has two parents")));
                    }
                    *slot = ni;
                    Child::Indicator(k)
                } else {
                    return Err(EngineError::Data(format!(
                        "node '{}' names unknown child '{c}'",
                        node.id
                    )));
                };
                cs.push(child);
            }
            children.push(cs);
        }
        for (i, ind) in m.indicators.iter().enumerate() {
            check_weight(&ind.id, ind.weight)?;
            check_indicator(ind)?;
            if indicator_parent[i] == usize::MAX {
                return Err(EngineError::Data(format!(
                    "indicator '{}' is in no node",
                    ind.id
                )));
            }
        }
        let (order, depth) = post_order(root, &children, m.nodes.len())?;
        if order.len() != m.nodes.len() {
            return Err(EngineError::Data(
                "some nodes are not reachable from the root".into(),
            ));
        }
        let (tree, tree_indicators, indicator_span) = pre_order(root, &children);

        let np = edition.meta.provinces.len();
        let mut baseline = vec![f64::NAN; m.indicators.len() * np];
        let mut provenance = vec![Provenance::Estimated; baseline.len()];
        for (pid, row) in &edition.values.values {
            let p = *prov_ix
                .get(pid)
                .ok_or_else(|| EngineError::UnknownProvince(pid.clone()))?;
            for (iid, &v) in row {
                let i = *ind_ix
                    .get(iid)
                    .ok_or_else(|| EngineError::UnknownIndicator(iid.clone()))?;
                validate_value(&m.indicators[i], v)?;
                baseline[i * np + p] = v;
            }
        }
        if let Some(k) = baseline.iter().position(|v| v.is_nan()) {
            return Err(EngineError::Data(format!(
                "no value for indicator '{}' of province '{}'",
                m.indicators[k / np].id,
                edition.meta.provinces[k % np].id
            )));
        }
        for pv in &edition.values.published {
            let (i, p) = (
                *ind_ix
                    .get(&pv.indicator)
                    .ok_or_else(|| EngineError::UnknownIndicator(pv.indicator.clone()))?,
                *prov_ix
                    .get(&pv.province)
                    .ok_or_else(|| EngineError::UnknownProvince(pv.province.clone()))?,
            );
            provenance[i * np + p] = Provenance::Published(pv.source.clone());
        }
        Ok(Model {
            edition,
            children,
            order,
            tree,
            tree_indicators,
            indicator_span,
            root,
            indicator_parent,
            node_parent,
            depth,
            baseline,
            provenance,
            node_ix,
            ind_ix,
            prov_ix,
        })
    }

    /// Sets the provenance of every cell (indicator-major, as [`Model::baseline`]); a vector of
    /// another length is ignored.
    pub(crate) fn set_provenance(&mut self, provenance: Vec<Provenance>) {
        if provenance.len() == self.provenance.len() {
            self.provenance = provenance;
        }
    }
    /// The edition the model was built from (its published figures, sources, …).
    pub fn edition(&self) -> &Edition {
        &self.edition
    }
    pub fn methodology(&self) -> &Methodology {
        &self.edition.meta.methodology
    }
    pub fn provinces(&self) -> &[Province] {
        &self.edition.meta.provinces
    }
    pub fn indicators(&self) -> &[IndicatorDef] {
        &self.edition.meta.methodology.indicators
    }
    pub fn nodes(&self) -> &[NodeDef] {
        &self.edition.meta.methodology.nodes
    }
    pub fn year(&self) -> u16 {
        self.edition.meta.year
    }
    /// The province set of the model: [`PUBLISHED_SET`] (`"63"`) for an edition as published,
    /// else the id of the set it was derived for (`"34"`).
    pub fn province_set(&self) -> &str {
        self.derivation()
            .map_or(PUBLISHED_SET, |d| d.set.id.as_str())
    }
    /// How the model was derived from another one's provinces, if it was (the units' former
    /// provinces and their weights, the weight of each indicator).
    pub fn derivation(&self) -> Option<&Derivation> {
        self.edition.meta.derivation.as_ref()
    }
    pub fn province_count(&self) -> usize {
        self.edition.meta.provinces.len()
    }
    pub fn province_index(&self, id: &str) -> Option<usize> {
        self.prov_ix.get(id).copied()
    }
    pub fn indicator_index(&self, id: &str) -> Option<usize> {
        self.ind_ix.get(id).copied()
    }
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.node_ix.get(id).copied()
    }
    /// Baseline raw values of every indicator and province, indicator-major
    /// (`[i * provinces + p]`).
    pub fn baseline(&self) -> &[f64] {
        &self.baseline
    }
    /// Baseline raw value of indicator `i` for province `p`.
    pub fn baseline_value(&self, i: usize, p: usize) -> f64 {
        self.baseline[i * self.province_count() + p]
    }
    pub fn provenance_of(&self, i: usize, p: usize) -> &Provenance {
        &self.provenance[i * self.province_count() + p]
    }
    /// How the estimated cells of indicator `i` were made (its prior model), if the data say.
    pub fn estimate_note(&self, i: usize) -> Option<&Text> {
        let id = &self.indicators().get(i)?.id;
        self.edition.values.estimates.get(id)
    }
    /// Name of a source id in the edition's language-pair, or the id itself.
    pub fn source_name(&self, id: &str) -> Option<&Text> {
        self.edition
            .meta
            .sources
            .iter()
            .find(|s| s.id == id)
            .map(|s| &s.name)
    }
    /// The published score/rank of a province on a node, if any.
    pub fn published_score(
        &self,
        province: &str,
        node: &str,
    ) -> Option<&crate::dataset::PublishedScore> {
        self.edition
            .published
            .scores
            .iter()
            .find(|s| s.province == province && s.node == node)
    }
    /// A copy whose baseline takes `cells` (indicator index, province index, value), each
    /// validated and labelled [`Provenance::Imported`]: the user's own data, e.g. the
    /// ministry's table. The original model is untouched, so built-in data can be restored.
    ///
    /// A derived model takes no imports: its values follow from the provinces it was derived
    /// from, so the data are imported there and the model derived again.
    pub fn with_imported(&self, cells: &[(usize, usize, f64)]) -> Result<Model, EngineError> {
        if let Some(d) = self.derivation() {
            return Err(EngineError::Data(format!(
                "the {} units are derived from the {} provinces: import into those",
                d.set.id, d.set.from
            )));
        }
        let np = self.province_count();
        let mut m = self.clone();
        for &(i, p, v) in cells {
            let def = self
                .indicators()
                .get(i)
                .ok_or_else(|| EngineError::UnknownIndicator(i.to_string()))?;
            if p >= np {
                return Err(EngineError::UnknownProvince(p.to_string()));
            }
            validate_value(def, v)?;
            m.baseline[i * np + p] = v;
            m.provenance[i * np + p] = Provenance::Imported;
        }
        Ok(m)
    }

    // -----------------------------------------------------------------------------------------
    // The tree
    // -----------------------------------------------------------------------------------------

    /// The root node (the index).
    pub fn root(&self) -> usize {
        self.root
    }
    /// The children of node `n` (nodes and indicators) in methodology order; none for an unknown
    /// node.
    pub fn children(&self, n: usize) -> &[Child] {
        self.children.get(n).map_or(&[], Vec::as_slice)
    }
    /// The child nodes of node `n`, in methodology order.
    pub fn child_nodes(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(n).iter().filter_map(|c| match *c {
            Child::Node(k) => Some(k),
            Child::Indicator(_) => None,
        })
    }
    /// The indicators directly under node `n`, in methodology order.
    pub fn child_indicators(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        self.children(n).iter().filter_map(|c| match *c {
            Child::Indicator(i) => Some(i),
            Child::Node(_) => None,
        })
    }
    /// Every indicator below node `n` (at any depth), in tree order; `indicators_below(root)`
    /// lists them all in the order of the editor.
    pub fn indicators_below(&self, n: usize) -> &[usize] {
        self.indicator_span
            .get(n)
            .map_or(&[], |&(a, b)| &self.tree_indicators[a..b])
    }
    /// Every node, root first, each followed by its subtree (children in methodology order): the
    /// order in which the app lists pillars and sub-pillars. `tree_order()[1..]` is every node
    /// below the root.
    pub fn tree_order(&self) -> &[usize] {
        &self.tree
    }
    /// Every node, children before their parent: the order of computation (the root last).
    pub fn computation_order(&self) -> &[usize] {
        &self.order
    }
    /// Depth of node `n`: 0 for the root, 1 for a pillar, 2 for a sub-pillar, …
    pub fn depth(&self, n: usize) -> usize {
        self.depth.get(n).copied().unwrap_or(0)
    }
    /// The parent of node `n` (`None` for the root).
    pub fn parent(&self, n: usize) -> Option<usize> {
        self.node_parent.get(n).copied().flatten()
    }
    /// The node indicator `i` belongs to.
    pub fn indicator_parent(&self, i: usize) -> Option<usize> {
        self.indicator_parent.get(i).copied()
    }
    /// The methodology's weight of a child inside its parent (see
    /// [`Params::weight`](crate::compute::Params::weight) for a scenario's).
    pub fn weight(&self, c: Child) -> f64 {
        match c {
            Child::Node(k) => self.nodes().get(k).map_or(0.0, |n| n.weight),
            Child::Indicator(i) => self.indicators().get(i).map_or(0.0, |d| d.weight),
        }
    }
    /// Nodes whose children are all indicators (the sub-pillars), in methodology order.
    pub fn leaf_nodes(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.children.len()).filter(|&n| self.child_nodes(n).next().is_none())
    }
}

/// Checks that a value is acceptable for an indicator: finite and inside its valid range.
pub fn validate_value(ind: &IndicatorDef, v: f64) -> Result<(), EngineError> {
    if !v.is_finite() {
        return Err(EngineError::NotFinite {
            indicator: ind.id.clone(),
        });
    }
    if v < ind.valid[0] || v > ind.valid[1] {
        return Err(EngineError::OutOfRange {
            indicator: ind.id.clone(),
            value: v,
            min: ind.valid[0],
            max: ind.valid[1],
        });
    }
    Ok(())
}

fn check_indicator(ind: &IndicatorDef) -> Result<(), EngineError> {
    let ok = |r: [f64; 2]| r[0].is_finite() && r[1].is_finite() && r[0] < r[1];
    if !ok(ind.valid) || !ok(ind.plausible) || ind.goalposts.is_some_and(|g| !ok(g)) {
        return Err(EngineError::Data(format!(
            "indicator '{}' needs ranges with min < max",
            ind.id
        )));
    }
    Ok(())
}

pub(crate) fn check_weight(id: &str, w: f64) -> Result<(), EngineError> {
    if w.is_finite() && w >= 0.0 {
        Ok(())
    } else {
        Err(EngineError::InvalidWeight { id: id.to_string() })
    }
}

fn set_parent(slot: &mut Option<usize>, parent: usize, id: &str) -> Result<(), EngineError> {
    if slot.is_some() {
        return Err(EngineError::Data(format!("'{id}' has two parents")));
    }
    *slot = Some(parent);
    Ok(())
}

fn index_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<HashMap<String, usize>, EngineError> {
    let mut map = HashMap::new();
    for (k, id) in ids.enumerate() {
        if map.insert(id.to_string(), k).is_some() {
            return Err(EngineError::Data(format!("duplicate {what} id '{id}'")));
        }
    }
    Ok(map)
}

/// Post-order (children first) from the root, rejecting cycles; also each node's depth.
fn post_order(
    root: usize,
    children: &[Vec<Child>],
    n: usize,
) -> Result<(Vec<usize>, Vec<usize>), EngineError> {
    // 0 = unseen, 1 = on the stack, 2 = done
    let mut state = vec![0u8; n];
    let mut depth = vec![0; n];
    let mut order = Vec::with_capacity(n);
    let mut stack = vec![(root, 0usize)];
    state[root] = 1;
    while let Some(&mut (node, ref mut next)) = stack.last_mut() {
        let child = children[node][*next..].iter().find_map(|c| match c {
            Child::Node(k) => Some(*k),
            Child::Indicator(_) => None,
        });
        match child {
            Some(k) => {
                *next = children[node]
                    .iter()
                    .position(|c| *c == Child::Node(k))
                    .unwrap_or(0)
                    + 1;
                match state[k] {
                    0 => {
                        state[k] = 1;
                        depth[k] = depth[node] + 1;
                        stack.push((k, 0));
                    }
                    1 => return Err(EngineError::Data("the node tree has a cycle".into())),
                    _ => {}
                }
            }
            None => {
                state[node] = 2;
                order.push(node);
                stack.pop();
            }
        }
    }
    Ok((order, depth))
}

/// Pre-order from the root: the nodes (root first, each followed by its subtree), the indicators
/// in that order, and for each node the span of those indicators below it. Called on a tree
/// already checked by [`post_order`] (no cycle, every node reachable).
fn pre_order(
    root: usize,
    children: &[Vec<Child>],
) -> (Vec<usize>, Vec<usize>, Vec<(usize, usize)>) {
    let mut tree = vec![root];
    let mut inds = Vec::new();
    let mut span = vec![(0, 0); children.len()];
    let mut stack = vec![(root, 0usize)];
    while let Some(&mut (n, ref mut next)) = stack.last_mut() {
        match children[n].get(*next) {
            Some(&c) => {
                *next += 1;
                match c {
                    Child::Indicator(i) => inds.push(i),
                    Child::Node(k) => {
                        tree.push(k);
                        span[k].0 = inds.len();
                        stack.push((k, 0));
                    }
                }
            }
            None => {
                span[n].1 = inds.len();
                stack.pop();
            }
        }
    }
    (tree, inds, span)
}
