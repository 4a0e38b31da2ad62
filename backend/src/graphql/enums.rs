//! The API's enums, mirrored from the domain crate so that both always name the same values.

use async_graphql::Enum;
use verbund_shared::{
    contract::{ContractKind as DomainContractKind, ContractStatus as DomainContractStatus},
    org::OrganisationKind as DomainOrganisationKind,
    service::ServiceCategory as DomainServiceCategory,
};

/// What kind of party an organisation is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainOrganisationKind")]
pub enum OrganisationKind {
    /// A district (Landkreis).
    Landkreis,
    /// A town outside any district, including a state capital (Landeshauptstadt).
    KreisfreieStadt,
    /// A town in a district that belongs to no Amt.
    AmtsfreieStadt,
    /// A town whose administration is run by an Amt.
    AmtsangehoerigeStadt,
    /// A municipality that is not a town.
    Gemeinde,
    /// An Amt: the shared administration of several municipalities.
    Amt,
    /// A municipal enterprise without legal personality (Eigenbetrieb).
    Eigenbetrieb,
    /// A company owned by municipalities (Stadtwerke, housing, the zoo, ...).
    MunicipalCompany,
    /// The IT service provider itself.
    ServiceProvider,
    /// A company the provider works with.
    PartnerCompany,
}

/// The kind of a contract.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainContractKind")]
pub enum ContractKind {
    /// A public-law contract (öffentlich-rechtlicher Vertrag), e.g. to found or join the provider.
    PublicLawContract,
    /// A service agreement.
    ServiceAgreement,
    /// A data processing agreement (AVV, Art. 28 GDPR).
    DataProcessingAgreement,
    /// A cooperation agreement with a partner.
    CooperationAgreement,
    /// Any other contract.
    Other,
}

/// Where a contract stands on a date; derived from its dates, never stored.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainContractStatus")]
pub enum ContractStatus {
    /// Not signed (yet).
    Draft,
    /// Signed, not in force yet.
    Signed,
    /// In force.
    InForce,
    /// In force, but notice has been given.
    NoticeGiven,
    /// Ended.
    Ended,
}

/// The category of a service.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "DomainServiceCategory")]
pub enum ServiceCategory {
    /// The complete IT operation of a core administration.
    CoreAdministration,
    /// Workstation support.
    WorkstationSupport,
    /// Hosting.
    Hosting,
    /// Network.
    Network,
    /// A specialist application (Fachanwendung).
    SpecialistApplication,
    /// Procurement.
    Procurement,
    /// School IT.
    SchoolIt,
    /// Anything else.
    Other,
}

/// Sort direction.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Ascending (A → Z, old → new).
    #[default]
    Asc,
    /// Descending.
    Desc,
}

impl From<Direction> for crate::register::page::Direction {
    fn from(direction: Direction) -> Self {
        match direction {
            Direction::Asc => Self::Asc,
            Direction::Desc => Self::Desc,
        }
    }
}
