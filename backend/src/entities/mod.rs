//! SeaORM entities: the tables as the backend sees them. They never leave the backend; the
//! GraphQL types in `graphql/` are separate structs.

pub mod contract;
pub mod contract_party;
pub mod coverage;
pub mod key_figure;
pub mod membership;
pub mod organisation;
pub mod person;
pub mod service;
pub mod source;
