//! An organisation's membership (Trägerschaft) in the provider for a period.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "memberships")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub joined_on: Date,
    pub left_on: Option<Date>,
    pub founding: bool,
    pub contract_id: Option<i32>,
    pub capital_share_cents: Option<i64>,
    pub seats: Option<i32>,
    pub council_decision_on: Option<Date>,
    pub contract_signed_on: Option<Date>,
    pub legal_effect_on: Option<Date>,
    pub it_takeover_on: Option<Date>,
    pub source_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

crate::rows::decode_model!(Model {
    id,
    organisation_id,
    joined_on,
    left_on,
    founding,
    contract_id,
    capital_share_cents,
    seats,
    council_decision_on,
    contract_signed_on,
    legal_effect_on,
    it_takeover_on,
    source_id,
    created_at,
    updated_at,
    version,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

super::bookkeeping!();
