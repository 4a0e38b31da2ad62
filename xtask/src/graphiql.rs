//! GraphiQL's bundle: the small npm project in `frontend/graphiql/` (its versions pinned by
//! `package-lock.json`) bundled by its `build.mjs` into `dist/graphiql/`, which the server
//! serves at `/graphiql`. Packages are installed with `npm ci` only when `node_modules` is
//! missing or the lockfile changed since the last install.

use std::{
    fs,
    io::ErrorKind,
    path::{Path, PathBuf},
    process::Command,
};

use anyhow::{Context, Result, bail};

use crate::short_hash;

/// Written into `node_modules` after an install: the lockfile's hash it was installed from.
const STAMP: &str = ".verbund-lockfile";

/// Installs the packages when needed and bundles GraphiQL into `dist/graphiql/`; returns
/// that folder.
pub fn build(frontend: &Path, dist: &Path) -> Result<PathBuf> {
    let project = frontend.join("graphiql");
    install(&project)?;
    let out = dist.join("graphiql");
    println!("xtask: bundling GraphiQL (frontend/graphiql)");
    let mut bundle = Command::new("node");
    bundle.current_dir(&project).arg("build.mjs").arg(&out);
    run(&mut bundle, "bundling GraphiQL (node build.mjs)")?;
    Ok(out)
}

/// Fails with a clear message when npm is missing (before minutes of building the wasm).
pub fn require_npm() -> Result<()> {
    match Command::new("npm").arg("--version").output() {
        Ok(output) if output.status.success() => Ok(()),
        Ok(output) => bail!(
            "`npm --version` failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        ),
        Err(err) if err.kind() == ErrorKind::NotFound => bail!(
            "npm is missing. The web app's GraphiQL page (frontend/graphiql/) is bundled from npm \
             packages at build time: install Node.js 20 or newer with npm, then run this again."
        ),
        Err(err) => Err(err).context("starting npm"),
    }
}

/// `npm ci` unless `node_modules` holds what the lockfile pins already.
fn install(project: &Path) -> Result<()> {
    let lockfile = project.join("package-lock.json");
    let lock = fs::read(&lockfile).with_context(|| format!("reading {}", lockfile.display()))?;
    let wanted = short_hash(&lock);
    let stamp = project.join("node_modules").join(STAMP);
    if fs::read_to_string(&stamp).is_ok_and(|installed| installed.trim() == wanted) {
        return Ok(());
    }
    println!(
        "xtask: installing GraphiQL's npm packages (npm ci; again only when the lockfile changes)"
    );
    let mut ci = Command::new("npm");
    ci.current_dir(project)
        // No package runs code while it is installed: esbuild finds its binary without.
        .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"]);
    run(&mut ci, "installing GraphiQL's npm packages (npm ci)")?;
    fs::write(&stamp, wanted).with_context(|| format!("writing {}", stamp.display()))
}

fn run(command: &mut Command, what: &str) -> Result<()> {
    let status = command
        .status()
        .with_context(|| format!("starting {what}"))?;
    if !status.success() {
        bail!("{what} failed ({status})");
    }
    Ok(())
}
