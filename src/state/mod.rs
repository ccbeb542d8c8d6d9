//! The reactive state the views share: the workspace signal, saving, undo and
//! multi-tab sync. Views call `dispatch` with a domain command; nothing else writes.

pub mod history;
mod other_tabs;
mod remote_changes;
pub mod sync;
pub mod team;
mod toasts;

pub use toasts::Toast;

use crate::domain::commands::Applied;
use crate::domain::model::integrity::describe;
use crate::domain::{Command, DomainError, Workspace};
use crate::storage::browser::BrowserStore;
use crate::storage::{DecodeError, Loaded, Repository, StoreError};
use chrono::NaiveDate;
use history::{History, UndoLabels};
use leptos::prelude::*;
use std::time::Duration;
use sync::{save_or_rebase, Pending, SaveOutcome};

/// Delay between a change and its save.
pub const SAVE_DELAY_MS: u64 = 250;

/// How the stored copy is doing; anything but `Healthy` shows a banner or screen.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageHealth {
    Healthy,
    /// Local storage cannot be used at all: the app works in memory only.
    InMemory(String),
    /// The last save failed (typically: storage full); the change is kept in memory.
    SaveFailed(String),
    /// Stored data this build cannot read; nothing is written until the user decides.
    Unreadable {
        raw: String,
        error: DecodeError,
    },
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Workspace>,
    pub health: RwSignal<StorageHealth>,
    pub toasts: RwSignal<Vec<Toast>>,
    /// What Undo and Redo would do, for the toolbar.
    pub undo_state: RwSignal<UndoLabels>,
    /// What could not be read when parts of the stored data were damaged (the rest was
    /// recovered), until the user dismisses it.
    pub recovered: RwSignal<Option<String>>,
    /// True until a first-run choice is made on an empty store.
    pub first_run: RwSignal<bool>,
    /// Team sync through CouchDB; off unless the user configured a server.
    pub team: team::TeamSync,
    repo: StoredValue<Option<Repository<BrowserStore>>, LocalStorage>,
    /// The stored revision this tab's data is at; it moves after each save (ours or
    /// another tab's), which is when what storage holds has changed.
    pub revision: RwSignal<u64>,
    pending: StoredValue<Vec<Pending>>,
    history: StoredValue<History>,
    save_scheduled: StoredValue<bool>,
    next_toast: StoredValue<u64>,
}

/// What a user is told when stored parts could not be read.
fn recovered_message(lost: &[crate::storage::recovery::LostPart]) -> String {
    let what: Vec<String> = lost.iter().map(|l| l.to_string()).collect();
    format!(
        "Part of your saved data could not be read: {}. Everything else was recovered and \
         saved again; the damaged data is kept as a backup (Settings → Storage).",
        what.join("; ")
    )
}

