//! Loads and saves the workspace in a key-value store without ever losing data:
//! unreadable data is kept (and can be backed up), and a save never overwrites a
//! newer revision written by another tab.

use super::codec::{decode, encode_for_storage, DecodeError};
use super::{keys, KeyValueStore, StoreError};
use crate::domain::Workspace;
use thiserror::Error;

/// What was found in the store at start.
#[derive(Debug)]
pub enum Loaded {
    /// Nothing stored yet: a first start.
    Nothing,
    Found {
        workspace: Workspace,
        revision: u64,
    },
    /// Something is stored but this build cannot read it; it is left untouched.
    Unreadable {
        raw: String,
        error: DecodeError,
    },
    /// The store itself cannot be used (private mode, disabled storage).
    Unavailable(StoreError),
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SaveError {
    /// Another tab saved since `base_revision`; the caller rebases and retries.
    #[error("another tab saved newer data (revision {stored})")]
    Conflict { stored: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScenarioError {
    #[error("give the scenario a name")]
    NameMissing,
    #[error("a scenario name has at most 80 characters")]
    NameTooLong,
    #[error("there is no scenario of that name")]
    NotFound,
    #[error("the scenario cannot be read: {0}")]
    Unreadable(#[from] DecodeError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct Repository<S: KeyValueStore> {
    store: S,
}

impl<S: KeyValueStore> Repository<S> {
    pub fn new(store: S) -> Repository<S> {
        Repository { store }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn load(&self) -> Loaded {
        let raw = match self.store.get(keys::WORKSPACE) {
            Ok(Some(raw)) => raw,
            Ok(None) => return Loaded::Nothing,
            Err(e) => return Loaded::Unavailable(e),
        };
        match decode(&raw) {
            Ok(workspace) => Loaded::Found {
                workspace,
                revision: self.stored_revision().unwrap_or(0),
            },
            Err(error) => Loaded::Unreadable { raw, error },
        }
    }

    /// The revision last saved by any tab.
    pub fn stored_revision(&self) -> Result<u64, StoreError> {
        Ok(self
            .store
            .get(keys::REVISION)?
            .and_then(|r| r.trim().parse().ok())
            .unwrap_or(0))
    }

    /// Saves when nobody saved since `base_revision`; returns the new revision.
    pub fn save(&self, workspace: &Workspace, base_revision: u64) -> Result<u64, SaveError> {
        let stored = self.stored_revision()?;
        if stored != base_revision {
            return Err(SaveError::Conflict { stored });
        }
        let text = encode_for_storage(workspace);
        self.store.set(keys::WORKSPACE, &text)?;
        let revision = base_revision + 1;
        // Written after the data: a reader that sees the new revision sees the new data.
        self.store.set(keys::REVISION, &revision.to_string())?;
        Ok(revision)
    }

    /// Keeps unreadable data under a backup key, then clears the main slot so a fresh
    /// workspace can start. Returns the backup key.
    pub fn back_up_and_clear(&self, raw: &str, stamp: &str) -> Result<String, StoreError> {
        let key = format!("{}{stamp}", keys::BACKUP_PREFIX);
        self.store.set(&key, raw)?;
        self.store.remove(keys::WORKSPACE)?;
        self.store.remove(keys::REVISION)?;
        Ok(key)
    }

    pub fn backups(&self) -> Result<Vec<(String, usize)>, StoreError> {
        let mut list = Vec::new();
        for key in self
            .store
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(keys::BACKUP_PREFIX))
        {
            let size = self.store.get(&key)?.map_or(0, |v| v.len());
            list.push((key, size));
        }
        Ok(list)
    }

    pub fn read(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.store.get(key)
    }

    pub fn delete_backup(&self, key: &str) -> Result<(), StoreError> {
        if key.starts_with(keys::BACKUP_PREFIX) {
            self.store.remove(key)?;
        }
        Ok(())
    }

    /// Saves a workspace as a named training scenario (replacing one of the same name).
    pub fn save_scenario(&self, name: &str, workspace: &Workspace) -> Result<(), ScenarioError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ScenarioError::NameMissing);
        }
        if name.chars().count() > 80 {
            return Err(ScenarioError::NameTooLong);
        }
        self.store.set(
            &format!("{}{name}", keys::SCENARIO_PREFIX),
            &encode_for_storage(workspace),
        )?;
        Ok(())
    }

    /// Scenario names, sorted.
    pub fn scenarios(&self) -> Result<Vec<String>, StoreError> {
        let mut names: Vec<String> = self
            .store
            .keys()?
            .into_iter()
            .filter_map(|k| k.strip_prefix(keys::SCENARIO_PREFIX).map(String::from))
            .collect();
        names.sort();
        Ok(names)
    }

    pub fn load_scenario(&self, name: &str) -> Result<Workspace, ScenarioError> {
        let text = self
            .store
            .get(&format!("{}{name}", keys::SCENARIO_PREFIX))?
            .ok_or(ScenarioError::NotFound)?;
        Ok(decode(&text)?)
    }

    pub fn delete_scenario(&self, name: &str) -> Result<(), StoreError> {
        self.store
            .remove(&format!("{}{name}", keys::SCENARIO_PREFIX))
    }

    /// Characters stored under the app's keys (local storage counts UTF-16 units;
    /// this is close enough for a meter).
    pub fn used_chars(&self) -> Result<usize, StoreError> {
        let mut total = 0;
        for key in self
            .store
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(keys::PREFIX))
        {
            total += key.encode_utf16().count()
                + self
                    .store
                    .get(&key)?
                    .map_or(0, |v| v.encode_utf16().count());
        }
        Ok(total)
    }
}
