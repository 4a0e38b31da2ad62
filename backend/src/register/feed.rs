//! The change feed: what changed in the register, in the order the changes were committed, so
//! that partner systems follow the register with a cursor of their own instead of polling its
//! lists.
//!
//! Every audit entry gets a position when it is written ([`next_position`]). On PostgreSQL an
//! entry's id follows the order in which transactions *wrote* their entries, and a transaction
//! that started later may commit earlier; a reader that had passed a larger id would then never
//! see the smaller one. So each change takes a transaction-scoped advisory lock before it writes
//! anything ([`serialize`]) and holds it until it commits: positions are handed out one past the
//! largest committed one, in commit order, without gaps. On SQLite there is one writer at a time
//! anyway. A reader that has seen position `p` has seen every change up to `p`.

use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, Statement,
    sea_query::{Alias, Order, Query, UnionType},
};

use serde_json::Value;

use std::collections::HashSet;
use std::sync::Arc;

use crate::auth::access::{Access, Area, MemberData};
use crate::auth::visible::{Owner, Visible};
use crate::entities::audit_entry::Model as AuditEntry;
use crate::entities::record::RecordType;
use crate::entities::{
    audit_entry, contract, coverage, key_figure, membership, organisation, person, service, source,
};
use crate::error::{ApiError, ApiResult};

/// The advisory lock every change holds from its first statement to its commit (PostgreSQL).
const WRITERS_LOCK: i64 = 0x5665_7262_756e_6401;

/// The record types the feed reports: the register's own records (accounts, tokens and
/// registered operations are the admins' business and stay in the audit log).
pub const TYPES: [RecordType; 8] = [
    RecordType::Organisation,
    RecordType::Membership,
    RecordType::Contract,
    RecordType::Service,
    RecordType::Coverage,
    RecordType::Person,
    RecordType::KeyFigure,
    RecordType::Source,
];

/// Serializes changes (see the module documentation). On SQLite, a write that changes nothing
/// takes the database's write lock as the transaction's first step (waiting for another
/// writer as long as the connection's busy timeout allows): a transaction that read first and
/// wrote later could not get the lock once another change had committed meanwhile, and would
/// fail at once instead of waiting.
pub async fn serialize(db: &impl ConnectionTrait) -> ApiResult<()> {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => format!("SELECT pg_advisory_xact_lock({WRITERS_LOCK})"),
        _ => "UPDATE audit_entries SET id = id WHERE 0 = 1".to_owned(),
    };
    db.execute_raw(Statement::from_string(backend, sql)).await?;
    Ok(())
}

#[derive(Debug, FromQueryResult)]
struct Last {
    position: Option<i64>,
}

/// The position of the next entry, within the writing transaction, which took the lock with
/// [`serialize`] as its first statement.
pub async fn next_position(db: &impl ConnectionTrait) -> ApiResult<i64> {
    let last = audit_entry::Entity::find()
        .select_only()
        .column_as(audit_entry::Column::Position.max(), "position")
        .into_model::<Last>()
        .one(db)
        .await?
        .and_then(|last| last.position)
        .unwrap_or(0);
    Ok(last + 1)
}

/// The visibility rule of a feed type: its area and what it belongs to.
fn rule(kind: RecordType) -> Option<(Area, Owner, &'static str)> {
    fn of<R: Visible>() -> Option<(Area, Owner, &'static str)> {
        Some((R::AREA, R::OWNER, R::OWNER_COLUMN))
    }
    match kind {
        RecordType::Organisation => of::<organisation::Model>(),
        RecordType::Membership => of::<membership::Model>(),
        RecordType::Contract => of::<contract::Model>(),
        RecordType::Service => of::<service::Model>(),
        RecordType::Coverage => of::<coverage::Model>(),
        RecordType::Person => of::<person::Model>(),
        RecordType::KeyFigure => of::<key_figure::Model>(),
        RecordType::Source => of::<source::Model>(),
        _ => None,
    }
}

/// The owner's id of a change's record (`kind` and id) by its type's visibility rule, read
/// from its snapshot after the change (before it for a deletion): what the entry keeps as
/// `owner_id`. `None` for the records every member sees and the types not in the feed.
pub(crate) fn owner_at(
    (kind, id): (&str, i32),
    before: Option<&Value>,
    after: Option<&Value>,
) -> Option<i32> {
    let (_, owner, column) = rule(kind.parse().ok()?)?;
    if owner == Owner::Everyone {
        return None;
    }
    snapshot_owner(id, [after, before], column)
}

