//! The API's record types as values: each wraps the register's record it shows. Their fields
//! and relations are resolved in their domain's module (`organisations`, `contracts`,
//! `coverages`, `catalogue`, `desk`); the types live here, below all of them, because they
//! name one another: an organisation's contracts, a contract's coverages, a coverage's
//! organisation.

use std::sync::{Arc, OnceLock};

use verbund_shared::contract::ContractDates;

use crate::register;

/// A party: a district, a town, an Amt, an Eigenbetrieb, a company, the provider itself.
#[derive(Debug, Clone)]
pub struct Organisation(pub register::organisations::Organisation);

/// An organisation's membership (Trägerschaft) in the provider for a period.
#[derive(Debug, Clone)]
pub struct Membership(pub register::memberships::Membership);

/// A contract: a public-law contract to join, a service agreement, a data processing
/// agreement, a cooperation agreement. Its status follows from its dates.
#[derive(Debug, Clone)]
pub struct Contract {
    pub(super) row: Arc<register::contracts::Contract>,
    /// Worked out when a field first needs it: a list that shows titles only never does.
    pub(super) dates: OnceLock<ContractDates>,
}

/// Which organisation receives which service, under which contract, when, and how much.
#[derive(Debug, Clone)]
pub struct Coverage {
    pub row: register::coverages::Coverage,
    /// Its service, when it was read along with it.
    pub(super) service: Option<Arc<register::services::Service>>,
}

/// An entry of the provider's service catalogue.
#[derive(Debug, Clone)]
pub struct Service(pub Arc<register::services::Service>);

/// A deadline of a contract as a task of the desk. Partner tokens see its days and state;
/// owner, outcome, note and who decided are for staff only (null for tokens).
#[derive(Debug, Clone)]
pub struct Deadline(pub register::desk::Deadline);

/// One day on which people are reminded of a deadline.
#[derive(Debug, Clone)]
pub struct Reminder(pub register::desk::Reminder);
