//! The register's mutations end to end: a new contract with its parties, terms, notice and
//! end; a membership joined and left; coverage started and ended; what cannot be deleted;
//! sessions that time out.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use verbund_tests::{Credential, TestApp, both, codes, nodes};

async fn editor(app: &TestApp) -> TestApp {
    app.as_staff("EDITOR").await
}

both!(a_contract_from_draft_to_its_end, |app| async move {
    let editor = editor(&app).await;
    let ksm = app.organisation_id("Kommunalservice Mecklenburg").await;
    let grabow = app.organisation_id("Stadt Grabow").await;
    let data = editor
        .data(
            "mutation($parties: [PartyInput!]!) { createContract(
                input: {title: \"Rahmenvertrag Druckdienste\", kind: SERVICE_AGREEMENT, number: \"RV-7\"},
                parties: $parties) { id version status parties { role organisation { name } } } }",
            json!({ "parties": [{ "organisationId": ksm, "role": "PROVIDER" }, { "organisationId": grabow, "role": "MEMBER" }] }),
        )
        .await;
    let contract = &data["createContract"];
    assert_eq!(contract["status"], "DRAFT");
    assert_eq!(contract["parties"].as_array().unwrap().len(), 2);
    let id = contract["id"].as_str().unwrap().to_owned();

    // Signed and in force: 24 months, renewing by 12 unless notice 3 months before a term ends.
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!) { amendContract(id: $id, version: $v, input: {
                title: \"Rahmenvertrag Druckdienste\", kind: SERVICE_AGREEMENT, number: \"RV-7\",
                signedOn: \"2024-12-01\", effectiveFrom: \"2025-01-01\", initialTermMonths: 24,
                renewal: TACIT, renewalMonths: 12, noticeMonths: 3, noticeTo: END_OF_TERM})
              { version status(asOf: \"2025-06-01\") currentTermEndsOn(asOf: \"2025-06-01\") noticeDeadline(asOf: \"2025-06-01\") } }",
            json!({ "id": id, "v": contract["version"] }),
        )
        .await;
    let amended = &data["amendContract"];
    assert_eq!(amended["status"], "IN_FORCE");
    assert_eq!(amended["currentTermEndsOn"], "2026-12-31");
    assert_eq!(amended["noticeDeadline"], "2026-09-30");

    // Notice on 2026-08-15 ends it with the term.
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!) { giveNotice(id: $id, version: $v, givenOn: \"2026-08-15\")
              { version endsOn status(asOf: \"2026-10-01\") } }",
            json!({ "id": id, "v": amended["version"] }),
        )
        .await;
    let noticed = &data["giveNotice"];
    assert_eq!(noticed["endsOn"], "2026-12-31");
    assert_eq!(noticed["status"], "NOTICE_GIVEN");
    // Notice twice is an input error on the field.
    let body = editor
        .graphql(
            "mutation($id: ID!, $v: Int!) { giveNotice(id: $id, version: $v, givenOn: \"2026-08-16\") { id } }",
            json!({ "id": id, "v": noticed["version"] }),
        )
        .await;
    assert_eq!(codes(&body), ["BAD_USER_INPUT"]);
    assert_eq!(body["errors"][0]["extensions"]["field"], "givenOn");

    // A party leaves the contract; the contract's version moves on.
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!, $org: ID!) { removeContractParty(contractId: $id, version: $v, organisationId: $org)
              { version parties { organisation { name } } } }",
            json!({ "id": id, "v": noticed["version"], "org": grabow }),
        )
        .await;
    let removed = &data["removeContractParty"];
    assert_eq!(removed["parties"].as_array().unwrap().len(), 1);
    assert_eq!(removed["version"], noticed["version"].as_i64().unwrap() + 1);

    // Ended early by agreement.
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!) { endContract(id: $id, version: $v, endedOn: \"2026-10-31\") { endsOn status(asOf: \"2026-11-01\") version } }",
            json!({ "id": id, "v": removed["version"] }),
        )
        .await;
    assert_eq!(data["endContract"]["status"], "ENDED");

    // Nothing rests on it, so it can be deleted; its history stays.
    editor
        .data(
            "mutation($id: ID!, $v: Int!) { deleteContract(id: $id, version: $v) }",
            json!({ "id": id, "v": data["endContract"]["version"] }),
        )
        .await;
    let gone = app
        .data(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(gone["node"], Value::Null);
    let log = app
        .data(
            "query($id: ID!) { auditLog(filter: {recordId: $id}, first: 50) { totalCount nodes { operation } } }",
            json!({ "id": id }),
        )
        .await;
    let operations: Vec<_> = nodes(&log["auditLog"])
        .iter()
        .map(|n| n["operation"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        operations,
        [
            "deleteContract",
            "removeContractParty",
            "endContract",
            "removeContractParty",
            "giveNotice",
            "amendContract",
            "addContractParty",
            "addContractParty",
            "createContract",
        ]
    );
});

both!(memberships_join_and_leave, |app| async move {
    let editor = editor(&app).await;
    let data = editor
        .data(
            "mutation { createOrganisation(input: {name: \"Stadt Boizenburg/Elbe\", kind: AMTSFREIE_STADT, officialKey: \"13076014\"}) { id version } }",
            json!({}),
        )
        .await;
    let town = data["createOrganisation"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let data = editor
        .data(
            "mutation($org: ID!) { joinMembership(input: {organisationId: $org, joinedOn: \"2021-01-01\", capitalShare: \"1500.50\", seats: 1}) { id version capitalShare } }",
            json!({ "org": town }),
        )
        .await;
    let membership = &data["joinMembership"];
    assert_eq!(membership["capitalShare"], "1500.50");
    let count = |as_of: &'static str| {
        let app = app.clone();
        async move {
            app.data(
                "query($d: Date) { members(asOf: $d) { totalCount } }",
                json!({ "d": as_of }),
            )
            .await["members"]["totalCount"]
                .as_i64()
                .unwrap()
        }
    };
    assert_eq!(count("2021-06-30").await, 7);
    // Leaving before joining is refused on the field.
    let body = editor
        .graphql(
            "mutation($id: ID!, $v: Int!) { leaveMembership(id: $id, version: $v, leftOn: \"2020-12-31\") { id } }",
            json!({ "id": membership["id"], "v": membership["version"] }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["field"], "leftOn");
    editor
        .data(
            "mutation($id: ID!, $v: Int!) { leaveMembership(id: $id, version: $v, leftOn: \"2023-12-31\") { leftOn } }",
            json!({ "id": membership["id"], "v": membership["version"] }),
        )
        .await;
    assert_eq!(count("2023-12-31").await, 7);
    assert_eq!(count("2024-01-01").await, 6);

    // The organisation has a membership: it cannot be deleted.
    let body = editor
        .graphql(
            "mutation($id: ID!) { deleteOrganisation(id: $id, version: 1) }",
            json!({ "id": town }),
        )
        .await;
    assert_eq!(codes(&body), ["CONFLICT"]);
});

both!(coverage_starts_and_ends, |app| async move {
    let editor = editor(&app).await;
    let grabow = app.organisation_id("Stadt Grabow").await;
    let data = editor
        .data(
            "mutation { createService(input: {code: \"DMS\", name: \"Dokumentenmanagement\", category: SPECIALIST_APPLICATION, vendor: \"Beispiel GmbH\"}) { id } }",
            json!({}),
        )
        .await;
    let service = data["createService"]["id"].as_str().unwrap().to_owned();
    let data = editor
        .data(
            "mutation($org: ID!, $svc: ID!) { createCoverage(input: {organisationId: $org, serviceId: $svc, startsOn: \"2022-01-01\", workstations: 12}) { id version } }",
            json!({ "org": grabow, "svc": service }),
        )
        .await;
    let coverage = &data["createCoverage"];
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!) { endCoverage(id: $id, version: $v, endsOn: \"2023-06-30\") { isActive(asOf: \"2023-07-01\") endsOn } }",
            json!({ "id": coverage["id"], "v": coverage["version"] }),
        )
        .await;
    assert_eq!(data["endCoverage"]["isActive"], false);
    // A service somebody received cannot be deleted.
    let body = editor
        .graphql(
            "mutation($id: ID!) { deleteService(id: $id, version: 1) }",
            json!({ "id": service }),
        )
        .await;
    assert_eq!(codes(&body), ["CONFLICT"]);
    // A source records cite cannot be deleted either (the database refuses it).
    let data = app
        .data(
            "{ members(first: 1) { nodes { source { id version } } } }",
            json!({}),
        )
        .await;
    let cited = &nodes(&data["members"])[0]["source"];
    let body = editor
        .graphql(
            "mutation($id: ID!, $v: Int!) { deleteSource(id: $id, version: $v) }",
            json!({ "id": cited["id"], "v": cited["version"] }),
        )
        .await;
    assert_eq!(codes(&body), ["CONFLICT"], "{body}");
});

/// Moves a session's clock: `column` (`last_seen_at` or `expires_at`) set `hours` from now.
async fn age_sessions(app: &TestApp, column: &str, hours: i64) {
    let when = chrono::Utc::now() + chrono::Duration::hours(hours);
    let backend = app.db().get_database_backend();
    app.db()
        .execute_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                sea_orm::DbBackend::Postgres => format!("UPDATE sessions SET {column} = $1"),
                _ => format!("UPDATE sessions SET {column} = ?"),
            },
            [when.into()],
        ))
        .await
        .unwrap();
}

