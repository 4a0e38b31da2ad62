//! Changing the people and key figures of an organisation: the inputs as the API takes them,
//! handed to the register as the domain crate's drafts.

use async_graphql::{ID, InputObject};
use verbund_shared::people::{KeyFigureDraft, PersonDraft};

use super::people::{KeyFigure, Metric, Person, Qualifier};
use crate::error::ApiResult;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::object::record_mutations;
use crate::graphql::scalars::Date;
use crate::register::people::{KeyFigure as FigureRow, Person as PersonRow};

/// A person's fields.
#[derive(Debug, InputObject)]
pub struct PersonInput {
    /// The organisation the person holds the role at (a person cannot move to another one).
    organisation_id: ID,
    /// The person's name.
    name: String,
    /// The role, e.g. "Bürgermeister".
    role: String,
    /// The first day in the role, when known.
    since: Option<Date>,
    /// The last day in the role, when known: a person who left the role stays on record.
    until: Option<Date>,
    /// Where the fact comes from.
    source_id: Option<ID>,
}

impl PersonInput {
    fn draft(self) -> ApiResult<PersonDraft> {
        Ok(PersonDraft {
            organisation: organisation(&self.organisation_id)?,
            name: self.name,
            role: self.role,
            since: self.since.map(|d| d.0),
            until: self.until.map(|d| d.0),
            source: ids::decode_opt(self.source_id.as_ref(), NodeType::Source, "sourceId")?,
        })
    }
}

/// A key figure's fields.
#[derive(Debug, InputObject)]
pub struct KeyFigureInput {
    /// The organisation the figure describes (a figure cannot move to another one).
    organisation_id: ID,
    /// What is counted.
    metric: Metric,
    /// The value, from 0 to 1,000,000,000.
    value: i64,
    /// How exact the value is.
    qualifier: Qualifier,
    /// The date the figure describes.
    as_of: Date,
    /// Where the figure comes from.
    source_id: Option<ID>,
}

impl KeyFigureInput {
    fn draft(self) -> ApiResult<KeyFigureDraft> {
        Ok(KeyFigureDraft {
            organisation: organisation(&self.organisation_id)?,
            metric: self.metric.into(),
            value: self.value,
            qualifier: self.qualifier.into(),
            as_of: self.as_of.0,
            source: ids::decode_opt(self.source_id.as_ref(), NodeType::Source, "sourceId")?,
        })
    }
}

fn organisation(id: &ID) -> ApiResult<i32> {
    ids::decode_as(id, NodeType::Organisation, "organisationId")
}

/// The mutations of the people named at organisations.
#[derive(Debug, Default)]
pub struct PersonMutation;

record_mutations! {
    #[async_graphql::Object]
    impl PersonMutation for Person as Person {
        /// Records a person in a role at an organisation.
        create create_person(PersonInput);
        /// Changes a person's name, role, days or source; a person who left the role is kept
        /// with the last day (`until`).
        update update_person(PersonInput);
        /// Deletes a person recorded in error (the history keeps what the entry said). Returns
        /// its ID.
        delete delete_person(PersonRow);
    }
}

/// The mutations of the key figures of organisations.
#[derive(Debug, Default)]
pub struct KeyFigureMutation;

record_mutations! {
    #[async_graphql::Object]
    impl KeyFigureMutation for KeyFigure as KeyFigure {
        /// Records a figure an organisation is known by, on a date.
        create create_key_figure(KeyFigureInput);
        /// Changes a key figure.
        update update_key_figure(KeyFigureInput);
        /// Deletes a key figure (the history keeps what it said). Returns its ID.
        delete delete_key_figure(FigureRow);
    }
}
