//! Who is a member on a date, and the member list's filters and ordering.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use verbund_tests::{FOUNDERS, MEMBERS_2019, TestApp, assert_same_fields, both, names, nodes};

/// The members from 2016-04-01 until Grabow and the Amt joined on 2019-01-01.
const MEMBERS_2018: [&str; 4] = [
    "Landeshauptstadt Schwerin",
    "Landkreis Ludwigslust-Parchim",
    "Stadt Ludwigslust",
    "Stadt Neustadt-Glewe",
];

/// The members on `as_of` (with `filter` and `orderBy`), in the order the API gives them;
/// the list's total must count them.
async fn members(app: &TestApp, as_of: &str, filter: Value, order_by: Value) -> Vec<String> {
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
    let found = names(&data["members"]);
    assert_eq!(data["members"]["totalCount"], found.len(), "{data:#}");
    found
}

/// Asserts of each case `(asOf, filter, names)` that the members on `asOf` with `filter` are
/// exactly these, in this order.
async fn assert_members(app: &TestApp, cases: &[(&str, Value, &[&str])]) {
    for (as_of, filter, expected) in cases {
        let found = members(app, as_of, filter.clone(), Value::Null).await;
        assert_eq!(found, *expected, "asOf {as_of}, filter {filter}");
    }
}

both!(members_on_2018_06_30, |app| async move {
    assert_members(&app, &[("2018-06-30", Value::Null, &MEMBERS_2018)]).await;
});

both!(members_on_2019_01_01, |app| async move {
    assert_members(
        &app,
        &[
            ("2019-01-01", Value::Null, &MEMBERS_2019),
            // The day before, Grabow and the Amt were not members yet.
            ("2018-12-31", Value::Null, &MEMBERS_2018),
        ],
    )
    .await;
});

both!(no_members_before_the_founding, |app| async move {
    assert_members(
        &app,
        &[
            ("2013-09-30", Value::Null, &[]),
            // The founders are members from their first day on.
            ("2013-10-01", Value::Null, &FOUNDERS),
        ],
    )
    .await;
});

both!(search_ignores_case, |app| async move {
    for search in ["grabow", "GRABOW", "  Grabow "] {
        let filter = json!({ "search": search });
        assert_members(&app, &[("2019-01-01", filter, &["Stadt Grabow"])]).await;
    }
    assert_members(
        &app,
        &[
            // Grabow exists before it joins, but is no member then.
            ("2018-06-30", json!({ "search": "grabow" }), &[]),
            // Official keys are searched too: 13076090 is Ludwigslust's.
            (
                "2019-01-01",
                json!({ "search": "13076090" }),
                &["Stadt Ludwigslust"],
            ),
        ],
    )
    .await;
});

both!(filter_by_kind, |app| async move {
    assert_members(
        &app,
        &[
            (
                "2019-01-01",
                json!({ "kind": ["AMT"] }),
                &["Amt Parchimer Umland"],
            ),
            (
                "2019-01-01",
                json!({ "kind": ["LANDKREIS", "KREISFREIE_STADT"] }),
                &FOUNDERS,
            ),
            // The provider itself is an organisation, but never its own member.
            ("2019-01-01", json!({ "kind": ["SERVICE_PROVIDER"] }), &[]),
        ],
    )
    .await;
});

both!(filter_founding_members, |app| async move {
    assert_members(
        &app,
        &[
            ("2019-01-01", json!({ "founding": true }), &FOUNDERS),
            (
                "2019-01-01",
                json!({ "founding": false }),
                &[
                    "Amt Parchimer Umland",
                    "Stadt Grabow",
                    "Stadt Ludwigslust",
                    "Stadt Neustadt-Glewe",
                ],
            ),
        ],
    )
    .await;
});

both!(order_by_name_descending_reverses, |app| async move {
    let by_name = |direction: &str| json!({ "field": "NAME", "direction": direction });
    let ascending = members(&app, "2019-01-01", Value::Null, by_name("ASC")).await;
    let descending = members(&app, "2019-01-01", Value::Null, by_name("DESC")).await;
    assert_eq!(ascending.len(), 6);
    let mut reversed = ascending.clone();
    reversed.reverse();
    assert_eq!(descending, reversed);
    assert_eq!(descending[0], "Stadt Neustadt-Glewe");
});

both!(is_member_follows_the_dates, |app| async move {
    let node = app
        .organisation(
            "Stadt Grabow",
            r#"before: isMember(asOf: "2018-12-31") after: isMember(asOf: "2019-01-01")
               memberships { joinedOn leftOn founding contract { title } }"#,
        )
        .await;
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
    let (plain, resolved) = (nodes(&plain["members"]), nodes(&resolved["members"]));
    assert!(plain.len() > 3, "{plain:?}");
    assert_same_fields(
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
    let titles: usize = plain.iter().map(|p| nodes(&p["contracts"]).len()).sum();
    assert!(titles > 0, "no member has contracts: {plain:?}");
});

// The top of the organisation tree: the organisations that belong to no other. With
// `topLevel: false` the rest, so the two lists together are every organisation once.
both!(
    top_level_organisations_belong_to_no_other,
    |app| async move {
        let query = "query($filter: OrganisationFilter) {
        organisations(filter: $filter, first: 100) { totalCount nodes { name parent { name } } }
    }";
        let list = |filter: Value| {
            let app = &app;
            async move {
                let data = app.data(query, json!({ "filter": filter })).await;
                let connection = data["organisations"].clone();
                assert_eq!(
                    connection["totalCount"],
                    nodes(&connection).len(),
                    "{data:#}"
                );
                connection
            }
        };
        let top = list(json!({ "topLevel": true })).await;
        let mut top_names = names(&top);
        top_names.sort();
        assert_eq!(
            top_names,
            [
                "Kommunalservice Mecklenburg",
                "Landeshauptstadt Schwerin",
                "Landkreis Ludwigslust-Parchim",
                "Schweriner IT- und Servicegesellschaft",
            ]
        );
        assert!(nodes(&top).iter().all(|node| node["parent"].is_null()));
        let below = list(json!({ "topLevel": false })).await;
        assert!(
            nodes(&below).iter().all(|node| !node["parent"].is_null()),
            "{below:#}"
        );
        let below_names = names(&below);
        for name in ["Amt Grabow", "Stadt Grabow", "Stadt Ludwigslust"] {
            assert!(
                below_names.iter().any(|n| n == name),
                "{name}: {below_names:?}"
            );
        }
        let all = list(Value::Null).await;
        let mut every = names(&all);
        every.sort();
        let mut both_lists = [top_names, below_names].concat();
        both_lists.sort();
        assert_eq!(both_lists, every);

        // With `parentId` it narrows the organisations that belong to that one.
        let amt = app.organisation_id("Amt Grabow").await;
        let within = list(json!({ "parentId": amt, "topLevel": false })).await;
        assert_eq!(names(&within), ["Stadt Grabow"]);
        let none = list(json!({ "parentId": amt, "topLevel": true })).await;
        assert_eq!(names(&none), Vec::<String>::new());
    }
);
