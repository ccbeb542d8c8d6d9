//! Persistence of the workspace: a small key-value trait (local storage in the
//! browser, memory in native tests), the versioned codec and the repository that
//! never overwrites what it cannot read.

mod backups;
pub mod browser;
pub mod codec;
pub mod compression;
mod csv_mappings;
pub mod memory;
pub mod parts;
pub mod recovery;
pub mod repository;
mod scenarios;
mod usage;

pub use codec::{decode, encode, encode_for_storage, DecodeError, SCHEMA_VERSION};
pub use memory::MemoryStore;
pub use repository::{Loaded, Repository, SaveError};
pub use scenarios::ScenarioError;

use thiserror::Error;

/// What a key-value store can fail with, as the browser reports it.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StoreError {
    #[error("the browser's storage is full")]
    QuotaExceeded,
    #[error("the browser's storage is not available ({0})")]
    Unavailable(String),
    /// Another tab stored data this build cannot read (a newer Pipewright, or damage):
    /// it is never overwritten.
    #[error("another tab stored data this version cannot read ({0}); export your work from Settings, then reload this tab")]
    UnreadableByThisVersion(String),
}

/// The few operations the app needs from local storage.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key, for listing backups and measuring usage.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// The length of a value in UTF-16 units (what the browser's quota counts).
    fn units(&self, key: &str) -> Result<Option<usize>, StoreError> {
        Ok(self.get(key)?.map(|v| v.encode_utf16().count()))
    }
}

/// Storage keys; all start with the app's prefix so usage can be measured.
pub mod keys {
    pub const PREFIX: &str = "pipewright.";
    pub const WORKSPACE: &str = "pipewright.workspace";
    pub const REVISION: &str = "pipewright.revision";
    pub const BACKUP_PREFIX: &str = "pipewright.backup.";
    pub const SCENARIO_PREFIX: &str = "pipewright.scenario.";
    /// A CSV column mapping, by the file's headers: `pipewright.csv-mapping.<hash>`.
    pub const CSV_MAPPING_PREFIX: &str = "pipewright.csv-mapping.";
    /// One part of the workspace, written under a new key by each save that changes
    /// it: `pipewright.part.<part>.<revision>`.
    pub const PART_PREFIX: &str = "pipewright.part.";
}
