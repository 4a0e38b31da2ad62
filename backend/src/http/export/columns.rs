//! The columns of each list's export and the values of a batch's rows. The records with a
//! declaration (`entities/`) are exported by it: every column it declares, in its order, named
//! as the API names it (a column the API shows inside an object of its own by its name in
//! camelCase), the record's global ID first and references to other records as their global
//! IDs, so a later import can match rows; the bookkeeping timestamps are left out. Deadlines
//! and the audit log have columns of their own, as their API types show them.

use super::params::{Lang, List};
use crate::entities::record::{Named, RecordType};
use crate::graphql::ids::{self, NodeType};
use crate::register::desk::Deadline;
use crate::register::export::{Batch, ContractLine, file_columns};
use crate::register::{Cell, Record};
use crate::register::{
    audit::AuditEntry, contracts::Contract, coverages::Coverage, memberships::Membership,
    organisations::Organisation, services::Service, sources::Source,
};
use chrono::{DateTime, NaiveDate, Utc};

/// One value of an exported row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
    Time(DateTime<Utc>),
    /// An amount in cents, written in euros.
    Euros(i64),
}

/// The columns of one export: each one's stable English key (the JSON key and the English
/// CSV header), in order.
pub type Keys = Vec<String>;

/// The columns of a record with a declaration.
fn record_keys<M: Record>() -> Keys {
    file_columns::<M>().map(|(_, key)| key).collect()
}

/// The record type a reference column names.
fn referenced(key: &str) -> Option<NodeType> {
    RecordType::referenced_by(key)
}

/// A record's values, in the order of [`record_keys`].
fn record_values<M: Record>(row: &M) -> Vec<Value> {
    file_columns::<M>()
        .map(|(index, key)| match (row.cell_at(index), key.as_str()) {
            (Cell::Int(id), "id") => global(M::TYPE, id),
            (Cell::Int(cents), _) if M::FIELDS[index].cents => Value::Euros(cents),
            (Cell::Int(id), key) if referenced(key).is_some() => {
                referenced(key).map_or(Value::Null, |node| global(node, id))
            }
            (cell, _) => value_of(cell),
        })
        .collect()
}

fn value_of(cell: Cell) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Text(text) => Value::Text(text),
        Cell::Int(n) => Value::Int(n),
        Cell::Bool(b) => Value::Bool(b),
        Cell::Date(day) => Value::Date(day),
    }
}

/// A record's global ID, as the API answers it.
fn global(node: NodeType, id: i64) -> Value {
    match i32::try_from(id) {
        Ok(id) => Value::Text(ids::encode(node, id).0),
        Err(_) => Value::Null,
    }
}

fn opt_global(node: NodeType, id: Option<i32>) -> Value {
    id.map_or(Value::Null, |id| global(node, id.into()))
}

/// What a contract has besides its declared columns: derived on the export's day, and its
/// parties (see `register::contracts::parties_cell`).
const CONTRACT_DERIVED: [&str; 3] = ["status", "nextNoticeDeadline", "parties"];

const DEADLINE_KEYS: [&str; 12] = [
    "id",
    "contract",
    "kind",
    "day",
    "dayToAct",
    "state",
    "owner",
    "outcome",
    "note",
    "decidedAt",
    "decidedBy",
    "version",
];

const AUDIT_KEYS: [&str; 10] = [
    "id",
    "at",
    "actorKind",
    "actor",
    "operation",
    "recordType",
    "recordId",
    "requestId",
    "before",
    "after",
];

impl List {
    /// The keys of the columns of the list's export, in order: a list of members has the
    /// columns of organisations.
    pub fn keys(self) -> Keys {
        let fixed = |keys: &[&str]| keys.iter().map(|key| (*key).to_owned()).collect();
        match self {
            Self::Members | Self::Organisations => record_keys::<Organisation>(),
            Self::Memberships => record_keys::<Membership>(),
            Self::Contracts => {
                let mut keys = record_keys::<Contract>();
                keys.extend(CONTRACT_DERIVED.map(str::to_owned));
                keys
            }
            Self::Services => record_keys::<Service>(),
            Self::Coverages => record_keys::<Coverage>(),
            Self::Sources => record_keys::<Source>(),
            Self::Deadlines => fixed(&DEADLINE_KEYS),
            Self::AuditLog => fixed(&AUDIT_KEYS),
        }
    }

    /// The headers of the columns in `lang`: the keys in English, German names in German.
    pub fn headers(self, lang: Lang) -> Vec<String> {
        self.keys()
            .iter()
            .map(|key| crate::sheet::header(key, lang))
            .collect()
    }
}

/// The rows of a batch, each in the order of its sheet's keys.
pub fn rows(batch: &Batch) -> Vec<Vec<Value>> {
    match batch {
        Batch::Organisations(rows) => rows.iter().map(record_values).collect(),
        Batch::Memberships(rows) => rows.iter().map(record_values).collect(),
        Batch::Contracts(rows) => rows.iter().map(contract_values).collect(),
        Batch::Services(rows) => rows.iter().map(record_values).collect(),
        Batch::Coverages(rows) => rows.iter().map(record_values).collect(),
        Batch::Sources(rows) => rows.iter().map(record_values).collect(),
        Batch::Deadlines(rows) => rows.iter().map(deadline_values).collect(),
        Batch::AuditLog(rows) => rows.iter().map(audit_values).collect(),
    }
}

fn text(value: &str) -> Value {
    Value::Text(value.to_owned())
}

fn opt_text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, text)
}

fn contract_values(line: &ContractLine) -> Vec<Value> {
    let mut values = record_values(&line.contract);
    values.push(text(line.status.as_str()));
    values.push(line.notice_deadline.map_or(Value::Null, Value::Date));
    values.push(
        crate::register::contracts::parties_cell(&line.parties).map_or(Value::Null, Value::Text),
    );
    values
}

fn deadline_values(row: &Deadline) -> Vec<Value> {
    vec![
        text(&crate::graphql::desk::deadline_id(row.id).0),
        global(NodeType::Contract, row.contract_id.into()),
        text(row.kind.as_str()),
        Value::Date(row.day),
        Value::Date(row.day_to_act),
        text(row.state.as_str()),
        opt_global(NodeType::User, row.owner_id),
        opt_text(row.outcome.map(|outcome| outcome.as_str())),
        opt_text(row.note.as_deref()),
        row.decided_at.map_or(Value::Null, Value::Time),
        opt_global(NodeType::User, row.decided_by),
        Value::Int(row.version.into()),
    ]
}

fn audit_values(row: &AuditEntry) -> Vec<Value> {
    let record = row
        .record_type
        .parse::<NodeType>()
        .ok()
        .map_or(Value::Null, |node| global(node, row.record_id.into()));
    vec![
        text(&row.id.to_string()),
        Value::Time(row.at),
        text(&row.actor_kind),
        text(&row.actor_name),
        text(&row.operation),
        text(&row.record_type),
        record,
        opt_text(row.request_id.as_deref()),
        opt_text(row.before.as_deref()),
        opt_text(row.after.as_deref()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_german_header_and_the_id_comes_first() {
        for list in List::ALL {
            let keys = list.keys();
            assert_eq!(keys.first().map(String::as_str), Some("id"), "{list:?}");
            for key in &keys {
                assert!(
                    crate::sheet::german::header(key).is_some(),
                    "{list:?}: {key}"
                );
            }
        }
    }
}
