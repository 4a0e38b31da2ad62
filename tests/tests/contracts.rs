//! Contracts: status derived from dates, the list's filters, and term arithmetic (BGB §§ 187,
//! 188) on a contract with a tacit renewal and a notice period.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde_json::{Value, json};
use verbund::entities::contract;
use verbund_tests::{TestApp, assert_same_fields, both, nodes};

const FOUNDING: &str = "Gründungsvertrag des Kommunalservice Mecklenburg";
const LUDWIGSLUST: &str = "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Ludwigslust";
const NEUSTADT: &str = "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Neustadt-Glewe";
const GRABOW: &str = "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Grabow und des Amtes Parchimer Umland";

/// The titles of the contracts `contracts(asOf, filter)` lists, in its order.
async fn titles(app: &TestApp, as_of: &str, filter: Value) -> Vec<String> {
    let data = app
        .data(
            "query($asOf: Date, $filter: ContractFilter) {
                contracts(asOf: $asOf, filter: $filter, first: 100) { totalCount nodes { title } }
            }",
            json!({ "asOf": as_of, "filter": filter }),
        )
        .await;
    let found: Vec<String> = nodes(&data["contracts"])
        .iter()
        .map(|node| node["title"].as_str().expect("title").to_owned())
        .collect();
    assert_eq!(data["contracts"]["totalCount"], found.len(), "{data:#}");
    found
}

/// The contract with this title, with the fields asked for.
async fn contract(app: &TestApp, title: &str, fields: &str) -> Value {
    let data = app
        .data(
            &format!("{{ contracts(first: 100) {{ nodes {{ title {fields} }} }} }}"),
            json!({}),
        )
        .await;
    nodes(&data["contracts"])
        .iter()
        .find(|node| node["title"] == title)
        .cloned()
        .unwrap_or_else(|| panic!("no contract {title}: {data:#}"))
}

both!(status_follows_signing_and_effect, |app| async move {
    let grabow = contract(
        &app,
        GRABOW,
        r#"signedOn effectiveFrom endsOn
           draft: status(asOf: "2018-09-01")
           lastDraftDay: status(asOf: "2018-09-24")
           signed: status(asOf: "2018-09-25")
           october: status(asOf: "2018-10-01")
           stillSigned: status(asOf: "2018-12-31")
           inForce: status(asOf: "2019-01-01")
           currentTermEndsOn(asOf: "2019-06-01") noticeDeadline(asOf: "2019-06-01")
           nextNotice(asOf: "2019-06-01") { deadline }"#,
    )
    .await;
    assert_eq!(grabow["signedOn"], "2018-09-25");
    assert_eq!(grabow["effectiveFrom"], "2019-01-01");
    assert_eq!(grabow["draft"], "DRAFT");
    assert_eq!(grabow["lastDraftDay"], "DRAFT");
    assert_eq!(grabow["signed"], "SIGNED");
    assert_eq!(grabow["october"], "SIGNED");
    assert_eq!(grabow["stillSigned"], "SIGNED");
    assert_eq!(grabow["inForce"], "IN_FORCE");
    // Open-ended, without notice rules: no term end, no deadline.
    assert_eq!(grabow["endsOn"], Value::Null);
    assert_eq!(grabow["currentTermEndsOn"], Value::Null);
    assert_eq!(grabow["noticeDeadline"], Value::Null);
    assert_eq!(grabow["nextNotice"], Value::Null);

    let founding = contract(
        &app,
        FOUNDING,
        r#"signedOn effectiveFrom kind terms { renewal initialTermMonths noticeMonths }
           before: status(asOf: "2013-08-25") signed: status(asOf: "2013-09-30")
           inForce: status(asOf: "2013-10-01") today: status"#,
    )
    .await;
    assert_eq!(founding["signedOn"], "2013-08-26");
    assert_eq!(founding["effectiveFrom"], "2013-10-01");
    assert_eq!(founding["kind"], "PUBLIC_LAW_CONTRACT");
    assert_eq!(
        founding["terms"],
        json!({ "renewal": "NONE", "initialTermMonths": null, "noticeMonths": null })
    );
    assert_eq!(founding["before"], "DRAFT");
    assert_eq!(founding["signed"], "SIGNED");
    assert_eq!(founding["inForce"], "IN_FORCE");
    assert_eq!(founding["today"], "IN_FORCE");
});

