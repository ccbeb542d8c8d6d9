//! An in-memory store for native tests, with an optional quota to exercise
//! "storage full" the way the browser reports it.

use super::{KeyValueStore, StoreError};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Clone, Default)]
pub struct MemoryStore {
    items: Rc<RefCell<BTreeMap<String, String>>>,
    /// Maximum total characters (keys + values), like the browser's ~5 M limit.
    quota: Rc<RefCell<Option<usize>>>,
    unavailable: Rc<RefCell<bool>>,
    /// Keys written since the last `take_writes`, to test what a save touches.
    writes: Rc<RefCell<Vec<String>>>,
    /// Keys read since the last `take_reads`, to test what a load fetches.
    reads: Rc<RefCell<Vec<String>>>,
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    pub fn set_quota(&self, quota: Option<usize>) {
        *self.quota.borrow_mut() = quota;
    }

    pub fn set_unavailable(&self, unavailable: bool) {
        *self.unavailable.borrow_mut() = unavailable;
    }

    pub fn take_writes(&self) -> Vec<String> {
        self.writes.take()
    }

    pub fn take_reads(&self) -> Vec<String> {
        self.reads.take()
    }

    fn check(&self) -> Result<(), StoreError> {
        if *self.unavailable.borrow() {
            Err(StoreError::Unavailable("SecurityError".into()))
        } else {
            Ok(())
        }
    }

    fn used_without(&self, key: &str) -> usize {
        self.items
            .borrow()
            .iter()
            .filter(|(k, _)| k.as_str() != key)
            .map(|(k, v)| k.len() + v.len())
            .sum()
    }
}

impl KeyValueStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.check()?;
        self.reads.borrow_mut().push(key.to_string());
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.check()?;
        if let Some(quota) = *self.quota.borrow() {
            if self.used_without(key) + key.len() + value.len() > quota {
                return Err(StoreError::QuotaExceeded);
            }
        }
        self.items
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        self.writes.borrow_mut().push(key.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.check()?;
        self.items.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.check()?;
        Ok(self.items.borrow().keys().cloned().collect())
    }
}
