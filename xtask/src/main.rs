//! Build tasks of the workspace that cargo alone cannot do.
//!
//! `cargo run -p xtask -- web [--release]` builds the web app: it compiles `frontend/` for
//! `wasm32-unknown-unknown`, binds it with the wasm-bindgen library (the same version as the
//! `wasm-bindgen` crate, through the shared `Cargo.lock`, so glue and wasm always fit), and
//! writes `frontend/dist/` — `index.html`, the JS glue, the `.wasm` and the stylesheet — ready
//! for `verbund serve` to serve at `/`. Beside it goes GraphiQL, bundled from npm packages into
//! `frontend/dist/graphiql/` (see [`graphiql`]; this needs npm). It prints the sizes and, for
//! `--release`, fails when the compressed wasm outgrows its budget.

mod graphiql;

use std::{
    env,
    ffi::OsString,
    fs,
    io::{BufRead, BufReader, Write},
    path::{Path, PathBuf},
    process::{Command, ExitCode, Stdio},
};

use anyhow::{Context, Result, bail};
use flate2::{Compression, write::GzEncoder};
use wasm_bindgen_cli_support::Bindgen;

/// The most the release wasm may weigh after gzip. Staff open the app on municipal networks
/// that are not always fast; past this, the first page takes too long to appear. It was
/// 250 kB until the app had a form for every kind of change the API offers and the domain's
/// check messages in German as well (254.7 kB), and 260 kB until it had the search over the
/// whole register, the organisation tree and choice boxes that search as one types (273.5 kB),
/// and 280 kB until a form for every change the API offers was complete: deleting a record,
/// a source's page, a contract's reminder days and the persisted operations (280.1 kB), and
/// 285 kB until editors could import a file in the app, checked first and then confirmed
/// (286.4 kB).
/// Binaryen's `wasm-opt -Oz` makes the wasm smaller, but larger after gzip (tried with
/// binaryen 132: 254.1 → 271.1 kB), so it is not used. The dashboard's test still holds its
/// first render with data under a second.
const GZIP_BUDGET_BYTES: usize = 290 * 1000;

const USAGE: &str = "\
usage: cargo run -p xtask -- <task>

tasks:
  web [--release]   build the web app and GraphiQL into frontend/dist (GraphiQL needs npm)
                    (--release: profile wasm-release, and the size budget is enforced)

environment:
  XTASK_KEEP_NAMES=1  keep function names in the release wasm, to see what takes room";

