//! Saving a file the app made (scenario JSON, data CSV/XLSX, chart PNG) to the user's disk.

use wasm_bindgen::JsCast;

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> bool {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let props = web_sys::BlobPropertyBag::new();
    props.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &props) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let ok = click_link(name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    ok
}

/// Offers a `data:` or `blob:` address as a download.
pub fn click_link(name: &str, href: &str) -> bool {
    let doc = gloo::utils::document();
    let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return false;
    };
    a.set_href(href);
    a.set_download(name);
    let Some(body) = doc.body() else { return false };
    if body.append_child(&a).is_err() {
        return false;
    }
    a.click();
    let _ = body.remove_child(&a);
    true
}

/// A file name made of safe characters from a scenario name.
pub fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_matches('-').to_string();
    if stem.is_empty() {
        "kich-ban".to_string()
    } else {
        stem.chars().take(60).collect()
    }
}
