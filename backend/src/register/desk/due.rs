//! The scheduler's work: arming the deadlines of contracts the desk has not seen yet or whose
//! next deadline has passed, and sending the reminders that are due.
//!
//! A reminder is sent by claiming it: one statement marks a batch of due, armed reminders
//! sent and returns them; on PostgreSQL it picks them with `FOR UPDATE SKIP LOCKED`, so
//! servers working at once each claim other reminders and none waits for another, and on
//! SQLite the statement takes the database's single write lock. The inbox entries of the
//! claimed reminders are written in the same transaction, so each exists exactly once: a
//! server that dies before committing leaves its reminders armed for the next pass. The
//! claim takes no part in the change feed's order (it writes no audit entry), so it does not
//! take the feed's lock; a change that supersedes reminders at the same time waits for the
//! claimed rows or is waited for by the claim, and then sees them as they are. When reminders
//! are mailed, the claim also writes each recipient's delivery (see `deliver`).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter,
    Statement,
};
use verbund_shared::access::Role;
use verbund_shared::contract::ReminderState;

use super::notice::{self, DeskNotice};
use super::{LATE_AFTER, arm, deliver, skip_locked};
use crate::entities::{deadline, delivery, inbox_entry, user};
use crate::error::ApiResult;
use crate::register::feed;
use crate::register::read::param;
use crate::timing::Timing;

/// What one pass of the scheduler did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    /// Contracts whose deadlines were worked out again.
    pub rearmed: usize,
    /// Reminders sent.
    pub sent: usize,
    /// Of those, sent late.
    pub late: usize,
    /// Inbox entries written.
    pub entries: usize,
}

/// How many contracts or reminders one transaction takes.
const BATCH: u64 = 100;

/// Arms the deadlines of every contract the desk has not seen yet (new since the last pass,
/// or from before the desk existed) or whose next deadline has passed, in batches; each
/// batch is one change that holds the feed's lock, so it never races a change to the same
/// contract. Returns how many contracts it looked at.
pub async fn rollover(db: &DatabaseConnection, timing: &Timing) -> ApiResult<usize> {
    let today = timing.clock.today();
    let mut done = 0;
    loop {
        let txn = crate::db::begin_write(db).await?;
        feed::serialize(&txn).await?;
        let backend = txn.get_database_backend();
        let [day, limit] = [1, 2].map(|n| param(backend, n));
        let sql = format!(
            "SELECT c.id FROM contracts c LEFT JOIN contract_desk d ON d.contract_id = c.id \
             WHERE d.contract_id IS NULL OR d.standing_on IS NULL OR d.standing_on > {day} \
             OR d.rearm_on <= {day} ORDER BY c.id LIMIT {limit}"
        );
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [today.into(), i64::try_from(BATCH).unwrap_or(100).into()],
            ))
            .await?;
        let ids = rows
            .iter()
            .map(|row| row.try_get_by_index::<i32>(0))
            .collect::<Result<Vec<_>, _>>()?;
        for &id in &ids {
            arm::rearm(&txn, id, timing, arm::Mode::Rollover).await?;
        }
        let notice = (!ids.is_empty()).then(|| DeskNotice::Rearmed(ids.clone()));
        if let Some(notice) = &notice {
            notice::tell(&txn, notice).await?;
        }
        txn.commit().await?;
        if let Some(notice) = notice {
            notice::committed(db, notice);
        }
        done += ids.len();
        if (ids.len() as u64) < BATCH {
            return Ok(done);
        }
    }
}

#[derive(Debug, FromQueryResult)]
struct Claimed {
    id: i32,
    deadline_id: i32,
    due_on: NaiveDate,
    created_at: DateTime<Utc>,
}

/// Sends every reminder due at the clock's now, in batches: claims it, marks it late where
/// it is, and writes its inbox entries, all in one transaction per batch.
pub async fn send_due(db: &DatabaseConnection, timing: &Timing) -> ApiResult<Pass> {
    let mut pass = Pass::default();
    loop {
        let batch = send_batch(db, timing).await?;
        pass.sent += batch.sent;
        pass.late += batch.late;
        pass.entries += batch.entries;
        if (batch.sent as u64) < BATCH {
            return Ok(pass);
        }
    }
}

