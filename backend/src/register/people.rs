//! People named in a role at an organisation, and the key figures an organisation is known by.

use std::collections::HashMap;

use sea_orm::DatabaseConnection;

use super::read;
use crate::auth::access::Access;
use crate::entities::{key_figure, person};
use crate::error::ApiResult;

pub use crate::entities::key_figure::Model as KeyFigure;
pub use crate::entities::person::Model as Person;

/// The people with these ids that the caller may see.
pub async fn people_by_ids(
    db: &DatabaseConnection,
    access: &Access,
    ids: &[i32],
) -> ApiResult<Vec<Person>> {
    read::by_ids::<person::Entity>(db, access, ids).await
}

/// The people of each of these organisations, by name.
pub async fn people_of(
    db: &DatabaseConnection,
    access: &Access,
    organisations: &[i32],
) -> ApiResult<HashMap<i32, Vec<Person>>> {
    read::grouped::<person::Entity>(
        db,
        access,
        person::Column::OrganisationId,
        organisations,
        &[person::Column::Name, person::Column::Id],
        |row| Some(row.organisation_id),
    )
    .await
}

/// The key figures with these ids that the caller may see.
pub async fn figures_by_ids(
    db: &DatabaseConnection,
    access: &Access,
    ids: &[i32],
) -> ApiResult<Vec<KeyFigure>> {
    read::by_ids::<key_figure::Entity>(db, access, ids).await
}

/// The key figures of each of these organisations, by metric and date.
pub async fn figures_of(
    db: &DatabaseConnection,
    access: &Access,
    organisations: &[i32],
) -> ApiResult<HashMap<i32, Vec<KeyFigure>>> {
    read::grouped::<key_figure::Entity>(
        db,
        access,
        key_figure::Column::OrganisationId,
        organisations,
        &[
            key_figure::Column::Metric,
            key_figure::Column::AsOf,
            key_figure::Column::Id,
        ],
        |row| Some(row.organisation_id),
    )
    .await
}
