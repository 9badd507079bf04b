//! `cargo xtask dist`: the release build into `dist/` (relative URLs, works under any
//! sub-path), plus `dist/ict-index.html`, one self-contained file (script, wasm, styles, data,
//! the file module and the map's geometry inline) that works opened from disk with no network.

use base64::Engine;

use crate::util::{cmd, integrity, root, run, sha384_hex, step};

pub fn release_build() -> Result<(), String> {
    step("trunk build --release", || {
        run(cmd("trunk").args(["build", "--release"]))
    })
}

/// The file name in `dist/` that starts with `prefix` and ends with `suffix`.
pub(crate) fn find(prefix: &str, suffix: &str) -> Result<String, String> {
    std::fs::read_dir(root().join("dist"))
        .map_err(|e| format!("dist/: {e}"))?
        .filter_map(Result::ok)
        .map(|d| d.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with(prefix) && n.ends_with(suffix))
        .ok_or(format!("no dist/{prefix}*{suffix}"))
}

fn read(name: &str) -> Result<Vec<u8>, String> {
    std::fs::read(root().join("dist").join(name)).map_err(|e| format!("dist/{name}: {e}"))
}

/// Id of the element holding the pre-rendered first screen in `index.html` (the app removes it
/// when it renders; the guard script hides it when the page opens on another state).
pub const PRERENDER_ID: &str = "ict-prerender";
/// The guard script (classic, run before the page is shown), as written.
const GUARD: &str = include_str!("../js/guard.js");

