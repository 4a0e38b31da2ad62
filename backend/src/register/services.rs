//! The service catalogue: the list, and changing entries.

use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Select,
};
use verbund_shared::drafts::ServiceDraft;
use verbund_shared::service::ServiceCategory;

use super::page::{self, Direction, PageRequest, Window};
use super::read;
use super::stored::{Removable, Stored};
use super::write::{self, Tx, Unique};
use crate::auth::access::Access;
use crate::entities::service;
use crate::error::ApiResult;

pub use crate::entities::service::Model as Service;

/// Which services a list holds.
#[derive(Debug, Clone, Default)]
pub struct ServiceQuery {
    pub categories: Vec<ServiceCategory>,
    /// Code, name or vendor contains this (case-insensitive).
    pub search: Option<String>,
}

/// What a service list is ordered by; the id breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ServiceOrder {
    #[default]
    Name,
    Code,
    Category,
}

/// The services `query` holds (`coverage:read`), in no order: what a page of the list and an
/// export read from.
pub fn selection(access: &Access, query: &ServiceQuery) -> ApiResult<Select<service::Entity>> {
    access.may_read::<Service>()?;
    let mut select = read::visible(service::Entity::find(), access);
    if !query.categories.is_empty() {
        select = select
            .filter(service::Column::Category.is_in(query.categories.iter().map(|c| c.as_str())));
    }
    Ok(read::searched(select, query.search.as_deref()))
}

/// One page of the catalogue (`coverage:read`; the catalogue is the provider's offer, the
/// same for every member).
pub async fn list(
    db: &DatabaseConnection,
    access: &Access,
    query: &ServiceQuery,
    order: ServiceOrder,
    direction: Direction,
    page: PageRequest,
) -> ApiResult<(Vec<Service>, Window)> {
    let select = selection(access, query)?;
    let column = match order {
        ServiceOrder::Name => service::Column::Name,
        ServiceOrder::Code => service::Column::Code,
        ServiceOrder::Category => service::Column::Category,
    };
    let select = page::ordered(select, column, service::Column::Id, direction);
    page::fetch(db, select, page).await
}

impl Stored for ServiceDraft {
    type Entity = service::Entity;
    const CREATED: &'static str = "createService";
    const UPDATED: &'static str = "updateService";
    const UNIQUE: Unique = Some((
        "code",
        "Another service has this code.",
        "Eine andere Leistung hat diesen Code.",
    ));

    async fn columns(self, tx: &Tx<'_>, _: Option<&Service>) -> ApiResult<service::ActiveModel> {
        let draft = self.check()?;
        let source_id = tx.source(draft.source).await?;
        Ok(service::ActiveModel {
            code: Set(draft.code),
            name: Set(draft.name),
            category: Set(draft.category.as_str().to_owned()),
            vendor: Set(draft.vendor),
            description: Set(draft.description),
            source_id: Set(source_id),
            ..Default::default()
        })
    }
}

/// A catalogue entry nobody receives (no coverages) may be deleted.
impl Removable for service::Entity {
    const DELETED: &'static str = "deleteService";

    async fn release(tx: &Tx<'_>, before: &Service) -> ApiResult<()> {
        let message = "The service cannot be deleted: coverages refer to it.";
        write::unreferenced(
            &tx.txn,
            before.id,
            before.version,
            &[("coverages", "service_id")],
            message,
        )
        .await
    }
}
