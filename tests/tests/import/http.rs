//! `POST /import`: the import for editors, checked first, then applied as checked.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use reqwest::StatusCode;
use serde_json::{Value, json};
use verbund_tests::{TestApp, both};

use super::{no_organisations, organisations};

const FILE: &str = "\u{feff}Name;Art;Kurzname\r\nAmt Hochladen;AMT;Hochladen\r\nStadt Grabow;AMTSANGEHOERIGE_STADT;Grabow (Elde)\r\n";

/// POSTs `body` to `/import` with the query `query` as `app`'s caller; status and JSON body.
async fn post(app: &TestApp, query: &str, content_type: &str, body: &str) -> (StatusCode, Value) {
    let (status, _, text) = app
        .post_raw(&format!("/import?{query}"), content_type, body)
        .await;
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{status}: {text}"));
    (status, body)
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or("<none>")
}

both!(
    an_editor_checks_a_file_then_applies_what_was_checked,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let (status, checked) = post(&editor, "name=orgs.csv&dryRun=true", "text/csv", FILE).await;
        assert_eq!(status, StatusCode::OK, "{checked:#}");
        assert_eq!(checked["written"], false);
        assert_eq!(
            (&checked["created"], &checked["changed"]),
            (&json!(1), &json!(1))
        );
        assert_eq!(checked["rows"][0]["action"], "CREATE");
        assert_eq!(checked["rows"][0]["label"], "Amt Hochladen");
        assert_eq!(
            checked["rows"][1]["changes"],
            json!([{ "field": "shortName", "name": "shortName", "before": null, "after": "Grabow (Elde)",
                     "beforeName": null, "afterName": null }])
        );
        // For the German app each field is named by its German header.
        let (_, german) = post(
            &editor,
            "name=orgs.csv&dryRun=true&lang=de",
            "text/csv",
            FILE,
        )
        .await;
        assert_eq!(german["rows"][1]["changes"][0]["name"], "Kurzname");
        assert_eq!(german["fingerprint"], checked["fingerprint"]);
        // A reference is named by its record's name beside its global ID.
        let unit = "Name;Art;Übergeordnete Organisation;Zugehörigkeit\r\nBauhof Grabow;EIGENBETRIEB;Amt Grabow;UNIT\r\n";
        let (_, unit) = post(&editor, "dryRun=true&lang=de", "text/csv", unit).await;
        let changes = unit["rows"][0]["changes"].as_array().unwrap();
        let parent = changes.iter().find(|c| c["field"] == "parent").unwrap();
        assert_eq!(parent["name"], "Übergeordnete Organisation");
        assert_eq!(parent["afterName"], "Amt Grabow");
        assert!(
            parent["after"].as_str().unwrap().starts_with("T3Jn"),
            "{parent}"
        );
        assert!(no_organisations(&app, "Hochladen").await);

        // Applied with the check's fingerprint: written, and the history names the import.
        let fingerprint = checked["fingerprint"].as_str().unwrap();
        let (status, done) = post(
            &editor,
            &format!("name=orgs.csv&expect={fingerprint}"),
            "text/csv",
            FILE,
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{done:#}");
        assert_eq!(done["written"], true);
        assert_eq!(
            organisations(&app, "Hochladen").await[0]["shortName"],
            "Hochladen"
        );
        let grabow = app
            .organisation(
                "Stadt Grabow",
                "history(first: 1) { nodes { actor requestId } }",
            )
            .await;
        assert_eq!(
            grabow["history"]["nodes"][0],
            json!({ "actor": "test-editor", "requestId": "import orgs.csv" })
        );
    }
);

both!(
    a_file_checked_before_a_change_is_not_applied_after_it,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let (_, checked) = post(&editor, "dryRun=true", "text/csv", FILE).await;
        let fingerprint = checked["fingerprint"].as_str().unwrap().to_owned();
        // Meanwhile someone changes Stadt Grabow.
        let other = "name;kind;shortName\r\nStadt Grabow;AMTSANGEHOERIGE_STADT;Grabow\r\n";
        let (status, _) = post(&editor, "", "text/csv", other).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) =
            post(&editor, &format!("expect={fingerprint}"), "text/csv", FILE).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body:#}");
        assert_eq!(code(&body), "CONFLICT");
        assert!(no_organisations(&app, "Hochladen").await);
        assert_eq!(
            app.organisation("Stadt Grabow", "shortName").await["shortName"],
            "Grabow"
        );
    }
);

