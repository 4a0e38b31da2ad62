//! Organisations and members: the `Organisation` type, its memberships, people and figures,
//! the `members` and `organisations` roots, and the mutations that change them.

mod membership;
mod mutations;
mod people;
mod people_mutations;
mod roots;

use async_graphql::{Context, Enum};
use chrono::{DateTime, Utc};
use std::str::FromStr;
use verbund_shared::org::ParentLink as DomainParentLink;

pub use self::membership::Membership;
pub use self::mutations::{MembershipMutation, OrganisationMutation};
pub use self::people::{KeyFigure, Person};
pub use self::people_mutations::{KeyFigureMutation, PersonMutation};
pub use self::roots::OrganisationRoot;
use super::enums::OrganisationKind;
use super::loaders::{
    self, ContractsOf, CoveragesOfOrganisation, FiguresOf, MembershipsOf, OrganisationId,
    OrganisationTotals, PeopleOf, TerritoryOf, UnitsOf,
};
use super::object::record_object;
use super::pagination::{Page, slice};
use super::plain::{self, Plain, PlainFields};
pub use super::records::Organisation;
use super::records::{Contract, Coverage};
use super::scalars::Date;
use super::sources::{Source, source_of};
use crate::error::{ApiError, ApiResult};
use crate::register::memberships::runs_on as membership_runs_on;
use crate::register::organisations::Organisation as Row;

impl From<Row> for Organisation {
    fn from(row: Row) -> Self {
        Self(row)
    }
}

/// How an organisation belongs to its parent.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainParentLink")]
pub enum ParentLink {
    /// It acts through its parent: an Eigenbetrieb, a municipal company, a school.
    Unit,
    /// It lies in its parent's territory: a town in its district, a municipality in its Amt.
    Territory,
}

impl PlainFields for Organisation {
    fn plain_field(&self, name: &str) -> Option<async_graphql::Value> {
        plain::record_field(&self.0, name)
    }
}

