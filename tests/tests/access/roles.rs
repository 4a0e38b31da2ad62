//! What anonymous callers, each staff role and a member-limited partner token may read and
//! change, on every path: roots, `node` and relations.

use serde_json::{Value, json};
use verbund_tests::{both, codes, names, nodes};

use crate::LUDWIGSLUST;

both!(
    anonymous_callers_see_nothing_but_the_login,
    |app| async move {
        let anonymous = app.anonymous();
        let body = anonymous.graphql("{ me { name } }", json!({})).await;
        assert_eq!(body["data"]["me"], Value::Null, "{body}");
        assert!(body.get("errors").is_none(), "{body}");
        let ludwigslust = app.organisation_id(LUDWIGSLUST).await;
        for (query, variables) in [
            ("{ members { totalCount } }", json!({})),
            ("{ organisations { totalCount } }", json!({})),
            ("{ contracts { totalCount } }", json!({})),
            ("{ services { totalCount } }", json!({})),
            ("{ coverages { totalCount } }", json!({})),
            ("{ statistics { memberCount } }", json!({})),
            ("{ auditLog { totalCount } }", json!({})),
            ("{ users { name } }", json!({})),
            (
                "query($id: ID!) { node(id: $id) { id } }",
                json!({ "id": ludwigslust }),
            ),
        ] {
            assert_eq!(
                anonymous.error_codes(query, variables).await,
                ["UNAUTHENTICATED"],
                "{query}"
            );
        }
        let (id, version) = app.first_service().await;
        let body = anonymous.rename_service(&id, version, "x").await;
        assert_eq!(codes(&body), ["UNAUTHENTICATED"]);
    }
);

both!(each_role_can_do_exactly_what_it_should, |app| async move {
    let viewer = app.as_staff("VIEWER").await;
    let editor = app.as_staff("EDITOR").await;
    let (id, version) = app.first_service().await;

    // Everyone signed in reads.
    for who in [&viewer, &editor, &app] {
        let data = who
            .data("{ members { totalCount } me { role } }", json!({}))
            .await;
        assert_eq!(data["members"]["totalCount"], 13);
    }
    // A viewer changes nothing.
    let body = viewer.rename_service(&id, version, "Betrieb").await;
    assert_eq!(codes(&body), ["FORBIDDEN"]);
    // An editor edits the register...
    let body = editor.rename_service(&id, version, "Betrieb").await;
    assert_eq!(
        body["data"]["updateService"]["version"],
        version + 1,
        "{body}"
    );
    // ...but manages neither accounts nor tokens nor reads the audit log.
    let create_user = "mutation { createUser(input: {name: \"neu\", role: VIEWER, password: \"correct horse battery\"}) { name } }";
    for (who, query) in [
        (&editor, "{ users { name } }"),
        (&editor, "{ apiTokens { name } }"),
        (&editor, "{ auditLog { totalCount } }"),
        (&editor, create_user),
        (&viewer, create_user),
    ] {
        assert_eq!(
            who.error_codes(query, json!({})).await,
            ["FORBIDDEN"],
            "{query}"
        );
    }
    // An admin does all of it.
    let data = app.data(create_user, json!({})).await;
    assert_eq!(data["createUser"]["name"], "neu");
    let data = app
        .data("{ users { name role } auditLog { totalCount } }", json!({}))
        .await;
    assert!(
        data["users"]
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["name"] == "neu")
    );
    assert!(data["auditLog"]["totalCount"].as_i64().unwrap() >= 2);
    let _ = app.partner_token(json!(["MEMBERS_READ"]), None).await;
});

both!(
    a_scoped_token_sees_only_its_members_data_on_every_path,
    |app| async move {
        let town = app
            .as_partner(
                json!(["MEMBERS_READ", "CONTRACTS_READ", "COVERAGE_READ"]),
                Some(LUDWIGSLUST),
            )
            .await;
        let other = app.organisation_id("Stadt Grabow").await;

        let data = town.data("{ members(first: 100) { totalCount nodes { name parent { name } } } organisations(first: 100) { nodes { name } } }", json!({})).await;
        assert_eq!(names(&data["members"]), [LUDWIGSLUST]);
        assert_eq!(data["members"]["totalCount"], 1);
        assert_eq!(
            data["members"]["nodes"][0]["parent"],
            Value::Null,
            "the district is not the town's"
        );
        assert_eq!(names(&data["organisations"]), [LUDWIGSLUST]);

        // node(id:) of another member: as if it did not exist.
        assert_eq!(town.node(&other, "id").await, Value::Null);

        // Contracts: only its own, with only its own party; the memberships under them likewise.
        let data = town
        .data(
            "{ contracts(first: 20) { nodes { title parties { organisation { name } }
                 memberships { organisation { name } } coverages(first: 10) { nodes { organisation { name } } } } } }",
            json!({}),
        )
        .await;
        let contracts = nodes(&data["contracts"]);
        assert!(!contracts.is_empty());
        for contract in contracts {
            for party in contract["parties"].as_array().unwrap() {
                assert_eq!(party["organisation"]["name"], LUDWIGSLUST, "{contract}");
            }
            for membership in contract["memberships"].as_array().unwrap() {
                assert_eq!(membership["organisation"]["name"], LUDWIGSLUST);
            }
            for coverage in nodes(&contract["coverages"]) {
                assert_eq!(coverage["organisation"]["name"], LUDWIGSLUST);
            }
        }
        let staff_view = app.data("{ contracts { totalCount } }", json!({})).await;
        assert!(staff_view["contracts"]["totalCount"].as_i64().unwrap() > contracts.len() as i64);

        // Coverage: the root list and a service's recipients show only the town.
        let data = town
        .data(
            "{ coverages(first: 100) { nodes { organisation { name } } }
               services(first: 10, filter: {category: [CORE_ADMINISTRATION]}) { nodes { coverages(first: 100) { totalCount nodes { organisation { name } } } } } }",
            json!({}),
        )
        .await;
        for coverage in nodes(&data["coverages"]) {
            assert_eq!(coverage["organisation"]["name"], LUDWIGSLUST);
        }
        let recipients = &nodes(&data["services"])[0]["coverages"];
        assert_eq!(recipients["totalCount"], 1, "{recipients}");

        // Totals over every member are not the town's to see; nor is the history (it names
        // staff).
        let ludwigslust = app.organisation_id(LUDWIGSLUST).await;
        for (query, variables) in [
            ("{ statistics { memberCount } }", json!({})),
            (
                "query($id: ID!) { node(id: $id) { ... on Organisation { history { totalCount } } } }",
                json!({ "id": ludwigslust }),
            ),
        ] {
            assert_eq!(town.error_codes(query, variables).await, ["FORBIDDEN"]);
        }

        // A token without the contracts scope reads no contracts on any path.
        let members_only = app
            .as_partner(json!(["MEMBERS_READ"]), Some(LUDWIGSLUST))
            .await;
        for query in [
            "{ contracts { totalCount } }",
            "{ members { nodes { name contracts { totalCount } } } }",
            "{ services { totalCount } }",
        ] {
            assert_eq!(
                members_only.error_codes(query, json!({})).await,
                ["FORBIDDEN"],
                "{query}"
            );
        }
    }
);
