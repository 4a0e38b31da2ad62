//! Who is a member on a date, and the member list's filters and ordering.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use verbund_tests::{TestApp, both, names};

const FOUNDERS: [&str; 2] = ["Landeshauptstadt Schwerin", "Landkreis Ludwigslust-Parchim"];

/// The members on `as_of` (with `filter` and `orderBy`), in the order the API gives them.
async fn members(app: &TestApp, as_of: &str, filter: Value, order_by: Value) -> (Vec<String>, u64) {
    let data = app
        .data(
            "query($asOf: Date, $filter: MemberFilter, $orderBy: OrganisationOrderBy) {
                members(asOf: $asOf, filter: $filter, orderBy: $orderBy, first: 100) {
                    totalCount nodes { name }
                }
            }",
            json!({ "asOf": as_of, "filter": filter, "orderBy": order_by }),
        )
        .await;
    let total = data["members"]["totalCount"].as_u64().expect("totalCount");
    (names(&data["members"]), total)
}

both!(members_on_2018_06_30, |app| async move {
    let (found, total) = members(&app, "2018-06-30", json!(null), json!(null)).await;
    assert_eq!(
        found,
        [
            "Landeshauptstadt Schwerin",
            "Landkreis Ludwigslust-Parchim",
            "Stadt Ludwigslust",
            "Stadt Neustadt-Glewe",
        ]
    );
    assert_eq!(total, 4);
});

both!(members_on_2019_01_01, |app| async move {
    let (found, total) = members(&app, "2019-01-01", json!(null), json!(null)).await;
    assert_eq!(
        found,
        [
            "Amt Parchimer Umland",
            "Landeshauptstadt Schwerin",
            "Landkreis Ludwigslust-Parchim",
            "Stadt Grabow",
            "Stadt Ludwigslust",
            "Stadt Neustadt-Glewe",
        ]
    );
    assert_eq!(total, 6);
    // The day before, Grabow and the Amt were not members yet.
    let (_, total) = members(&app, "2018-12-31", json!(null), json!(null)).await;
    assert_eq!(total, 4);
});

both!(no_members_before_the_founding, |app| async move {
    let (found, total) = members(&app, "2013-09-30", json!(null), json!(null)).await;
    assert!(found.is_empty(), "members before 2013-10-01: {found:?}");
    assert_eq!(total, 0);
    // The founders are members from their first day on.
    let (found, _) = members(&app, "2013-10-01", json!(null), json!(null)).await;
    assert_eq!(found, FOUNDERS);
});

both!(search_ignores_case, |app| async move {
    for search in ["grabow", "GRABOW", "  Grabow "] {
        let (found, total) =
            members(&app, "2019-01-01", json!({ "search": search }), json!(null)).await;
        assert_eq!(found, ["Stadt Grabow"], "search {search:?}");
        assert_eq!(total, 1);
    }
    // Grabow exists before it joins, but is no member then.
    let (found, _) = members(
        &app,
        "2018-06-30",
        json!({ "search": "grabow" }),
        json!(null),
    )
    .await;
    assert!(found.is_empty(), "{found:?}");
    // Official keys are searched too: 13076090 is Ludwigslust's.
    let (found, _) = members(
        &app,
        "2019-01-01",
        json!({ "search": "13076090" }),
        json!(null),
    )
    .await;
    assert_eq!(found, ["Stadt Ludwigslust"]);
});

both!(filter_by_kind, |app| async move {
    let (found, _) = members(&app, "2019-01-01", json!({ "kind": ["AMT"] }), json!(null)).await;
    assert_eq!(found, ["Amt Parchimer Umland"]);
    let (found, _) = members(
        &app,
        "2019-01-01",
        json!({ "kind": ["LANDKREIS", "KREISFREIE_STADT"] }),
        json!(null),
    )
    .await;
    assert_eq!(found, FOUNDERS);
    // The provider itself is an organisation, but never its own member.
    let (found, _) = members(
        &app,
        "2019-01-01",
        json!({ "kind": ["SERVICE_PROVIDER"] }),
        json!(null),
    )
    .await;
    assert!(found.is_empty(), "{found:?}");
});

