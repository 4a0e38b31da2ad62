//! The GraphQL API: the schema, its roots and mutations (one module per domain, merged here)
//! and the limits that keep one query from taking the server down. Resolvers are thin: they
//! translate arguments, call one function of the register and wrap what it returns.

pub mod account;
pub mod batch;
pub mod catalogue;
pub mod contracts;
pub mod coverages;
pub mod desk;
pub mod enums;
pub mod error;
pub mod feed;
pub mod filters;
pub mod history;
pub mod ids;
pub mod lists;
pub mod live;
pub mod loaders;
pub mod node;
pub mod object;
pub mod organisations;
pub mod pagination;
pub mod persisted;
pub mod plain;
pub mod rate;
pub mod records;
pub mod scalars;
pub mod search;
pub mod sources;
pub mod stats;

use async_graphql::{Context, MergedObject, MergedSubscription, Schema};
use verbund_shared::access::Role;

use crate::auth::access::Access;
use crate::error::ApiResult;
use crate::register::Db;
use crate::register::totals::held::Reading;

/// The query root: every domain's roots merged.
#[derive(MergedObject, Default, Debug)]
pub struct Query(
    node::NodeRoot,
    organisations::OrganisationRoot,
    contracts::ContractRoot,
    desk::DeskRoot,
    catalogue::ServiceRoot,
    coverages::CoverageRoot,
    sources::SourceRoot,
    search::SearchRoot,
    stats::StatisticsRoot,
    account::AccountRoot,
    history::AuditRoot,
    feed::FeedRoot,
    rate::RateLimitRoot,
    persisted::PersistedRoot,
);

/// The mutation root: every domain's mutations merged.
#[derive(MergedObject, Default, Debug)]
pub struct Mutation(
    account::AccountMutation,
    organisations::OrganisationMutation,
    organisations::MembershipMutation,
    organisations::PersonMutation,
    organisations::KeyFigureMutation,
    contracts::ContractMutation,
    desk::DeskMutation,
    catalogue::ServiceMutation,
    coverages::CoverageMutation,
    sources::SourceMutation,
    persisted::PersistedMutation,
);

/// The subscription root: over WebSocket at `/graphql`, in the `graphql-transport-ws` protocol.
#[derive(MergedSubscription, Default, Debug)]
pub struct Subscription(live::LiveRoot);

/// The schema the server serves.
pub type VerbundSchema = Schema<Query, Mutation, Subscription>;

/// The highest complexity a query may have (how deep a query may nest is checked on the
/// document before it reaches the schema, see `http::depth`, so that the introspection query
/// of standard clients passes). Each field costs 1; a connection field costs what one record
/// asks for times its page size (`first`/`last`, 20 without either, see
/// `pagination::page_cost`), and any other list what one record asks for times the most
/// records it can hold (see `lists`), so nested lists multiply. The web app's largest query
/// (the dashboard: two pages of 100 contracts with their parties, 100 organisations with
/// their memberships) costs about 18,400; 25,000 leaves room for partner queries of that kind
/// while refusing a page of 100 nested in a page of 100 that asks two fields of each record.
pub const MAX_COMPLEXITY: usize = 25_000;

/// How much the schema tells about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// Introspection and "did you mean" suggestions (development; admins in production).
    Open,
    /// Neither: callers see only what they ask for and the app's own operations work.
    Closed,
}

/// Builds the schema. The database connection, the server's token cache (which a
/// revocation empties at once) and its live changes are schema data; each request adds its
/// own batch loader (see `http`).
pub fn build(
    db: Db,
    exposure: Exposure,
    tokens: std::sync::Arc<crate::register::tokens::TokenCache>,
    live: std::sync::Arc<crate::register::live::Live>,
) -> VerbundSchema {
    let builder = Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .data(db)
    .data(tokens)
    .data(live)
    .limit_complexity(MAX_COMPLEXITY);
    match exposure {
        Exposure::Open => builder.finish(),
        Exposure::Closed => builder
            .disable_introspection()
            .disable_suggestions()
            .finish(),
    }
}

/// The schema as SDL, as committed in `backend/schema.graphql`: what introspection tells,
/// `@specifiedBy` of scalars included.
pub fn sdl() -> String {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .finish()
    .sdl_with_options(async_graphql::SDLExportOptions::new().include_specified_by())
}

/// The database connection of the schema.
pub fn db<'a>(ctx: &Context<'a>) -> &'a Db {
    ctx.data_unchecked::<Db>()
}

/// The server's held coverage totals as the request reads them (see `loaders::Db::totals`).
pub fn held<'a>(ctx: &Context<'a>) -> Reading<'a> {
    loaders::loader(ctx).loader().totals()
}

/// The access of a request, from the schema's request data (anonymous when absent).
pub fn access<'a>(ctx: &Context<'a>) -> &'a Access {
    static ANONYMOUS: std::sync::OnceLock<Access> = std::sync::OnceLock::new();
    ctx.data_opt::<Access>()
        .unwrap_or_else(|| ANONYMOUS.get_or_init(Access::default))
}

/// The database and the caller of a mutation that changes the register, once the caller is
/// known to hold the editor role: a mutation is refused before any of its input is looked at
/// (the register checks the role again when it writes).
pub fn editor<'a>(ctx: &Context<'a>) -> ApiResult<(&'a Db, &'a Access)> {
    let access = access(ctx);
    access.require(Role::Editor)?;
    Ok((db(ctx), access))
}

#[cfg(test)]
mod tests {
    /// The committed SDL is what partner systems and the web app are checked against; it
    /// must change with the code. `VERBUND_UPDATE_SDL=1 cargo test -p verbund` rewrites it.
    #[test]
    fn committed_sdl_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
        let current = super::sdl();
        if std::env::var_os("VERBUND_UPDATE_SDL").is_some() {
            std::fs::write(path, &current).unwrap();
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == current,
            "backend/schema.graphql is stale: run `VERBUND_UPDATE_SDL=1 cargo test -p verbund` and review the diff"
        );
    }
}
