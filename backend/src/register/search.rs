//! One search over the whole register: the organisations, contracts, services, people and
//! sources whose searched columns contain a text (case-insensitive, the same on SQLite and
//! PostgreSQL), as one list.
//!
//! - What is searched is what each record's list searches (the columns its declaration marks,
//!   see `entities/`): an organisation's name, short name and official key; a contract's
//!   number, title and file reference; a service's code, name and vendor; a person's name and
//!   function; a source's title and publisher.
//! - Each kind is read through its list's own selection (`organisations::selection` and so
//!   on), so the caller finds exactly what those lists show it: a member-limited token its
//!   member's records, a token without a kind's scope none of that kind (the others still).
//! - The list is grouped by kind in a fixed order ([`KINDS`]) and ordered within a kind by
//!   name (or title), then id, so a position names the same record across requests as long as
//!   the data does not change: pages neither skip nor repeat a record, also where one kind
//!   ends and the next begins.
//! - Every kind is counted in one statement; a page then reads only the kinds it overlaps,
//!   each from its position within the kind.

use sea_orm::{
    ConnectionTrait, DatabaseConnection, EntityTrait, QuerySelect, QueryTrait, Select,
    sea_query::{Alias, Expr, Query, SelectStatement},
};

use super::contracts::{self, Contract, ContractQuery};
use super::organisations::{self, Organisation, OrganisationQuery};
use super::page::{self, Direction, PageRequest, Window};
use super::people::{self, Person};
use super::services::{self, Service, ServiceQuery};
use super::sources::{self, Source};
use crate::auth::access::Access;
use crate::entities::rows::{self, Decode};
use crate::entities::{contract, organisation, person, service, source};
use crate::error::{ApiError, ApiResult};
use verbund_shared::text::{SEARCH_MIN_CHARS, register_search};

/// The kinds of records a search finds, in the order the list groups them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Organisation,
    Contract,
    Service,
    Person,
    Source,
}

/// Every kind, in the order of the list.
pub const KINDS: [Kind; 5] = [
    Kind::Organisation,
    Kind::Contract,
    Kind::Service,
    Kind::Person,
    Kind::Source,
];

/// A record the search found.
#[derive(Debug, Clone)]
pub enum Hit {
    Organisation(Organisation),
    Contract(Contract),
    Service(Service),
    Person(Person),
    Source(Source),
}

/// The records of one kind that match, as the kind's list selects them, in no order.
enum Part {
    Organisations(Select<organisation::Entity>),
    Contracts(Select<contract::Entity>),
    Services(Select<service::Entity>),
    People(Select<person::Entity>),
    Sources(Select<source::Entity>),
}

impl Part {
    /// The matches of `kind` the caller may see; `None` when the caller may not read the
    /// kind at all (a token without its scope): the search then leaves it out.
    fn of(kind: Kind, access: &Access, text: &str) -> ApiResult<Option<Self>> {
        let search = Some(text.to_owned());
        let part = match kind {
            Kind::Organisation => {
                let query = OrganisationQuery {
                    search,
                    ..OrganisationQuery::default()
                };
                organisations::selection(access, &query).map(|s| Some(Self::Organisations(s)))
            }
            Kind::Contract => {
                let query = ContractQuery {
                    search,
                    as_of: access.timing.clock.today(),
                    ..ContractQuery::default()
                };
                contracts::selection(access, &query).map(|s| s.map(Self::Contracts))
            }
            Kind::Service => {
                let query = ServiceQuery {
                    search,
                    ..ServiceQuery::default()
                };
                services::selection(access, &query).map(|s| Some(Self::Services(s)))
            }
            Kind::Person => people::selection(access, Some(text)).map(|s| Some(Self::People(s))),
            Kind::Source => sources::selection(access, Some(text)).map(|s| Some(Self::Sources(s))),
        };
        match part {
            Err(ApiError::Forbidden { .. }) => Ok(None),
            other => other,
        }
    }

    /// `SELECT COUNT(*) ...` of the part, as a statement to nest.
    fn count(&self) -> SelectStatement {
        fn counted<E: EntityTrait>(select: &Select<E>) -> SelectStatement {
            select
                .clone()
                .select_only()
                .expr(Expr::cust("COUNT(*)"))
                .into_query()
        }
        match self {
            Self::Organisations(s) => counted(s),
            Self::Contracts(s) => counted(s),
            Self::Services(s) => counted(s),
            Self::People(s) => counted(s),
            Self::Sources(s) => counted(s),
        }
    }

