//! What people do on the desk: assign a deadline to an owner, decide it, snooze a reminder,
//! mark inbox entries read, give a contract reminder days of its own.

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, sea_query::Expr,
};
use serde::Serialize;
use verbund_shared::access::Role;
use verbund_shared::contract::{DeadlineKind, DeadlineState, Outcome, ReminderState};
use verbund_shared::text::{TEXT_MAX_CHARS, problem};

use super::{Deadline, Reminder, arm, notice, read};
use crate::auth::access::Access;
use crate::entities::{contract, deadline, inbox_entry, reminder, user};
use crate::error::{ApiError, ApiResult};
use crate::register::contracts;
use crate::register::write::{Tx, claim};

/// The audit log's name for a deadline of the desk.
const DEADLINE: &str = "Deadline";

/// Claims the open deadline `id` at `version` for a change in `tx`; a deadline that has been
/// decided or superseded meanwhile is a `CONFLICT`.
async fn claim_open(tx: &Tx<'_>, id: i32, version: i32) -> ApiResult<deadline::Model> {
    let before = claim::<deadline::Entity>(&tx.txn, id, version, "deadline").await?;
    if before.state != DeadlineState::Open.as_str() {
        return Err(ApiError::conflict(
            format!("The deadline is {} already.", before.state.to_lowercase()),
            Some(before.version),
        ));
    }
    Ok(before)
}

/// Makes `owner` (a staff account that may decide: an active editor or admin) the owner of
/// the open deadline `id`, or nobody.
pub async fn assign(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    owner: Option<i32>,
) -> ApiResult<Deadline> {
    let tx = Tx::begin(db, access, Role::Editor).await?;
    if let Some(owner) = owner {
        let account = user::Entity::find_by_id(owner).one(&tx.txn).await?;
        let may_decide = account.is_some_and(|account| {
            !account.disabled
                && <Role as std::str::FromStr>::from_str(&account.role)
                    .is_ok_and(|role| role.includes(Role::Editor))
        });
        if !may_decide {
            return Err(ApiError::bad_input(
                "owner",
                "The owner must be an active staff account with the editor or admin role.",
            ));
        }
    }
    let before = claim_open(&tx, id, version).await?;
    let mut active = before.clone().into_active_model();
    active.owner_id = Set(owner);
    let after = active.update(&tx.txn).await?;
    tx.log_named("assignDeadline", DEADLINE, id, Some(&before), Some(&after))
        .await?;
    tx.commit().await?;
    Deadline::seen_by(after, access)
}

/// The arguments of `decideDeadline` that give a renewal's term, in the order of
/// [`contracts::RenewalFields`] (the day decided is today, so a problem with it is one of
/// renewing at all: the outcome's).
const RENEWAL_FIELDS: contracts::RenewalFields = ["outcome", "renewalMonths", "renewalUntil"];

/// Decides the open deadline `id`: `outcome` with `note`. Giving notice records the notice on
/// the contract (on `notice_on`, default today) by the contract's notice rule, in the same
/// transaction. Renewing on the decision on an express renewal (a `DECISION` deadline) with a
/// term (`renewal`: months or an end) records the renewal, decided today, by the contract's
/// rules in the same transaction; without one the decision is noted and the contract still
/// ends with its term until the renewal is recorded. The deadline's reminders still armed are
/// superseded.
pub async fn decide(
    db: &DatabaseConnection,
    access: &Access,
    (id, version): (i32, i32),
    outcome: Outcome,
    note: Option<String>,
    notice_on: Option<NaiveDate>,
    renewal: (Option<i32>, Option<NaiveDate>),
) -> ApiResult<Deadline> {
    let note = note
        .map(|note| note.trim().to_owned())
        .filter(|note| !note.is_empty());
    if let Some(message) = note
        .as_deref()
        .and_then(|note| problem(note, TEXT_MAX_CHARS, true))
    {
        return Err(ApiError::bad_input("note", message));
    }
    if notice_on.is_some() && outcome != Outcome::GiveNotice {
        return Err(ApiError::bad_input(
            "noticeGivenOn",
            "A day of notice goes only with the outcome GIVE_NOTICE.",
        ));
    }
    let renews = renewal.0.is_some() || renewal.1.is_some();
    if renews && outcome != Outcome::Renew {
        return Err(ApiError::bad_input(
            RENEWAL_FIELDS[1],
            "A renewal's term goes only with the outcome RENEW.",
        ));
    }
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let before = claim_open(&tx, id, version).await?;
    if renews && before.kind != DeadlineKind::Decision.as_str() {
        return Err(ApiError::bad_input(
            RENEWAL_FIELDS[1],
            "A renewal is recorded with the decision on renewing (a DECISION deadline).",
        ));
    }
    let mut active = before.clone().into_active_model();
    active.state = Set(DeadlineState::Decided.as_str().to_owned());
    active.outcome = Set(Some(outcome.as_str().to_owned()));
    active.note = Set(note);
    active.decided_at = Set(Some(tx.timing().clock.now()));
    active.decided_by = Set(tx.actor_id());
    let after = active.update(&tx.txn).await?;
    arm::silence(&tx.txn, id).await?;
    tx.log_named("decideDeadline", DEADLINE, id, Some(&before), Some(&after))
        .await?;
    if outcome == Outcome::GiveNotice {
        let given_on = notice_on.unwrap_or_else(|| tx.timing().clock.today());
        contracts::give_notice_within(&tx, before.contract_id, given_on).await?;
    }
    if renews {
        let today = tx.timing().clock.today();
        contracts::renew_within(&tx, before.contract_id, today, renewal, RENEWAL_FIELDS).await?;
    }
    tx.commit().await?;
    Deadline::seen_by(after, access)
}

