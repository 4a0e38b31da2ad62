//! A member's contracts are read with only the columns the query asks for. Every field of
//! `Contract`, asked for alone in that list, must answer exactly what the contract itself
//! answers when read whole (`node(id:)`), for a contract with every column filled in.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use verbund::entities::{contract, contract_party, organisation, source};
use verbund::graphql::ids;
use verbund_tests::{both, contract_row, nodes};

/// One selection per field of `Contract`, with the sub-fields an object needs.
const SELECTIONS: &[(&str, &str)] = &[
    ("id", "id"),
    ("number", "number"),
    ("title", "title"),
    ("kind", "kind"),
    ("signedOn", "signedOn"),
    ("effectiveFrom", "effectiveFrom"),
    ("endsOn", "endsOn"),
    ("noticeGivenOn", "noticeGivenOn"),
    ("endedOn", "endedOn"),
    (
        "terms",
        "terms { initialTermMonths initialTermUntil renewal renewalMonths noticeMonths noticeTo }",
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
    ("source", "source { title }"),
    ("createdAt", "createdAt"),
    ("updatedAt", "updatedAt"),
    ("version", "version"),
    ("history", "history { totalCount }"),
];

/// Fields that are null for this contract (it has not ended; notice has been given, so no
/// further notice is due).
const MAY_BE_NULL: &[&str] = &["endedOn"];

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

both!(
    each_contract_field_in_a_members_list_equals_the_whole_contract,
    |app| async move {
        let db = app.db();
        let fields: Vec<String> = app
            .data(
                "{ __type(name: \"Contract\") { fields { name } } }",
                json!({}),
            )
            .await["__type"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|field| field["name"].as_str().unwrap().to_owned())
            .collect();
        let covered: Vec<&str> = SELECTIONS.iter().map(|(name, _)| *name).collect();
        for field in &fields {
            assert!(
                covered.contains(&field.as_str()),
                "no selection for Contract.{field}"
            );
        }

        let source = source::Entity::find().one(db).await.unwrap().unwrap();
        let row = contract::ActiveModel {
            number: Set(Some("V-2020-17".to_owned())),
            signed_on: Set(Some(day("2019-11-20"))),
            effective_from: Set(Some(day("2020-01-01"))),
            initial_term_months: Set(Some(24)),
            renewal: Set("TACIT".to_owned()),
            renewal_months: Set(Some(12)),
            notice_months: Set(Some(3)),
            notice_to: Set(Some("END_OF_TERM".to_owned())),
            notice_given_on: Set(Some(day("2025-08-01"))),
            source_id: Set(Some(source.id)),
            version: Set(3),
            ..contract_row("Rahmenvertrag Druck")
        }
        .insert(db)
        .await
        .unwrap();
        let member_id = app.organisation_id("Stadt Grabow").await;
        let raw = organisation::Entity::find()
            .filter(organisation::Column::Name.eq("Stadt Grabow"))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id;
        contract_party::ActiveModel {
            contract_id: Set(row.id),
            organisation_id: Set(raw),
            role: Set(Some("MEMBER".to_owned())),
            created_at: Set(row.created_at),
            updated_at: Set(row.updated_at),
            version: Set(1),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
        let contract_id = ids::encode(ids::NodeType::Contract, row.id).to_string();

        for (field, selection) in SELECTIONS {
            let whole = app
            .data(
                &format!("query($id: ID!) {{ node(id: $id) {{ ... on Contract {{ {selection} }} }} }}"),
                json!({ "id": contract_id }),
            )
            .await["node"]
            .clone();
            let list = app
                .data(
                    &format!(
                        "query($id: ID!) {{ node(id: $id) {{ ... on Organisation {{ \
                     contracts(first: 100) {{ nodes {{ id {selection} }} }} }} }} }}"
                    ),
                    json!({ "id": member_id }),
                )
                .await;
            let listed: &Value = nodes(&list["node"]["contracts"])
                .iter()
                .find(|node| node["id"] == contract_id)
                .unwrap_or_else(|| panic!("the contract is not in the member's list: {list:#}"));
            let field_name = selection.split(['(', ' ']).next().unwrap();
            assert_eq!(listed[field_name], whole[field_name], "Contract.{field}");
            assert!(
                !whole[field_name].is_null() || MAY_BE_NULL.contains(field),
                "Contract.{field} is null: the test data should fill it"
            );
        }
    }
);
