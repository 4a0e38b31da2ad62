//! A contract row: its terms through the contract's draft, then its parties, the notice given
//! and its end by agreement, each by the register's own rule for that change.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use verbund_shared::contract::{ContractKind, NoticeTo};
use verbund_shared::drafts::{ContractDraft, PartyDraft, RenewalRule};

use super::cells::Cells;
use super::resolve::{Resolver, RowError};
use super::store::{refused, store};
use super::{Action, FieldChange, Planned};
use crate::entities::contract;
use crate::entities::record::{Named, RecordType};
use crate::error::ApiResult;
use crate::register::contracts::{self, Contract};
use crate::register::write::Tx;

/// The parties a cell names: `; ` between them, each an organisation (its global ID, official
/// key or name) with its role in brackets, if it has one: `Stadt Grabow (MEMBER)`.
fn party_texts(cell: &str) -> Vec<(&str, Option<&str>)> {
    cell.split(';')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .map(|entry| {
            match entry
                .strip_suffix(')')
                .and_then(|rest| rest.rsplit_once(" ("))
            {
                Some((name, role)) => (name.trim(), Some(role.trim())),
                None => (entry, None),
            }
        })
        .collect()
}

/// The parties as the export writes them, for a change's before and after.
async fn parties_text(tx: &Tx<'_>, id: i32) -> ApiResult<Option<String>> {
    use crate::entities::contract_party;
    use sea_orm::QueryOrder;
    let parties: Vec<(i32, Option<String>)> = contract_party::Entity::find()
        .filter(contract_party::Column::ContractId.eq(id))
        .order_by_asc(contract_party::Column::Id)
        .all(&tx.txn)
        .await?
        .into_iter()
        .map(|party| (party.organisation_id, party.role))
        .collect();
    Ok(contracts::parties_cell(&parties))
}

pub(super) async fn contract_row(
    tx: &Tx<'_>,
    c: &mut Cells<'_>,
    resolver: &Resolver,
    strict: bool,
) -> ApiResult<Result<Planned, RowError>> {
    let title = c.required("title");
    let kind = c.required_code::<ContractKind>("kind");
    let renewal = c.code::<RenewalRule>("renewal");
    let notice_to = c.code::<NoticeTo>("noticeTo");
    let signed_on = c.date("signedOn");
    let effective_from = c.date("effectiveFrom");
    let initial_term_months = c.int("initialTermMonths");
    let initial_term_until = c.date("initialTermUntil");
    let renewal_months = c.int("renewalMonths");
    let notice_months = c.int("noticeMonths");
    let decision_months = c.int("decisionMonths");
    let notice_given_on = c.date("noticeGivenOn");
    let ended_on = c.date("endedOn");
    let source = c
        .refer(tx, resolver, RecordType::Source, "source", strict)
        .await?;
    let mut parties = None;
    if c.sheet.keys.iter().any(|key| key == "parties") {
        let mut wanted = Vec::new();
        for (name, role) in party_texts(c.get("parties").unwrap_or_default()) {
            let organisation = c
                .refer_to(
                    tx,
                    resolver,
                    RecordType::Organisation,
                    "parties",
                    name,
                    strict,
                )
                .await?;
            if let Some(organisation) = organisation {
                wanted.push(PartyDraft {
                    organisation,
                    role: role.map(str::to_owned),
                });
            }
        }
        parties = Some(wanted);
    }
    let number = c.text("number");
    let mut target = c.by_id::<contract::Entity>(tx, resolver).await?;
    if let Err(err) = c.finish() {
        return Ok(Err(err));
    }
    if let (None, Some(number)) = (&target, &number) {
        target = contract::Entity::find()
            .filter(contract::Column::Number.eq(number.as_str()))
            .one(&tx.txn)
            .await?;
    }
    let Some(kind) = kind else {
        return Ok(Err(c.refuse()));
    };
    let label = number.clone().unwrap_or_else(|| title.clone());
    let draft = ContractDraft {
        number,
        title,
        file_reference: c.text("fileReference"),
        kind,
        signed_on,
        effective_from,
        initial_term_months,
        initial_term_until,
        renewal: renewal.unwrap_or(RenewalRule::None),
        renewal_months,
        notice_months,
        notice_to,
        decision_months,
        source,
    };
    let mut planned = match store(tx, c, target, draft, label).await? {
        Ok(planned) => planned,
        Err(err) => return Ok(Err(err)),
    };
    let Some((_, id)) = RecordType::parse_global_id(&planned.id) else {
        return Ok(Err(c.refuse()));
    };
    // Read once: the parties leave the days of notice and end as they are.
    let current = current(tx, id).await?;
    let mut more = Vec::new();
    if let Some(parties) = parties {
        let before = parties_text(tx, id).await?;
        match contracts::set_parties_within(tx, &current, parties).await {
            Ok(Some(_)) => more.push(FieldChange {
                field: "parties".to_owned(),
                before,
                after: parties_text(tx, id).await?,
            }),
            Ok(None) => {}
            Err(err) => {
                refused(c, err)?;
                return Ok(Err(c.refuse()));
            }
        }
    }
    // Notice and an end by agreement are recorded by their own rules, once: a file cannot
    // take them back or move them.
    for (key, day, recorded) in [
        ("noticeGivenOn", notice_given_on, current.notice_given_on),
        ("endedOn", ended_on, current.ended_on),
    ] {
        let Some(day) = c.once(key, day, recorded) else {
            continue;
        };
        let done = if key == "endedOn" {
            contracts::end_within(tx, id, day).await
        } else {
            contracts::give_notice_within(tx, id, day).await
        };
        if let Err(err) = done {
            refused(c, err)?;
            return Ok(Err(c.refuse()));
        }
        more.push(FieldChange {
            field: key.to_owned(),
            before: None,
            after: Some(day.to_string()),
        });
    }
    if !c.problems.is_empty() {
        return Ok(Err(c.refuse()));
    }
    if !more.is_empty() && planned.action == Action::Same {
        planned.action = Action::Change;
    }
    planned.changes.extend(more);
    Ok(Ok(planned))
}

/// The contract `id` as it is now, within `tx`.
async fn current(tx: &Tx<'_>, id: i32) -> ApiResult<Contract> {
    contract::Entity::find_by_id(id)
        .one(&tx.txn)
        .await?
        .ok_or_else(|| crate::error::ApiError::not_found("No such contract."))
}

#[cfg(test)]
mod tests {
    use super::party_texts;

    #[test]
    fn parties_with_and_without_roles() {
        assert_eq!(
            party_texts("T3Jn (MEMBER); Stadt Grabow (Elde) (PROVIDER);  ; Amt Zarrentin"),
            [
                ("T3Jn", Some("MEMBER")),
                ("Stadt Grabow (Elde)", Some("PROVIDER")),
                ("Amt Zarrentin", None),
            ]
        );
    }
}
