//! People named in a role at an organisation, and the figures an organisation is known by.

use std::str::FromStr;

use async_graphql::{Context, Enum};
use verbund_shared::people::{Metric as DomainMetric, Qualifier as DomainQualifier};

use super::Organisation;
use crate::error::{ApiError, ApiResult};
use crate::graphql::loaders::{self, OrganisationId};
use crate::graphql::object::record_object;
use crate::graphql::scalars::Date;
use crate::graphql::sources::{Source, source_of};
use crate::register::people::{KeyFigure as FigureRow, Person as PersonRow};

/// A person named in a role at an organisation.
#[derive(Debug, Clone)]
pub struct Person(pub PersonRow);

record_object! {
    #[async_graphql::Object]
    /// A person named in a role at an organisation.
    impl Person as Person, id = |this| this.0.id;
    history(first, after, last, before) =
        "crate::graphql::pagination::page_cost(first, last, child_complexity)";
    {
        /// The person's name.
        async fn name(&self) -> &str {
            &self.0.name
        }

        /// The role, e.g. "Bürgermeister".
        async fn role(&self) -> &str {
            &self.0.role
        }

        /// Since when the person holds the role, when known.
        async fn since(&self) -> Option<Date> {
            self.0.since.map(Into::into)
        }

        /// Until when the person held the role, when known.
        async fn until(&self) -> Option<Date> {
            self.0.until.map(Into::into)
        }

        /// The organisation.
        async fn organisation(&self, ctx: &Context<'_>) -> ApiResult<Organisation> {
            Ok(Organisation(
                loaders::one(ctx, OrganisationId(self.0.organisation_id)).await?,
            ))
        }

        /// Where the fact comes from.
        async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
            source_of(ctx, self.0.source_id).await
        }

        /// The record's version; it grows with every change.
        async fn version(&self) -> i32 {
            self.0.version
        }
    }
}

/// What a key figure counts.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainMetric")]
pub enum Metric {
    /// Staff.
    Staff,
    /// Workstations looked after.
    Workstations,
    /// Specialist applications (Fachanwendungen) looked after.
    SpecialistApplications,
}

/// How exact a key figure is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainQualifier")]
pub enum Qualifier {
    /// Exactly the value.
    Exact,
    /// More than the value ("über 3.000").
    MoreThan,
    /// About the value.
    About,
}

/// A figure an organisation is known by, on a date.
#[derive(Debug, Clone)]
pub struct KeyFigure(pub FigureRow);

impl From<FigureRow> for KeyFigure {
    fn from(row: FigureRow) -> Self {
        Self(row)
    }
}

impl From<PersonRow> for Person {
    fn from(row: PersonRow) -> Self {
        Self(row)
    }
}

/// A code of the domain crate as stored, read back; a stored code it does not know is the
/// server's fault.
fn stored<T: FromStr<Err: std::fmt::Display>>(code: &str, what: &str) -> ApiResult<T> {
    code.parse().map_err(|err| ApiError::internal(what, &err))
}

record_object! {
    #[async_graphql::Object]
    /// A figure an organisation is known by, on a date.
    impl KeyFigure as KeyFigure, id = |this| this.0.id;
    history(first, after, last, before) =
        "crate::graphql::pagination::page_cost(first, last, child_complexity)";
    first {
        /// What is counted.
        async fn metric(&self) -> ApiResult<Metric> {
            Ok(stored::<DomainMetric>(&self.0.metric, "key figure metric")?.into())
        }

        /// The value.
        async fn value(&self) -> i64 {
            self.0.value
        }

        /// How exact the value is.
        async fn qualifier(&self) -> ApiResult<Qualifier> {
            Ok(stored::<DomainQualifier>(&self.0.qualifier, "key figure qualifier")?.into())
        }

        /// The date the figure describes.
        async fn as_of(&self) -> Date {
            self.0.as_of.into()
        }
    }
    {
        /// Where the figure comes from.
        async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
            source_of(ctx, self.0.source_id).await
        }

        /// The record's version; it grows with every change.
        async fn version(&self) -> i32 {
            self.0.version
        }
    }
}
