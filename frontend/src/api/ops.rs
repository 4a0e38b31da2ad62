//! The typed GraphQL operations of the app. Each one is a file in `frontend/queries/`, checked
//! against `backend/schema.graphql` when this crate compiles: a field the server does not
//! have, or a wrong argument, fails the build.
//!
//! Enums the domain crate knows (organisation kinds, contract kinds and statuses, service
//! categories, notice dates) decode straight into `verbund_shared`'s types, whose `label(Lang)`
//! gives their German and English names.

use graphql_client::GraphQLQuery;
use serde_json::Value;

use super::{
    node::{self, NodeOf},
    tree::{Mismatch, Tree},
};

// Read by the generated modules through `use super::*`.
pub use verbund_shared::{
    contract::{ContractKind, ContractStatus, NoticeTo},
    org::OrganisationKind,
    service::ServiceCategory,
};

/// What a key figure counts (`Metric` in the schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Metric {
    Staff,
    Workstations,
    SpecialistApplications,
    /// A metric newer than this app.
    #[serde(other)]
    Other,
}

/// How exact a key figure is (`Qualifier` in the schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Qualifier {
    Exact,
    MoreThan,
    About,
    /// A qualifier newer than this app.
    #[serde(other)]
    Other,
}

/// How a contract renews (`RenewalKind` in the schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RenewalKind {
    None,
    Tacit,
    Express,
    /// A rule newer than this app.
    #[serde(other)]
    Other,
}

/// `Date`: an ISO day (`2019-01-01`), kept as text until shown.
pub type Date = String;
/// `DateTime`: RFC 3339 text. No operation selects one yet (they only matter for editing).
#[allow(dead_code)]
pub type DateTime = String;
/// `Decimal`: money as text, so that no float rounds it.
pub type Decimal = String;

/// Declares an operation: its file in `frontend/queries/`, checked against the schema, with
/// the domain crate's enums and the app's own ones decoded in place.
// `$file:tt`, not `:literal`: the derive reads `query_path` only from a bare literal token.
macro_rules! operation {
    ($(#[$doc:meta])* $name:ident = $file:tt) => {
        $(#[$doc])*
        #[derive(GraphQLQuery, Debug)]
        #[graphql(
            schema_path = "../backend/schema.graphql",
            query_path = $file,
            response_derives = "Debug, Clone, PartialEq",
            variables_derives = "Debug, Clone, PartialEq",
            extern_enums(
                "OrganisationKind",
                "ContractKind",
                "ContractStatus",
                "NoticeTo",
                "ServiceCategory",
                "Metric",
                "Qualifier",
                "RenewalKind"
            ),
            skip_serializing_none
        )]
        pub struct $name;
    };
}

operation! {
    /// The start page's figures, deadlines and membership history.
    Dashboard = "queries/dashboard.graphql"
}

operation! {
    /// The members on a date.
    Members = "queries/members.graphql"
}

operation! {
    /// One organisation in full.
    Member = "queries/member.graphql"
}

operation! {
    /// Contracts on a date.
    Contracts = "queries/contracts.graphql"
}

operation! {
    /// One contract in full.
    Contract = "queries/contract.graphql"
}

operation! {
    /// The service catalogue.
    Services = "queries/services.graphql"
}

operation! {
    /// One service and its recipients.
    Service = "queries/service.graphql"
}

operation! {
    /// One page of coverage on a date.
    Coverage = "queries/coverage.graphql"
}

/// An operation and the data its answer decodes into.
pub trait Operation: GraphQLQuery {
    /// Usually the generated `ResponseData`; [`NodeOf`] for `node(id:)` queries.
    type Data: Send + Sync + 'static;

    /// Reads the answer's `data` object.
    fn decode(data: &Value) -> Result<Self::Data, Mismatch>;
}

/// Operations whose data is their generated `ResponseData`.
macro_rules! plain {
    ($($op:ident => $data:ty;)*) => {
        $(impl Operation for $op {
            type Data = $data;

            fn decode(data: &Value) -> Result<Self::Data, Mismatch> {
                <$data as serde::Deserialize>::deserialize(Tree(data))
            }
        })*
    };
}

/// `node(id:)` operations: the record of one type.
macro_rules! node {
    ($($op:ident => $record:ty, $typename:literal;)*) => {
        $(impl Operation for $op {
            type Data = NodeOf<$record>;

            fn decode(data: &Value) -> Result<Self::Data, Mismatch> {
                node::decode(data, $typename)
            }
        })*
    };
}

plain! {
    Dashboard => dashboard::ResponseData;
    Members => members::ResponseData;
    Contracts => contracts::ResponseData;
    Services => services::ResponseData;
    Coverage => coverage::ResponseData;
}

node! {
    Member => member::MemberNodeOnOrganisation, "Organisation";
    Contract => contract::ContractNodeOnContract, "Contract";
    Service => service::ServiceNodeOnService, "Service";
}