/// Today in the user's time zone; the only place the app reads the clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl AppState {
    /// Opens local storage and loads the workspace. It writes at start only to keep a
    /// copy of damaged stored data before the recovered rest replaces it.
    pub fn load() -> AppState {
        let (repo, loaded) = crate::perf::measure("load", || match BrowserStore::open() {
            Ok(store) => {
                let repo = Repository::new(store);
                let loaded = repo.load();
                (Some(repo), loaded)
            }
            Err(e) => (None, Loaded::Unavailable(e)),
        });
        let kept = repo.as_ref().map_or(
            crate::sync::stored::Kept {
                config: None,
                replica: None,
                outbox: Default::default(),
            },
            |r| crate::sync::stored::load(r.store()),
        );
        let mut recovered = None;
        let (workspace, revision, health, first_run) = match loaded {
            Loaded::Recovered {
                workspace,
                revision,
                lost,
                raw,
            } => {
                let stamp = backup_stamp(chrono::Utc::now().naive_utc());
                match repo.as_ref().map(|r| r.keep_backup(&raw, &stamp)) {
                    Some(Ok(_)) => {
                        recovered = Some(recovered_message(&lost));
                        (workspace, revision, StorageHealth::Healthy, false)
                    }
                    // Without a copy of the damaged text, nothing is written over it:
                    // the recovery screen offers to download it.
                    other => {
                        let why = match other {
                            Some(Err(e)) => e.to_string(),
                            _ => "storage is not available".into(),
                        };
                        let error = DecodeError::WrongShape(format!(
                            "{}; no copy of it could be kept ({why})",
                            recovered_message(&lost)
                        ));
                        (
                            Workspace::new(),
                            0,
                            StorageHealth::Unreadable { raw, error },
                            false,
                        )
                    }
                }
            }
            Loaded::Nothing => (Workspace::new(), 0, StorageHealth::Healthy, true),
            Loaded::Found {
                workspace,
                revision,
            } => (workspace, revision, StorageHealth::Healthy, false),
            Loaded::Unreadable { raw, error } => (
                Workspace::new(),
                0,
                StorageHealth::Unreadable { raw, error },
                false,
            ),
            Loaded::Unavailable(e) => (
                Workspace::new(),
                0,
                StorageHealth::InMemory(e.to_string()),
                true,
            ),
        };
        let state = AppState {
            workspace: RwSignal::new(workspace),
            health: RwSignal::new(health),
            toasts: RwSignal::new(Vec::new()),
            undo_state: RwSignal::new(UndoLabels::default()),
            first_run: RwSignal::new(first_run),
            team: team::TeamSync::new(kept),
            recovered: RwSignal::new(None),
            repo: StoredValue::new_local(repo),
            revision: RwSignal::new(revision),
            pending: StoredValue::new(Vec::new()),
            history: StoredValue::new(History::default()),
            save_scheduled: StoredValue::new(false),
            next_toast: StoredValue::new(0),
        };
        state.publish_unsaved();
        state.report_irregular_data();
        if let Some(message) = recovered {
            // The recovered workspace replaces the damaged one in storage.
            state.recovered.set(Some(message));
            state.pending.update_value(|p| p.push(Pending::Replace));
            state.schedule_save();
        }
        state
    }

    /// Stored data breaking a rule older builds did not keep is kept as it is, and said.
    fn report_irregular_data(&self) {
        // The broken rules were checked when the data was read; only these remain.
        let problems = self.workspace.with_untracked(Workspace::irregular_rules);
        if !problems.is_empty() {
            self.toast_error(format!(
                "Your stored data breaks {} the app keeps; it is kept as it is: {}",
                crate::domain::model::integrity::count_rules(problems.len()),
                describe(&problems)
            ));
        }
    }

    /// Applies a command; on success it is recorded for undo and saved shortly.
    pub fn dispatch(
        &self,
        command: Command,
        label: impl Into<String>,
    ) -> Result<Applied, DomainError> {
        let before = self.workspace.get_untracked();
        let mut next = before.clone();
        let applied = next.apply(&command, today())?;
        self.history
            .update_value(|h| h.record(before.clone(), label.into()));
        self.pending
            .update_value(|p| p.push(Pending::Command(command)));
        self.workspace.set(next);
        self.after_change(&before);
        Ok(applied)
    }

    /// Dispatches what a form produced: the form's field errors or the command's
    /// error, as the one message the form shows.
    pub fn dispatch_form<E: std::fmt::Display>(
        &self,
        command: Result<Command, E>,
        label: impl Into<String>,
    ) -> Result<Applied, String> {
        let command = command.map_err(|e| e.to_string())?;
        self.dispatch(command, label).map_err(|e| e.to_string())
    }

    /// Like `dispatch`, for a form with an error line: true when done (the line
    /// cleared), false with the reason on the line.
    pub fn dispatch_to(
        &self,
        command: Command,
        label: impl Into<String>,
        error: RwSignal<Option<String>>,
    ) -> bool {
        let result = self.dispatch(command, label);
        error.set(result.as_ref().err().map(ToString::to_string));
        result.is_ok()
    }

    /// Like `dispatch`, but a failure becomes an error toast.
    pub fn run(&self, command: Command, label: impl Into<String>) -> Option<Applied> {
        match self.dispatch(command, label) {
            Ok(applied) => Some(applied),
            Err(e) => {
                self.toast_error(e.to_string());
                None
            }
        }
    }

    /// Replaces the whole workspace (import, demo data, clear), undoably.
    pub fn replace(&self, workspace: Workspace, label: impl Into<String>) {
        let before = self.workspace.get_untracked();
        self.history
            .update_value(|h| h.record(before.clone(), label.into()));
        self.pending.update_value(|p| p.push(Pending::Replace));
        self.workspace.set(workspace);
        self.first_run.set(false);
        self.after_change(&before);
    }

    /// The first-run choice: saved, but not an undoable change.
    pub fn start_with(&self, workspace: Workspace) {
        self.pending.update_value(|p| p.push(Pending::Replace));
        self.workspace.set(workspace);
        self.first_run.set(false);
        self.schedule_save();
    }

    pub fn undo(&self) {
        let current = self.workspace.get_untracked();
        if let Some((ws, label)) = self
            .history
            .try_update_value(|h| h.undo(current.clone()))
            .flatten()
        {
            self.pending.update_value(|p| p.push(Pending::Replace));
            self.workspace.set(ws);
            self.toast(format!("Undone: {label}"));
            self.after_change(&current);
        }
    }

    pub fn redo(&self) {
        let current = self.workspace.get_untracked();
        if let Some((ws, label)) = self
            .history
            .try_update_value(|h| h.redo(current.clone()))
            .flatten()
        {
            self.pending.update_value(|p| p.push(Pending::Replace));
            self.workspace.set(ws);
            self.toast(format!("Redone: {label}"));
            self.after_change(&current);
        }
    }

    fn after_change(&self, before: &Workspace) {
        self.refresh_undo_state();
        self.schedule_save();
        self.workspace
            .with_untracked(|after| self.team.note_local(self, before, after));
    }

    fn refresh_undo_state(&self) {
        self.undo_state
            .set(self.history.with_value(History::labels));
    }

    /// Coalesces changes into one save shortly after them, so the change paints first
    /// and a burst of edits costs one write; `pagehide` flushes what is still waiting.
    fn schedule_save(&self) {
        self.publish_unsaved();
        if self.save_scheduled.get_value() {
            return;
        }
        self.save_scheduled.set_value(true);
        let state = *self;
        set_timeout(move || state.flush(), Duration::from_millis(SAVE_DELAY_MS));
    }

    /// Whether changes of this tab are not in storage yet.
    pub fn has_unsaved(&self) -> bool {
        !self.pending.with_value(Vec::is_empty)
    }

    /// Whether changes wait to be saved, on the page's root element (`data-unsaved`),
    /// set at once with the change: end-to-end tests wait on it instead of on a delay.
    fn publish_unsaved(&self) {
        let unsaved = self.has_unsaved();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-unsaved", if unsaved { "true" } else { "false" });
        }
    }

    /// Saves now if anything is waiting (also called on `pagehide`).
    pub fn flush(&self) {
        self.save_scheduled.set_value(false);
        let pending = self.pending.get_value();
        if pending.is_empty() {
            return;
        }
        if matches!(
            self.health.get_untracked(),
            StorageHealth::Unreadable { .. } | StorageHealth::InMemory(_)
        ) {
            return;
        }
        let workspace = self.workspace.get_untracked();
        let base = self.revision.get_untracked();
        let result = crate::perf::measure("save", || {
            self.repo.with_value(|repo| {
                repo.as_ref()
                    .map(|repo| save_or_rebase(repo, &workspace, base, &pending, today()))
            })
        });
        match result {
            None => {}
            Some(Ok(outcome)) => {
                self.pending.set_value(Vec::new());
                self.publish_unsaved();
                if self.health.get_untracked() != StorageHealth::Healthy {
                    self.health.set(StorageHealth::Healthy);
                    self.toast("Saved again: your changes are stored.".to_string());
                }
                self.absorb(outcome);
                self.team.saved(self);
            }
            Some(Err(e)) => self.health.set(StorageHealth::SaveFailed(e.to_string())),
        }
    }

    fn absorb(&self, outcome: SaveOutcome) {
        match outcome {
            SaveOutcome::Saved { revision } => self.revision.set(revision),
            SaveOutcome::Rebased {
                workspace,
                revision,
                dropped,
            } => {
                self.revision.set(revision);
                self.adopt(workspace);
                for error in dropped {
                    self.toast_error(format!(
                        "A change could not be merged with another tab's: {error}"
                    ));
                }
            }
            SaveOutcome::TookTheirs {
                workspace,
                revision,
            } => {
                self.revision.set(revision);
                self.adopt(workspace);
                self.toast_error(
                    "Another tab changed the data first; your undo or import was not applied."
                        .into(),
                );
            }
        }
    }

    /// Takes another tab's data. Undo history would now revert their changes too, so
    /// it is cleared.
    fn adopt(&self, workspace: Workspace) {
        self.history.update_value(History::clear);
        self.refresh_undo_state();
        self.first_run.set(false);
        self.workspace.set(workspace);
    }

    /// Keeps the unreadable copy under a backup key and starts fresh.
    pub fn start_fresh_keeping_backup(&self) -> Result<String, StoreError> {
        let StorageHealth::Unreadable { raw, .. } = self.health.get_untracked() else {
            return Err(StoreError::Unavailable("nothing to back up".into()));
        };
        let stamp = backup_stamp(chrono::Utc::now().naive_utc());
        let key = self
            .repo
            .with_value(|r| r.as_ref().map(|r| r.back_up_and_clear(&raw, &stamp)))
            .unwrap_or_else(|| Err(StoreError::Unavailable("no storage".into())))?;
        self.revision.set(0);
        self.health.set(StorageHealth::Healthy);
        self.first_run.set(true);
        self.workspace.set(Workspace::new());
        Ok(key)
    }

    /// Runs `f` with the repository, when storage is usable.
    pub fn with_repo<R>(&self, f: impl FnOnce(&Repository<BrowserStore>) -> R) -> Option<R> {
        self.repo.with_value(|r| r.as_ref().map(f))
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// "20261127T101530": the backup key's time, sortable and free of separators.
fn backup_stamp(now: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        now.year(),
        now.month(),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn backup_stamps_sort_by_time() {
        let at = |h, m, s| {
            chrono::NaiveDate::from_ymd_opt(2026, 3, 9)
                .and_then(|d| d.and_hms_opt(h, m, s))
                .expect("valid time")
        };
        assert_eq!(super::backup_stamp(at(7, 5, 3)), "20260309T070503");
        assert!(super::backup_stamp(at(7, 5, 3)) < super::backup_stamp(at(13, 0, 0)));
    }
}