    /// The part's records from `offset` (within the part), at most `limit`, in the part's
    /// order.
    async fn fetch(
        self,
        db: &DatabaseConnection,
        offset: usize,
        limit: usize,
    ) -> ApiResult<Vec<Hit>> {
        let span = (offset, limit);
        Ok(match self {
            Self::Organisations(s) => {
                use organisation::Column::{Id, Name};
                read_part(db, s, Name, Id, span, Hit::Organisation).await?
            }
            Self::Contracts(s) => {
                use contract::Column::{Id, Title};
                read_part(db, s, Title, Id, span, Hit::Contract).await?
            }
            Self::Services(s) => {
                use service::Column::{Id, Name};
                read_part(db, s, Name, Id, span, Hit::Service).await?
            }
            Self::People(s) => {
                use person::Column::{Id, Name};
                read_part(db, s, Name, Id, span, Hit::Person).await?
            }
            Self::Sources(s) => {
                use source::Column::{Id, Title};
                read_part(db, s, Title, Id, span, Hit::Source).await?
            }
        })
    }
}

/// `limit` rows of `select` from `offset`, ordered by `column` then `id`, each as a hit.
async fn read_part<E: EntityTrait>(
    db: &DatabaseConnection,
    select: Select<E>,
    column: E::Column,
    id: E::Column,
    (offset, limit): (usize, usize),
    hit: fn(E::Model) -> Hit,
) -> ApiResult<Vec<Hit>>
where
    E::Model: Decode,
{
    let select = page::ordered(select, column, id, Direction::Asc)
        .offset(offset as u64)
        .limit(limit as u64);
    Ok(rows::find(db, select).await?.into_iter().map(hit).collect())
}

/// The search text as the register takes it: trimmed, at least [`SEARCH_MIN_CHARS`]
/// characters.
///
/// # Errors
///
/// `BAD_USER_INPUT` on `query` for a shorter text (an empty one included).
pub fn checked(text: &str) -> ApiResult<&str> {
    register_search(text).ok_or_else(|| {
        ApiError::bad_input(
            "query",
            format!("A search needs at least {SEARCH_MIN_CHARS} characters."),
        )
    })
}

/// One page of the records whose searched columns contain `text`, that the caller may see,
/// grouped by kind in the order of [`KINDS`], by name (or title) and id within a kind.
/// Always counts: where a page starts depends on how many records each kind before it holds.
pub async fn search(
    db: &DatabaseConnection,
    access: &Access,
    text: &str,
    page: PageRequest,
) -> ApiResult<(Vec<Hit>, Window)> {
    access.signed_in()?;
    let text = checked(text)?;
    let mut parts = Vec::with_capacity(KINDS.len());
    for kind in KINDS {
        if let Some(part) = Part::of(kind, access, text)? {
            parts.push(part);
        }
    }
    let counts = count(db, &parts).await?;
    let window = page.window(counts.iter().sum());
    let (start, end) = (window.offset, window.offset + window.limit);
    let mut hits = Vec::with_capacity(window.limit);
    let mut before = 0;
    for (part, held) in parts.into_iter().zip(counts) {
        // The part's records are positions `before..before + held` of the whole list.
        let (from, to) = (start.max(before), end.min(before + held));
        if from < to {
            hits.extend(part.fetch(db, from - before, to - from).await?);
        }
        before += held;
    }
    Ok((hits, window))
}

/// How many records each part holds, in one statement.
async fn count(db: &DatabaseConnection, parts: &[Part]) -> ApiResult<Vec<usize>> {
    if parts.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = Query::select();
    for (i, part) in parts.iter().enumerate() {
        query.expr_as(
            Expr::SubQuery(None, Box::new(part.count().into())),
            Alias::new(format!("n{i}")),
        );
    }
    let statement = db.get_database_backend().build(&query);
    let Some(row) = db.query_one_raw(statement).await? else {
        return Err(ApiError::internal("search", &"no row of counts"));
    };
    (0..parts.len())
        .map(|i| {
            let n: i64 = row.try_get("", &format!("n{i}"))?;
            Ok(usize::try_from(n).unwrap_or(0))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_refused() {
        assert!(checked("").is_err());
        assert!(checked("  a ").is_err());
        assert_eq!(checked(" ab ").ok(), Some("ab"));
        assert_eq!(checked("äö").ok(), Some("äö"));
    }
}
