//! Running commands, finding the workspace, timing steps.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use base64::Engine;
use sha2::{Digest, Sha384};

/// The workspace root (the folder holding the top-level Cargo.toml).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `~/.cargo/bin` (or `$CARGO_HOME/bin`).
pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"))
        .join("bin")
}

/// PATH with the project's npm tools and cargo's bin first.
pub fn tool_path() -> std::ffi::OsString {
    let mut paths = vec![root().join("node_modules/.bin"), cargo_bin()];
    if let Some(p) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&p));
    }
    std::env::join_paths(paths).unwrap_or_default()
}

/// A command run from the workspace root with the tool PATH.
pub fn cmd(program: &str) -> Command {
    let mut c = Command::new(program);
    c.current_dir(root()).env("PATH", tool_path());
    c
}

/// Runs a command to completion, echoing it; an error names it and its exit status.
pub fn run(c: &mut Command) -> Result<(), String> {
    let shown = std::iter::once(c.get_program())
        .chain(c.get_args())
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    eprintln!("xtask: $ {shown}");
    let status = c
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// The standard output of a command, if it ran and succeeded.
pub fn output(c: &mut Command) -> Option<String> {
    let out = c.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Runs `f` as a named step and reports its duration.
pub fn step<T>(name: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let start = Instant::now();
    eprintln!("xtask: ── {name}");
    let r = f();
    eprintln!(
        "xtask: ── {name}: {} in {:.1} s",
        if r.is_ok() { "ok" } else { "FAILED" },
        start.elapsed().as_secs_f64()
    );
    r
}

/// The SHA-384 of `bytes` in hexadecimal (names of hashed files).
pub fn sha384_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha384::digest(bytes))
}

/// The Subresource Integrity value of `bytes` (`sha384-<base64>`).
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Removes the files of `dir` whose names start with `prefix`, except those in `keep` (the files
/// of an earlier build, once the new ones are in place).
pub fn remove_stale(dir: &Path, prefix: &str, keep: &[&str]) -> Result<(), String> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with(prefix) && !keep.contains(&name.as_ref()) {
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// Puts `meta` (a `<meta name="{name}" …>` element) at the end of the head of `dir/index.html`,
/// replacing an earlier one of that name.
pub fn announce(dir: &Path, name: &str, meta: &str) -> Result<(), String> {
    let index_path = dir.join("index.html");
    let index = String::from_utf8(read(&index_path)?).map_err(|e| format!("index.html: {e}"))?;
    let mut html = match index.find(&format!("<meta name=\"{name}\"")) {
        Some(start) => {
            let end = index[start..]
                .find('>')
                .map(|k| start + k + 1)
                .ok_or(format!("index.html: unclosed meta {name}"))?;
            // The line break written after it goes too.
            let end = end + usize::from(index[end..].starts_with('\n'));
            format!("{}{}", &index[..start], &index[end..])
        }
        None => index,
    };
    let at = html.find("</head>").ok_or("index.html: no </head>")?;
    html.insert_str(at, &format!("{meta}\n"));
    write(&index_path, html.as_bytes())
}

/// gzip -9 size: deflate stream + 18 bytes of gzip header and trailer.
pub fn gzip_len(bytes: &[u8]) -> usize {
    miniz_oxide::deflate::compress_to_vec(bytes, 9).len() + 18
}

/// Where a build step writes (`cargo xtask <step> [DIR]`): DIR, else Trunk's staging folder (the
/// step runs as Trunk's post-build hook), else `dist/`.
pub fn out_dir(args: &[String]) -> PathBuf {
    args.first()
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from))
        .unwrap_or_else(|| root().join("dist"))
}

/// wasm-opt's feature flags for what rustc emits (it rejects the module without them once the
/// features section is gone).
pub const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-reference-types",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-multivalue",
];

