//! Rows for tests to insert straight into the database, and what the seeded data set holds.
//!
//! Each row has its bookkeeping columns set, so that `insert_many` (which skips the entity's
//! hooks) takes it too; tests override what they are about with struct update syntax.

use chrono::{NaiveDate, Utc};
use sea_orm::Set;
use verbund::entities::{contract, contract_party, coverage, organisation, person, service};

/// The members on 2019-01-01 (and since), by name.
pub const MEMBERS_2019: [&str; 6] = [
    "Amt Parchimer Umland",
    "Landeshauptstadt Schwerin",
    "Landkreis Ludwigslust-Parchim",
    "Stadt Grabow",
    "Stadt Ludwigslust",
    "Stadt Neustadt-Glewe",
];

/// The two founding members, by name.
pub const FOUNDERS: [&str; 2] = ["Landeshauptstadt Schwerin", "Landkreis Ludwigslust-Parchim"];

/// A day written `YYYY-MM-DD`.
pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|err| panic!("{text}: {err}"))
}

/// An active model of `$entity` with these columns set, and its bookkeeping columns too:
/// created and updated now, version 1.
macro_rules! row {
    ($entity:ident { $($column:ident: $value:expr),* $(,)? }) => {{
        let now = Utc::now();
        $entity::ActiveModel {
            $($column: Set($value),)*
            created_at: Set(now),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        }
    }};
}

/// An organisation of `kind` without short name, key, parent or source.
pub fn organisation_row(name: impl Into<String>, kind: &str) -> organisation::ActiveModel {
    row!(organisation {
        name: name.into(),
        short_name: None,
        kind: kind.to_owned(),
        official_key: None,
        parent_id: None,
        source_id: None,
    })
}

/// A person `name` in `role` at `organisation`, with no dates and no source.
pub fn person_row(organisation: i32, name: &str, role: &str) -> person::ActiveModel {
    row!(person {
        organisation_id: organisation,
        name: name.to_owned(),
        role: role.to_owned(),
        since: None,
        until: None,
        source_id: None,
    })
}

/// A contract: open-ended, no renewal, no notice, unsigned.
pub fn contract_row(title: impl Into<String>) -> contract::ActiveModel {
    row!(contract {
        number: None,
        title: title.into(),
        kind: "SERVICE_AGREEMENT".to_owned(),
        signed_on: None,
        effective_from: None,
        initial_term_months: None,
        initial_term_until: None,
        renewal: "NONE".to_owned(),
        renewal_months: None,
        notice_months: None,
        notice_to: None,
        notice_given_on: None,
        ended_on: None,
        source_id: None,
    })
}

/// A contract signed on `signed_on`, in force from `effective_from` for `initial_term_months`,
/// then renewed by 12 months at a time unless notice arrives 3 months before a term ends.
pub fn renewing_contract_row(
    title: impl Into<String>,
    signed_on: &str,
    effective_from: &str,
    initial_term_months: i32,
) -> contract::ActiveModel {
    contract::ActiveModel {
        signed_on: Set(Some(day(signed_on))),
        effective_from: Set(Some(day(effective_from))),
        initial_term_months: Set(Some(initial_term_months)),
        renewal: Set("TACIT".to_owned()),
        renewal_months: Set(Some(12)),
        notice_months: Set(Some(3)),
        notice_to: Set(Some("END_OF_TERM".to_owned())),
        ..contract_row(title)
    }
}

/// `organisation` as a party to `contract` in `role` (`PROVIDER`, `MEMBER`).
pub fn party_row(contract: i32, organisation: i32, role: &str) -> contract_party::ActiveModel {
    row!(contract_party {
        contract_id: contract,
        organisation_id: organisation,
        role: Some(role.to_owned()),
    })
}

/// A service of category HOSTING, without vendor or description.
pub fn service_row(code: impl Into<String>, name: impl Into<String>) -> service::ActiveModel {
    row!(service {
        code: code.into(),
        name: name.into(),
        category: "HOSTING".to_owned(),
        vendor: None,
        description: None,
        source_id: None,
    })
}

/// A coverage: open-ended, no counts, no source.
pub fn coverage_row(
    contract: Option<i32>,
    service: i32,
    organisation: i32,
    starts_on: NaiveDate,
) -> coverage::ActiveModel {
    row!(coverage {
        contract_id: contract,
        service_id: service,
        organisation_id: organisation,
        starts_on: starts_on,
        ends_on: None,
        workstations: None,
        users: None,
        source_id: None,
    })
}
