//! Coverage: who receives which service on a date, how many workstations, and the totals.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use verbund_tests::{FOUNDERS, MEMBERS_2019, TestApp, assert_same_fields, both, nodes};

const SERVICE: &str = "Gesamter IT-Betrieb der Kernverwaltung";

/// The names of the organisations covered on `as_of`, sorted, and the list's total.
async fn covered(app: &TestApp, as_of: &str) -> (Vec<String>, u64) {
    let data = app
        .data(
            "query($asOf: Date) { coverages(asOf: $asOf, first: 100) {
                totalCount nodes { organisation { name } service { name } } } }",
            json!({ "asOf": as_of }),
        )
        .await;
    let list = &data["coverages"];
    let mut found: Vec<String> = nodes(list)
        .iter()
        .map(|node| {
            assert_eq!(node["service"]["name"], SERVICE);
            node["organisation"]["name"].as_str().unwrap().to_owned()
        })
        .collect();
    found.sort();
    (found, list["totalCount"].as_u64().unwrap())
}

both!(coverage_follows_the_dates, |app| async move {
    let (found, total) = covered(&app, "2019-01-01").await;
    assert_eq!(total, 6);
    assert_eq!(found, MEMBERS_2019);
    let (found, total) = covered(&app, "2015-12-31").await;
    assert_eq!(total, 2);
    assert_eq!(found, FOUNDERS);
    // Ludwigslust's IT was taken over on 2016-01-01, before it became a member.
    let (found, total) = covered(&app, "2016-01-01").await;
    assert_eq!(total, 3);
    assert!(found.contains(&"Stadt Ludwigslust".to_owned()), "{found:?}");
    let (found, total) = covered(&app, "2013-09-30").await;
    assert_eq!((found.len(), total), (0, 0));
    // Without a date, the whole history.
    // (the six of 2019, the operation of six later members, Stralendorf's and Parchim's
    // school IT and Parchim's procurement office).
    let data = app.data("{ coverages { totalCount } }", json!({})).await;
    assert_eq!(data["coverages"]["totalCount"], 15);
});

both!(workstations_of_ludwigslust, |app| async move {
    let node = app
        .organisation(
            "Stadt Ludwigslust",
            r#"from: workstations(asOf: "2016-01-01")
               later: workstations(asOf: "2019-06-01")
               before: workstations(asOf: "2015-12-31")
               coverages { nodes { startsOn endsOn workstations isActive(asOf: "2016-01-01") } }"#,
        )
        .await;
    assert_eq!(node["from"], 83);
    assert_eq!(node["later"], 83);
    assert_eq!(node["before"], Value::Null);
    assert_eq!(
        nodes(&node["coverages"]),
        [json!({ "startsOn": "2016-01-01", "endsOn": null, "workstations": 83, "isActive": true })]
    );
    // Schwerin's coverage records no workstations: null, not 0.
    let node = app
        .organisation(
            "Landeshauptstadt Schwerin",
            r#"workstations(asOf: "2019-06-01")"#,
        )
        .await;
    assert_eq!(node["workstations"], Value::Null);
});

both!(statistics_on_a_date, |app| async move {
    let data = app
        .data(
            r#"{ later: statistics(asOf: "2019-06-01") {
                    asOf memberCount workstations serviceCount specialistApplicationCount
                    workstationsByOrganisation { organisation { name } workstations coverageCount }
                    workstationsByService { service { name } workstations recipientCount }
                 }
                 early: statistics(asOf: "2015-12-31") { memberCount workstations } }"#,
            json!({}),
        )
        .await;
    let later = &data["later"];
    assert_eq!(later["asOf"], "2019-06-01");
    assert_eq!(later["memberCount"], 6);
    assert_eq!(later["workstations"], 83);
    assert_eq!(later["serviceCount"], 9);
    assert_eq!(later["specialistApplicationCount"], 1);
    let by_organisation = later["workstationsByOrganisation"].as_array().unwrap();
    assert_eq!(by_organisation.len(), 6, "{later:#}");
    // Most workstations first.
    assert_eq!(
        by_organisation[0]["organisation"]["name"],
        "Stadt Ludwigslust"
    );
    assert_eq!(by_organisation[0]["workstations"], 83);
    assert_eq!(by_organisation[0]["coverageCount"], 1);
    assert_eq!(
        later["workstationsByService"],
        json!([{ "service": { "name": SERVICE }, "workstations": 83, "recipientCount": 6 }])
    );
    assert_eq!(
        data["early"],
        json!({ "memberCount": 2, "workstations": 0 })
    );
});

