//! Training scenarios: named copies of a workspace kept in the same store.

use super::codec::{decode, encode_for_storage, DecodeError};
use super::repository::Repository;
use super::{keys, KeyValueStore, StoreError};
use crate::domain::commands::validate::MAX_TEXT;
use crate::domain::support::sorting;
use crate::domain::Workspace;
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ScenarioError {
    #[error("give the scenario a name")]
    NameMissing,
    #[error("a scenario name has at most {MAX_TEXT} characters")]
    NameTooLong,
    #[error("there is no scenario of that name")]
    NotFound,
    #[error("the scenario cannot be read: {0}")]
    Unreadable(#[from] DecodeError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl<S: KeyValueStore> Repository<S> {
    /// Saves a workspace as a named training scenario, replacing one of the same name:
    /// callers ask first (`scenario_exists`).
    pub fn save_scenario(&self, name: &str, workspace: &Workspace) -> Result<(), ScenarioError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ScenarioError::NameMissing);
        }
        if name.chars().count() > MAX_TEXT {
            return Err(ScenarioError::NameTooLong);
        }
        self.store.set(
            &format!("{}{name}", keys::SCENARIO_PREFIX),
            &encode_for_storage(workspace),
        )?;
        Ok(())
    }

    /// Whether a scenario of that name (trimmed) is saved.
    pub fn scenario_exists(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self
            .store
            .get(&format!("{}{}", keys::SCENARIO_PREFIX, name.trim()))?
            .is_some())
    }

    /// `name`, or "name (2)", "name (3)"… the first that is not taken, to keep both.
    pub fn free_scenario_name(&self, name: &str) -> Result<String, StoreError> {
        let name = name.trim();
        let mut candidate = name.to_string();
        let mut n = 2;
        while self.scenario_exists(&candidate)? {
            candidate = format!("{name} ({n})");
            n += 1;
        }
        Ok(candidate)
    }

    /// Scenario names, sorted.
    pub fn scenarios(&self) -> Result<Vec<String>, StoreError> {
        let mut names: Vec<String> = self
            .store
            .keys()?
            .into_iter()
            .filter_map(|k| k.strip_prefix(keys::SCENARIO_PREFIX).map(String::from))
            .collect();
        sorting::sort(&mut names);
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
}
