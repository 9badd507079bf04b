//! The editions the app shows: built-in, or with the user's imported data.

use std::rc::Rc;

use ict_engine::presets::Preset;
use ict_engine::{builtin, EngineError, Model, Results, Scenario};

/// Imported cells of one edition: (province id, indicator id, value).
pub type ImportedCells = Vec<(String, String, f64)>;

/// The editions, their baselines and the presets. Each edition's data carry a generation:
/// every import or restore gives the edition a new one, so an answer computed for other data
/// can be told apart even when the year and the scenario are the same.
#[derive(Debug)]
pub struct Editions {
    /// Newest first; a model may carry imported values.
    pub models: Vec<Rc<Model>>,
    pub baselines: Vec<Rc<Results>>,
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
        let models = builtin::years()
            .into_iter()
            .map(builtin::model)
            .collect::<Result<Vec<_>, _>>()?;
        Self::new(models, builtin::presets()?)
    }

    /// Editions from models (newest first; at least one) and the presets offered with them.
    pub fn new(models: Vec<Model>, presets: Vec<Preset>) -> Result<Self, EngineError> {
        if models.is_empty() {
            return Err(EngineError::Data("no edition".into()));
        }
        let mut baselines = Vec::with_capacity(models.len());
        for model in &models {
            baselines.push(Rc::new(model.evaluate(&Scenario::default())?));
        }
        let models: Vec<Rc<Model>> = models.into_iter().map(Rc::new).collect();
        Ok(Editions {
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
        Ok(Editions {
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

    /// Years, newest first.
    pub fn years(&self) -> Vec<u16> {
        self.models.iter().map(|m| m.year()).collect()
    }
}
