//! A part of a rank interval's draws as bytes that another thread (the app's Web Worker) runs:
//! the model's edition in its compact form, which cells are estimates, the method, the values,
//! the province and which draws. The thread answers with the part's [`Tally`], and the run that
//! sent it joins the tallies ([`IntervalRun::finish`]): the interval is exactly the one a single
//! thread computes, to the bit.

use serde::{Deserialize, Serialize};

use crate::analysis::{IntervalRun, Tally};
use crate::dataset::{Model, Provenance};
use crate::error::EngineError;
use crate::packed::PackedEdition;
use crate::scenario::Settings;

/// Draws `from .. from + count` of the rank interval of province `p` (see
/// [`rank_interval`](crate::analysis::rank_interval), without a base to move towards).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntervalPart {
    /// The model's edition: its tree, indicators and ranges (the values drawn are `values`).
    pub edition: PackedEdition,
    /// Per cell (indicator-major, as [`Model::baseline`]), whether it is an estimate: the model's
    /// provenance may differ from its edition's (imported cells, derived units).
    pub estimated: Vec<bool>,
    pub settings: Settings,
    pub values: Vec<f64>,
    pub p: u32,
    pub seed: u64,
    pub from: u32,
    pub count: u32,
}

impl IntervalPart {
    /// The part of `model`'s run (method `settings`, `values`, province `p`, `seed`) that holds
    /// draws `from .. from + count`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        model: &Model,
        settings: &Settings,
        values: &[f64],
        p: usize,
        seed: u64,
        from: usize,
        count: usize,
    ) -> Self {
        let np = model.province_count();
        let estimated = (0..model.indicators().len())
            .flat_map(|i| (0..np).map(move |q| (i, q)))
            .map(|(i, q)| model.provenance_of(i, q).is_estimate())
            .collect();
        IntervalPart {
            edition: PackedEdition::pack(model.edition()),
            estimated,
            settings: settings.clone(),
            values: values.to_vec(),
            p: p as u32,
            seed,
            from: from as u32,
            count: count as u32,
        }
    }

    pub fn to_bytes(&self) -> Result<Vec<u8>, EngineError> {
        crate::wire::to_bytes(self)
    }

    /// Runs the part: its tally, or why it cannot be run (damaged bytes, a model that does not
    /// check, values or estimates that do not fit it).
    pub fn run(self) -> Result<Tally, EngineError> {
        let mut model = Model::new(self.edition.unpack()?)?;
        if self.estimated.len() != model.baseline().len()
            || self.values.len() != self.estimated.len()
        {
            return Err(EngineError::Data(
                "interval part: cells do not fit the model".into(),
            ));
        }
        // Only whether a cell is an estimate matters to the draws.
        model.set_provenance(
            self.estimated
                .iter()
                .map(|&e| {
                    if e {
                        Provenance::Estimated
                    } else {
                        Provenance::Imported
                    }
                })
                .collect(),
        );
        let params = model.params(&self.settings)?;
        let (p, count) = (self.p as usize, self.count as usize);
        let mut run = IntervalRun::part(self.seed, self.from as usize, count);
        run.step(&model, &params, &self.values, p, None, count)
            .filter(|iv| iv.draws == count)
            .ok_or_else(|| EngineError::Data("interval part: the province does not fit".into()))?;
        Ok(run.tally())
    }

    /// [`run`](Self::run) from and to bytes (what the worker does).
    pub fn run_bytes(bytes: &[u8]) -> Result<Vec<u8>, EngineError> {
        let part: IntervalPart = crate::wire::from_bytes(bytes)?;
        crate::wire::to_bytes(&part.run()?)
    }
}
