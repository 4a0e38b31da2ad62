//! Working a contract's deadlines and reminders out again, within the transaction of the
//! change (or the scheduler's pass) that calls for it.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    sea_query::OnConflict,
};
use verbund_shared::calendar;
use verbund_shared::contract::{ContractStatus, DeadlineState, ReminderState, Standing};

use crate::entities::{contract, contract_desk, deadline, reminder};
use crate::error::ApiResult;
use crate::register::contracts::dates_of;
use crate::timing::{Timing, format_offsets, parse_offsets};

/// Why a contract's deadlines are worked out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The contract was changed: deadlines it no longer has (and have not passed) are
    /// superseded.
    Change,
    /// Its next deadline has passed (or the desk has not seen it yet): the deadlines that now
    /// lie ahead are added; nothing else changes.
    Rollover,
}

/// Works out the deadlines of contract `id` as of the clock's today and arms their reminders;
/// records the day to look again. Nothing for a contract that no longer exists.
pub async fn rearm(
    db: &impl ConnectionTrait,
    id: i32,
    timing: &Timing,
    mode: Mode,
) -> ApiResult<()> {
    let today = timing.clock.today();
    let Some(row) = contract::Entity::find_by_id(id).one(db).await? else {
        return Ok(());
    };
    let desk = contract_desk::Entity::find_by_id(id).one(db).await?;
    // A row the domain rejects is logged (by `dates_of`) and has no deadlines until it is
    // corrected; it does not hold up the change or the scheduler's pass.
    let Ok(dates) = dates_of(db, &row).await else {
        return record_rearm_on(
            db,
            id,
            desk.and_then(|desk| desk.offsets),
            None,
            today,
            None,
        )
        .await;
    };
    let offsets = desk
        .as_ref()
        .and_then(|desk| desk.offsets.as_deref())
        .and_then(|text| parse_offsets(text).ok())
        .unwrap_or_else(|| timing.offsets.clone());
    let wanted = dates.next_deadlines(today);
    let existing = deadline::Entity::find()
        .filter(deadline::Column::ContractId.eq(id))
        .all(db)
        .await?;
    let reminders = reminder::Entity::find()
        .filter(reminder::Column::ContractId.eq(id))
        .all(db)
        .await?;
    let mut current = Vec::new();
    for due in &wanted {
        let kind = due.kind.as_str();
        let day_to_act = due.day_to_act();
        let found = existing
            .iter()
            .find(|row| row.kind == kind && row.day == due.day);
        let deadline_id = match found {
            Some(row) if row.state == DeadlineState::Decided.as_str() => continue,
            Some(row) => {
                if row.state != DeadlineState::Open.as_str() || row.day_to_act != day_to_act {
                    let mut active: deadline::ActiveModel = row.clone().into();
                    active.state = Set(DeadlineState::Open.as_str().to_owned());
                    active.day_to_act = Set(day_to_act);
                    active.update(db).await?;
                }
                row.id
            }
            None => {
                let now = timing.clock.now();
                deadline::ActiveModel {
                    contract_id: Set(id),
                    kind: Set(kind.to_owned()),
                    day: Set(due.day),
                    day_to_act: Set(day_to_act),
                    state: Set(DeadlineState::Open.as_str().to_owned()),
                    owner_id: Set(None),
                    outcome: Set(None),
                    note: Set(None),
                    decided_at: Set(None),
                    decided_by: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    version: Set(1),
                    ..Default::default()
                }
                .insert(db)
                .await?
                .id
            }
        };
        current.push(deadline_id);
        let days = reminder_days(day_to_act, &offsets, today);
        let series: Vec<_> = reminders
            .iter()
            .filter(|row| row.deadline_id == deadline_id)
            .collect();
        arm_reminders(db, deadline_id, id, &series, &days, timing).await?;
    }
    if mode == Mode::Change {
        for row in &existing {
            let gone = row.state == DeadlineState::Open.as_str()
                && !current.contains(&row.id)
                && row.day >= today;
            if gone {
                supersede(db, row.id, timing.clock.now()).await?;
            }
        }
    }
    let rearm_on = match wanted.iter().map(|due| due.day).min() {
        Some(first) => first.succ_opt(),
        // A contract signed later, or not in force yet, may have deadlines then.
        None if dates.status(today) == ContractStatus::Draft => {
            row.signed_on.filter(|&signed| signed > today)
        }
        None => None,
    };
    // Lists filter on where the contract stands; the day it may stand otherwise is a day to
    // look again too.
    let until = dates.standing_until(today);
    let rearm_on = rearm_on.into_iter().chain(until).min();
    let standing = Some(dates.standing(today));
    record_rearm_on(
        db,
        id,
        desk.and_then(|desk| desk.offsets),
        rearm_on,
        today,
        standing,
    )
    .await
}

