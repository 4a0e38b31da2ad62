//! Domain types of the Verbund register and their validation, shared by the server and the
//! browser app (this crate builds for `wasm32-unknown-unknown`).
//!
//! Nothing here reads a clock: every question about time takes the date it is asked about, so
//! the server, the browser and the tests all get the same answer for the same day.
//!
//! - [`org`], [`service`]: closed sets of organisation kinds and service categories.
//! - [`keys`], [`name`], [`period`]: validated values (official keys, names, date periods).
//! - [`dates`]: month arithmetic of the German Civil Code (BGB §§ 187, 188).
//! - [`contract`]: contract kinds and states, terms, renewals and notice deadlines.
//! - [`calendar`]: public holidays and working days of Mecklenburg-Vorpommern, the day to act
//!   on a deadline and the days to remind of it.
//! - [`berlin`]: wall-clock time in Germany (CET/CEST) without a time-zone database.
//! - [`access`]: staff roles and partner-token scopes.
//! - [`text`]: how long texts and filter lists may be, and which characters they may hold.
//! - [`validate`]: form checks, field by field, for the server and the browser alike.
//! - [`drafts`]: what a form sends to change a record, checked the same in both places.
//! - [`people`]: people in their roles and key figures, and their drafts.
//! - [`refusal`]: every error code of the API with its meaning and HTTP status.
//! - [`said`]: the language the checks' messages are written in (English for the API, the
//!   interface's in the browser).

#[macro_use]
mod code;
#[macro_use]
mod checked;
mod lang;

pub mod access;
pub mod berlin;
pub mod calendar;
pub mod contract;
pub mod dates;
pub mod drafts;
pub mod files;
pub mod keys;
pub mod name;
pub mod org;
pub mod people;
pub mod period;
pub mod record;
pub mod refusal;
pub mod said;
pub mod service;
pub mod text;
pub mod validate;

pub use code::UnknownCode;
pub use lang::Lang;
