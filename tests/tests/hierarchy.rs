//! An organisation's place in the tree: it never lies below itself, however its parent is
//! changed and however many such changes race.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

use sea_orm::EntityTrait;
use serde_json::{Value, json};
use verbund_tests::{both, codes};

both!(an_organisation_never_lies_below_itself, |app| async move {
    let editor = app.as_staff("EDITOR").await;
    let create =
        "mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id version } }";
    let update = "mutation($id: ID!, $v: Int!, $input: OrganisationInput!) { updateOrganisation(id: $id, version: $v, input: $input) { id version } }";
    let made = |name: &str, parent: Option<&Value>| {
        let mut input = json!({ "name": name, "kind": "MUNICIPAL_COMPANY" });
        if let Some(parent) = parent {
            input["parentId"] = parent.clone();
            input["parentLink"] = json!("UNIT");
        }
        json!({ "input": input })
    };
    // Stadtwerke ← Netzgesellschaft ← Messdienst: each a unit of the one before.
    let top = editor.data(create, made("Stadtwerke", None)).await["createOrganisation"].clone();
    let middle = editor
        .data(create, made("Netzgesellschaft", Some(&top["id"])))
        .await["createOrganisation"]
        .clone();
    let bottom = editor
        .data(create, made("Messdienst", Some(&middle["id"])))
        .await["createOrganisation"]
        .clone();

    // The top may not become a unit of its unit, nor of its unit's unit.
    for below in [&middle, &bottom] {
        let mut variables = made("Stadtwerke", Some(&below["id"]));
        variables["id"] = top["id"].clone();
        variables["v"] = top["version"].clone();
        let body = editor.fails_with("BAD_USER_INPUT", update, variables).await;
        assert_eq!(
            body["errors"][0]["extensions"]["field"], "parentId",
            "{body:#}"
        );
        let message = body["errors"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains("its own units"), "{body:#}");
    }
    // Moving the bottom up under the top is fine: no circle.
    let mut variables = made("Messdienst", Some(&top["id"]));
    variables["id"] = bottom["id"].clone();
    variables["v"] = bottom["version"].clone();
    editor.data(update, variables).await;

    // Two organisations made units of each other at the same moment: one change at most
    // goes through, and the two never end up below each other.
    for round in 0..5 {
        let a = editor.data(create, made(&format!("A{round}"), None)).await["createOrganisation"]
            .clone();
        let b = editor.data(create, made(&format!("B{round}"), None)).await["createOrganisation"]
            .clone();
        let moves = [(&a, &b, "A"), (&b, &a, "B")].map(|(child, parent, name)| {
            let mut variables = made(&format!("{name}{round}"), Some(&parent["id"]));
            variables["id"] = child["id"].clone();
            variables["v"] = child["version"].clone();
            let editor = editor.clone();
            tokio::spawn(async move { editor.graphql(update, variables).await })
        });
        let mut won = 0;
        for task in moves {
            let body = task.await.unwrap();
            match body.get("errors") {
                None => won += 1,
                Some(_) => assert_eq!(codes(&body), ["BAD_USER_INPUT"], "{body:#}"),
            }
        }
        assert_eq!(won, 1, "round {round}");
        let query = "query($a: ID!, $b: ID!) { a: node(id: $a) { ... on Organisation { parent { id } } } b: node(id: $b) { ... on Organisation { parent { id } } } }";
        let data = editor
            .data(query, json!({ "a": a["id"], "b": b["id"] }))
            .await;
        assert!(
            data["a"]["parent"].is_null() || data["b"]["parent"].is_null(),
            "{data:#}"
        );
    }
});

both!(
    the_owners_of_an_organisation_are_those_it_is_own_to,
    |app| async move {
        // Besides the seed's tree: a chain of units, a territory, and a unit that is a member
        // (its own and its units' owner, not its parent's unit).
        let create =
            "mutation($input: OrganisationInput!) { createOrganisation(input: $input) { id } }";
        let made = async |name: &str, kind: &str, parent: &Value, link: &str| {
            let input =
                json!({ "name": name, "kind": kind, "parentId": parent, "parentLink": link });
            app.data(create, json!({ "input": input })).await["createOrganisation"]["id"].clone()
        };
        let grabow = json!(app.organisation_id("Stadt Grabow").await);
        let works = made("Stadtwerke Grabow", "MUNICIPAL_COMPANY", &grabow, "UNIT").await;
        let net = made("Netz Grabow", "MUNICIPAL_COMPANY", &works, "UNIT").await;
        made("Messdienst Grabow", "MUNICIPAL_COMPANY", &net, "UNIT").await;
        made("Ortsteil", "GEMEINDE", &grabow, "TERRITORY").await;
        let joined = made("Abwasser Grabow", "EIGENBETRIEB", &works, "UNIT").await;
        made("Klärwerk Grabow", "MUNICIPAL_COMPANY", &joined, "UNIT").await;
        app.data(
            "mutation($id: ID!) { joinMembership(input: {organisationId: $id, joinedOn: \"2026-01-01\"}) { id } }",
            json!({ "id": joined }),
        )
        .await;

        let db = app.db();
        let ids: Vec<i32> = verbund::entities::organisation::Entity::find()
            .all(db)
            .await
            .unwrap()
            .iter()
            .map(|row| row.id)
            .collect();
        let own = verbund::register::units::own_organisations_of(db, &ids)
            .await
            .unwrap();
        for id in &ids {
            let expected: HashSet<i32> = own
                .iter()
                .filter(|(_, theirs)| theirs.contains(id))
                .map(|(owner, _)| *owner)
                .collect();
            let owners = verbund::register::units::owners_of(db, &[*id])
                .await
                .unwrap();
            assert_eq!(owners, expected, "organisation {id}");
        }
        // Every organisation owns itself at least.
        let all = verbund::register::units::owners_of(db, &ids).await.unwrap();
        assert_eq!(all, ids.iter().copied().collect());
    }
);
