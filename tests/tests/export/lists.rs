//! Each list exports every row the API lists, with its headers, dates and quoting, and with
//! the list's filters.

use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, Set};
use serde_json::Value;
use verbund::entities::{contract, service};
use verbund_tests::{FOUNDERS, TestApp, both, contract_row, day, service_row};

use super::{column, csv, get, ids_of, json, read_csv, sorted};

/// Each export and the query that lists the same records through the API (with `$after`).
pub const LISTS: [(&str, &str, &str); 7] = [
    (
        "members",
        "members",
        "query($after: String) { members(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
    ),
    (
        "organisations",
        "organisations",
        "query($after: String) { organisations(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
    ),
    (
        "contracts",
        "contracts",
        "query($after: String) { contracts(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
    ),
    (
        "services",
        "services",
        "query($after: String) { services(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
    ),
    (
        "coverages",
        "coverages",
        "query($after: String) { coverages(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
    ),
    (
        "deadlines",
        "deadlines",
        "query($after: String) { deadlines(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
    ),
    (
        "audit-log",
        "auditLog",
        "query($after: String) { auditLog(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
    ),
];

both!(every_list_exports_what_the_api_lists, |app| async move {
    for (list, field, query) in LISTS {
        let expected = ids_of(&app, query, field).await;
        let answer = get(&app, &format!("/export/{list}.csv")).await;
        assert_eq!(answer.status, StatusCode::OK, "{list}: {}", answer.body);
        assert!(
            answer
                .disposition
                .starts_with(&format!("attachment; filename=\"{list}-"))
                && answer.disposition.ends_with(".csv\""),
            "{}",
            answer.disposition
        );
        let (headers, rows) = read_csv(&answer.body);
        assert_eq!(headers[0], "ID", "{list}: {headers:?}");
        assert!(rows.iter().all(|row| row.len() == headers.len()), "{list}");
        assert_eq!(sorted(column(&headers, &rows, "ID")), expected, "{list}");
        let objects = json(&app, &format!("/export/{list}.json")).await;
        // The objects' keys in the file's order: the ID first.
        let text = get(&app, &format!("/export/{list}.json")).await.body;
        assert!(
            objects.is_empty() || text.starts_with("[\n{\"id\":"),
            "{list}: {}",
            &text[..text.len().min(80)]
        );
        let found = objects
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(sorted(found), expected, "{list} as JSON");
    }
    // German headers by default, English ones with `lang=en`.
    let (german, _) = csv(&app, "/export/contracts.csv").await;
    let (english, _) = csv(&app, "/export/contracts.csv?lang=en").await;
    for name in [
        "ID",
        "Titel",
        "Wirksam ab",
        "Status",
        "Nächste Kündigungsfrist",
        "Vertragsparteien",
    ] {
        assert!(german.contains(&name.to_owned()), "{name} in {german:?}");
    }
    for name in [
        "id",
        "title",
        "effectiveFrom",
        "status",
        "nextNoticeDeadline",
        "parties",
    ] {
        assert!(english.contains(&name.to_owned()), "{name} in {english:?}");
    }
    assert_eq!(german.len(), english.len());
});

both!(
    texts_are_quoted_and_dates_written_per_language,
    |app| async move {
        service::ActiveModel {
            vendor: Set(Some("=HYPERLINK(\"x\")".to_owned())),
            description: Set(Some("Zeile 1\nZeile 2".to_owned())),
            ..service_row("EXP-1", "Akte; \"Spezial\"")
        }
        .insert(app.db())
        .await
        .unwrap();
        let answer = get(&app, "/export/services.csv?search=EXP-1").await;
        assert!(
            answer.body.contains("\"Akte; \"\"Spezial\"\"\""),
            "{}",
            answer.body
        );
        assert!(answer.body.contains("\r\n"), "lines end with CRLF");
        let (headers, rows) = read_csv(&answer.body);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(column(&headers, &rows, "Name"), ["Akte; \"Spezial\""]);
        assert_eq!(
            column(&headers, &rows, "Beschreibung"),
            ["Zeile 1\nZeile 2"]
        );
        // A text a spreadsheet would run as a formula is not one in the file.
        assert_eq!(
            column(&headers, &rows, "Hersteller"),
            ["'=HYPERLINK(\"x\")"]
        );
        let objects = json(&app, "/export/services.json?search=EXP-1").await;
        assert_eq!(objects[0]["name"], "Akte; \"Spezial\"");
        assert_eq!(objects[0]["vendor"], "=HYPERLINK(\"x\")");

        contract::ActiveModel {
            signed_on: Set(Some(day("2019-12-31"))),
            effective_from: Set(Some(day("2020-03-01"))),
            ..contract_row("Exportvertrag")
        }
        .insert(app.db())
        .await
        .unwrap();
        let (headers, rows) = csv(&app, "/export/contracts.csv?search=Exportvertrag").await;
        assert_eq!(column(&headers, &rows, "Wirksam ab"), ["01.03.2020"]);
        assert_eq!(column(&headers, &rows, "Unterzeichnet am"), ["31.12.2019"]);
        assert_eq!(column(&headers, &rows, "Beendet am"), [""]);
        let (headers, rows) = csv(&app, "/export/contracts.csv?search=Exportvertrag&lang=en").await;
        assert_eq!(column(&headers, &rows, "effectiveFrom"), ["2020-03-01"]);
        let objects = json(&app, "/export/contracts.json?search=Exportvertrag").await;
        assert_eq!(objects.len(), 1);
        assert_eq!(objects[0]["signedOn"], "2019-12-31");
        assert_eq!(objects[0]["endedOn"], Value::Null);
        assert_eq!(objects[0]["status"], "IN_FORCE", "{:#}", objects[0]);
    }
);

