//! People and key figures changed by staff: recorded, changed, deleted, each change in the
//! record's history; refused with the field named, for viewers, for a stale version and for
//! partner tokens, and never shown to a token limited to another member.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::{Value, json};
use verbund_tests::{assert_bad_input, both, codes, nodes, texts};

const PERSON: &str = "id version name role since until organisation { name }";
const FIGURE: &str = "id version metric value qualifier asOf";

const CREATE_PERSON: &str = "mutation($input: PersonInput!) { createPerson(input: $input) { id version name role since until } }";
const UPDATE_PERSON: &str = "mutation($id: ID!, $v: Int!, $input: PersonInput!) { updatePerson(id: $id, version: $v, input: $input) { id version name role since until } }";
const CREATE_FIGURE: &str = "mutation($input: KeyFigureInput!) { createKeyFigure(input: $input) { id version metric value qualifier asOf } }";
const UPDATE_FIGURE: &str = "mutation($id: ID!, $v: Int!, $input: KeyFigureInput!) { updateKeyFigure(id: $id, version: $v, input: $input) { id version value qualifier } }";

/// The global ID of an organisation that does not exist.
fn nobody() -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("Organisation:999999")
}

/// The operations of a record's history, newest first, and the fields its last change set.
async fn history(app: &verbund_tests::TestApp, id: &str) -> (Vec<String>, Vec<String>) {
    let data = app
        .data(
            "query($id: ID!) { node(id: $id) { ... on Person { history(first: 10) { nodes { operation changes { field } } } }
                ... on KeyFigure { history(first: 10) { nodes { operation changes { field } } } } } }",
            json!({ "id": id }),
        )
        .await;
    let operations = texts(&data["node"]["history"], "operation");
    let entries = nodes(&data["node"]["history"]);
    let fields = entries[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap().to_owned())
        .collect();
    (operations, fields)
}

/// The operations the audit log holds for the record `id`, newest first (a deleted record
/// keeps them).
async fn logged(app: &verbund_tests::TestApp, id: &str) -> Vec<String> {
    let data = app
        .data(
            "query($id: ID!) { auditLog(filter: {recordId: $id}, first: 20) { nodes { operation } } }",
            json!({ "id": id }),
        )
        .await;
    texts(&data["auditLog"], "operation")
}

/// Deletes the record `id` of type `kind` (`Person`, `KeyFigure`) as `editor`, at version 2
/// (after one change), and asserts that it is gone and that the audit log keeps all three
/// steps.
async fn deleted_after_one_change(
    app: &verbund_tests::TestApp,
    editor: &verbund_tests::TestApp,
    kind: &str,
    id: &str,
) {
    let operation = format!("delete{kind}");
    let data = editor
        .data(
            &format!("mutation($id: ID!) {{ {operation}(id: $id, version: 2) }}"),
            json!({ "id": id }),
        )
        .await;
    assert_eq!(data[operation.as_str()], id);
    assert_eq!(app.node(id, "id").await, Value::Null);
    assert_eq!(
        logged(app, id).await,
        [operation, format!("update{kind}"), format!("create{kind}")]
    );
}

