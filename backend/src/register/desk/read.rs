//! Reading the desk: the deadlines a caller may see, a contract's reminders and decisions, an
//! account's inbox.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use verbund_shared::contract::DeadlineState;

use super::{Deadline, InboxEntry, Reminder, by_id};
use crate::auth::access::Access;
use crate::entities::{deadline, inbox_entry, reminder};
use crate::error::{ApiError, ApiResult};
use crate::register::bounds::{DEADLINES, REMINDERS};
use crate::register::page::{PageRequest, Window};
use crate::register::read::{self, seen};

/// Which deadlines a list shows by their state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DeadlineFilter {
    /// Undecided: those still ahead and the overdue ones.
    #[default]
    Undecided,
    /// Undecided and still ahead (the day has not passed).
    Upcoming,
    /// Undecided and past their day.
    Overdue,
    /// Decided.
    Decided,
    /// Superseded by a change to the contract.
    Superseded,
}

/// What a deadline list asks for.
#[derive(Debug, Clone, Copy, Default)]
pub struct DeadlineQuery {
    /// Only those whose day to act is at most this many days after today (overdue ones are
    /// not held back by it).
    pub window_days: Option<u32>,
    /// Only those this staff account owns.
    pub owner: Option<i32>,
    /// Only those in this state.
    pub state: DeadlineFilter,
}

/// The deadlines `query` asks for that the caller may see (`contracts:read`), in no order:
/// what a page of the desk and an export read from.
pub fn selection(
    access: &Access,
    query: DeadlineQuery,
) -> ApiResult<sea_orm::Select<deadline::Entity>> {
    let mut select = deadline::Entity::find().filter(seen::<deadline::Entity>(access)?);
    let today = access.timing.clock.today();
    if let Some(owner) = query.owner {
        if access.staff().is_none() {
            return Err(ApiError::forbidden(
                "Owners of deadlines are for staff only; a token cannot filter by them.",
            ));
        }
        select = select.filter(deadline::Column::OwnerId.eq(owner));
    }
    let open = DeadlineState::Open.as_str();
    select = match query.state {
        DeadlineFilter::Undecided => select.filter(deadline::Column::State.eq(open)),
        DeadlineFilter::Upcoming => select
            .filter(deadline::Column::State.eq(open))
            .filter(deadline::Column::Day.gte(today)),
        DeadlineFilter::Overdue => select
            .filter(deadline::Column::State.eq(open))
            .filter(deadline::Column::Day.lt(today)),
        DeadlineFilter::Decided => {
            select.filter(deadline::Column::State.eq(DeadlineState::Decided.as_str()))
        }
        DeadlineFilter::Superseded => {
            select.filter(deadline::Column::State.eq(DeadlineState::Superseded.as_str()))
        }
    };
    if let Some(days) = query.window_days {
        let until = today
            .checked_add_days(Days::new(days.into()))
            .unwrap_or(NaiveDate::MAX);
        select = select.filter(deadline::Column::DayToAct.lte(until));
    }
    Ok(select)
}

/// The deadlines `query` asks for, earliest day to act first, as a page.
pub async fn deadlines(
    db: &impl ConnectionTrait,
    access: &Access,
    query: DeadlineQuery,
    page: PageRequest,
) -> ApiResult<(Vec<Deadline>, Window)> {
    let select = selection(access, query)?;
    let select = select
        .order_by_asc(deadline::Column::DayToAct)
        .order_by_asc(deadline::Column::Id);
    let total = select.clone().count(db).await?;
    let window = page.window(usize::try_from(total).unwrap_or(usize::MAX));
    if window.limit == 0 {
        return Ok((Vec::new(), window));
    }
    let rows = select
        .offset(window.offset as u64)
        .limit(window.limit as u64)
        .all(db)
        .await?;
    let deadlines = rows
        .into_iter()
        .map(|row| Deadline::seen_by(row, access))
        .collect::<ApiResult<_>>()?;
    Ok((deadlines, window))
}

