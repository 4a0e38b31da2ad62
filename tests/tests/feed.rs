//! The change feed: partner systems follow the register's changes with a cursor of their own,
//! in commit order, each change once, and see only what their scopes and member allow.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use verbund_tests::{TestApp, both, codes};

const FEED: &str = "query($after: String, $first: Int, $types: [String!]) {
    changes(after: $after, first: $first, types: $types) {
        edges { cursor node { recordType recordId operation version deleted at actor } }
        pageInfo { hasNextPage endCursor }
    }
}";

/// One page of the feed as `app`'s caller sees it.
async fn page(app: &TestApp, after: &Value, first: Option<i64>, types: Value) -> Value {
    let data = app
        .data(
            FEED,
            json!({ "after": after, "first": first, "types": types }),
        )
        .await;
    data["changes"].clone()
}

/// Every change after `after`, read page by page with `first`; the nodes and the last cursor.
async fn read_all(app: &TestApp, mut after: Value, first: i64) -> (Vec<Value>, Value) {
    let mut seen = Vec::new();
    loop {
        let page = page(app, &after, Some(first), Value::Null).await;
        let edges = page["edges"].as_array().unwrap().clone();
        if let Some(last) = edges.last() {
            after = last["cursor"].clone();
        }
        seen.extend(edges.into_iter().map(|edge| edge["node"].clone()));
        if page["pageInfo"]["hasNextPage"] != true {
            return (seen, after);
        }
    }
}

/// The end of the feed as the app's caller sees it now (null for an empty feed).
async fn end(app: &TestApp) -> Value {
    read_all(app, Value::Null, 100).await.1
}

async fn rename_first_service_twice(app: &TestApp) -> String {
    let (id, version) = app.first_service().await;
    let body = app.rename_service(&id, version, "Betrieb I").await;
    assert!(body["errors"].is_null(), "{body:#}");
    let body = app.rename_service(&id, version + 1, "Betrieb II").await;
    assert!(body["errors"].is_null(), "{body:#}");
    id
}

