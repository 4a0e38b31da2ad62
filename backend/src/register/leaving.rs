//! Which member-limited views a change takes its record out of, worked out when the change is
//! written and kept with its audit entry (`left_view_of`), so that a subscriber hears of it as
//! the record leaving its view whether it is listening then or reads the change later from the
//! feed: the view is judged as it was at the change, not as it is when the entry is read.
//!
//! A record leaves a view limited to organisation `X` (a member, see `units`) when `X` no
//! longer has it among its own: a contract whose last party among `X`'s own organisations is
//! removed (also when the contract is deleted, whose parties are removed first), and an
//! organisation moved from under `X` or deleted. An organisation that becomes a member and so
//! stops being a unit of its parent is not among them: the change is to its membership, and
//! the parent's view loses it without an event.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;
use verbund_shared::org::ParentLink;

use super::units;
use crate::entities::record::RecordType;
use crate::entities::{contract_party, membership};
use crate::error::ApiResult;

/// The organisations whose view the record of the change (of `kind`, `record_id`, by
/// `operation`, with its snapshots) leaves, as the audit entry keeps them: `,1,2,`; `None`
/// when the change takes it out of no view. Within the change's transaction, after the
/// change itself (a removed party: before it is deleted).
pub async fn left_view_of(
    db: &impl ConnectionTrait,
    (kind, operation, record_id): (&str, &str, i32),
    before: Option<&Value>,
    after: Option<&Value>,
) -> ApiResult<Option<String>> {
    // Read only for the changes that can take a record out of a view.
    let mut left = if kind == RecordType::Contract.as_str() && operation == "removeContractParty" {
        let Some(removed) = before.and_then(|party| id(party, "organisation_id")) else {
            return Ok(None);
        };
        party_left(db, record_id, removed).await?
    } else if kind == RecordType::Organisation.as_str() {
        organisation_left(db, record_id, before, after).await?
    } else {
        return Ok(None);
    };
    if left.is_empty() {
        return Ok(None);
    }
    left.sort_unstable();
    let list = left.iter().map(i32::to_string).collect::<Vec<_>>();
    Ok(Some(format!(",{},", list.join(","))))
}

/// Whether an entry's `left_view_of` names the organisation `id`.
pub fn names(left_view_of: Option<&str>, id: i32) -> bool {
    left_view_of.is_some_and(|list| list.contains(&format!(",{id},")))
}

/// The organisations that lose contract `contract` when its party `removed` goes: those
/// with `removed` among their own and none of the other parties.
async fn party_left(db: &impl ConnectionTrait, contract: i32, removed: i32) -> ApiResult<Vec<i32>> {
    let others: Vec<i32> = contract_party::Entity::find()
        .filter(contract_party::Column::ContractId.eq(contract))
        .filter(contract_party::Column::OrganisationId.ne(removed))
        .all(db)
        .await?
        .into_iter()
        .map(|party| party.organisation_id)
        .collect();
    let keep = units::owners_of(db, &others).await?;
    let lose = units::owners_of(db, &[removed]).await?;
    Ok(lose.difference(&keep).copied().collect())
}

/// The organisations that lose organisation `id` with a change from `before` to `after`
/// (`None`: deleted): those it belonged to as a unit before and no longer does (itself too
/// when it is deleted).
async fn organisation_left(
    db: &impl ConnectionTrait,
    id: i32,
    before: Option<&Value>,
    after: Option<&Value>,
) -> ApiResult<Vec<i32>> {
    // One just made was in no view; one that was no unit and stays is in its own only.
    let Some(before) = before else {
        return Ok(Vec::new());
    };
    let (was, is) = (unit_of(before), after.and_then(unit_of));
    if after.is_some() && (was.is_none() || was == is) {
        return Ok(Vec::new());
    }
    // A member is no unit of its parent, wherever it hangs.
    let member = after.is_some()
        && membership::Entity::find()
            .filter(membership::Column::OrganisationId.eq(id))
            .count(db)
            .await?
            > 0;
    if member {
        return Ok(Vec::new());
    }
    let mut lose = match was {
        Some(parent) => units::owners_of(db, &[parent]).await?,
        None => Default::default(),
    };
    if after.is_none() {
        lose.insert(id);
    }
    let keep = match is {
        Some(parent) => units::owners_of(db, &[parent]).await?,
        None => Default::default(),
    };
    Ok(lose.difference(&keep).copied().collect())
}

/// The organisation a snapshot of an organisation is a unit of.
fn unit_of(snapshot: &Value) -> Option<i32> {
    if snapshot.get("parent_link")?.as_str()? != ParentLink::Unit.as_str() {
        return None;
    }
    id(snapshot, "parent_id")
}

/// An id field of a snapshot.
fn id(snapshot: &Value, field: &str) -> Option<i32> {
    i32::try_from(snapshot.get(field)?.as_i64()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_names_whole_ids_only() {
        assert!(names(Some(",3,12,"), 3));
        assert!(names(Some(",3,12,"), 12));
        assert!(!names(Some(",3,12,"), 1));
        assert!(!names(Some(",13,"), 3));
        assert!(!names(None, 3));
    }

    #[test]
    fn only_a_unit_link_makes_a_holder() {
        let unit = serde_json::json!({ "parent_id": 7, "parent_link": "UNIT" });
        let territory = serde_json::json!({ "parent_id": 7, "parent_link": "TERRITORY" });
        let alone = serde_json::json!({ "parent_id": null, "parent_link": null });
        assert_eq!(unit_of(&unit), Some(7));
        assert_eq!(unit_of(&territory), None);
        assert_eq!(unit_of(&alone), None);
    }
}
