//! Persisted operations: documents admins register under a name; callers send
//! `extensions.persistedQuery.sha256Hash` instead of the text, and partner tokens created with
//! `persistedOnly` may run nothing else.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};

use super::{access, db};
use crate::auth::secrets;
use crate::error::{ApiError, ApiResult};
use crate::register::Db;
use crate::register::persisted::{self as register, PersistedOperation as Row};

/// A registered operation.
#[derive(Debug, Clone)]
pub struct PersistedOperation(pub Row);

#[Object]
/// A registered operation.
impl PersistedOperation {
    /// The entry's number.
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }

    /// Its name, e.g. the partner system's query.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The SHA-256 of the document (hex): what callers send as
    /// `extensions.persistedQuery.sha256Hash`.
    async fn sha256(&self) -> &str {
        &self.0.sha256
    }

    /// The document.
    async fn document(&self) -> &str {
        &self.0.document
    }

    /// When it was registered.
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
}

/// The admins' list of registered operations.
#[derive(Debug, Default)]
pub struct PersistedRoot;

#[Object]
impl PersistedRoot {
    /// The registered operations, by name, at most 200 (admins only).
    #[graphql(
        complexity = "super::lists::list_cost(crate::register::bounds::PERSISTED_OPERATIONS, child_complexity)"
    )]
    async fn persisted_operations(&self, ctx: &Context<'_>) -> ApiResult<Vec<PersistedOperation>> {
        let rows = register::list(db(ctx), access(ctx)).await?;
        Ok(rows.into_iter().map(PersistedOperation).collect())
    }
}

/// Registering and removing operations.
#[derive(Debug, Default)]
pub struct PersistedMutation;

#[Object]
impl PersistedMutation {
    /// Registers a document under a name (admins only). The document must parse; its
    /// SHA-256 is the hash callers send.
    async fn register_persisted_operation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A name for people to know it by.")] name: String,
        #[graphql(desc = "The GraphQL document; it must parse.")] document: String,
    ) -> ApiResult<PersistedOperation> {
        let parses = async_graphql::parser::parse_query(&document).is_ok();
        let row = register::register(db(ctx), access(ctx), &name, document, parses).await?;
        Ok(PersistedOperation(row))
    }

    /// Removes a registered operation (admins only); tokens limited to registered operations
    /// can no longer run it. Returns its number.
    async fn delete_persisted_operation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The operation's number.")] id: ID,
    ) -> ApiResult<ID> {
        access(ctx).require(verbund_shared::access::Role::Admin)?;
        let raw: i32 = id
            .parse()
            .map_err(|_| ApiError::bad_input("id", "Not an operation's number."))?;
        register::delete(db(ctx), access(ctx), raw).await?;
        Ok(id)
    }
}

/// What became of a request's persisted-operation reference.
#[derive(Debug)]
pub enum Lookup {
    /// The document was taken from the registry by its hash.
    Registered,
    /// The document came as text (with its matching hash, or without one).
    Text,
    /// A hash was sent that no registered operation has, or that is not the text's.
    Unknown,
}

/// The hash a request sends in `extensions.persistedQuery.sha256Hash`, if any.
pub fn sent_hash(request: &async_graphql::Request) -> Option<String> {
    match request.extensions.0.get("persistedQuery")? {
        async_graphql::Value::Object(map) => match map.get("sha256Hash")? {
            async_graphql::Value::String(hash) => Some(hash.to_lowercase()),
            _ => None,
        },
        _ => None,
    }
}

/// Fills in the document of a request that sent only a hash.
pub async fn resolve(db: &Db, request: &mut async_graphql::Request) -> ApiResult<Lookup> {
    let Some(hash) = sent_hash(request) else {
        return Ok(Lookup::Text);
    };
    if !request.query.trim().is_empty() {
        // Text and hash: the hash must be the text's.
        return Ok(if secrets::digest(&request.query) == hash {
            Lookup::Text
        } else {
            Lookup::Unknown
        });
    }
    match register::document(db, &hash).await? {
        Some(document) => {
            request.query = document;
            Ok(Lookup::Registered)
        }
        None => Ok(Lookup::Unknown),
    }
}