/// Whether `caller` gets the record `id`.
async fn seen(caller: &verbund_tests::TestApp, id: &str) -> bool {
    let body = caller
        .graphql(
            "query($id: ID!) { node(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    !body["data"]["node"].is_null()
}

both!(
    a_person_is_recorded_changed_ended_and_deleted,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let grabow = app.organisation_id("Stadt Grabow").await;
        let input = json!({ "organisationId": grabow, "name": "  Erika Muster ", "role": "Kämmerin", "since": "2020-02-01" });
        let data = editor.data(CREATE_PERSON, json!({ "input": input })).await;
        let person = data["createPerson"].clone();
        assert_eq!(
            person["name"], "Erika Muster",
            "trimmed as the draft stores it"
        );
        assert_eq!(person["version"], 1);
        let id = person["id"].as_str().unwrap().to_owned();
        let people = app
            .organisation("Stadt Grabow", "people { name role }")
            .await;
        assert!(
            people["people"]
                .as_array()
                .unwrap()
                .contains(&json!({ "name": "Erika Muster", "role": "Kämmerin" })),
            "{people}"
        );

        // She leaves the role: she stays on record with her last day.
        let mut ended = input.clone();
        ended["until"] = json!("2024-06-30");
        let data = editor
            .data(UPDATE_PERSON, json!({ "id": id, "v": 1, "input": ended }))
            .await;
        assert_eq!(data["updatePerson"]["until"], "2024-06-30");
        assert_eq!(data["updatePerson"]["version"], 2);
        let node = app
            .node(&id, &format!("... on Person {{ {PERSON} }}"))
            .await;
        assert_eq!(node["organisation"]["name"], "Stadt Grabow");
        let (operations, fields) = history(&app, &id).await;
        assert_eq!(operations, ["updatePerson", "createPerson"]);
        assert_eq!(fields, ["until"]);

        // A change based on the version before is refused, and changes nothing.
        let mut renamed = ended.clone();
        renamed["name"] = json!("Erika Beispiel");
        let body = editor
            .fails_with(
                "CONFLICT",
                UPDATE_PERSON,
                json!({ "id": id, "v": 1, "input": renamed }),
            )
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["currentVersion"], 2,
            "{body}"
        );
        assert_eq!(
            app.node(&id, "... on Person { name }").await["name"],
            "Erika Muster"
        );

        // Recorded in error: deleted; the audit log keeps every step.
        editor
            .fails_with(
                "CONFLICT",
                "mutation($id: ID!) { deletePerson(id: $id, version: 1) }",
                json!({ "id": id }),
            )
            .await;
        deleted_after_one_change(&app, &editor, "Person", &id).await;
    }
);

both!(
    a_key_figure_is_recorded_changed_and_deleted,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let grabow = app.organisation_id("Stadt Grabow").await;
        let input = json!({ "organisationId": grabow, "metric": "WORKSTATIONS", "value": 180, "qualifier": "ABOUT", "asOf": "2024-01-01" });
        let data = editor.data(CREATE_FIGURE, json!({ "input": input })).await;
        let figure = data["createKeyFigure"].clone();
        assert_eq!(
            (
                &figure["metric"],
                &figure["value"],
                &figure["qualifier"],
                &figure["asOf"]
            ),
            (
                &json!("WORKSTATIONS"),
                &json!(180),
                &json!("ABOUT"),
                &json!("2024-01-01")
            )
        );
        let id = figure["id"].as_str().unwrap().to_owned();
        let shown = app
            .organisation("Stadt Grabow", "figures { id value }")
            .await;
        assert!(
            shown["figures"]
                .as_array()
                .unwrap()
                .contains(&json!({ "id": id, "value": 180 })),
            "{shown}"
        );

        let mut counted = input.clone();
        counted["value"] = json!(184);
        counted["qualifier"] = json!("EXACT");
        let data = editor
            .data(UPDATE_FIGURE, json!({ "id": id, "v": 1, "input": counted }))
            .await;
        assert_eq!(data["updateKeyFigure"]["value"], 184);
        assert_eq!(data["updateKeyFigure"]["version"], 2);
        let node = app
            .node(&id, &format!("... on KeyFigure {{ {FIGURE} }}"))
            .await;
        assert_eq!(node["qualifier"], "EXACT");
        let (operations, mut fields) = history(&app, &id).await;
        fields.sort();
        assert_eq!(operations, ["updateKeyFigure", "createKeyFigure"]);
        assert_eq!(fields, ["qualifier", "value"]);

        editor
            .fails_with(
                "CONFLICT",
                UPDATE_FIGURE,
                json!({ "id": id, "v": 1, "input": input }),
            )
            .await;
        deleted_after_one_change(&app, &editor, "KeyFigure", &id).await;
    }
);

