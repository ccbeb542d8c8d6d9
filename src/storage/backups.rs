//! Backups of data this build could not read, kept beside the workspace until the user
//! downloads or deletes them.

use super::repository::Repository;
use super::{keys, KeyValueStore, StoreError};

impl<S: KeyValueStore> Repository<S> {
    /// Keeps `raw` under a backup key and returns the key; nothing else changes.
    pub fn keep_backup(&self, raw: &str, stamp: &str) -> Result<String, StoreError> {
        let key = format!("{}{stamp}", keys::BACKUP_PREFIX);
        self.store.set(&key, raw)?;
        Ok(key)
    }

    /// Keeps unreadable data under a backup key, then clears the main slot so a fresh
    /// workspace can start. Returns the backup key.
    pub fn back_up_and_clear(&self, raw: &str, stamp: &str) -> Result<String, StoreError> {
        let key = self.keep_backup(raw, stamp)?;
        self.store.remove(keys::WORKSPACE)?;
        self.store.remove(keys::REVISION)?;
        for part in self
            .store
            .keys()?
            .into_iter()
            .filter(|k| k.starts_with(keys::PART_PREFIX))
        {
            self.store.remove(&part)?;
        }
        self.stored.replace(None);
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
            let size = self.store.units(&key)?.unwrap_or(0);
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
}
