//! Sync's own keys in local storage, beside the workspace: the team configuration (no
//! password), what this browser knows of the server, and the waiting changes.

use super::config::TeamConfig;
use super::outbox::Outbox;
use super::replica::Replica;
use crate::storage::codec::{pack, unpack};
use crate::storage::{KeyValueStore, StoreError};
use serde::de::DeserializeOwned;
use serde::Serialize;

pub const CONFIG: &str = "pipewright.sync.config";
pub const REPLICA: &str = "pipewright.sync.replica";
pub const OUTBOX: &str = "pipewright.sync.outbox";

fn read<T: DeserializeOwned, S: KeyValueStore>(store: &S, key: &str) -> Option<T> {
    // Sync state that cannot be read is as good as none: the user signs in again and
    // the workspace (stored apart) is untouched.
    let text = store.get(key).ok().flatten()?;
    let json = unpack(&text).ok()?;
    serde_json::from_str(&json).ok()
}

/// The replica of 10,000 deals is about 1.5 M characters of JSON: compressed, it takes
/// a tenth of the room and of the time local storage needs to write it.
const COMPRESS_ABOVE: usize = 64 * 1024;

fn write<T: Serialize, S: KeyValueStore>(
    store: &S,
    key: &str,
    value: &T,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Unavailable(e.to_string()))?;
    let compress = json.len() > COMPRESS_ABOVE;
    store.set(key, &pack(json, compress))
}

/// What sync kept: the configuration, and (once shared or joined) the replica and queue.
pub struct Kept {
    pub config: Option<TeamConfig>,
    pub replica: Option<Replica>,
    pub outbox: Outbox,
}

pub fn load<S: KeyValueStore>(store: &S) -> Kept {
    Kept {
        config: read(store, CONFIG),
        replica: read(store, REPLICA),
        outbox: read(store, OUTBOX).unwrap_or_default(),
    }
}

pub fn save_config<S: KeyValueStore>(store: &S, config: &TeamConfig) -> Result<(), StoreError> {
    write(store, CONFIG, config)
}

pub fn save_replica<S: KeyValueStore>(store: &S, replica: &Replica) -> Result<(), StoreError> {
    write(store, REPLICA, replica)
}

pub fn save_outbox<S: KeyValueStore>(store: &S, outbox: &Outbox) -> Result<(), StoreError> {
    write(store, OUTBOX, outbox)
}

/// Forgets what this browser knew of a team database that is gone (the configuration
/// stays: the user is still signed in to the server).
pub fn forget_replica<S: KeyValueStore>(store: &S) -> Result<(), StoreError> {
    store.remove(REPLICA)?;
    store.remove(OUTBOX)
}

/// Forgets the team (signing out): the workspace stays, or not, as the user chose.
pub fn forget<S: KeyValueStore>(store: &S) -> Result<(), StoreError> {
    for key in [CONFIG, REPLICA, OUTBOX] {
        store.remove(key)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::MemoryStore;

    #[test]
    fn kept_state_round_trips_and_never_holds_a_password() {
        let store = MemoryStore::default();
        let config = TeamConfig::new("http://127.0.0.1:5984", "sales", "ana").expect("config");
        save_config(&store, &config).expect("saved");
        let mut outbox = Outbox::default();
        outbox.entries.push(super::super::outbox::OutboxEntry {
            id: "deal:1".into(),
            base_rev: Some("1-a".into()),
            base: None,
        });
        save_outbox(&store, &outbox).expect("saved");
        let kept = load(&store);
        assert_eq!(kept.config, Some(config));
        assert_eq!(kept.outbox, outbox);
        assert!(kept.replica.is_none());
        let text = store.get(CONFIG).expect("read").expect("there");
        assert!(!text.to_lowercase().contains("password"));
        forget(&store).expect("forgotten");
        assert!(load(&store).config.is_none());
    }

    #[test]
    fn a_large_replica_is_stored_compressed_and_reads_back() {
        let store = MemoryStore::default();
        let mut replica = Replica::default();
        for n in 0..5_000 {
            replica.record(&format!("deal:{n}"), &format!("3-{n:032x}"), Some("ana"));
        }
        save_replica(&store, &replica).expect("saved");
        let text = store.get(REPLICA).expect("read").expect("there");
        assert!(crate::storage::compression::is_compressed(&text));
        let plain = serde_json::to_string(&replica).expect("json").len();
        assert!(
            text.encode_utf16().count() * 4 < plain,
            "at least 4 times smaller"
        );
        assert_eq!(load(&store).replica, Some(replica));
        assert!(load(&store).config.is_none());
    }
}
