//! Express renewals of contracts: reading those recorded (into a contract's dates, and for the
//! API), recording one, removing them with their contract.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait,
    DatabaseConnection, EntityTrait, QueryFilter,
};
use verbund_shared::access::Role;
use verbund_shared::contract::{ContractDates, ExpressRenewal, RenewalError, RenewalTerm};
use verbund_shared::validate::{Check, FieldError};

use super::{Contract, parties, terms_of};

use crate::auth::access::Access;
use crate::entities::record::RecordType;
use crate::entities::{contract, express_renewal};
use crate::error::{ApiError, ApiResult};
use crate::register::write::{self, Tx};
use crate::register::{bounds, read};

/// The audit log's operation for a renewal removed with its contract.
pub const REMOVED: &str = "removeExpressRenewal";

/// An express renewal as recorded.
pub use crate::entities::express_renewal::Model as RecordedRenewal;

/// The renewals recorded for each of `contracts`, in the order decided (those of one day in
/// the order recorded). For the register's own use: no access rule applies.
pub async fn recorded(
    db: &impl ConnectionTrait,
    contracts: &[i32],
) -> ApiResult<HashMap<i32, Vec<RecordedRenewal>>> {
    let [key, day, id] = IN_ORDER;
    read::grouped::<express_renewal::Entity, _>(
        db,
        Condition::all(),
        key,
        &[day, id],
        contracts,
        |row| Ok((row.contract_id, row)),
    )
    .await
}

/// A renewal's contract, and the columns that put the renewals of a contract in the order
/// decided.
const IN_ORDER: [express_renewal::Column; 3] = [
    express_renewal::Column::ContractId,
    express_renewal::Column::RenewedOn,
    express_renewal::Column::Id,
];

/// The renewals recorded for contract `id`, in the order decided.
async fn recorded_of(db: &impl ConnectionTrait, id: i32) -> ApiResult<Vec<RecordedRenewal>> {
    Ok(recorded(db, &[id]).await?.remove(&id).unwrap_or_default())
}

/// The renewals of each of `contracts` the caller may see (those of the contracts it may
/// read), in the order decided.
pub async fn renewals_of(
    db: &impl ConnectionTrait,
    access: &Access,
    contracts: &[i32],
) -> ApiResult<HashMap<i32, Vec<RecordedRenewal>>> {
    read::latest_of_each::<express_renewal::Entity, _>(
        db,
        access,
        contracts,
        IN_ORDER,
        bounds::RENEWALS,
        |row| Ok((row.contract_id, row)),
    )
    .await
}

/// The stored contract row with its recorded renewals as domain dates and terms. A row the
/// domain rejects is a data error: it is logged with the contract's id and answered as an
/// internal error.
pub fn dates_with(row: &Contract, renewals: &[RecordedRenewal]) -> ApiResult<ContractDates> {
    let corrupt = |what: &str| {
        ApiError::internal(
            "express renewal violates the term rules",
            &format!("contract {}: {what}", row.id),
        )
    };
    let renewals = renewals
        .iter()
        .map(|renewal| {
            let term = match (renewal.months, renewal.until) {
                (Some(months), None) => u32::try_from(months)
                    .ok()
                    .and_then(core::num::NonZeroU32::new)
                    .map(RenewalTerm::Months)
                    .ok_or_else(|| corrupt("renewal months"))?,
                (None, Some(until)) => RenewalTerm::Until(until),
                _ => return Err(corrupt("renewal term given twice or not at all")),
            };
            Ok(ExpressRenewal {
                renewed_on: renewal.renewed_on,
                term,
            })
        })
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(ContractDates {
        signed_on: row.signed_on,
        terms: terms_of(row)?,
        notice_given_on: row.notice_given_on,
        ended_on: row.ended_on,
        renewals,
    })
}

/// The dates of one contract, its recorded renewals read on `db`.
pub async fn dates_of(db: &impl ConnectionTrait, row: &Contract) -> ApiResult<ContractDates> {
    dates_with(row, &recorded_of(db, row.id).await?)
}

/// The dates of each of `rows`, in order, their renewals read in one statement.
pub async fn dates_of_each(
    db: &impl ConnectionTrait,
    rows: &[Contract],
) -> ApiResult<Vec<ContractDates>> {
    // Only a contract that ends unless expressly renewed follows its renewals.
    let ids: Vec<i32> = rows
        .iter()
        .filter(|row| row.renewal == verbund_shared::drafts::RenewalRule::Express.as_str())
        .map(|row| row.id)
        .collect();
    let mut renewals = recorded(db, &ids).await?;
    rows.iter()
        .map(|row| dates_with(row, &renewals.remove(&row.id).unwrap_or_default()))
        .collect()
}

