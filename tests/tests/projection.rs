//! Lists of many records read only the columns the query asks for: a member's contracts, and
//! a contract's coverages with their services. Every field of `Contract`, `Coverage` and
//! `Service`, asked for alone in such a list, must answer exactly what the record answers
//! when read whole (`node(id:)`), for records with every column filled in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use verbund::entities::{contract, coverage, organisation, service, source};
use verbund::graphql::ids::{self, NodeType};
use verbund::register::totals::{kept, repair};
use verbund_tests::{
    TestApp, both, coverage_row, day, nodes, party_row, renewing_contract_row, service_row,
};

/// One selection per field of `Contract`, with the sub-fields an object needs.
const CONTRACT: &[(&str, &str)] = &[
    ("id", "id"),
    ("number", "number"),
    ("title", "title"),
    ("fileReference", "fileReference"),
    ("kind", "kind"),
    ("signedOn", "signedOn"),
    ("effectiveFrom", "effectiveFrom"),
    ("endsOn", "endsOn"),
    ("noticeGivenOn", "noticeGivenOn"),
    ("endedOn", "endedOn"),
    (
        "terms",
        "terms { initialTermMonths initialTermUntil renewal renewalMonths noticeMonths noticeTo \
         decisionMonths }",
    ),
    ("status", "status(asOf: \"2025-06-01\")"),
    (
        "currentTermEndsOn",
        "currentTermEndsOn(asOf: \"2025-06-01\")",
    ),
    ("noticeDeadline", "noticeDeadline(asOf: \"2025-06-01\")"),
    (
        "nextNotice",
        "nextNotice(asOf: \"2025-06-01\") { deadline endsOn }",
    ),
    ("parties", "parties { role organisation { name } }"),
    ("memberships", "memberships { id }"),
    ("coverages", "coverages { totalCount }"),
    ("reminders", "reminders { dueOn state }"),
    ("decisions", "decisions { kind day state }"),
    (
        "renewals",
        "renewals { renewedOn months until startsOn endsOn }",
    ),
    ("source", "source { title }"),
    ("createdAt", "createdAt"),
    ("updatedAt", "updatedAt"),
    ("version", "version"),
    ("history", "history { totalCount }"),
];

/// One selection per field of `Coverage`.
const COVERAGE: &[(&str, &str)] = &[
    ("id", "id"),
    ("history", "history { totalCount }"),
    ("organisation", "organisation { name }"),
    ("service", "service { id }"),
    ("contract", "contract { title }"),
    ("startsOn", "startsOn"),
    ("endsOn", "endsOn"),
    ("isActive", "isActive(asOf: \"2025-06-01\")"),
    ("workstations", "workstations"),
    ("users", "users"),
    ("source", "source { title }"),
    ("version", "version"),
];

/// One selection per field of `Service`.
const SERVICE: &[(&str, &str)] = &[
    ("id", "id"),
    ("history", "history { totalCount }"),
    ("code", "code"),
    ("name", "name"),
    ("category", "category"),
    ("vendor", "vendor"),
    ("description", "description"),
    ("coverages", "coverages { totalCount }"),
    ("recipientCount", "recipientCount(asOf: \"2025-06-01\")"),
    ("workstations", "workstations(asOf: \"2025-06-01\")"),
    ("source", "source { title }"),
    ("version", "version"),
];

/// Fails unless `selections` has one entry for every field of the GraphQL type `name`.
async fn covers_every_field(app: &TestApp, name: &str, selections: &[(&str, &str)]) {
    let data = app
        .data(
            "query($name: String!) { __type(name: $name) { fields { name } } }",
            json!({ "name": name }),
        )
        .await;
    for field in data["__type"]["fields"].as_array().unwrap() {
        let field = field["name"].as_str().unwrap();
        assert!(
            selections.iter().any(|(covered, _)| *covered == field),
            "no selection for {name}.{field}"
        );
    }
}

