//! Sources: where a fact comes from. Public sources disagree on dates and figures, so facts
//! carry the source they were taken from.

use sea_orm::{ActiveModelTrait, ActiveValue::Set, ActiveValue::Unchanged, DatabaseConnection};
use verbund_shared::access::Role;
use verbund_shared::drafts::SourceDraft;

use super::read;
use super::write::{self, Tx};
use crate::auth::access::Access;
use crate::entities::record::RecordType;
use crate::entities::source;
use crate::error::ApiResult;

pub use crate::entities::source::Model as Source;

/// The sources with these ids (any signed-in caller).
pub async fn by_ids(
    db: &DatabaseConnection,
    access: &Access,
    ids: &[i32],
) -> ApiResult<Vec<Source>> {
    read::by_ids::<source::Entity>(db, access, ids).await
}

fn fields(draft: SourceDraft) -> ApiResult<source::ActiveModel> {
    let draft = draft.check()?;
    Ok(source::ActiveModel {
        title: Set(draft.title),
        publisher: Set(draft.publisher),
        url: Set(draft.url),
        published_on: Set(draft.published_on),
        note: Set(draft.note),
        ..Default::default()
    })
}

/// Records a new source.
pub async fn create(
    db: &DatabaseConnection,
    access: &Access,
    draft: SourceDraft,
) -> ApiResult<Source> {
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let row = fields(draft)?.insert(&tx.txn).await?;
    tx.log(
        "createSource",
        RecordType::Source,
        row.id,
        None::<&()>,
        Some(&row),
    )
    .await?;
    tx.commit().await?;
    Ok(row)
}

/// Changes a source.
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    draft: SourceDraft,
) -> ApiResult<Source> {
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let mut active = fields(draft)?;
    let before = write::claim::<source::Entity>(&tx.txn, id, version, "source").await?;
    active.id = Unchanged(id);
    active.version = Unchanged(before.version);
    let after = active.update(&tx.txn).await?;
    tx.log(
        "updateSource",
        RecordType::Source,
        id,
        Some(&before),
        Some(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Deletes a source no record cites.
pub async fn delete(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
) -> ApiResult<()> {
    let tx = Tx::begin(db, access, Role::Editor).await?;
    let before = write::claim::<source::Entity>(&tx.txn, id, version, "source").await?;
    write::delete_unreferenced::<source::Entity>(&tx.txn, id, "source").await?;
    tx.log(
        "deleteSource",
        RecordType::Source,
        id,
        Some(&before),
        None::<&()>,
    )
    .await?;
    tx.commit().await
}