both!(
    only_editors_send_files_and_only_as_csv_or_json,
    |app| async move {
        let (status, body) = post(&app.anonymous(), "dryRun=true", "text/csv", FILE).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED")
        );
        let viewer = app.as_staff("VIEWER").await;
        let (status, body) = post(&viewer, "dryRun=true", "text/csv", FILE).await;
        assert_eq!((status, code(&body)), (StatusCode::FORBIDDEN, "FORBIDDEN"));
        let editor = app.as_staff("EDITOR").await;
        // A form could send text/plain from another site.
        let (status, body) = post(&editor, "dryRun=true", "text/plain", FILE).await;
        assert_eq!(code(&body), "UNSUPPORTED_MEDIA_TYPE", "{status}");
        let (status, body) = post(&editor, "dryRun=maybe", "text/csv", FILE).await;
        assert_eq!(
            (status, code(&body)),
            (StatusCode::BAD_REQUEST, "BAD_REQUEST")
        );
        // A file over the API's 1 MB is taken: the import has a limit of its own.
        let long = format!(
            "code;name;category;description\r\nLANG;Lang;OTHER;{}\r\n",
            "x".repeat(1_500_000)
        );
        let (status, body) = post(&editor, "dryRun=true", "text/csv", &long).await;
        assert_eq!(status, StatusCode::OK, "{body:#}");
        assert_eq!(body["problems"][0]["column"], "description");
        // The problems of a file are its answer, with nothing written.
        let bad = "Name;Art\r\nGemeinde Y;DORF\r\n";
        let json = r#"[{"name": "Gemeinde Y", "kind": "DORF"}]"#;
        let (status, body) = post(&editor, "", "application/json", json).await;
        assert_eq!(status, StatusCode::OK, "{body:#}");
        assert_eq!(body["written"], false);
        assert_eq!(body["problems"][0]["column"], "kind");
        let (_, body) = post(&editor, "", "text/csv", bad).await;
        assert_eq!(body["problems"][0]["line"], 2);
        assert_eq!(body["problems"][0]["column"], "Art");
        // A file over the import's own limit is refused, none of it held beyond the limit; the
        // rest is read and dropped, so the client still sending it gets the answer.
        let big = "Name;Art\r\n".to_owned() + &"Gemeinde X;GEMEINDE\r\n".repeat(450_000);
        let (status, body) = post(&editor, "dryRun=true", "text/csv", &big).await;
        assert_eq!(code(&body), "PAYLOAD_TOO_LARGE", "{status}");
        assert_eq!(
            body["errors"][0]["message"],
            "The file is 9.0 MB, more than the import's 8.0 MB: import it in parts."
        );
    }
);

both!(
    problems_are_said_in_the_language_of_the_app,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        // An empty name, a kind that does not exist, an official key of the wrong form.
        let file = "Name;Art;Amtlicher Schlüssel\r\n;DORF;\r\nGemeinde Z;GEMEINDE;12\r\n";
        let problems = |body: &Value| -> Vec<(Value, Value, String)> {
            body["problems"]
                .as_array()
                .unwrap_or_else(|| panic!("{body:#}"))
                .iter()
                .map(|p| {
                    let message = p["message"].as_str().unwrap_or_default().to_owned();
                    (p["line"].clone(), p["column"].clone(), message)
                })
                .collect()
        };
        let (_, german) = post(&editor, "dryRun=true&lang=de", "text/csv", file).await;
        let (_, english) = post(&editor, "dryRun=true", "text/csv", file).await;
        // What the check found does not depend on the language it is told in.
        assert_eq!(german["fingerprint"], english["fingerprint"]);
        let (german, english) = (problems(&german), problems(&english));
        assert_eq!(german.len(), 3, "{german:?}");
        assert_eq!(
            german[..2],
            [
                (json!(2), json!("Name"), "darf nicht leer sein".to_owned()),
                (
                    json!(2),
                    json!("Art"),
                    "\"DORF\" ist keiner der Werte dieser Spalte".to_owned()
                ),
            ]
        );
        assert_eq!(
            english[..2],
            [
                (json!(2), json!("Name"), "must not be empty".to_owned()),
                (
                    json!(2),
                    json!("Art"),
                    "unknown organisation kind: \"DORF\"".to_owned()
                ),
            ]
        );
        // The register's own check of the record speaks German too.
        assert_eq!(german[2].0, json!(3));
        assert!(
            german[2]
                .2
                .starts_with("ein amtlicher Schlüssel hat 5 Ziffern")
                && english[2].2.starts_with("an official key has 5 digits"),
            "{german:?} {english:?}"
        );
        // And the register's rules for the record as a whole.
        let twice = "Titel;Art;Vertragsparteien\r\nVertrag Z;PUBLIC_LAW_CONTRACT;\"Stadt Lübz (Auftraggeber); Stadt Lübz (Auftragnehmer)\"\r\n";
        let (_, german) = post(&editor, "dryRun=true&lang=de", "text/csv", twice).await;
        let (_, english) = post(&editor, "dryRun=true", "text/csv", twice).await;
        assert_eq!(
            (
                problems(&german)[0].2.as_str(),
                problems(&english)[0].2.as_str()
            ),
            (
                "Eine Organisation ist zweimal als Vertragspartei genannt.",
                "An organisation is named twice as a party."
            )
        );
        // A row's label writes its day as the language does.
        let joins = "Organisation;Beitritt\r\nStadt Grabow;01.07.2030\r\n";
        let (_, german) = post(&editor, "dryRun=true&lang=de", "text/csv", joins).await;
        let (_, english) = post(&editor, "dryRun=true", "text/csv", joins).await;
        assert_eq!(
            (&german["rows"][0]["label"], &english["rows"][0]["label"]),
            (
                &json!("Stadt Grabow · 01.07.2030"),
                &json!("Stadt Grabow · 2030-07-01")
            ),
            "{german:#}"
        );
        // So does reading the file.
        let commas = "Name,Art\r\nGemeinde Z,GEMEINDE\r\n";
        let (_, unread) = post(&editor, "dryRun=true&lang=de", "text/csv", commas).await;
        assert_eq!(
            problems(&unread)[0].2,
            "die Felder sind durch Kommas getrennt: die Dateien des Registers trennen sie durch ;"
        );
        // An empty cell a coverage or membership needs is named by its column.
        let coverage = "Organisation;Leistung;Beginn\r\nStadt Lübz;;01.01.2027\r\n";
        let (_, coverage) = post(&editor, "dryRun=true&lang=de", "text/csv", coverage).await;
        let membership = "Organisation;Beitritt\r\n;01.07.2030\r\n";
        let (_, membership) = post(&editor, "dryRun=true&lang=de", "text/csv", membership).await;
        let empty =
            |column: &str| vec![(json!(2), json!(column), "darf nicht leer sein".to_owned())];
        assert_eq!(problems(&coverage), empty("Leistung"));
        assert_eq!(problems(&membership), empty("Organisation"));
    }
);