/// The guard script as the page carries it: without its comment lines and indentation (it is
/// fetched before the first screen is shown). Its source has no comment after code on a line
/// and no text that spans lines.
pub(crate) fn guard() -> String {
    GUARD
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Pre-renders the default first screen into `dist/index.html` (node + playwright-core +
/// Chromium, `xtask/js/prerender.mjs`), with the guard script in `<head>` before the
/// stylesheet (so that the one-file build inlines it too).
pub fn prerender() -> Result<(), String> {
    let out = root().join("target/prerender.html");
    run(cmd("node").arg("xtask/js/prerender.mjs").arg(&out))?;
    let markup = std::fs::read_to_string(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    if !markup.contains("data-testid=\"index-score\"") {
        return Err("the pre-rendered first screen has no score".into());
    }
    let path = root().join("dist/index.html");
    let mut index = std::fs::read_to_string(&path).map_err(|e| format!("dist/index.html: {e}"))?;
    let css = index
        .find("<link rel=\"stylesheet\"")
        .ok_or("dist/index.html: no stylesheet link")?;
    index.insert_str(css, &format!("<script>\n{}</script>\n  ", guard()));
    let body = index
        .find("</noscript>")
        .ok_or("dist/index.html: no <noscript>")?
        + "</noscript>".len();
    index.insert_str(
        body,
        &format!("\n  <div id=\"{PRERENDER_ID}\">{markup}</div>"),
    );
    std::fs::write(&path, index).map_err(|e| format!("dist/index.html: {e}"))
}

/// Id of the data block holding the file module's wasm (base64) in the one-file build.
pub const IO_WASM_ID: &str = "ict-index-io-wasm";
/// Id of the data block holding the second module's wasm (base64) in the one-file build.
pub const MORE_WASM_ID: &str = "ict-index-more-wasm";

/// Builds `dist/ict-index.html` from the files of a release build.
pub fn single_file() -> Result<(), String> {
    let js_name = find("ict-index-", ".js")?;
    let wasm_name = find("ict-index-", "_bg.wasm")?;
    let css_name = find("style-", ".css")?;
    let js = String::from_utf8(read(&js_name)?).map_err(|e| e.to_string())?;
    let css = String::from_utf8(read(&css_name)?).map_err(|e| e.to_string())?;
    let wasm = read(&wasm_name)?;
    // The glue is an ES module; inline, its exports are not needed: initSync is called with
    // the bytes, so nothing is fetched (file:// forbids fetching the .wasm).
    let export = "export { initSync, __wbg_init as default };";
    if !js.contains(export) {
        return Err(format!(
            "dist/{js_name}: unexpected wasm-bindgen glue (no `{export}`)"
        ));
    }
    let glue = js.replace(export, "");
    let b64 = base64::engine::general_purpose::STANDARD.encode(&wasm);
    let index = String::from_utf8(read("index.html")?).map_err(|e| e.to_string())?;
    let head_end = index
        .find("<link rel=\"stylesheet\"")
        .ok_or("dist/index.html: no stylesheet link")?;
    let body_start = index.find("<body>").ok_or("dist/index.html: no <body>")?;
    // The file module: its glue defines a global (harmless until used), its wasm waits as
    // base64 in a data block the app decodes on first use.
    let io_glue = String::from_utf8(read(&find("ict-io-", ".js")?)?).map_err(|e| e.to_string())?;
    let io_b64 =
        base64::engine::general_purpose::STANDARD.encode(read(&find("ict-io-", "_bg.wasm")?)?);
    // The second module (its baseline build) waits the same way; the app starts it as soon as
    // it has rendered.
    let more = crate::more_module::PREFIX;
    let more_glue = String::from_utf8(read(&find(more, ".js")?)?).map_err(|e| e.to_string())?;
    let more_b64 =
        base64::engine::general_purpose::STANDARD.encode(read(&find(more, "_bg.wasm")?)?);
    // The map's geometry (JSON) waits in a data block too.
    let geo = String::from_utf8(read(&find(crate::geo::PREFIX, ".json")?)?)
        .map_err(|e| e.to_string())?
        .replace("</", "<\\/");
    let geo_id = crate::geo::INLINE_ID;
    let html = format!(
        "{head}<style>\n{css}\n</style>\n<script>\n{io_glue}\n</script>\n<script type=\"application/octet-stream\" id=\"{IO_WASM_ID}\">{io_b64}</script>\n<script>\n{more_glue}\n</script>\n<script type=\"application/octet-stream\" id=\"{MORE_WASM_ID}\">{more_b64}</script>\n<script type=\"application/json\" id=\"{geo_id}\">{geo}</script>\n<script type=\"module\">\n{glue}\nconst bytes = Uint8Array.from(atob(\"{b64}\"), (c) => c.charCodeAt(0));\ninitSync({{ module: bytes }});\n</script>\n</head>\n{body}",
        head = &index[..head_end],
        body = &index[body_start..],
    );
    let out = root().join("dist/ict-index.html");
    std::fs::write(&out, html).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("xtask: wrote dist/ict-index.html");
    Ok(())
}

/// The Content-Security-Policy of the hosted build: only this origin's files; WebAssembly
/// compilation allowed; no inline script, no other host; a worker only from a Blob (the rank
/// interval's helper thread, whose script is inside the second module's checked wasm).
pub const CSP: &str =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'; \
worker-src blob:";

/// Makes `dist/index.html` work under the strict CSP: the inline loader (`crate::loader`'s) moves into its own
/// file with Subresource Integrity, and the policy is set in a `<meta>`. (Run after
/// [`single_file`], which needs the inline form.)
pub fn harden() -> Result<(), String> {
    let path = root().join("dist/index.html");
    let index = std::fs::read_to_string(&path).map_err(|e| format!("dist/index.html: {e}"))?;
    let index = move_out(&index, "<script>", "guard", "")?;
    let index = move_out(
        &index,
        "<script type=\"module\">",
        "init",
        " type=\"module\"",
    )?;
    let index = guard_last_in_head(&index)?;
    let mut html = index;
    let charset = "<meta charset=\"utf-8\" />";
    let at = html
        .find(charset)
        .ok_or("dist/index.html: no charset meta")?
        + charset.len();
    html.insert_str(
        at,
        &format!("\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\" />"),
    );
    std::fs::write(&path, html).map_err(|e| format!("dist/index.html: {e}"))?;
    eprintln!("xtask: dist/index.html: scripts in their own files, CSP set");
    Ok(())
}

/// Where the first script element of `index` that starts with `open` is: from its `<script` to
/// just after its `</script>`.
pub(crate) fn script_span(index: &str, open: &str) -> Result<(usize, usize), String> {
    let start = index
        .find(open)
        .ok_or(format!("dist/index.html: no `{open}`"))?;
    let end = index[start..]
        .find("</script>")
        .ok_or(format!("dist/index.html: `{open}` unclosed"))?
        + start
        + "</script>".len();
    Ok((start, end))
}

/// Moves the inline script opened by `open` into `dist/<stem>-<hash>.js`, loaded with
/// Subresource Integrity (`kind`: its type attribute).
fn move_out(index: &str, open: &str, stem: &str, kind: &str) -> Result<String, String> {
    let (start, end) = script_span(index, open)?;
    let script = index[start + open.len()..end - "</script>".len()]
        .trim()
        .to_string()
        + "\n";
    let name = format!("{stem}-{}.js", &sha384_hex(script.as_bytes())[..16]);
    let integrity = integrity(script.as_bytes());
    std::fs::write(root().join("dist").join(&name), &script)
        .map_err(|e| format!("dist/{name}: {e}"))?;
    let tag = format!("<script{kind} src=\"./{name}\" integrity=\"{integrity}\" crossorigin=\"anonymous\"></script>");
    Ok(format!("{}{tag}{}", &index[..start], &index[end..]))
}

/// Moves the guard's `<script src>` (parser-blocking, as it must be: it runs before the body is
/// shown) to the end of `<head>`, so that the stylesheet, the loader and the preloads of the glue
/// and the wasm above it are requested before the parser waits for the guard. On Slow 4G the wasm
/// download then starts with the stylesheet, one round trip earlier.
fn guard_last_in_head(index: &str) -> Result<String, String> {
    let (start, end) = script_span(index, "<script src=\"./guard-")?;
    let tag = &index[start..end];
    let rest = format!("{}{}", &index[..start], index[end..].trim_start());
    let head_end = rest.find("</head>").ok_or("dist/index.html: no </head>")?;
    Ok(format!("{}{tag}\n{}", &rest[..head_end], &rest[head_end..]))
}

/// Release build, its first screen pre-rendered, the one-file build, the hardened hosted build,
/// and their sizes.
pub fn build_all() -> Result<(), String> {
    release_build()?;
    step("pre-render the first screen", prerender)?;
    step("single-file build", single_file)?;
    step("the loader (checked, tried twice)", crate::loader::install)?;
    step("CSP and SRI for the hosted build", harden)?;
    crate::bench::report_sizes()
}

/// Where the test-only build with the panic trigger goes (end-to-end test of the panic
/// message): never shipped.
pub const PANIC_TEST_DIST: &str = "target/dist-panic-test";

/// A debug build of the app with the `panic-trigger` feature into [`PANIC_TEST_DIST`].
pub fn panic_test_build() -> Result<(), String> {
    step("test build with the panic trigger", || {
        run(cmd("trunk").args([
            "build",
            "--features",
            "panic-trigger",
            "--dist",
            PANIC_TEST_DIST,
        ]))
    })
}

pub fn run_dist() -> Result<(), String> {
    // Chromium pre-renders the first screen.
    crate::tools::ensure_test_tools()?;
    build_all()
}
