//! Sources: where a fact comes from. Public sources disagree on dates and figures, so facts
//! carry the source they were taken from.

use sea_orm::ActiveValue::Set;
use verbund_shared::drafts::SourceDraft;

use super::stored::{Removable, Stored};
use super::write::Tx;
use crate::entities::source;
use crate::error::ApiResult;

pub use crate::entities::source::Model as Source;

impl Stored for SourceDraft {
    type Entity = source::Entity;
    const CREATED: &'static str = "createSource";
    const UPDATED: &'static str = "updateSource";

    async fn columns(self, _: &Tx<'_>, _: Option<&Source>) -> ApiResult<source::ActiveModel> {
        let draft = self.check()?;
        Ok(source::ActiveModel {
            title: Set(draft.title),
            publisher: Set(draft.publisher),
            url: Set(draft.url),
            published_on: Set(draft.published_on),
            note: Set(draft.note),
            ..Default::default()
        })
    }
}

/// A source no record cites may be deleted (the database's foreign keys tell).
impl Removable for source::Entity {
    const DELETED: &'static str = "deleteSource";

    async fn release(_: &Tx<'_>, _: &Source) -> ApiResult<()> {
        Ok(())
    }
}