both!(filter_by_status, |app| async move {
    let in_force = titles(&app, "2018-06-30", json!({ "status": ["IN_FORCE"] })).await;
    assert_eq!(in_force, [FOUNDING, LUDWIGSLUST, NEUSTADT]);
    let signed = titles(&app, "2018-10-01", json!({ "status": ["SIGNED"] })).await;
    assert_eq!(signed, [GRABOW]);
    let draft = titles(&app, "2018-06-30", json!({ "status": ["DRAFT", "SIGNED"] })).await;
    assert_eq!(draft, [GRABOW]);
    let ended = titles(&app, "2019-06-30", json!({ "status": ["ENDED"] })).await;
    assert!(ended.is_empty(), "{ended:?}");
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
    let found = titles(&app, "2019-01-01", json!({ "partyId": ksm })).await;
    assert_eq!(found, [LUDWIGSLUST, NEUSTADT, GRABOW]);
});

both!(filter_in_force_on_kind_and_search, |app| async move {
    let found = titles(&app, "2030-01-01", json!({ "inForceOn": "2016-06-01" })).await;
    assert_eq!(found, [FOUNDING, LUDWIGSLUST]);
    let found = titles(&app, "2030-01-01", json!({ "inForceOn": "2016-03-31" })).await;
    assert_eq!(found, [FOUNDING]);

    let found = titles(
        &app,
        "2019-01-01",
        json!({ "kind": ["PUBLIC_LAW_CONTRACT"] }),
    )
    .await;
    assert_eq!(found, [FOUNDING, LUDWIGSLUST, NEUSTADT, GRABOW]);
    let found = titles(&app, "2019-01-01", json!({ "kind": ["SERVICE_AGREEMENT"] })).await;
    assert!(found.is_empty(), "{found:?}");

    let found = titles(&app, "2019-01-01", json!({ "search": "neustadt" })).await;
    assert_eq!(found, [NEUSTADT]);
    let found = titles(&app, "2019-01-01", json!({ "search": "BEITRITT" })).await;
    assert_eq!(found, [LUDWIGSLUST, NEUSTADT, GRABOW]);
    // `%` is taken literally, not as a wildcard.
    let found = titles(&app, "2019-01-01", json!({ "search": "%" })).await;
    assert!(found.is_empty(), "{found:?}");
});

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
        ]
    );
});

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// In force from 2019-01-01 for 36 months, then renewed by 12 months at a time unless notice
/// arrives 3 months before a term ends: the example of PRODUCT.md.
async fn insert_service_agreement(
    db: &DatabaseConnection,
    title: &str,
    notice_given_on: Option<&str>,
) {
    contract::ActiveModel {
        signed_on: Set(Some(day("2018-12-01"))),
        effective_from: Set(Some(day("2019-01-01"))),
        initial_term_months: Set(Some(36)),
        renewal: Set("TACIT".to_owned()),
        renewal_months: Set(Some(12)),
        notice_months: Set(Some(3)),
        notice_to: Set(Some("END_OF_TERM".to_owned())),
        notice_given_on: Set(notice_given_on.map(day)),
        ..verbund_tests::contract_row(title.to_owned())
    }
    .insert(db)
    .await
    .expect("inserting a contract");
}

const RUNNING: &str = "Dienstleistungsvertrag Arbeitsplatzbetreuung";
const NOTICED: &str = "Dienstleistungsvertrag Hosting (gekündigt)";

