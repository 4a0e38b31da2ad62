//! A token limited to one member sees that member's records on every path and nothing of any
//! other member: every root list and its filters, `node` and `nodes` for every record in the
//! register, every relation of whatever it can reach, and the deadline desk's rows. The
//! district is the hard case: the towns and the Amt in its territory are members in their own
//! right, never its units.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use verbund_tests::{TestApp, both, nodes, texts};

const DISTRICT: &str = "Landkreis Ludwigslust-Parchim";
const SCOPES: [&str; 3] = ["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"];

/// What a record shows of itself and of the records it leads to.
const ORGANISATION: &str = "id name parent { id } units { id } territory { id }
    memberships { id organisation { id } contract { id } }
    contracts(first: 20) { totalCount nodes { id parties { organisation { id } } } }
    coverages(first: 20) { nodes { id organisation { id } contract { id } service { id } } }
    people { id organisation { id } } figures { id }";
const CONTRACT: &str = "id parties { organisation { id } } memberships { id organisation { id } }
    coverages(first: 20) { nodes { id organisation { id } } }
    decisions { contract { id } } reminders { deadlineId }";
/// The deadline desk's list, with the contract of each deadline (a deadline's own ID is not a
/// node's, so the contract's is what tells whose it is).
const DESK: &str = "{ deadlines(first: 50) { totalCount nodes { contract { id } } } }";
const COVERAGE: &str = "id organisation { id } contract { id parties { organisation { id } } }";

/// Every global ID in `value` with the type it names.
fn ids_in(value: &Value, found: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                if key == "id"
                    && let Some(id) = inner.as_str()
                {
                    found.insert(id.to_owned());
                }
                ids_in(inner, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| ids_in(item, found)),
        _ => {}
    }
}

/// The ids of every record of the register, asked as admin.
async fn every_record(app: &TestApp) -> Vec<String> {
    let data = app
        .data(
            "{ organisations(first: 100) { nodes { id memberships { id } people { id }
                figures { id } } }
               contracts(first: 100) { nodes { id } }
               coverages(first: 100) { nodes { id } }
               services(first: 100) { nodes { id } } }",
            json!({}),
        )
        .await;
    let mut found = BTreeSet::new();
    ids_in(&data, &mut found);
    found.into_iter().collect()
}

/// The organisation each record belongs to as the admin sees it; `None` for records that
/// belong to no member (services, sources).
async fn owner(app: &TestApp, id: &str) -> Option<Vec<String>> {
    let data = app
        .data(
            "query($id: ID!) { node(id: $id) { __typename
                ... on Organisation { id }
                ... on Membership { organisation { id } }
                ... on Coverage { organisation { id } }
                ... on Person { organisation { id } }
                ... on Contract { parties { organisation { id } } } } }",
            json!({ "id": id }),
        )
        .await;
    let node = &data["node"];
    match node["__typename"].as_str().unwrap_or_default() {
        "Organisation" => Some(vec![node["id"].as_str().unwrap().to_owned()]),
        "Contract" => Some(
            node["parties"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["organisation"]["id"].as_str().unwrap().to_owned())
                .collect(),
        ),
        "Membership" | "Coverage" | "Person" => Some(vec![
            node["organisation"]["id"].as_str().unwrap().to_owned(),
        ]),
        // Key figures belong to the provider in the seed; services and sources to nobody.
        "KeyFigure" => Some(vec!["key figure".to_owned()]),
        _ => None,
    }
}

