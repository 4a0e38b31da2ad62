//! The subscription root: `registerChanged`, the change feed as it happens (see
//! `register::live`), served over WebSocket at `/graphql` (see `http::live`).

use std::sync::Arc;

use async_graphql::{Context, ID, Subscription};
use futures_util::{Stream, StreamExt};

use super::feed::{RegisterChange, position_after, record_types};
use super::ids::{self, NodeType};
use crate::error::ApiResult;
use crate::register::live::{self, Live};

/// The subscription root.
#[derive(Debug, Default)]
pub struct LiveRoot;

#[Subscription]
impl LiveRoot {
    /// One event for each change to the register as it is committed, the same changes as
    /// `changes` shows, to the same callers (scopes per record type; a member-limited token
    /// only its member's records). With `after:` (a cursor of `changes` or of an event) it
    /// first sends every change since, then goes on live, none twice and none skipped.
    async fn register_changed(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only changes to records of these types, e.g. `[\"Contract\"]`.")]
        types: Option<Vec<String>>,
        #[graphql(desc = "Only changes to the records of this member (an organisation).")]
        member_id: Option<ID>,
        #[graphql(desc = "A cursor: first every change after it, then on live.")] after: Option<
            String,
        >,
    ) -> async_graphql::Result<impl Stream<Item = ApiResult<RegisterChange>> + use<>> {
        let types = record_types(types)?;
        let member = ids::decode_opt(member_id.as_ref(), NodeType::Organisation, "memberId")?;
        let after = position_after(after)?;
        let access = super::access(ctx);
        let names_actor = access.staff().is_some();
        let hub = ctx.data_unchecked::<Arc<Live>>();
        let changes = live::follow(super::db(ctx), hub, access, &types, member, after).await?;
        // (An `ApiError` becomes a GraphQL error with its code, see `graphql::error`.)
        Ok(changes.map(move |change| {
            change.map(|event| RegisterChange::new(event.entry, names_actor, event.left_view))
        }))
    }
}
