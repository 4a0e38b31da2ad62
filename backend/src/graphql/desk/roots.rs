//! The `deadlines` root: the desk's list.

use async_graphql::{Context, Enum, ID, Object};

use super::Deadline;
use crate::error::{ApiError, ApiResult};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::pagination::{Page, page_of, paged_object};
use crate::register::desk::{self, DeadlineFilter, DeadlineQuery};

/// Which deadlines the desk lists by their state.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(remote = "DeadlineFilter")]
pub enum DeskState {
    /// Undecided: those ahead and the overdue ones.
    #[default]
    Undecided,
    /// Undecided, and the day has not passed.
    Upcoming,
    /// Undecided, and the day has passed.
    Overdue,
    /// Decided.
    Decided,
    /// Superseded by a change to the contract.
    Superseded,
}

/// The desk's counters, on today (in Germany, by the server's clock).
#[derive(async_graphql::SimpleObject, Debug, Clone, Copy)]
pub struct DeadlineCounts {
    /// Undecided deadlines still ahead whose day to act is at most 7 days away.
    within7: u64,
    /// Undecided deadlines still ahead whose day to act is at most 30 days away.
    within30: u64,
    /// Undecided deadlines still ahead whose day to act is at most 90 days away.
    within90: u64,
    /// Undecided deadlines whose day has passed.
    overdue: u64,
    /// Contracts whose last day lies in the last 30 days.
    ended_last30: u64,
}

/// The roots of the deadline desk.
#[derive(Debug, Default)]
pub struct DeskRoot;

paged_object! {
    #[Object]
    impl DeskRoot {
        /// The deadlines of the desk, earliest day to act first. Staff see every contract's;
        /// partner tokens with `contracts:read` those of their member's contracts, without
        /// owners and notes.
        #[graphql(complexity = "crate::graphql::pagination::page_cost(first, last, child_complexity)")]
        #[allow(clippy::too_many_arguments)]
        paged(first, after, last, before) as args
        async fn deadlines(
            &self,
            ctx: &Context<'_>,
            #[graphql(
                desc = "Only deadlines whose day to act is at most this many days from today (overdue ones are not held back by it)."
            )]
            window: Option<i32>,
            #[graphql(desc = "Only deadlines this staff account owns (its global ID; staff only).")]
            owner: Option<ID>,
            #[graphql(
                default,
                desc = "Which deadlines by their state (default: the undecided ones)."
            )]
            state: DeskState
        ) -> ApiResult<Page<Deadline>> {
            let page = args.request()?;
            let window_days = window
                .map(|days| {
                    u32::try_from(days)
                        .ok()
                        .filter(|&days| days <= crate::timing::MAX_OFFSET)
                        .ok_or_else(|| {
                            ApiError::bad_input("window", "`window` must be between 0 and 3660 days.")
                        })
                })
                .transpose()?;
            let owner = ids::decode_opt(owner.as_ref(), NodeType::User, "owner")?;
            let query = DeadlineQuery {
                window_days,
                owner,
                state: state.into(),
            };
            let found = desk::deadlines(
                crate::graphql::db(ctx),
                crate::graphql::access(ctx),
                query,
                page,
            )
            .await?;
            Ok(page_of(found, Deadline))
        }

        /// The desk's counters: deadlines within 7, 30 and 90 days, overdue ones, and contracts
        /// ended in the last 30 days; of the deadlines the caller may see.
        async fn deadline_counts(&self, ctx: &Context<'_>) -> ApiResult<DeadlineCounts> {
            let counts = desk::counts(crate::graphql::db(ctx), crate::graphql::access(ctx)).await?;
            Ok(DeadlineCounts {
                within7: counts.within_7,
                within30: counts.within_30,
                within90: counts.within_90,
                overdue: counts.overdue,
                ended_last30: counts.ended_last_30,
            })
        }
    }
}
