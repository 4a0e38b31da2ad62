//! One module per page; each page has its own URL, a loading, an empty and an error state.

pub mod account;
pub mod admin;
pub mod contract;
mod contract_edit;
mod contract_parties;
mod contract_renew;
pub mod contracts;
pub mod coverage;
mod coverage_edit;
pub mod dashboard;
pub mod desk;
pub mod import;
pub mod login;
pub mod member;
mod member_edit;
pub mod members;
mod membership_edit;
pub mod not_found;
mod people_edit;
pub mod search;
pub mod service;
mod service_edit;
pub mod services;
pub mod source;
pub mod tree;
