//! Import of organisations, services and coverages from the files the exports write: a dry run
//! that writes nothing, all rows in one transaction through the register's rules, every
//! row's problems with line and column, and an export that imports back unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use sea_orm::{DatabaseConnection, EntityTrait};
use serde_json::{Value, json};
use verbund::entities::{contract, contract_party, coverage, organisation, service, source};
use verbund::register::audit::Actor;
use verbund::register::import::{self, Action, File, Outcome, Run};
use verbund::timing::Timing;
use verbund_tests::{TestApp, TestDatabase, both};

async fn import(app: &TestApp, files: &[(&str, &str)], dry_run: bool) -> Outcome {
    import_into(app.db(), files, dry_run).await
}

async fn import_into(db: &DatabaseConnection, files: &[(&str, &str)], dry_run: bool) -> Outcome {
    let files: Vec<File> = files
        .iter()
        .map(|(name, text)| File {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        })
        .collect();
    let run = Run {
        actor: Actor::system("import test"),
        name: "import test files".to_owned(),
        dry_run,
        timing: Arc::new(Timing::default()),
    };
    let mut last = (0, 0);
    let outcome = import::run(db, &files, &run, &mut |done, total| {
        last = (done, total)
    })
    .await
    .unwrap();
    // Every row was reported done, the last as the last of all.
    assert_eq!(last.0, last.1);
    outcome
}

