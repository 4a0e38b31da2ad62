//! How each draft is stored and each record removed, so that creating, changing and deleting
//! are written once for every record type: a domain says which columns its draft sets
//! ([`Stored`]) and what must hold before a record goes ([`Removable`]); [`create`],
//! [`update`] and [`delete`] do the rest through [`Edit`].

use std::future::Future;

use sea_orm::{DatabaseConnection, EntityTrait, ModelTrait};

use super::write::{Edit, Editable, Tx, Unique};
use crate::auth::access::Access;
use crate::error::ApiResult;

/// The record a draft becomes.
pub type RecordOf<D> = <<D as Stored>::Entity as EntityTrait>::Model;

/// A draft the register stores as a record of [`Stored::Entity`].
pub trait Stored: Send + Sized {
    type Entity: Editable;
    /// The audit entry's operation when a record is created from the draft.
    const CREATED: &'static str;
    /// The audit entry's operation when a record is changed to the draft.
    const UPDATED: &'static str;
    /// The unique key the draft may run into, if any.
    const UNIQUE: Unique = None;

    /// The checked draft as the columns it sets, within the change's transaction; `before` is
    /// the record as it is when the draft changes one.
    fn columns(
        self,
        tx: &Tx<'_>,
        before: Option<&RecordOf<Self>>,
    ) -> impl Future<Output = ApiResult<<Self::Entity as EntityTrait>::ActiveModel>> + Send;
}

/// A record that may be deleted once nothing depends on it.
pub trait Removable: Editable {
    /// The audit entry's operation.
    const DELETED: &'static str;

    /// Fails (usually with `CONFLICT`) while something depends on the record; may also remove
    /// what goes with it (a contract's parties), in the same transaction.
    fn release(tx: &Tx<'_>, before: &Self::Model) -> impl Future<Output = ApiResult<()>> + Send;
}

/// Records a new record from `draft` (the editor role).
pub async fn create<D: Stored>(
    db: &DatabaseConnection,
    access: &Access,
    draft: D,
) -> ApiResult<RecordOf<D>> {
    Edit::editor(db, access)
        .create::<D::Entity>(
            D::CREATED,
            async |tx| draft.columns(tx, None).await,
            D::UNIQUE,
        )
        .await
}

/// Changes the record `id`, based on `version`, to `draft` (the editor role).
pub async fn update<D: Stored>(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    draft: D,
) -> ApiResult<RecordOf<D>> {
    Edit::editor(db, access)
        .update::<D::Entity>(
            D::UPDATED,
            id,
            version,
            async |tx, before| draft.columns(tx, Some(before)).await,
            D::UNIQUE,
        )
        .await
}

/// Deletes the record `id` of type `M`, based on `version`, once nothing depends on it (the
/// editor role).
pub async fn delete<M>(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
) -> ApiResult<()>
where
    M: ModelTrait<Entity: Removable>,
{
    Edit::editor(db, access)
        .delete::<M::Entity>(
            <M::Entity as Removable>::DELETED,
            id,
            version,
            async |tx, before| <M::Entity as Removable>::release(tx, before).await,
        )
        .await
}
