//! Team sync in the running app: signing in, sharing or joining, and the two loops —
//! pushing this browser's waiting changes and pulling everyone else's — with the status
//! the top bar shows. The rules live in `crate::sync`; this only schedules and reports.

mod engine;
mod loops;
mod setup;

pub use engine::every_team_download;
use engine::Job;

use super::AppState;
use crate::domain::Workspace;
use crate::sync::documents::DocKey;
use crate::sync::outbox::Outbox;
use crate::sync::remote::Remote;
use crate::sync::replica::Replica;
use crate::sync::{stored, SyncError, TeamConfig};
use leptos::prelude::*;
use std::time::Duration;

/// How long to wait before trying an unreachable server again.
const RETRY: Duration = Duration::from_secs(2);

/// What the top bar says about the team server.
#[derive(Clone, Debug, PartialEq)]
pub enum SyncStatus {
    /// No team configured: nothing leaves this browser.
    Off,
    /// Configured, but the server needs a sign-in.
    SignedOut,
    Synced {
        at: String,
    },
    Sending(usize),
    /// A join's remaining kinds arriving (the board is in use meanwhile).
    Receiving(String),
    Offline(usize),
    Error(String),
}

impl SyncStatus {
    /// `data-state` for tests and styles.
    pub fn name(&self) -> &'static str {
        match self {
            SyncStatus::Off => "off",
            SyncStatus::SignedOut => "signed-out",
            SyncStatus::Synced { .. } => "synced",
            SyncStatus::Sending(_) => "sending",
            SyncStatus::Receiving(_) => "receiving",
            SyncStatus::Offline(_) => "offline",
            SyncStatus::Error(_) => "error",
        }
    }
}

/// A record someone deleted while this browser had changed it.
#[derive(Clone, Debug, PartialEq)]
pub struct DeletedWhileEdited {
    pub key: DocKey,
    pub label: String,
}

#[derive(Clone, Copy)]
pub struct TeamSync {
    pub status: RwSignal<SyncStatus>,
    pub config: RwSignal<Option<TeamConfig>>,
    /// The signed-in user, once the server confirmed the session.
    pub user: RwSignal<Option<String>>,
    /// Whether this browser shares or joined a team database (it has a replica).
    pub linked: RwSignal<bool>,
    /// Bumped when who-changed-what changes, for the deal panel.
    pub authors: RwSignal<u64>,
    pub deleted_while_edited: RwSignal<Vec<DeletedWhileEdited>>,
    replica: StoredValue<Option<Replica>>,
    /// Arrived records that broke a rule here, with how often they were tried: applied
    /// with the next changes (a deletion may come a moment before its log entries').
    deferred: StoredValue<Vec<(DocKey, Option<crate::sync::documents::Record>, u8)>>,
    outbox: StoredValue<Outbox>,
    /// Bumped to stop the loops (sign-out); each loop holds the value it started with.
    generation: StoredValue<u64>,
    pushing: StoredValue<bool>,
    /// The replica changed with records not saved yet: it is written after them, so a
    /// reload (or a full storage) never skips records it did not keep.
    replica_unsaved: StoredValue<bool>,
    push_again: StoredValue<bool>,
    /// What waits for the engine's code (`engine::in_engine`).
    jobs: StoredValue<Vec<Job>, LocalStorage>,
    abort: StoredValue<Option<web_sys::AbortController>, LocalStorage>,
}

fn now_label() -> String {
    chrono::Local::now().format("%H:%M:%S").to_string()
}

impl TeamSync {
    pub fn new(kept: stored::Kept) -> TeamSync {
        let linked = kept.replica.is_some() && kept.config.is_some();
        TeamSync {
            status: RwSignal::new(if kept.config.is_some() {
                SyncStatus::SignedOut
            } else {
                SyncStatus::Off
            }),
            config: RwSignal::new(kept.config),
            user: RwSignal::new(None),
            linked: RwSignal::new(linked),
            authors: RwSignal::new(0),
            deleted_while_edited: RwSignal::new(Vec::new()),
            replica: StoredValue::new(kept.replica),
            deferred: StoredValue::new(Vec::new()),
            outbox: StoredValue::new(kept.outbox),
            generation: StoredValue::new(0),
            pushing: StoredValue::new(false),
            replica_unsaved: StoredValue::new(false),
            push_again: StoredValue::new(false),
            jobs: StoredValue::new_local(Vec::new()),
            abort: StoredValue::new_local(None),
        }
    }

    pub fn waiting(&self) -> usize {
        self.outbox.with_value(Outbox::len)
    }

    /// Who wrote a deal last, as the team server knows it.
    pub fn last_author(&self, deal: crate::domain::DealId) -> Option<String> {
        self.authors.track();
        self.replica.with_value(|r| {
            r.as_ref()
                .and_then(|r| r.authors.get(&DocKey::Deal(deal).to_string()).cloned())
        })
    }