both!(terms_renew_tacitly_until_notice, |app| async move {
    insert_service_agreement(app.db(), RUNNING, None).await;
    let running = contract(
        &app,
        RUNNING,
        r#"kind endsOn
           terms { initialTermMonths renewal renewalMonths noticeMonths noticeTo }
           signed: status(asOf: "2018-12-01") inForce: status(asOf: "2021-12-31")
           renewed: status(asOf: "2022-01-01")
           firstTerm: currentTermEndsOn(asOf: "2021-06-01")
           lastDayOfFirstTerm: currentTermEndsOn(asOf: "2021-12-31")
           secondTerm: currentTermEndsOn(asOf: "2022-01-01")
           startOfFirstTerm: currentTermEndsOn(asOf: "2019-01-01")
           deadlineEarly: noticeDeadline(asOf: "2021-06-01")
           deadlineOnTheDay: noticeDeadline(asOf: "2021-09-30")
           deadlineMissed: noticeDeadline(asOf: "2021-10-01")
           nextNotice(asOf: "2021-10-01") { deadline endsOn }"#,
    )
    .await;
    assert_eq!(running["kind"], "SERVICE_AGREEMENT");
    assert_eq!(
        running["terms"],
        json!({
            "initialTermMonths": 36, "renewal": "TACIT", "renewalMonths": 12,
            "noticeMonths": 3, "noticeTo": "END_OF_TERM",
        })
    );
    assert_eq!(running["endsOn"], Value::Null, "a tacit renewal runs on");
    assert_eq!(running["signed"], "SIGNED");
    assert_eq!(running["inForce"], "IN_FORCE");
    assert_eq!(running["renewed"], "IN_FORCE");
    assert_eq!(running["startOfFirstTerm"], "2021-12-31");
    assert_eq!(running["firstTerm"], "2021-12-31");
    assert_eq!(running["lastDayOfFirstTerm"], "2021-12-31");
    assert_eq!(running["secondTerm"], "2022-12-31");
    assert_eq!(running["deadlineEarly"], "2021-09-30");
    assert_eq!(running["deadlineOnTheDay"], "2021-09-30");
    assert_eq!(running["deadlineMissed"], "2022-09-30");
    assert_eq!(
        running["nextNotice"],
        json!({ "deadline": "2022-09-30", "endsOn": "2022-12-31" })
    );
});

both!(
    notice_ends_the_contract_at_the_end_of_the_term,
    |app| async move {
        insert_service_agreement(app.db(), NOTICED, Some("2021-09-15")).await;
        let noticed = contract(
            &app,
            NOTICED,
            r#"endsOn noticeGivenOn
           before: status(asOf: "2021-09-14")
           given: status(asOf: "2021-10-01") lastDay: status(asOf: "2021-12-31")
           ended: status(asOf: "2022-01-01")
           deadlineBefore: noticeDeadline(asOf: "2021-09-01")
           deadlineAfter: noticeDeadline(asOf: "2021-10-01")"#,
        )
        .await;
        assert_eq!(noticed["noticeGivenOn"], "2021-09-15");
        assert_eq!(noticed["endsOn"], "2021-12-31");
        assert_eq!(noticed["before"], "IN_FORCE");
        assert_eq!(noticed["given"], "NOTICE_GIVEN");
        assert_eq!(noticed["lastDay"], "NOTICE_GIVEN");
        assert_eq!(noticed["ended"], "ENDED");
        assert_eq!(noticed["deadlineBefore"], "2021-09-30");
        assert_eq!(
            noticed["deadlineAfter"],
            Value::Null,
            "no notice after notice"
        );
    }
);

both!(deadline_filters_find_the_agreements, |app| async move {
    insert_service_agreement(app.db(), RUNNING, None).await;
    insert_service_agreement(app.db(), NOTICED, Some("2021-09-15")).await;

    // Both terms end on 2021-12-31; the open-ended joining contracts never do.
    let found = titles(&app, "2021-10-01", json!({ "endingBefore": "2022-01-01" })).await;
    assert_eq!(found, [RUNNING, NOTICED]);
    let found = titles(&app, "2021-10-01", json!({ "endingBefore": "2021-12-31" })).await;
    assert!(
        found.is_empty(),
        "the end day itself is not before: {found:?}"
    );
    // Once renewed, the running one ends a year later; the noticed one has ended.
    let found = titles(&app, "2022-01-01", json!({ "endingBefore": "2023-01-01" })).await;
    assert_eq!(found, [RUNNING]);

    // Before 2021-09-15 both still need notice by 2021-09-30.
    let found = titles(
        &app,
        "2021-06-01",
        json!({ "noticeDeadlineBefore": "2021-10-01" }),
    )
    .await;
    assert_eq!(found, [RUNNING, NOTICED]);
    // After it, only the running one does, by the next term's deadline.
    let found = titles(
        &app,
        "2021-10-01",
        json!({ "noticeDeadlineBefore": "2022-10-01" }),
    )
    .await;
    assert_eq!(found, [RUNNING]);
    let found = titles(
        &app,
        "2021-10-01",
        json!({ "noticeDeadlineBefore": "2022-09-30" }),
    )
    .await;
    assert!(found.is_empty(), "{found:?}");

    let found = titles(&app, "2021-10-01", json!({ "status": ["NOTICE_GIVEN"] })).await;
    assert_eq!(found, [NOTICED]);
    let found = titles(&app, "2022-01-01", json!({ "status": ["ENDED"] })).await;
    assert_eq!(found, [NOTICED]);
    let found = titles(
        &app,
        "2022-01-01",
        json!({ "inForceOn": "2021-12-31", "kind": ["SERVICE_AGREEMENT"] }),
    )
    .await;
    assert_eq!(found, [RUNNING, NOTICED]);
});