fn main() -> ExitCode {
    match run(env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<()> {
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("web") => {
            let mut release = false;
            for arg in args {
                match arg.as_str() {
                    "--release" | "-r" => release = true,
                    other => bail!("unknown option for `web`: {other}\n\n{USAGE}"),
                }
            }
            web(release)
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown task: {other}\n\n{USAGE}"),
        None => bail!("no task given\n\n{USAGE}"),
    }
}

/// The workspace root: xtask lives one level below it.
/// The checkout to build: the one `cargo run` runs in, which names this package's directory
/// in `CARGO_MANIFEST_DIR`. The directory compiled in is that of the checkout that built this
/// binary: another one, when checkouts share a target directory and cargo found the binary
/// up to date.
fn workspace_root() -> Result<PathBuf> {
    let manifest = env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest
        .parent()
        .map(Path::to_path_buf)
        .context("xtask has no parent directory")
}

fn web(release: bool) -> Result<()> {
    let root = workspace_root()?;
    let frontend = root.join("frontend");
    let dist = frontend.join("dist");
    graphiql::require_npm()?;

    let wasm = build_wasm(&root, release)?;
    let wasm_bytes = fs::read(&wasm).with_context(|| format!("reading {}", wasm.display()))?;
    // Content-addressed names: a browser may cache them for ever, and a new build can never
    // meet an old glue file or stylesheet in a cache.
    let stem = format!("app-{}", short_hash(&wasm_bytes));

    if dist.exists() {
        fs::remove_dir_all(&dist).with_context(|| format!("removing {}", dist.display()))?;
    }
    fs::create_dir_all(&dist).with_context(|| format!("creating {}", dist.display()))?;

    Bindgen::new()
        .input_path(&wasm)
        .out_name(&stem)
        .web(true)?
        .typescript(false)
        // Function names help in a debugger, not in production, where they weigh the most.
        .remove_name_section(release && env::var_os("XTASK_KEEP_NAMES").is_none())
        .remove_producers_section(release)
        // Keeps the default wasm URL in `init()`, next to the glue; without it the page
        // fails with "WebAssembly.instantiate(): Argument 0 must be a buffer source".
        .omit_default_module_path(false)
        .generate(&dist)
        .context("running wasm-bindgen")?;

    let css = fs::read(frontend.join("style.css")).context("reading frontend/style.css")?;
    let css_name = format!("style-{}.css", short_hash(&css));
    fs::write(dist.join(&css_name), &css).context("writing the stylesheet")?;

    let js_name = format!("{stem}.js");
    let wasm_name = format!("{stem}_bg.wasm");
    // The boot script is a file of its own, so the page's Content-Security-Policy allows no
    // inline script.
    let boot_template =
        fs::read_to_string(frontend.join("boot.js")).context("reading frontend/boot.js")?;
    let boot = render(
        &boot_template,
        "frontend/boot.js",
        &[("{{script}}", &js_name), ("{{wasm}}", &wasm_name)],
    )?;
    let boot_name = format!("boot-{}.js", short_hash(boot.as_bytes()));
    fs::write(dist.join(&boot_name), &boot).context("writing the boot script")?;
    let template =
        fs::read_to_string(frontend.join("index.html")).context("reading frontend/index.html")?;
    let index = render(
        &template,
        "frontend/index.html",
        &[
            ("{{script}}", &js_name),
            ("{{wasm}}", &wasm_name),
            ("{{stylesheet}}", &css_name),
            ("{{boot}}", &boot_name),
        ],
    )?;
    fs::write(dist.join("index.html"), index).context("writing index.html")?;

    let graphiql = graphiql::build(&frontend, &dist)?;
    let mut files = vec![
        wasm_name.clone(),
        js_name,
        css_name,
        boot_name,
        "index.html".to_owned(),
    ];
    files.extend(files_in(&dist, &graphiql)?);
    report_sizes(&dist, &files, &wasm_name, release)
}

/// The files in `dir`, by name, as paths relative to `dist`.
fn files_in(dist: &Path, dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let path = entry?.path();
        if path.is_file() {
            let relative = path.strip_prefix(dist).unwrap_or(&path);
            files.push(relative.to_string_lossy().into_owned());
        }
    }
    files.sort();
    Ok(files)
}

/// Compiles the frontend for the browser and returns the path of its `.wasm`, as cargo
/// reports it (so a `CARGO_TARGET_DIR` elsewhere is found too).
fn build_wasm(root: &Path, release: bool) -> Result<PathBuf> {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut command = Command::new(cargo);
    command
        .current_dir(root)
        .args([
            "build",
            "--package",
            "verbund-frontend",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--message-format=json-render-diagnostics",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if release {
        command.args(["--profile", "wasm-release"]);
    }
    println!(
        "xtask: building the web app ({})",
        if release { "wasm-release" } else { "dev" }
    );
    let mut child = command.spawn().context("starting cargo")?;
    let stdout = child.stdout.take().context("cargo has no stdout")?;

    let mut wasm = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.context("reading cargo's output")?;
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        if message["reason"] != "compiler-artifact"
            || message["target"]["name"] != "verbund_frontend"
        {
            continue;
        }
        let files = message["filenames"].as_array().into_iter().flatten();
        if let Some(file) = files
            .filter_map(serde_json::Value::as_str)
            .find(|file| file.ends_with(".wasm"))
        {
            wasm = Some(PathBuf::from(file));
        }
    }
    let status = child.wait().context("waiting for cargo")?;
    if !status.success() {
        bail!("building the frontend failed ({status})");
    }
    wasm.context("cargo reported no .wasm for verbund-frontend")
}

/// Fills a template's placeholders with the built files' absolute paths, so that deep links
/// such as `/members/…` load them from the root; every placeholder must be in `template`.
fn render(template: &str, name: &str, files: &[(&str, &str)]) -> Result<String> {
    let mut page = template.to_owned();
    for (placeholder, file) in files {
        if !template.contains(placeholder) {
            bail!("{name} lacks the placeholder {placeholder}");
        }
        page = page.replace(placeholder, &format!("/{file}"));
    }
    Ok(page)
}

fn report_sizes(dist: &Path, files: &[String], wasm: &str, release: bool) -> Result<()> {
    let mut wasm_gzip = 0;
    println!("xtask: wrote {}", dist.display());
    for name in files {
        let bytes = fs::read(dist.join(name)).with_context(|| format!("reading {name}"))?;
        let compressed = gzip_len(&bytes)?;
        println!(
            "  {name:<42} {:>9} raw {:>9} gzip",
            kb(bytes.len()),
            kb(compressed)
        );
        if name == wasm {
            wasm_gzip = compressed;
        }
    }
    let budget = kb(GZIP_BUDGET_BYTES);
    if !release {
        println!("xtask: a dev build; the budget of {budget} gzip applies to --release");
    } else if wasm_gzip > GZIP_BUDGET_BYTES {
        bail!(
            "the wasm is {} after gzip, over its budget of {budget}",
            kb(wasm_gzip)
        );
    } else {
        println!(
            "xtask: wasm {} gzip, within the budget of {budget}",
            kb(wasm_gzip)
        );
    }
    Ok(())
}

fn gzip_len(bytes: &[u8]) -> Result<usize> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?.len())
}

/// Bytes in kilobytes (1 kB = 1000 bytes), one decimal.
fn kb(bytes: usize) -> String {
    let tenths = (bytes + 50) / 100;
    format!("{}.{} kB", tenths / 10, tenths % 10)
}

/// 64-bit FNV-1a as 12 hex digits: enough to tell builds apart, not a security measure.
fn short_hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{:012x}", hash >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_gets_absolute_paths() {
        let page = "<link href=\"{{stylesheet}}\"><script src=\"{{script}}\"></script>{{wasm}}";
        let files = [
            ("{{script}}", "app-1.js"),
            ("{{wasm}}", "app-1_bg.wasm"),
            ("{{stylesheet}}", "style-2.css"),
        ];
        let html = render(page, "index.html", &files).unwrap();
        assert_eq!(
            html,
            "<link href=\"/style-2.css\"><script src=\"/app-1.js\"></script>/app-1_bg.wasm"
        );
        assert!(render("<html>", "index.html", &files).is_err());
    }

    #[test]
    fn sizes_and_hashes_read_well() {
        assert_eq!(kb(249_949), "249.9 kB");
        assert_eq!(kb(250_000), "250.0 kB");
        assert_eq!(short_hash(b"a").len(), 12);
        assert_ne!(short_hash(b"a"), short_hash(b"b"));
    }
}