/// For each selection: the record read whole by `node(id: record)`, and the same record found
/// by `find` in `node(id: parent)` asked for `list` (a selection with `{selection}` in it).
async fn compare(
    app: &TestApp,
    name: &str,
    selections: &[(&str, &str)],
    record: &str,
    parent: &str,
    list: &str,
    find: impl Fn(&Value) -> Value,
    may_be_null: &[&str],
) {
    covers_every_field(app, name, selections).await;
    for (field, selection) in selections {
        let whole = app
            .node(record, &format!("... on {name} {{ {selection} }}"))
            .await;
        let listed = find(
            &app.node(parent, &list.replace("{selection}", selection))
                .await,
        );
        let key = selection.split(['(', ' ']).next().unwrap();
        assert_eq!(listed[key], whole[key], "{name}.{field}");
        assert!(
            !whole[key].is_null() || may_be_null.contains(field),
            "{name}.{field} is null: the test data should fill it"
        );
    }
}

/// The node with this `id` in a connection.
fn node_with<'a>(connection: &'a Value, id: &str) -> &'a Value {
    nodes(connection)
        .iter()
        .find(|node| node["id"] == id)
        .unwrap_or_else(|| panic!("{id} is not in {connection:#}"))
}

both!(
    each_field_in_a_list_equals_the_whole_record,
    |app| async move {
        let db = app.db();
        let source = source::Entity::find().one(db).await.unwrap().unwrap();
        let grabow = organisation::Entity::find()
            .filter(organisation::Column::Name.eq("Stadt Grabow"))
            .one(db)
            .await
            .unwrap()
            .unwrap();
        let contract = contract::ActiveModel {
            number: Set(Some("V-2020-17".to_owned())),
            file_reference: Set(Some("10.2-KSM/2020/17".to_owned())),
            notice_given_on: Set(Some(day("2025-08-01"))),
            source_id: Set(Some(source.id)),
            version: Set(3),
            ..renewing_contract_row("Rahmenvertrag Druck", "2019-11-20", "2020-01-01", 24)
        }
        .insert(db)
        .await
        .unwrap();
        party_row(contract.id, grabow.id, "MEMBER")
            .insert(db)
            .await
            .unwrap();
        let service = service::ActiveModel {
            vendor: Set(Some("Druckhaus".to_owned())),
            description: Set(Some("Druck und Versand".to_owned())),
            source_id: Set(Some(source.id)),
            version: Set(4),
            ..service_row("DRUCK-ZENTRAL", "Zentraldruck")
        }
        .insert(db)
        .await
        .unwrap();
        let coverage = coverage::ActiveModel {
            ends_on: Set(Some(day("2036-12-31"))),
            workstations: Set(Some(40)),
            users: Set(Some(55)),
            source_id: Set(Some(source.id)),
            version: Set(2),
            ..coverage_row(Some(contract.id), service.id, grabow.id, day("2020-02-01"))
        }
        .insert(db)
        .await
        .unwrap();
        // Written straight into the table: its totals are written afresh.
        repair::rebuild(db, kept::today()).await.unwrap();
        let contract_id = ids::encode(NodeType::Contract, contract.id).to_string();
        let coverage_id = ids::encode(NodeType::Coverage, coverage.id).to_string();
        let service_id = ids::encode(NodeType::Service, service.id).to_string();
        let grabow_id = ids::encode(NodeType::Organisation, grabow.id).to_string();

        // It has not ended; notice has been given, so no further notice is due.
        let contract_nulls = ["endedOn", "noticeDeadline", "nextNotice"];
        compare(
            &app,
            "Contract",
            CONTRACT,
            &contract_id,
            &grabow_id,
            "... on Organisation { contracts(first: 100) { nodes { id {selection} } } }",
            |grabow| node_with(&grabow["contracts"], &contract_id).clone(),
            &contract_nulls,
        )
        .await;
        compare(
            &app,
            "Coverage",
            COVERAGE,
            &coverage_id,
            &contract_id,
            "... on Contract { coverages(first: 100) { nodes { id {selection} } } }",
            |contract| node_with(&contract["coverages"], &coverage_id).clone(),
            &[],
        )
        .await;
        compare(
            &app,
            "Service",
            SERVICE,
            &service_id,
            &contract_id,
            "... on Contract { coverages(first: 100) { nodes { id service { {selection} } } } }",
            |contract| node_with(&contract["coverages"], &coverage_id)["service"].clone(),
            &[],
        )
        .await;
    }
);
