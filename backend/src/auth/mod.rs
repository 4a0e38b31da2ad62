//! Who a request comes from and what it may do, without touching the database: the caller
//! and its rights ([`access`]), the visibility rule of each record type ([`visible`]),
//! password hashing ([`password`]), secrets and their digests ([`secrets`]), the session
//! cookie ([`cookies`]) and the callers' cost budgets ([`budget`]). Credentials are looked up
//! by the register (`register::accounts`, `register::tokens`).

pub mod access;
pub mod budget;
pub mod cookies;
pub mod password;
pub mod secrets;
pub mod visible;
