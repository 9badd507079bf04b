//! The file module (`io/`, built apart by `cargo xtask io-module`): loaded the first time a
//! planner imports a data file (CSV or Excel) or asks for an Excel download, so that the import
//! checks and the Excel reader and writer stay out of the app's first download.
//!
//! It is announced by `<meta name="ict-index-io">` and loaded with the checks of
//! [`super::module_loader`] (one-file build: its wasm in `#ict-index-io-wasm`).
//!
//! Every failure (missing, refused, damaged, trapped) becomes a bilingual message; the app goes
//! on without imports and Excel (everything else, CSV downloads included, works).

use std::cell::{Cell, RefCell};

use ict_engine::io::ImportPreview;
use ict_engine::table::Sheet;
use ict_engine::Text;

use super::module_loader::Module;
use crate::app::i18n_more::MoreMsg;
use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// The file module.
static IO: Module = Module {
    global: "ictIndexIo",
    meta: "ict-index-io",
    embedded: "ict-index-io-wasm",
};
fn unavailable(detail: &str) -> Text {
    MoreMsg::ModuleUnavailable {
        detail: detail.to_string(),
    }
    .both()
}

thread_local! {
    /// The module's initialisation, shared by every caller; resolves to its namespace object.
    static INIT: RefCell<Option<Promise>> = const { RefCell::new(None) };
    /// Set once the module trapped: its memory may be damaged, so it is not called again.
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

fn as_text(v: &JsValue) -> Option<Text> {
    serde_json::from_str(&v.as_string()?).ok()
}

fn to_js(t: &Text) -> JsValue {
    JsValue::from_str(&serde_json::to_string(t).unwrap_or_default())
}

/// The module's namespace, loading it once; a failed load is retried on the next call.
async fn module() -> Result<JsValue, Text> {
    if STOPPED.with(Cell::get) {
        return Err(MoreMsg::ModuleStopped.both());
    }
    let promise = INIT.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| {
                // (A stalled download does not block later calls: the loader gives each of its
                // two tries a time limit, and a failed load is tried again on the next call.)
                future_to_promise(async {
                    IO.load().await.map_err(|d| {
                        to_js(&if d == super::module_loader::TIMED_OUT {
                            MoreMsg::ModuleTimedOut.both()
                        } else {
                            unavailable(&d)
                        })
                    })
                })
            })
            .clone()
    });
    match JsFuture::from(promise).await {
        Ok(ns) => Ok(ns),
        Err(e) => {
            INIT.with(|slot| slot.borrow_mut().take());
            Err(as_text(&e).unwrap_or_else(|| MoreMsg::ModuleTimedOut.both()))
        }
    }
}

/// Why a call gave no result: the module's own message (JSON, thrown as a string), or a failure
/// to load or run it.
enum Failure {
    Said(String),
    Module(Text),
}

/// Calls one function of the module. Anything thrown that is not a string is a trap, after which
/// the module is not used again.
async fn call(name: &str, args: &[JsValue]) -> Result<JsValue, Failure> {
    let ns = module().await.map_err(Failure::Module)?;
    let f: Function = Reflect::get(&ns, &JsValue::from_str(name))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| Failure::Module(unavailable(name)))?;
    let out = match args {
        [a] => f.call1(&JsValue::NULL, a),
        [a, b, c] => f.call3(&JsValue::NULL, a, b, c),
        _ => return Err(Failure::Module(unavailable(name))),
    };
    out.map_err(|e| match e.as_string() {
        Some(said) => Failure::Said(said),
        None => {
            STOPPED.with(|s| s.set(true));
            Failure::Module(MoreMsg::ModuleStopped.both())
        }
    })
}

/// Why an import gave no preview: problems in the file, or the module could not do the work.
pub enum ImportFailure {
    File(Vec<Text>),
    Module(Text),
}

/// What importing a ministry table (CSV or .xlsx bytes) into the edition of `year` would change
/// from `current`, or why not.
pub async fn import_table(
    bytes: &[u8],
    year: u16,
    current: &[f64],
) -> Result<ImportPreview, ImportFailure> {
    let args = [
        Uint8Array::from(bytes).into(),
        JsValue::from(year),
        js_sys::Float64Array::from(current).into(),
    ];
    match call("import_table", &args).await {
        Ok(out) => serde_json::from_str(&out.as_string().unwrap_or_default())
            .map_err(|e| ImportFailure::Module(unavailable(&e.to_string()))),
        Err(Failure::Said(said)) => Err(serde_json::from_str(&said)
            .map(ImportFailure::File)
            .unwrap_or_else(|_| ImportFailure::Module(unavailable(&said)))),
        Err(Failure::Module(t)) => Err(ImportFailure::Module(t)),
    }
}

/// An .xlsx workbook of `sheets`.
pub async fn write_xlsx(sheets: &[Sheet]) -> Result<Vec<u8>, Text> {
    let json = serde_json::to_string(sheets).map_err(|e| unavailable(&e.to_string()))?;
    match call("write_xlsx", &[JsValue::from_str(&json)]).await {
        Ok(out) => out
            .dyn_into::<Uint8Array>()
            .map(|a| a.to_vec())
            .map_err(|_| unavailable("write_xlsx")),
        Err(Failure::Said(said)) => {
            Err(as_text(&JsValue::from_str(&said)).unwrap_or_else(|| unavailable(&said)))
        }
        Err(Failure::Module(t)) => Err(t),
    }
}
