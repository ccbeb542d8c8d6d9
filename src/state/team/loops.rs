//! The two loops once connected: pushing this browser's waiting changes and pulling
//! everyone else's, and what arrives turned into changes and messages.

use super::{sleep, DeletedWhileEdited, SyncStatus, TeamSync, RETRY};
use crate::domain::{Command, Workspace};
use crate::state::{AppState, StorageHealth};
use crate::sync::documents::DocKey;
use crate::sync::incoming::{receive, Received, RemoteBatch};
use crate::sync::protocol::Change;
use crate::sync::push::{next_batch, revisions_to_ask, settle, take_revisions};
use crate::sync::reading::{IdRange, PAGE};
use crate::sync::remote::{Remote, LONGPOLL_MS};
use crate::sync::replica::Replica;
use crate::sync::SyncError;
use leptos::prelude::*;
use leptos::task::spawn_local;

impl TeamSync {
    pub(super) fn stop(&self) {
        self.generation.update_value(|g| *g += 1);
        self.abort_wait();
    }

    /// Ends the long-poll in flight (it fails as unreachable and is tried again).
    pub(super) fn abort_wait(&self) {
        if let Some(abort) = self.abort.get_value() {
            abort.abort();
        }
    }

    pub(super) fn start_loops(&self, state: AppState) {
        self.stop();
        self.show_waiting(true);
        self.restart_pull(state);
        self.schedule_push(state);
    }

    pub(super) fn restart_pull(&self, state: AppState) {
        self.stop();
        let generation = self.generation.get_value();
        let team = *self;
        spawn_local(async move { team.pull_loop(state, generation).await });
    }

    pub(super) async fn pull_loop(&self, state: AppState, generation: u64) {
        let Some(remote) = self.remote() else { return };
        // Checked at start and after every failure, once the server answers again.
        let mut check_database = true;
        while self.generation.get_value() == generation {
            if check_database {
                match self.still_the_same_database(&state, &remote).await {
                    Ok(true) => check_database = false,
                    Ok(false) => return,
                    Err(e) => {
                        self.fail(&e);
                        sleep(RETRY).await;
                        continue;
                    }
                }
            }
            if self.storage_is_full(&state) {
                sleep(RETRY).await;
                continue;
            }
            let result = match self.next_range() {
                Some(range) => self.read_range(&state, &remote, range).await,
                None => self.follow_feed(&state, &remote).await,
            };
            if self.generation.get_value() != generation {
                return;
            }
            match result {
                Ok(quiet) => check_database = quiet,
                Err(SyncError::NoAccess) => {
                    self.access_refused(&remote).await;
                    return;
                }
                Err(e) => {
                    self.fail(&e);
                    check_database = true;
                    sleep(RETRY).await;
                }
            }
        }
    }

    /// While the workspace cannot be saved (storage full), nothing more is taken: what
    /// arrived stays in this tab, the save is tried again, and receiving resumes once
    /// it succeeds (space freed).
    fn storage_is_full(&self, state: &AppState) -> bool {
        if !matches!(state.health.get_untracked(), StorageHealth::SaveFailed(_)) {
            return false;
        }
        state.flush();
        if matches!(state.health.get_untracked(), StorageHealth::SaveFailed(_)) {
            self.status.set(SyncStatus::Error(
                "This browser's storage is full. What arrived from the team so far is kept in this tab and saved as soon as there is room: free some space (Settings → Storage) and receiving resumes.".into(),
            ));
            return true;
        }
        self.show_waiting(self.pushing.get_value());
        false
    }

    pub(super) fn next_range(&self) -> Option<IdRange> {
        self.replica
            .with_value(|r| r.as_ref().and_then(|r| r.still_to_read.first().cloned()))
    }

    /// One page of what a join left to read, taken like any change from the team.
    async fn read_range(
        &self,
        state: &AppState,
        remote: &Remote,
        mut range: IdRange,
    ) -> Result<bool, SyncError> {
        if self.waiting() == 0 {
            self.status
                .set(SyncStatus::Receiving(kind_label(range.kind()).into()));
        }
        let (start, skip_first) = range.next_start();
        let page = remote
            .documents_in_range(start, skip_first, &range.end, PAGE)
            .await?;
        self.take(state, &page);
        let done = range.advance(page.last().map(|c| c.id.as_str()), page.len());
        self.replica.update_value(|r| {
            if let Some(r) = r {
                if done {
                    r.still_to_read.remove(0);
                } else if let Some(first) = r.still_to_read.first_mut() {
                    *first = range;
                }
            }
        });
        self.persist_after_records(state);
        if !self.pushing.get_value() {
            self.show_waiting(false);
        }
        Ok(false)
    }

