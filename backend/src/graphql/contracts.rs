//! Contracts: the type with its derived status and deadlines, and the `contracts` root.

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use verbund_shared::contract::{ContractDates, InitialTerm, NoticeTo as DomainNoticeTo, Renewal};

use super::coverages::Coverage;
use super::enums::{ContractKind, ContractStatus, Direction};
use super::ids::{self, NodeType};
use super::loaders::{self, CoveragesOfContract, MembershipsUnder, OrganisationId, PartiesOf};
use super::organisations::{Membership, Organisation};
use super::pagination::{Page, PageArgs, node_fields};
use super::plain::{self, Plain, PlainFields};
use super::scalars::Date;
use super::sources::{Source, source_of};
use crate::entities::{contract, contract_party};
use crate::error::ApiResult;
use crate::rows::Columns;
use crate::services::{contracts as svc, coverages::runs_on};

/// A contract: a public-law contract to join, a service agreement, a data processing
/// agreement, a cooperation agreement. Its status follows from its dates.
#[derive(Debug, Clone)]
pub struct Contract {
    row: std::sync::Arc<contract::Model>,
    /// Worked out when a field first needs it: a list that shows titles only never does.
    dates: std::sync::OnceLock<ContractDates>,
}

impl Contract {
    /// Wraps a row. Its dates are worked out on first use.
    pub fn new(row: impl Into<std::sync::Arc<contract::Model>>) -> Self {
        Self {
            row: row.into(),
            dates: std::sync::OnceLock::new(),
        }
    }

    /// The columns a contract needs for these of its fields: a list of many contracts reads
    /// only those. A field not named here (the dates worked out from the terms, say) needs
    /// every column.
    pub fn columns_for<'a>(fields: impl IntoIterator<Item = &'a str>) -> Columns {
        Columns::for_fields::<contract::Model>(&["id"], fields, |field| {
            Some(match field {
                "__typename" | "id" | "parties" | "memberships" | "coverages" | "history" => &[],
                "number" => &["number"],
                "title" => &["title"],
                "kind" => &["kind"],
                "signedOn" => &["signed_on"],
                "effectiveFrom" => &["effective_from"],
                "noticeGivenOn" => &["notice_given_on"],
                "endedOn" => &["ended_on"],
                "source" => &["source_id"],
                "createdAt" => &["created_at"],
                "updatedAt" => &["updated_at"],
                "version" => &["version"],
                _ => return None,
            })
        })
    }

    /// The columns the contracts of a connection field (the field `ctx` resolves) need: the
    /// fields asked for under `nodes` and under `edges { node }`.
    pub fn columns_of_page(ctx: &Context<'_>) -> Columns {
        Self::columns_for(node_fields(ctx).iter().map(|field| field.name()))
    }

    /// The contract's dates and terms; fails (logged, `INTERNAL`) when the stored terms are
    /// inconsistent.
    fn dates(&self) -> ApiResult<&ContractDates> {
        if let Some(dates) = self.dates.get() {
            return Ok(dates);
        }
        let dates = svc::dates_of(&self.row)?;
        Ok(self.dates.get_or_init(|| dates))
    }
}

impl PlainFields for Contract {
    fn plain_field(&self, name: &str) -> Option<async_graphql::Value> {
        Some(match name {
            "id" => async_graphql::Value::String(ids::encode(NodeType::Contract, self.row.id).0),
            "number" => plain::text(self.row.number.as_deref()),
            "title" => async_graphql::Value::String(self.row.title.clone()),
            _ => return None,
        })
    }
}

/// How a contract renews after a term.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenewalKind {
    /// It does not renew: it ends after its term.
    None,
    /// It renews by itself unless notice is given in time.
    Tacit,
    /// It ends unless the parties expressly renew it.
    Express,
}

/// What a notice period counts to.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainNoticeTo")]
pub enum NoticeTo {
    /// The end of the current term.
    EndOfTerm,
    /// The end of a calendar month.
    EndOfMonth,
    /// The end of a calendar quarter.
    EndOfQuarter,
    /// The end of a calendar year.
    EndOfYear,
}

/// The terms of a contract: initial term, renewal and notice.
#[derive(SimpleObject, Debug)]
pub struct Terms {
    /// The initial term in months, if it is given in months.
    initial_term_months: Option<i32>,
    /// The last day of the initial term, if it is given as a date.
    initial_term_until: Option<Date>,
    /// How it renews.
    renewal: RenewalKind,
    /// By how many months a tacit renewal extends it.
    renewal_months: Option<i32>,
    /// The notice period in months, if any.
    notice_months: Option<i32>,
    /// What the notice period counts to.
    notice_to: Option<NoticeTo>,
}

