//! The `search` root: one search over organisations, contracts, services, people and
//! sources, answered as a connection of the union `SearchResult` (the rules in
//! `register::search`).

use async_graphql::{Context, Object, Union};

use super::catalogue::Service;
use super::contracts::Contract;
use super::organisations::{Organisation, Person};
use super::pagination::{Page, PageArgs, page_of};
use super::sources::Source;
use crate::error::ApiResult;
use crate::register::search::{self as register, Hit};

/// A record the search found: an organisation, a contract, a service, a person or a source.
#[derive(Union, Debug)]
#[allow(clippy::large_enum_variant)]
pub enum SearchResult {
    Organisation(Organisation),
    Contract(Contract),
    Service(Service),
    Person(Person),
    Source(Source),
}

impl From<Hit> for SearchResult {
    fn from(hit: Hit) -> Self {
        match hit {
            Hit::Organisation(row) => Self::Organisation(Organisation(row)),
            Hit::Contract(row) => Self::Contract(Contract::new(row)),
            Hit::Service(row) => Self::Service(row.into()),
            Hit::Person(row) => Self::Person(Person(row)),
            Hit::Source(row) => Self::Source(Source(row)),
        }
    }
}

/// The root of the search.
#[derive(Debug, Default)]
pub struct SearchRoot;

#[Object]
impl SearchRoot {
    /// The records whose text contains `query` (case-insensitive), of every kind the caller
    /// may read, as one list grouped by kind: organisations (name, short name, official key),
    /// contracts (number, title, file reference), services (code, name, vendor), people
    /// (name, function), sources (title, publisher); by name (or title) within a kind. A
    /// member-limited token finds only what the lists show it; a token without a kind's scope
    /// finds none of that kind. `query` must have at least 2 characters after trimming (an
    /// empty or shorter one is refused with `BAD_USER_INPUT`) and at most 200.
    #[graphql(complexity = "super::pagination::page_cost(first, None, child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The text to look for: at least 2 characters, at most 200.")]
        query: String,
        #[graphql(desc = "Records from the start of the list, at most 100 (20 when not given).")]
        first: Option<i32>,
        #[graphql(
            desc = "Only records after this cursor (an edge's `cursor` from an earlier page)."
        )]
        after: Option<String>,
        #[graphql(
            desc = "Records skipped from the start of the list, for a pager that goes to a numbered page (with `first`; not with `after`)."
        )]
        offset: Option<i32>,
    ) -> ApiResult<Page<SearchResult>> {
        let page = PageArgs::new(first, after, None, None)
            .skipping(offset)
            .request()?;
        let query = super::filters::term("query", Some(query))?.unwrap_or_default();
        let (db, access) = (super::db(ctx), super::access(ctx));
        let found = register::search(db, access, &query, page).await?;
        Ok(page_of(found, SearchResult::from))
    }
}