    pub(super) fn remote(&self) -> Option<Remote> {
        self.config.get_untracked().map(Remote::new)
    }

    pub(super) fn me(&self) -> String {
        self.user.get_untracked().unwrap_or_default()
    }

    pub(super) fn active(&self) -> bool {
        self.linked.get_untracked() && self.user.get_untracked().is_some()
    }

    /// Runs `f` on the queue and the replica in place: the replica's revision map holds
    /// every document, so it is never copied for a change.
    pub(super) fn with_queue_and_replica<R: Default>(
        &self,
        f: impl FnOnce(&mut Outbox, &mut Replica) -> R,
    ) -> R {
        self.outbox
            .try_update_value(|outbox| {
                self.replica
                    .try_update_value(|replica| {
                        f(outbox, replica.get_or_insert_with(Replica::default))
                    })
                    .unwrap_or_default()
            })
            .unwrap_or_default()
    }

    /// Stores the queue alone: a local change touches nothing else.
    fn persist_outbox(&self, state: &AppState) {
        let result = state.with_repo(|repo| {
            self.outbox
                .with_value(|o| stored::save_outbox(repo.store(), o))
        });
        if let Some(Err(e)) = result {
            self.status.set(SyncStatus::Error(format!(
                "Sync state could not be stored: {e}"
            )));
        }
    }

    pub(super) fn persist(&self, state: &AppState) {
        let result = crate::perf::measure("sync-persist", || {
            state.with_repo(|repo| {
                self.replica.with_value(|replica| match replica {
                    Some(replica) => stored::save_replica(repo.store(), replica),
                    None => Ok(()),
                })
            })
        });
        if let Some(Err(e)) = result {
            self.status.set(SyncStatus::Error(format!(
                "Sync state could not be stored: {e}"
            )));
            return;
        }
        self.persist_outbox(state);
    }

    /// Stores the replica once the records it says arrived are saved: now when nothing
    /// waits, else right after the workspace's next save (`saved`).
    pub(super) fn persist_after_records(&self, state: &AppState) {
        if state.has_unsaved() {
            self.replica_unsaved.set_value(true);
        } else {
            self.persist(state);
        }
    }

    /// Called after every successful save of the workspace. The replica is written in a
    /// task of its own (a join's page save and this write together took over 200 ms),
    /// and only if nothing arrived unsaved meanwhile.
    pub fn saved(&self, state: &AppState) {
        if self.replica_unsaved.get_value() {
            self.replica_unsaved.set_value(false);
            let (team, state) = (*self, *state);
            set_timeout(move || team.persist_after_records(&state), Duration::ZERO);
        }
    }

    pub(super) fn show_waiting(&self, sending: bool) {
        let n = self.waiting();
        let still_to_read = self.next_range();
        self.status.set(match (n, sending) {
            (0, _) if still_to_read.is_some() => SyncStatus::Receiving(
                still_to_read
                    .map_or("records", |r| loops::kind_label(r.kind()))
                    .into(),
            ),
            (0, _) => SyncStatus::Synced { at: now_label() },
            (n, true) => SyncStatus::Sending(n),
            (n, false) => SyncStatus::Offline(n),
        });
    }

    pub(super) fn fail(&self, error: &SyncError) {
        self.status.set(match error {
            SyncError::Unreachable(_) => SyncStatus::Offline(self.waiting()),
            SyncError::SignedOut => SyncStatus::SignedOut,
            other => SyncStatus::Error(other.to_string()),
        });
    }

    /// Keeps a record someone deleted (ours is sent again) or lets the deletion stand.
    pub fn decide_deleted(&self, state: AppState, key: DocKey, restore: bool) {
        self.in_engine(state, Job::Decide { key, restore });
    }

    fn decide_deleted_now(&self, state: AppState, key: DocKey, restore: bool) {
        self.deleted_while_edited
            .update(|list| list.retain(|d| d.key != key));
        if !restore {
            self.outbox.update_value(|o| o.remove(&key.to_string()));
            self.apply_with_deferred(&state, vec![(key, None)]);
        }
        self.persist(&state);
        self.schedule_push(state);
    }

    /// A local change: queue the documents it touched and send them soon.
    pub(super) fn note_local(&self, state: &AppState, before: &Workspace, after: &Workspace) {
        if !self.linked.get_untracked() {
            return;
        }
        let keys = crate::sync::diff::changed_documents(before, after);
        if keys.is_empty() {
            return;
        }
        self.with_queue_and_replica(|outbox, replica| outbox.queue(&keys, before, replica));
        self.persist_outbox(state);
        if self.user.get_untracked().is_some() {
            self.in_engine(*state, Job::Push);
        } else {
            self.status.set(SyncStatus::SignedOut);
        }
    }
}

/// Waits without blocking the page (a timer wrapped in a promise).
async fn sleep(duration: Duration) {
    let ms = i32::try_from(duration.as_millis()).unwrap_or(i32::MAX);
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