/// The next notice a party can give.
#[derive(SimpleObject, Debug)]
pub struct NextNotice {
    /// The last day on which notice can arrive.
    deadline: Date,
    /// The day the contract ends if notice arrives by then.
    ends_on: Date,
}

#[Object]
impl Contract {
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
            NodeType::Contract,
            self.row.id,
            super::pagination::PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// The global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Contract, self.row.id)
    }

    /// The contract number, when it has one.
    async fn number(&self) -> Option<&str> {
        self.row.number.as_deref()
    }

    /// The title.
    async fn title(&self) -> &str {
        &self.row.title
    }

    /// The kind of contract.
    async fn kind(&self) -> ApiResult<ContractKind> {
        Ok(svc::kind_of(&self.row)?.into())
    }

    /// The day it was signed (the last signature).
    async fn signed_on(&self) -> Option<Date> {
        self.row.signed_on.map(Into::into)
    }

    /// The first day it is in force.
    async fn effective_from(&self) -> Option<Date> {
        self.row.effective_from.map(Into::into)
    }

    /// The last day it is in force, once that is known: the end of a fixed term, the end
    /// reached by a notice, or the day it was ended by agreement. Null while it runs on.
    async fn ends_on(&self) -> ApiResult<Option<Date>> {
        Ok(self.dates()?.ends_on().map(Into::into))
    }

    /// The day notice was given, if it was.
    async fn notice_given_on(&self) -> Option<Date> {
        self.row.notice_given_on.map(Into::into)
    }

    /// The day it was ended early by agreement, if it was.
    async fn ended_on(&self) -> Option<Date> {
        self.row.ended_on.map(Into::into)
    }

    /// Its terms.
    async fn terms(&self) -> ApiResult<Terms> {
        let terms = self.dates()?.terms.as_ref();
        let (months, until) = match terms.map(|t| t.initial()) {
            Some(InitialTerm::Months(m)) => (i32::try_from(m.get()).ok(), None),
            Some(InitialTerm::Until(day)) => (None, Some(day.into())),
            _ => (None, None),
        };
        let (renewal, renewal_months) = match terms.map(|t| t.renewal()) {
            Some(Renewal::Tacit { months }) => {
                (RenewalKind::Tacit, i32::try_from(months.get()).ok())
            }
            Some(Renewal::Express) => (RenewalKind::Express, None),
            _ => (RenewalKind::None, None),
        };
        let notice = terms.and_then(|t| t.notice());
        Ok(Terms {
            initial_term_months: months,
            initial_term_until: until,
            renewal,
            renewal_months,
            notice_months: notice.and_then(|n| i32::try_from(n.months).ok()),
            notice_to: notice.map(|n| n.to.into()),
        })
    }

    /// Where it stands on `asOf` (default: today).
    async fn status(&self, as_of: Option<Date>) -> ApiResult<ContractStatus> {
        Ok(self.dates()?.status(super::scalars::as_of(as_of)).into())
    }

    /// The last day of the term that runs on `asOf` (default: today); null for a contract
    /// without terms.
    async fn current_term_ends_on(&self, as_of: Option<Date>) -> ApiResult<Option<Date>> {
        let Some(terms) = self.dates()?.terms.as_ref() else {
            return Ok(None);
        };
        Ok(terms
            .current_term_ends_on(super::scalars::as_of(as_of))
            .map(Into::into))
    }

    /// The last day on which notice can arrive to end it at the earliest, seen on `asOf`
    /// (default: today). Once that day has passed, this moves on to the next term. Null when
    /// no notice is needed or possible (a fixed term, notice already given, ended).
    async fn notice_deadline(&self, as_of: Option<Date>) -> ApiResult<Option<Date>> {
        Ok(self
            .dates()?
            .next_notice(super::scalars::as_of(as_of))
            .map(|n| n.deadline.into()))
    }

    /// The next notice a party can give, seen on `asOf` (default: today), with the end it
    /// reaches.
    async fn next_notice(&self, as_of: Option<Date>) -> ApiResult<Option<NextNotice>> {
        Ok(self
            .dates()?
            .next_notice(super::scalars::as_of(as_of))
            .map(|n| NextNotice {
                deadline: n.deadline.into(),
                ends_on: n.ends_on.into(),
            }))
    }

    /// The parties to the contract.
    async fn parties(&self, ctx: &Context<'_>) -> ApiResult<Vec<ContractParty>> {
        let rows = loaders::many(ctx, PartiesOf(self.row.id)).await?;
        Ok(rows.into_iter().map(ContractParty).collect())
    }

    /// The memberships that rest on this contract.
    async fn memberships(&self, ctx: &Context<'_>) -> ApiResult<Vec<Membership>> {
        let rows = loaders::many(ctx, MembershipsUnder(self.row.id)).await?;
        Ok(rows.into_iter().map(Membership).collect())
    }

    /// The services delivered under it: those running on `asOf` when given, otherwise the
    /// whole history, oldest first.
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
        let (coverage, service) = Coverage::columns_of_page(ctx);
        let key = CoveragesOfContract(self.row.id, coverage, service);
        let mut rows = loaders::many(ctx, key).await?;
        if let Some(date) = as_of {
            rows.retain(|(row, _)| runs_on(row, date.0));
        }
        Ok(args.page_of(rows, |(row, service)| {
            Plain(Coverage::with_service(row, service))
        }))
    }

    /// Where the facts about it come from.
    async fn source(&self, ctx: &Context<'_>) -> ApiResult<Option<Source>> {
        source_of(ctx, self.row.source_id).await
    }

    /// When the record was created.
    async fn created_at(&self) -> DateTime<Utc> {
        self.row.created_at
    }

    /// When the record was last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.row.updated_at
    }

    /// The record's version; it grows with every change.
    async fn version(&self) -> i32 {
        self.row.version
    }
}

