//! The page's loader of the app's first module, instead of Trunk's: its glue and wasm, each
//! checked against its sha384 (the glue by a modulepreload with integrity, which the import then
//! takes; the wasm by its request's integrity); a failed load is tried once more a moment later
//! (under another address, as a failed module import is not fetched again), then the page says
//! so in both languages, with a button that reloads it. `cargo xtask dist` puts it in
//! `dist/index.html` (after the one-file build, which loads the module inline; before
//! [`crate::dist::harden`] moves it into its own file).

use crate::util::{read, root, write};

/// The loader (`{GLUE}`, `{GLUE_SRI}`, `{WASM}`, `{WASM_SRI}` filled in).
const LOADER: &str = "\
const [glue, glueIntegrity, wasm, wasmIntegrity] = ['./{GLUE}', '{GLUE_SRI}', './{WASM}', '{WASM_SRI}'];
// One attempt: `again` loads the glue under another address (a failed import is cached).
const start = async (again) => {
  const url = again ? `${glue}?again` : glue;
  if (again) {
    // (A browser without modulepreload fires neither event: it imports after 10 s.)
    await Promise.race([new Promise((resolve, reject) => {
      const link = Object.assign(document.createElement('link'),
        { rel: 'modulepreload', href: url, integrity: glueIntegrity, crossOrigin: 'anonymous' });
      link.onload = resolve;
      link.onerror = () => reject(new Error(`${glue}: not loaded`));
      document.head.append(link);
    }), new Promise((resolve) => setTimeout(resolve, 10000))]);
  }
  const bindings = await import(url);
  const instance = await bindings.default({ module_or_path: new Request(wasm, { integrity: wasmIntegrity }) });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: instance } }));
};
try {
  await start(false);
} catch (first) {
  await new Promise((r) => setTimeout(r, 1500));
  try {
    await start(true);
  } catch (e) {
    const box = document.createElement('div');
    box.className = 'load-failed';
    box.setAttribute('role', 'alert');
    box.setAttribute('data-testid', 'load-failed');
    const p = document.createElement('p');
    p.textContent = `Không tải được công cụ (${e.message}), kể cả khi thử lại: hãy kiểm tra kết nối mạng rồi tải lại trang. / The tool could not be loaded (${e.message}), even on a second try: check the network connection, then reload the page.`;
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = 'Tải lại trang / Reload the page';
    b.addEventListener('click', () => location.reload());
    box.append(p, b);
    document.body.prepend(box);
  }
}
";

/// The value of attribute `name` in `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Result<&'a str, String> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key).ok_or(format!("{tag}: no {name}"))? + key.len();
    let len = tag[start..]
        .find('"')
        .ok_or(format!("{tag}: unclosed {name}"))?;
    Ok(&tag[start..start + len])
}

/// The `<link>` of `index` whose `href` is `./{name}`.
fn link_to<'a>(index: &'a str, name: &str) -> Result<&'a str, String> {
    let at = index
        .find(&format!("href=\"./{name}\""))
        .ok_or(format!("dist/index.html: no link to {name}"))?;
    let start = index[..at]
        .rfind("<link")
        .ok_or("dist/index.html: a broken link")?;
    let end = at
        + index[at..]
            .find('>')
            .ok_or("dist/index.html: an unclosed link")?
        + 1;
    Ok(&index[start..end])
}

/// Replaces Trunk's loader in `dist/index.html` with [`LOADER`].
pub fn install() -> Result<(), String> {
    let path = root().join("dist/index.html");
    let mut index = String::from_utf8(read(&path)?).map_err(|e| format!("dist/index.html: {e}"))?;
    let glue = crate::dist::find("ict-index-", ".js")?;
    let wasm = crate::dist::find("ict-index-", "_bg.wasm")?;
    let glue_sri = attribute(link_to(&index, &glue)?, "integrity")?.to_string();
    let wasm_sri = attribute(link_to(&index, &wasm)?, "integrity")?.to_string();
    let open = "<script type=\"module\">";
    let (start, end) = crate::dist::script_span(&index, open)?;
    if !index[start..end].contains(&format!("module_or_path: './{wasm}'")) {
        return Err("dist/index.html: unexpected Trunk loader".into());
    }
    let loader = LOADER
        .replace("{GLUE}", &glue)
        .replace("{GLUE_SRI}", &glue_sri)
        .replace("{WASM}", &wasm)
        .replace("{WASM_SRI}", &wasm_sri);
    index.replace_range(start..end, &format!("{open}\n{loader}</script>"));
    write(&path, index.as_bytes())
}
