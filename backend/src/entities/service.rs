//! An entry of the provider's service catalogue.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub name: String,
    pub category: String,
    pub vendor: Option<String>,
    pub description: Option<String>,
    pub source_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

crate::rows::decode_model!(Model {
    id,
    code,
    name,
    category,
    vendor,
    description,
    source_id,
    created_at,
    updated_at,
    version,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

super::bookkeeping!();
