//! The register: every rule about the register's records, every transaction, audit entry and
//! SQL statement. One module per domain; each function takes typed inputs (the domain crate's
//! drafts and plain values), the caller's [`Access`](crate::auth::access::Access) and the
//! database, and returns records. It knows nothing of GraphQL or HTTP: the API above it
//! translates arguments and wraps what it returns.
//!
//! - [`organisations`], [`memberships`], [`contracts`], [`services`], [`coverages`],
//!   [`sources`], [`people`]: the records, their lists and their changes.
//! - [`desk`]: the deadline desk: each contract's deadlines as tasks, their reminders and
//!   decisions, the inbox of each account, and the scheduler's work.
//! - [`search`]: one search over organisations, contracts, services, people and sources.
//! - [`units`]: a member's own organisations, the one rule behind member limits and totals.
//! - [`totals`]: members, workstations and users counted on a date.
//! - [`accounts`], [`tokens`], [`persisted`]: staff accounts and sessions, partner tokens,
//!   registered operations; [`budgets`]: the callers' hourly cost budgets; [`revocations`]:
//!   revoked tokens and ended sessions told to every server; [`notices`]: what servers on
//!   one PostgreSQL database tell each other; [`leaving`]: which members' views a change
//!   takes its record out of.
//! - [`audit`]: the history every change writes; [`feed`]: the same changes in commit order
//!   for partner systems; [`live`]: the same changes to subscribers as they are committed;
//!   [`write`]: what every change shares;
//!   [`stored`]: how each draft is stored and each record removed;
//!   [`read`]: what every read shares; [`page`]: pages of a list; [`export`]: whole lists
//!   in batches.

pub mod accounts;
pub mod audit;
pub mod bounds;
pub mod budgets;
pub mod contracts;
pub mod coverages;
pub mod desk;
pub mod export;
pub mod feed;
pub mod import;
pub mod leaving;
pub mod live;
pub mod memberships;
pub mod notices;
pub mod organisations;
pub mod page;
pub mod people;
pub mod persisted;
pub mod read;
pub mod reports;
pub mod revocations;
pub mod search;
pub mod services;
pub mod sources;
pub mod stored;
pub mod tokens;
pub mod totals;
pub mod units;
pub mod write;

pub use crate::entities::record::{Cell, Named, Record, RecordType};
pub use crate::entities::rows::Columns;

/// The database the register works on.
pub type Db = sea_orm::DatabaseConnection;
