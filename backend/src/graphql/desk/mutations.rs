//! The desk's mutations: assign, decide, snooze, mark read, a contract's reminder days.

use async_graphql::{Context, ID, Object};

use super::PublicUrl;
use super::calendar::CreatedCalendarFeed;
use super::{DEADLINE, Deadline, DeadlineOutcome, INBOX_ENTRY, REMINDER, Reminder, decode};
use crate::error::{ApiError, ApiResult};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::records::Contract;
use crate::graphql::scalars::Date;
use crate::graphql::{access, db, editor};
use crate::register::desk::{calendar, decide};

/// The mutations of the deadline desk.
#[derive(Debug, Default)]
pub struct DeskMutation;

#[Object]
impl DeskMutation {
    /// Makes the caller's personal calendar feed of the open deadlines, or gives it a new
    /// address (the old one stops working). The answer holds the address once.
    async fn create_calendar_feed(&self, ctx: &Context<'_>) -> ApiResult<CreatedCalendarFeed> {
        let access = access(ctx);
        let (secret, created_at) = calendar::create(db(ctx), access).await?;
        let public_url = ctx.data_opt::<PublicUrl>().and_then(|url| url.0.as_deref());
        Ok(CreatedCalendarFeed {
            url: calendar::feed_url(public_url, &secret),
            created_at,
        })
    }

    /// Revokes the caller's calendar feed: its address answers 404 from now on. Whether
    /// there was one.
    async fn revoke_calendar_feed(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        calendar::revoke(db(ctx), access(ctx)).await
    }

    /// Makes a staff account (an active editor or admin) the owner of an open deadline, or
    /// nobody (editors).
    async fn assign_deadline(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deadline's ID.")] id: ID,
        #[graphql(desc = "The deadline's version, as read; `CONFLICT` when it has changed since.")]
        version: i32,
        #[graphql(desc = "The owner's global ID (a staff account); null: nobody.")] owner: Option<
            ID,
        >,
    ) -> ApiResult<Deadline> {
        let (db, access) = editor(ctx)?;
        let id = decode(&id, DEADLINE, "id")?;
        let owner = ids::decode_opt(owner.as_ref(), NodeType::User, "owner")?;
        Ok(Deadline(
            decide::assign(db, access, id, version, owner).await?,
        ))
    }

    /// Decides an open deadline (editors). `GIVE_NOTICE` records the notice on the contract
    /// (on `noticeGivenOn`, default today) by the contract's notice rule, in the same step.
    async fn decide_deadline(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The deadline's ID.")] id: ID,
        #[graphql(desc = "The deadline's version, as read; `CONFLICT` when it has changed since.")]
        version: i32,
        #[graphql(desc = "What was decided.")] outcome: DeadlineOutcome,
        #[graphql(desc = "Why, or what follows (at most 10,000 characters).")] note: Option<String>,
        #[graphql(desc = "With `GIVE_NOTICE`: the day the notice arrives (default: today).")]
        notice_given_on: Option<Date>,
        #[graphql(
            desc = "With `RENEW` on a `DECISION` deadline: the renewed term in months; records the express renewal, decided today, as `renewContract` does, in the same step (or give `renewalUntil`)."
        )]
        renewal_months: Option<i32>,
        #[graphql(
            desc = "With `RENEW` on a `DECISION` deadline: the last day of the renewed term (or give `renewalMonths`)."
        )]
        renewal_until: Option<Date>,
    ) -> ApiResult<Deadline> {
        let (db, access) = editor(ctx)?;
        let id = decode(&id, DEADLINE, "id")?;
        let decided = decide::decide(
            db,
            access,
            (id, version),
            outcome.into(),
            note,
            notice_given_on.map(|day| day.0),
            (renewal_months, renewal_until.map(|day| day.0)),
        )
        .await?;
        Ok(Deadline(decided))
    }

    /// Reminds of a reminder's open deadline again on a later day (after today, at the
    /// latest on the deadline's day); returns the new reminder (editors).
    async fn snooze_reminder(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The reminder's ID.")] id: ID,
        #[graphql(desc = "The day to be reminded again.")] until: Date,
    ) -> ApiResult<Reminder> {
        let (db, access) = editor(ctx)?;
        let id = decode(&id, REMINDER, "id")?;
        Ok(Reminder(decide::snooze(db, access, id, until.0).await?))
    }

    /// Marks entries of the caller's own inbox read; returns how many were unread (staff).
    async fn mark_read(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The inbox entries' IDs (at most 100).")] ids: Vec<ID>,
    ) -> ApiResult<u64> {
        if ids.len() > 100 {
            return Err(ApiError::bad_input("ids", "At most 100 entries at once."));
        }
        let ids = ids
            .iter()
            .map(|id| decode(id, INBOX_ENTRY, "ids"))
            .collect::<ApiResult<Vec<_>>>()?;
        decide::mark_read(db(ctx), access(ctx), &ids).await
    }

    /// Gives a contract reminder days of its own (days before the day to act, e.g.
    /// `[60, 14, 0]`), or the server's again with null; its deadlines are re-armed with them
    /// (editors).
    async fn set_reminder_days(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The contract's global ID.")] contract_id: ID,
        #[graphql(
            desc = "Days before the day to act, 0 to 3660, 1 to 10 of them; null: the server's."
        )]
        days: Option<Vec<i32>>,
    ) -> ApiResult<Contract> {
        let (db, access) = editor(ctx)?;
        let id = ids::decode_as(&contract_id, NodeType::Contract, "contractId")?;
        let days = days
            .map(|days| {
                days.into_iter()
                    .map(|day| {
                        u32::try_from(day)
                            .map_err(|_| ApiError::bad_input("days", "Days must not be negative."))
                    })
                    .collect::<ApiResult<Vec<_>>>()
            })
            .transpose()?;
        Ok(Contract::new(
            decide::set_reminder_days(db, access, id, days).await?,
        ))
    }
}
