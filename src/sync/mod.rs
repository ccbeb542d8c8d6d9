//! Team sync through CouchDB (docs/sync.md): the workspace as one document per record,
//! this browser's waiting changes, the three-way merge with other people's, and the
//! HTTP calls. Everything but `remote` is plain Rust, tested natively.

pub mod apply;
pub mod config;
pub mod design;
pub mod diff;
pub mod documents;
pub mod incoming;
pub mod merge;
pub mod outbox;
pub mod protocol;
pub mod push;
pub mod reading;
pub mod remote;
pub mod replica;
pub mod stored;

#[cfg(test)]
mod tests;

pub use config::{ConfigError, TeamConfig};
pub use protocol::SyncError;
