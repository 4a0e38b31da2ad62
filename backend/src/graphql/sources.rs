//! Sources: where a fact comes from. Public sources disagree on dates and figures, so facts
//! carry the source they were taken from.

use async_graphql::{Context, ID, Object};

use super::ids::{self, NodeType};
use super::loaders::{self, SourceId};
use super::scalars::Date;
use crate::entities::source;
use crate::error::ApiResult;

/// Where a fact comes from: an article, a notice, a register.
#[derive(Debug, Clone)]
pub struct Source(pub source::Model);

#[Object]
impl Source {
    /// Its changes, newest first (staff only).
    #[graphql(complexity = "super::pagination::page_cost(first, last, child_complexity)")]
    async fn history(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> ApiResult<super::pagination::Page<super::history::HistoryEntry>> {
        super::history::of(
            ctx,
            NodeType::Source,
            self.0.id,
            super::pagination::PageArgs::new(first, after, last, before),
        )
        .await
    }

    /// The global ID.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Source, self.0.id)
    }

    /// The title of the article, notice or register.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Who published it, when known.
    async fn publisher(&self) -> Option<&str> {
        self.0.publisher.as_deref()
    }

    /// The record's version; it grows with every change.
    async fn version(&self) -> i32 {
        self.0.version
    }

    /// Where it can be read, when known.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }

    /// When it was published, when known.
    async fn published_on(&self) -> Option<Date> {
        self.0.published_on.map(Into::into)
    }

    /// Remarks, e.g. where it disagrees with other sources.
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
}

/// The source a record points at, if any.
pub async fn source_of(ctx: &Context<'_>, id: Option<i32>) -> ApiResult<Option<Source>> {
    match id {
        Some(id) => Ok(Some(Source(loaders::one(ctx, SourceId(id)).await?))),
        None => Ok(None),
    }
}
