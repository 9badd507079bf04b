//! The file module (`io/`, built apart by `cargo xtask io-module`): loaded the first time a
//! planner imports a data file (CSV or Excel) or asks for an Excel download, so that the import
//! checks and the Excel reader and writer stay out of the app's first download.
//!
//! Where it comes from:
//! - hosted build: `<meta name="ict-index-io" data-js data-js-integrity data-wasm
//!   data-wasm-integrity>` in index.html; the glue is added as a `<script>` with Subresource
//!   Integrity and the wasm is fetched with the `integrity` option, so both are checked (and
//!   both are this origin's files, as the Content-Security-Policy demands);
//! - one-file build: the glue is already in the page and the wasm waits as base64 in
//!   `#ict-index-io-wasm`.
//!
//! Every failure (missing, refused, damaged, trapped) becomes a bilingual message; the app goes
//! on without imports and Excel (everything else, CSV downloads included, works).

use std::cell::{Cell, RefCell};

use base64::Engine;
use ict_engine::io::ImportPreview;
use ict_engine::table::Sheet;
use ict_engine::Text;

use super::i18n::Msg;
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// The global the module's glue defines.
const GLOBAL: &str = "ictIndexIo";
/// The meta element announcing the module in the hosted build.
const META: &str = "meta[name=\"ict-index-io\"]";
/// How long the module may take to load before the attempt is given up (ms).
const LOAD_TIMEOUT_MS: i32 = 60_000;
/// The data block holding the module's wasm in the one-file build.
const EMBEDDED_WASM: &str = "ict-index-io-wasm";

thread_local! {
    /// The module's initialisation, shared by every caller; resolves to its namespace object.
    static INIT: RefCell<Option<Promise>> = const { RefCell::new(None) };
    /// Set once the module trapped: its memory may be damaged, so it is not called again.
    static STOPPED: Cell<bool> = const { Cell::new(false) };
}

fn unavailable(detail: &str) -> Text {
    Msg::ModuleUnavailable {
        detail: detail.to_string(),
    }
    .both()
}

fn as_text(v: &JsValue) -> Option<Text> {
    serde_json::from_str(&v.as_string()?).ok()
}

fn to_js(t: &Text) -> JsValue {
    JsValue::from_str(&serde_json::to_string(t).unwrap_or_default())
}

fn namespace() -> JsValue {
    Reflect::get(&js_sys::global(), &JsValue::from_str(GLOBAL)).unwrap_or(JsValue::UNDEFINED)
}

/// Adds the glue's `<script>` (with its integrity) and waits for it to run.
async fn load_glue(meta: &web_sys::Element) -> Result<(), Text> {
    let doc = gloo::utils::document();
    let src = meta
        .get_attribute("data-js")
        .ok_or_else(|| unavailable("data-js"))?;
    let script = doc
        .create_element("script")
        .map_err(|_| unavailable("script"))?;
    let _ = script.set_attribute("src", &src);
    if let Some(sri) = meta.get_attribute("data-js-integrity") {
        let _ = script.set_attribute("integrity", &sri);
        let _ = script.set_attribute("crossorigin", "anonymous");
    }
    let loaded = Promise::new(&mut |resolve, reject| {
        let _ = script.add_event_listener_with_callback("load", &resolve);
        let _ = script.add_event_listener_with_callback("error", &reject);
    });
    let parent = doc
        .query_selector("head")
        .ok()
        .flatten()
        .or_else(|| doc.document_element())
        .ok_or_else(|| unavailable("head"))?;
    parent
        .append_child(&script)
        .map_err(|_| unavailable("script"))?;
    JsFuture::from(loaded)
        .await
        .map(|_| ())
        .map_err(|_| unavailable(&src))
}

/// The module's wasm: decoded from the page (one-file build) or fetched and checked.
async fn wasm_bytes(meta: Option<&web_sys::Element>) -> Result<Uint8Array, Text> {
    let doc = gloo::utils::document();
    if let Some(block) = doc.get_element_by_id(EMBEDDED_WASM) {
        let b64 = block.text_content().unwrap_or_default();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .map_err(|_| unavailable(EMBEDDED_WASM))?;
        return Ok(Uint8Array::from(bytes.as_slice()));
    }
    let meta = meta.ok_or_else(|| unavailable("meta ict-index-io"))?;
    let url = meta
        .get_attribute("data-wasm")
        .ok_or_else(|| unavailable("data-wasm"))?;
    let init = web_sys::RequestInit::new();
    if let Some(sri) = meta.get_attribute("data-wasm-integrity") {
        init.set_integrity(&sri);
    }
    let response = JsFuture::from(gloo::utils::window().fetch_with_str_and_init(&url, &init))
        .await
        .map_err(|_| unavailable(&url))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| unavailable(&url))?;
    if !response.ok() {
        return Err(unavailable(&format!("{url}: HTTP {}", response.status())));
    }
    let buffer = response.array_buffer().map_err(|_| unavailable(&url))?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| unavailable(&url))?;
    Ok(Uint8Array::new(&buffer))
}

async fn initialise() -> Result<JsValue, Text> {
    let meta = gloo::utils::document().query_selector(META).ok().flatten();
    if namespace().is_undefined() {
        let meta = meta
            .as_ref()
            .ok_or_else(|| unavailable("meta ict-index-io"))?;
        load_glue(meta).await?;
    }
    let init: Function = namespace().dyn_into().map_err(|_| unavailable(GLOBAL))?;
    let bytes = wasm_bytes(meta.as_ref()).await?;
    let arg = Object::new();
    Reflect::set(&arg, &JsValue::from_str("module_or_path"), &bytes)
        .map_err(|_| unavailable("init"))?;
    let started = init
        .call1(&JsValue::NULL, &arg)
        .map_err(|_| unavailable("init"))?;
    JsFuture::from(Promise::resolve(&started))
        .await
        .map_err(|_| unavailable("WebAssembly"))?;
    Ok(namespace())
}

/// The module's namespace, loading it once; a failed load is retried on the next call.
async fn module() -> Result<JsValue, Text> {
    if STOPPED.with(Cell::get) {
        return Err(Msg::ModuleStopped.both());
    }
    let promise = INIT.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(|| {
                future_to_promise(async { initialise().await.map_err(|t| to_js(&t)) })
            })
            .clone()
    });
    // A stalled download must not block every later call: past the time limit the load is
    // given up (and tried again on the next call).
    let limit = Promise::new(&mut |_, reject| {
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&reject, LOAD_TIMEOUT_MS);
    });
    let raced = Promise::race(&js_sys::Array::of2(&promise, &limit));
    match JsFuture::from(raced).await {
        Ok(ns) => Ok(ns),
        Err(e) => {
            INIT.with(|slot| slot.borrow_mut().take());
            Err(as_text(&e).unwrap_or_else(|| Msg::ModuleTimedOut.both()))
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
            Failure::Module(Msg::ModuleStopped.both())
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