/// Reminds of the open deadline of reminder `id` again on `until` (after today, at the latest
/// on the deadline's day); returns the new reminder.
pub async fn snooze(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    until: NaiveDate,
) -> ApiResult<Reminder> {
    access.require(Role::Editor)?;
    let Some((_, deadline)) = read::reminder_with_deadline(db, access, id).await? else {
        return Err(ApiError::not_found("No such reminder."));
    };
    let today = access.timing.clock.today();
    if until <= today || until > deadline.day {
        return Err(ApiError::bad_input(
            "until",
            format!(
                "A reminder can be snoozed to a day after today and at the latest to the deadline, {}.",
                deadline.day
            ),
        ));
    }
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let before = claim_open(&tx, deadline.id, deadline.version).await?;
    let existing = reminder::Entity::find()
        .filter(reminder::Column::DeadlineId.eq(before.id))
        .filter(reminder::Column::DueOn.eq(until))
        .one(&tx.txn)
        .await?;
    let armed = ReminderState::Armed.as_str().to_owned();
    let row = match existing {
        Some(row) if row.state == armed => row,
        Some(row) => {
            let mut active = row.into_active_model();
            active.state = Set(armed);
            active.snoozed = Set(true);
            active.sent_at = Set(None);
            active.late = Set(false);
            active.update(&tx.txn).await?
        }
        None => {
            reminder::ActiveModel {
                deadline_id: Set(before.id),
                contract_id: Set(before.contract_id),
                due_on: Set(until),
                state: Set(armed),
                snoozed: Set(true),
                sent_at: Set(None),
                late: Set(false),
                created_at: Set(tx.timing().clock.now()),
                ..Default::default()
            }
            .insert(&tx.txn)
            .await?
        }
    };
    // The deadline's version grows, so two people snoozing at once see each other.
    let mut active = before.clone().into_active_model();
    active.updated_at = Set(tx.timing().clock.now());
    let after = active.update(&tx.txn).await?;
    // The entry names the contract, as every desk entry does, so that those who follow the
    // desk hear whose deadline it is without reading the deadline again.
    #[derive(Serialize)]
    struct Snoozed {
        reminder: i32,
        contract_id: i32,
        until: NaiveDate,
    }
    let snoozed = Snoozed {
        reminder: id,
        contract_id: after.contract_id,
        until,
    };
    tx.log_named(
        "snoozeReminder",
        DEADLINE,
        after.id,
        None::<&()>,
        Some(&snoozed),
    )
    .await?;
    tx.commit().await?;
    Reminder::try_from(row)
}

/// Marks the caller's inbox entries `ids` read (those already read stay as they were);
/// returns how many were marked now.
pub async fn mark_read(db: &DatabaseConnection, access: &Access, ids: &[i32]) -> ApiResult<u64> {
    let staff = access.require(Role::Viewer)?;
    let done = inbox_entry::Entity::update_many()
        .col_expr(
            inbox_entry::Column::ReadAt,
            Expr::value(access.timing.clock.now()),
        )
        .filter(inbox_entry::Column::UserId.eq(staff.user_id))
        .filter(inbox_entry::Column::Id.is_in(ids.iter().copied()))
        .filter(inbox_entry::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected > 0 {
        // Written already: on PostgreSQL the notice goes out at once.
        let notice = notice::DeskNotice::Inbox(Some(vec![staff.user_id]));
        notice::tell(db, &notice).await?;
        notice::committed(db, notice);
    }
    Ok(done.rows_affected)
}

/// Gives contract `id` reminder days of its own (`None`: the server's again) and re-arms its
/// deadlines with them.
pub async fn set_reminder_days(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    days: Option<Vec<u32>>,
) -> ApiResult<contract::Model> {
    let days = match days {
        None => None,
        Some(days) => {
            let text = crate::timing::format_offsets(&days);
            Some(
                crate::timing::parse_offsets(&text)
                    .map_err(|message| ApiError::bad_input("days", message))?,
            )
        }
    };
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let Some(row) = contract::Entity::find_by_id(id).one(&tx.txn).await? else {
        return Err(ApiError::not_found("No such contract."));
    };
    arm::set_offsets(&tx.txn, id, days.as_deref()).await?;
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ReminderDays {
        reminder_days: Option<Vec<u32>>,
    }
    let after = ReminderDays {
        reminder_days: days,
    };
    // The desk's own setting, not a change to the contract's record: it stays out of the
    // change feed, and the contract is re-armed with it explicitly.
    tx.log_named(
        "setReminderDays",
        "ContractDesk",
        id,
        None::<&()>,
        Some(&after),
    )
    .await?;
    tx.touch(id);
    tx.commit().await?;
    Ok(row)
}