/// Asks as `partner` on every path and fails on any record that belongs to none of `own`.
async fn assert_confined(app: &TestApp, partner: &TestApp, own: &BTreeSet<String>) {
    let everything = every_record(app).await;
    let lists = [
        format!("{{ members(first: 20) {{ totalCount nodes {{ {ORGANISATION} }} }} }}"),
        format!("{{ organisations(first: 20) {{ totalCount nodes {{ {ORGANISATION} }} }} }}"),
        format!("{{ contracts(first: 20) {{ totalCount nodes {{ {CONTRACT} }} }} }}"),
        format!("{{ coverages(first: 20) {{ totalCount nodes {{ {COVERAGE} }} }} }}"),
        "{ services(first: 20) { nodes { id coverages(first: 20) { nodes { id
            organisation { id } } } } } }"
            .to_owned(),
        "{ organisations(filter: {search: \"Stadt\"}) { totalCount nodes { id } } }".to_owned(),
        DESK.to_owned(),
    ];
    let mut answers = Vec::new();
    for query in &lists {
        answers.push(partner.graphql(query, json!({})).await);
    }
    for id in &everything {
        for (filter, field) in [
            ("contracts(filter: {partyId: $id})", "contracts"),
            ("organisations(filter: {parentId: $id})", "organisations"),
            ("coverages(filter: {organisationId: $id})", "coverages"),
            ("coverages(filter: {contractId: $id})", "coverages"),
            ("coverages(filter: {serviceId: $id})", "coverages"),
        ] {
            let query = format!("query($id: ID) {{ {filter} {{ totalCount nodes {{ id }} }} }}");
            let body = partner.graphql(&query, json!({ "id": id })).await;
            if let Some(found) = body["data"][field].as_object() {
                let shown = nodes(&Value::Object(found.clone())).len();
                assert_eq!(
                    found["totalCount"], shown,
                    "{filter} counts hidden records: {body}"
                );
                // A party the member may not see filters to nothing, so the filter does not
                // tell who its co-parties are.
                if field == "contracts" && !own.contains(id) {
                    assert_eq!(shown, 0, "{filter} with {id} reveals a co-party: {body}");
                }
            }
            answers.push(body);
        }
        let query = format!(
            "query($id: ID!) {{ node(id: $id) {{ ... on Organisation {{ {ORGANISATION} }}
                ... on Contract {{ {CONTRACT} }} ... on Coverage {{ {COVERAGE} }}
                ... on Membership {{ id organisation {{ id }} contract {{ id }} }}
                ... on Person {{ id organisation {{ id }} }} }} }}"
        );
        answers.push(partner.graphql(&query, json!({ "id": id })).await);
    }
    answers.push(
        partner
            .graphql(
                "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
                json!({ "ids": everything }),
            )
            .await,
    );
    // The desk shows its own member's deadlines (made by the test) and no one else's.
    let desk = partner.data(DESK, json!({})).await;
    assert!(!nodes(&desk["deadlines"]).is_empty(), "{desk}");
    for deadline in nodes(&desk["deadlines"]) {
        // A deadline of a contract the token may not see would show no contract.
        let contract = deadline["contract"]["id"].as_str();
        let owners = match contract {
            Some(id) => owner(app, id).await.unwrap_or_default(),
            None => Vec::new(),
        };
        assert!(
            owners.iter().any(|o| own.contains(o)),
            "a deadline of {owners:?} reached a token limited to {own:?}: {desk}"
        );
    }
    let mut seen = BTreeSet::new();
    for answer in &answers {
        ids_in(&answer["data"], &mut seen);
    }
    assert!(!seen.is_empty(), "the member sees nothing at all");
    for id in &seen {
        if let Some(owners) = owner(app, id).await {
            assert!(
                owners.iter().any(|owner| own.contains(owner)),
                "{id} (of {owners:?}) reached a token limited to {own:?}"
            );
        }
    }
    // Totals over every member and the history are not part of a member's data.
    let body = partner
        .graphql("{ statistics { memberCount workstations } }", json!({}))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
}

both!(
    a_district_token_sees_its_units_but_never_the_members_in_its_territory,
    |app| async move {
        let district = app.organisation_id(DISTRICT).await;
        // A unit of the district (an Eigenbetrieb) and one of a town in its territory.
        let unit = app
        .data(
            "mutation($parent: ID!) { createOrganisation(input: {name: \"Eigenbetrieb Kreisstraßen\",
                kind: EIGENBETRIEB, parentId: $parent}) { id parentLink } }",
            json!({ "parent": district }),
        )
        .await;
        assert_eq!(unit["createOrganisation"]["parentLink"], "UNIT");
        let unit = unit["createOrganisation"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let town = app.organisation_id(crate::LUDWIGSLUST).await;
        app.data(
            "mutation($parent: ID!) { createOrganisation(input: {name: \"Stadtwerke Ludwigslust\",
            kind: MUNICIPAL_COMPANY, parentId: $parent}) { id } }",
            json!({ "parent": town }),
        )
        .await;
        // On the desk: a contract of the district's and one of a town in its territory.
        app.contract_with_deadline("Betrieb Kreisverwaltung", DISTRICT)
            .await;
        app.contract_with_deadline("Betrieb Ludwigslust", crate::LUDWIGSLUST)
            .await;
        let partner = app.as_partner(json!(SCOPES), Some(DISTRICT)).await;
        let own: BTreeSet<String> = [district.clone(), unit.clone()].into();
        assert_confined(&app, &partner, &own).await;
        // Its own records it does see, the unit among them.
        let data = partner
            .data("{ organisations { nodes { id } } }", json!({}))
            .await;
        let listed: BTreeSet<String> = texts(&data["organisations"], "id").into_iter().collect();
        assert_eq!(listed, own);
    }
);

both!(
    a_town_token_sees_its_company_but_neither_its_district_nor_its_neighbours,
    |app| async move {
        let town = app.organisation_id(crate::LUDWIGSLUST).await;
        let company = app
        .created_id(
            "mutation($parent: ID!) { createOrganisation(input: {name: \"Stadtwerke Ludwigslust\",
                kind: MUNICIPAL_COMPANY, parentId: $parent}) { id } }",
            json!({ "parent": town }),
        )
        .await;
        // On the desk: a contract of the town's and one of its district's.
        app.contract_with_deadline("Betrieb Ludwigslust", crate::LUDWIGSLUST)
            .await;
        app.contract_with_deadline("Betrieb Kreisverwaltung", DISTRICT)
            .await;
        let partner = app
            .as_partner(json!(SCOPES), Some(crate::LUDWIGSLUST))
            .await;
        let own: BTreeSet<String> = [town, company].into();
        assert_confined(&app, &partner, &own).await;
    }
);
