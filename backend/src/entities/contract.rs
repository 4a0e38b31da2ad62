//! A contract with its dates and term rules; its status is derived, never stored.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
#[sea_orm(table_name = "contracts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub number: Option<String>,
    pub title: String,
    pub kind: String,
    pub signed_on: Option<Date>,
    pub effective_from: Option<Date>,
    pub initial_term_months: Option<i32>,
    pub initial_term_until: Option<Date>,
    pub renewal: String,
    pub renewal_months: Option<i32>,
    pub notice_months: Option<i32>,
    pub notice_to: Option<String>,
    pub notice_given_on: Option<Date>,
    pub ended_on: Option<Date>,
    pub source_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

crate::rows::decode_model!(Model {
    id,
    number,
    title,
    kind,
    signed_on,
    effective_from,
    initial_term_months,
    initial_term_until,
    renewal,
    renewal_months,
    notice_months,
    notice_to,
    notice_given_on,
    ended_on,
    source_id,
    created_at,
    updated_at,
    version,
});

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

super::bookkeeping!();