    /// Waits for the next changes (a long-poll) and takes them.
    /// `Ok(true)` when the wait ended with nothing new: a quiet moment to check the
    /// database is still the one joined (a re-created one sends nothing, ever).
    async fn follow_feed(&self, state: &AppState, remote: &Remote) -> Result<bool, SyncError> {
        let since = self
            .replica
            .with_value(|r| r.as_ref().map(Replica::since_param))
            .unwrap_or_else(|| "0".into());
        let abort = web_sys::AbortController::new().ok();
        self.abort.set_value(abort.clone());
        let signal = abort.as_ref().map(|a| a.signal());
        // The server should answer within LONGPOLL_MS. Some (PouchDB Server) keep a
        // quiet long-poll open past it: ended by this watchdog, that is a quiet moment,
        // not a failure.
        let team = *self;
        let expired = std::rc::Rc::new(std::cell::Cell::new(false));
        let flag = expired.clone();
        let watchdog = set_timeout_with_handle(
            move || {
                flag.set(true);
                team.abort_wait();
            },
            std::time::Duration::from_millis(u64::from(LONGPOLL_MS) + 10_000),
        )
        .ok();
        let batch = remote.changes(&since, 500, true, signal.as_ref()).await;
        if let Some(watchdog) = watchdog {
            watchdog.clear();
        }
        let batch = match batch {
            Err(SyncError::Unreachable(_)) if expired.get() => return Ok(true),
            other => other?,
        };
        self.take(state, &batch.results);
        self.replica.update_value(|r| {
            if let Some(r) = r {
                r.since = batch.last_seq.clone()
            }
        });
        self.persist_after_records(state);
        if !self.pushing.get_value() {
            self.show_waiting(false);
            if self.waiting() > 0 {
                self.schedule_push(*state);
            }
        }
        Ok(batch.results.is_empty())
    }

    /// Applies what arrived (from the feed or a conflict) and tells the user what needs
    /// telling.
    pub(super) fn take(&self, state: &AppState, changes: &[Change]) {
        if changes.is_empty() {
            return;
        }
        let me = self.me();
        let received = state.workspace.with_untracked(|ws| {
            self.with_queue_and_replica(|outbox, replica| {
                receive(ws, outbox, replica, changes, &me)
            })
        });
        self.authors.update(|n| *n += 1);
        crate::perf::measure("sync-apply", || self.report(state, received, &me));
    }

    /// Applies what arrived with what was kept aside before (newer versions replace
    /// it). What still breaks a rule waits for the next changes; a record kept aside a
    /// second time is named.
    pub(super) fn apply_with_deferred(&self, state: &AppState, batch: RemoteBatch) {
        let mut waiting = self.deferred.get_value();
        waiting.retain(|(key, _, _)| !batch.iter().any(|(k, _)| k == key));
        let tries: Vec<(DocKey, u8)> = waiting.iter().map(|(k, _, n)| (k.clone(), *n)).collect();
        let all: RemoteBatch = waiting
            .into_iter()
            .map(|(k, r, _)| (k, r))
            .chain(batch)
            .collect();
        let refused = state.apply_remote(all);
        let mut still = Vec::new();
        for (key, record) in refused {
            let n = tries
                .iter()
                .find(|(k, _)| *k == key)
                .map_or(1, |(_, n)| n + 1);
            if n == 2 {
                state.toast_error(format!(
                    "A change from the team was set aside: “{key}” breaks the rules of the team's data here; it is tried again with the next changes."
                ));
            }
            still.push((key, record, n));
        }
        self.deferred.set_value(still);
    }

    pub(super) fn report(&self, state: &AppState, received: Received, me: &str) {
        for problem in &received.skipped {
            state.toast_error(format!("A change from the team was skipped: {problem}"));
        }
        self.apply_with_deferred(state, received.batch);
        let money = state.workspace.with_untracked(|ws| {
            crate::domain::model::money_format::MoneyFormat::for_settings(&ws.settings)
        });
        for clash in received.clashes {
            let text = clash.note_text(me, &money);
            match clash.subject() {
                Some(about) => {
                    state.run(
                        Command::AddNote {
                            about,
                            text: text.clone(),
                        },
                        "Keep the other value in a note",
                    );
                    state.toast_error(format!("{text} Their value is kept in the notes."));
                }
                None => state.toast_error(text),
            }
        }
        for text in received.replaced_mine {
            state.toast_error(text);
        }
        for (key, author) in received.deleted_their_edit {
            state.toast_error(format!(
                "{author} had changed {key}, which you deleted; it stays deleted."
            ));
        }
        if !received.deleted_while_edited.is_empty() {
            let asks = received
                .deleted_while_edited
                .into_iter()
                .map(|key| DeletedWhileEdited {
                    label: state.workspace.with_untracked(|ws| record_label(ws, &key)),
                    key,
                })
                .collect::<Vec<_>>();
            self.deleted_while_edited.update(|list| list.extend(asks));
        }
    }