/// The organisations whose name contains `search`, by name.
async fn organisations(app: &TestApp, search: &str) -> Value {
    app.data(
        "query($search: String) { organisations(first: 50, filter: {search: $search}) {
            nodes { name kind officialKey shortName parentLink parent { name } workstations }
        } }",
        json!({ "search": search }),
    )
    .await["organisations"]["nodes"]
        .clone()
}

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
        assert!(
            organisations(&app, "Importhausen")
                .await
                .as_array()
                .unwrap()
                .is_empty()
        );
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
        assert!(
            organisations(&app, "Amt Gut")
                .await
                .as_array()
                .unwrap()
                .is_empty()
        );

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
    what_the_exports_write_imports_back_unchanged,
    |app| async move {
        for list in [
            "organisations.csv",
            "organisations.json",
            "services.csv?lang=en",
            "services.json",
            "coverages.csv",
            "coverages.json",
        ] {
            let response = app.get_with_headers(&format!("/export/{list}"), &[]).await;
            assert!(response.status().is_success(), "{list}");
            let text = response.text().await.unwrap();
            let name = list.split('?').next().unwrap();
            let outcome = import(&app, &[(name, &text)], false).await;
            assert_eq!(outcome.problems, [], "{list}");
            let (new, changed, same) = outcome.counts();
            let changes: Vec<_> = outcome
                .planned
                .iter()
                .filter(|p| p.action != Action::Same)
                .collect();
            assert_eq!((new, changed), (0, 0), "{list}: {changes:#?}");
            // Every exported row was read and found unchanged.
            let rows = if name.ends_with(".json") {
                serde_json::from_str::<Value>(&text)
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .len()
            } else {
                text.lines().count() - 1
            };
            assert!(rows > 0, "{list}");
            assert_eq!(same, rows, "{list}");
        }
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
        let rows = import::REBUILD_FROM + 10;
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

/// A service agreement with two parties, terms and a renewal, as a German export writes it.
const CONTRACTS: &str = "\u{feff}Nummer;Titel;Art;Unterzeichnet am;Wirksam ab;Erstlaufzeit (Monate);Verlängerung;Verlängerung (Monate);Kündigungsfrist (Monate);Kündigung zum;Vertragsparteien\r\n\
DLV-IMPORT-1;Dienstleistungsvertrag Bauhof;SERVICE_AGREEMENT;15.12.2025;01.01.2026;24;TACIT;12;3;END_OF_TERM;\"Stadt Lübz (Auftraggeber); Kommunalservice Mecklenburg (Auftragnehmer)\"\r\n";

both!(
    contracts_come_with_their_parties_terms_and_notice,
    |app| async move {
        let created = import(&app, &[("contracts.csv", CONTRACTS)], false).await;
        assert_eq!(created.problems, []);
        assert_eq!(created.counts(), (1, 0, 0));
        let id = created.planned[0].id.clone();
        const READ: &str = "query($id: ID!) { node(id: $id) { ... on Contract {
        number status(asOf: \"2026-06-30\") initialTermUntil: currentTermEndsOn(asOf: \"2026-06-30\")
        parties { organisation { name } role }
        history(first: 10) { nodes { operation requestId } }
    } } }";
        let contract = app.data(READ, json!({ "id": id })).await["node"].clone();
        assert_eq!(contract["number"], "DLV-IMPORT-1");
        assert_eq!(contract["status"], "IN_FORCE");
        assert_eq!(
            contract["parties"],
            json!([
                { "organisation": { "name": "Stadt Lübz" }, "role": "Auftraggeber" },
                { "organisation": { "name": "Kommunalservice Mecklenburg" }, "role": "Auftragnehmer" },
            ])
        );
        let operations: Vec<&str> = contract["history"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|entry| entry["operation"].as_str().unwrap())
            .collect();
        assert!(operations.contains(&"createContract"), "{operations:?}");
        assert!(operations.contains(&"addContractParty"), "{operations:?}");

        // The same file again: nothing changes. Then a party leaves, the other's role changes and
        // notice is given: one change of the contract, by the register's rules.
        let again = import(&app, &[("contracts.csv", CONTRACTS)], false).await;
        assert_eq!(again.counts(), (0, 0, 1), "{:?}", again.problems);
        let changed = CONTRACTS
            .replace("Stadt Lübz (Auftraggeber); ", "")
            .replace("(Auftragnehmer)", "(Dienstleister)")
            .replace("Vertragsparteien", "Vertragsparteien;Gekündigt am")
            .replace("(Dienstleister)\"\r\n", "(Dienstleister)\";15.09.2027\r\n");
        let outcome = import(&app, &[("contracts.csv", &changed)], false).await;
        assert_eq!(outcome.problems, []);
        assert_eq!(outcome.counts(), (0, 1, 0));
        let fields: Vec<&str> = outcome.planned[0]
            .changes
            .iter()
            .map(|c| c.field.as_str())
            .collect();
        assert_eq!(fields, ["parties", "noticeGivenOn"]);
        let contract = app.data(READ, json!({ "id": id })).await["node"].clone();
        assert_eq!(
            contract["parties"],
            json!([{ "organisation": { "name": "Kommunalservice Mecklenburg" }, "role": "Dienstleister" }])
        );

        // A notice a file would move, and one on a contract without terms, are refused by name.
        let moved = changed.replace("15.09.2027", "15.10.2027");
        let refused = import(&app, &[("contracts.csv", &moved)], false).await;
        assert_eq!(refused.problems.len(), 1, "{:?}", refused.problems);
        assert_eq!(refused.problems[0].column.as_deref(), Some("Gekündigt am"));
        let no_terms =
            "Titel;Art;Gekündigt am\r\nOhne Laufzeit;COOPERATION_AGREEMENT;01.02.2026\r\n";
        let refused = import(&app, &[("contracts.csv", no_terms)], false).await;
        assert_eq!(refused.problems.len(), 1, "{:?}", refused.problems);
        assert_eq!(refused.problems[0].column.as_deref(), Some("Gekündigt am"));
        assert!(
            refused.problems[0].message.contains("without terms"),
            "{:?}",
            refused.problems
        );
    }
);

