//! Talking to the server: the typed operations ([`ops`]), the one function that sends them
//! ([`client::request`]) and the reactive hook pages use to load them ([`load`]). Answers
//! are read from a JSON tree by a lean deserializer ([`tree`], [`node`]): decoding code is the
//! largest part of the wasm that the app itself adds.

mod client;
pub mod load;
pub mod node;
pub mod ops;
pub mod tree;

pub use client::{ApiError, call, request, write_json};
pub use load::{Loaded, load, load_with};
pub use node::NodeOf;
