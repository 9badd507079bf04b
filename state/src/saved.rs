//! Named scenarios saved by the planner (kept in the browser by the app; pure here).

use ict_engine::io::{scenario_from_json, ScenarioFile};
use ict_engine::Model;
use serde::{Deserialize, Serialize};

/// A saved scenario: an id and the versioned scenario file (the same schema as exported files;
/// in the store, one JSON object with the file's fields and `id`: [`store_json`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub id: String,
    pub file: ScenarioFile,
}

/// The store's text for `list`: a JSON array of scenario files, each with its `id`.
pub fn store_json(list: &[Saved]) -> Option<String> {
    let items = list
        .iter()
        .map(|s| {
            let mut item = serde_json::to_value(&s.file).ok()?;
            item.as_object_mut()?
                .insert("id".into(), serde_json::Value::String(s.id.clone()));
            Some(item)
        })
        .collect::<Option<Vec<_>>>()?;
    serde_json::to_string(&items).ok()
}

/// What was found in the store.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LoadReport {
    pub saved: Vec<Saved>,
    /// Entries that could not be read (damaged, another version, unknown province...).
    pub unreadable: usize,
    /// The whole store was not a list of scenarios.
    pub corrupt: bool,
    /// The imported data kept in the browser could not be read (backed up unless
    /// `imported_backup_failed`).
    pub imported_unreadable: bool,
    /// The unreadable store could not be copied to a backup key (storage full or blocked): it
    /// stays where it is until the next save replaces it.
    pub backup_failed: bool,
    /// The same for the unreadable imported data (until the next import replaces them).
    pub imported_backup_failed: bool,
}

/// Reads the store's text: every entry is checked like an imported scenario file.
pub fn parse_store(text: Option<&str>, models: &[&Model]) -> LoadReport {
    let Some(text) = text else {
        return LoadReport::default();
    };
    let Ok(items) = serde_json::from_str::<Vec<serde_json::Value>>(text) else {
        return LoadReport {
            corrupt: true,
            ..LoadReport::default()
        };
    };
    let mut report = LoadReport::default();
    for item in items {
        let id = item.get("id").and_then(|v| v.as_str()).map(str::to_string);
        match (id, scenario_from_json(&item.to_string(), models)) {
            (Some(id), Ok(file)) if !report.saved.iter().any(|s| s.id == id) => {
                report.saved.push(Saved { id, file })
            }
            _ => report.unreadable += 1,
        }
    }
    report
}

/// An id not yet in `list`, made from `seed` (the app passes the time in milliseconds).
pub fn fresh_id(list: &[Saved], seed: u64) -> String {
    (0..)
        .map(|k| format!("{seed:x}-{k}"))
        .find(|id| !list.iter().any(|s| &s.id == id))
        .unwrap_or_default()
}
