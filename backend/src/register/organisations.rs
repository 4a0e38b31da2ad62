//! Organisations and members: who is a member on a date, lists with search and kind filters,
//! an organisation's units and territory, and changing organisations.

use chrono::NaiveDate;
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, Statement,
    sea_query::{Expr, Query},
};
use verbund_shared::drafts::OrganisationDraft;
use verbund_shared::org::{OrganisationKind, ParentLink};

use super::bounds;
use super::page::{self, Direction, PageRequest, Window};
use super::read::{self, Related};
use super::stored::{Removable, Stored};
use super::write::{self, Tx, Unique};
use crate::auth::access::{Access, Area};
use crate::entities::{membership, organisation};
use crate::error::{ApiError, ApiResult};

pub use crate::entities::organisation::Model as Organisation;

/// Which organisations a list holds.
#[derive(Debug, Clone, Default)]
pub struct OrganisationQuery {
    /// Only those that are members on this date.
    pub member_on: Option<NaiveDate>,
    /// Name, short name or official key contains this (case-insensitive).
    pub search: Option<String>,
    /// Only these kinds (any kind when empty).
    pub kinds: Vec<OrganisationKind>,
    /// Only the organisations that belong to this one (as units or territory).
    pub parent_id: Option<i32>,
    /// Only those that belong to no other (`Some(true)`: the top of the organisation tree)
    /// or only those that do (`Some(false)`).
    pub top_level: Option<bool>,
    /// Only founding members (`Some(true)`) or only later ones (`Some(false)`).
    pub founding: Option<bool>,
}

/// What an organisation list is ordered by; the id breaks ties, so the order is total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OrganisationOrder {
    #[default]
    Name,
    Kind,
    OfficialKey,
}

impl OrganisationOrder {
    fn column(self) -> organisation::Column {
        match self {
            OrganisationOrder::Name => organisation::Column::Name,
            OrganisationOrder::Kind => organisation::Column::Kind,
            OrganisationOrder::OfficialKey => organisation::Column::OfficialKey,
        }
    }
}

/// A condition: the membership period contains `date`.
pub fn membership_on(date: NaiveDate) -> Condition {
    Condition::all()
        .add(membership::Column::JoinedOn.lte(date))
        .add(
            Condition::any()
                .add(membership::Column::LeftOn.is_null())
                .add(membership::Column::LeftOn.gte(date)),
        )
}

fn select(query: &OrganisationQuery) -> sea_orm::Select<organisation::Entity> {
    let mut select = organisation::Entity::find();
    if query.member_on.is_some() || query.founding.is_some() {
        let mut members = Query::select();
        members
            .column(membership::Column::OrganisationId)
            .from(membership::Entity);
        if let Some(date) = query.member_on {
            members.cond_where(membership_on(date));
        }
        if let Some(founding) = query.founding {
            members.and_where(membership::Column::Founding.eq(founding));
        }
        select = select.filter(organisation::Column::Id.in_subquery(members.to_owned()));
    }
    select = read::searched(select, query.search.as_deref());
    if !query.kinds.is_empty() {
        select =
            select.filter(organisation::Column::Kind.is_in(query.kinds.iter().map(|k| k.as_str())));
    }
    if let Some(parent) = query.parent_id {
        select = select.filter(organisation::Column::ParentId.eq(parent));
    }
    match query.top_level {
        Some(true) => select = select.filter(organisation::Column::ParentId.is_null()),
        Some(false) => select = select.filter(organisation::Column::ParentId.is_not_null()),
        None => {}
    }
    select
}

/// The organisations `query` holds that the caller may see (`members:read`), in no order:
/// what a page of the list and an export read from.
pub fn selection(
    access: &Access,
    query: &OrganisationQuery,
) -> ApiResult<sea_orm::Select<organisation::Entity>> {
    access.read(Area::Members)?;
    Ok(read::visible(select(query), access))
}

/// One page of organisations the caller may see (`members:read`; a member-limited token sees
/// only its member and the member's units); with `totals_revision`, also the revision of the
/// coverage totals read by the same statement (see `totals::held`; none for an empty page), for
/// a page whose organisations' totals are asked for too.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    query: &OrganisationQuery,
    (order, direction): (OrganisationOrder, Direction),
    page: PageRequest,
    totals_revision: bool,
) -> ApiResult<(Vec<Organisation>, Window, Option<i64>)> {
    let select = selection(access, query)?;
    let select = page::ordered(select, order.column(), organisation::Column::Id, direction);
    let revision = totals_revision.then(|| Expr::cust(super::totals::held::REVISION));
    page::fetch_with_tail(db, select, page, revision).await
}

/// How many organisations are members on `date`.
pub async fn member_count(db: &DatabaseConnection, date: NaiveDate) -> ApiResult<u64> {
    let count = membership::Entity::find()
        .select_only()
        .column(membership::Column::OrganisationId)
        .distinct()
        .filter(membership_on(date))
        .count(db)
        .await?;
    Ok(count)
}