both!(
    bad_values_are_refused_with_the_field_named,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let grabow = app.organisation_id("Stadt Grabow").await;
        let ludwigslust = app.organisation_id("Stadt Ludwigslust").await;
        let person =
            json!({ "organisationId": grabow, "name": "Erika Muster", "role": "Kämmerin" });
        let figure = json!({ "organisationId": grabow, "metric": "STAFF", "value": 12, "qualifier": "EXACT", "asOf": "2024-01-01" });
        let before = app.count_rows("audit_entries").await;

        let wrong_people = [
            ("name", json!(" ")),
            ("role", json!("")),
            ("until", json!("2019-12-31")),
            ("organisationId", json!(nobody())),
            ("sourceId", json!(grabow)),
        ];
        for (field, value) in wrong_people {
            let mut input = person.clone();
            input["since"] = json!("2020-01-01");
            input[field] = value;
            let body = editor
                .graphql(CREATE_PERSON, json!({ "input": input }))
                .await;
            assert_bad_input(&body, &[field]);
        }
        for (field, value) in [("value", json!(-1)), ("value", json!(1_000_000_001_i64))] {
            let mut input = figure.clone();
            input[field] = value;
            let body = editor
                .graphql(CREATE_FIGURE, json!({ "input": input }))
                .await;
            assert_bad_input(&body, &[field]);
        }
        assert_eq!(
            app.count_rows("audit_entries").await,
            before,
            "nothing stored"
        );

        // A person and a figure stay at their organisation.
        let data = editor.data(CREATE_PERSON, json!({ "input": person })).await;
        let id = data["createPerson"]["id"].clone();
        let mut moved = person.clone();
        moved["organisationId"] = json!(ludwigslust);
        let body = editor
            .graphql(UPDATE_PERSON, json!({ "id": id, "v": 1, "input": moved }))
            .await;
        assert_bad_input(&body, &["organisationId"]);
        let data = editor.data(CREATE_FIGURE, json!({ "input": figure })).await;
        let id = data["createKeyFigure"]["id"].clone();
        let mut moved = figure.clone();
        moved["organisationId"] = json!(ludwigslust);
        let body = editor
            .graphql(UPDATE_FIGURE, json!({ "id": id, "v": 1, "input": moved }))
            .await;
        assert_bad_input(&body, &["organisationId"]);
    }
);

both!(only_editors_change_people_and_figures, |app| async move {
    let viewer = app.as_staff("VIEWER").await;
    let grabow = app.organisation_id("Stadt Grabow").await;
    let person = json!({ "organisationId": grabow, "name": "Erika Muster", "role": "Kämmerin" });
    let figure = json!({ "organisationId": grabow, "metric": "STAFF", "value": 12, "qualifier": "EXACT", "asOf": "2024-01-01" });
    let seeded = app
        .organisation("Stadt Grabow", "people { id version }")
        .await;
    let own = &seeded["people"][0];
    let attempts = [
        (CREATE_PERSON, json!({ "input": person })),
        (CREATE_FIGURE, json!({ "input": figure })),
        (
            UPDATE_PERSON,
            json!({ "id": own["id"], "v": own["version"], "input": person }),
        ),
        (
            "mutation($id: ID!, $v: Int!) { deletePerson(id: $id, version: $v) }",
            json!({ "id": own["id"], "v": own["version"] }),
        ),
    ];
    let partner = app.as_partner(json!(["MEMBERS_READ"]), None).await;
    for (query, variables) in &attempts {
        assert_eq!(
            viewer.error_codes(query, variables.clone()).await,
            ["FORBIDDEN"]
        );
        assert_eq!(
            partner.error_codes(query, variables.clone()).await,
            ["FORBIDDEN"]
        );
    }
    let after = app
        .organisation("Stadt Grabow", "people { id version }")
        .await;
    assert_eq!(after, seeded, "nothing changed");
});

