//! Saving with multi-tab safety: changes not yet saved are kept as commands, so when
//! another tab saved first they are replayed on top of its data instead of writing a
//! stale copy over it.

use crate::domain::{Command, DomainError, Workspace};
use crate::storage::{KeyValueStore, Loaded, Repository, SaveError, StoreError};
use chrono::NaiveDate;

/// A change waiting to be saved.
#[derive(Clone, Debug)]
pub enum Pending {
    Command(Command),
    /// Undo, redo, import, demo data: a whole new state that cannot be replayed.
    Replace,
    /// Records that arrived from the team server; replayed like a command.
    Remote(crate::sync::incoming::RemoteBatch),
}

#[derive(Debug, PartialEq)]
pub enum SaveOutcome {
    Saved {
        revision: u64,
    },
    /// Another tab had saved; our commands were replayed on its data and saved.
    Rebased {
        workspace: Workspace,
        revision: u64,
        dropped: Vec<DomainError>,
    },
    /// Another tab had saved and our change was a whole-state replacement: we took
    /// theirs rather than overwrite it.
    TookTheirs {
        workspace: Workspace,
        revision: u64,
    },
}

/// Saves `workspace` (based on `base_revision`) with `pending` changes.
pub fn save_or_rebase<S: KeyValueStore>(
    repo: &Repository<S>,
    workspace: &Workspace,
    base_revision: u64,
    pending: &[Pending],
    today: NaiveDate,
) -> Result<SaveOutcome, StoreError> {
    match repo.save(workspace, base_revision) {
        Ok(revision) => Ok(SaveOutcome::Saved { revision }),
        Err(SaveError::Store(e)) => Err(e),
        Err(SaveError::Conflict { stored }) => {
            let theirs =
                match repo.load() {
                    Loaded::Found { workspace, .. } => workspace,
                    // What cannot be read (a newer release's data) is never written over.
                    Loaded::Unreadable { error, .. } => {
                        return Err(StoreError::UnreadableByThisVersion(error.to_string()))
                    }
                    Loaded::Unavailable(e) => return Err(e),
                    // Damaged parts are recovered (and their text kept) by a tab that loads
                    // them, never written over by a save.
                    Loaded::Recovered { .. } => return Err(StoreError::Unavailable(
                        "part of the stored data is damaged; reload this tab to recover the rest"
                            .into(),
                    )),
                    Loaded::Nothing => {
                        // The other tab cleared storage (keeping a backup): ours is all there is.
                        let revision = repo.save(workspace, stored).map_err(|e| match e {
                            SaveError::Store(e) => e,
                            SaveError::Conflict { .. } => {
                                StoreError::Unavailable("concurrent writes".into())
                            }
                        })?;
                        return Ok(SaveOutcome::Saved { revision });
                    }
                };
            if pending.iter().any(|p| matches!(p, Pending::Replace)) {
                return Ok(SaveOutcome::TookTheirs {
                    workspace: theirs,
                    revision: stored,
                });
            }
            let mut merged = theirs;
            let mut dropped = Vec::new();
            for change in pending {
                match change {
                    Pending::Command(command) => {
                        if let Err(e) = merged.apply(command, today) {
                            dropped.push(e);
                        }
                    }
                    Pending::Remote(batch) => {
                        crate::sync::incoming::apply_batch(&mut merged, batch)
                    }
                    Pending::Replace => {}
                }
            }
            let revision = repo.save(&merged, stored).map_err(|e| match e {
                SaveError::Store(e) => e,
                SaveError::Conflict { .. } => StoreError::Unavailable("concurrent writes".into()),
            })?;
            Ok(SaveOutcome::Rebased {
                workspace: merged,
                revision,
                dropped,
            })
        }
    }
}