/// The units of an organisation (its Eigenbetriebe, companies, schools), by name.
pub const UNITS_OF: Related<organisation::Entity> = Related {
    key: organisation::Column::ParentId,
    order: &[organisation::Column::Name, organisation::Column::Id],
    group: |row| row.parent_id.filter(|_| linked(row, ParentLink::Unit)),
    area: Some(Area::Members),
    bound: Some(super::bounds::UNITS),
};

/// The organisations in an organisation's territory (a district's towns and Ämter, an Amt's
/// municipalities), by name.
pub const TERRITORY_OF: Related<organisation::Entity> = Related {
    key: organisation::Column::ParentId,
    order: &[organisation::Column::Name, organisation::Column::Id],
    group: |row| row.parent_id.filter(|_| linked(row, ParentLink::Territory)),
    area: Some(Area::Members),
    bound: Some(super::bounds::TERRITORY),
};

/// Whether an organisation belongs to its parent by `link`.
fn linked(row: &Organisation, link: ParentLink) -> bool {
    row.parent_link.as_deref() == Some(link.as_str())
}

impl Stored for OrganisationDraft {
    type Entity = organisation::Entity;
    const CREATED: &'static str = "createOrganisation";
    const UPDATED: &'static str = "updateOrganisation";
    const UNIQUE: Unique = Some((
        "officialKey",
        "Another organisation has this official key.",
        "Eine andere Organisation hat diesen amtlichen Schlüssel.",
    ));

    async fn columns(
        self,
        tx: &Tx<'_>,
        before: Option<&Organisation>,
    ) -> ApiResult<organisation::ActiveModel> {
        let draft = self.check()?;
        let parent_id = tx
            .refers_opt::<organisation::Entity>(draft.parent, "parentId")
            .await?;
        if parent_id.is_some() && parent_id == before.map(|own| own.id) {
            return Err(ApiError::bad_input(
                "parentId",
                "An organisation cannot belong to itself.",
            ));
        }
        if let (Some(parent), Some(own)) = (parent_id, before)
            && own.parent_id != parent_id
            && lies_below(tx, parent, own.id).await?
        {
            return Err(ApiError::bad_input(
                "parentId",
                "An organisation cannot belong to one of its own units or to an organisation in its territory.",
            ));
        }
        let link = draft.parent_link.map(|link| link.as_str().to_owned());
        let joins = before.is_none_or(|own| own.parent_id != parent_id || own.parent_link != link);
        if let (Some(parent), Some(link), true) = (parent_id, link.as_deref(), joins) {
            let (bound, list) = if link == ParentLink::Territory.as_str() {
                (bounds::TERRITORY, "An organisation's territory")
            } else {
                (bounds::UNITS, "An organisation's units")
            };
            let children = Condition::all()
                .add(organisation::Column::ParentId.eq(parent))
                .add(organisation::Column::ParentLink.eq(link));
            bounds::room::<organisation::Entity>(&tx.txn, children, bound, "parentId", list)
                .await?;
        }
        let source_id = tx.source(draft.source).await?;
        Ok(organisation::ActiveModel {
            name: Set(draft.name),
            short_name: Set(draft.short_name),
            kind: Set(draft.kind.as_str().to_owned()),
            official_key: Set(draft.official_key),
            parent_id: Set(parent_id),
            parent_link: Set(link),
            source_id: Set(source_id),
            ..Default::default()
        })
    }
}

/// Whether `organisation` is `ancestor` or lies below it, following parents upwards; one
/// statement. Changes are written one after another (see `feed::serialize`), so no other
/// change can close a circle between this check and the commit.
async fn lies_below(tx: &Tx<'_>, organisation: i32, ancestor: i32) -> ApiResult<bool> {
    let backend = tx.txn.get_database_backend();
    // UNION (not UNION ALL) ends the walk even on a circle already in the data.
    let sql = format!(
        "WITH RECURSIVE up(id) AS ( \
           SELECT {first} \
           UNION \
           SELECT o.parent_id FROM organisations o JOIN up ON o.id = up.id \
           WHERE o.parent_id IS NOT NULL \
         ) SELECT COUNT(*) FROM up WHERE id = {second}",
        first = read::param(backend, 1),
        second = read::param(backend, 2),
    );
    let found = tx
        .txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [organisation.into(), ancestor.into()],
        ))
        .await?;
    let count: i64 = match found {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    Ok(count > 0)
}

/// An organisation that nothing refers to (no memberships, contracts, coverages, units,
/// people, figures or tokens) may be deleted.
impl Removable for organisation::Entity {
    const DELETED: &'static str = "deleteOrganisation";

    async fn release(tx: &Tx<'_>, before: &Organisation) -> ApiResult<()> {
        let referrers = [
            ("memberships", "organisation_id"),
            ("contract_parties", "organisation_id"),
            ("coverages", "organisation_id"),
            ("organisations", "parent_id"),
            ("people", "organisation_id"),
            ("key_figures", "organisation_id"),
            ("api_tokens", "organisation_id"),
        ];
        let message = "The organisation cannot be deleted: memberships, contracts, coverages, units, people, figures or tokens refer to it.";
        write::unreferenced(&tx.txn, before.id, before.version, &referrers, message).await
    }
}
