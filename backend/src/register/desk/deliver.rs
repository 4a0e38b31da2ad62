//! Deliveries: a reminder mailed to a staff account, at least once.
//!
//! When the scheduler claims a reminder (`due::send_due`), it writes, in the same
//! transaction, one delivery per recipient with a mail address (only when the server has a
//! mail server to send through). A sender ([`send_pending`]) then claims deliveries due in a
//! short transaction of their own — on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so servers
//! sending at once each take other deliveries — marking them `SENDING` for [`LEASE`], sends
//! each mail, and records it `SENT`, or `FAILED` with the attempt and the error, to be tried
//! again after a growing pause (at most [`MAX_ATTEMPTS`] times). A server that stops between
//! sending and recording leaves its deliveries `SENDING`; once the lease is over another pass
//! sends them again under the same `Message-ID`, so the rare second mail is recognisable.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, Statement,
};

use super::by_id;
use super::mail::{Due, Mail, Mailer};
use crate::auth::access::Access;
use crate::entities::{contract, deadline, delivery, reminder, user};
use crate::error::ApiResult;
use crate::register::read::param;
use crate::timing::Clock;

/// The only channel so far.
pub const EMAIL: &str = "EMAIL";
pub const PENDING: &str = "PENDING";
pub const SENDING: &str = "SENDING";
pub const SENT: &str = "SENT";
pub const FAILED: &str = "FAILED";

/// How long a server holds the deliveries it claimed before another may send them.
pub const LEASE: TimeDelta = TimeDelta::minutes(5);
/// How often a delivery is tried before it is given up.
pub const MAX_ATTEMPTS: i32 = 10;
/// Deliveries claimed at once.
const BATCH: i64 = 20;

/// The pause after the `attempts`th failed attempt: one minute, doubling, at most six hours.
pub fn backoff(attempts: i32) -> TimeDelta {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(9);
    TimeDelta::minutes(1 << doublings).min(TimeDelta::hours(6))
}

/// The delivery of a reminder just claimed to `account`, when it has a mail address.
pub fn new_delivery(
    reminder_id: i32,
    account: &user::Model,
    now: DateTime<Utc>,
) -> Option<delivery::ActiveModel> {
    let address = account.email.as_deref().filter(|a| !a.is_empty())?;
    Some(delivery::ActiveModel {
        reminder_id: sea_orm::Set(reminder_id),
        channel: sea_orm::Set(EMAIL.to_owned()),
        user_id: sea_orm::Set(account.id),
        address: sea_orm::Set(address.to_owned()),
        state: sea_orm::Set(PENDING.to_owned()),
        attempts: sea_orm::Set(0),
        last_error: sea_orm::Set(None),
        next_attempt_at: sea_orm::Set(Some(now)),
        sent_at: sea_orm::Set(None),
        created_at: sea_orm::Set(now),
        ..Default::default()
    })
}

/// What one round of the sender did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sent {
    pub sent: usize,
    pub failed: usize,
}

#[derive(Debug, FromQueryResult)]
struct Claimed {
    id: i32,
    attempts: i32,
}

/// Sends every delivery due at the clock's now, batch by batch.
pub async fn send_pending(
    db: &DatabaseConnection,
    clock: &Clock,
    mailer: &Mailer,
) -> ApiResult<Sent> {
    let mut done = Sent::default();
    loop {
        let claimed = claim(db, clock.now()).await?;
        if claimed.is_empty() {
            return Ok(done);
        }
        let mails = mails(db, &claimed).await?;
        for row in &claimed {
            let outcome = match mails.get(&row.id) {
                Some(mail) => mailer.send(mail, clock.now()).await,
                None => Err("the reminder's contract or account is gone".to_owned()),
            };
            if outcome.is_ok() {
                done.sent += 1;
            } else {
                done.failed += 1;
            }
            record(db, row, outcome, clock.now()).await?;
        }
    }
}

/// Claims up to a batch of due deliveries for [`LEASE`], counting the attempt.
async fn claim(db: &DatabaseConnection, now: DateTime<Utc>) -> ApiResult<Vec<Claimed>> {
    let txn = crate::db::begin_write(db).await?;
    let backend = txn.get_database_backend();
    let lock = super::skip_locked(backend);
    let [sending, until, pending, failed, now_at] = [1, 2, 3, 4, 5].map(|n| param(backend, n));
    let sql = format!(
        "UPDATE deliveries SET state = {sending}, attempts = attempts + 1, \
         next_attempt_at = {until} WHERE id IN (SELECT id FROM deliveries \
         WHERE state IN ({pending}, {failed}, {sending}) AND next_attempt_at <= {now_at} \
         ORDER BY next_attempt_at, id LIMIT {BATCH}{lock}) RETURNING id, attempts"
    );
    let claimed = Claimed::find_by_statement(Statement::from_sql_and_values(
        backend,
        sql,
        [
            SENDING.into(),
            (now + LEASE).into(),
            PENDING.into(),
            FAILED.into(),
            now.into(),
        ],
    ))
    .all(&txn)
    .await?;
    txn.commit().await?;
    Ok(claimed)
}