both!(
    a_member_token_sees_its_own_people_and_figures_only,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let grabow = app.organisation_id("Stadt Grabow").await;
        let ludwigslust = app.organisation_id("Stadt Ludwigslust").await;
        let mut ids = Vec::new();
        for org in [&grabow, &ludwigslust] {
            let person =
                json!({ "organisationId": org, "name": "Erika Muster", "role": "Kämmerin" });
            let person = editor
                .created_id(CREATE_PERSON, json!({ "input": person }))
                .await;
            let figure = json!({ "organisationId": org, "metric": "STAFF", "value": 12, "qualifier": "EXACT", "asOf": "2024-01-01" });
            let figure = editor
                .created_id(CREATE_FIGURE, json!({ "input": figure }))
                .await;
            ids.push((person, figure));
        }
        let partner = app
            .as_partner(json!(["MEMBERS_READ"]), Some("Stadt Grabow"))
            .await;
        let (own_person, own_figure) = ids[0].clone();
        let (other_person, other_figure) = ids[1].clone();
        assert!(seen(&partner, &own_person).await && seen(&partner, &own_figure).await);
        assert!(
            !seen(&partner, &other_person).await,
            "another member's person"
        );
        assert!(
            !seen(&partner, &other_figure).await,
            "another member's figure"
        );
        let body = partner
            .graphql(
                "query($id: ID!) { node(id: $id) { ... on Organisation { people { id } figures { id } } } }",
                json!({ "id": ludwigslust }),
            )
            .await;
        assert!(
            !body.to_string().contains(&other_person),
            "another member's people through its organisation: {body}"
        );
        // Nor can it change its own member's people: tokens only read.
        let body = partner
            .graphql(
                "mutation($id: ID!) { deletePerson(id: $id, version: 1) }",
                json!({ "id": own_person }),
            )
            .await;
        assert_eq!(codes(&body), ["FORBIDDEN"]);
    }
);

both!(
    the_change_feed_tells_a_member_of_its_own_people_only,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let mut ids = Vec::new();
        for name in ["Stadt Grabow", "Stadt Ludwigslust"] {
            let org = app.organisation_id(name).await;
            let person =
                json!({ "organisationId": org, "name": "Erika Muster", "role": "Kämmerin" });
            let id = editor
                .created_id(CREATE_PERSON, json!({ "input": person }))
                .await;
            editor
                .data(
                    "mutation($id: ID!) { deletePerson(id: $id, version: 1) }",
                    json!({ "id": id }),
                )
                .await;
            ids.push(id);
        }
        let partner = app
            .as_partner(json!(["MEMBERS_READ"]), Some("Stadt Grabow"))
            .await;
        let (mut after, mut heard) = (Value::Null, Vec::new());
        loop {
            let data = partner
                .data(
                    "query($after: String) { changes(after: $after, first: 100, types: [\"Person\"]) {
                        edges { cursor node { recordId operation deleted } } pageInfo { hasNextPage } } }",
                    json!({ "after": after }),
                )
                .await;
            let page = &data["changes"];
            for edge in page["edges"].as_array().unwrap() {
                after = edge["cursor"].clone();
                heard.push(edge["node"].clone());
            }
            if page["pageInfo"]["hasNextPage"] != true {
                break;
            }
        }
        let of = |id: &str| -> Vec<(Value, Value)> {
            heard
                .iter()
                .filter(|node| node["recordId"] == id)
                .map(|node| (node["operation"].clone(), node["deleted"].clone()))
                .collect()
        };
        assert_eq!(
            of(&ids[0]),
            [
                (json!("createPerson"), json!(false)),
                (json!("deletePerson"), json!(true))
            ]
        );
        assert_eq!(of(&ids[1]), [], "another member's person");
    }
);
