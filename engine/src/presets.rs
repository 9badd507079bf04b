//! Preset scenarios as data (`data/presets/*.json`): e.g. the 2020 targets of plan 60/KH-UBND.

use serde::{Deserialize, Serialize};

use crate::dataset::Model;
use crate::error::EngineError;
use crate::methodology::{Direction, Text};
use crate::scenario::Scenario;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub indicator: String,
    pub value: f64,
    /// The target as the plan words it.
    pub text: Text,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Preset {
    pub id: String,
    pub name: Text,
    pub source: String,
    pub description: Text,
    pub targets: Vec<Target>,
    /// Targets of the plan that no indicator of the tool can express.
    #[serde(default)]
    pub unmapped: Vec<Text>,
}

impl Preset {
    /// Targets that apply to the model's edition (an indicator it does not have is skipped).
    pub fn applicable<'a>(&'a self, model: &'a Model) -> impl Iterator<Item = &'a Target> + 'a {
        self.targets
            .iter()
            .filter(|t| model.indicator_index(&t.indicator).is_some())
    }

    /// Applies the targets to one province: a target is a floor (a ceiling for lower-is-better
    /// indicators), so a baseline value that already meets it is kept.
    pub fn apply(
        &self,
        model: &Model,
        province: &str,
        scenario: &mut Scenario,
    ) -> Result<(), EngineError> {
        let p = model
            .province_index(province)
            .ok_or_else(|| EngineError::UnknownProvince(province.to_string()))?;
        for t in self.applicable(model) {
            let i = model.indicator_index(&t.indicator).unwrap_or_default();
            let def = &model.indicators()[i];
            let base = model.baseline_value(i, p);
            let v = match def.direction {
                Direction::HigherIsBetter => base.max(t.value),
                Direction::LowerIsBetter => base.min(t.value),
            };
            crate::dataset::validate_value(def, v)?;
            if v == base {
                scenario.unset(province, &t.indicator);
            } else {
                scenario.set(province, &t.indicator, v);
            }
        }
        Ok(())
    }
}
