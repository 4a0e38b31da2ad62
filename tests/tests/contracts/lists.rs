//! The contract list: its filters by status, party, day in force, kind and search, its
//! orders, and plain fields answering as the full resolvers do.

use serde_json::{Value, json};
use verbund_tests::{assert_same_fields, both, nodes};

use crate::{FOUNDING, GRABOW, LUDWIGSLUST, NEUSTADT, and_later, assert_titles};

both!(filter_by_status, |app| async move {
    assert_titles(
        &app,
        &[
            (
                "2018-06-30",
                json!({ "status": ["IN_FORCE"] }),
                &[FOUNDING, LUDWIGSLUST, NEUSTADT],
            ),
            ("2018-10-01", json!({ "status": ["SIGNED"] }), &[GRABOW]),
            (
                "2018-06-30",
                json!({ "status": ["DRAFT", "SIGNED"] }),
                and_later(&[GRABOW]).as_slice(),
            ),
            ("2019-06-30", json!({ "status": ["ENDED"] }), &[]),
        ],
    )
    .await;
});

both!(filter_by_party, |app| async move {
    let grabow = app.organisation_id("Stadt Grabow").await;
    let data = app
        .data(
            "query($id: ID) { contracts(filter: {partyId: $id}) {
                totalCount nodes { title parties { role organisation { name } } } } }",
            json!({ "id": grabow }),
        )
        .await;
    assert_eq!(data["contracts"]["totalCount"], 1);
    let found = &nodes(&data["contracts"])[0];
    assert_eq!(found["title"], GRABOW);
    let mut parties: Vec<(String, String)> = found["parties"]
        .as_array()
        .expect("parties")
        .iter()
        .map(|party| {
            (
                party["organisation"]["name"].as_str().unwrap().to_owned(),
                party["role"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    parties.sort();
    assert_eq!(
        parties,
        [
            ("Amt Parchimer Umland".to_owned(), "MEMBER".to_owned()),
            (
                "Kommunalservice Mecklenburg".to_owned(),
                "PROVIDER".to_owned()
            ),
            ("Stadt Grabow".to_owned(), "MEMBER".to_owned()),
        ]
    );
    // The provider is a party to every joining contract, not to the founding one.
    let ksm = app.organisation_id("Kommunalservice Mecklenburg").await;
    assert_titles(
        &app,
        &[(
            "2019-01-01",
            json!({ "partyId": ksm }),
            and_later(&[LUDWIGSLUST, NEUSTADT, GRABOW]).as_slice(),
        )],
    )
    .await;
});

both!(filter_in_force_on_kind_and_search, |app| async move {
    assert_titles(
        &app,
        &[
            (
                "2030-01-01",
                json!({ "inForceOn": "2016-06-01" }),
                &[FOUNDING, LUDWIGSLUST],
            ),
            (
                "2030-01-01",
                json!({ "inForceOn": "2016-03-31" }),
                &[FOUNDING],
            ),
            (
                "2019-01-01",
                json!({ "kind": ["PUBLIC_LAW_CONTRACT"] }),
                and_later(&[FOUNDING, LUDWIGSLUST, NEUSTADT, GRABOW]).as_slice(),
            ),
            ("2019-01-01", json!({ "kind": ["SERVICE_AGREEMENT"] }), &[]),
            ("2019-01-01", json!({ "search": "neustadt" }), &[NEUSTADT]),
            (
                "2019-01-01",
                json!({ "search": "BEITRITT" }),
                and_later(&[LUDWIGSLUST, NEUSTADT, GRABOW]).as_slice(),
            ),
            // `%` is taken literally, not as a wildcard.
            ("2019-01-01", json!({ "search": "%" }), &[]),
        ],
    )
    .await;
});

/// Titles and names are German: "Öffentlich-rechtlicher Vertrag" must be found by "öffentlich"
/// and by "ÖFFENTLICH", not only by ASCII letters.
async fn search_beyond_ascii(app: verbund_tests::TestApp) {
    let all = and_later(&[LUDWIGSLUST, NEUSTADT, GRABOW]);
    let cases: Vec<_> = [
        "öffentlich",
        "ÖFFENTLICH",
        "Öffentlich-rechtlicher",
        "ÜBER DEN BEITRITT",
    ]
    .into_iter()
    .map(|search| ("2019-01-01", json!({ "search": search }), all.as_slice()))
    .collect();
    assert_titles(&app, &cases).await;
}

both!(search_ignores_case_beyond_ascii, search_beyond_ascii);

both!(contracts_are_ordered, |app| async move {
    let data = app
        .data(
            "{ bySigning: contracts(orderBy: {field: SIGNED_ON, direction: DESC}) { nodes { signedOn } }
               byEffect: contracts { nodes { effectiveFrom } } }",
            json!({}),
        )
        .await;
    let column = |list: &str, field: &str| -> Vec<Value> {
        nodes(&data[list])
            .iter()
            .map(|n| n[field].clone())
            .collect()
    };
    assert_eq!(
        column("bySigning", "signedOn"),
        [
            json!("2021-02-24"),
            json!("2021-02-24"),
            json!("2021-02-24"),
            json!("2021-02-24"),
            json!("2019-12-18"),
            json!("2019-12-18"),
            json!("2019-12-18"),
            json!("2018-09-25"),
            json!("2018-01-26"),
            json!("2016-03-30"),
            json!("2013-08-26"),
        ]
    );
    assert_eq!(
        column("byEffect", "effectiveFrom"),
        [
            json!("2013-10-01"),
            json!("2016-04-01"),
            json!("2018-01-01"),
            json!("2019-01-01"),
            json!("2020-01-01"),
            json!("2020-01-01"),
            json!("2020-01-01"),
            json!("2021-06-10"),
            json!("2021-06-10"),
            json!("2021-06-10"),
            json!("2021-06-10"),
        ]
    );
});

// Contracts in a list are answered straight from their rows when only plain fields are asked
// for; the answer must be the one the full resolvers give, whatever shape the selection has.
both!(plain_and_resolved_contract_fields_agree, |app| async move {
    let plain = app
        .data(
            "{ contracts(first: 20) { nodes { __typename id number title again: title title } }
                   members(first: 5) { nodes { contracts(first: 3) { nodes { id title } } } } }",
            json!({}),
        )
        .await;
    // A fragment, a directive and a field that needs more than the row: the usual way.
    let resolved = app
            .data(
                "fragment C on Contract { id number }
                 { contracts(first: 20) { nodes { __typename ...C title again: title @include(if: true) status } }
                   members(first: 5) { nodes { contracts(first: 3) { nodes { id title @skip(if: false) } } } } }",
                json!({}),
            )
            .await;
    let plain_nodes = nodes(&plain["contracts"]);
    let resolved_nodes = nodes(&resolved["contracts"]);
    assert!(plain_nodes.len() >= 4, "{plain:#}");
    assert_same_fields(
        plain_nodes,
        resolved_nodes,
        &["__typename", "id", "number", "title", "again"],
    );
    for (p, r) in plain_nodes.iter().zip(resolved_nodes) {
        assert_eq!(p["__typename"], "Contract");
        assert!(r["status"].is_string(), "{r}");
    }
    assert_eq!(plain["members"], resolved["members"]);
    assert!(
        nodes(&plain["members"])
            .iter()
            .any(|m| !nodes(&m["contracts"]).is_empty()),
        "{plain:#}"
    );
});

