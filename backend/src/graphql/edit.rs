//! The register's mutations: organisations, memberships, contracts and their parties,
//! services, coverages and sources.
//!
//! Every mutation needs the editor role (tokens are refused before anything runs), checks
//! its input field by field with the domain crate's checks (the browser runs the same),
//! runs in one transaction, refuses a change based on an old version with `CONFLICT`, and
//! writes its audit entry in the same transaction. Deleting is possible only where nothing
//! depends on the record; memberships and the audit history are never deleted.

use async_graphql::{Context, ID, InputObject, Object};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr,
    EntityTrait, ModelTrait, PaginatorTrait, QueryFilter, SqlErr,
};
use verbund_shared::access::Role;
use verbund_shared::validate::Check;

use super::catalogue::Service;
use super::contracts::{Contract, NoticeTo, RenewalKind};
use super::coverages::Coverage;
use super::enums::{ContractKind, OrganisationKind, ServiceCategory};
use super::ids::{self, NodeType};
use super::organisations::{Membership, Organisation};
use super::scalars::Date;
use super::sources::Source;
use super::write::{Tx, claim, unique};
use crate::entities::{
    Versioned, api_token, contract, contract_party, coverage, key_figure, membership, organisation,
    person, service, source,
};
use crate::error::{ApiError, ApiResult};

/// Decodes an optional reference and checks that the record exists.
async fn reference<E: Versioned>(
    db: &impl ConnectionTrait,
    id: Option<&ID>,
    node: NodeType,
    field: &str,
) -> ApiResult<Option<i32>>
where
    E::Model: Sync,
{
    let Some(id) = id else { return Ok(None) };
    let raw = ids::decode_as(id, node, field)?;
    let found = E::find().filter(E::id_column().eq(raw)).count(db).await?;
    if found == 0 {
        return Err(ApiError::bad_input(
            field,
            format!("No {} has this ID.", node.name()),
        ));
    }
    Ok(Some(raw))
}

/// A required reference.
async fn required<E: Versioned>(
    db: &impl ConnectionTrait,
    id: &ID,
    node: NodeType,
    field: &str,
) -> ApiResult<i32>
where
    E::Model: Sync,
{
    Ok(reference::<E>(db, Some(id), node, field)
        .await?
        .unwrap_or_default())
}

/// Whether a statement failed because another record still refers to the row. SQLite
/// reports a deletion that breaks a foreign key with the extended code 1811 as well as 787,
/// which the ORM maps only in part.
fn refers_elsewhere(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(SqlErr::ForeignKeyConstraintViolation(_))
    ) || err.to_string().contains("FOREIGN KEY constraint failed")
}

