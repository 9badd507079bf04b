//! Loads a wasm module of the app built apart (the file module `ict-io`, the second module
//! `ict-more`), with the same checks for each.
//!
//! Where it comes from:
//! - hosted build: `<meta name=… data-js data-js-integrity data-wasm data-wasm-integrity>` in
//!   index.html (and, for a module with a build using wasm SIMD, `data-simd-js`,
//!   `data-simd-js-integrity`, `data-simd-wasm`, `data-simd-wasm-integrity`, taken where the
//!   browser has SIMD); the glue is added as a `<script>` with Subresource Integrity and the
//!   wasm is fetched with the `integrity` option, so both are checked (and both are this origin's
//!   files, as the Content-Security-Policy demands);
//! - one-file build: the glue is already in the page and the wasm waits as base64 in a data
//!   block.
//!
//! A failure (missing, refused, damaged) names what failed; each caller says it in the page's
//! language.

use base64::Engine;
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A module: the global its glue (`wasm-bindgen --target no-modules`) defines, the `<meta>`
/// that announces it, and the id of the data block holding its wasm in the one-file build.
pub struct Module {
    pub global: &'static str,
    pub meta: &'static str,
    pub embedded: &'static str,
}

/// Why a module was not loaded: what failed (a file, an attribute, a step).
pub type Failed = String;

fn unavailable(detail: &str) -> Failed {
    detail.to_string()
}

/// A module of one function returning a v128: valid exactly where wasm SIMD is (the check of
/// the `wasm-feature-detect` package).
const SIMD_PROBE: [u8; 31] = [
    0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253,
    15, 253, 98, 11,
];

fn has_simd() -> bool {
    !BASELINE.with(std::cell::Cell::get)
        && js_sys::WebAssembly::validate(&Uint8Array::from(&SIMD_PROBE[..]).into()).unwrap_or(false)
}

thread_local! {
    /// A second try takes the baseline builds (should the SIMD one be what failed).
    static BASELINE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How long one try may take before it is given up (ms).
const TRY_MS: i32 = 30_000;

/// What failed when a try took longer than [`TRY_MS`].
pub const TIMED_OUT: &str = "timed out";

/// `promise`, or a rejection after `ms`.
async fn within(promise: Promise, ms: i32) -> Result<JsValue, JsValue> {
    let limit = Promise::new(&mut |_, reject| {
        let _ = gloo::utils::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&reject, ms);
    });
    JsFuture::from(Promise::race(&js_sys::Array::of2(&promise, &limit))).await
}

impl Module {
    fn namespace(&self) -> JsValue {
        Reflect::get(&js_sys::global(), &JsValue::from_str(self.global))
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// The attribute `name` of the meta, in its SIMD form where the browser has SIMD and the
    /// meta gives one.
    fn attribute(meta: &web_sys::Element, name: &str) -> Option<String> {
        let simd = format!("data-simd-{name}");
        match meta.get_attribute(&simd) {
            Some(v) if has_simd() => Some(v),
            _ => meta.get_attribute(&format!("data-{name}")),
        }
    }

    /// Adds the glue's `<script>` (with its integrity) and waits for it to run.
    async fn load_glue(&self, meta: &web_sys::Element) -> Result<(), Failed> {
        let doc = gloo::utils::document();
        let src = Self::attribute(meta, "js").ok_or_else(|| unavailable("data-js"))?;
        let script = doc
            .create_element("script")
            .map_err(|_| unavailable("script"))?;
        let _ = script.set_attribute("src", &src);
        if let Some(sri) = Self::attribute(meta, "js-integrity") {
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
    async fn wasm_bytes(&self, meta: Option<&web_sys::Element>) -> Result<Uint8Array, Failed> {
        let doc = gloo::utils::document();
        if let Some(block) = doc.get_element_by_id(self.embedded) {
            let b64 = block.text_content().unwrap_or_default();
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64.trim())
                .map_err(|_| unavailable(self.embedded))?;
            return Ok(Uint8Array::from(bytes.as_slice()));
        }
        let meta = meta.ok_or_else(|| unavailable(self.meta))?;
        let url = Self::attribute(meta, "wasm").ok_or_else(|| unavailable("data-wasm"))?;
        let init = web_sys::RequestInit::new();
        if let Some(sri) = Self::attribute(meta, "wasm-integrity") {
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

    /// Loads and starts the module, trying once more a moment later if that fails or takes
    /// more than [`TRY_MS`] (then its baseline build, and its glue loaded again); its namespace
    /// object, or what failed the second time.
    pub async fn load(&'static self) -> Result<JsValue, Failed> {
        if let Ok(ns) = self.attempt().await {
            return Ok(ns);
        }
        let pause = Promise::new(&mut |resolve, _| {
            let _ = gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 1_500);
        });
        let _ = JsFuture::from(pause).await;
        BASELINE.with(|b| b.set(true));
        // (Not in the one-file build, whose glue is the page's own.)
        if gloo::utils::document()
            .get_element_by_id(self.embedded)
            .is_none()
        {
            let _ = Reflect::delete_property(&js_sys::global(), &JsValue::from_str(self.global));
        }
        self.attempt().await
    }

    /// One try, given up after [`TRY_MS`].
    async fn attempt(&'static self) -> Result<JsValue, Failed> {
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            self.initialise().await.map_err(|d| JsValue::from_str(&d))
        });
        within(promise, TRY_MS)
            .await
            .map_err(|e| e.as_string().unwrap_or_else(|| TIMED_OUT.into()))
    }

    /// Loads and starts the module; its namespace object.
    async fn initialise(&self) -> Result<JsValue, Failed> {
        let meta = gloo::utils::document()
            .query_selector(&format!("meta[name=\"{}\"]", self.meta))
            .ok()
            .flatten();
        if self.namespace().is_undefined() {
            let meta = meta.as_ref().ok_or_else(|| unavailable(self.meta))?;
            self.load_glue(meta).await?;
        }
        let init: Function = self
            .namespace()
            .dyn_into()
            .map_err(|_| unavailable(self.global))?;
        let bytes = self.wasm_bytes(meta.as_ref()).await?;
        let arg = Object::new();
        Reflect::set(&arg, &JsValue::from_str("module_or_path"), &bytes)
            .map_err(|_| unavailable("init"))?;
        let started = init
            .call1(&JsValue::NULL, &arg)
            .map_err(|_| unavailable("init"))?;
        JsFuture::from(Promise::resolve(&started))
            .await
            .map_err(|_| unavailable("WebAssembly"))?;
        Ok(self.namespace())
    }
}
