//! Team sync in the running app: signing in, sharing or joining, and the two loops —
//! pushing this browser's waiting changes and pulling everyone else's — with the status
//! the top bar shows. The rules live in `crate::sync`; this only schedules and reports.

use super::AppState;
use crate::domain::{Command, Workspace};
use crate::sync::documents::{next_id_for_device, DocKey};
use crate::sync::incoming::{receive, Received};
use crate::sync::outbox::Outbox;
use crate::sync::protocol::Change;
use crate::sync::push::{next_batch, settle};
use crate::sync::remote::Remote;
use crate::sync::replica::Replica;
use crate::sync::{design, stored, SyncError, TeamConfig};
use leptos::prelude::*;
use leptos::task::spawn_local;
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
    outbox: StoredValue<Outbox>,
    /// Bumped to stop the loops (sign-out); each loop holds the value it started with.
    generation: StoredValue<u64>,
    pushing: StoredValue<bool>,
    push_again: StoredValue<bool>,
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
            outbox: StoredValue::new(kept.outbox),
            generation: StoredValue::new(0),
            pushing: StoredValue::new(false),
            push_again: StoredValue::new(false),
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

    fn remote(&self) -> Option<Remote> {
        self.config.get_untracked().map(Remote::new)
    }

    fn me(&self) -> String {
        self.user.get_untracked().unwrap_or_default()
    }

    fn active(&self) -> bool {
        self.linked.get_untracked() && self.user.get_untracked().is_some()
    }

    fn persist(&self, state: &AppState) {
        let (replica, outbox) = (self.replica.get_value(), self.outbox.get_value());
        let result = state.with_repo(|repo| {
            if let Some(replica) = &replica {
                stored::save_replica(repo.store(), replica)?;
            }
            stored::save_outbox(repo.store(), &outbox)
        });
        if let Some(Err(e)) = result {
            self.status.set(SyncStatus::Error(format!(
                "Sync state could not be stored: {e}"
            )));
        }
    }

    fn show_waiting(&self, sending: bool) {
        let n = self.waiting();
        self.status.set(match (n, sending) {
            (0, _) => SyncStatus::Synced { at: now_label() },
            (n, true) => SyncStatus::Sending(n),
            (n, false) => SyncStatus::Offline(n),
        });
    }

    fn fail(&self, error: &SyncError) {
        self.status.set(match error {
            SyncError::Unreachable(_) => SyncStatus::Offline(self.waiting()),
            SyncError::SignedOut => SyncStatus::SignedOut,
            other => SyncStatus::Error(other.to_string()),
        });
    }

    /// At start: resumes syncing when the server still knows this browser's session,
    /// asking again until the server can be reached.
    pub fn resume(&self, state: AppState) {
        let Some(remote) = self.remote() else { return };
        let team = *self;
        spawn_local(async move {
            loop {
                match remote.session().await {
                    Ok(Some(user)) => {
                        team.user.set(Some(user));
                        if team.linked.get_untracked() {
                            team.start_loops(state);
                        } else {
                            team.status.set(SyncStatus::SignedOut);
                        }
                        return;
                    }
                    Ok(None) => return team.status.set(SyncStatus::SignedOut),
                    Err(SyncError::Unreachable(_)) if team.config.get_untracked().is_some() => {
                        team.status.set(SyncStatus::Offline(team.waiting()));
                        sleep(RETRY).await;
                    }
                    Err(e) => return team.fail(&e),
                }
            }
        });
        self.listen_for_network(state);
    }

    /// Coming back online retries at once instead of at the next timer.
    fn listen_for_network(&self, state: AppState) {
        let team = *self;
        let handle = window_event_listener(leptos::ev::online, move |_| {
            if team.active() {
                team.restart_pull(state);
                team.schedule_push(state);
            }
        });
        std::mem::forget(handle);
    }

    /// Signs in; the configuration (never the password) is kept for next time.
    pub async fn sign_in(
        &self,
        state: AppState,
        config: TeamConfig,
        password: String,
    ) -> Result<(), SyncError> {
        let remote = Remote::new(config.clone());
        let user = remote.sign_in(&password).await?;
        // The account must reach the database before anything else is offered.
        remote.info().await?;
        let same_team = self.config.get_untracked().as_ref() == Some(&config);
        if !same_team {
            self.stop();
            self.replica.set_value(None);
            self.outbox.set_value(Outbox::default());
            self.linked.set(false);
        }
        if let Some(Err(e)) = state.with_repo(|repo| stored::save_config(repo.store(), &config)) {
            return Err(SyncError::BadData(format!(
                "the settings could not be stored ({e})"
            )));
        }
        self.config.set(Some(config));
        self.user.set(Some(user));
        if self.linked.get_untracked() {
            self.start_loops(state);
        } else {
            self.status.set(SyncStatus::SignedOut);
        }
        Ok(())
    }

    /// Pushes this workspace into an empty team database and installs the server's
    /// rules. The sharing browser is device 0 and keeps every id it has.
    pub async fn share(&self, state: AppState) -> Result<(), SyncError> {
        let remote = self.remote().ok_or(SyncError::SignedOut)?;
        if remote.info().await?.doc_count > 0 {
            return Err(SyncError::NotEmpty);
        }
        match remote
            .put(design::DESIGN_ID, &design::design_document())
            .await
        {
            Ok(_) => {}
            Err(SyncError::NoAccess) => return Err(SyncError::NotAdmin),
            Err(e) => return Err(e),
        }
        if remote
            .put("device:0", &design::device_document(0, &self.me()))
            .await?
            .is_none()
        {
            return Err(SyncError::NotEmpty);
        }
        let mut outbox = Outbox::default();
        state.workspace.with_untracked(|ws| outbox.queue_all(ws));
        self.outbox.set_value(outbox);
        self.replica.set_value(Some(Replica::default()));
        self.linked.set(true);
        self.persist(&state);
        self.start_loops(state);
        Ok(())
    }

    /// Replaces this browser's workspace by the team's (the caller asked the user and
    /// kept a backup). Returns how many records arrived.
    pub async fn join(&self, state: AppState) -> Result<usize, SyncError> {
        let remote = self.remote().ok_or(SyncError::SignedOut)?;
        if remote.info().await?.doc_count == 0 {
            return Err(SyncError::Empty);
        }
        let mut replica = Replica::default();
        let mut outbox = Outbox::default();
        let mut ws = Workspace::empty();
        let mut skipped = Vec::new();
        let mut count = 0;
        loop {
            let batch = remote
                .changes(&replica.since_param(), 5_000, false, None)
                .await?;
            let done = batch.results.is_empty() || batch.pending == Some(0);
            let received = receive(&ws, &mut outbox, &mut replica, &batch.results, &self.me());
            count += received.batch.len();
            skipped.extend(received.skipped.iter().map(ToString::to_string));
            crate::sync::incoming::apply_batch(&mut ws, &received.batch);
            replica.since = batch.last_seq;
            if done {
                break;
            }
        }
        if ws.pipelines.is_empty() {
            return Err(SyncError::BadData(
                "the team database holds no pipeline".into(),
            ));
        }
        replica.device = self.claim_device(&remote).await?;
        ws.next_id = next_id_for_device(&ws, replica.device);
        let broken = ws.broken_rules();
        if !broken.is_empty() {
            return Err(SyncError::BadData(
                crate::domain::model::integrity::describe(&broken),
            ));
        }
        self.replica.set_value(Some(replica));
        self.outbox.set_value(outbox);
        self.linked.set(true);
        state.take_team_workspace(ws);
        self.persist(&state);
        for problem in skipped {
            state.toast_error(format!("A team document was skipped: {problem}"));
        }
        self.start_loops(state);
        Ok(count)
    }

    /// The smallest free device number from 1 up (0 is the browser that shared).
    async fn claim_device(&self, remote: &Remote) -> Result<u32, SyncError> {
        for device in 1..10_000 {
            let id = format!("device:{device}");
            if remote
                .put(&id, &design::device_document(device, &self.me()))
                .await?
                .is_some()
            {
                return Ok(device);
            }
        }
        Err(SyncError::BadData("no free device number".into()))
    }

    /// Stops syncing and forgets the team; the workspace stays unless the caller
    /// replaces it.
    pub async fn sign_out(&self, state: AppState) {
        self.stop();
        if let Some(remote) = self.remote() {
            // Signing out here works even when the server cannot be reached.
            let _ = remote.sign_out().await;
        }
        let _ = state.with_repo(|repo| stored::forget(repo.store()));
        self.replica.set_value(None);
        self.outbox.set_value(Outbox::default());
        self.config.set(None);
        self.user.set(None);
        self.linked.set(false);
        self.status.set(SyncStatus::Off);
    }

    fn stop(&self) {
        self.generation.update_value(|g| *g += 1);
        if let Some(abort) = self.abort.get_value() {
            abort.abort();
        }
    }

    fn start_loops(&self, state: AppState) {
        self.stop();
        self.show_waiting(true);
        self.restart_pull(state);
        self.schedule_push(state);
    }

    fn restart_pull(&self, state: AppState) {
        self.stop();
        let generation = self.generation.get_value();
        let team = *self;
        spawn_local(async move { team.pull_loop(state, generation).await });
    }

    async fn pull_loop(&self, state: AppState, generation: u64) {
        let Some(remote) = self.remote() else { return };
        while self.generation.get_value() == generation {
            let since = self
                .replica
                .with_value(|r| r.as_ref().map(Replica::since_param))
                .unwrap_or_else(|| "0".into());
            let abort = web_sys::AbortController::new().ok();
            self.abort.set_value(abort.clone());
            let signal = abort.as_ref().map(|a| a.signal());
            let result = remote.changes(&since, 500, true, signal.as_ref()).await;
            if self.generation.get_value() != generation {
                return;
            }
            match result {
                Ok(batch) => {
                    self.take(&state, &batch.results);
                    self.replica.update_value(|r| {
                        if let Some(r) = r {
                            r.since = batch.last_seq.clone()
                        }
                    });
                    self.persist(&state);
                    if !self.pushing.get_value() {
                        self.show_waiting(false);
                        if self.waiting() > 0 {
                            self.schedule_push(state);
                        }
                    }
                }
                Err(SyncError::NoAccess) => {
                    // 401 for an ended session and for a removed member alike.
                    let still_in = matches!(remote.session().await, Ok(Some(_)));
                    self.fail(&if still_in {
                        SyncError::NoAccess
                    } else {
                        SyncError::SignedOut
                    });
                    if !still_in {
                        self.user.set(None);
                    }
                    return;
                }
                Err(e) => {
                    self.fail(&e);
                    sleep(RETRY).await;
                }
            }
        }
    }

    /// Applies what arrived (from the feed or a conflict) and tells the user what needs
    /// telling.
    fn take(&self, state: &AppState, changes: &[Change]) {
        if changes.is_empty() {
            return;
        }
        let me = self.me();
        let received = state.workspace.with_untracked(|ws| {
            let mut outbox = self.outbox.get_value();
            let mut replica = self.replica.get_value().unwrap_or_default();
            let received = receive(ws, &mut outbox, &mut replica, changes, &me);
            self.outbox.set_value(outbox);
            self.replica.set_value(Some(replica));
            received
        });
        self.authors.update(|n| *n += 1);
        self.report(state, received, &me);
    }

    fn report(&self, state: &AppState, received: Received, me: &str) {
        let refused = state.apply_remote(received.batch);
        for problem in received
            .skipped
            .iter()
            .map(ToString::to_string)
            .chain(refused)
        {
            state.toast_error(format!("A change from the team was skipped: {problem}"));
        }
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

    /// Keeps a record someone deleted (ours is sent again) or lets the deletion stand.
    pub fn decide_deleted(&self, state: AppState, key: DocKey, restore: bool) {
        self.deleted_while_edited
            .update(|list| list.retain(|d| d.key != key));
        if !restore {
            self.outbox.update_value(|o| o.remove(&key.to_string()));
            let _ = state.apply_remote(vec![(key, None)]);
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
        let replica = self.replica.get_value().unwrap_or_default();
        self.outbox
            .update_value(|o| o.queue(&keys, before, &replica));
        self.persist(state);
        if self.user.get_untracked().is_some() {
            self.schedule_push(*state);
        } else {
            self.status.set(SyncStatus::SignedOut);
        }
    }

    fn schedule_push(&self, state: AppState) {
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

    async fn push_all(&self, state: &AppState, generation: u64) -> Result<(), SyncError> {
        let remote = self.remote().ok_or(SyncError::SignedOut)?;
        let me = self.me();
        while self.generation.get_value() == generation {
            let sent = state.workspace.with_untracked(|ws| {
                let mut outbox = self.outbox.get_value();
                let sent = next_batch(ws, &mut outbox, &me);
                self.outbox.set_value(outbox);
                sent
            });
            if sent.is_empty() {
                return Ok(());
            }
            self.status.set(SyncStatus::Sending(self.waiting()));
            let docs = sent.iter().map(|s| s.document.clone()).collect();
            let rows = remote.bulk_docs(docs).await?;
            let result = state.workspace.with_untracked(|ws| {
                let mut outbox = self.outbox.get_value();
                let mut replica = self.replica.get_value().unwrap_or_default();
                let result = settle(ws, &mut outbox, &mut replica, &sent, &rows, &me);
                self.outbox.set_value(outbox);
                self.replica.set_value(Some(replica));
                result
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
