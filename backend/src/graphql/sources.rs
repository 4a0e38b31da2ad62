//! Sources: where a fact comes from. Public sources disagree on dates and figures, so facts
//! carry the source they were taken from. The `Source` type and its mutations.

use async_graphql::{Context, InputObject, Object};
use verbund_shared::drafts::SourceDraft;

use super::loaders::{self, SourceId};
use super::object::{record_mutations, record_object};
use super::pagination::{Page, page_of, paged_object};
use super::scalars::Date;
use crate::error::ApiResult;
use crate::register::sources::{self as register, Source as Row};

/// Where a fact comes from: an article, a notice, a register.
#[derive(Debug, Clone)]
pub struct Source(pub Row);

impl From<Row> for Source {
    fn from(row: Row) -> Self {
        Self(row)
    }
}

record_object! {
    #[async_graphql::Object]
    /// Where a fact comes from: an article, a notice, a register.
    impl Source as Source, id = |this| this.0.id;
    history(first, after, last, before) =
        "crate::graphql::pagination::page_cost(first, last, child_complexity)";
    {
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

        /// When it was read, when known: a web page can change after it was published.
        async fn accessed_on(&self) -> Option<Date> {
            self.0.accessed_on.map(Into::into)
        }

        /// Remarks, e.g. where it disagrees with other sources.
        async fn note(&self) -> Option<&str> {
            self.0.note.as_deref()
        }
    }
}

/// The source a record points at, if any.
pub async fn source_of(ctx: &Context<'_>, id: Option<i32>) -> ApiResult<Option<Source>> {
    match id {
        Some(id) => Ok(Some(Source(loaders::one(ctx, SourceId(id)).await?))),
        None => Ok(None),
    }
}

/// Narrows the source list.
#[derive(InputObject, Debug, Default)]
pub struct SourceFilter {
    /// Title or publisher contains this (case-insensitive).
    search: Option<String>,
}

/// The root for sources.
#[derive(Debug, Default)]
pub struct SourceRoot;

paged_object! {
    #[Object]
    impl SourceRoot {
        /// Every source, by title: what a record's facts can be said to come from.
        #[graphql(complexity = "super::pagination::page_cost(first, None, child_complexity)")]
        paged(first, after) as args
        async fn sources(
            &self,
            ctx: &Context<'_>,
            filter: Option<SourceFilter>
        ) -> ApiResult<Page<Source>> {
            let page = args.counted(ctx)?;
            let search = super::filters::search(filter.unwrap_or_default().search)?;
            let (db, access) = (super::db(ctx), super::access(ctx));
            let found = register::list(db, access, search.as_deref(), page).await?;
            Ok(page_of(found, Source))
        }
    }
}

/// A source's fields.
#[derive(Debug, InputObject)]
pub struct SourceInput {
    /// The title.
    title: String,
    /// Who published it.
    publisher: Option<String>,
    /// Where it can be read (http or https).
    url: Option<String>,
    /// When it was published.
    published_on: Option<Date>,
    /// When it was read; not before it was published.
    accessed_on: Option<Date>,
    /// A note.
    note: Option<String>,
}

impl SourceInput {
    fn draft(self) -> ApiResult<SourceDraft> {
        Ok(SourceDraft {
            title: self.title,
            publisher: self.publisher,
            url: self.url,
            published_on: self.published_on.map(|d| d.0),
            accessed_on: self.accessed_on.map(|d| d.0),
            note: self.note,
        })
    }
}

/// The mutations of sources.
#[derive(Debug, Default)]
pub struct SourceMutation;

record_mutations! {
    #[async_graphql::Object]
    impl SourceMutation for Source as Source {
        /// Records a new source.
        create create_source(SourceInput);
        /// Changes a source.
        update update_source(SourceInput);
        /// Deletes a source no record cites. Returns its ID.
        delete delete_source(Row);
    }
}
