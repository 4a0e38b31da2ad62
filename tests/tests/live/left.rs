//! A record that leaves a member-limited caller's view while it is not listening: it hears of
//! it when it comes back with its cursor, in `changes` and in `registerChanged(after:)`, as
//! the member's records were at the change, not as they are when it reads.

use serde_json::{Value, json};
use verbund_tests::socket::{CHANGED, Socket};
use verbund_tests::{TestApp, both};

use super::{QUIET, end_of_feed};

/// `app` as a new partner token with the one scope `scope`, limited to the member `name`.
async fn member_token(app: &TestApp, scope: &str, name: &str) -> TestApp {
    app.as_partner(json!([scope]), Some(name)).await
}

/// `changes` of records of `kind` after `after` as `app`'s caller sees them: operation,
/// record and `leftView`.
async fn feed(app: &TestApp, kind: &str, after: &Value) -> Vec<(String, String, bool)> {
    let data = app
        .data(
            "query($after: String, $kind: String!) { changes(after: $after, first: 100, types: [$kind]) { nodes { operation recordId leftView } } }",
            json!({ "after": after, "kind": kind }),
        )
        .await;
    data["changes"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| {
            (
                node["operation"].as_str().unwrap().to_owned(),
                node["recordId"].as_str().unwrap().to_owned(),
                node["leftView"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// Removes a party from a contract.
const REMOVE: &str = "mutation($id: ID!, $version: Int!, $party: ID!) { removeContractParty(contractId: $id, version: $version, organisationId: $party) { version } }";

both!(
    a_member_limited_cursor_hears_what_left_its_view_meanwhile,
    |app| async move {
        const KIND: &str = "Contract";
        let grabow = member_token(&app, "CONTRACTS_READ", "Stadt Grabow").await;
        let grabow_id = app.organisation_id("Stadt Grabow").await;
        let ksm = app.organisation_id("Kommunalservice Mecklenburg").await;
        let start = end_of_feed(&app).await;

        // While the partner is away: a contract made for Grabow and Grabow removed from it,
        // and one where Grabow stays a party through a unit of its own.
        let unit = app
            .data(
                "mutation($parent: ID!) { createOrganisation(input: {name: \"Grabower Bauhof\", kind: MUNICIPAL_COMPANY, parentId: $parent, parentLink: UNIT}) { id } }",
                json!({ "parent": grabow_id }),
            )
            .await["createOrganisation"]["id"]
            .clone();
        let mut made = Vec::new();
        for (title, other, role) in [
            ("Vertrag auf Zeit", json!(ksm), "PROVIDER"),
            ("Vertrag mit dem Bauhof", unit.clone(), "MEMBER"),
        ] {
            let contract = app
                .data(
                    "mutation($title: String!, $parties: [PartyInput!]!) { createContract(input: {title: $title, kind: SERVICE_AGREEMENT}, parties: $parties) { id version } }",
                    json!({ "title": title, "parties": [
                        { "organisationId": other, "role": role },
                        { "organisationId": grabow_id, "role": "MEMBER" }] }),
                )
                .await["createContract"]
                .clone();
            app.data(
                REMOVE,
                json!({ "id": contract["id"], "version": contract["version"], "party": grabow_id }),
            )
            .await;
            made.push(contract["id"].as_str().unwrap().to_owned());
        }
        let [gone, stays] = <[String; 2]>::try_from(made).unwrap();

        // The feed shows the first contract leaving Grabow's view (it is not Grabow's any
        // more, so nothing else of it), and every change of the second, none as leaving.
        let removal = ("removeContractParty".to_owned(), gone.clone(), true);
        let seen = feed(&grabow, KIND, &start).await;
        assert_eq!(seen[0], removal, "{seen:?}");
        assert!(
            seen[1..]
                .iter()
                .all(|(_, record, left)| record == &stays && !left),
            "{seen:?}"
        );
        assert_eq!(
            seen.last().unwrap().0,
            "removeContractParty",
            "the unit is still a party: {seen:?}"
        );
        // Another member's token hears nothing of either.
        let other = member_token(&app, "CONTRACTS_READ", "Stadt Ludwigslust").await;
        assert_eq!(feed(&other, KIND, &start).await, []);

        // A subscriber coming back with its cursor hears the same, then goes on live.
        let mut socket = Socket::open(&grabow).await;
        socket
            .subscribe("g", CHANGED, json!({ "after": start, "types": [KIND] }))
            .await;
        for (operation, record, left) in &seen {
            let heard = socket.event("g").await["registerChanged"].clone();
            assert_eq!(heard["operation"], operation.as_str(), "{heard}");
            assert_eq!(heard["recordId"], record.as_str(), "{heard}");
            assert_eq!(heard["leftView"], *left, "{heard}");
        }
        assert_eq!(socket.silent_for(QUIET).await, None);
        let version = app.node(&stays, "... on Contract { version }").await["version"].clone();
        app.data(
            REMOVE,
            json!({ "id": stays, "version": version, "party": unit }),
        )
        .await;
        let heard = socket.event("g").await["registerChanged"].clone();
        assert_eq!(heard["recordId"], stays.as_str(), "{heard}");
        assert_eq!(
            heard["leftView"], true,
            "the last of Grabow's parties: {heard}"
        );
        assert_eq!(socket.silent_for(QUIET).await, None);
    }
);

both!(
    an_organisation_moved_from_under_a_member_leaves_its_view,
    |app| async move {
        const KIND: &str = "Organisation";
        let grabow = member_token(&app, "MEMBERS_READ", "Stadt Grabow").await;
        let grabow_id = app.organisation_id("Stadt Grabow").await;
        let ludwigslust = app.organisation_id("Stadt Ludwigslust").await;
        let made = app
            .data(
                "mutation($parent: ID!) { createOrganisation(input: {name: \"Grabower Bauhof\", kind: MUNICIPAL_COMPANY, parentId: $parent, parentLink: UNIT}) { id version } }",
                json!({ "parent": grabow_id }),
            )
            .await["createOrganisation"]
            .clone();
        let unit = made["id"].as_str().unwrap().to_owned();
        let start = end_of_feed(&app).await;
        let update = "mutation($id: ID!, $version: Int!, $parent: ID!) { updateOrganisation(id: $id, version: $version, input: {name: \"Bauhof\", kind: MUNICIPAL_COMPANY, parentId: $parent, parentLink: UNIT}) { version } }";
        let moved = app
            .data(
                update,
                json!({ "id": unit, "version": made["version"], "parent": ludwigslust }),
            )
            .await["updateOrganisation"]
            .clone();
        assert_eq!(
            feed(&grabow, KIND, &start).await,
            [("updateOrganisation".to_owned(), unit.clone(), true)]
        );
        let other = member_token(&app, "MEMBERS_READ", "Stadt Ludwigslust").await;
        assert_eq!(
            feed(&other, KIND, &start).await,
            [("updateOrganisation".to_owned(), unit.clone(), false)],
            "the new member sees it come"
        );
        // Moved back and deleted. The feed shows the changes to records as the caller sees
        // them now (a deleted organisation: none) and every change that took one out of its
        // view: Grabow hears it leave twice, Ludwigslust once.
        let back = app
            .data(
                update,
                json!({ "id": unit, "version": moved["version"], "parent": grabow_id }),
            )
            .await["updateOrganisation"]
            .clone();
        app.data(
            "mutation($id: ID!, $version: Int!) { deleteOrganisation(id: $id, version: $version) }",
            json!({ "id": unit, "version": back["version"] }),
        )
        .await;
        let left = |operation: &str| (operation.to_owned(), unit.clone(), true);
        // (A token's member data is kept as long as the token is cached: a new one reads it.)
        let other = member_token(&app, "MEMBERS_READ", "Stadt Ludwigslust").await;
        assert_eq!(
            feed(&grabow, KIND, &start).await,
            [left("updateOrganisation"), left("deleteOrganisation")]
        );
        assert_eq!(
            feed(&other, KIND, &start).await,
            [left("updateOrganisation")]
        );
    }
);
