//! Organisations and members: the types and the `members` and `organisations` roots.

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::str::FromStr;

use super::contracts::Contract;
use super::coverages::Coverage;
use super::enums::{Direction, OrganisationKind};
use super::ids::{self, NodeType};
use super::loaders::{
    self, ContractId, ContractsOf, CoveragesOfOrganisation, FiguresOf, MembershipsOf,
    OrganisationId, OrganisationTotals, PeopleOf, UnitsOf,
};
use super::pagination::{Page, PageArgs};
use super::plain::{self, Plain, PlainFields};
use super::scalars::Date;
use super::sources::{Source, source_of};
use crate::entities::{key_figure, membership, organisation, person};
use crate::error::{ApiError, ApiResult};
use crate::services::{self, coverages::runs_on, organisations as svc};

/// A party: a district, a town, an Amt, an Eigenbetrieb, a company, the provider itself.
#[derive(Debug, Clone)]
pub struct Organisation(pub organisation::Model);

impl PlainFields for Organisation {
    fn plain_field(&self, name: &str) -> Option<async_graphql::Value> {
        Some(match name {
            "id" => async_graphql::Value::String(ids::encode(NodeType::Organisation, self.0.id).0),
            "name" => async_graphql::Value::String(self.0.name.clone()),
            "shortName" => plain::text(self.0.short_name.as_deref()),
            "officialKey" => plain::text(self.0.official_key.as_deref()),
            _ => return None,
        })
    }
}