/// `wasm-opt -Oz` of `input` (with [`WASM_OPT_FEATURES`] and `features`), cached beside it by
/// the hash of its bytes: a rebuild that changed nothing there costs a second.
pub fn wasm_opt_cached(input: &Path, features: &[&str]) -> Result<Vec<u8>, String> {
    let work = input.parent().ok_or("wasm-opt: input without a folder")?;
    let cached: PathBuf = work.join(format!("opt-{}.wasm", &sha384_hex(&read(input)?)[..16]));
    if !cached.exists() {
        // Written aside and renamed: an interrupted run never leaves a truncated cache entry.
        let partial = work.join("opt.partial.wasm");
        run(cmd("wasm-opt")
            .args(WASM_OPT_FEATURES)
            .args(features)
            .arg("-Oz")
            .arg(input)
            .arg("-o")
            .arg(&partial))?;
        std::fs::rename(&partial, &cached).map_err(|e| format!("{}: {e}", cached.display()))?;
    }
    read(&cached)
}

/// A wasm module built apart from Trunk's build of the app: `cargo build --release` for the wasm
/// target, wasm-bindgen, then `wasm-opt -Oz` (cached).
pub struct WasmModule<'a> {
    /// What `cargo build` builds (`-p …`, `--bin …` or `--lib`, `--features …`).
    pub cargo: &'a [&'a str],
    /// Its own target folder (for other compiler flags), else `target`.
    pub target_dir: Option<&'a str>,
    /// Flags for rustc (`CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS`).
    pub rustflags: Option<&'a str>,
    /// The file cargo writes, in `<target>/wasm32-unknown-unknown/release/`.
    pub artifact: &'a str,
    /// wasm-bindgen's output: `--target …` and what goes with it.
    pub bindgen: &'a [&'a str],
    /// The stem of wasm-bindgen's files (`<stem>.js`, `<stem>_bg.wasm`).
    pub stem: &'a str,
    /// wasm-opt's features besides [`WASM_OPT_FEATURES`].
    pub opt_features: &'a [&'a str],
}

impl WasmModule<'_> {
    /// Builds the module: (glue, optimised wasm).
    pub fn build(&self) -> Result<(Vec<u8>, Vec<u8>), String> {
        let target = root().join(self.target_dir.unwrap_or("target"));
        let mut cargo = cmd("cargo");
        cargo
            .args([
                "build",
                "--quiet",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
            ])
            .args(self.cargo)
            .arg("--target-dir")
            .arg(&target);
        if let Some(flags) = self.rustflags {
            cargo.env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", flags);
        }
        run(&mut cargo)?;
        let work = target.join("bindgen").join(self.stem);
        run(cmd("wasm-bindgen")
            .args(self.bindgen)
            .args(["--no-typescript", "--out-dir"])
            .arg(&work)
            .arg(
                target
                    .join("wasm32-unknown-unknown/release")
                    .join(self.artifact),
            ))?;
        let wasm = wasm_opt_cached(
            &work.join(format!("{}_bg.wasm", self.stem)),
            self.opt_features,
        )?;
        Ok((read(&work.join(format!("{}.js", self.stem)))?, wasm))
    }
}

/// A module's files written under names of their content: `<prefix><hash of the wasm>.js` and
/// `…_bg.wasm`, with their sha384 integrity.
pub struct Placed {
    pub glue: String,
    pub glue_integrity: String,
    pub wasm: String,
    pub wasm_integrity: String,
}

impl Placed {
    /// Writes a module's glue and wasm into `dir`, then removes an earlier build's files (never
    /// before the new ones are in place).
    pub fn write(dir: &Path, prefix: &str, glue: &[u8], wasm: &[u8]) -> Result<Placed, String> {
        let stem = format!("{prefix}{}", &sha384_hex(wasm)[..16]);
        let placed = Placed {
            glue: format!("{stem}.js"),
            glue_integrity: integrity(glue),
            wasm: format!("{stem}_bg.wasm"),
            wasm_integrity: integrity(wasm),
        };
        write(&dir.join(&placed.glue), glue)?;
        write(&dir.join(&placed.wasm), wasm)?;
        remove_stale(dir, prefix, &[&placed.glue, &placed.wasm])?;
        eprintln!(
            "xtask: {stem}: {} B wasm, {} B glue",
            wasm.len(),
            glue.len()
        );
        Ok(placed)
    }
}
