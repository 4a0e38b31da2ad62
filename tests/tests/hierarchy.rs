//! An organisation's place in the tree: it never lies below itself, however its parent is
//! changed and however many such changes race.

#![allow(clippy::unwrap_used, clippy::expect_used)]

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