/// How the arguments of a renewal are named in field errors: the day decided, the months,
/// the end.
pub type RenewalFields = [&'static str; 3];

/// The arguments of `renewContract`.
const RENEW_CONTRACT: RenewalFields = ["renewedOn", "months", "until"];

/// Records that the parties expressly renewed the contract `id` (at `version`) on
/// `renewed_on`, for `months` months or `until` a day. Checked by the domain's rules with the
/// renewals recorded before (field errors on `renewedOn`, `months`, `until`); a decision is
/// recorded once taken, so `renewed_on` is not after today. The contract's version grows; its
/// deadlines are worked out again in the same transaction, so the decision on the old term
/// is superseded and the new term's deadlines are armed.
pub async fn renew(
    db: &DatabaseConnection,
    access: &Access,
    (id, version): (i32, i32),
    renewed_on: NaiveDate,
    term: (Option<i32>, Option<NaiveDate>),
) -> ApiResult<Contract> {
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let before = write::claim::<contract::Entity>(&tx.txn, id, version, "contract").await?;
    let after = record(&tx, before, renewed_on, term, RENEW_CONTRACT).await?;
    tx.commit().await?;
    Ok(after)
}

/// Records, within the change `tx` (a decision of the deadline desk), an express renewal of
/// contract `id` as it is now, by the same rules as [`renew`]; field errors name the
/// arguments as `fields` does.
pub async fn renew_within(
    tx: &Tx<'_>,
    id: i32,
    renewed_on: NaiveDate,
    term: (Option<i32>, Option<NaiveDate>),
    fields: RenewalFields,
) -> ApiResult<Contract> {
    let Some(current) = contract::Entity::find_by_id(id).one(&tx.txn).await? else {
        return Err(ApiError::not_found("No such contract."));
    };
    let before = write::claim::<contract::Entity>(&tx.txn, id, current.version, "contract").await?;
    record(tx, before, renewed_on, term, fields).await
}

/// Checks and records a renewal of the claimed contract `before`, with its audit entry; the
/// contract's version grows.
async fn record(
    tx: &Tx<'_>,
    before: Contract,
    renewed_on: NaiveDate,
    (months, until): (Option<i32>, Option<NaiveDate>),
    fields: RenewalFields,
) -> ApiResult<Contract> {
    let dates = dates_of(&tx.txn, &before).await?;
    let mut check = Check::new();
    let today = tx.timing().clock.today();
    if renewed_on > today {
        check.fail(
            "renewedOn",
            format!("a renewal is recorded once decided: {renewed_on} lies after today ({today})"),
        );
    }
    let renewal = check.express_renewal(&dates, renewed_on, months, until);
    let renamed = |mut errors: Vec<FieldError>| {
        for error in &mut errors {
            if let Some(at) = RENEW_CONTRACT.iter().position(|name| *name == error.field) {
                fields[at].clone_into(&mut error.field);
            }
        }
        ApiError::from(errors)
    };
    check.finish().map_err(renamed)?;
    let Some(renewal) = renewal else {
        return Err(ApiError::bad_input(
            fields[0],
            "The renewal cannot be taken.",
        ));
    };
    let id = before.id;
    let list = Condition::all().add(express_renewal::Column::ContractId.eq(id));
    let name = "A contract's express renewals";
    bounds::room::<express_renewal::Entity>(&tx.txn, list, bounds::RENEWALS, fields[0], name)
        .await?;
    let (months, until) = match renewal.term {
        RenewalTerm::Months(months) => (i32::try_from(months.get()).ok(), None),
        RenewalTerm::Until(until) => (None, Some(until)),
    };
    let row = express_renewal::ActiveModel {
        contract_id: Set(id),
        renewed_on: Set(renewal.renewed_on),
        months: Set(months),
        until: Set(until),
        created_at: Set(tx.timing().clock.now()),
        created_by: Set(tx.actor_id()),
        ..Default::default()
    }
    .insert(&tx.txn)
    .await?;
    let operation = "renewContract";
    tx.log(operation, RecordType::Contract, id, None::<&()>, Some(&row))
        .await?;
    parties::touch(&tx.txn, before).await
}

/// Refuses an amendment that gives a contract (as `amended`) terms under which the express
/// renewals recorded for it would no longer hold: its renewal rule, decision period and first
/// term must keep them possible.
pub(super) async fn still_hold(tx: &Tx<'_>, amended: &Contract) -> ApiResult<()> {
    let recorded = recorded_of(&tx.txn, amended.id).await?;
    if recorded.is_empty() {
        return Ok(());
    }
    match dates_with(amended, &recorded)?.renewed_terms() {
        Ok(_) => Ok(()),
        Err(err) => {
            let field = match err {
                RenewalError::NotLongerThanDecisionPeriod { .. } => "decisionMonths",
                RenewalError::NoTerms => "effectiveFrom",
                _ => "renewal",
            };
            Err(ApiError::bad_input(
                field,
                format!(
                    "The express renewals recorded for the contract would no longer hold: {err}."
                ),
            ))
        }
    }
}

/// Removes the renewals of contract `id` (it is being deleted) and returns them, for the
/// caller's audit entries.
pub async fn forget(db: &impl ConnectionTrait, id: i32) -> ApiResult<Vec<RecordedRenewal>> {
    let rows = recorded_of(db, id).await?;
    express_renewal::Entity::delete_many()
        .filter(express_renewal::Column::ContractId.eq(id))
        .exec(db)
        .await?;
    Ok(rows)
}
