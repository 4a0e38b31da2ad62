//! The change feed as the API shows it: `changes(after:, first:, types:)`, a connection over
//! the register's changes in commit order (see `register::feed`).

use async_graphql::{
    Context, ID, Object,
    connection::{Connection, CursorType, Edge},
};
use chrono::{DateTime, Utc};

use super::ids::{self, NodeType};
use super::pagination::{BadCursor, decode_opaque, encode_opaque};
use super::plain::{Plain, PlainFields};
use crate::error::{ApiError, ApiResult};
use crate::register::RecordType;
use crate::register::audit::AuditEntry;
use crate::register::feed;
use crate::register::page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};

/// A place in the feed: the position of the last change read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedCursor(pub i64);

impl CursorType for FeedCursor {
    type Error = BadCursor;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        let position: i64 = decode_opaque(s, "chg")?;
        if position < 0 {
            return Err(BadCursor);
        }
        Ok(Self(position))
    }

    fn encode_cursor(&self) -> String {
        encode_opaque("chg", self.0)
    }
}

/// One committed change to a record of the register, as the change feed lists it.
#[derive(Debug, Clone)]
pub struct RegisterChange {
    entry: AuditEntry,
    /// Whether the caller may see who made it (staff).
    names_actor: bool,
    /// The record left what the caller sees with this change.
    left_view: bool,
}

impl RegisterChange {
    pub(super) fn new(entry: AuditEntry, names_actor: bool, left_view: bool) -> Self {
        Self {
            entry,
            names_actor,
            left_view,
        }
    }
}

/// `after:` as a position of the feed.
pub(super) fn position_after(after: Option<String>) -> ApiResult<Option<i64>> {
    after
        .map(|cursor| FeedCursor::decode_cursor(&cursor).map(|cursor| cursor.0))
        .transpose()
        .map_err(|_| ApiError::bad_input("after", "not a valid cursor"))
}

/// `types:` as record types.
pub(super) fn record_types(types: Option<Vec<String>>) -> ApiResult<Vec<RecordType>> {
    types
        .unwrap_or_default()
        .iter()
        .map(|name| {
            name.parse::<RecordType>().ok().ok_or_else(|| {
                ApiError::bad_input("types", format!("{name} is not a record type."))
            })
        })
        .collect()
}

/// One committed change to a record of the register, as the change feed lists it.
#[Object]
impl RegisterChange {
    /// The change's place in the feed: give it as `after:` to `changes` or to
    /// `registerChanged` to go on after this change.
    async fn cursor(&self) -> String {
        FeedCursor(self.entry.position.unwrap_or_default()).encode_cursor()
    }

    /// The type of the record changed, as `__typename` names it, e.g. `Contract`.
    async fn record_type(&self) -> &str {
        &self.entry.record_type
    }

    /// The global ID of the record changed (ask `node(id:)` for the record as it is now).
    async fn record_id(&self) -> Option<ID> {
        self.entry
            .record_type
            .parse::<NodeType>()
            .ok()
            .map(|node| ids::encode(node, self.entry.record_id))
    }

    /// The operation, e.g. `amendContract` or `deleteCoverage`.
    async fn operation(&self) -> &str {
        &self.entry.operation
    }

    /// The record's version after the change; null when the change deleted it or changed a
    /// contract's parties (the entry then shows the party, not the contract).
    async fn version(&self) -> Option<i32> {
        if self.entry.operation.contains("ContractParty") {
            return None;
        }
        let after: serde_json::Value = serde_json::from_str(self.entry.after.as_deref()?).ok()?;
        i32::try_from(after.get("version")?.as_i64()?).ok()
    }

    /// Whether the change deleted the record.
    async fn deleted(&self) -> bool {
        self.entry.after.is_none()
    }

    /// When the change was made.
    async fn at(&self) -> DateTime<Utc> {
        self.entry.at
    }

    /// With this change the record left what a member-limited caller sees (its member is no
    /// longer a party to the contract, the organisation no longer one of its units or
    /// deleted), and no more is heard of it. Judged as the member's records were at the
    /// change, in `changes` as in `registerChanged`.
    async fn left_view(&self) -> bool {
        self.left_view
    }

    /// Who made it (an account's name, or the command line); null for partner tokens.
    async fn actor(&self) -> Option<&str> {
        self.names_actor.then_some(self.entry.actor_name.as_str())
    }
}

/// The feed root.
#[derive(Debug, Default)]
pub struct FeedRoot;

#[Object]
impl FeedRoot {
    /// What changed in the register, oldest first, in the order the changes were committed:
    /// a partner system keeps the `endCursor` of the last page it read and asks again with
    /// `after:` to get exactly the changes it has not seen, none twice and none skipped.
    /// `types` narrows the feed to these record types (by `__typename`, e.g. `Contract`);
    /// without it, every type the caller may read. A member-limited token sees the changes
    /// to its member's records only. Accounts, tokens and registered operations are not in
    /// the feed (admins read them in `auditLog`).
    #[graphql(complexity = "super::pagination::page_cost(first, None, child_complexity)")]
    async fn changes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The `endCursor` of the last page read; the feed's start without it.")]
        after: Option<String>,
        #[graphql(desc = "How many changes at most (1 to 100, default 20).")] first: Option<i32>,
        #[graphql(desc = "Only changes to records of these types, e.g. `[\"Contract\"]`.")]
        types: Option<Vec<String>>,
    ) -> ApiResult<Plain<Connection<FeedCursor, RegisterChange>>> {
        let after = position_after(after)?.map(FeedCursor);
        let first = match first {
            None => DEFAULT_PAGE_SIZE,
            Some(n) => usize::try_from(n)
                .ok()
                .filter(|n| (1..=MAX_PAGE_SIZE).contains(n))
                .ok_or_else(|| {
                    ApiError::bad_input("first", format!("must be between 1 and {MAX_PAGE_SIZE}"))
                })?,
        };
        let types = record_types(types)?;
        let access = super::access(ctx);
        let (rows, more) = feed::changes(
            super::db(ctx),
            access,
            after.map(|cursor| cursor.0),
            first as u64,
            &types,
        )
        .await?;
        let names_actor = access.staff().is_some();
        let mut connection = Connection::new(after.is_some(), more);
        connection.edges.extend(rows.into_iter().map(|event| {
            let cursor = FeedCursor(event.entry.position.unwrap_or_default());
            Edge::new(
                cursor,
                RegisterChange::new(event.entry, names_actor, event.left_view),
            )
        }));
        Ok(Plain(connection))
    }
}

impl PlainFields for Connection<FeedCursor, RegisterChange> {
    fn plain_field(&self, _name: &str) -> Option<async_graphql::Value> {
        None
    }

    fn type_description() -> Option<String> {
        Some(
            "A page of the change feed (a Relay connection): its `nodes`, or its `edges` with \
             each change's cursor; `pageInfo.endCursor` is where to ask again with `after:`."
                .to_owned(),
        )
    }
}