both!(filter_founding_members, |app| async move {
    let (found, total) =
        members(&app, "2019-01-01", json!({ "founding": true }), json!(null)).await;
    assert_eq!(found, FOUNDERS);
    assert_eq!(total, 2);
    let (found, _) = members(
        &app,
        "2019-01-01",
        json!({ "founding": false }),
        json!(null),
    )
    .await;
    assert_eq!(
        found,
        [
            "Amt Parchimer Umland",
            "Stadt Grabow",
            "Stadt Ludwigslust",
            "Stadt Neustadt-Glewe",
        ]
    );
});

both!(order_by_name_descending_reverses, |app| async move {
    let (ascending, _) = members(
        &app,
        "2019-01-01",
        json!(null),
        json!({ "field": "NAME", "direction": "ASC" }),
    )
    .await;
    let (descending, _) = members(
        &app,
        "2019-01-01",
        json!(null),
        json!({ "field": "NAME", "direction": "DESC" }),
    )
    .await;
    assert_eq!(ascending.len(), 6);
    let mut reversed = ascending.clone();
    reversed.reverse();
    assert_eq!(descending, reversed);
    assert_eq!(descending[0], "Stadt Neustadt-Glewe");
});

both!(is_member_follows_the_dates, |app| async move {
    let grabow = app.organisation_id("Stadt Grabow").await;
    let data = app
        .data(
            r#"query($id: ID!) { node(id: $id) { ... on Organisation {
                before: isMember(asOf: "2018-12-31") after: isMember(asOf: "2019-01-01")
                memberships { joinedOn leftOn founding contract { title } }
            } } }"#,
            json!({ "id": grabow }),
        )
        .await;
    let node = &data["node"];
    assert_eq!(node["before"], false);
    assert_eq!(node["after"], true);
    assert_eq!(node["memberships"].as_array().map(Vec::len), Some(1));
    let membership = &node["memberships"][0];
    assert_eq!(membership["joinedOn"], "2019-01-01");
    assert_eq!(membership["leftOn"], Value::Null);
    assert_eq!(membership["founding"], false);
    assert!(
        membership["contract"]["title"]
            .as_str()
            .is_some_and(|title| title.contains("Grabow")),
        "{membership:#}"
    );
});

// A member in a list is answered field by field: plain fields from its row, the others
// (here two lists from two loaders) by their resolvers side by side. A fragment sends the
// same selection the executor's usual way; both must give the same answer.
both!(plain_and_resolved_member_fields_agree, |app| async move {
    let fields = "__typename id name shortName officialKey n: name isMember
                  contracts(first: 3) { totalCount nodes { title } } workstations";
    let plain = app
        .data(
            &format!("{{ members(first: 50) {{ nodes {{ {fields} }} }} }}"),
            json!({}),
        )
        .await;
    let resolved = app
        .data(
            &format!(
                "{{ members(first: 50) {{ nodes {{ ... on Organisation {{ kind }} {fields} }} }} }}"
            ),
            json!({}),
        )
        .await;
    let (plain, resolved) = (
        verbund_tests::nodes(&plain["members"]),
        verbund_tests::nodes(&resolved["members"]),
    );
    assert!(plain.len() > 3, "{plain:?}");
    verbund_tests::assert_same_fields(
        plain,
        resolved,
        &[
            "__typename",
            "id",
            "name",
            "shortName",
            "officialKey",
            "n",
            "isMember",
            "contracts",
            "workstations",
        ],
    );
    assert!(
        resolved.iter().all(|r| r["kind"].is_string()),
        "{resolved:?}"
    );
    let titles: usize = plain
        .iter()
        .map(|p| verbund_tests::nodes(&p["contracts"]).len())
        .sum();
    assert!(titles > 0, "no member has contracts: {plain:?}");
});