/// Records the day the deadlines of contract `id` are worked out again, and where it stands
/// on `today` until then (`None`: a row the domain rejects).
async fn record_rearm_on(
    db: &impl ConnectionTrait,
    id: i32,
    offsets: Option<String>,
    rearm_on: Option<NaiveDate>,
    today: NaiveDate,
    standing: Option<Standing>,
) -> ApiResult<()> {
    use contract_desk::Column as Desk;
    let desk = contract_desk::ActiveModel {
        contract_id: Set(id),
        offsets: Set(offsets),
        rearm_on: Set(rearm_on),
        standing_on: Set(Some(today)),
        status: Set(standing.map(|standing| standing.status.as_str().to_owned())),
        notice_deadline: Set(standing.and_then(|standing| standing.notice_deadline)),
        ends_on: Set(standing.and_then(|standing| standing.ends_on)),
    };
    let update = [
        Desk::RearmOn,
        Desk::StandingOn,
        Desk::Status,
        Desk::NoticeDeadline,
        Desk::EndsOn,
    ];
    write_desk(db, desk, update).await
}

/// Writes the desk's row `desk`: all of it when it is new; of one that exists, only the
/// columns `update`.
async fn write_desk(
    db: &impl ConnectionTrait,
    desk: contract_desk::ActiveModel,
    update: impl IntoIterator<Item = contract_desk::Column>,
) -> ApiResult<()> {
    contract_desk::Entity::insert(desk)
        .on_conflict(
            OnConflict::column(contract_desk::Column::ContractId)
                .update_columns(update)
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// The days to remind of acting on `day_to_act` with these `offsets`, as seen on `today`:
/// those not past; if every one is, today (while the day to act has not passed either, or
/// the deadline itself is still ahead).
pub fn reminder_days(day_to_act: NaiveDate, offsets: &[u32], today: NaiveDate) -> Vec<NaiveDate> {
    let days: Vec<_> = calendar::reminder_days(day_to_act, offsets)
        .into_iter()
        .filter(|&day| day >= today)
        .collect();
    if days.is_empty() { vec![today] } else { days }
}

/// Arms the reminders of deadline `deadline_id` on `days`, given the ones it has
/// (`existing`): a day that has one sent keeps it, one superseded is armed again, a missing
/// one is added. Armed reminders of the series on other days still ahead are superseded; one
/// already due stays armed, to go out late.
async fn arm_reminders(
    db: &impl ConnectionTrait,
    deadline_id: i32,
    contract_id: i32,
    existing: &[&reminder::Model],
    days: &[NaiveDate],
    timing: &Timing,
) -> ApiResult<()> {
    let today = timing.clock.today();
    let armed = ReminderState::Armed.as_str();
    for row in existing {
        let stale = row.state == armed
            && !row.snoozed
            && row.due_on >= today
            && !days.contains(&row.due_on);
        if stale {
            set_state(db, row, ReminderState::Superseded).await?;
        }
    }
    for &day in days {
        match existing.iter().find(|row| row.due_on == day) {
            Some(row) if row.state == ReminderState::Superseded.as_str() => {
                set_state(db, row, ReminderState::Armed).await?;
            }
            Some(_) => {}
            None => {
                reminder::ActiveModel {
                    deadline_id: Set(deadline_id),
                    contract_id: Set(contract_id),
                    due_on: Set(day),
                    state: Set(armed.to_owned()),
                    snoozed: Set(false),
                    sent_at: Set(None),
                    late: Set(false),
                    // The server's clock: whether it goes out late is judged by it.
                    created_at: Set(timing.clock.now()),
                    ..Default::default()
                }
                .insert(db)
                .await?;
            }
        }
    }
    Ok(())
}

async fn set_state(
    db: &impl ConnectionTrait,
    row: &reminder::Model,
    state: ReminderState,
) -> ApiResult<()> {
    let mut active: reminder::ActiveModel = row.clone().into();
    active.state = Set(state.as_str().to_owned());
    active.update(db).await?;
    Ok(())
}

/// Marks the deadline `id` superseded, with every reminder of it still armed.
pub async fn supersede(
    db: &impl ConnectionTrait,
    id: i32,
    now: chrono::DateTime<Utc>,
) -> ApiResult<()> {
    deadline::Entity::update_many()
        .col_expr(
            deadline::Column::State,
            DeadlineState::Superseded.as_str().into(),
        )
        .col_expr(deadline::Column::UpdatedAt, now.into())
        .filter(deadline::Column::Id.eq(id))
        .exec(db)
        .await?;
    silence(db, id).await
}

/// Supersedes the reminders of deadline `id` that are still armed.
pub async fn silence(db: &impl ConnectionTrait, id: i32) -> ApiResult<()> {
    reminder::Entity::update_many()
        .col_expr(
            reminder::Column::State,
            ReminderState::Superseded.as_str().into(),
        )
        .filter(reminder::Column::DeadlineId.eq(id))
        .filter(reminder::Column::State.eq(ReminderState::Armed.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// Stores a contract's own reminder days (`None`: the server's again).
pub async fn set_offsets(
    db: &impl ConnectionTrait,
    contract_id: i32,
    offsets: Option<&[u32]>,
) -> ApiResult<()> {
    let desk = contract_desk::ActiveModel {
        contract_id: Set(contract_id),
        offsets: Set(offsets.map(format_offsets)),
        rearm_on: Set(None),
        standing_on: Set(None),
        status: Set(None),
        notice_deadline: Set(None),
        ends_on: Set(None),
    };
    write_desk(db, desk, [contract_desk::Column::Offsets]).await
}

/// Removes everything the desk holds about contract `id` (it is being deleted): its
/// reminders with their inbox entries and mail deliveries, its deadlines, its settings.
pub async fn forget(db: &impl ConnectionTrait, id: i32) -> ApiResult<()> {
    use crate::entities::{delivery, inbox_entry};
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    let reminders = Query::select()
        .column(reminder::Column::Id)
        .from(reminder::Entity)
        .and_where(Expr::col(reminder::Column::ContractId).eq(id))
        .to_owned();
    inbox_entry::Entity::delete_many()
        .filter(inbox_entry::Column::ReminderId.in_subquery(reminders.clone()))
        .exec(db)
        .await?;
    delivery::Entity::delete_many()
        .filter(delivery::Column::ReminderId.in_subquery(reminders))
        .exec(db)
        .await?;
    delete_of::<reminder::Entity>(db, reminder::Column::ContractId, id).await?;
    delete_of::<deadline::Entity>(db, deadline::Column::ContractId, id).await?;
    delete_of::<contract_desk::Entity>(db, contract_desk::Column::ContractId, id).await
}

/// Deletes the rows of `E` whose `contract_column` names contract `id`.
async fn delete_of<E: EntityTrait>(
    db: &impl ConnectionTrait,
    contract_column: E::Column,
    id: i32,
) -> ApiResult<()> {
    E::delete_many()
        .filter(contract_column.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn reminders_before_today_are_left_out_and_one_falls_today_if_none_is_left() {
        let act = day("2027-07-30");
        let all = [90, 30, 7, 0];
        assert_eq!(
            reminder_days(act, &all, day("2027-01-04")),
            [day("2027-05-01"), day("2027-06-30"), day("2027-07-23"), act]
        );
        assert_eq!(
            reminder_days(act, &all, day("2027-07-01")),
            [day("2027-07-23"), act]
        );
        // Only an early reminder, and it has passed: one today instead of none.
        assert_eq!(
            reminder_days(act, &[30], day("2027-07-10")),
            [day("2027-07-10")]
        );
        // The day to act has passed, the deadline (a Saturday) has not: remind today.
        assert_eq!(
            reminder_days(act, &all, day("2027-07-31")),
            [day("2027-07-31")]
        );
    }
}