#[Object]
impl Organisation {
    /// Its changes, newest first (staff only).
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<super::pagination::Page<super::history::HistoryEntry>> {
        super::history::of(
            ctx,
            NodeType::Organisation,
            self.0.id,
            super::pagination::PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// The global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Organisation, self.0.id)
    }

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

    /// The organisation it belongs to (an Eigenbetrieb to its town, a town to its district).
    async fn parent(&self, ctx: &Context<'_>) -> ApiResult<Option<Organisation>> {
        // Null also when the caller may not see the parent (a token limited to a town does
        // not see its district).
        match self.0.parent_id {
            Some(id) => Ok(loaders::loader(ctx)
                .load_one(OrganisationId(id))
                .await?
                .map(Organisation)),
            None => Ok(None),
        }
    }

    /// The organisations that belong to it (its Eigenbetriebe, companies, towns).
    async fn units(&self, ctx: &Context<'_>) -> ApiResult<Vec<Organisation>> {
        let rows = loaders::many(ctx, UnitsOf(self.0.id)).await?;
        Ok(rows.into_iter().map(Organisation).collect())
    }

    /// Its memberships in the provider, oldest first (the whole history).
    async fn memberships(&self, ctx: &Context<'_>) -> ApiResult<Vec<Membership>> {
        let rows = loaders::many(ctx, MembershipsOf(self.0.id)).await?;
        Ok(rows.into_iter().map(Membership).collect())
    }

    /// Whether it is a member on `asOf` (default: today).
    async fn is_member(&self, ctx: &Context<'_>, as_of: Option<Date>) -> ApiResult<bool> {
        let date = super::scalars::as_of(as_of);
        let rows = loaders::many(ctx, MembershipsOf(self.0.id)).await?;
        Ok(rows.iter().any(|m| membership_runs_on(m, date)))
    }

    /// The contracts it is a party to, oldest first.
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn contracts(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Plain<Contract>>> {
        let args = PageArgs::new(first, after, last, before)
            .validate()?
            .counting(ctx);
        // Without `totalCount` only the contracts up to this page are read, plus one to know
        // whether more follow.
        let take = (!args.needs_total()).then(|| {
            let (offset, limit) = args.forward();
            offset + limit + 1
        });
        let columns = Contract::columns_of_page(ctx);
        let rows = loaders::many(ctx, ContractsOf(self.0.id, take, columns)).await?;
        Ok(args.page_of(rows, |row| Plain(Contract::new(row))))
    }

    /// The services it receives: those running on `asOf` when given, otherwise the whole
    /// history, oldest first.
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn coverages(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Plain<Coverage>>> {
        let args = PageArgs::new(first, after, last, before).validate()?;
        let mut rows = loaders::many(ctx, CoveragesOfOrganisation(self.0.id)).await?;
        if let Some(date) = as_of {
            rows.retain(|row| runs_on(row, date.0));
        }
        Ok(args.page_of(rows, |row| Plain(Coverage::new(row))))
    }

    /// Workstations it receives service for on `asOf` (default: today), summed over its
    /// coverages; null when none of them records workstations.
    async fn workstations(&self, ctx: &Context<'_>, as_of: Option<Date>) -> ApiResult<Option<i64>> {
        let date = super::scalars::as_of(as_of);
        let totals = loaders::loader(ctx)
            .load_one(OrganisationTotals(self.0.id, date))
            .await?
            .unwrap_or_default();
        Ok(totals.workstations)
    }

    /// People named in a role here.
    async fn people(&self, ctx: &Context<'_>) -> ApiResult<Vec<Person>> {
        let rows = loaders::many(ctx, PeopleOf(self.0.id)).await?;
        Ok(rows.into_iter().map(Person).collect())
    }

    /// Figures it is known by (staff, workstations, applications), with their dates.
    async fn figures(&self, ctx: &Context<'_>) -> ApiResult<Vec<KeyFigure>> {
        let rows = loaders::many(ctx, FiguresOf(self.0.id)).await?;
        rows.into_iter().map(KeyFigure::new).collect()
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

fn membership_runs_on(row: &membership::Model, date: NaiveDate) -> bool {
    row.joined_on <= date && row.left_on.is_none_or(|left| left >= date)
}

/// An organisation's membership (Trägerschaft) in the provider for a period.
#[derive(Debug, Clone)]
pub struct Membership(pub membership::Model);

#[Object]
impl Membership {
    /// Its changes, newest first (staff only).
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<super::pagination::Page<super::history::HistoryEntry>> {
        super::history::of(
            ctx,
            NodeType::Membership,
            self.0.id,
            super::pagination::PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// The global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Membership, self.0.id)
    }

    /// The member.
    async fn organisation(&self, ctx: &Context<'_>) -> ApiResult<Organisation> {
        Ok(Organisation(
            loaders::one(ctx, OrganisationId(self.0.organisation_id)).await?,
        ))
    }

    /// The first day of membership.
    async fn joined_on(&self) -> Date {
        self.0.joined_on.into()
    }

    /// The last day of membership; null while it lasts.
    async fn left_on(&self) -> Option<Date> {
        self.0.left_on.map(Into::into)
    }

    /// Whether the organisation founded the provider.
    async fn founding(&self) -> bool {
        self.0.founding
    }

    /// Whether the membership runs on `asOf` (default: today).
    async fn is_active(&self, as_of: Option<Date>) -> bool {
        membership_runs_on(&self.0, super::scalars::as_of(as_of))
    }

    /// The contract the membership rests on.
    async fn contract(&self, ctx: &Context<'_>) -> ApiResult<Option<Contract>> {
        match self.0.contract_id {
            Some(id) => Ok(loaders::loader(ctx)
                .load_one(ContractId(id))
                .await?
                .map(Contract::new)),
            None => Ok(None),
        }
    }

    /// Its share of the capital (Stammkapital) in euros, when known.
    async fn capital_share(&self) -> Option<Decimal> {
        self.0
            .capital_share_cents
            .map(|cents| Decimal::new(cents, 2))
    }

    /// Its seats in the governing body, when known.
    async fn seats(&self) -> Option<i32> {
        self.0.seats
    }

    /// The day the member's council decided to join.
    async fn council_decision_on(&self) -> Option<Date> {
        self.0.council_decision_on.map(Into::into)
    }

    /// The day the contract was signed.
    async fn contract_signed_on(&self) -> Option<Date> {
        self.0.contract_signed_on.map(Into::into)
    }

    /// The day the membership took legal effect.
    async fn legal_effect_on(&self) -> Option<Date> {
        self.0.legal_effect_on.map(Into::into)
    }

    /// The day the provider took over the member's IT.
    async fn it_takeover_on(&self) -> Option<Date> {
        self.0.it_takeover_on.map(Into::into)
    }

    /// Where the facts about it come from.
    async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
        source_of(ctx, self.0.source_id).await
    }

    /// The record's version; it grows with every change.
    async fn version(&self) -> i32 {
        self.0.version
    }
}

/// A person named in a role at an organisation.
#[derive(Debug, Clone)]
pub struct Person(pub person::Model);

#[Object]
impl Person {
    /// Its changes, newest first (staff only).
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<super::pagination::Page<super::history::HistoryEntry>> {
        super::history::of(
            ctx,
            NodeType::Person,
            self.0.id,
            super::pagination::PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// The global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Person, self.0.id)
    }

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
}

/// What a key figure counts.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
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
pub enum Qualifier {
    /// Exactly the value.
    Exact,
    /// More than the value ("über 3.000").
    MoreThan,
    /// About the value.
    About,
}

/// A figure an organisation is known by, on a date.
#[derive(Debug, Clone, SimpleObject)]
#[graphql(complex)]
pub struct KeyFigure {
    /// What is counted.
    metric: Metric,
    /// The value.
    value: i64,
    /// How exact the value is.
    qualifier: Qualifier,
    /// The date the figure describes.
    as_of: Date,
    #[graphql(skip)]
    row: key_figure::Model,
}

impl KeyFigure {
    pub fn new(row: key_figure::Model) -> ApiResult<Self> {
        let metric = match row.metric.as_str() {
            "STAFF" => Metric::Staff,
            "WORKSTATIONS" => Metric::Workstations,
            "SPECIALIST_APPLICATIONS" => Metric::SpecialistApplications,
            other => return Err(ApiError::internal("key figure metric", &other)),
        };
        let qualifier = match row.qualifier.as_str() {
            "EXACT" => Qualifier::Exact,
            "MORE_THAN" => Qualifier::MoreThan,
            "ABOUT" => Qualifier::About,
            other => return Err(ApiError::internal("key figure qualifier", &other)),
        };
        Ok(Self {
            metric,
            value: row.value,
            qualifier,
            as_of: row.as_of.into(),
            row,
        })
    }
}

#[ComplexObject]
impl KeyFigure {
    /// Its changes, newest first (staff only).
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<super::pagination::Page<super::history::HistoryEntry>> {
        super::history::of(
            ctx,
            NodeType::KeyFigure,
            self.row.id,
            super::pagination::PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// The global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::KeyFigure, self.row.id)
    }

    /// Where the figure comes from.
    async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
        source_of(ctx, self.row.source_id).await
    }
}

/// Narrows the member list.
#[derive(InputObject, Debug, Default)]
pub struct MemberFilter {
    /// Name, short name or official key contains this (case-insensitive).
    search: Option<String>,
    /// Only these kinds.
    kind: Option<Vec<OrganisationKind>>,
    /// Only founding members (true) or only later members (false).
    founding: Option<bool>,
}

/// Narrows the organisation list.
#[derive(InputObject, Debug, Default)]
pub struct OrganisationFilter {
    /// Name, short name or official key contains this (case-insensitive).
    search: Option<String>,
    /// Only these kinds.
    kind: Option<Vec<OrganisationKind>>,
    /// Only the units of this organisation.
    parent_id: Option<ID>,
    /// Only organisations that are members on this date.
    member_on: Option<Date>,
}

/// What organisation lists can be ordered by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganisationOrderField {
    /// The name.
    #[default]
    Name,
    /// The kind.
    Kind,
    /// The official key.
    OfficialKey,
}

/// The order of an organisation list.
#[derive(InputObject, Debug, Default)]
pub struct OrganisationOrderBy {
    #[graphql(default)]
    field: OrganisationOrderField,
    #[graphql(default)]
    direction: Direction,
}

fn order_of(order: Option<OrganisationOrderBy>) -> (svc::OrganisationOrder, services::Direction) {
    let order = order.unwrap_or_default();
    let field = match order.field {
        OrganisationOrderField::Name => svc::OrganisationOrder::Name,
        OrganisationOrderField::Kind => svc::OrganisationOrder::Kind,
        OrganisationOrderField::OfficialKey => svc::OrganisationOrder::OfficialKey,
    };
    (field, order.direction.into())
}

fn kinds(kinds: Option<Vec<OrganisationKind>>) -> Vec<verbund_shared::org::OrganisationKind> {
    kinds
        .unwrap_or_default()
        .into_iter()
        .map(Into::into)
        .collect()
}

/// The roots for organisations and members.
#[derive(Debug, Default)]
pub struct OrganisationRoot;

#[Object]
impl OrganisationRoot {
    /// The organisations that are members of the provider on `asOf` (default: today).
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn members(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
        filter: Option<MemberFilter>,
        order_by: Option<OrganisationOrderBy>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Plain<Organisation>>> {
        let args = PageArgs::new(first, after, last, before)
            .validate()?
            .counting(ctx);
        let filter = filter.unwrap_or_default();
        let query = svc::OrganisationQuery {
            member_on: Some(super::scalars::as_of(as_of)),
            search: filter.search,
            kinds: kinds(filter.kind),
            parent_id: None,
            founding: filter.founding,
        };
        let (order, direction) = order_of(order_by);
        let (rows, window) = svc::list(
            crate::auth::access(ctx),
            super::db(ctx),
            &query,
            order,
            direction,
            args,
        )
        .await?;
        Ok(window.connection(
            rows.into_iter()
                .map(|row| Plain(Organisation(row)))
                .collect(),
        ))
    }

    /// All organisations the register knows: members, their units, partners, the provider.
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
        filter: Option<OrganisationFilter>,
        order_by: Option<OrganisationOrderBy>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Plain<Organisation>>> {
        let args = PageArgs::new(first, after, last, before)
            .validate()?
            .counting(ctx);
        let filter = filter.unwrap_or_default();
        let query = svc::OrganisationQuery {
            member_on: filter.member_on.map(|d| d.0),
            search: filter.search,
            kinds: kinds(filter.kind),
            parent_id: filter
                .parent_id
                .map(|id| ids::decode_as(&id, NodeType::Organisation, "filter.parentId"))
                .transpose()?,
            founding: None,
        };
        let (order, direction) = order_of(order_by);
        let (rows, window) = svc::list(
            crate::auth::access(ctx),
            super::db(ctx),
            &query,
            order,
            direction,
            args,
        )
        .await?;
        Ok(window.connection(
            rows.into_iter()
                .map(|row| Plain(Organisation(row)))
                .collect(),
        ))
    }
}

impl From<Direction> for services::Direction {
    fn from(direction: Direction) -> Self {
        match direction {
            Direction::Asc => Self::Asc,
            Direction::Desc => Self::Desc,
        }
    }
}
