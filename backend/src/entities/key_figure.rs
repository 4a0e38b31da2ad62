//! A figure an organisation is known by (staff, workstations, applications) on a date.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "key_figures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub metric: String,
    pub value: i64,
    pub qualifier: String,
    pub as_of: Date,
    pub source_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

crate::rows::decode_model!(Model {
    id,
    organisation_id,
    metric,
    value,
    qualifier,
    as_of,
    source_id,
    created_at,
    updated_at,
    version,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

super::bookkeeping!();