both!(sessions_end_when_idle_or_old, |app| async move {
    let Credential::Session(_) = app.staff_session("idle", "VIEWER").await else {
        unreachable!()
    };
    let viewer = app.as_staff("VIEWER").await;
    assert_eq!(
        viewer.data("{ me { name } }", json!({})).await["me"]["name"],
        "test-viewer"
    );
    // Idle for two hours: over.
    age_sessions(&app, "last_seen_at", -2).await;
    assert_eq!(
        viewer.data("{ me { name } }", json!({})).await["me"],
        Value::Null
    );
    // Busy, but past the absolute limit: over too.
    let viewer = app.as_staff("VIEWER").await;
    age_sessions(&app, "expires_at", -1).await;
    assert_eq!(
        viewer.data("{ me { name } }", json!({})).await["me"],
        Value::Null
    );
});

both!(every_record_has_a_history, |app| async move {
    let data = app
        .data(
            "{ organisations(first: 20) { nodes { history(first: 1) { totalCount }
                 people { history(first: 1) { totalCount } } figures { history(first: 1) { totalCount } }
                 memberships { history(first: 1) { totalCount } source { history(first: 1) { totalCount } } } } } }",
            json!({}),
        )
        .await;
    let organisations = nodes(&data["organisations"]);
    assert!(
        organisations
            .iter()
            .any(|o| !o["people"].as_array().unwrap().is_empty())
    );
    assert!(
        organisations
            .iter()
            .any(|o| !o["figures"].as_array().unwrap().is_empty())
    );
    // The seed is loaded outside any account: no history yet, but the connection is there.
    for organisation in organisations {
        assert_eq!(organisation["history"]["totalCount"], 0);
    }
});
