//! Contracts: the type with its derived status and deadlines, its parties, the `contracts`
//! root and the mutations that change contracts.

mod mutations;
mod party;
mod roots;

use std::sync::{Arc, OnceLock};

use async_graphql::{Context, Enum, SimpleObject};
use chrono::{DateTime, Utc};
use verbund_shared::contract::{ContractDates, InitialTerm, NoticeTo as DomainNoticeTo, Renewal};

pub use self::mutations::ContractMutation;
pub use self::party::ContractParty;
pub use self::roots::ContractRoot;
use super::enums::{ContractKind, ContractStatus};
use super::loaders::{self, CoveragesOfContract, MembershipsUnder, PartiesOf};
use super::object::record_object;
use super::pagination::{Page, node_fields, slice};
use super::plain::{self, Plain, PlainFields};
pub use super::records::Contract;
use super::records::{Coverage, Deadline, Membership, Reminder};
use super::scalars::Date;
use super::sources::{Source, source_of};
use crate::error::ApiResult;
use crate::register::Columns;
use crate::register::contracts::{self as register, Contract as Row};
use crate::register::coverages::runs_on;

impl Contract {
    /// Wraps a row. Its dates are worked out on first use.
    pub fn new(row: impl Into<Arc<Row>>) -> Self {
        Self {
            row: row.into(),
            dates: OnceLock::new(),
        }
    }

    /// The columns the contracts of a connection field (the field `ctx` resolves) need: the
    /// fields asked for under `nodes` and under `edges { node }`.
    pub fn columns_of_page(ctx: &Context<'_>) -> Columns {
        Columns::for_api::<Row>(node_fields(ctx).iter().map(|field| field.name()))
    }

    /// The contract's dates and terms, with its express renewals (batched); fails (logged,
    /// `INTERNAL`) when the stored terms are inconsistent.
    async fn dates(&self, ctx: &Context<'_>) -> ApiResult<&ContractDates> {
        if let Some(dates) = self.dates.get() {
            return Ok(dates);
        }
        let renewals = self.renewal_rows(ctx).await?;
        let dates = register::dates_with(&self.row, &renewals)?;
        Ok(self.dates.get_or_init(|| dates))
    }

    /// The express renewals recorded, in the order decided; none for a contract that does
    /// not end unless expressly renewed (it cannot have any), without asking the database.
    async fn renewal_rows(&self, ctx: &Context<'_>) -> ApiResult<Vec<register::RecordedRenewal>> {
        if self.row.renewal != "EXPRESS" {
            return Ok(Vec::new());
        }
        loaders::many(ctx, loaders::RenewalsOf(self.row.id)).await
    }
}

impl From<Row> for Contract {
    fn from(row: Row) -> Self {
        Self::new(row)
    }
}

impl PlainFields for Contract {
    fn plain_field(&self, name: &str) -> Option<async_graphql::Value> {
        plain::record_field(&*self.row, name)
    }
}

/// How a contract renews after a term.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "verbund_shared::drafts::RenewalRule")]
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
    /// Express renewal only: the months before a term ends by which the parties decide on
    /// renewing it, if agreed.
    decision_months: Option<i32>,
}

/// An express renewal as recorded, with the term it adds.
#[derive(SimpleObject, Debug)]
pub struct ExpressRenewal {
    /// The day the parties decided.
    renewed_on: Date,
    /// The new term in months, if it was given in months.
    months: Option<i32>,
    /// The last day of the new term, if it was given as a date.
    until: Option<Date>,
    /// The first day of the term it adds (the day after the term before it ends).
    starts_on: Option<Date>,
    /// The last day of the term it adds.
    ends_on: Option<Date>,
}

/// The next notice a party can give.
#[derive(SimpleObject, Debug)]
pub struct NextNotice {
    /// The last day on which notice can arrive.
    deadline: Date,
    /// The day the contract ends if notice arrives by then.
    ends_on: Date,
}

