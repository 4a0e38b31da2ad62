//! A person named in a role at an organisation.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "people")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub name: String,
    pub role: String,
    pub since: Option<Date>,
    pub until: Option<Date>,
    pub source_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

crate::rows::decode_model!(Model {
    id,
    organisation_id,
    name,
    role,
    since,
    until,
    source_id,
    created_at,
    updated_at,
    version,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

super::bookkeeping!();
