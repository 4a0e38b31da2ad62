//! The most records each list that is not a page can hold. A list of pages is bounded by its
//! page size; these lists are answered whole, so each has a maximum of its own, known before
//! a query runs: the cost of a query counts what such a list selects this many times (see
//! `http::cost` and the schema's complexity), and the register keeps the bound true. Where
//! a change would make a list longer than its bound, the change is refused
//! (`BAD_USER_INPUT`, the field named); a list that grows by itself (the accounts, the tokens,
//! the registered operations, the totals of a date) is answered up to its bound, in its
//! order, and says so.

use sea_orm::{Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::error::{ApiError, ApiResult};

/// An organisation's units (`Organisation.units`).
pub const UNITS: usize = 100;

/// The organisations in an organisation's territory (`Organisation.territory`).
pub const TERRITORY: usize = 100;

/// An organisation's memberships over time (`Organisation.memberships`): joining ten times.
pub const MEMBERSHIPS_OF_ORGANISATION: usize = 10;

/// The memberships that rest on one contract (`Contract.memberships`).
pub const MEMBERSHIPS_UNDER_CONTRACT: usize = 100;

/// The people named at an organisation (`Organisation.people`).
pub const PEOPLE: usize = 100;

/// The key figures of an organisation (`Organisation.figures`).
pub const FIGURES: usize = 100;

/// The parties to one contract (`Contract.parties`).
pub const PARTIES: usize = 20;

/// The fields one change sets (`HistoryEntry.changes`): no record type has more columns (a
/// test checks it).
pub const FIELD_CHANGES: usize = 32;

/// The staff accounts listed (`users`): the first ones by name.
pub const USERS: usize = 200;

/// The partner tokens listed (`apiTokens`): the newest.
pub const API_TOKENS: usize = 200;

/// The registered operations listed (`persistedOperations`): the first ones by name.
pub const PERSISTED_OPERATIONS: usize = 200;

/// The totals per organisation or per service of a date (`Statistics.workstationsByOrganisation`
/// and `workstationsByService`): those with the most workstations.
pub const TOTALS: usize = 100;

/// A token's or a caller's scopes (`scopes`): there are three.
pub const SCOPES: usize = 3;

/// A contract's reminders (`Contract.reminders`): the latest, four for each of twelve
/// deadlines (a notice deadline and an end in each of its last six terms).
pub const REMINDERS: usize = 48;

/// A contract's deadlines on the desk (`Contract.decisions`): the latest 24, a notice
/// deadline and an end in each of its last twelve terms.
pub const DEADLINES: usize = 24;

/// A contract's express renewals (`Contract.renewals`): 24, a renewal every half year for
/// twelve years; a change that would record more is refused, so every renewal counts in the
/// contract's dates (and a page of contracts with their renewals stays within the cost limit).
pub const RENEWALS: usize = 24;

/// A reminder's mails (`Reminder.deliveries`): the first 10, one per recipient (its
/// deadline's owner, or every editor and admin while it has none).
pub const DELIVERIES: usize = 10;

/// The entries of an inbox one request returns (`Viewer.inbox`, its `first`).
pub const INBOX: usize = 100;

/// Keeps the last `bound` records of each list (they are in ascending order: the latest
/// last).
pub fn latest<T>(lists: &mut std::collections::HashMap<i32, Vec<T>>, bound: usize) {
    for list in lists.values_mut() {
        let over = list.len().saturating_sub(bound);
        list.drain(..over);
    }
}

/// Refuses a change that adds one more record to a list already holding `bound`: the rows
/// of `E` that `filter` selects (the list's records), read on `txn`, the change's transaction.
pub async fn room<E: EntityTrait>(
    txn: &impl ConnectionTrait,
    filter: Condition,
    bound: usize,
    field: &str,
    list: &str,
) -> ApiResult<()>
where
    E::Model: Sync,
{
    let held = E::find().filter(filter).count(txn).await?;
    if held >= bound as u64 {
        return Err(ApiError::bad_input(
            field,
            format!("{list} holds at most {bound} records."),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use sea_orm::{EntityTrait, Iterable};

    use crate::entities::{
        api_token, contract, contract_party, coverage, key_figure, membership, organisation,
        persisted_operation, person, service, source, user,
    };

    fn columns<E: EntityTrait>() -> usize {
        E::Column::iter().count()
    }

    /// A change lists at most one field per column of its record (see `audit::changes`), so
    /// no record type may have more columns than `FIELD_CHANGES`.
    #[test]
    fn no_record_has_more_fields_than_a_change_can_list() {
        let widest = [
            columns::<organisation::Entity>(),
            columns::<membership::Entity>(),
            columns::<contract::Entity>(),
            columns::<contract_party::Entity>(),
            columns::<service::Entity>(),
            columns::<coverage::Entity>(),
            columns::<person::Entity>(),
            columns::<key_figure::Entity>(),
            columns::<source::Entity>(),
            columns::<user::Entity>(),
            columns::<api_token::Entity>(),
            columns::<persisted_operation::Entity>(),
        ]
        .into_iter()
        .max()
        .unwrap_or_default();
        assert!(widest > 10 && widest <= super::FIELD_CHANGES, "{widest}");
    }
}
