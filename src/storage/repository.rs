//! Loads and saves the workspace in a key-value store without ever losing data:
//! unreadable data is kept (and can be backed up), and a save never overwrites a
//! newer revision written by another tab.

use super::codec::{
    assemble, decode_stored, encode_bundle, encode_manifest, pack, unpack, validate, DecodeError,
    Stored, COMPRESS_ABOVE,
};
use super::parts::{rejoin, split, Part};
use super::recovery::{recover, LostPart};
use super::{keys, KeyValueStore, StoreError};
use crate::domain::support::fingerprint::fingerprint;
use crate::domain::support::sorting::{btree_map, btree_set};
use crate::domain::Workspace;
use std::cell::RefCell;
use std::collections::BTreeMap;
use thiserror::Error;

/// What was found in the store at start.
// One value per start, moved straight into the app state: boxing buys nothing.
#[allow(clippy::large_enum_variant)]
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
    /// Some stored parts were missing or damaged: everything else was read, and what
    /// was lost is named. `raw` is what storage held, to keep as a backup before the
    /// recovered workspace is saved over it.
    Recovered {
        workspace: Workspace,
        revision: u64,
        lost: Vec<LostPart>,
        raw: String,
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

pub struct Repository<S: KeyValueStore> {
    pub(super) store: S,
    /// What the store holds at `revision` as far as this tab knows: the next save
    /// writes only the parts that differ from it.
    pub(super) stored: RefCell<Option<StoredParts>>,
}

pub(super) struct StoredParts {
    revision: u64,
    workspace: Workspace,
    /// Part name → storage key.
    keys: BTreeMap<String, String>,
    /// Part name → characters of JSON (uncompressed), to decide on compression.
    sizes: BTreeMap<String, usize>,
    /// Part name → its text as stored, for parts whose key does not name its content
    /// (`names_its_content`), so a later read decodes only those whose text changed.
    texts: BTreeMap<String, String>,
}

impl<S: KeyValueStore> Repository<S> {
    pub fn new(store: S) -> Repository<S> {
        Repository {
            store,
            stored: RefCell::new(None),
        }
    }

    pub fn store(&self) -> &S {
        &self.store
    }

    pub fn load(&self) -> Loaded {
        // Another tab may save (and drop the parts we are reading) between our reads:
        // a part gone missing while the revision moved on means "read again".
        let mut attempts = 0;
        loop {
            attempts += 1;
            let revision = self.stored_revision().unwrap_or(0);
            let loaded = self.load_once(revision);
            let raced = matches!(
                &loaded,
                Loaded::Unreadable { .. } | Loaded::Recovered { .. }
            ) && self.stored_revision().unwrap_or(0) != revision;
            if !raced || attempts == 3 {
                return loaded;
            }
        }
    }

    fn load_once(&self, revision: u64) -> Loaded {
        let previous = self.stored.replace(None);
        let raw = match self.store.get(keys::WORKSPACE) {
            Ok(Some(raw)) => raw,
            Ok(None) => return Loaded::Nothing,
            Err(e) => return Loaded::Unavailable(e),
        };
        let keys = match decode_stored(&raw) {
            Ok(Stored::Whole(workspace)) => {
                return Loaded::Found {
                    workspace,
                    revision,
                }
            }
            Ok(Stored::Parts(keys)) => keys,
            Err(error) => {
                return Loaded::Unreadable {
                    raw: self.bundle(&raw),
                    error,
                }
            }
        };
        if let Some(previous) = &previous {
            match self.read_changed(previous, &keys) {
                Ok(Some((workspace, sizes, texts))) => {
                    return self.found(revision, workspace, keys, sizes, texts)
                }
                Ok(None) => {}
                Err(e) => return Loaded::Unavailable(e),
            }
        }
        let mut texts: Vec<(&str, Option<String>)> = Vec::with_capacity(keys.len());
        for (name, key) in &keys {
            match self.store.get(key) {
                Ok(text) => texts.push((name.as_str(), text)),
                Err(e) => return Loaded::Unavailable(e),
            }
        }
        let complete: Option<Vec<(&str, &str)>> = texts
            .iter()
            .map(|(n, t)| t.as_deref().map(|t| (*n, t)))
            .collect();
        if let Some((workspace, sizes)) = complete.and_then(|texts| assemble(&texts).ok()) {
            let texts = btree_map(
                (texts.iter())
                    .filter(|(name, _)| !keys.get(*name).is_some_and(|k| names_its_content(k)))
                    .filter_map(|(n, t)| t.clone().map(|t| (n.to_string(), t))),
            );
            return self.found(revision, workspace, keys, sizes, texts);
        }
        // Some part is missing or damaged: keep what can be read.
        let texts: Vec<(&str, Option<&str>)> =
            texts.iter().map(|(n, t)| (*n, t.as_deref())).collect();
        let (workspace, lost) = recover(&texts);
        let raw = self.bundle(&raw);
        match validate(&workspace) {
            Ok(()) if !lost.is_empty() => Loaded::Recovered {
                workspace,
                revision,
                lost,
                raw,
            },
            Ok(()) => Loaded::Found {
                workspace,
                revision,
            },
            Err(error) => Loaded::Unreadable { raw, error },
        }
    }

    /// Another read after `previous`: only the parts whose key changed are fetched (a key
    /// names its content), and only those whose text changed are decoded and checked.
    /// `None`: read everything (a part is missing or damaged, or a rule is broken).
    fn read_changed(
        &self,
        previous: &StoredParts,
        keys: &BTreeMap<String, String>,
    ) -> Result<Option<Reread>, StoreError> {
        let mut jsons: Vec<(&str, Option<String>)> = Vec::with_capacity(keys.len());
        let mut texts = BTreeMap::new();
        for (name, key) in keys {
            if previous.keys.get(name) == Some(key) && names_its_content(key) {
                jsons.push((name, None));
                continue;
            }
            let Some(text) = self.store.get(key)? else {
                return Ok(None);
            };
            let json = match previous.texts.get(name) {
                Some(before) if *before == text => None,
                _ => match unpack(&text) {
                    Ok(json) => Some(json.into_owned()),
                    Err(_) => return Ok(None),
                },
            };
            if !names_its_content(key) {
                texts.insert(name.clone(), text);
            }
            jsons.push((name, json));
        }
        let sizes = btree_map(jsons.iter().map(|(name, json)| {
            let size = match json {
                Some(json) => json.len(),
                None => previous.sizes.get(*name).copied().unwrap_or(0),
            };
            (name.to_string(), size)
        }));
        let before_names: Vec<&str> = previous.keys.keys().map(String::as_str).collect();
        let now: Vec<(&str, Option<&str>)> =
            jsons.iter().map(|(n, j)| (*n, j.as_deref())).collect();
        let Ok(workspace) = rejoin(&previous.workspace, &before_names, &now) else {
            return Ok(None);
        };
        if !workspace.broken_rules_since(&previous.workspace).is_empty() {
            return Ok(None);
        }
        Ok(Some((workspace, sizes, texts)))
    }

    /// Remembers what was read, for the next read and save.
    fn found(
        &self,
        revision: u64,
        workspace: Workspace,
        keys: BTreeMap<String, String>,
        sizes: BTreeMap<String, usize>,
        texts: BTreeMap<String, String>,
    ) -> Loaded {
        self.stored.replace(Some(StoredParts {
            revision,
            workspace: workspace.clone(),
            keys,
            sizes,
            texts,
        }));
        Loaded::Found {
            workspace,
            revision,
        }
    }

    /// Unreadable data is kept as one text: the manifest and every part in storage
    /// (those it names and any other), since starting fresh removes them all. Without
    /// parts (schema 1), the text as it is.
    fn bundle(&self, manifest: &str) -> String {
        let parts: BTreeMap<String, Option<String>> = btree_map(
            (self.store.keys().unwrap_or_default().into_iter())
                .filter(|k| k.starts_with(keys::PART_PREFIX))
                .map(|key| {
                    let text = self.store.get(&key).ok().flatten();
                    (key, text)
                }),
        );
        if parts.is_empty() {
            manifest.to_string()
        } else {
            encode_bundle(manifest, &parts)
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
        let revision = base_revision + 1;
        let previous = self.stored.take().filter(|p| p.revision == base_revision);
        match self.write(workspace, revision, previous.as_ref()) {
            Ok(written) => {
                self.stored.replace(Some(written));
                Ok(revision)
            }
            Err(e) => {
                self.stored.replace(previous);
                Err(e.into())
            }
        }
    }

    /// Copy on write: changed parts go under new keys, then the manifest switches to
    /// them, then the revision moves. Until the manifest is written the old data is
    /// intact, so a failure (storage full) removes what it wrote and loses nothing.
    fn write(
        &self,
        workspace: &Workspace,
        revision: u64,
        previous: Option<&StoredParts>,
    ) -> Result<StoredParts, StoreError> {
        let mut parts = split(workspace, previous.map(|p| &p.workspace));
        // A part this save keeps must still be in storage: one removed meanwhile (by
        // hand, by a browser) is written again rather than left missing.
        let present = btree_set(self.store.keys()?);
        let knows_all = |parts: &[Part]| {
            parts.iter().all(|p| {
                p.json.is_some()
                    || previous.is_some_and(|prev| {
                        prev.keys
                            .get(&p.name)
                            .is_some_and(|key| present.contains(key))
                    })
            })
        };
        if !knows_all(&parts) {
            parts = split(workspace, None);
        }
        let mut sizes = BTreeMap::new();
        for part in &parts {
            let size = match (&part.json, previous) {
                (Some(json), _) => json.len(),
                (None, Some(prev)) => prev.sizes.get(&part.name).copied().unwrap_or(0),
                (None, None) => 0,
            };
            sizes.insert(part.name.clone(), size);
        }
        let compress = sizes.values().sum::<usize>() > COMPRESS_ABOVE;
        let mut keys = BTreeMap::new();
        let mut texts = BTreeMap::new();
        let mut written = Vec::new();
        let rollback = |written: &[String]| {
            for key in written {
                let _ = self.store.remove(key);
            }
        };
        for part in parts {
            let (key, text) = match part.json {
                Some(json) => {
                    let text = pack(json, compress);
                    let key = format!(
                        "{}{}.{revision}-{}",
                        keys::PART_PREFIX,
                        part.name,
                        fingerprint(&text)
                    );
                    if let Err(e) = self.store.set(&key, &text) {
                        rollback(&written);
                        return Err(e);
                    }
                    written.push(key.clone());
                    (key, None)
                }
                None => (
                    previous
                        .and_then(|prev| prev.keys.get(&part.name).cloned())
                        .unwrap_or_default(),
                    previous.and_then(|prev| prev.texts.get(&part.name).cloned()),
                ),
            };
            if let Some(text) = text {
                texts.insert(part.name.clone(), text);
            }
            keys.insert(part.name, key);
        }
        if let Err(e) = self.store.set(keys::WORKSPACE, &encode_manifest(&keys)) {
            rollback(&written);
            return Err(e);
        }
        // Written after the data: a reader that sees the new revision sees the new data.
        self.store.set(keys::REVISION, &revision.to_string())?;
        self.drop_unlisted_parts(&keys, previous, revision, present);
        Ok(StoredParts {
            revision,
            workspace: workspace.clone(),
            keys,
            sizes,
            texts,
        })
    }

    /// Removes parts the manifest no longer names: those this save replaced, and any left
    /// by a save that was interrupted before its manifest (a closed tab). Only parts
    /// written for this revision or an earlier one go: a part for a later revision may
    /// belong to another tab's save under way.
    fn drop_unlisted_parts(
        &self,
        listed: &BTreeMap<String, String>,
        previous: Option<&StoredParts>,
        revision: u64,
        // The keys storage held before this save wrote: its own new parts are listed.
        present: std::collections::BTreeSet<String>,
    ) {
        let live = btree_set(listed.values().map(String::as_str));
        let mut candidates: Vec<String> = present
            .into_iter()
            .filter(|k| k.starts_with(keys::PART_PREFIX))
            .filter(|k| written_for(k).is_some_and(|r| r <= revision))
            .collect();
        if let Some(prev) = previous {
            candidates.extend(prev.keys.values().cloned());
        }
        for key in candidates.iter().filter(|k| !live.contains(k.as_str())) {
            // A leftover costs space, never data: failing to remove it is not an error.
            let _ = self.store.remove(key);
        }
    }
}

/// A workspace read again: the workspace, its parts' sizes, and the texts kept for parts
/// whose key does not name its content.
type Reread = (Workspace, BTreeMap<String, usize>, BTreeMap<String, String>);

/// Parts written by this build are stored under `<part>.<revision>-<fingerprint of the
/// text>`: the same key is the same text, so a read need not fetch it again. Earlier
/// builds wrote `<part>.<revision>`, which two tabs' racing saves can reuse for
/// different texts: those are compared by text.
fn names_its_content(key: &str) -> bool {
    key.rsplit('.')
        .next()
        .is_some_and(|last| last.contains('-'))
}

/// The revision a part's key was written for.
fn written_for(key: &str) -> Option<u64> {
    let last = key.rsplit('.').next()?;
    last.split('-').next()?.parse().ok()
}
