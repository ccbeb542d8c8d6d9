//! The browser's local storage behind `KeyValueStore`.

use super::{KeyValueStore, StoreError};
use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::{JsCast, JsValue};

/// Local storage, when the browser lets us use it.
#[derive(Clone)]
pub struct BrowserStore {
    storage: web_sys::Storage,
}

fn classify(error: JsValue) -> StoreError {
    let name = js_sys::Reflect::get(&error, &JsValue::from_str("name"))
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_else(|| "unknown error".into());
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StoreError::QuotaExceeded
    } else {
        StoreError::Unavailable(name)
    }
}

impl BrowserStore {
    /// Opens local storage; fails where the browser forbids it (some private modes).
    pub fn open() -> Result<BrowserStore, StoreError> {
        let window =
            web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
        // Probe first: `LocalStorage::raw()` would panic where storage is blocked.
        match window.local_storage() {
            Ok(Some(_)) => {}
            Ok(None) => return Err(StoreError::Unavailable("no local storage".into())),
            Err(e) => return Err(classify(e)),
        }
        let storage = LocalStorage::raw();
        // Some browsers expose storage but throw on the first write.
        let probe = "pipewright.probe";
        match storage.set_item(probe, "1").map_err(classify) {
            // Full storage is still storage: the app reads it and reports failed saves.
            Ok(()) | Err(StoreError::QuotaExceeded) => {}
            Err(e) => return Err(e),
        }
        storage.remove_item(probe).map_err(classify)?;
        Ok(BrowserStore { storage })
    }
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(classify)
    }

    /// Measured in JavaScript: the value is never copied into wasm memory (at 10,000
    /// deals the meter would otherwise copy 1.5 M characters on every save).
    fn units(&self, key: &str) -> Result<Option<usize>, StoreError> {
        let get_item: js_sys::Function =
            js_sys::Reflect::get(&self.storage, &JsValue::from_str("getItem"))
                .map_err(classify)?
                .unchecked_into();
        let value = get_item
            .call1(&self.storage, &JsValue::from_str(key))
            .map_err(classify)?;
        Ok(value
            .dyn_ref::<js_sys::JsString>()
            .map(|s| s.length() as usize))
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let count = self.storage.length().map_err(classify)?;
        Ok((0..count)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .collect())
    }
}