/// The owner's id of an entry's record, held in `column` of its snapshot (after the change,
/// or before it for a deletion).
pub(crate) fn owner_of(entry: &AuditEntry, column: &str) -> Option<i32> {
    let parse = |text: &Option<String>| serde_json::from_str::<Value>(text.as_deref()?).ok();
    let (after, before) = (parse(&entry.after), parse(&entry.before));
    snapshot_owner(entry.record_id, [after.as_ref(), before.as_ref()], column)
}

/// `column` of the first of `snapshots` that holds it; the record's own `id` for "id".
fn snapshot_owner(id: i32, snapshots: [Option<&Value>; 2], column: &str) -> Option<i32> {
    if column == "id" {
        return Some(id);
    }
    snapshots
        .into_iter()
        .find_map(|snapshot| i32::try_from(snapshot?.get(column)?.as_i64()?).ok())
}

/// The most owners of one record type whose entries a page reads apart, each in order by the
/// index. A member with more (contracts, say) has that type's entries read together, which
/// the index finds but does not keep in order; so a page's statement stays within SQLite's
/// 500 parts of one compound query (at most 8 types of this many owners, and 8 of entries that
/// left the view).
const OWNERS_APART: usize = 32;

/// Which changes of one record type a view shows.
enum Sight<'a> {
    /// All of them.
    All,
    /// Those to records whose owner is one of `ids`.
    Owned(&'a HashSet<i32>),
}

/// Whose view of the feed: the caller (its scopes), the member whose records alone it shows
/// (a member-limited token's, or one a caller asked for) and the record types asked for. It
/// is the one rule of who sees which change: as a condition on the audit log for the feed
/// ([`page`]) and on one entry for live events ([`View::sees`]).
#[derive(Debug, Clone)]
pub struct View {
    access: Access,
    member: Option<Arc<MemberData>>,
    types: Vec<RecordType>,
}

impl View {
    /// The caller's view of the types asked for (every type it may read when empty). Fails
    /// for a type that is not in the feed or whose scope the caller lacks.
    pub fn new(access: &Access, types: &[RecordType]) -> ApiResult<Self> {
        access.signed_in()?;
        let types = if types.is_empty() {
            TYPES.to_vec()
        } else {
            for kind in types {
                let (area, _, _) = rule(*kind).ok_or_else(|| {
                    ApiError::bad_input(
                        "types",
                        format!("{} is not a record type of the feed.", kind.as_str()),
                    )
                })?;
                access.read(area)?;
            }
            types.to_vec()
        };
        Ok(Self {
            member: access.member_data().cloned().map(Arc::new),
            access: access.clone(),
            types,
        })
    }

    /// The same view narrowed to the records of one member (`data`). A token limited to
    /// another member is refused.
    pub fn of_member(mut self, data: MemberData) -> ApiResult<Self> {
        if let Some(own) = self.access.member_data()
            && own.member_id != data.member_id
        {
            return Err(ApiError::forbidden(
                "This token sees its own member's data only.",
            ));
        }
        self.member = Some(Arc::new(data));
        Ok(self)
    }

    /// The member whose records alone the view shows.
    pub fn member_id(&self) -> Option<i32> {
        self.member.as_ref().map(|data| data.member_id)
    }

    /// Whether the caller may see who made a change (staff).
    pub fn names_actor(&self) -> bool {
        self.access.staff().is_some()
    }