/// Titles and names are German: "Öffentlich-rechtlicher Vertrag" must be found by "öffentlich"
/// and by "ÖFFENTLICH", not only by ASCII letters.
async fn search_beyond_ascii(app: TestApp) {
    for search in [
        "öffentlich",
        "ÖFFENTLICH",
        "Öffentlich-rechtlicher",
        "ÜBER DEN BEITRITT",
    ] {
        let found = titles(&app, "2019-01-01", json!({ "search": search })).await;
        assert_eq!(found, [LUDWIGSLUST, NEUSTADT, GRABOW], "search {search:?}");
    }
}

both!(search_ignores_case_beyond_ascii, search_beyond_ascii);

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

/// Sets a contract's day it takes effect (`None`: none) through `amendContract`; answers
/// the contract's new version.
async fn take_effect(
    editor: &TestApp,
    (id, version): &(String, Value),
    title: &str,
    effective_from: Option<&str>,
) -> Value {
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
        let created = editor
            .data(
                "mutation { createOrganisation(input: {name: \"Gemeinde Reihenfolge\",
                kind: GEMEINDE, officialKey: \"13076999\"}) { id } }",
                json!({}),
            )
            .await;
        let member = created["createOrganisation"]["id"].as_str().expect("id");
        let mut contracts = std::collections::HashMap::new();
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
            let found = contracts_of(&app, member, first).await;
            assert_eq!(
                found,
                ["Vertrag A", "Vertrag B", "Vertrag C", "Entwurf"],
                "{first}"
            );
        }

        // A contract's new day moves it in its members' lists.
        take_effect(
            &editor,
            &contracts["Vertrag A"],
            "Vertrag A",
            Some("2023-01-01"),
        )
        .await;
        let found = contracts_of(&app, member, 2).await;
        assert_eq!(found, ["Vertrag B", "Vertrag C", "Vertrag A", "Entwurf"]);

        // The draft takes effect first of all; a contract loses its day and goes last.
        take_effect(
            &editor,
            &contracts["Entwurf"],
            "Entwurf",
            Some("2019-06-01"),
        )
        .await;
        take_effect(&editor, &contracts["Vertrag C"], "Vertrag C", None).await;
        let found = contracts_of(&app, member, 1).await;
        assert_eq!(found, ["Entwurf", "Vertrag B", "Vertrag A", "Vertrag C"]);

        // A party added later takes its contract's day too.
        let b = &contracts["Vertrag B"];
        let version = take_effect(&editor, b, "Vertrag B", Some("2001-01-01")).await;
        let other = app.organisation_id("Stadt Grabow").await;
        let before = contracts_of(&app, &other, 1).await;
        assert!(!before.is_empty() && !before.contains(&"Vertrag B".to_owned()));
        editor
            .data(
                "mutation($id: ID!, $v: Int!, $org: ID!) { addContractParty(contractId: $id,
                version: $v, party: {organisationId: $org, role: \"MEMBER\"}) { version } }",
                json!({ "id": b.0, "v": version, "org": other }),
            )
            .await;
        let after = contracts_of(&app, &other, 1).await;
        assert_eq!(after[0], "Vertrag B", "{after:?}");
        assert_eq!(after[1..], before[..]);
    }
);

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
