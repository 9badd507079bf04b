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

/// How many backups of one key are kept (`KEY.unreadable`, then `….2` to `….9`).
const BACKUPS: u32 = 9;

/// Copies `raw` before anything is written over it: into the first backup key that is free
/// or already holds the same text (an earlier backup is never written over); said on the
/// console when none could be written.
fn back_up(store: &web_sys::Storage, backup_key: &str, raw: &str) -> bool {
    let kept = (1..=BACKUPS).any(|n| {
        let key = if n == 1 {
            backup_key.to_string()
        } else {
            format!("{backup_key}.{n}")
        };
        match store.get_item(&key).ok().flatten() {
            Some(held) => held == raw,
            None => store.set_item(&key, raw).is_ok(),
        }
    });
    if !kept {
        gloo::console::error!(format!("ict-index: {backup_key} could not be written"));
    }
    kept
}

/// Loads the saved scenarios; an unreadable store is first copied to [`BACKUP_KEY`] (or the
/// next free backup key).
pub fn load(models: &[&Model]) -> LoadReport {
    let Some(store) = storage() else {
        return LoadReport::default();
    };
    let text = store.get_item(KEY).ok().flatten();
    let mut report = parse_store(text.as_deref(), models);
    if let Some(backed_up) = IMPORTED_UNREADABLE.with(std::cell::Cell::get) {
        report.imported_unreadable = true;
        report.imported_backup_failed = !backed_up;
    }
    if report.corrupt || report.unreadable > 0 {
        if let Some(raw) = &text {
            report.backup_failed = !back_up(&store, BACKUP_KEY, raw);
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

thread_local! {
    /// The imported data kept in the browser could not be read, and whether they were backed
    /// up (said with the saved scenarios' report, [`load`]).
    static IMPORTED_UNREADABLE: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

/// Where unreadable imported data are copied before anything is written over them.
pub const IMPORTED_BACKUP_KEY: &str = "ict-index/imported/v1.unreadable";

/// Imported data kept in the browser, if readable (if not, they are first backed up, since the
/// next import writes over them).
pub fn load_imported() -> std::collections::BTreeMap<u16, ict_state::ImportedCells> {
    let Some(store) = storage() else {
        return Default::default();
    };
    let Some(raw) = store.get_item(IMPORTED_KEY).ok().flatten() else {
        return Default::default();
    };
    serde_json::from_str(&raw).unwrap_or_else(|_| {
        let backed_up = back_up(&store, IMPORTED_BACKUP_KEY, &raw);
        IMPORTED_UNREADABLE.with(|u| u.set(Some(backed_up)));
        Default::default()
    })
}

/// Writes the imported data; false when the browser refuses.
pub fn save_imported(data: &std::collections::BTreeMap<u16, ict_state::ImportedCells>) -> bool {
    let Some(store) = storage() else { return false };
    if data.is_empty() {
        return store.remove_item(IMPORTED_KEY).is_ok();
    }
    serde_json::to_string(data).is_ok_and(|t| store.set_item(IMPORTED_KEY, &t).is_ok())
}
