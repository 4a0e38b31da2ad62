//! Which organisation receives which service, under which contract, when and how much.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "coverages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub contract_id: Option<i32>,
    pub service_id: i32,
    pub organisation_id: i32,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub workstations: Option<i32>,
    pub users: Option<i32>,
    pub source_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

crate::rows::decode_model!(Model {
    id,
    contract_id,
    service_id,
    organisation_id,
    starts_on,
    ends_on,
    workstations,
    users,
    source_id,
    created_at,
    updated_at,
    version,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::service::Entity",
        from = "Column::ServiceId",
        to = "super::service::Column::Id"
    )]
    Service,
}

impl Related<super::service::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Service.def()
    }
}

super::bookkeeping!();