/// An organisation that is a party to a contract.
#[derive(Debug, Clone)]
pub struct ContractParty(pub contract_party::Model);

#[Object]
impl ContractParty {
    /// The party.
    async fn organisation(&self, ctx: &Context<'_>) -> ApiResult<Organisation> {
        Ok(Organisation(
            loaders::one(ctx, OrganisationId(self.0.organisation_id)).await?,
        ))
    }

    /// Its role in the contract, e.g. "PROVIDER" or "MEMBER".
    async fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }
}

/// Narrows the contract list.
#[derive(InputObject, Debug, Default)]
pub struct ContractFilter {
    /// Only contracts with one of these statuses on the list's `asOf`.
    status: Option<Vec<ContractStatus>>,
    /// Only these kinds.
    kind: Option<Vec<ContractKind>>,
    /// Only contracts this organisation is a party to.
    party_id: Option<ID>,
    /// Only contracts in force (notice possibly given) on this date.
    in_force_on: Option<Date>,
    /// Only contracts not ended on `asOf` whose end, or whose current term's end, is before
    /// this date.
    ending_before: Option<Date>,
    /// Only contracts whose next notice deadline, seen on `asOf`, is before this date.
    notice_deadline_before: Option<Date>,
    /// Number or title contains this (case-insensitive).
    search: Option<String>,
}

/// What contract lists can be ordered by.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContractOrderField {
    /// The first day in force.
    #[default]
    EffectiveFrom,
    /// The day it was signed.
    SignedOn,
    /// The title.
    Title,
    /// The number.
    Number,
}

/// The order of a contract list.
#[derive(InputObject, Debug, Default)]
pub struct ContractOrderBy {
    #[graphql(default)]
    field: ContractOrderField,
    #[graphql(default)]
    direction: Direction,
}

/// The roots for contracts.
#[derive(Debug, Default)]
pub struct ContractRoot;

#[Object]
impl ContractRoot {
    /// Contracts, with filters on their kind, parties and derived status and deadlines as
    /// seen on `asOf` (default: today).
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn contracts(
        &self,
        ctx: &Context<'_>,
        as_of: Option<Date>,
        filter: Option<ContractFilter>,
        order_by: Option<ContractOrderBy>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<Page<Plain<Contract>>> {
        let args = PageArgs::new(first, after, last, before)
            .validate()?
            .counting(ctx);
        let filter = filter.unwrap_or_default();
        let query = svc::ContractQuery {
            kinds: filter
                .kind
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            party_id: filter
                .party_id
                .map(|id| ids::decode_as(&id, NodeType::Organisation, "filter.partyId"))
                .transpose()?,
            search: filter.search,
            statuses: filter
                .status
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
            as_of: super::scalars::as_of(as_of),
            in_force_on: filter.in_force_on.map(|d| d.0),
            ending_before: filter.ending_before.map(|d| d.0),
            notice_deadline_before: filter.notice_deadline_before.map(|d| d.0),
        };
        let order = order_by.unwrap_or_default();
        let field = match order.field {
            ContractOrderField::EffectiveFrom => svc::ContractOrder::EffectiveFrom,
            ContractOrderField::SignedOn => svc::ContractOrder::SignedOn,
            ContractOrderField::Title => svc::ContractOrder::Title,
            ContractOrderField::Number => svc::ContractOrder::Number,
        };
        let (rows, window) = svc::list(
            crate::auth::access(ctx),
            super::db(ctx),
            &query,
            field,
            order.direction.into(),
            args,
        )
        .await?;
        Ok(window.connection(
            rows.into_iter()
                .map(|row| Plain(Contract::new(row)))
                .collect(),
        ))
    }
}
