//! The editions the app shows: built-in, or with the user's imported data.

use std::rc::Rc;

use ict_builtin::Builtin;
use ict_engine::presets::Preset;
use ict_engine::province_set::{derive, ProvinceSet};
use ict_engine::{EngineError, Model, Results, Scenario, PUBLISHED_SET};

/// Imported cells of one edition: (province id, indicator id, value).
pub type ImportedCells = Vec<(String, String, f64)>;

/// The editions of another province set (the 34 units of 2025), derived from the editions of
/// the 63: one model per edition, at the same positions, derived again after every import.
#[derive(Debug, Clone)]
pub struct DerivedSet {
    pub set: Rc<ProvinceSet>,
    pub models: Vec<Rc<Model>>,
    pub baselines: Vec<Rc<Results>>,
}

/// The editions, their baselines and the presets. Each edition's data carry a generation:
/// every import or restore gives the edition a new one, so an answer computed for other data
/// can be told apart even when the year and the scenario are the same. The editions of the
/// other province sets follow from them (same positions, same generations).
#[derive(Debug)]
pub struct Editions {
    /// Newest first; a model may carry imported values. The province set as published (63).
    pub models: Vec<Rc<Model>>,
    pub baselines: Vec<Rc<Results>>,
    /// The other province sets (built-in: the 34 units), derived from `models`; a set that
    /// does not fit the editions' provinces (a test edition) is left out.
    pub sets: Vec<DerivedSet>,
    /// The built-in models, kept so the built-in data can always be restored.
    pub builtin: Vec<Rc<Model>>,
    pub presets: Vec<Preset>,
    /// Generation of each edition's data (built-in data: 0).
    pub generations: Vec<u64>,
    /// The next generation to hand out.
    next_generation: u64,
}

impl PartialEq for Editions {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Editions {
    /// The built-in editions and presets.
    pub fn load() -> Result<Self, EngineError> {
        let builtin = Builtin::load()?;
        let models = (builtin.editions.into_iter())
            .map(Model::new)
            .collect::<Result<Vec<_>, _>>()?;
        Self::with_sets(models, builtin.presets, builtin.province_sets)
    }

    /// Editions from models (newest first; at least one) and the presets offered with them,
    /// with the built-in province sets derived from them where their provinces fit.
    pub fn new(models: Vec<Model>, presets: Vec<Preset>) -> Result<Self, EngineError> {
        Self::with_sets(models, presets, Builtin::load()?.province_sets)
    }

    /// Editions from models, presets and the province sets to derive (those whose provinces
    /// do not fit every model are left out).
    pub fn with_sets(
        models: Vec<Model>,
        presets: Vec<Preset>,
        sets: Vec<ProvinceSet>,
    ) -> Result<Self, EngineError> {
        if models.is_empty() {
            return Err(EngineError::Data("no edition".into()));
        }
        let mut baselines = Vec::with_capacity(models.len());
        for model in &models {
            baselines.push(Rc::new(model.evaluate(&Scenario::default())?));
        }
        let models: Vec<Rc<Model>> = models.into_iter().map(Rc::new).collect();
        let sets = sets
            .into_iter()
            .filter_map(|set| derive_all(&models, Rc::new(set)).ok())
            .collect();
        Ok(Editions {
            sets,
            builtin: models.clone(),
            generations: vec![0; models.len()],
            models,
            baselines,
            presets,
            next_generation: 1,
        })
    }

    /// The editions with `cells` imported into the built-in data of `year` (none: built-in).
    pub fn with_imported(
        &self,
        year: u16,
        cells: &[(String, String, f64)],
    ) -> Result<Editions, EngineError> {
        let pos = self
            .position(year)
            .ok_or_else(|| EngineError::Data(format!("no edition {year}")))?;
        let original = &self.builtin[pos];
        let mut indexed = Vec::with_capacity(cells.len());
        for (p, i, v) in cells {
            let pi = original
                .province_index(p)
                .ok_or_else(|| EngineError::UnknownProvince(p.clone()))?;
            let ii = original
                .indicator_index(i)
                .ok_or_else(|| EngineError::UnknownIndicator(i.clone()))?;
            indexed.push((ii, pi, *v));
        }
        let model = original.with_imported(&indexed)?;
        let baseline = model.evaluate(&Scenario::default())?;
        let mut models = self.models.clone();
        let mut baselines = self.baselines.clone();
        let mut generations = self.generations.clone();
        models[pos] = Rc::new(model);
        baselines[pos] = Rc::new(baseline);
        generations[pos] = self.next_generation;
        // The derived units follow the imported values.
        let mut sets = self.sets.clone();
        for d in &mut sets {
            let (m, b) = derive_one(&models[pos], &d.set)?;
            d.models[pos] = m;
            d.baselines[pos] = b;
        }
        Ok(Editions {
            sets,
            models,
            baselines,
            builtin: self.builtin.clone(),
            presets: self.presets.clone(),
            generations,
            next_generation: self.next_generation + 1,
        })
    }

    /// Position of an edition (newest first).
    pub fn position(&self, year: u16) -> Option<usize> {
        self.models.iter().position(|m| m.year() == year)
    }

    /// The province sets offered: the published one first (`"63"`, `"34"`).
    pub fn set_ids(&self) -> Vec<&str> {
        std::iter::once(PUBLISHED_SET)
            .chain(self.sets.iter().map(|d| d.set.id.as_str()))
            .collect()
    }

    /// The derived editions of province set `set` (not of the published one).
    pub fn derived(&self, set: &str) -> Option<&DerivedSet> {
        self.sets.iter().find(|d| d.set.id == set)
    }

    /// Whether `set` is offered.
    pub fn has_set(&self, set: &str) -> bool {
        set == PUBLISHED_SET || self.derived(set).is_some()
    }

    /// The models of province set `set` (newest first; the published set's for an unknown one).
    pub fn models_in(&self, set: &str) -> &[Rc<Model>] {
        self.derived(set).map_or(&self.models, |d| &d.models)
    }

    /// The baselines of province set `set` (as [`Editions::models_in`]).
    pub fn baselines_in(&self, set: &str) -> &[Rc<Results>] {
        self.derived(set).map_or(&self.baselines, |d| &d.baselines)
    }

    /// Every model of every set (what a saved scenario or a scenario file is checked against).
    pub fn all_models(&self) -> Vec<&Model> {
        self.models
            .iter()
            .chain(self.sets.iter().flat_map(|d| d.models.iter()))
            .map(|m| m.as_ref())
            .collect()
    }

    /// Years, newest first.
    pub fn years(&self) -> Vec<u16> {
        self.models.iter().map(|m| m.year()).collect()
    }
}

/// One derived model and its baseline.
fn derive_one(source: &Model, set: &ProvinceSet) -> Result<(Rc<Model>, Rc<Results>), EngineError> {
    let model = derive(source, set)?;
    let baseline = model.evaluate(&Scenario::default())?;
    Ok((Rc::new(model), Rc::new(baseline)))
}

/// The derived editions of `set`, one per model.
fn derive_all(models: &[Rc<Model>], set: Rc<ProvinceSet>) -> Result<DerivedSet, EngineError> {
    let (models, baselines) = models
        .iter()
        .map(|m| derive_one(m, &set))
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    Ok(DerivedSet {
        set,
        models,
        baselines,
    })
}
