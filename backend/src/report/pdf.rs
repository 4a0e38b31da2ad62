//! Printing a report to PDF with a headless Chromium: the document is written to a
//! directory of its own, Chromium prints it with the report's own page margins (its own
//! header and footer off), and the directory is removed again.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};

/// The longest a print may take.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// The Chromium to print with: `given`, else `/usr/bin/chromium`, else the first of the
/// usual names found on `PATH`.
pub fn find_chromium(given: Option<&Path>) -> anyhow::Result<PathBuf> {
    if let Some(given) = given {
        if given.is_file() {
            return Ok(given.to_owned());
        }
        bail!("--chromium {}: no such file", given.display());
    }
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.is_file() {
        return Ok(fixed.to_owned());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    bail!(
        "printing to PDF needs Chromium, and none was found (not at /usr/bin/chromium nor on PATH); \
         install it, name it with --chromium PATH, or write HTML with --out FILE.html"
    )
}

/// Prints `html` to the PDF file `out` with `chromium`.
pub fn print(chromium: &Path, html: &str, out: &Path) -> anyhow::Result<()> {
    let dir = scratch_dir()?;
    let result = print_in(&dir, chromium, html, out);
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// A new directory of this process's own under the system's temporary directory.
fn scratch_dir() -> anyhow::Result<PathBuf> {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("verbund-report-{}-{nanos}", std::process::id()));
    std::fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    Ok(dir)
}

fn print_in(dir: &Path, chromium: &Path, html: &str, out: &Path) -> anyhow::Result<()> {
    let page = dir.join("report.html");
    std::fs::write(&page, html).with_context(|| format!("cannot write {}", page.display()))?;
    let out = std::path::absolute(out).with_context(|| format!("{}", out.display()))?;
    let _ = std::fs::remove_file(&out);
    let mut command = Command::new(chromium);
    command
        .arg("--headless")
        .arg("--disable-gpu")
        .arg("--no-first-run")
        .arg("--no-default-browser-check")
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg("--no-pdf-header-footer")
        .arg(format!("--print-to-pdf={}", out.display()));
    if running_as_root() {
        // Chromium refuses to start its sandbox for root; the page it prints is ours and
        // runs no script.
        command.arg("--no-sandbox");
    }
    command
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("chromium.log"))?);
    let mut child = command
        .spawn()
        .with_context(|| format!("cannot start {}", chromium.display()))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "Chromium took longer than {} s to print",
                TIME_LIMIT.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    if !status.success() || !out.is_file() {
        let stderr = std::fs::read_to_string(dir.join("chromium.log")).unwrap_or_default();
        let last: Vec<&str> = stderr.lines().rev().take(5).collect();
        bail!(
            "Chromium did not print the report ({status}): {}",
            last.into_iter().rev().collect::<Vec<_>>().join(" | ")
        );
    }
    Ok(())
}

/// Whether this process runs as root (Chromium's sandbox refuses root).
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt as _;
    std::fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}