record_object! {
    #[async_graphql::Object]
    /// A party: a district, a town, an Amt, an Eigenbetrieb, a company, the provider itself.
    impl Organisation as Organisation, id = |this| this.0.id;
    history(first, after, last, before) =
        "crate::graphql::pagination::page_cost(first, last, child_complexity)";
    {
        /// The official name.
        async fn name(&self) -> &str {
            &self.0.name
        }

        /// A short name or abbreviation (e.g. "KSM").
        async fn short_name(&self) -> Option<&str> {
            self.0.short_name.as_deref()
        }

        /// What kind of party it is.
        async fn kind(&self) -> ApiResult<OrganisationKind> {
            verbund_shared::org::OrganisationKind::from_str(&self.0.kind)
                .map(Into::into)
                .map_err(|err| ApiError::internal("organisation kind", &err))
        }

        /// The official key (Kreisschlüssel: 5 digits, AGS: 8, Regionalschlüssel: 12), when known.
        async fn official_key(&self) -> Option<&str> {
            self.0.official_key.as_deref()
        }

        /// The organisation it belongs to (an Eigenbetrieb to its town, a town to its district);
        /// null also when the caller may not see it (a token limited to a town does not see its
        /// district).
        async fn parent(&self, ctx: &Context<'_>) -> ApiResult<Option<Organisation>> {
            let parent = loaders::maybe(ctx, self.0.parent_id.map(OrganisationId)).await?;
            Ok(parent.map(Organisation))
        }

        /// How it belongs to its parent: as a unit or as part of its territory; null without a
        /// parent.
        async fn parent_link(&self) -> ApiResult<Option<ParentLink>> {
            self.0
                .parent_link
                .as_deref()
                .map(|link| {
                    DomainParentLink::from_str(link)
                        .map(Into::into)
                        .map_err(|err| ApiError::internal("parent link", &err))
                })
                .transpose()
        }

        /// Its units: the organisations that act through it (Eigenbetriebe, companies, schools).
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::UNITS, child_complexity)")]
        async fn units(&self, ctx: &Context<'_>) -> ApiResult<Vec<Organisation>> {
            let rows = loaders::many(ctx, UnitsOf(self.0.id)).await?;
            Ok(rows.into_iter().map(Organisation).collect())
        }

        /// The organisations in its territory: a district's towns and Ämter, an Amt's
        /// municipalities. They are members in their own right or not at all, never its units.
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::TERRITORY, child_complexity)")]
        async fn territory(&self, ctx: &Context<'_>) -> ApiResult<Vec<Organisation>> {
            let rows = loaders::many(ctx, TerritoryOf(self.0.id)).await?;
            Ok(rows.into_iter().map(Organisation).collect())
        }

        /// Its memberships in the provider, oldest first (the whole history: at most 10).
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::MEMBERSHIPS_OF_ORGANISATION, child_complexity)")]
        async fn memberships(&self, ctx: &Context<'_>) -> ApiResult<Vec<Membership>> {
            let rows = loaders::many(ctx, MembershipsOf(self.0.id)).await?;
            Ok(rows.into_iter().map(Membership).collect())
        }

        /// Whether it is a member on `asOf` (default: today).
        async fn is_member(&self, ctx: &Context<'_>, as_of: Option<Date>) -> ApiResult<bool> {
            let date = super::scalars::as_of(ctx, as_of);
            let rows = loaders::many(ctx, MembershipsOf(self.0.id)).await?;
            Ok(rows.iter().any(|m| membership_runs_on(m, date)))
        }

        /// The contracts it is a party to, oldest first.
        #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before) as args
        async fn contracts(
            &self,
            ctx: &Context<'_>
        ) -> ApiResult<Page<Plain<Contract>>> {
            let page = args.counted(ctx)?;
            // Without `totalCount` only the contracts up to this page are read, plus one to know
            // whether more follow.
            let take = (!page.needs_total()).then(|| page.rows_needed());
            let columns = Contract::columns_of_page(ctx);
            let rows = loaders::many(ctx, ContractsOf(self.0.id, take, columns)).await?;
            Ok(slice(page, rows, |row| Plain(Contract::new(row))))
        }

        /// The services it receives: those running on `asOf` when given, otherwise the whole
        /// history, oldest first.
        #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before) as args
        async fn coverages(
            &self,
            ctx: &Context<'_>,
            as_of: Option<Date>
        ) -> ApiResult<Page<Plain<Coverage>>> {
            let page = args.request()?;
            let rows = loaders::many(ctx, CoveragesOfOrganisation(self.0.id)).await?;
            Ok(Coverage::page_running_on(page, rows, as_of))
        }

        /// Workstations it receives service for on `asOf` (default: today), summed over its
        /// coverages (with `withUnits`, its units' too); null when none of them records
        /// workstations.
        async fn workstations(
            &self,
            ctx: &Context<'_>,
            as_of: Option<Date>,
            #[graphql(default, desc = "Add the workstations of its units: the organisations that act through it (Eigenbetriebe, companies, schools), never the members in its territory.")] with_units: bool,
        ) -> ApiResult<Option<i64>> {
            let date = super::scalars::as_of(ctx, as_of);
            let loader = loaders::loader(ctx);
            let totals = if with_units {
                loader.load_one(loaders::TotalsWithUnits(self.0.id, date)).await?
            } else {
                loader.load_one(OrganisationTotals(self.0.id, date)).await?
            };
            Ok(totals.unwrap_or_default().workstations)
        }

        /// People named in a role here.
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::PEOPLE, child_complexity)")]
        async fn people(&self, ctx: &Context<'_>) -> ApiResult<Vec<Person>> {
            let rows = loaders::many(ctx, PeopleOf(self.0.id)).await?;
            Ok(rows.into_iter().map(Person).collect())
        }

        /// Figures it is known by (staff, workstations, applications), with their dates.
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::FIGURES, child_complexity)")]
        async fn figures(&self, ctx: &Context<'_>) -> ApiResult<Vec<KeyFigure>> {
            let rows = loaders::many(ctx, FiguresOf(self.0.id)).await?;
            Ok(rows.into_iter().map(KeyFigure).collect())
        }

        /// Where the facts about it come from.
        async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
            source_of(ctx, self.0.source_id).await
        }

        /// When the record was created.
        async fn created_at(&self) -> DateTime<Utc> {
            self.0.created_at
        }

        /// When the record was last changed.
        async fn updated_at(&self) -> DateTime<Utc> {
            self.0.updated_at
        }

        /// The record's version; it grows with every change.
        async fn version(&self) -> i32 {
            self.0.version
        }
    }
}
