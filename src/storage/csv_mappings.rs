//! CSV column mappings remembered by the headers of the file they were made for.

use super::repository::Repository;
use super::{keys, KeyValueStore, StoreError};
use crate::domain::csv::remembered::Remembered;

impl<S: KeyValueStore> Repository<S> {
    /// The mapping kept for files whose headers have this key; an unreadable one
    /// (another version's) is as none.
    pub fn csv_mapping(&self, headers_key: &str) -> Result<Option<Remembered>, StoreError> {
        let text = self
            .store
            .get(&format!("{}{headers_key}", keys::CSV_MAPPING_PREFIX))?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
    }

    pub fn remember_csv_mapping(
        &self,
        headers_key: &str,
        mapping: &Remembered,
    ) -> Result<(), StoreError> {
        let text = serde_json::to_string(mapping).unwrap_or_default();
        self.store
            .set(&format!("{}{headers_key}", keys::CSV_MAPPING_PREFIX), &text)
    }
}