/// The deadline `id`, if the caller may see it.
pub async fn deadline(
    db: &impl ConnectionTrait,
    access: &Access,
    id: i32,
) -> ApiResult<Option<Deadline>> {
    let row = deadline::Entity::find_by_id(id)
        .filter(seen::<deadline::Entity>(access)?)
        .one(db)
        .await?;
    row.map(|row| Deadline::seen_by(row, access)).transpose()
}

/// The reminders of each of these contracts the caller may see, by due day.
pub async fn reminders_of(
    db: &impl ConnectionTrait,
    access: &Access,
    contracts: &[i32],
) -> ApiResult<HashMap<i32, Vec<Reminder>>> {
    let columns = [
        reminder::Column::ContractId,
        reminder::Column::DueOn,
        reminder::Column::Id,
    ];
    read::latest_of_each::<reminder::Entity, _>(db, access, contracts, columns, REMINDERS, |row| {
        Ok((row.contract_id, Reminder::try_from(row)?))
    })
    .await
}

/// Every deadline of each of these contracts the caller may see, decided or not, by day:
/// the contract's decision history and what is still open.
pub async fn decisions_of(
    db: &impl ConnectionTrait,
    access: &Access,
    contracts: &[i32],
) -> ApiResult<HashMap<i32, Vec<Deadline>>> {
    let columns = [
        deadline::Column::ContractId,
        deadline::Column::Day,
        deadline::Column::Id,
    ];
    read::latest_of_each::<deadline::Entity, _>(db, access, contracts, columns, DEADLINES, |row| {
        Ok((row.contract_id, Deadline::seen_by(row, access)?))
    })
    .await
}

/// The caller's inbox, newest first, at most `first` entries; empty for a token.
pub async fn inbox(
    db: &impl ConnectionTrait,
    access: &Access,
    unread_only: bool,
    first: u64,
) -> ApiResult<Vec<InboxEntry>> {
    let Some(staff) = access.staff() else {
        return Ok(Vec::new());
    };
    let mut select = inbox_entry::Entity::find()
        .filter(inbox_entry::Column::UserId.eq(staff.user_id))
        .order_by_desc(inbox_entry::Column::Id)
        .limit(first);
    if unread_only {
        select = select.filter(inbox_entry::Column::ReadAt.is_null());
    }
    let entries = select.all(db).await?;
    let reminder_ids: Vec<i32> = entries.iter().map(|entry| entry.reminder_id).collect();
    let reminders = by_id(db, reminder::Column::Id, reminder_ids).await?;
    let deadline_ids: Vec<i32> = reminders.values().map(|row| row.deadline_id).collect();
    let deadlines = by_id(db, deadline::Column::Id, deadline_ids).await?;
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let reminder = reminders
            .get(&entry.reminder_id)
            .cloned()
            .ok_or_else(|| ApiError::internal("inbox entry", &"reminder missing"))?;
        let deadline = deadlines
            .get(&reminder.deadline_id)
            .cloned()
            .ok_or_else(|| ApiError::internal("inbox entry", &"deadline missing"))?;
        out.push(InboxEntry::new(
            entry,
            Reminder::try_from(reminder)?,
            Deadline::seen_by(deadline, access)?,
        ));
    }
    Ok(out)
}

