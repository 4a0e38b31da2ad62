//! The app's GraphQL documents, one file each in `frontend/queries/`; field lists that several
//! documents ask for are fragments in `frontend/queries/fragments/`, which `build.rs` appends
//! to each document that spreads them. They are sent as text (without comments and blanks)
//! through [`super::call`] and their answers read from JSON ([`super::read`]); the tests of
//! this crate check every operation, fragments included, against `backend/schema.graphql` at
//! compile time, so a field the server does not have, or a wrong argument, fails `cargo test`.

/// The start page's figures, deadlines and membership history.
pub static DASHBOARD: &str = include_str!(concat!(env!("OUT_DIR"), "/dashboard.graphql"));
/// The members on a date.
pub static MEMBERS: &str = include_str!(concat!(env!("OUT_DIR"), "/members.graphql"));
/// One level of the organisation tree on a date.
pub static TREE: &str = include_str!(concat!(env!("OUT_DIR"), "/tree.graphql"));
/// One organisation in full.
pub static MEMBER: &str = include_str!(concat!(env!("OUT_DIR"), "/member.graphql"));
/// Contracts on a date.
pub static CONTRACTS: &str = include_str!(concat!(env!("OUT_DIR"), "/contracts.graphql"));
/// One contract in full.
pub static CONTRACT: &str = include_str!(concat!(env!("OUT_DIR"), "/contract.graphql"));
/// The service catalogue.
pub static SERVICES: &str = include_str!(concat!(env!("OUT_DIR"), "/services.graphql"));
/// One service and its recipients.
pub static SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/source.graphql"));
pub static SERVICE: &str = include_str!(concat!(env!("OUT_DIR"), "/service.graphql"));
/// One page of coverage on a date.
pub static COVERAGE: &str = include_str!(concat!(env!("OUT_DIR"), "/coverage.graphql"));
/// Who is signed in; signing in and out.
pub static AUTH: &str = include_str!(concat!(env!("OUT_DIR"), "/auth.graphql"));
/// The forms, the organisations they choose from, and a record's history.
pub static EDIT: &str = include_str!(concat!(env!("OUT_DIR"), "/edit.graphql"));
/// The deadline desk.
pub static DESK: &str = include_str!(concat!(env!("OUT_DIR"), "/desk.graphql"));
/// The signed-in account's inbox.
pub static INBOX: &str = include_str!(concat!(env!("OUT_DIR"), "/inbox.graphql"));
/// The signed-in account: its mail address and calendar feed.
pub static ACCOUNT: &str = include_str!(concat!(env!("OUT_DIR"), "/account.graphql"));
/// The administration pages.
pub static ADMIN: &str = include_str!(concat!(env!("OUT_DIR"), "/admin.graphql"));
/// The search over the whole register.
pub static SEARCH: &str = include_str!(concat!(env!("OUT_DIR"), "/search.graphql"));
/// The live feed of changes, over the app's one WebSocket (see [`crate::live`]).
pub static LIVE: &str = include_str!(concat!(env!("OUT_DIR"), "/live.graphql"));

/// Every operation, checked against the schema when the tests compile. Only the check is
/// wanted: none of this reaches the wasm.
#[cfg(test)]
#[allow(dead_code)]
mod checked {
    use graphql_client::GraphQLQuery;

    pub use verbund_shared::{
        contract::{ContractKind, ContractStatus, NoticeTo},
        org::OrganisationKind,
        service::ServiceCategory,
    };

    /// The schema's enums that the domain crate does not know; the derive wants a type.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Metric {
        Staff,
        Workstations,
        SpecialistApplications,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum Qualifier {
        Exact,
        MoreThan,
        About,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    pub enum RenewalKind {
        None,
        Tacit,
        Express,
    }

    pub type Date = String;
    pub type DateTime = String;
    pub type Decimal = String;

    // `$file:tt`, not `:literal`: the derive reads `query_path` only from a bare literal.
    macro_rules! checked {
        ($($name:ident = $file:tt;)*) => {
            $(
                #[derive(GraphQLQuery)]
                #[graphql(
                    schema_path = "../backend/schema.graphql",
                    query_path = $file,
                    extern_enums(
                        "OrganisationKind",
                        "ContractKind",
                        "ContractStatus",
                        "NoticeTo",
                        "ServiceCategory",
                        "Metric",
                        "Qualifier",
                        "RenewalKind"
                    )
                )]
                pub struct $name;
            )*
        };
    }

    // Every operation of every document, with the shared fragments it spreads: `build.rs`
    // writes the list and the documents.
    include!(concat!(env!("OUT_DIR"), "/checked.rs"));
}
