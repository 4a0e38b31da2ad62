//! Sources: where a fact comes from. Public sources disagree on dates and figures, so facts
//! carry the source they were taken from.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Select,
};
use verbund_shared::drafts::SourceDraft;

use super::page::{self, Direction, PageRequest, Window};
use super::read;
use super::stored::{Removable, Stored};
use super::write::{self, Tx};
use crate::auth::access::Access;
use crate::entities::source;
use crate::error::ApiResult;

pub use crate::entities::source::Model as Source;

/// The title of the source that marks the sample data of a demonstration (`--demo`).
pub const SAMPLE_SOURCE: &str = "Beispieldaten für die Vorführung";

/// The samples' source, if the register holds one.
pub async fn sample_source(db: &impl ConnectionTrait) -> ApiResult<Option<Source>> {
    Ok(source::Entity::find()
        .filter(source::Column::Title.eq(SAMPLE_SOURCE))
        .one(db)
        .await?)
}

/// Whether the register holds sample data: the samples' source stays while any record cites
/// it (`verbund demo clear` removes it with the last).
pub async fn samples_present(db: &impl ConnectionTrait) -> ApiResult<bool> {
    Ok(sample_source(db).await?.is_some())
}

/// The sources whose title or publisher contains `search` (all without one), in no order:
/// what a page of the list and the register's search read from. Every signed-in caller
/// reads them: a source is the same for every member.
pub fn selection(access: &Access, search: Option<&str>) -> ApiResult<Select<source::Entity>> {
    access.may_read::<Source>()?;
    Ok(read::searched(
        read::visible(source::Entity::find(), access),
        search,
    ))
}

/// One page of the sources, by title; with `search`, only those whose title or publisher
/// contains it.
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    search: Option<&str>,
    page: PageRequest,
) -> ApiResult<(Vec<Source>, Window)> {
    let select = selection(access, search)?;
    let select = page::ordered(
        select,
        source::Column::Title,
        source::Column::Id,
        Direction::Asc,
    );
    page::fetch(db, select, page).await
}

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
            accessed_on: Set(draft.accessed_on),
            note: Set(draft.note),
            ..Default::default()
        })
    }
}

/// A source no record cites may be deleted.
impl Removable for source::Entity {
    const DELETED: &'static str = "deleteSource";

    async fn release(tx: &Tx<'_>, before: &Source) -> ApiResult<()> {
        let citing = [
            ("organisations", "source_id"),
            ("memberships", "source_id"),
            ("contracts", "source_id"),
            ("services", "source_id"),
            ("coverages", "source_id"),
            ("people", "source_id"),
            ("key_figures", "source_id"),
        ];
        let message = "The source cannot be deleted: records cite it.";
        write::unreferenced(&tx.txn, before.id, before.version, &citing, message).await
    }
}