/// How many entries of the caller's inbox are unread (0 for a token).
pub async fn unread_count(db: &impl ConnectionTrait, access: &Access) -> ApiResult<u64> {
    let Some(staff) = access.staff() else {
        return Ok(0);
    };
    Ok(inbox_entry::Entity::find()
        .filter(inbox_entry::Column::UserId.eq(staff.user_id))
        .filter(inbox_entry::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// The reminder `id` with its deadline, if the caller may see it.
pub(super) async fn reminder_with_deadline(
    db: &impl ConnectionTrait,
    access: &Access,
    id: i32,
) -> ApiResult<Option<(reminder::Model, deadline::Model)>> {
    let Some(row) = reminder::Entity::find_by_id(id)
        .filter(seen::<reminder::Entity>(access)?)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let deadline = deadline::Entity::find_by_id(row.deadline_id)
        .one(db)
        .await?;
    Ok(deadline.map(|deadline| (row, deadline)))
}

/// The names of these staff accounts, for staff only (owners and deciders of deadlines).
pub async fn account_names(
    db: &impl ConnectionTrait,
    access: &Access,
    ids: &[i32],
) -> ApiResult<HashMap<i32, String>> {
    if access.staff().is_none() {
        return Ok(HashMap::new());
    }
    Ok(crate::entities::user::Entity::find()
        .filter(crate::entities::user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect())
}

/// The desk's counters as the caller may see them, on the clock's today.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Undecided deadlines still ahead whose day to act is at most 7 days away.
    pub within_7: u64,
    /// … at most 30 days away.
    pub within_30: u64,
    /// … at most 90 days away.
    pub within_90: u64,
    /// Undecided deadlines whose day has passed.
    pub overdue: u64,
    /// Contracts whose last day lies in the last 30 days (a term that renewed tacitly does
    /// not count).
    pub ended_last_30: u64,
}

/// Counts the deadlines of the desk's counters (see [`Counts`]): those ahead and the overdue
/// ones in one pass over the undecided deadlines whose day to act is at most 90 days away
/// (an overdue one's day to act has passed, so it is among them).
pub async fn counts(db: &impl ConnectionTrait, access: &Access) -> ApiResult<Counts> {
    use deadline::Column::{Day, DayToAct, State};
    use sea_orm::sea_query::{CaseStatement, Expr, ExprTrait, Func, SimpleExpr};
    let visible = seen::<deadline::Entity>(access)?;
    let today = access.timing.clock.today();
    let days = |n: u64| {
        today
            .checked_add_days(Days::new(n))
            .unwrap_or(NaiveDate::MAX)
    };
    let counted = |condition: SimpleExpr| {
        Func::count::<SimpleExpr>(CaseStatement::new().case(condition, 1).into())
    };
    let ahead = |n: u64| {
        counted(
            Expr::col(Day)
                .gte(today)
                .and(Expr::col(DayToAct).lte(days(n))),
        )
    };
    let (within_7, within_30, within_90, overdue): (i64, i64, i64, i64) = deadline::Entity::find()
        .select_only()
        .expr(ahead(7))
        .expr(ahead(30))
        .expr(ahead(90))
        .expr(counted(Expr::col(Day).lt(today)))
        .filter(visible.clone())
        .filter(State.eq(DeadlineState::Open.as_str()))
        .filter(DayToAct.lte(days(90)))
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or_default();
    let month_ago = today
        .checked_sub_days(Days::new(30))
        .unwrap_or(NaiveDate::MIN);
    let count = |n: i64| u64::try_from(n).unwrap_or_default();
    Ok(Counts {
        within_7: count(within_7),
        within_30: count(within_30),
        within_90: count(within_90),
        overdue: count(overdue),
        ended_last_30: ended_since(db, visible, month_ago, today).await?,
    })
}

/// How many contracts had their last day from `since` to the day before `today`: those with
/// an end on the desk in that time (not superseded) that is the contract's own end.
async fn ended_since(
    db: &impl ConnectionTrait,
    visible: Condition,
    since: NaiveDate,
    today: NaiveDate,
) -> ApiResult<u64> {
    use crate::entities::contract;
    let ends = deadline::Entity::find()
        .filter(visible)
        .filter(deadline::Column::Kind.eq(verbund_shared::contract::DeadlineKind::End.as_str()))
        .filter(deadline::Column::State.ne(DeadlineState::Superseded.as_str()))
        .filter(deadline::Column::Day.gte(since))
        .filter(deadline::Column::Day.lt(today))
        .all(db)
        .await?;
    let contracts = contract::Entity::find()
        .filter(contract::Column::Id.is_in(ends.iter().map(|end| end.contract_id)))
        .all(db)
        .await?;
    let mut ended = 0;
    let dates = crate::register::contracts::dates_of_each(db, &contracts).await?;
    for (row, dates) in contracts.iter().zip(dates) {
        let last_day = dates.ends_on();
        if ends
            .iter()
            .any(|end| end.contract_id == row.id && Some(end.day) == last_day)
        {
            ended += 1;
        }
    }
    Ok(ended)
}
