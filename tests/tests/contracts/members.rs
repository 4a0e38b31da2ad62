//! A member's contracts, in the order they take effect, drafts last, as contracts change
//! their day and gain parties.

use std::collections::HashMap;

use serde_json::{Value, json};
use verbund_tests::{TestApp, both, nodes};

/// The titles of a member's contracts: the first `first` of them, and all of them (asking
/// for the total reads the whole list); the two must agree.
async fn contracts_of(app: &TestApp, member: &str, first: usize) -> Vec<String> {
    let data = app
        .data(
            "query($id: ID!, $first: Int) { node(id: $id) { ... on Organisation {
                page: contracts(first: $first) { nodes { title } }
                all: contracts { totalCount nodes { title } } } } }",
            json!({ "id": member, "first": first }),
        )
        .await;
    let titles = |list: &str| -> Vec<String> {
        nodes(&data["node"][list])
            .iter()
            .map(|node| node["title"].as_str().expect("title").to_owned())
            .collect()
    };
    let (page, all) = (titles("page"), titles("all"));
    assert_eq!(page[..], all[..first.min(all.len())], "{data:#}");
    all
}

/// Sets the day the contract `title` of `contracts` takes effect (`None`: none) through
/// `amendContract`; answers the contract's new version.
async fn take_effect(
    editor: &TestApp,
    contracts: &HashMap<&str, (String, Value)>,
    title: &str,
    effective_from: Option<&str>,
) -> Value {
    let (id, version) = &contracts[title];
    let data = editor
        .data(
            "mutation($id: ID!, $v: Int!, $input: ContractInput!) {
                amendContract(id: $id, version: $v, input: $input) { version } }",
            json!({ "id": id, "v": version, "input": { "title": title,
                    "kind": "SERVICE_AGREEMENT", "effectiveFrom": effective_from } }),
        )
        .await;
    data["amendContract"]["version"].clone()
}

both!(
    a_members_contracts_follow_the_day_they_take_effect,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let member = editor
            .created_id(
                "mutation { createOrganisation(input: {name: \"Gemeinde Reihenfolge\",
                kind: GEMEINDE, officialKey: \"13076999\"}) { id } }",
                json!({}),
            )
            .await;
        let mut contracts = HashMap::new();
        // Created out of order, one of them without a day it takes effect (a draft).
        for (title, effective_from) in [
            ("Vertrag B", Some("2021-03-01")),
            ("Entwurf", None),
            ("Vertrag A", Some("2020-01-01")),
            ("Vertrag C", Some("2022-07-01")),
        ] {
            let data = editor
                .data(
                    "mutation($input: ContractInput!, $parties: [PartyInput!]!) {
                    createContract(input: $input, parties: $parties) { id version } }",
                    json!({
                        "input": { "title": title, "kind": "SERVICE_AGREEMENT",
                                   "effectiveFrom": effective_from },
                        "parties": [{ "organisationId": member, "role": "MEMBER" }],
                    }),
                )
                .await;
            let contract = &data["createContract"];
            let id = contract["id"].as_str().expect("id").to_owned();
            contracts.insert(title, (id, contract["version"].clone()));
        }
        for first in [1, 2, 3, 10] {
            let found = contracts_of(&app, &member, first).await;
            assert_eq!(
                found,
                ["Vertrag A", "Vertrag B", "Vertrag C", "Entwurf"],
                "{first}"
            );
        }

        // A contract's new day moves it in its members' lists.
        take_effect(&editor, &contracts, "Vertrag A", Some("2023-01-01")).await;
        let found = contracts_of(&app, &member, 2).await;
        assert_eq!(found, ["Vertrag B", "Vertrag C", "Vertrag A", "Entwurf"]);

        // The draft takes effect first of all; a contract loses its day and goes last.
        take_effect(&editor, &contracts, "Entwurf", Some("2019-06-01")).await;
        take_effect(&editor, &contracts, "Vertrag C", None).await;
        let found = contracts_of(&app, &member, 1).await;
        assert_eq!(found, ["Entwurf", "Vertrag B", "Vertrag A", "Vertrag C"]);

        // A party added later takes its contract's day too.
        let version = take_effect(&editor, &contracts, "Vertrag B", Some("2001-01-01")).await;
        let other = app.organisation_id("Stadt Grabow").await;
        let before = contracts_of(&app, &other, 1).await;
        assert!(!before.is_empty() && !before.contains(&"Vertrag B".to_owned()));
        editor
            .data(
                "mutation($id: ID!, $v: Int!, $org: ID!) { addContractParty(contractId: $id,
                version: $v, party: {organisationId: $org, role: \"MEMBER\"}) { version } }",
                json!({ "id": contracts["Vertrag B"].0, "v": version, "org": other }),
            )
            .await;
        let after = contracts_of(&app, &other, 1).await;
        assert_eq!(after[0], "Vertrag B", "{after:?}");
        assert_eq!(after[1..], before[..]);
    }
);