/// Records that the member named `name` leaves at the end of 2030 (a change to its first
/// membership).
async fn leave(app: &TestApp, name: &str) {
    let member = app.organisation(name, "memberships { id version }").await;
    let membership = &member["memberships"][0];
    let body = app
        .graphql(
            "mutation($id: ID!, $version: Int!) {
                leaveMembership(id: $id, version: $version, leftOn: \"2030-12-31\") { version }
            }",
            json!({ "id": membership["id"], "version": membership["version"] }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body:#}");
}

both!(changes_are_read_once_with_a_cursor, |app| async move {
    let start = end(&app).await;
    let service = rename_first_service_twice(&app).await;

    let (changes, cursor) = read_all(&app, start.clone(), 1).await;
    assert_eq!(changes.len(), 2, "{changes:#?}");
    for (change, version) in changes.iter().zip([2, 3]) {
        assert_eq!(change["recordType"], "Service");
        assert_eq!(change["recordId"], service.as_str());
        assert_eq!(change["operation"], "updateService");
        assert_eq!(change["version"], version);
        assert_eq!(change["deleted"], false);
        assert!(change["actor"].is_string(), "staff see who: {change}");
    }
    // Nothing new after the last cursor: an empty page, and no page after it.
    let rest = page(&app, &cursor, None, Value::Null).await;
    assert_eq!(rest["edges"], json!([]));
    assert_eq!(rest["pageInfo"]["hasNextPage"], false);

    // A later change is the only one after the cursor kept.
    let created = app
        .data(
            "mutation { createSource(input: {title: \"Amtsblatt 1/2021\"}) { id } }",
            json!({}),
        )
        .await;
    let (changes, _) = read_all(&app, cursor.clone(), 100).await;
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(changes[0]["recordType"], "Source");
    assert_eq!(changes[0]["recordId"], created["createSource"]["id"]);
    assert_eq!(changes[0]["version"], 1);

    // Narrowed by type.
    let contracts = page(&app, &start, None, json!(["Contract"])).await;
    assert_eq!(contracts["edges"], json!([]));
    let sources = page(&app, &start, None, json!(["Source"])).await;
    assert_eq!(sources["edges"].as_array().unwrap().len(), 1);
});

both!(bad_feed_arguments_are_refused, |app| async move {
    for (variables, field) in [
        (json!({ "after": "bogus" }), "after"),
        (json!({ "first": 0 }), "first"),
        (json!({ "first": 101 }), "first"),
        (json!({ "types": ["Nothing"] }), "types"),
        (json!({ "types": ["User"] }), "types"),
    ] {
        let body = app.graphql(FEED, variables.clone()).await;
        assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{variables}: {body:#}");
        assert!(body.to_string().contains(field), "{variables}: {body:#}");
    }
    let body = app.anonymous().graphql(FEED, json!({})).await;
    assert_eq!(codes(&body), ["UNAUTHENTICATED"], "{body:#}");
});

both!(tokens_follow_what_they_may_read, |app| async move {
    let start = end(&app).await;
    rename_first_service_twice(&app).await;
    // A change to a membership of each of two members.
    for name in ["Stadt Grabow", "Stadt Ludwigslust"] {
        leave(&app, name).await;
    }
    let types = |changes: &[Value]| -> Vec<String> {
        changes
            .iter()
            .map(|c| c["recordType"].as_str().unwrap().to_owned())
            .collect()
    };

    // Members only: the memberships, not the services; never who made them.
    let members = app.as_partner(json!(["MEMBERS_READ"]), None).await;
    let (seen, _) = read_all(&members, start.clone(), 100).await;
    assert_eq!(types(&seen), ["Membership", "Membership"]);
    assert!(seen.iter().all(|c| c["actor"].is_null()), "{seen:#?}");
    let body = members
        .graphql(FEED, json!({ "after": start, "types": ["Service"] }))
        .await;
    assert_eq!(codes(&body), ["FORBIDDEN"], "{body:#}");

    // Limited to Grabow: its own membership and the catalogue, not Ludwigslust's membership.
    let grabow = app
        .as_partner(
            json!(["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"]),
            Some("Stadt Grabow"),
        )
        .await;
    let (seen, _) = read_all(&grabow, start.clone(), 100).await;
    assert_eq!(types(&seen), ["Service", "Service", "Membership"]);
    let grabow_id = app.organisation("Stadt Grabow", "memberships { id }").await;
    assert_eq!(seen[2]["recordId"], grabow_id["memberships"][0]["id"]);
});

/// Records a person at the organisation named `name`.
async fn person_at(app: &TestApp, name: &str, person: &str) {
    let organisation = app.organisation_id(name).await;
    app.data(
        "mutation($input: PersonInput!) { createPerson(input: $input) { id } }",
        json!({ "input": { "organisationId": organisation, "name": person, "role": "Amtsleiter" } }),
    )
    .await;
}

both!(
    a_members_changes_of_every_kind_come_in_commit_order_whatever_the_page,
    |app| async move {
        // Changes of several kinds, the member's and another's, interleaved.
        let start = end(&app).await;
        let (service, version) = app.first_service().await;
        app.rename_service(&service, version, "Betrieb I").await;
        person_at(&app, "Stadt Grabow", "Erste Person").await;
        person_at(&app, "Stadt Ludwigslust", "Andere Person").await;
        app.rename_service(&service, version + 1, "Betrieb II")
            .await;
        leave(&app, "Stadt Grabow").await;
        person_at(&app, "Stadt Ludwigslust", "Noch eine andere Person").await;
        person_at(&app, "Stadt Grabow", "Zweite Person").await;

        let token = app
            .as_partner(
                json!(["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"]),
                Some("Stadt Grabow"),
            )
            .await;
        let kinds = |changes: &[Value]| -> Vec<String> {
            changes
                .iter()
                .map(|c| c["recordType"].as_str().unwrap().to_owned())
                .collect()
        };
        let mut read = Vec::new();
        for first in [1, 2, 3, 100] {
            read.push(read_all(&token, start.clone(), first).await.0);
        }
        assert_eq!(
            kinds(&read[0]),
            ["Service", "Person", "Service", "Membership", "Person"],
            "{:#?}",
            read[0]
        );
        for other in &read[1..] {
            assert_eq!(other, &read[0]);
        }
    }
);

both!(
    a_member_with_many_contracts_reads_their_changes_in_order,
    |app| async move {
        // More contracts than the feed reads apart, each with its own changes.
        let start = end(&app).await;
        for n in 0..40 {
            app.contract_with_deadline(&format!("Betrieb {n}"), "Stadt Grabow")
                .await;
        }
        let contract_ids = |changes: &[Value]| -> Vec<String> {
            changes
                .iter()
                .filter(|c| c["recordType"] == "Contract")
                .map(|c| c["recordId"].as_str().unwrap().to_owned())
                .collect()
        };
        let (everything, _) = read_all(&app, start.clone(), 100).await;
        let made = contract_ids(&everything);
        assert_eq!(made.len(), 80, "made and given a party: {everything:#?}");

        let token = app
            .as_partner(json!(["CONTRACTS_READ"]), Some("Stadt Grabow"))
            .await;
        for first in [1, 7, 100] {
            let (seen, _) = read_all(&token, start.clone(), first).await;
            assert_eq!(contract_ids(&seen), made, "pages of {first}");
        }
    }
);

both!(
    concurrent_changes_are_read_once_in_order,
    |app| async move {
        let start = end(&app).await;
        let reader = app.clone();
        let follow = tokio::spawn(async move {
            // Follows the feed while the changes are made, as a partner system would.
            let mut cursor = start;
            let mut seen = Vec::new();
            for _ in 0..400 {
                let (changes, next) = read_all(&reader, cursor, 7).await;
                cursor = next;
                seen.extend(changes);
                if seen.len() >= 40 {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(10)).await;
            }
            seen
        });
        let mut writers = tokio::task::JoinSet::new();
        for n in 0..40 {
            let app = app.clone();
            writers.spawn(async move {
                let body = app
                    .graphql(
                        "mutation($title: String!) { createSource(input: {title: $title}) { id } }",
                        json!({ "title": format!("Quelle {n}") }),
                    )
                    .await;
                assert!(body["errors"].is_null(), "{body:#}");
                body["data"]["createSource"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            });
        }
        let mut created: Vec<String> = writers.join_all().await;
        let seen = follow.await.unwrap();
        let mut ids: Vec<String> = seen
            .iter()
            .map(|c| c["recordId"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids.len(), 40, "each change read once: {seen:#?}");
        ids.sort();
        created.sort();
        assert_eq!(ids, created, "every change read, none twice");
    }
);