/// What a register answers about the importable lists, each record with its references by
/// natural key (two registers give the same records other ids), in order.
async fn answers(db: &DatabaseConnection) -> Vec<String> {
    let sources = source::Entity::find().all(db).await.unwrap();
    let organisations = organisation::Entity::find().all(db).await.unwrap();
    let services = service::Entity::find().all(db).await.unwrap();
    let contracts = contract::Entity::find().all(db).await.unwrap();
    let parties = contract_party::Entity::find().all(db).await.unwrap();
    let coverages = coverage::Entity::find().all(db).await.unwrap();
    let source = |id: Option<i32>| id.map(|id| &sources.iter().find(|s| s.id == id).unwrap().title);
    let org = |id: i32| &organisations.iter().find(|o| o.id == id).unwrap().name;
    let code = |id: i32| &services.iter().find(|s| s.id == id).unwrap().code;
    let deal = |id: i32| {
        let c = contracts.iter().find(|c| c.id == id).unwrap();
        format!("{:?} {}", c.number, c.title)
    };
    let mut out = Vec::new();
    for s in &sources {
        out.push(format!(
            "source {} {:?} {:?} {:?} {:?} {:?}",
            s.title, s.publisher, s.url, s.published_on, s.accessed_on, s.note
        ));
    }
    for o in &organisations {
        out.push(format!(
            "organisation {} {:?} {} {:?} {:?} {:?} {:?}",
            o.name,
            o.short_name,
            o.kind,
            o.official_key,
            o.parent_id.map(org),
            o.parent_link,
            source(o.source_id)
        ));
    }
    for s in &services {
        out.push(format!(
            "service {} {} {} {:?} {:?} {:?}",
            s.code,
            s.name,
            s.category,
            s.vendor,
            s.description,
            source(s.source_id)
        ));
    }
    for c in &contracts {
        let mut roles: Vec<String> = parties
            .iter()
            .filter(|p| p.contract_id == c.id)
            .map(|p| format!("{}={:?}", org(p.organisation_id), p.role))
            .collect();
        roles.sort();
        out.push(format!(
            "contract {} {:?} {} {:?} {:?} {:?} {:?} {} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {roles:?}",
            deal(c.id),
            c.file_reference,
            c.kind,
            c.signed_on,
            c.effective_from,
            c.initial_term_months,
            c.initial_term_until,
            c.renewal,
            c.renewal_months,
            c.notice_months,
            c.notice_to,
            c.decision_months,
            c.notice_given_on,
            c.ended_on,
            source(c.source_id)
        ));
    }
    for c in &coverages {
        out.push(format!(
            "coverage {} {} {:?} {} {:?} {:?} {:?} {:?}",
            org(c.organisation_id),
            code(c.service_id),
            c.contract_id.map(deal),
            c.starts_on,
            c.ends_on,
            c.workstations,
            c.users,
            source(c.source_id)
        ));
    }
    out.sort();
    out
}

both!(
    an_export_imports_into_an_empty_register_with_the_same_answers,
    |app| async move {
        let mut files = Vec::new();
        for list in [
            "coverages",
            "contracts",
            "services",
            "organisations",
            "sources",
        ] {
            let response = app
                .get_with_headers(&format!("/export/{list}.csv"), &[])
                .await;
            assert!(response.status().is_success(), "{list}");
            files.push((format!("{list}.csv"), response.text().await.unwrap()));
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let empty = TestDatabase::empty(app.backend()).await.unwrap();
        let db = empty.connect().await;
        verbund::db::migrate(&db).await.unwrap();
        let outcome = import_into(&db, &files, false).await;
        assert_eq!(outcome.problems, []);
        assert!(outcome.written);
        let (new, changed, same) = outcome.counts();
        assert_eq!((changed, same), (0, 0));
        let expected = answers(app.db()).await;
        assert_eq!(new, expected.len());
        assert_eq!(answers(&db).await, expected);
        let today = verbund::register::totals::kept::today();
        let drifts = verbund::register::totals::repair::check(&db, today)
            .await
            .unwrap();
        assert!(drifts.is_empty(), "{drifts:?}");
        drop(db);
        empty.remove().await;
    }
);
