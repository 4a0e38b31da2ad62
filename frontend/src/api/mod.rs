//! Talking to the server: the app's GraphQL documents ([`ops`]), the one function that sends
//! them ([`call`]), reading answers from JSON ([`read`], [`node`]) and the reactive hook pages
//! use to load them ([`load`]).

mod answer;
mod client;
pub mod load;
pub mod node;
pub mod ops;
pub mod read;

pub use answer::{ApiError, answer};
pub use client::{call, heard, post, write_json};
pub use load::{Loaded, load, load_node, load_with};
pub use node::NodeOf;
pub use read::Read;