/// The names of the organisations an export lists.
async fn names(app: &TestApp, path: &str) -> Vec<String> {
    let (headers, rows) = csv(app, path).await;
    sorted(column(&headers, &rows, "Name"))
}

both!(filters_and_the_day_apply, |app| async move {
    let members_2018 = names(&app, "/export/members.csv?asOf=2018-06-30").await;
    assert_eq!(members_2018.len(), 4, "{members_2018:?}");
    assert!(!members_2018.contains(&"Stadt Grabow".to_owned()));
    assert!(
        names(&app, "/export/members.csv?asOf=2019-06-30")
            .await
            .contains(&"Stadt Grabow".to_owned())
    );
    let founders = names(&app, "/export/members.csv?asOf=2019-06-30&founding=true").await;
    assert_eq!(founders, FOUNDERS);
    assert_eq!(
        names(&app, "/export/members.csv?search=grabow").await,
        ["Stadt Grabow"]
    );
    let one_kind = names(&app, "/export/organisations.csv?kind=AMT,LANDKREIS").await;
    let repeated = names(&app, "/export/organisations.csv?kind=AMT&kind=LANDKREIS").await;
    assert_eq!(one_kind, repeated);
    assert!(!one_kind.is_empty() && !one_kind.contains(&"Stadt Grabow".to_owned()));

    // The contract and coverage lists as the API filters them on a day.
    for (path, field, query) in [
        (
            "/export/contracts.csv?asOf=2017-01-01&status=IN_FORCE",
            "contracts",
            "query($after: String) { contracts(asOf: \"2017-01-01\", filter: {status: [IN_FORCE]}, first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
        ),
        (
            "/export/coverages.csv?asOf=2017-01-01",
            "coverages",
            "query($after: String) { coverages(asOf: \"2017-01-01\", first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
        ),
    ] {
        let expected = ids_of(&app, query, field).await;
        let (headers, rows) = csv(&app, path).await;
        assert_eq!(sorted(column(&headers, &rows, "ID")), expected, "{path}");
        let all = csv(&app, path.split('?').next().unwrap()).await.1;
        assert!(
            rows.len() < all.len(),
            "{path} filters: {} of {}",
            rows.len(),
            all.len()
        );
    }
    let answer = get(&app, "/export/members.csv?asOf=2019-06-30").await;
    assert!(
        answer.disposition.contains("members-2019-06-30.csv"),
        "{}",
        answer.disposition
    );

    // What the lists do not take is refused, naming the parameter.
    for (path, field) in [
        ("/export/members.csv?colour=red", "colour"),
        ("/export/members.csv?asOf=gestern", "asOf"),
        ("/export/contracts.csv?kind=PLANET", "kind"),
        ("/export/coverages.csv?serviceId=nonsense", "serviceId"),
        ("/export/members.csv?lang=fr", "lang"),
    ] {
        let answer = get(&app, path).await;
        assert_eq!(
            answer.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            answer.body
        );
        let body: Value = serde_json::from_str(&answer.body).unwrap();
        assert_eq!(
            body["errors"][0]["extensions"]["field"], field,
            "{path}: {body}"
        );
    }
    let answer = get(&app, "/export/planets.csv").await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
});
