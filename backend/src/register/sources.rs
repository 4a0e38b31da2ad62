//! Sources: where a fact comes from. Public sources disagree on dates and figures, so facts
//! carry the source they were taken from.

use sea_orm::{ActiveValue::Set, DatabaseConnection};
use verbund_shared::drafts::SourceDraft;

use super::write::Edit;
use crate::auth::access::Access;
use crate::entities::source;
use crate::error::ApiResult;

pub use crate::entities::source::Model as Source;

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
    Edit::editor(db, access)
        .create::<source::Entity>("createSource", async |_| fields(draft), None)
        .await
}

/// Changes a source.
pub async fn update(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
    draft: SourceDraft,
) -> ApiResult<Source> {
    let fields = fields(draft)?;
    Edit::editor(db, access)
        .update::<source::Entity>("updateSource", id, version, async |_, _| Ok(fields), None)
        .await
}

/// Deletes a source no record cites.
pub async fn delete(
    db: &DatabaseConnection,
    access: &Access,
    id: i32,
    version: i32,
) -> ApiResult<()> {
    Edit::editor(db, access)
        .delete::<source::Entity>("deleteSource", id, version, async |_, _| Ok(()))
        .await
}
