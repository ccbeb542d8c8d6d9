//! How much of the browser's storage the app uses, for the Settings meter.

use super::repository::Repository;
use super::{keys, KeyValueStore, StoreError};

impl<S: KeyValueStore> Repository<S> {
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
            total += key.encode_utf16().count() + self.store.units(&key)?.unwrap_or(0);
        }
        Ok(total)
    }
}