record_object! {
    #[async_graphql::Object]
    /// A contract: a public-law contract to join, a service agreement, a data processing
    /// agreement, a cooperation agreement. Its status follows from its dates.
    impl Contract as Contract, id = |this| this.row.id;
    history(first, after, last, before) =
        "crate::graphql::pagination::page_cost(first, last, child_complexity)";
    {
        /// The contract number, when it has one.
        async fn number(&self) -> Option<&str> {
            self.row.number.as_deref()
        }

        /// The title.
        async fn title(&self) -> &str {
            &self.row.title
        }

        /// The provider's file reference (Aktenzeichen), when it has one.
        async fn file_reference(&self) -> Option<&str> {
            self.row.file_reference.as_deref()
        }

        /// The kind of contract.
        async fn kind(&self) -> ApiResult<ContractKind> {
            Ok(register::kind_of(&self.row)?.into())
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
        async fn ends_on(&self, ctx: &Context<'_>) -> ApiResult<Option<Date>> {
            Ok(self.dates(ctx).await?.ends_on().map(Into::into))
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
            let terms = register::terms_of(&self.row)?;
            let terms = terms.as_ref();
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
                decision_months: terms
                    .and_then(|t| t.decision_months())
                    .and_then(|m| i32::try_from(m).ok()),
            })
        }

        /// Where it stands on `asOf` (default: today).
        async fn status(&self, ctx: &async_graphql::Context<'_>, as_of: Option<Date>) -> ApiResult<ContractStatus> {
            Ok(self.dates(ctx).await?.status(super::scalars::as_of(ctx, as_of)).into())
        }

        /// The last day of the term that runs on `asOf` (default: today); null for a contract
        /// without terms.
        async fn current_term_ends_on(&self, ctx: &async_graphql::Context<'_>, as_of: Option<Date>) -> ApiResult<Option<Date>> {
            Ok(self
                .dates(ctx)
                .await?
                .current_term_ends_on(super::scalars::as_of(ctx, as_of))
                .map(Into::into))
        }

        /// The last day on which notice can arrive to end it at the earliest, seen on `asOf`
        /// (default: today). Once that day has passed, this moves on to the next term. Null when
        /// no notice is needed or possible (a fixed term, notice already given, ended).
        async fn notice_deadline(&self, ctx: &async_graphql::Context<'_>, as_of: Option<Date>) -> ApiResult<Option<Date>> {
            Ok(self
                .dates(ctx)
                .await?
                .next_notice(super::scalars::as_of(ctx, as_of))
                .map(|n| n.deadline.into()))
        }

        /// The next notice a party can give, seen on `asOf` (default: today), with the end it
        /// reaches.
        async fn next_notice(&self, ctx: &async_graphql::Context<'_>, as_of: Option<Date>) -> ApiResult<Option<NextNotice>> {
            Ok(self
                .dates(ctx)
                .await?
                .next_notice(super::scalars::as_of(ctx, as_of))
                .map(|n| NextNotice {
                    deadline: n.deadline.into(),
                    ends_on: n.ends_on.into(),
                }))
        }

        /// The parties to the contract.
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::PARTIES, child_complexity)")]
        async fn parties(&self, ctx: &Context<'_>) -> ApiResult<Vec<ContractParty>> {
            let rows = loaders::many(ctx, PartiesOf(self.row.id)).await?;
            Ok(rows.into_iter().map(ContractParty).collect())
        }

        /// The memberships that rest on this contract.
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::MEMBERSHIPS_UNDER_CONTRACT, child_complexity)")]
        async fn memberships(&self, ctx: &Context<'_>) -> ApiResult<Vec<Membership>> {
            let rows = loaders::many(ctx, MembershipsUnder(self.row.id)).await?;
            Ok(rows.into_iter().map(Membership).collect())
        }

        /// The services delivered under it: those running on `asOf` when given, otherwise the
        /// whole history, oldest first.
        #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
        paged(first, after, last, before) as args
        async fn coverages(
            &self,
            ctx: &Context<'_>,
            as_of: Option<Date>
        ) -> ApiResult<Page<Plain<Coverage>>> {
            let page = args.request()?;
            let (coverage, service) = Coverage::columns_of_page(ctx);
            let key = CoveragesOfContract(self.row.id, coverage, service);
            let mut rows = loaders::many(ctx, key).await?;
            if let Some(date) = as_of {
                rows.retain(|(row, _)| runs_on(row, date.0));
            }
            Ok(slice(page, rows, |(row, service)| {
                Plain(Coverage::with_service(row, service))
            }))
        }

        /// Its reminders on the deadline desk, by the day they go out (superseded and sent ones
        /// too: the series of every term), the latest 48.
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::REMINDERS, child_complexity)")]
        async fn reminders(&self, ctx: &Context<'_>) -> ApiResult<Vec<Reminder>> {
            let rows = loaders::many(ctx, loaders::RemindersOf(self.row.id)).await?;
            Ok(rows.into_iter().map(Reminder).collect())
        }

        /// Its deadlines on the desk, by day: what was decided on each (outcome, note, who and
        /// when, for staff) and what is still open or was superseded; the latest 24.
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::DEADLINES, child_complexity)")]
        async fn decisions(&self, ctx: &Context<'_>) -> ApiResult<Vec<Deadline>> {
            let rows = loaders::many(ctx, loaders::DeadlinesOf(self.row.id)).await?;
            Ok(rows.into_iter().map(Deadline).collect())
        }

        /// The express renewals recorded, in the order decided, each with the term it adds.
        #[graphql(complexity = "super::lists::list_cost(crate::register::bounds::RENEWALS, child_complexity)")]
        async fn renewals(&self, ctx: &Context<'_>) -> ApiResult<Vec<ExpressRenewal>> {
            let rows = self.renewal_rows(ctx).await?;
            let terms = self.dates(ctx).await?.renewed_terms().ok();
            Ok(rows
                .into_iter()
                .enumerate()
                .map(|(i, row)| {
                    let term = terms.as_ref().and_then(|terms| terms.get(i));
                    ExpressRenewal {
                        renewed_on: row.renewed_on.into(),
                        months: row.months,
                        until: row.until.map(Into::into),
                        starts_on: term.map(|&(start, _)| start.into()),
                        ends_on: term.map(|&(_, end)| end.into()),
                    }
                })
                .collect())
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
}