/// The mails of the claimed deliveries, by delivery.
async fn mails(db: &DatabaseConnection, claimed: &[Claimed]) -> ApiResult<HashMap<i32, Mail>> {
    let rows = delivery::Entity::find()
        .filter(delivery::Column::Id.is_in(claimed.iter().map(|row| row.id)))
        .all(db)
        .await?;
    let reminders = by_id(db, reminder::Column::Id, rows.iter().map(|r| r.reminder_id)).await?;
    let deadlines = by_id(
        db,
        deadline::Column::Id,
        reminders.values().map(|r| r.deadline_id),
    )
    .await?;
    let contracts = by_id(
        db,
        contract::Column::Id,
        reminders.values().map(|r| r.contract_id),
    )
    .await?;
    let names: HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|row| row.user_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect();
    let mut mails = HashMap::new();
    for row in rows {
        let Some(reminder) = reminders.get(&row.reminder_id) else {
            continue;
        };
        let (Some(deadline), Some(contract), Some(name)) = (
            deadlines.get(&reminder.deadline_id),
            contracts.get(&reminder.contract_id),
            names.get(&row.user_id),
        ) else {
            continue;
        };
        mails.insert(
            row.id,
            Mail {
                delivery_id: row.id,
                name: name.clone(),
                address: row.address,
                due: Due::of(contract, deadline)?,
                late: reminder.late,
            },
        );
    }
    Ok(mails)
}

/// Records how an attempt went, unless the lease ran out and another server claimed the
/// delivery since (then that server records it).
async fn record(
    db: &DatabaseConnection,
    claimed: &Claimed,
    outcome: Result<(), String>,
    now: DateTime<Utc>,
) -> ApiResult<()> {
    use sea_orm::sea_query::Expr;
    let update = delivery::Entity::update_many()
        .filter(delivery::Column::Id.eq(claimed.id))
        .filter(delivery::Column::State.eq(SENDING))
        .filter(delivery::Column::Attempts.eq(claimed.attempts));
    let update = match outcome {
        Ok(()) => update
            .col_expr(delivery::Column::State, Expr::value(SENT))
            .col_expr(delivery::Column::SentAt, Expr::value(Some(now)))
            .col_expr(
                delivery::Column::NextAttemptAt,
                Expr::value(None::<DateTime<Utc>>),
            ),
        Err(error) => {
            tracing::warn!(delivery = claimed.id, attempts = claimed.attempts, %error, "a reminder mail was not sent");
            let next = (claimed.attempts < MAX_ATTEMPTS).then(|| now + backoff(claimed.attempts));
            update
                .col_expr(delivery::Column::State, Expr::value(FAILED))
                .col_expr(delivery::Column::LastError, Expr::value(Some(error)))
                .col_expr(delivery::Column::NextAttemptAt, Expr::value(next))
        }
    };
    update.exec(db).await?;
    Ok(())
}

/// A delivery as the caller may see it: the recipient only for staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: i32,
    pub reminder_id: i32,
    pub channel: String,
    pub recipient: Option<String>,
    pub user_id: Option<i32>,
    pub state: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// The deliveries of these reminders, by reminder, at most `bounds::DELIVERIES` each
/// (whoever may see the reminders may see them; recipients and errors only staff).
pub async fn deliveries_of(
    db: &impl ConnectionTrait,
    access: &Access,
    reminder_ids: &[i32],
) -> ApiResult<HashMap<i32, Vec<Delivery>>> {
    let staff = access.staff().is_some();
    let rows = delivery::Entity::find()
        .filter(delivery::Column::ReminderId.is_in(reminder_ids.iter().copied()))
        .order_by_asc(delivery::Column::Id)
        .all(db)
        .await?;
    let mut groups: HashMap<i32, Vec<Delivery>> = HashMap::new();
    for row in rows {
        let group = groups.entry(row.reminder_id).or_default();
        if group.len() >= crate::register::bounds::DELIVERIES {
            continue;
        }
        group.push(Delivery {
            id: row.id,
            reminder_id: row.reminder_id,
            channel: row.channel,
            recipient: staff.then_some(row.address),
            user_id: staff.then_some(row.user_id),
            state: row.state,
            attempts: row.attempts,
            last_error: row.last_error.filter(|_| staff),
            next_attempt_at: row.next_attempt_at,
            sent_at: row.sent_at,
        });
    }
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pause_doubles_up_to_six_hours() {
        assert_eq!(backoff(1), TimeDelta::minutes(1));
        assert_eq!(backoff(2), TimeDelta::minutes(2));
        assert_eq!(backoff(4), TimeDelta::minutes(8));
        assert_eq!(backoff(20), TimeDelta::hours(6));
    }
}
