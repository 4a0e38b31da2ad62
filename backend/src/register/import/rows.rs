//! How a row of each list becomes a draft and finds the record it matches.

use sea_orm::sea_query::IntoCondition;
use sea_orm::{ColumnTrait, Condition, EntityTrait, ModelTrait, QueryFilter, QuerySelect};
use verbund_shared::drafts::{
    CoverageDraft, MembershipDraft, OrganisationDraft, ServiceDraft, SourceDraft,
};
use verbund_shared::org::{OrganisationKind, ParentLink};
use verbund_shared::said::say;
use verbund_shared::service::ServiceCategory;

use super::cells::Cells;
use super::resolve::{Resolver, RowError};
use super::store::refused;
use super::store::store;
use super::{Action, FieldChange, Kind, Planned, Sheet};
use crate::entities::record::{Named, RecordType};
use crate::entities::{coverage, membership, organisation, service, source};
use crate::error::ApiResult;
use crate::register::write::Tx;
use crate::sheet::Row;

/// Applies `row` of `sheet` within `tx`.
///
/// # Errors
///
/// Only failures of the database; the row's own problems are in the inner result.
pub(super) async fn apply(
    tx: &Tx<'_>,
    sheet: &Sheet,
    row: &Row,
    resolver: &mut Resolver,
    strict: bool,
) -> ApiResult<Result<Planned, RowError>> {
    let mut c = Cells {
        sheet,
        row,
        problems: Vec::new(),
        later: false,
    };
    let applied = match sheet.kind {
        Kind::Organisations => organisation_row(tx, &mut c, resolver, strict).await,
        Kind::Sources => source_row(tx, &mut c, resolver).await,
        Kind::Services => service_row(tx, &mut c, resolver, strict).await,
        Kind::Contracts => super::contracts::contract_row(tx, &mut c, resolver, strict).await,
        Kind::Memberships => membership_row(tx, &mut c, resolver, strict).await,
        Kind::Coverages => coverage_row(tx, &mut c, resolver, strict).await,
    }?;
    // Two rows for one record: the later one is a problem, whichever changes it made.
    Ok(match applied {
        Ok(planned) => match resolver.twice(sheet, row, &planned.id) {
            Some(problem) => Err(RowError::Problems(vec![problem])),
            None => Ok(planned),
        },
        refused => refused,
    })
}

async fn organisation_row(
    tx: &Tx<'_>,
    c: &mut Cells<'_>,
    resolver: &Resolver,
    strict: bool,
) -> ApiResult<Result<Planned, RowError>> {
    let name = c.required("name");
    let kind = c.required_code::<OrganisationKind>("kind");
    let parent_link = c.code::<ParentLink>("parentLink");
    let parent = c
        .refer(tx, resolver, RecordType::Organisation, "parent", strict)
        .await?;
    let source = c
        .refer(tx, resolver, RecordType::Source, "source", strict)
        .await?;
    let official_key = c.text("officialKey");
    let mut target = c.by_id::<organisation::Entity>(tx, resolver).await?;
    if let Err(err) = c.finish() {
        return Ok(Err(err));
    }
    if target.is_none() {
        // By the official key; else by the name, among those without another key.
        let by_key = match &official_key {
            Some(key) => {
                organisation::Entity::find()
                    .filter(organisation::Column::OfficialKey.eq(key.as_str()))
                    .one(&tx.txn)
                    .await?
            }
            None => None,
        };
        target = match by_key {
            Some(found) => Some(found),
            None => {
                let mut named = organisation::Entity::find()
                    .filter(organisation::Column::Name.eq(name.as_str()));
                if let Some(key) = &official_key {
                    named = named.filter(
                        Condition::any()
                            .add(organisation::Column::OfficialKey.is_null())
                            .add(organisation::Column::OfficialKey.eq(key.as_str())),
                    );
                }
                let found = named.limit(2).all(&tx.txn).await?;
                if found.len() > 1 {
                    let message = say(
                        "several organisations have this name: give the ID or the official key",
                        "mehrere Organisationen haben diesen Namen: bitte die ID oder den amtlichen Schlüssel angeben",
                    );
                    c.fail(Some("name"), message);
                    return Ok(Err(c.refuse()));
                }
                found.into_iter().next()
            }
        };
    }
    let Some(kind) = kind else {
        return Ok(Err(c.refuse()));
    };
    let draft = OrganisationDraft {
        name: name.clone(),
        short_name: c.text("shortName"),
        kind,
        official_key,
        parent,
        parent_link,
        source,
    };
    store(tx, c, target, draft, name).await
}

async fn source_row(
    tx: &Tx<'_>,
    c: &mut Cells<'_>,
    resolver: &Resolver,
) -> ApiResult<Result<Planned, RowError>> {
    let title = c.required("title");
    let published_on = c.date("publishedOn");
    let accessed_on = c.date("accessedOn");
    let target = c.by_id::<source::Entity>(tx, resolver).await?;
    if let Err(err) = c.finish() {
        return Ok(Err(err));
    }
    let target = or_find(tx, target, source::Column::Title.eq(title.as_str())).await?;
    let draft = SourceDraft {
        title: title.clone(),
        publisher: c.text("publisher"),
        url: c.text("url"),
        published_on,
        accessed_on,
        note: c.text("note"),
    };
    store(tx, c, target, draft, title).await
}