    /// The server said 401 or 403, for an ended session and a removed member alike:
    /// which one it is decides between "sign in again" and "ask to be added".
    async fn access_refused(&self, remote: &Remote) {
        let still_in = matches!(remote.session().await, Ok(Some(_)));
        self.fail(&if still_in {
            SyncError::NoAccess
        } else {
            SyncError::SignedOut
        });
        if !still_in {
            self.user.set(None);
        }
    }

    pub(super) fn schedule_push(&self, state: AppState) {
        if !self.active() {
            return;
        }
        if self.pushing.get_value() {
            self.push_again.set_value(true);
            return;
        }
        self.pushing.set_value(true);
        let team = *self;
        let generation = self.generation.get_value();
        spawn_local(async move {
            let result = team.push_all(&state, generation).await;
            team.pushing.set_value(false);
            match result {
                Ok(()) => {
                    if team.push_again.get_value() {
                        team.push_again.set_value(false);
                        team.schedule_push(state);
                    } else {
                        team.show_waiting(false);
                    }
                }
                Err(SyncError::NoAccess) => {
                    if let Some(remote) = team.remote() {
                        team.access_refused(&remote).await;
                    }
                }
                Err(e) => {
                    team.fail(&e);
                    if matches!(e, SyncError::Unreachable(_)) {
                        sleep(RETRY).await;
                        team.schedule_push(state);
                    }
                }
            }
        });
    }

    pub(super) async fn push_all(
        &self,
        state: &AppState,
        generation: u64,
    ) -> Result<(), SyncError> {
        let remote = self.remote().ok_or(SyncError::SignedOut)?;
        let me = self.me();
        while self.generation.get_value() == generation {
            let asked = state
                .workspace
                .with_untracked(|ws| self.outbox.with_value(|o| revisions_to_ask(ws, o)));
            if !asked.is_empty() {
                let found = remote.current_revisions(&asked).await?;
                self.outbox
                    .update_value(|o| take_revisions(o, &asked, &found));
            }
            let sent = state
                .workspace
                .with_untracked(|ws| {
                    self.outbox
                        .try_update_value(|outbox| next_batch(ws, outbox, &me))
                })
                .unwrap_or_default();
            if sent.is_empty() {
                return Ok(());
            }
            self.status.set(SyncStatus::Sending(self.waiting()));
            let docs = sent.iter().map(|s| s.document.clone()).collect();
            let rows = remote.bulk_docs(docs).await?;
            let result = state.workspace.with_untracked(|ws| {
                self.with_queue_and_replica(|outbox, replica| {
                    settle(ws, outbox, replica, &sent, &rows, &me)
                })
            });
            self.authors.update(|n| *n += 1);
            self.persist(state);
            for id in result.conflicts {
                let theirs = remote.get(&id).await?;
                self.take(state, &[as_change(&id, theirs)]);
            }
            for (id, reason) in result.refused {
                state.toast_error(format!("The team server refused a change to {id}: {reason}. The server's version is kept."));
                let theirs = remote.get(&id).await?;
                self.replica.update_value(|r| {
                    if let Some(r) = r {
                        r.forget(&id)
                    }
                });
                self.take(state, &[as_change(&id, theirs)]);
            }
            self.persist(state);
        }
        Ok(())
    }
}

/// A fetched document (or its absence) as a change, to go through the same intake.
fn as_change(id: &str, doc: Option<serde_json::Map<String, serde_json::Value>>) -> Change {
    Change {
        id: id.into(),
        deleted: doc.is_none(),
        doc,
    }
}

/// "leads": a document kind as the status names it.
pub(super) fn kind_label(kind: &str) -> &'static str {
    match kind {
        "lead" => "leads",
        "activity" => "activities",
        "note" => "notes",
        "deal" => "deals",
        "log" => "deal history",
        _ => "records",
    }
}

/// "deal “Acme renewal”": how a record is named in a question.
fn record_label(ws: &Workspace, key: &DocKey) -> String {
    match key {
        DocKey::Deal(id) => ws.deals.get(id).map(|d| format!("deal “{}”", d.title)),
        DocKey::Lead(id) => ws.leads.get(id).map(|l| format!("lead “{}”", l.name)),
        DocKey::Organization(id) => ws
            .organizations
            .get(id)
            .map(|o| format!("organization “{}”", o.name)),
        _ => None,
    }
    .unwrap_or_else(|| key.to_string())
}