both!(services_and_recipients, |app| async move {
    let data = app
        .data(
            r#"{ all: services { totalCount }
               services(filter: {category: [CORE_ADMINISTRATION]}) { totalCount nodes {
                    code name category
                    now: recipientCount(asOf: "2019-01-01")
                    early: recipientCount(asOf: "2015-12-31")
                    none: recipientCount(asOf: "2013-09-30")
                    workstations(asOf: "2019-01-01")
                    coverages(asOf: "2018-06-30") { totalCount }
                    source { title }
               } }
               catalogue: services(filter: {category: [SPECIALIST_APPLICATION]}) { totalCount }
               found: services(filter: {search: "kernverwaltung"}) { totalCount } }"#,
            json!({}),
        )
        .await;
    // The operation of a core administration and eight services the public sources name.
    assert_eq!(data["all"]["totalCount"], 9);
    assert_eq!(data["services"]["totalCount"], 1);
    assert_eq!(
        nodes(&data["services"]),
        [json!({
            "code": "IT-BETRIEB-KERNVERWALTUNG",
            "name": SERVICE,
            "category": "CORE_ADMINISTRATION",
            "now": 6,
            "early": 2,
            "none": 0,
            "workstations": 83,
            "coverages": { "totalCount": 4 },
            "source": { "title": "Neue Träger für den KSM" },
        })]
    );
    assert_eq!(data["catalogue"]["totalCount"], 1);
    assert_eq!(data["found"]["totalCount"], 1);
});

both!(coverage_filters, |app| async move {
    let grabow = app.organisation_id("Stadt Grabow").await;
    let data = app
        .data(
            r#"query($org: ID) {
                mine: coverages(filter: {organisationId: $org}) { totalCount nodes { contract { title } } }
                core: coverages(asOf: "2019-01-01", filter: {category: [CORE_ADMINISTRATION]}) { totalCount }
                apps: coverages(filter: {category: [SPECIALIST_APPLICATION]}) { totalCount }
            }"#,
            json!({ "org": grabow }),
        )
        .await;
    assert_eq!(data["mine"]["totalCount"], 1);
    assert!(
        nodes(&data["mine"])[0]["contract"]["title"]
            .as_str()
            .is_some_and(|t| t.contains("Grabow")),
        "{data:#}"
    );
    assert_eq!(data["core"]["totalCount"], 6);
    assert_eq!(data["apps"]["totalCount"], 0);
});

/// Coverages without a workstation count must not come before the largest one.
async fn most_workstations_first(app: TestApp) {
    let data = app
        .data(
            r#"{ coverages(asOf: "2019-01-01", orderBy: {field: WORKSTATIONS, direction: DESC}) {
                nodes { workstations organisation { name } } } }"#,
            json!({}),
        )
        .await;
    let found = nodes(&data["coverages"]);
    assert_eq!(found.len(), 6);
    assert_eq!(
        found[0],
        json!({ "workstations": 83, "organisation": { "name": "Stadt Ludwigslust" } }),
        "{data:#}"
    );
}

both!(order_by_workstations_descending, most_workstations_first);

// A coverage's service is answered straight from its row when only plain fields are asked
// for; the answer must be the one the full resolvers give.
both!(plain_and_resolved_service_fields_agree, |app| async move {
    let plain = app
        .data(
            "{ contracts(first: 20) { nodes { coverages(first: 10) { nodes {
                 service { __typename id code name n: name } } } } } }",
            json!({}),
        )
        .await;
    let resolved = app
        .data(
            "{ contracts(first: 20) { nodes { coverages(first: 10) { nodes {
                 service { __typename ... on Service { id code } name n: name category } } } } } }",
            json!({}),
        )
        .await;
    let services = |data: &Value| -> Vec<Value> {
        nodes(&data["contracts"])
            .iter()
            .flat_map(|c| nodes(&c["coverages"]).iter().map(|v| v["service"].clone()))
            .collect()
    };
    let (plain, resolved) = (services(&plain), services(&resolved));
    assert!(!plain.is_empty());
    assert_same_fields(
        &plain,
        &resolved,
        &["__typename", "id", "code", "name", "n"],
    );
    for r in &resolved {
        assert!(r["category"].is_string(), "{r}");
    }
});

// A coverage in a page is answered from its row for its plain fields, by its resolvers for
// the rest; the answer must be the one the executor gives when a fragment sends it the
// usual way.
both!(plain_and_resolved_coverage_fields_agree, |app| async move {
    let fields = "__typename id workstations users w: workstations startsOn
                  service { name } organisation { name }";
    let query = |extra: &str| {
        format!(
            "{{ contracts(first: 20) {{ nodes {{ coverages(first: 10) {{ nodes {{ {extra} {fields} }} }} }} }} }}"
        )
    };
    let plain = app.data(&query(""), json!({})).await;
    let resolved = app
        .data(&query("... on Coverage { isActive }"), json!({}))
        .await;
    let coverages = |data: &Value| -> Vec<Value> {
        nodes(&data["contracts"])
            .iter()
            .flat_map(|c| nodes(&c["coverages"]).to_vec())
            .collect()
    };
    let (plain, resolved) = (coverages(&plain), coverages(&resolved));
    assert!(!plain.is_empty());
    assert!(
        plain.iter().any(|c| c["workstations"].is_number()),
        "{plain:?}"
    );
    assert_same_fields(
        &plain,
        &resolved,
        &[
            "__typename",
            "id",
            "workstations",
            "users",
            "w",
            "startsOn",
            "service",
            "organisation",
        ],
    );
    for r in &resolved {
        assert!(r["isActive"].is_boolean(), "{r}");
    }
});
