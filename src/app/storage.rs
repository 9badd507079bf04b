//! Named scenarios saved in the browser (localStorage). A full, blocked, corrupted or foreign
//! store never brings the app down: what is readable is kept, the rest is backed up untouched
//! and reported.

use ict_engine::Model;
pub use ict_state::{parse_store, store_json, LoadReport, Saved};

/// The storage key of the saved scenarios (a JSON array of [`Saved`]).
pub const KEY: &str = "ict-index/scenarios/v1";
/// Where an unreadable store is copied before anything is written over it.
pub const BACKUP_KEY: &str = "ict-index/scenarios/v1.unreadable";

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// Loads the saved scenarios; an unreadable store is first copied to [`BACKUP_KEY`].
pub fn load(models: &[&Model]) -> LoadReport {
    let Some(store) = storage() else {
        return LoadReport::default();
    };
    let text = store.get_item(KEY).ok().flatten();
    let report = parse_store(text.as_deref(), models);
    if report.corrupt || report.unreadable > 0 {
        if let Some(raw) = &text {
            if store.get_item(BACKUP_KEY).ok().flatten().is_none() {
                let _ = store.set_item(BACKUP_KEY, raw);
            }
        }
    }
    report
}

/// Writes the saved scenarios; false when the browser refuses (full, blocked, private mode).
pub fn save(list: &[Saved]) -> bool {
    let Some(store) = storage() else { return false };
    let Some(text) = store_json(list) else {
        return false;
    };
    store.set_item(KEY, &text).is_ok()
}

/// A new id: the time in milliseconds plus a counter, unique within the list.
pub fn new_id(list: &[Saved]) -> String {
    ict_state::fresh_id(list, js_sys::Date::now() as u64)
}

/// Today's date and time, ISO 8601.
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// The storage key of imported data: `{ "2019": [["22", "fixed-phones-per-100", 6.5], …] }`.
pub const IMPORTED_KEY: &str = "ict-index/imported/v1";

/// Whether imported data are kept in the browser (without reading them).
pub fn has_imported() -> bool {
    storage().is_some_and(|s| s.get_item(IMPORTED_KEY).ok().flatten().is_some())
}

/// Imported data kept in the browser, if readable.
pub fn load_imported() -> std::collections::BTreeMap<u16, ict_state::ImportedCells> {
    storage()
        .and_then(|s| s.get_item(IMPORTED_KEY).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Writes the imported data; false when the browser refuses.
pub fn save_imported(data: &std::collections::BTreeMap<u16, ict_state::ImportedCells>) -> bool {
    let Some(store) = storage() else { return false };
    if data.is_empty() {
        return store.remove_item(IMPORTED_KEY).is_ok();
    }
    serde_json::to_string(data).is_ok_and(|t| store.set_item(IMPORTED_KEY, &t).is_ok())
}
