//! Organisations, services and coverages: matching, problems, many rows.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;
use verbund::register::import::{Action, REBUILD_FROM};
use verbund_tests::both;

use super::{import, no_organisations, organisations};

/// Units given before their parent, a change to a seeded town by its official key, a new
/// service and a coverage of the new unit: German headers and dates, as the export writes.
/// The file leaves out the sources: a column left out keeps its value (Grabow keeps its
/// source), an empty cell empties it.
const ORGANISATIONS: &str = "\u{feff}ID;Name;Kurzname;Art;Amtlicher Schlüssel;Übergeordnete Organisation;Zugehörigkeit;Version\r\n\
;Eigenbetrieb Bauhof Importhausen;;EIGENBETRIEB;;Amt Importhausen;UNIT;\r\n\
;Amt Importhausen;Importhausen;AMT;;;;\r\n\
;Stadt Grabow;Grabow (Elde);AMTSANGEHOERIGE_STADT;13076050;Amt Grabow;TERRITORY;\r\n";

const SERVICES: &str = "code;name;category;vendor;description;source\r\n\
IMPORT-BAUHOF;Bauhofsoftware;SPECIALIST_APPLICATION;Anbieter;;\r\n";

const COVERAGES: &str = "Organisation;Leistung;Vertrag;Beginn;Ende;Arbeitsplätze;Nutzer;Quelle\r\n\
Eigenbetrieb Bauhof Importhausen;IMPORT-BAUHOF;;01.01.2026;;7;9;\r\n";

both!(
    a_dry_run_writes_nothing_and_the_import_writes_all,
    |app| async move {
        let files = [
            ("coverages.csv", COVERAGES),
            ("organisations.csv", ORGANISATIONS),
            ("services.csv", SERVICES),
        ];
        let dry = import(&app, &files, true).await;
        assert_eq!(dry.problems, [], "{:#?}", dry.problems);
        assert!(!dry.written);
        assert_eq!(dry.counts(), (4, 1, 0));
        assert!(no_organisations(&app, "Importhausen").await);
        let grabow = dry
            .planned
            .iter()
            .find(|p| p.label == "Stadt Grabow")
            .unwrap();
        assert_eq!(grabow.action, Action::Change);
        assert_eq!(
            grabow
                .changes
                .iter()
                .map(|c| (c.field.as_str(), c.before.as_deref(), c.after.as_deref()))
                .collect::<Vec<_>>(),
            [("shortName", None, Some("Grabow (Elde)"))]
        );
        // The lists go in the order their references need, the unit after its Amt.
        let order: Vec<&str> = dry.planned.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(
            order,
            [
                "Amt Importhausen",
                "Stadt Grabow",
                "Eigenbetrieb Bauhof Importhausen",
                "IMPORT-BAUHOF",
                "Eigenbetrieb Bauhof Importhausen · IMPORT-BAUHOF · 2026-01-01",
            ]
        );

        let done = import(&app, &files, false).await;
        assert_eq!(done.problems, []);
        assert!(done.written);
        assert_eq!(done.counts(), (4, 1, 0));
        assert_eq!(
            organisations(&app, "Importhausen").await,
            json!([
                { "name": "Amt Importhausen", "kind": "AMT", "officialKey": null,
                  "shortName": "Importhausen", "parentLink": null, "parent": null, "workstations": null },
                { "name": "Eigenbetrieb Bauhof Importhausen", "kind": "EIGENBETRIEB", "officialKey": null,
                  "shortName": null, "parentLink": "UNIT", "parent": { "name": "Amt Importhausen" },
                  "workstations": 7 },
            ])
        );
        // Every record has its audit entry, naming the import.
        let history = app
            .organisation(
                "Stadt Grabow",
                "shortName history(first: 1) { nodes { operation actor requestId } }",
            )
            .await;
        assert_eq!(history["shortName"], "Grabow (Elde)");
        assert_eq!(
            history["history"]["nodes"][0],
            json!({ "operation": "updateOrganisation", "actor": "import test", "requestId": "import test files" })
        );

        // The same files again change nothing.
        let again = import(&app, &files, false).await;
        assert_eq!(again.problems, []);
        assert_eq!(again.counts(), (0, 0, 5));
    }
);