/// Deletes a claimed record, unless something still refers to it.
async fn delete_unreferenced<E: Versioned>(
    txn: &DatabaseTransaction,
    id: i32,
    what: &str,
) -> ApiResult<()> {
    E::delete_many()
        .filter(E::id_column().eq(id))
        .exec(txn)
        .await
        .map_err(|err| {
            if refers_elsewhere(&err) {
                ApiError::conflict(
                    format!("The {what} cannot be deleted: other records refer to it."),
                    None,
                )
            } else {
                ApiError::from(err)
            }
        })?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Inputs

/// An organisation's fields.
#[derive(Debug, InputObject)]
pub struct OrganisationInput {
    /// The official name.
    name: String,
    /// A short name or abbreviation.
    short_name: Option<String>,
    /// What kind of party it is.
    kind: OrganisationKind,
    /// The official key (5, 8 or 12 digits), when known.
    official_key: Option<String>,
    /// The organisation it belongs to.
    parent_id: Option<ID>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

/// A membership's fields.
#[derive(Debug, InputObject)]
pub struct MembershipInput {
    /// The member (used when joining; a membership cannot move to another organisation).
    organisation_id: ID,
    /// The first day of membership.
    joined_on: Date,
    /// Whether the organisation founded the provider.
    #[graphql(default)]
    founding: bool,
    /// The contract it rests on.
    contract_id: Option<ID>,
    /// Share of the capital in euros (two decimals).
    capital_share: Option<Decimal>,
    /// Seats in the governing body.
    seats: Option<i32>,
    /// The day the member's council decided to join.
    council_decision_on: Option<Date>,
    /// The day the contract was signed.
    contract_signed_on: Option<Date>,
    /// The day the membership took legal effect.
    legal_effect_on: Option<Date>,
    /// The day the provider took over the member's IT.
    it_takeover_on: Option<Date>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

/// A party to a new contract.
#[derive(Debug, InputObject)]
pub struct PartyInput {
    /// The organisation.
    organisation_id: ID,
    /// Its role, e.g. "PROVIDER" or "MEMBER".
    role: Option<String>,
}

/// A contract's fields (its parties are changed with their own mutations).
#[derive(Debug, InputObject)]
pub struct ContractInput {
    /// The contract number.
    number: Option<String>,
    /// The title.
    title: String,
    /// The kind of contract.
    kind: ContractKind,
    /// The day it was signed (the last signature).
    signed_on: Option<Date>,
    /// The first day in force; without it the contract is a draft without terms.
    effective_from: Option<Date>,
    /// The initial term in months (or give `initialTermUntil`, or neither: indefinite).
    initial_term_months: Option<i32>,
    /// The last day of the initial term.
    initial_term_until: Option<Date>,
    /// What happens when a term ends.
    #[graphql(default_with = "RenewalKind::None")]
    renewal: RenewalKind,
    /// The length of a tacit renewal in months.
    renewal_months: Option<i32>,
    /// The notice period in months (0: notice may arrive on the last day).
    notice_months: Option<i32>,
    /// To which days notice can end the contract.
    notice_to: Option<NoticeTo>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

/// A service's fields.
#[derive(Debug, InputObject)]
pub struct ServiceInput {
    /// A short, unique code.
    code: String,
    /// The name.
    name: String,
    /// The category.
    category: ServiceCategory,
    /// The vendor of the software, if any.
    vendor: Option<String>,
    /// What it is.
    description: Option<String>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

/// A coverage's fields.
#[derive(Debug, InputObject)]
pub struct CoverageInput {
    /// The organisation that receives the service.
    organisation_id: ID,
    /// The service.
    service_id: ID,
    /// The contract it is delivered under.
    contract_id: Option<ID>,
    /// The first day of service.
    starts_on: Date,
    /// The last day of service.
    ends_on: Option<Date>,
    /// Workstations served.
    workstations: Option<i32>,
    /// Users served.
    users: Option<i32>,
    /// Where the facts come from.
    source_id: Option<ID>,
}

/// A source's fields.
#[derive(Debug, InputObject)]
pub struct SourceInput {
    /// The title.
    title: String,
    /// Who published it.
    publisher: Option<String>,
    /// Where it can be read (http or https).
    url: Option<String>,
    /// When it was published.
    published_on: Option<Date>,
    /// A note.
    note: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Checked values

async fn organisation_fields(
    txn: &DatabaseTransaction,
    input: OrganisationInput,
    own_id: Option<i32>,
) -> ApiResult<organisation::ActiveModel> {
    let mut check = Check::new();
    let name = check.name("name", &input.name);
    let short_name = check.optional_name("shortName", input.short_name.as_deref());
    let key = check.official_key("officialKey", input.official_key.as_deref());
    check.finish()?;
    let parent_id = reference::<organisation::Entity>(
        txn,
        input.parent_id.as_ref(),
        NodeType::Organisation,
        "parentId",
    )
    .await?;
    if parent_id.is_some() && parent_id == own_id {
        return Err(ApiError::bad_input(
            "parentId",
            "An organisation cannot belong to itself.",
        ));
    }
    let source_id =
        reference::<source::Entity>(txn, input.source_id.as_ref(), NodeType::Source, "sourceId")
            .await?;
    Ok(organisation::ActiveModel {
        name: Set(name.map(|n| n.to_string()).unwrap_or_default()),
        short_name: Set(short_name.map(|n| n.to_string())),
        kind: Set(verbund_shared::org::OrganisationKind::from(input.kind)
            .as_str()
            .to_owned()),
        official_key: Set(key.map(|k| k.as_str().to_owned())),
        parent_id: Set(parent_id),
        source_id: Set(source_id),
        ..Default::default()
    })
}

fn cents(field: &str, share: Option<Decimal>, check: &mut Check) -> Option<i64> {
    let share = share?;
    if share.is_sign_negative() || share.scale() > 2 {
        check.fail(
            field,
            "a non-negative amount in euros with at most two decimals",
        );
        return None;
    }
    let cents = (share * Decimal::from(100)).trunc();
    i64::try_from(cents).ok().or_else(|| {
        check.fail(field, "too large");
        None
    })
}

async fn membership_fields(
    txn: &DatabaseTransaction,
    input: MembershipInput,
    left_on: Option<chrono::NaiveDate>,
) -> ApiResult<membership::ActiveModel> {
    let mut check = Check::new();
    check.period("leftOn", input.joined_on.0, left_on);
    let capital = cents("capitalShare", input.capital_share, &mut check);
    let seats = check.count("seats", input.seats.map(i64::from));
    check.finish()?;
    let organisation_id = required::<organisation::Entity>(
        txn,
        &input.organisation_id,
        NodeType::Organisation,
        "organisationId",
    )
    .await?;
    let contract_id = reference::<contract::Entity>(
        txn,
        input.contract_id.as_ref(),
        NodeType::Contract,
        "contractId",
    )
    .await?;
    let source_id =
        reference::<source::Entity>(txn, input.source_id.as_ref(), NodeType::Source, "sourceId")
            .await?;
    Ok(membership::ActiveModel {
        organisation_id: Set(organisation_id),
        joined_on: Set(input.joined_on.0),
        left_on: Set(left_on),
        founding: Set(input.founding),
        contract_id: Set(contract_id),
        capital_share_cents: Set(capital),
        seats: Set(seats.and_then(|s| i32::try_from(s).ok())),
        council_decision_on: Set(input.council_decision_on.map(|d| d.0)),
        contract_signed_on: Set(input.contract_signed_on.map(|d| d.0)),
        legal_effect_on: Set(input.legal_effect_on.map(|d| d.0)),
        it_takeover_on: Set(input.it_takeover_on.map(|d| d.0)),
        source_id: Set(source_id),
        ..Default::default()
    })
}

async fn contract_fields(
    txn: &DatabaseTransaction,
    input: ContractInput,
) -> ApiResult<contract::ActiveModel> {
    let mut check = Check::new();
    let title = check.name("title", &input.title);
    let number = check.optional_name("number", input.number.as_deref());
    let renewal = match input.renewal {
        RenewalKind::None => "NONE",
        RenewalKind::Tacit => "TACIT",
        RenewalKind::Express => "EXPRESS",
    };
    check.terms(
        input.effective_from.map(|d| d.0),
        input.initial_term_months,
        input.initial_term_until.map(|d| d.0),
        renewal,
        input.renewal_months,
        input.notice_months,
        input.notice_to.map(Into::into),
    );
    check.finish()?;
    let source_id =
        reference::<source::Entity>(txn, input.source_id.as_ref(), NodeType::Source, "sourceId")
            .await?;
    Ok(contract::ActiveModel {
        number: Set(number.map(|n| n.to_string())),
        title: Set(title.map(|t| t.to_string()).unwrap_or_default()),
        kind: Set(verbund_shared::contract::ContractKind::from(input.kind)
            .as_str()
            .to_owned()),
        signed_on: Set(input.signed_on.map(|d| d.0)),
        effective_from: Set(input.effective_from.map(|d| d.0)),
        initial_term_months: Set(input.initial_term_months),
        initial_term_until: Set(input.initial_term_until.map(|d| d.0)),
        renewal: Set(renewal.to_owned()),
        renewal_months: Set(input.renewal_months),
        notice_months: Set(input.notice_months),
        notice_to: Set(input.notice_to.map(|to| {
            verbund_shared::contract::NoticeTo::from(to)
                .as_str()
                .to_owned()
        })),
        source_id: Set(source_id),
        ..Default::default()
    })
}

async fn service_fields(
    txn: &DatabaseTransaction,
    input: ServiceInput,
) -> ApiResult<service::ActiveModel> {
    let mut check = Check::new();
    let code = check.name("code", &input.code);
    if input.code.trim().chars().count() > 50 {
        check.fail("code", "a code has at most 50 characters");
    }
    let name = check.name("name", &input.name);
    let vendor = check.optional_name("vendor", input.vendor.as_deref());
    let description = check.text("description", input.description.as_deref());
    check.finish()?;
    let source_id =
        reference::<source::Entity>(txn, input.source_id.as_ref(), NodeType::Source, "sourceId")
            .await?;
    Ok(service::ActiveModel {
        code: Set(code.map(|c| c.to_string()).unwrap_or_default()),
        name: Set(name.map(|n| n.to_string()).unwrap_or_default()),
        category: Set(
            verbund_shared::service::ServiceCategory::from(input.category)
                .as_str()
                .to_owned(),
        ),
        vendor: Set(vendor.map(|v| v.to_string())),
        description: Set(description),
        source_id: Set(source_id),
        ..Default::default()
    })
}

async fn coverage_fields(
    txn: &DatabaseTransaction,
    input: CoverageInput,
) -> ApiResult<coverage::ActiveModel> {
    let mut check = Check::new();
    check.period("endsOn", input.starts_on.0, input.ends_on.map(|d| d.0));
    let workstations = check.count("workstations", input.workstations.map(i64::from));
    let users = check.count("users", input.users.map(i64::from));
    check.finish()?;
    let organisation_id = required::<organisation::Entity>(
        txn,
        &input.organisation_id,
        NodeType::Organisation,
        "organisationId",
    )
    .await?;
    let service_id =
        required::<service::Entity>(txn, &input.service_id, NodeType::Service, "serviceId").await?;
    let contract_id = reference::<contract::Entity>(
        txn,
        input.contract_id.as_ref(),
        NodeType::Contract,
        "contractId",
    )
    .await?;
    let source_id =
        reference::<source::Entity>(txn, input.source_id.as_ref(), NodeType::Source, "sourceId")
            .await?;
    Ok(coverage::ActiveModel {
        organisation_id: Set(organisation_id),
        service_id: Set(service_id),
        contract_id: Set(contract_id),
        starts_on: Set(input.starts_on.0),
        ends_on: Set(input.ends_on.map(|d| d.0)),
        workstations: Set(workstations.and_then(|w| i32::try_from(w).ok())),
        users: Set(users.and_then(|u| i32::try_from(u).ok())),
        source_id: Set(source_id),
        ..Default::default()
    })
}

fn source_fields(input: SourceInput) -> ApiResult<source::ActiveModel> {
    let mut check = Check::new();
    let title = check.name("title", &input.title);
    let publisher = check.optional_name("publisher", input.publisher.as_deref());
    let url = check.text("url", input.url.as_deref());
    if let Some(url) = &url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        check.fail("url", "an address starting with https:// or http://");
    }
    let note = check.text("note", input.note.as_deref());
    check.finish()?;
    Ok(source::ActiveModel {
        title: Set(title.map(|t| t.to_string()).unwrap_or_default()),
        publisher: Set(publisher.map(|p| p.to_string())),
        url: Set(url),
        published_on: Set(input.published_on.map(|d| d.0)),
        note: Set(note),
        ..Default::default()
    })
}

/// Copies the fields that are `Set` in `fields` onto `target` (an update keeps id, created_at
/// and version from the stored record).
macro_rules! apply {
    ($target:ident, $fields:ident, [$($field:ident),+ $(,)?]) => {
        $( if let sea_orm::ActiveValue::Set(value) = $fields.$field { $target.$field = Set(value); } )+
    };
}

// ---------------------------------------------------------------------------------------------
// The mutations

/// The register's mutations.
#[derive(Debug, Default)]
pub struct RegisterMutation;

#[Object]
impl RegisterMutation {
    /// Records a new organisation.
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        input: OrganisationInput,
    ) -> ApiResult<Organisation> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let row = organisation_fields(&tx.txn, input, None)
            .await?
            .insert(&tx.txn)
            .await
            .map_err(unique(
                "officialKey",
                "Another organisation has this official key.",
            ))?;
        tx.log(
            "createOrganisation",
            NodeType::Organisation,
            row.id,
            None::<&()>,
            Some(&row),
        )
        .await?;
        tx.commit().await?;
        Ok(Organisation(row))
    }

    /// Changes an organisation's fields.
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: OrganisationInput,
    ) -> ApiResult<Organisation> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Organisation, "id")?;
        let before = claim::<organisation::Entity>(&tx.txn, raw, version, "organisation").await?;
        let fields = organisation_fields(&tx.txn, input, Some(raw)).await?;
        let mut active: organisation::ActiveModel = before.clone().into();
        apply!(
            active,
            fields,
            [name, short_name, kind, official_key, parent_id, source_id]
        );
        let after = active.update(&tx.txn).await.map_err(unique(
            "officialKey",
            "Another organisation has this official key.",
        ))?;
        tx.log(
            "updateOrganisation",
            NodeType::Organisation,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Organisation(after))
    }

    /// Deletes an organisation that nothing refers to (no memberships, contracts, coverages,
    /// units, people, figures or tokens). Returns its ID.
    async fn delete_organisation(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<ID> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Organisation, "id")?;
        let before = claim::<organisation::Entity>(&tx.txn, raw, version, "organisation").await?;
        let used = membership::Entity::find()
            .filter(membership::Column::OrganisationId.eq(raw))
            .count(&tx.txn)
            .await?
            + contract_party::Entity::find()
                .filter(contract_party::Column::OrganisationId.eq(raw))
                .count(&tx.txn)
                .await?
            + coverage::Entity::find()
                .filter(coverage::Column::OrganisationId.eq(raw))
                .count(&tx.txn)
                .await?
            + organisation::Entity::find()
                .filter(organisation::Column::ParentId.eq(raw))
                .count(&tx.txn)
                .await?
            + person::Entity::find()
                .filter(person::Column::OrganisationId.eq(raw))
                .count(&tx.txn)
                .await?
            + key_figure::Entity::find()
                .filter(key_figure::Column::OrganisationId.eq(raw))
                .count(&tx.txn)
                .await?
            + api_token::Entity::find()
                .filter(api_token::Column::OrganisationId.eq(raw))
                .count(&tx.txn)
                .await?;
        if used > 0 {
            return Err(ApiError::conflict(
                "The organisation cannot be deleted: memberships, contracts, coverages, units, people, figures or tokens refer to it.",
                Some(before.version),
            ));
        }
        delete_unreferenced::<organisation::Entity>(&tx.txn, raw, "organisation").await?;
        tx.log(
            "deleteOrganisation",
            NodeType::Organisation,
            raw,
            Some(&before),
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records that an organisation joins the provider.
    async fn join_membership(
        &self,
        ctx: &Context<'_>,
        input: MembershipInput,
    ) -> ApiResult<Membership> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let row = membership_fields(&tx.txn, input, None)
            .await?
            .insert(&tx.txn)
            .await?;
        tx.log(
            "joinMembership",
            NodeType::Membership,
            row.id,
            None::<&()>,
            Some(&row),
        )
        .await?;
        tx.commit().await?;
        Ok(Membership(row))
    }

    /// Changes a membership's dates, milestones, share or seats (not its member, not its end:
    /// see `leaveMembership`).
    async fn update_membership(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: MembershipInput,
    ) -> ApiResult<Membership> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Membership, "id")?;
        let before = claim::<membership::Entity>(&tx.txn, raw, version, "membership").await?;
        let fields = membership_fields(&tx.txn, input, before.left_on).await?;
        if fields.organisation_id.as_ref() != &before.organisation_id {
            return Err(ApiError::bad_input(
                "organisationId",
                "A membership cannot move to another organisation; end it and record a new one.",
            ));
        }
        let mut active: membership::ActiveModel = before.clone().into();
        apply!(
            active,
            fields,
            [
                joined_on,
                founding,
                contract_id,
                capital_share_cents,
                seats,
                council_decision_on,
                contract_signed_on,
                legal_effect_on,
                it_takeover_on,
                source_id
            ]
        );
        let after = active.update(&tx.txn).await?;
        tx.log(
            "updateMembership",
            NodeType::Membership,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Membership(after))
    }

    /// Records the last day of a membership.
    async fn leave_membership(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        left_on: Date,
    ) -> ApiResult<Membership> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Membership, "id")?;
        let before = claim::<membership::Entity>(&tx.txn, raw, version, "membership").await?;
        let mut check = Check::new();
        check.period("leftOn", before.joined_on, Some(left_on.0));
        check.finish()?;
        let mut active: membership::ActiveModel = before.clone().into();
        active.left_on = Set(Some(left_on.0));
        let after = active.update(&tx.txn).await?;
        tx.log(
            "leaveMembership",
            NodeType::Membership,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Membership(after))
    }

    /// Records a new contract with its parties, in one step.
    async fn create_contract(
        &self,
        ctx: &Context<'_>,
        input: ContractInput,
        #[graphql(default)] parties: Vec<PartyInput>,
    ) -> ApiResult<Contract> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let row = contract_fields(&tx.txn, input)
            .await?
            .insert(&tx.txn)
            .await?;
        tx.log(
            "createContract",
            NodeType::Contract,
            row.id,
            None::<&()>,
            Some(&row),
        )
        .await?;
        let mut seen = Vec::new();
        for (i, party) in parties.into_iter().enumerate() {
            let field = format!("parties.{i}.organisationId");
            let org = required::<organisation::Entity>(
                &tx.txn,
                &party.organisation_id,
                NodeType::Organisation,
                &field,
            )
            .await?;
            if seen.contains(&org) {
                return Err(ApiError::bad_input(
                    field,
                    "This organisation is a party already.",
                ));
            }
            seen.push(org);
            insert_party(&tx, row.id, org, party.role).await?;
        }
        tx.commit().await?;
        Ok(Contract::new(row))
    }

    /// Amends a contract: its number, title, kind, dates and terms.
    async fn amend_contract(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: ContractInput,
    ) -> ApiResult<Contract> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Contract, "id")?;
        let before = claim::<contract::Entity>(&tx.txn, raw, version, "contract").await?;
        let fields = contract_fields(&tx.txn, input).await?;
        let mut active: contract::ActiveModel = before.clone().into();
        apply!(
            active,
            fields,
            [
                number,
                title,
                kind,
                signed_on,
                effective_from,
                initial_term_months,
                initial_term_until,
                renewal,
                renewal_months,
                notice_months,
                notice_to,
                source_id
            ]
        );
        let after = active.update(&tx.txn).await?;
        tx.log(
            "amendContract",
            NodeType::Contract,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Contract::new(after))
    }

    /// Records that notice was given on `givenOn`; the contract then ends at the end the
    /// notice reaches.
    async fn give_notice(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        given_on: Date,
    ) -> ApiResult<Contract> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Contract, "id")?;
        let before = claim::<contract::Entity>(&tx.txn, raw, version, "contract").await?;
        let dates = crate::services::contracts::dates_of(&before)?;
        let mut check = Check::new();
        if before.notice_given_on.is_some() {
            check.fail("givenOn", "notice has been given already");
        }
        if before.ended_on.is_some() {
            check.fail("givenOn", "the contract has been ended");
        }
        match dates.terms {
            None => check.fail("givenOn", "a contract without terms cannot be given notice"),
            Some(terms) => {
                check.not_before(
                    "givenOn",
                    given_on.0,
                    terms.effective_from(),
                    "the day it takes effect",
                );
                if terms.notice().is_none() {
                    check.fail(
                        "givenOn",
                        "the contract has no notice period: it ends with its term",
                    );
                } else if terms.end_if_notice_on(given_on.0).is_none() {
                    check.fail(
                        "givenOn",
                        "a notice on this day reaches no end of the contract",
                    );
                }
            }
        }
        check.finish()?;
        let mut active: contract::ActiveModel = before.clone().into();
        active.notice_given_on = Set(Some(given_on.0));
        let after = active.update(&tx.txn).await?;
        tx.log(
            "giveNotice",
            NodeType::Contract,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Contract::new(after))
    }

    /// Records that the contract was ended by agreement on `endedOn` (its last day).
    async fn end_contract(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        ended_on: Date,
    ) -> ApiResult<Contract> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Contract, "id")?;
        let before = claim::<contract::Entity>(&tx.txn, raw, version, "contract").await?;
        let mut check = Check::new();
        if before.ended_on.is_some() {
            check.fail("endedOn", "the contract has been ended already");
        }
        if let Some(from) = before.effective_from {
            check.not_before("endedOn", ended_on.0, from, "the day it takes effect");
        }
        check.finish()?;
        let mut active: contract::ActiveModel = before.clone().into();
        active.ended_on = Set(Some(ended_on.0));
        let after = active.update(&tx.txn).await?;
        tx.log(
            "endContract",
            NodeType::Contract,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Contract::new(after))
    }

    /// Deletes a contract that nothing rests on (no memberships, no coverages), with its
    /// parties. Returns its ID.
    async fn delete_contract(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<ID> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Contract, "id")?;
        let before = claim::<contract::Entity>(&tx.txn, raw, version, "contract").await?;
        let used = membership::Entity::find()
            .filter(membership::Column::ContractId.eq(raw))
            .count(&tx.txn)
            .await?
            + coverage::Entity::find()
                .filter(coverage::Column::ContractId.eq(raw))
                .count(&tx.txn)
                .await?;
        if used > 0 {
            return Err(ApiError::conflict(
                "The contract cannot be deleted: memberships or coverages rest on it.",
                Some(before.version),
            ));
        }
        let parties = contract_party::Entity::find()
            .filter(contract_party::Column::ContractId.eq(raw))
            .all(&tx.txn)
            .await?;
        for party in parties {
            tx.log(
                "removeContractParty",
                NodeType::Contract,
                raw,
                Some(&party),
                None::<&()>,
            )
            .await?;
            party.delete(&tx.txn).await?;
        }
        delete_unreferenced::<contract::Entity>(&tx.txn, raw, "contract").await?;
        tx.log(
            "deleteContract",
            NodeType::Contract,
            raw,
            Some(&before),
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Adds a party to a contract. `version` is the contract's; the contract's version grows.
    async fn add_contract_party(
        &self,
        ctx: &Context<'_>,
        contract_id: ID,
        version: i32,
        party: PartyInput,
    ) -> ApiResult<Contract> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&contract_id, NodeType::Contract, "contractId")?;
        let before = claim::<contract::Entity>(&tx.txn, raw, version, "contract").await?;
        let org = required::<organisation::Entity>(
            &tx.txn,
            &party.organisation_id,
            NodeType::Organisation,
            "organisationId",
        )
        .await?;
        let exists = contract_party::Entity::find()
            .filter(contract_party::Column::ContractId.eq(raw))
            .filter(contract_party::Column::OrganisationId.eq(org))
            .count(&tx.txn)
            .await?;
        if exists > 0 {
            return Err(ApiError::bad_input(
                "organisationId",
                "This organisation is a party already.",
            ));
        }
        insert_party(&tx, raw, org, party.role).await?;
        let after = touch(&tx.txn, before).await?;
        tx.commit().await?;
        Ok(Contract::new(after))
    }

    /// Removes a party from a contract. `version` is the contract's; it grows.
    async fn remove_contract_party(
        &self,
        ctx: &Context<'_>,
        contract_id: ID,
        version: i32,
        organisation_id: ID,
    ) -> ApiResult<Contract> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&contract_id, NodeType::Contract, "contractId")?;
        let org = ids::decode_as(&organisation_id, NodeType::Organisation, "organisationId")?;
        let before = claim::<contract::Entity>(&tx.txn, raw, version, "contract").await?;
        let party = contract_party::Entity::find()
            .filter(contract_party::Column::ContractId.eq(raw))
            .filter(contract_party::Column::OrganisationId.eq(org))
            .one(&tx.txn)
            .await?
            .ok_or_else(|| {
                ApiError::bad_input("organisationId", "This organisation is not a party.")
            })?;
        tx.log(
            "removeContractParty",
            NodeType::Contract,
            raw,
            Some(&party),
            None::<&()>,
        )
        .await?;
        party.delete(&tx.txn).await?;
        let after = touch(&tx.txn, before).await?;
        tx.commit().await?;
        Ok(Contract::new(after))
    }

    /// Adds an entry to the service catalogue.
    async fn create_service(&self, ctx: &Context<'_>, input: ServiceInput) -> ApiResult<Service> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let row = service_fields(&tx.txn, input)
            .await?
            .insert(&tx.txn)
            .await
            .map_err(unique("code", "Another service has this code."))?;
        tx.log(
            "createService",
            NodeType::Service,
            row.id,
            None::<&()>,
            Some(&row),
        )
        .await?;
        tx.commit().await?;
        Ok(Service(row.into()))
    }

    /// Changes a catalogue entry.
    async fn update_service(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: ServiceInput,
    ) -> ApiResult<Service> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Service, "id")?;
        let before = claim::<service::Entity>(&tx.txn, raw, version, "service").await?;
        let fields = service_fields(&tx.txn, input).await?;
        let mut active: service::ActiveModel = before.clone().into();
        apply!(
            active,
            fields,
            [code, name, category, vendor, description, source_id]
        );
        let after = active
            .update(&tx.txn)
            .await
            .map_err(unique("code", "Another service has this code."))?;
        tx.log(
            "updateService",
            NodeType::Service,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Service(after.into()))
    }

    /// Deletes a catalogue entry nobody receives (no coverages). Returns its ID.
    async fn delete_service(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<ID> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Service, "id")?;
        let before = claim::<service::Entity>(&tx.txn, raw, version, "service").await?;
        let used = coverage::Entity::find()
            .filter(coverage::Column::ServiceId.eq(raw))
            .count(&tx.txn)
            .await?;
        if used > 0 {
            return Err(ApiError::conflict(
                "The service cannot be deleted: coverages refer to it.",
                Some(before.version),
            ));
        }
        delete_unreferenced::<service::Entity>(&tx.txn, raw, "service").await?;
        tx.log(
            "deleteService",
            NodeType::Service,
            raw,
            Some(&before),
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Records that an organisation receives a service.
    async fn create_coverage(
        &self,
        ctx: &Context<'_>,
        input: CoverageInput,
    ) -> ApiResult<Coverage> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let row = coverage_fields(&tx.txn, input)
            .await?
            .insert(&tx.txn)
            .await?;
        tx.log(
            "createCoverage",
            NodeType::Coverage,
            row.id,
            None::<&()>,
            Some(&row),
        )
        .await?;
        tx.commit().await?;
        Ok(Coverage::new(row))
    }

    /// Changes a coverage (dates, counts, contract).
    async fn update_coverage(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: CoverageInput,
    ) -> ApiResult<Coverage> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Coverage, "id")?;
        let before = claim::<coverage::Entity>(&tx.txn, raw, version, "coverage").await?;
        let fields = coverage_fields(&tx.txn, input).await?;
        let mut active: coverage::ActiveModel = before.clone().into();
        apply!(
            active,
            fields,
            [
                organisation_id,
                service_id,
                contract_id,
                starts_on,
                ends_on,
                workstations,
                users,
                source_id
            ]
        );
        let after = active.update(&tx.txn).await?;
        tx.log(
            "updateCoverage",
            NodeType::Coverage,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Coverage::new(after))
    }

    /// Records the last day of service.
    async fn end_coverage(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        ends_on: Date,
    ) -> ApiResult<Coverage> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Coverage, "id")?;
        let before = claim::<coverage::Entity>(&tx.txn, raw, version, "coverage").await?;
        let mut check = Check::new();
        check.period("endsOn", before.starts_on, Some(ends_on.0));
        check.finish()?;
        let mut active: coverage::ActiveModel = before.clone().into();
        active.ends_on = Set(Some(ends_on.0));
        let after = active.update(&tx.txn).await?;
        tx.log(
            "endCoverage",
            NodeType::Coverage,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Coverage::new(after))
    }

    /// Records a new source.
    async fn create_source(&self, ctx: &Context<'_>, input: SourceInput) -> ApiResult<Source> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let fields = source_fields(input)?;
        let row = fields.insert(&tx.txn).await?;
        tx.log(
            "createSource",
            NodeType::Source,
            row.id,
            None::<&()>,
            Some(&row),
        )
        .await?;
        tx.commit().await?;
        Ok(Source(row))
    }

    /// Changes a source.
    async fn update_source(
        &self,
        ctx: &Context<'_>,
        id: ID,
        version: i32,
        input: SourceInput,
    ) -> ApiResult<Source> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Source, "id")?;
        let fields = source_fields(input)?;
        let before = claim::<source::Entity>(&tx.txn, raw, version, "source").await?;
        let mut active: source::ActiveModel = before.clone().into();
        apply!(active, fields, [title, publisher, url, published_on, note]);
        let after = active.update(&tx.txn).await?;
        tx.log(
            "updateSource",
            NodeType::Source,
            raw,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Source(after))
    }

    /// Deletes a source no record cites. Returns its ID.
    async fn delete_source(&self, ctx: &Context<'_>, id: ID, version: i32) -> ApiResult<ID> {
        let tx = Tx::begin(ctx, Role::Editor).await?;
        let raw = ids::decode_as(&id, NodeType::Source, "id")?;
        let before = claim::<source::Entity>(&tx.txn, raw, version, "source").await?;
        delete_unreferenced::<source::Entity>(&tx.txn, raw, "source").await?;
        tx.log(
            "deleteSource",
            NodeType::Source,
            raw,
            Some(&before),
            None::<&()>,
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }
}

async fn insert_party(
    tx: &Tx<'_>,
    contract_id: i32,
    organisation_id: i32,
    role: Option<String>,
) -> ApiResult<()> {
    let mut check = Check::new();
    let role = check.optional_name("role", role.as_deref());
    check.finish()?;
    let row = contract_party::ActiveModel {
        contract_id: Set(contract_id),
        organisation_id: Set(organisation_id),
        role: Set(role.map(|r| r.to_string())),
        ..Default::default()
    }
    .insert(&tx.txn)
    .await?;
    tx.log(
        "addContractParty",
        NodeType::Contract,
        contract_id,
        None::<&()>,
        Some(&row),
    )
    .await
}

/// Saves a claimed contract unchanged but for its version (its parties changed).
async fn touch(txn: &DatabaseTransaction, row: contract::Model) -> ApiResult<contract::Model> {
    let mut active: contract::ActiveModel = row.into();
    active.updated_at = Set(chrono::Utc::now());
    Ok(active.update(txn).await?)
}
