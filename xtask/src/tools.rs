//! Installs what the build and the tests need, pinned, from crates.io, Debian and npm only
//! (GitHub is unreachable here, so Trunk must never download anything itself). A second run
//! finds everything in place and installs nothing.

use std::path::Path;

use crate::util::{cargo_bin, cmd, output, root, run, step};

pub const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The exact version of a package in Cargo.lock.
pub fn lock_version(package: &str) -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"") {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_string());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}

fn has_version(program: &str, version: &str) -> bool {
    output(cmd(program).arg("--version")).is_some_and(|o| o.contains(version))
}

fn wasm_target() -> Result<(), String> {
    let installed =
        output(cmd("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(cmd("rustup").args(["target", "add", WASM_TARGET]))
}

fn trunk() -> Result<(), String> {
    if has_version("trunk", TRUNK_VERSION) {
        return Ok(());
    }
    // --debug: builds in ~2 min instead of ~6 with Trunk's fat-LTO release profile.
    run(cmd("cargo").args([
        "install",
        "trunk",
        "--version",
        TRUNK_VERSION,
        "--locked",
        "--debug",
    ]))
}

/// wasm-bindgen-cli at exactly the lockfile's wasm-bindgen version. Its own lockfile pins a
/// webpki-roots version this registry lacks, so it is built from its source with that one
/// dependency updated.
fn wasm_bindgen_cli() -> Result<(), String> {
    let version = lock_version("wasm-bindgen")?;
    if has_version("wasm-bindgen", &version) && has_version("wasm-bindgen-test-runner", &version) {
        return Ok(());
    }
    if run(cmd("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &version,
        "--locked",
    ]))
    .is_ok()
    {
        return Ok(());
    }
    let registry = cargo_bin()
        .parent()
        .map(|h| h.join("registry/src"))
        .ok_or("no cargo home")?;
    let src = std::fs::read_dir(&registry)
        .map_err(|e| format!("{}: {e}", registry.display()))?
        .filter_map(Result::ok)
        .map(|d| d.path().join(format!("wasm-bindgen-cli-{version}")))
        .find(|p| p.join("Cargo.toml").exists())
        .ok_or(format!(
            "the source of wasm-bindgen-cli {version} was not downloaded"
        ))?;
    let work = std::env::temp_dir().join(format!("wasm-bindgen-cli-{version}"));
    let _ = std::fs::remove_dir_all(&work);
    run(cmd("cp").arg("-r").arg(&src).arg(&work))?;
    run(cmd("cargo")
        .current_dir(&work)
        .args(["update", "-p", "webpki-roots"]))?;
    run(cmd("cargo")
        .current_dir(&work)
        .args(["install", "--path", ".", "--locked"]))
}

/// npm packages of package.json, at their pinned versions (binaryen's wasm-opt,
/// playwright-core), installed from package-lock.json.
fn npm_packages() -> Result<(), String> {
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("package.json"))
            .map_err(|e| format!("package.json: {e}"))?,
    )
    .map_err(|e| format!("package.json: {e}"))?;
    let wanted = manifest["devDependencies"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let installed = |name: &str| -> Option<String> {
        let text =
            std::fs::read_to_string(root().join("node_modules").join(name).join("package.json"))
                .ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        v["version"].as_str().map(str::to_string)
    };
    if wanted
        .iter()
        .all(|(name, v)| installed(name).as_deref() == v.as_str())
    {
        return Ok(());
    }
    run(cmd("npm").args(["ci", "--no-audit", "--no-fund"]))
}

/// Debian's Chromium and ChromeDriver for the browser tests.
fn chromium() -> Result<(), String> {
    if Path::new("/usr/bin/chromium").exists() && Path::new("/usr/bin/chromedriver").exists() {
        return Ok(());
    }
    run(cmd("apt-get").arg("update"))?;
    run(cmd("apt-get").args([
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
    ]))
}

pub fn ensure_build_tools() -> Result<(), String> {
    step("tools: wasm target", wasm_target)?;
    step(
        "tools: npm packages (wasm-opt, playwright-core)",
        npm_packages,
    )?;
    step("tools: trunk", trunk)?;
    step("tools: wasm-bindgen-cli", wasm_bindgen_cli)
}

pub fn ensure_test_tools() -> Result<(), String> {
    ensure_build_tools()?;
    step("tools: chromium and chromedriver", chromium)
}
