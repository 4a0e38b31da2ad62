//! Persisted operations: documents admins register under a name; callers send
//! `extensions.persistedQuery.sha256Hash` instead of the text, and partner tokens created with
//! `persistedOnly` may run nothing else.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use verbund_shared::access::Role;
use verbund_shared::validate::Check;

use super::write::{Tx, unique};
use crate::auth::{self, access::Principal, secrets};
use crate::entities::persisted_operation;
use crate::error::{ApiError, ApiResult};

/// The record type of registered operations in the audit log.
const RECORD_TYPE: &str = "PersistedOperation";

/// A registered operation.
#[derive(Debug, Clone)]
pub struct PersistedOperation(pub persisted_operation::Model);

#[Object]
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
    /// Every registered operation, by name (admins only).
    async fn persisted_operations(&self, ctx: &Context<'_>) -> ApiResult<Vec<PersistedOperation>> {
        auth::access(ctx).require(Role::Admin)?;
        let rows = persisted_operation::Entity::find()
            .order_by_asc(persisted_operation::Column::Name)
            .all(super::db(ctx))
            .await?;
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
        name: String,
        document: String,
    ) -> ApiResult<PersistedOperation> {
        let tx = Tx::begin(ctx, Role::Admin).await?;
        let mut check = Check::new();
        let name = check.name("name", &name);
        if async_graphql::parser::parse_query(&document).is_err() {
            check.fail("document", "the document is not valid GraphQL");
        }
        check.finish()?;
        let row = persisted_operation::ActiveModel {
            name: Set(name.map(|n| n.to_string()).unwrap_or_default()),
            sha256: Set(secrets::digest(&document)),
            document: Set(document),
            ..Default::default()
        }
        .insert(&tx.txn)
        .await
        .map_err(unique(
            "name",
            "An operation with this name or this document is registered already.",
        ))?;
        tx.log_as(
            "registerPersistedOperation",
            RECORD_TYPE,
            row.id,
            None::<&persisted_operation::Model>,
            Some(&row),
        )
        .await?;
        tx.commit().await?;
        Ok(PersistedOperation(row))
    }

    /// Removes a registered operation (admins only); tokens limited to registered operations
    /// can no longer run it. Returns its number.
    async fn delete_persisted_operation(&self, ctx: &Context<'_>, id: ID) -> ApiResult<ID> {
        let tx = Tx::begin(ctx, Role::Admin).await?;
        let raw: i32 = id
            .parse()
            .map_err(|_| ApiError::bad_input("id", "Not an operation's number."))?;
        let row = persisted_operation::Entity::find_by_id(raw)
            .one(&tx.txn)
            .await?
            .ok_or_else(|| ApiError::not_found("No such operation."))?;
        persisted_operation::Entity::delete_by_id(raw)
            .exec(&tx.txn)
            .await?;
        tx.log_as(
            "deletePersistedOperation",
            RECORD_TYPE,
            raw,
            Some(&row),
            None::<&persisted_operation::Model>,
        )
        .await?;
        tx.commit().await?;
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
pub async fn resolve(
    db: &DatabaseConnection,
    request: &mut async_graphql::Request,
) -> ApiResult<Lookup> {
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
    match persisted_operation::Entity::find()
        .filter(persisted_operation::Column::Sha256.eq(&hash))
        .one(db)
        .await?
    {
        Some(row) => {
            request.query = row.document;
            Ok(Lookup::Registered)
        }
        None => Ok(Lookup::Unknown),
    }
}

/// Whether `principal` may run the request's document: everyone, except a token limited to
/// persisted operations, which may run registered documents only (`registered`: the document
/// was just taken from the registry, so it needs no second look).
pub async fn allowed(
    db: &DatabaseConnection,
    principal: &Principal,
    query: &str,
    registered: bool,
) -> ApiResult<bool> {
    match principal {
        Principal::Partner(partner) if partner.persisted_only && !registered => {
            let hash = secrets::digest(query);
            Ok(persisted_operation::Entity::find()
                .filter(persisted_operation::Column::Sha256.eq(hash))
                .one(db)
                .await?
                .is_some())
        }
        _ => Ok(true),
    }
}
