//! Scenario files (`io::scenario_from_json`): files the app writes (version 1 of the 63
//! provinces, version 2 of the 34 units), their JSON tree and text damaged; whatever is accepted
//! evaluates and writes back to the same file.

use ict_engine::io::{scenario_from_json, scenario_to_json, ScenarioFile};
use ict_engine::Model;

use crate::mutate::{self, Rng};
use crate::{check_results, expect_bilingual, Spec, Target};

pub struct ScenarioFiles {
    pub models: Vec<&'static Model>,
    pub words: Vec<String>,
}

impl Target for ScenarioFiles {
    fn spec(&self) -> Spec {
        Spec {
            name: "scenario",
            extension: "json",
            ci_runs: 3_000,
            threads: 1,
        }
    }

    fn generate(&self, rng: &mut Rng) -> Vec<u8> {
        let model = *rng.pick(&self.models);
        let np = model.province_count();
        let name: String = match rng.below(6) {
            0 => "ệ".repeat(rng.below(260)),
            1 => mutate::TEXTS
                .iter()
                .take(rng.below(mutate::TEXTS.len()))
                .copied()
                .collect(),
            _ => "Băng rộng 40".into(),
        };
        let mut file = ScenarioFile::new(
            &name,
            model.year(),
            &model.provinces()[rng.below(np)].id,
            mutate::scenario(rng, model),
        )
        .in_set(model.province_set());
        if rng.one_in(3) {
            file.created = Some("2026-11-27T08:00:00Z".into());
        }
        let mut tree = serde_json::to_value(&file).unwrap_or_default();
        if !rng.one_in(5) {
            mutate::json(rng, &mut tree, &self.words, 4);
        }
        let mut text = if rng.one_in(2) {
            serde_json::to_vec_pretty(&tree)
        } else {
            serde_json::to_vec(&tree)
        }
        .unwrap_or_default();
        if rng.one_in(3) {
            mutate::json_text(rng, &mut text, &self.words);
        }
        text
    }

    fn check(&self, input: &[u8]) -> String {
        let text = String::from_utf8_lossy(input);
        match scenario_from_json(&text, &self.models) {
            Err(e) => {
                expect_bilingual(&e);
                format!("{:?}", e.kind)
            }
            Ok(file) => {
                let model = self
                    .models
                    .iter()
                    .find(|m| m.year() == file.year && m.province_set() == file.provinces)
                    .expect("an accepted file names one of the editions");
                let results = model
                    .evaluate(&file.scenario)
                    .expect("an accepted file evaluates");
                check_results(model, &results);
                let kind = format!("accepted ({})", file.provinces);
                let again = scenario_from_json(&scenario_to_json(&file), &self.models);
                assert_eq!(again, Ok(file), "written back, the file reads the same");
                kind
            }
        }
    }
}