both!(
    every_problem_is_named_and_nothing_is_written,
    |app| async move {
        // A row written from Stadt Grabow as it is now; then someone changes Grabow.
        let grabow = app.organisation("Stadt Grabow", "id version").await;
        let (id, version) = (grabow["id"].as_str().unwrap(), &grabow["version"]);
        let changed = import(
            &app,
            &[(
                "grabow.csv",
                "name;kind;shortName\r\nStadt Grabow;AMTSANGEHOERIGE_STADT;Grabow\r\n",
            )],
            false,
        )
        .await;
        assert_eq!(changed.counts(), (0, 1, 0), "{:?}", changed.problems);
        let organisations_csv = format!(
            "ID;Name;Art;Übergeordnete Organisation;Version\r\n\
         ;Zweckverband Import;ZWECKVERBAND;;\r\n\
         ;Gemeinde Import;GEMEINDE;Amt Nirgendwo;\r\n\
         {id};Stadt Grabow;AMTSANGEHOERIGE_STADT;;{version}\r\n\
         ;Amt Gut;AMT;;\r\n"
        );
        let coverages = "organisation;service;startsOn;workstations\r\n\
                     Amt Gut;FIBU-NEU;2026-13-01;viele\r\n";
        let outcome = import(
            &app,
            &[("orgs.csv", &organisations_csv), ("cov.csv", coverages)],
            false,
        )
        .await;
        let problems: Vec<(&str, Option<u64>, Option<&str>)> = outcome
            .problems
            .iter()
            .map(|p| (p.file.as_str(), p.line, p.column.as_deref()))
            .collect();
        assert_eq!(
            problems,
            [
                ("orgs.csv", Some(2), Some("Art")),
                ("orgs.csv", Some(3), Some("Übergeordnete Organisation")),
                ("orgs.csv", Some(4), Some("Version")),
                ("cov.csv", Some(2), Some("service")),
                ("cov.csv", Some(2), Some("startsOn")),
                ("cov.csv", Some(2), Some("workstations")),
            ],
            "{:#?}",
            outcome.problems
        );
        assert!(
            outcome.problems[2].message.contains("changed since"),
            "{:?}",
            outcome.problems[2]
        );
        assert!(!outcome.written);
        // The good row was not written either.
        assert!(no_organisations(&app, "Amt Gut").await);

        // A file whose headers name no list, or a column of none, is refused as a whole.
        let unknown = import(&app, &[("x.csv", "Farbe;Form\r\nrot;rund\r\n")], true).await;
        assert_eq!(unknown.problems.len(), 1);
        assert!(
            unknown.problems[0].message.contains("no list"),
            "{:?}",
            unknown.problems
        );
        let extra = import(
            &app,
            &[("y.csv", "code;name;category;colour\r\nX;Y;OTHER;red\r\n")],
            true,
        )
        .await;
        assert_eq!(extra.problems[0].column.as_deref(), Some("colour"));
    }
);

both!(
    a_long_import_writes_the_kept_totals_afresh,
    |app| async move {
        let before = app.organisation("Stadt Lübz", "workstations").await["workstations"]
            .as_i64()
            .unwrap_or_default();
        // More rows than the import moves the totals for one by one: each a day in 2020, and the
        // last from then on, with 5 workstations.
        let rows = REBUILD_FROM + 10;
        let first = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let mut csv = "organisation;service;startsOn;endsOn;workstations\r\n".to_owned();
        for n in 0..rows {
            let day = first + chrono::Days::new(n as u64);
            let (end, workstations) = if n + 1 == rows {
                (String::new(), 5)
            } else {
                ((day + chrono::Days::new(1)).to_string(), 1)
            };
            csv.push_str(&format!(
                "Stadt Lübz;PERSONALABRECHNUNG;{day};{end};{workstations}\r\n"
            ));
        }
        let outcome = import(&app, &[("many.csv", &csv)], false).await;
        assert_eq!(outcome.problems, []);
        assert_eq!(outcome.counts(), (rows, 0, 0));
        let after = app.organisation("Stadt Lübz", "workstations").await["workstations"]
            .as_i64()
            .unwrap();
        assert_eq!(after, before + 5);
        let today = verbund::register::totals::kept::today();
        let drifts = verbund::register::totals::repair::check(app.db(), today)
            .await
            .unwrap();
        assert!(drifts.is_empty(), "{drifts:?}");
    }
);

both!(
    rows_applied_a_hundred_at_a_time_wait_and_fail_one_by_one,
    |app| async move {
        // 150 municipalities; the 120th names as its parent the 140th, which comes later in the
        // same hundred, and the 130th has a kind no organisation has.
        let mut csv = "name;kind;parent;parentLink\r\n".to_owned();
        for n in 0..150 {
            let row = match n {
                120 => format!("Gemeinde Massen {n:03};EIGENBETRIEB;Gemeinde Massen 140;UNIT"),
                130 => format!("Gemeinde Massen {n:03};DORF;;"),
                _ => format!("Gemeinde Massen {n:03};GEMEINDE;;"),
            };
            csv.push_str(&row);
            csv.push_str("\r\n");
        }
        let refused = import(&app, &[("many.csv", &csv)], true).await;
        let places: Vec<(Option<u64>, Option<&str>)> = refused
            .problems
            .iter()
            .map(|p| (p.line, p.column.as_deref()))
            .collect();
        assert_eq!(places, [(Some(132), Some("kind"))]);
        assert_eq!(refused.counts(), (149, 0, 0));

        let fixed = csv.replace(";DORF;", ";GEMEINDE;");
        let done = import(&app, &[("many.csv", &fixed)], false).await;
        assert_eq!(done.problems, []);
        assert_eq!(done.counts(), (150, 0, 0));
        // Each row became one record, the unit under the municipality it names.
        let planned: std::collections::HashSet<&str> =
            done.planned.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(planned.len(), 150);
        assert_eq!(
            organisations(&app, "Gemeinde Massen 120").await,
            json!([{ "name": "Gemeinde Massen 120", "kind": "EIGENBETRIEB", "officialKey": null,
                 "shortName": null, "parentLink": "UNIT",
                 "parent": { "name": "Gemeinde Massen 140" }, "workstations": null }])
        );
    }
);