both!(
    a_file_reference_is_kept_shown_searched_and_in_the_history,
    |app| async move {
        let editor = app.as_staff("EDITOR").await;
        let found = editor
            .data(
                "{ contracts(filter: {search: \"Grabow\"}) { nodes { id version kind title } } }",
                json!({}),
            )
            .await;
        let contract = &nodes(&found["contracts"])[0];
        let amended = editor
            .data(
                "mutation($id: ID!, $version: Int!, $title: String!, $kind: ContractKind!) {
                amendContract(id: $id, version: $version,
                    input: {title: $title, kind: $kind, fileReference: \" 10.2-KSM/2018/04 \"}) {
                    fileReference version } }",
                json!({
                    "id": contract["id"], "version": contract["version"],
                    "title": contract["title"], "kind": contract["kind"],
                }),
            )
            .await;
        assert_eq!(
            amended["amendContract"]["fileReference"],
            "10.2-KSM/2018/04"
        );
        let searched = editor
        .data(
            "{ contracts(filter: {search: \"ksm/2018\"}) { totalCount nodes { title fileReference } } }",
            json!({}),
        )
        .await;
        assert_eq!(searched["contracts"]["totalCount"], 1);
        assert_eq!(nodes(&searched["contracts"])[0]["title"], contract["title"]);
        let history = editor
            .data(
                "query($id: ID!) { node(id: $id) { ... on Contract { history(first: 1) {
                nodes { operation after changes { field before after } } } } } }",
                json!({ "id": contract["id"] }),
            )
            .await;
        let entry = &nodes(&history["node"]["history"])[0];
        assert_eq!(entry["operation"], "amendContract");
        assert!(
            entry["after"]
                .as_str()
                .unwrap()
                .contains("\"file_reference\":\"10.2-KSM/2018/04\""),
            "{entry}"
        );
        let change =
            json!({ "field": "fileReference", "before": "null", "after": "\"10.2-KSM/2018/04\"" });
        assert!(
            entry["changes"].as_array().unwrap().contains(&change),
            "the change names the API's field: {entry}"
        );
        let refused = editor
            .graphql(
                "mutation($id: ID!, $version: Int!, $title: String!, $kind: ContractKind!) {
                amendContract(id: $id, version: $version,
                    input: {title: $title, kind: $kind, fileReference: \"a\\nb\"}) { id } }",
                json!({
                    "id": contract["id"], "version": amended["amendContract"]["version"],
                    "title": contract["title"], "kind": contract["kind"],
                }),
            )
            .await;
        assert_eq!(
            refused["errors"][0]["extensions"]["field"], "fileReference",
            "{refused}"
        );
    }
);
