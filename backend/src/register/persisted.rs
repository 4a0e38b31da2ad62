//! Persisted operations: documents admins register under a name; callers send the document's
//! SHA-256 instead of the text, and partner tokens created with `persistedOnly` may run nothing
//! else.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use verbund_shared::access::Role;
use verbund_shared::validate::Check;

use super::write::{Edit, Tx};
use crate::auth::access::{Access, Principal};
use crate::auth::secrets;
use crate::entities::persisted_operation;
use crate::entities::record::RecordType;
use crate::error::{ApiError, ApiResult};

pub use crate::entities::persisted_operation::Model as PersistedOperation;

/// The registered operations, by name, at most `bounds::PERSISTED_OPERATIONS` (admins only).
pub async fn list(db: &DatabaseConnection, access: &Access) -> ApiResult<Vec<PersistedOperation>> {
    access.require(Role::Admin)?;
    Ok(persisted_operation::Entity::find()
        .order_by_asc(persisted_operation::Column::Name)
        .limit(super::bounds::PERSISTED_OPERATIONS as u64)
        .all(db)
        .await?)
}

/// Registers `document` under `name` (admins only). `parses` says whether the document is
/// valid GraphQL (the API's parser knows); its SHA-256 is the hash callers send.
pub async fn register(
    db: &DatabaseConnection,
    access: &Access,
    name: &str,
    document: String,
    parses: bool,
) -> ApiResult<PersistedOperation> {
    Edit::with_role(db, access, Role::Admin)
        .create::<persisted_operation::Entity>(
            "registerPersistedOperation",
            async |_| {
                let mut check = Check::new();
                let name = check.short_name("name", name, verbund_shared::text::LABEL_MAX_CHARS);
                if !parses {
                    check.fail("document", "the document is not valid GraphQL");
                }
                check.finish()?;
                Ok(persisted_operation::ActiveModel {
                    name: Set(name.map(|n| n.to_string()).unwrap_or_default()),
                    sha256: Set(secrets::digest(&document)),
                    document: Set(document),
                    ..Default::default()
                })
            },
            Some((
                "name",
                "An operation with this name or this document is registered already.",
                "Eine Operation mit diesem Namen oder diesem Dokument ist bereits registriert.",
            )),
        )
        .await
}

/// Removes a registered operation (admins only); tokens limited to registered operations can
/// no longer run it.
pub async fn delete(db: &DatabaseConnection, access: &Access, id: i32) -> ApiResult<()> {
    let tx = Tx::begin(db, access, Role::Admin).await?;
    let row = persisted_operation::Entity::find_by_id(id)
        .one(&tx.txn)
        .await?
        .ok_or_else(|| ApiError::not_found("No such operation."))?;
    persisted_operation::Entity::delete_by_id(id)
        .exec(&tx.txn)
        .await?;
    tx.log(
        "deletePersistedOperation",
        RecordType::PersistedOperation,
        id,
        Some(&row),
        None::<&()>,
    )
    .await?;
    tx.commit().await
}

/// The registered document with this SHA-256 (hex, lower case), if any.
pub async fn document(db: &impl ConnectionTrait, sha256: &str) -> ApiResult<Option<String>> {
    Ok(persisted_operation::Entity::find()
        .filter(persisted_operation::Column::Sha256.eq(sha256))
        .one(db)
        .await?
        .map(|row| row.document))
}

/// Whether `principal` may run `query`: everyone, except a token limited to persisted
/// operations, which may run registered documents only (`registered`: the document was just
/// taken from the registry, so it needs no second look).
pub async fn allowed(
    db: &impl ConnectionTrait,
    principal: &Principal,
    query: &str,
    registered: bool,
) -> ApiResult<bool> {
    match principal {
        Principal::Partner(partner) if partner.persisted_only && !registered => {
            Ok(document(db, &secrets::digest(query)).await?.is_some())
        }
        _ => Ok(true),
    }
}
