//! A scenario: value overrides per province and indicator, and optional methodology overrides.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::compute::Params;
use crate::dataset::{check_weight, validate_value, Model};
use crate::error::EngineError;
use crate::methodology::{Aggregation, Normalisation};

/// Methodology overrides. The empty value is the official method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Settings {
    /// Node or indicator id → weight inside its parent.
    #[serde(default, skip_serializing_if = "crate::wire::skip_empty")]
    pub weights: BTreeMap<String, f64>,
    /// Normalisation for every indicator (overrides per-indicator settings too).
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub normalisation: Option<Normalisation>,
    #[serde(default, skip_serializing_if = "crate::wire::skip_none")]
    pub aggregation: Option<Aggregation>,
}

impl Settings {
    /// True when nothing is overridden: results follow the official method.
    /// Left out of a scenario's JSON when official (see [`crate::wire`]).
    fn skip_official(&self) -> bool {
        crate::wire::skip_if(self.is_official())
    }

    pub fn is_official(&self) -> bool {
        self.weights.is_empty() && self.normalisation.is_none() && self.aggregation.is_none()
    }
}

/// Scenario in: what the user changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Scenario {
    /// Province id → indicator id → raw value in the indicator's unit.
    #[serde(default, skip_serializing_if = "crate::wire::skip_empty")]
    pub values: BTreeMap<String, BTreeMap<String, f64>>,
    #[serde(default, skip_serializing_if = "Settings::skip_official")]
    pub settings: Settings,
}

impl Scenario {
    /// Sets one override (no validation; [`Model::apply`] validates).
    pub fn set(&mut self, province: &str, indicator: &str, value: f64) {
        self.values
            .entry(province.to_string())
            .or_default()
            .insert(indicator.to_string(), value);
    }

    /// Removes one override; drops the province entry when it becomes empty.
    pub fn unset(&mut self, province: &str, indicator: &str) {
        if let Some(row) = self.values.get_mut(province) {
            row.remove(indicator);
            if row.is_empty() {
                self.values.remove(province);
            }
        }
    }

    /// A value typed for a province: set, or the override removed when it equals the
    /// `baseline` (so that a value typed back to the baseline leaves no edit behind).
    pub fn put(&mut self, province: &str, indicator: &str, value: f64, baseline: Option<f64>) {
        if baseline == Some(value) {
            self.unset(province, indicator);
        } else {
            self.set(province, indicator, value);
        }
    }

    pub fn get(&self, province: &str, indicator: &str) -> Option<f64> {
        self.values.get(province)?.get(indicator).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty() && self.settings.is_official()
    }
}

impl Model {
    /// The raw values of a scenario (baseline with overrides), validated.
    pub fn apply(&self, scenario: &Scenario) -> Result<Vec<f64>, EngineError> {
        let mut values = self.baseline().to_vec();
        let np = self.province_count();
        for (pid, row) in &scenario.values {
            let p = self
                .province_index(pid)
                .ok_or_else(|| EngineError::UnknownProvince(pid.clone()))?;
            for (iid, &v) in row {
                let i = self
                    .indicator_index(iid)
                    .ok_or_else(|| EngineError::UnknownIndicator(iid.clone()))?;
                validate_value(&self.indicators()[i], v)?;
                values[i * np + p] = v;
            }
        }
        Ok(values)
    }

    /// Resolves methodology overrides into computation parameters.
    pub fn params(&self, settings: &Settings) -> Result<Params, EngineError> {
        let m = self.methodology();
        let mut node_weights: Vec<f64> = m.nodes.iter().map(|n| n.weight).collect();
        let mut ind_weights: Vec<f64> = m.indicators.iter().map(|i| i.weight).collect();
        for (id, &w) in &settings.weights {
            check_weight(id, w)?;
            if let Some(n) = self.node_index(id) {
                node_weights[n] = w;
            } else if let Some(i) = self.indicator_index(id) {
                ind_weights[i] = w;
            } else {
                return Err(EngineError::UnknownNode(id.clone()));
            }
        }
        let normalisation = m
            .indicators
            .iter()
            .map(|i| {
                settings
                    .normalisation
                    .or(i.normalisation)
                    .unwrap_or(m.normalisation)
            })
            .collect();
        let goalposts = m
            .indicators
            .iter()
            .map(|i| i.goalposts.unwrap_or(i.plausible))
            .collect();
        let params = Params {
            node_weights,
            ind_weights,
            normalisation,
            goalposts,
            aggregation: settings.aggregation.unwrap_or(m.aggregation),
        };
        // A node whose children all weigh nothing has no score.
        for (n, node) in m.nodes.iter().enumerate() {
            let total: f64 = self.children(n).iter().map(|&c| params.weight(c)).sum();
            if total <= 0.0 {
                return Err(EngineError::InvalidWeight {
                    id: node.id.clone(),
                });
            }
        }
        Ok(params)
    }

    /// Scenario in, results out (full recompute).
    pub fn evaluate(&self, scenario: &Scenario) -> Result<crate::Results, EngineError> {
        let values = self.apply(scenario)?;
        let params = self.params(&scenario.settings)?;
        Ok(crate::compute(self, &params, &values))
    }
}