    /// What of the changes to records of `kind` the view shows; `None`: nothing.
    fn sight(&self, kind: RecordType) -> Option<Sight<'_>> {
        let owner = self.reads(kind)?;
        let Some(data) = self.member.as_deref() else {
            return Some(Sight::All);
        };
        let ids = match owner {
            Owner::Everyone => return Some(Sight::All),
            Owner::Organisation => &data.organisations,
            Owner::Contract => &data.contracts,
        };
        if ids.is_empty() {
            return None;
        }
        Some(Sight::Owned(ids))
    }

    /// How the view shows the change `entry`: `Some(true)` as its record leaving the view
    /// (see `super::leaving`), `Some(false)` as a change, `None` not at all.
    pub fn judge(&self, entry: &AuditEntry) -> Option<bool> {
        if self.left(entry) {
            Some(true)
        } else {
            self.sees(entry).then_some(false)
        }
    }

    /// Whether the change `entry` took its record out of a member-limited view.
    fn left(&self, entry: &AuditEntry) -> bool {
        let Some(member) = self.member_id() else {
            return false;
        };
        entry
            .record_type
            .parse::<RecordType>()
            .ok()
            .is_some_and(|kind| self.reads(kind).is_some())
            && super::leaving::names(entry.left_view_of.as_deref(), member)
    }

    /// What the records of `kind` belong to, when the view takes in its records at all.
    fn reads(&self, kind: RecordType) -> Option<Owner> {
        let (area, owner, _) = rule(kind)?;
        (self.types.contains(&kind) && self.access.read(area).is_ok()).then_some(owner)
    }

    /// Whether the view shows the change `entry` to a record in it.
    fn sees(&self, entry: &AuditEntry) -> bool {
        let Some(kind) = entry.record_type.parse::<RecordType>().ok() else {
            return false;
        };
        match self.sight(kind) {
            None => false,
            Some(Sight::All) => true,
            Some(Sight::Owned(ids)) => entry.owner_id.is_some_and(|owner| ids.contains(&owner)),
        }
    }

    /// The parts of the audit log the view shows, each a condition an index reads in the
    /// feed's order: the entries of one type (of one owner, for a member-limited view), and
    /// those that left the member's view. Empty: none.
    fn parts(&self) -> Vec<Condition> {
        let mut parts = Vec::new();
        for kind in &self.types {
            let Some(sight) = self.sight(*kind) else {
                continue;
            };
            let of_kind =
                || Condition::all().add(audit_entry::Column::RecordType.eq(kind.as_str()));
            match sight {
                Sight::All => parts.push(of_kind()),
                Sight::Owned(ids) if ids.len() > OWNERS_APART => {
                    parts.push(
                        of_kind().add(audit_entry::Column::OwnerId.is_in(ids.iter().copied())),
                    );
                }
                Sight::Owned(ids) => {
                    let mut ids: Vec<i32> = ids.iter().copied().collect();
                    ids.sort_unstable();
                    parts.extend(
                        ids.into_iter()
                            .map(|id| of_kind().add(audit_entry::Column::OwnerId.eq(id))),
                    );
                }
            }
        }
        // And whatever left the member's view, of the types it reads.
        if let Some(member) = self.member_id() {
            let left = format!("%,{member},%");
            parts.extend(
                self.types
                    .iter()
                    .filter(|kind| self.reads(**kind).is_some())
                    .map(|kind| {
                        Condition::all()
                            .add(audit_entry::Column::RecordType.eq(kind.as_str()))
                            .add(audit_entry::Column::LeftViewOf.is_not_null())
                            .add(audit_entry::Column::LeftViewOf.like(left.as_str()))
                    }),
            );
        }
        parts
    }
}

/// A change as one view shows it.
#[derive(Debug, Clone)]
pub struct Event {
    pub entry: AuditEntry,
    /// With this change the record left what a member-limited view sees (its member is no
    /// longer a party to the contract, the organisation no longer one of its units); nothing
    /// more is shown of it.
    pub left_view: bool,
}

/// Up to `first` changes after `after` (a position; the start when `None`), of the types
/// asked for (every type the caller may read when empty), in commit order, and whether more
/// follow. A caller sees a change when it may read its record type; a member-limited token
/// only changes to records of its member (judged on the record as it was after the change, or
/// before it for a deletion), and the changes that took a record out of its member's view.
pub async fn changes(
    db: &impl ConnectionTrait,
    access: &Access,
    after: Option<i64>,
    first: u64,
    types: &[RecordType],
) -> ApiResult<(Vec<Event>, bool)> {
    page(db, &View::new(access, types)?, after, first).await
}

/// Up to `first` changes after `after` that `view` shows, in commit order, and whether more
/// follow.
pub async fn page(
    db: &impl ConnectionTrait,
    view: &View,
    after: Option<i64>,
    first: u64,
) -> ApiResult<(Vec<Event>, bool)> {
    // Each part gives its first `first + 1` entries after the cursor by its index; the page
    // is the first of all of them. One statement: one snapshot of the log.
    let take = first.saturating_add(1);
    let firsts = view.parts().into_iter().enumerate().map(|(n, part)| {
        let part = Query::select()
            .columns([audit_entry::Column::Id, audit_entry::Column::Position])
            .from(audit_entry::Entity)
            .cond_where(part)
            .and_where(audit_entry::Column::Position.gt(after.unwrap_or(0)))
            .order_by(audit_entry::Column::Position, Order::Asc)
            .limit(take)
            .to_owned();
        Query::select()
            .column(audit_entry::Column::Id)
            .from_subquery(part, Alias::new(format!("part{n}")))
            .to_owned()
    });
    let Some(union) = firsts.reduce(|mut union, ids| {
        union.union(UnionType::All, ids);
        union
    }) else {
        return Ok((Vec::new(), false));
    };
    let select = audit_entry::Entity::find()
        .filter(audit_entry::Column::Id.in_subquery(union))
        .order_by_asc(audit_entry::Column::Position)
        .limit(take);
    let mut rows = select.all(db).await?;
    let more = rows.len() as u64 > first;
    rows.truncate(usize::try_from(first).unwrap_or(usize::MAX));
    let events = rows
        .into_iter()
        .map(|entry| Event {
            left_view: view.left(&entry),
            entry,
        })
        .collect();
    Ok((events, more))
}