async fn send_batch(db: &DatabaseConnection, timing: &Timing) -> ApiResult<Pass> {
    let now = timing.clock.now();
    let Some(through) = timing.due_through(now) else {
        return Ok(Pass::default());
    };
    let txn = crate::db::begin_write(db).await?;
    let backend = txn.get_database_backend();
    let armed = ReminderState::Armed.as_str();
    let sent = ReminderState::Sent.as_str();
    let lock = skip_locked(backend);
    let [p_sent, p_at, p_armed, p_through] = [1, 2, 3, 4].map(|n| param(backend, n));
    let sql = format!(
        "UPDATE reminders SET state = {p_sent}, sent_at = {p_at} WHERE id IN (\
         SELECT id FROM reminders WHERE state = {p_armed} AND due_on <= {p_through} \
         ORDER BY due_on, id LIMIT {BATCH}{lock}) \
         RETURNING id, deadline_id, due_on, created_at"
    );
    let claimed = Claimed::find_by_statement(Statement::from_sql_and_values(
        backend,
        sql,
        [sent.into(), now.into(), armed.into(), through.into()],
    ))
    .all(&txn)
    .await?;
    if claimed.is_empty() {
        txn.commit().await?;
        return Ok(Pass::default());
    }
    let late: Vec<i32> = claimed
        .iter()
        .filter(|row| {
            timing
                .send_instant(row.due_on)
                .is_none_or(|at| now - at.max(row.created_at) > LATE_AFTER)
        })
        .map(|row| row.id)
        .collect();
    if !late.is_empty() {
        crate::entities::reminder::Entity::update_many()
            .col_expr(
                crate::entities::reminder::Column::Late,
                sea_orm::sea_query::Expr::value(true),
            )
            .filter(crate::entities::reminder::Column::Id.is_in(late.iter().copied()))
            .exec(&txn)
            .await?;
    }
    let owners: HashMap<i32, Option<i32>> = deadline::Entity::find()
        .filter(deadline::Column::Id.is_in(claimed.iter().map(|row| row.deadline_id)))
        .all(&txn)
        .await?
        .into_iter()
        .map(|row| (row.id, row.owner_id))
        .collect();
    let accounts = user::Entity::find()
        .filter(user::Column::Disabled.eq(false))
        .all(&txn)
        .await?;
    let deciders: Vec<i32> = accounts
        .iter()
        .filter(|account| {
            <Role as std::str::FromStr>::from_str(&account.role)
                .is_ok_and(|role| role.includes(Role::Editor))
        })
        .map(|account| account.id)
        .collect();
    let active: Vec<i32> = accounts.iter().map(|account| account.id).collect();
    let mut entries = Vec::new();
    let mut deliveries = Vec::new();
    for row in &claimed {
        let recipients = match owners.get(&row.deadline_id).copied().flatten() {
            Some(owner) if active.contains(&owner) => vec![owner],
            _ => deciders.clone(),
        };
        for user_id in recipients {
            if timing.mail
                && let Some(account) = accounts.iter().find(|account| account.id == user_id)
            {
                deliveries.extend(deliver::new_delivery(row.id, account, now));
            }
            entries.push(inbox_entry::ActiveModel {
                user_id: sea_orm::Set(user_id),
                reminder_id: sea_orm::Set(row.id),
                created_at: sea_orm::Set(now),
                read_at: sea_orm::Set(None),
                ..Default::default()
            });
        }
    }
    let written = entries.len();
    let told = DeskNotice::Inbox(Some(notice::recipients(
        entries
            .iter()
            .filter_map(|entry| entry.user_id.clone().take()),
    )));
    if !entries.is_empty() {
        notice::tell(&txn, &told).await?;
        // No `ON CONFLICT`: a reminder claimed twice would fail here on the unique key,
        // loudly, instead of passing unseen.
        inbox_entry::Entity::insert_many(entries)
            .exec_without_returning(&txn)
            .await?;
    }
    if !deliveries.is_empty() {
        delivery::Entity::insert_many(deliveries)
            .exec_without_returning(&txn)
            .await?;
    }
    txn.commit().await?;
    if written > 0 {
        notice::committed(db, told);
    }
    Ok(Pass {
        rearmed: 0,
        sent: claimed.len(),
        late: late.len(),
        entries: written,
    })
}

/// One pass: arm what needs arming, then send what is due.
pub async fn pass(db: &DatabaseConnection, timing: &Timing) -> ApiResult<Pass> {
    let rearmed = rollover(db, timing).await?;
    let sent = send_due(db, timing).await?;
    Ok(Pass { rearmed, ..sent })
}