async fn service_row(
    tx: &Tx<'_>,
    c: &mut Cells<'_>,
    resolver: &Resolver,
    strict: bool,
) -> ApiResult<Result<Planned, RowError>> {
    let code = c.required("code");
    let name = c.required("name");
    let category = c.required_code::<ServiceCategory>("category");
    let source = c
        .refer(tx, resolver, RecordType::Source, "source", strict)
        .await?;
    let target = c.by_id::<service::Entity>(tx, resolver).await?;
    if let Err(err) = c.finish() {
        return Ok(Err(err));
    }
    let target = or_find(tx, target, service::Column::Code.eq(code.as_str())).await?;
    let Some(category) = category else {
        return Ok(Err(c.refuse()));
    };
    let draft = ServiceDraft {
        code: code.clone(),
        name,
        category,
        vendor: c.text("vendor"),
        description: c.text("description"),
        source,
    };
    store(tx, c, target, draft, code).await
}

/// A membership row: matched by its ID, else by its organisation and first day. Its last day
/// is recorded by the rule for leaving, once: a file cannot take it back or move it.
async fn membership_row(
    tx: &Tx<'_>,
    c: &mut Cells<'_>,
    resolver: &Resolver,
    strict: bool,
) -> ApiResult<Result<Planned, RowError>> {
    let [organisation, contract, source] = c.belongs(tx, resolver, strict).await?;
    let joined_on = c.required_date("joinedOn");
    let left_on = c.date("leftOn");
    let founding = c.flag("founding");
    let capital_share_cents = c.euros("capitalShare");
    let seats = c.int("seats");
    let council_decision_on = c.date("councilDecisionOn");
    let contract_signed_on = c.date("contractSignedOn");
    let legal_effect_on = c.date("legalEffectOn");
    let it_takeover_on = c.date("itTakeoverOn");
    let target = c.by_id::<membership::Entity>(tx, resolver).await?;
    if let Err(err) = c.finish() {
        return Ok(Err(err));
    }
    // Each is given once the row's cells are checked: an empty or unknown one is a problem.
    let (Some(organisation), Some(joined_on)) = (organisation, joined_on) else {
        return Ok(Err(c.refuse()));
    };
    let same = Condition::all()
        .add(membership::Column::OrganisationId.eq(organisation))
        .add(membership::Column::JoinedOn.eq(joined_on));
    let target = or_find(tx, target, same).await?;
    let recorded = target.as_ref().map(|before| before.left_on);
    let label = c.label(&["organisation"], joined_on);
    let draft = MembershipDraft {
        organisation,
        joined_on,
        left_on,
        founding: founding.unwrap_or(false),
        contract,
        capital_share_cents,
        seats,
        council_decision_on,
        contract_signed_on,
        legal_effect_on,
        it_takeover_on,
        source,
    };
    let mut planned = match store(tx, c, target, draft, label).await? {
        Ok(planned) => planned,
        Err(err) => return Ok(Err(err)),
    };
    // A new membership took its last day with the rest.
    let Some(recorded) = recorded else {
        return Ok(Ok(planned));
    };
    let Some(day) = c.once("leftOn", left_on, recorded) else {
        return Ok(if c.problems.is_empty() {
            Ok(planned)
        } else {
            Err(c.refuse())
        });
    };
    let Some((_, id)) = RecordType::parse_global_id(&planned.id) else {
        return Ok(Err(c.refuse()));
    };
    if let Err(err) = crate::register::memberships::leave_within(tx, id, day).await {
        refused(c, err)?;
        return Ok(Err(c.refuse()));
    }
    if planned.action == Action::Same {
        planned.action = Action::Change;
    }
    planned.changes.push(FieldChange {
        field: "leftOn".to_owned(),
        before: None,
        after: Some(day.to_string()),
    });
    Ok(Ok(planned))
}

async fn coverage_row(
    tx: &Tx<'_>,
    c: &mut Cells<'_>,
    resolver: &Resolver,
    strict: bool,
) -> ApiResult<Result<Planned, RowError>> {
    let [organisation, contract, source] = c.belongs(tx, resolver, strict).await?;
    let service = c
        .refer(tx, resolver, RecordType::Service, "service", strict)
        .await?;
    if c.get("service").is_none() {
        c.empty("service");
    }
    let starts_on = c.required_date("startsOn");
    let ends_on = c.date("endsOn");
    let workstations = c.int("workstations");
    let users = c.int("users");
    let target = c.by_id::<coverage::Entity>(tx, resolver).await?;
    if let Err(err) = c.finish() {
        return Ok(Err(err));
    }
    // Each is given once the row's cells are checked: an empty or unknown one is a problem.
    let (Some(organisation), Some(service), Some(starts_on)) = (organisation, service, starts_on)
    else {
        return Ok(Err(c.refuse()));
    };
    let contract_is = match contract {
        Some(id) => coverage::Column::ContractId.eq(id),
        None => coverage::Column::ContractId.is_null(),
    };
    let same = Condition::all()
        .add(coverage::Column::OrganisationId.eq(organisation))
        .add(coverage::Column::ServiceId.eq(service))
        .add(coverage::Column::StartsOn.eq(starts_on))
        .add(contract_is);
    let target = or_find(tx, target, same).await?;
    let label = c.label(&["organisation", "service"], starts_on);
    let draft = CoverageDraft {
        organisation,
        service,
        contract,
        starts_on,
        ends_on,
        workstations,
        users,
        source,
    };
    store(tx, c, target, draft, label).await
}

/// `target`, the record the row names by its ID, else the one `same` finds: how a row without
/// an ID matches the record it describes.
async fn or_find<M>(
    tx: &Tx<'_>,
    target: Option<M>,
    same: impl IntoCondition,
) -> ApiResult<Option<M>>
where
    M: ModelTrait,
    M::Entity: EntityTrait<Model = M>,
{
    Ok(match target {
        Some(found) => Some(found),
        None => M::Entity::find().filter(same).one(&tx.txn).await?,
    })
}
