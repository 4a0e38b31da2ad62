//! `verbund report … --out FILE.pdf`: each report printed by Chromium, its text and page count
//! read back with `pdftotext` and `pdfinfo` (Debian's poppler-utils, which `scripts/setup`
//! installs with Chromium). Without either the test says so loudly and checks nothing more.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use sea_orm::ActiveModelTrait;
use verbund::config::{ReportPrint, ReportWhat};
use verbund_tests::{TestApp, both, organisation_row};

/// Whether `program` runs.
fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|out| out.status.success())
}

/// Whether the tools are there; says loudly what is missing.
fn tools_present() -> bool {
    let chromium = verbund::report::pdf::find_chromium(None).is_ok();
    let poppler = runs("pdfinfo", "-v") && runs("pdftotext", "-v");
    if !chromium || !poppler {
        eprintln!(
            "\n*** SKIPPED: printing reports to PDF needs Chromium ({}) and poppler-utils' \
             pdftotext and pdfinfo ({}); scripts/setup installs both ***\n",
            if chromium { "found" } else { "missing" },
            if poppler { "found" } else { "missing" },
        );
    }
    chromium && poppler
}

/// The number of pages `pdfinfo` reads in `pdf`.
fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    assert!(out.status.success(), "pdfinfo {}", pdf.display());
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count: {text}"))
}

/// The text `pdftotext` reads in `pdf`, in reading order, pages separated by form feeds.
fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "pdftotext {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

/// Prints `what` to `out` as the app's admin, in German; how long it took.
async fn print(app: &TestApp, what: ReportWhat, out: &Path) -> std::time::Duration {
    let started = Instant::now();
    verbund::cli::report(
        app.db(),
        what,
        ReportPrint {
            out: Some(out.to_owned()),
            as_account: Some("test-admin".to_owned()),
            lang: verbund_shared::Lang::De,
            chromium: None,
        },
    )
    .await
    .unwrap_or_else(|err| panic!("printing {}: {err:#}", out.display()));
    started.elapsed()
}

/// Checks the printed `pdf`: each of `expected` in its text, each page numbered `n / pages`
/// with the day and the account that printed it; answers the page count.
fn check(pdf: &Path, expected: &[&str]) -> usize {
    let count = pages(pdf);
    let text = text(pdf);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for wanted in expected {
        assert!(
            flat.contains(wanted),
            "{wanted:?} not in {}: {flat}",
            pdf.display()
        );
    }
    let sheets: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(sheets.len(), count, "{}", pdf.display());
    for (n, sheet) in sheets.iter().enumerate() {
        let flat = sheet.split_whitespace().collect::<Vec<_>>().join(" ");
        // The page number as `n / pages` (the text extraction may drop the spaces).
        let packed: String = sheet.split_whitespace().collect();
        assert!(
            packed.contains(&format!("{}/{count}", n + 1)),
            "page {} of {}: {flat}",
            n + 1,
            pdf.display()
        );
        assert!(flat.contains("Gedruckt am"), "page {}: {flat}", n + 1);
        assert!(flat.contains("von test-admin"), "page {}: {flat}", n + 1);
    }
    count
}

/// Prints `what` to the file `name` in `dir` and checks it as [`check`] does; says how many
/// pages the `report` has and how long printing took, and answers the page count.
async fn printed(
    app: &TestApp,
    dir: &Path,
    name: &str,
    what: ReportWhat,
    expected: &[&str],
    report: &str,
) -> usize {
    let pdf = dir.join(name);
    let took = print(app, what, &pdf).await;
    let count = check(&pdf, expected);
    eprintln!("{report}: {count} pages in {took:?}");
    count
}

/// A directory of the test `name`'s own.
fn scratch(app: &TestApp, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "verbund-report-{name}-{}-{:?}",
        std::process::id(),
        app.backend()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

both!(each_report_prints_to_pdf, |app| async move {
    if !tools_present() {
        return;
    }
    let dir = scratch(&app, "print");
    // A member with many people, so its dossier runs over several pages.
    let org = organisation_row("Amt Seitenreich", "AMT")
        .insert(app.db())
        .await
        .unwrap();
    for n in 0..90 {
        crate::person(&app, org.id, &format!("Person {n:02}"), "Sachbearbeitung").await;
    }

    printed(
        &app,
        &dir,
        "grabow.pdf",
        ReportWhat::Member {
            member: "Stadt Grabow".to_owned(),
            as_of: Some(verbund_tests::day("2024-06-30")),
        },
        &[
            "Mitgliedsakte: Stadt Grabow",
            "Stand 30.06.2024",
            "Mitgliedschaft",
            "Quellen",
        ],
        "member dossier (Stadt Grabow)",
    )
    .await;

    let count = printed(
        &app,
        &dir,
        "long.pdf",
        ReportWhat::Member {
            member: "Amt Seitenreich".to_owned(),
            as_of: None,
        },
        &["Amt Seitenreich", "Person 00", "Person 89"],
        "member dossier (90 people)",
    )
    .await;
    assert!(count >= 2, "90 people on {count} page(s)");

    printed(
        &app,
        &dir,
        "coverage.pdf",
        ReportWhat::Coverage {
            as_of: Some(verbund_tests::day("2024-06-30")),
        },
        &["Leistungsmatrix", "Stand 30.06.2024", "Stadt Grabow"],
        "coverage matrix",
    )
    .await;

    app.contract_with_deadline("Betrieb Fachverfahren Grabow", "Stadt Grabow")
        .await;
    printed(
        &app,
        &dir,
        "deadlines.pdf",
        ReportWhat::Deadlines {
            from: Some(verbund_tests::day("2024-01-01")),
            to: Some(verbund_tests::day("2030-12-31")),
        },
        &[
            "Fristenbericht",
            "01.01.2024",
            "31.12.2030",
            "Betrieb Fachverfahren Grabow",
        ],
        "deadline report",
    )
    .await;

    // HTML is written as it is, the same document the server answers.
    let html = dir.join("coverage.html");
    print(&app, ReportWhat::Coverage { as_of: None }, &html).await;
    let written = std::fs::read_to_string(&html).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>") && written.contains("Leistungsmatrix"));
    let _ = std::fs::remove_dir_all(&dir);
});

both!(
    the_command_line_refuses_what_it_cannot_print,
    |app| async move {
        let dir = scratch(&app, "refuse");
        let print = |out: &str, chromium: Option<&str>, as_account: Option<&str>| ReportPrint {
            out: Some(dir.join(out)),
            as_account: as_account.map(str::to_owned),
            lang: verbund_shared::Lang::De,
            chromium: chromium.map(PathBuf::from),
        };
        let coverage = || ReportWhat::Coverage { as_of: None };
        let err = verbund::cli::report(
            app.db(),
            coverage(),
            print("x.pdf", Some("/nonexistent/chromium"), None),
        )
        .await
        .unwrap_err();
        assert!(err.to_string().contains("--chromium"), "{err}");
        let err = verbund::cli::report(app.db(), coverage(), print("x.txt", None, None))
            .await
            .unwrap_err();
        assert!(err.to_string().contains(".pdf or .html"), "{err}");
        let err = verbund::cli::report(app.db(), coverage(), print("x.html", None, Some("nobody")))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("No account"), "{err}");
        // Without --as, the system user prints, and sees everything.
        verbund::cli::report(app.db(), coverage(), print("x.html", None, None))
            .await
            .unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }
);
