//! Connecting to the team: resuming at start, signing in and out, sharing this
//! workspace or joining the team's.

use super::{sleep, Job, SyncStatus, TeamSync, RETRY};
use crate::domain::Workspace;
use crate::state::AppState;
use crate::sync::documents::next_id_for_device;
use crate::sync::incoming::receive;
use crate::sync::outbox::Outbox;
use crate::sync::reading::{IdRange, BOARD_KINDS, LATER_KINDS, PAGE};
use crate::sync::remote::Remote;
use crate::sync::replica::Replica;
use crate::sync::{design, stored, SyncError, TeamConfig};
use leptos::prelude::*;
use leptos::task::spawn_local;

impl TeamSync {
    /// At start: resumes syncing when a team is configured (`resume_now`, once the
    /// engine's code is here).
    pub fn resume(&self, state: AppState) {
        if self.config.get_untracked().is_some() {
            self.in_engine(state, Job::Resume);
        }
    }

    /// Resumes syncing when the server still knows this browser's session, asking again
    /// until the server can be reached.
    pub(super) fn resume_now(&self, state: AppState) {
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
    pub(super) fn listen_for_network(&self, state: AppState) {
        let team = *self;
        let handle = window_event_listener(leptos::ev::online, move |_| {
            if team.active() {
                team.restart_pull(state);
                team.schedule_push(state);
            }
        });
        std::mem::forget(handle);
        // A dropped network can leave a long-poll hanging with no answer and no error:
        // it is ended here, and the status says offline at once.
        let handle = window_event_listener(leptos::ev::offline, move |_| {
            if team.active() {
                team.abort_wait();
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
    /// kept a backup). Reads what the board needs, page by page, hands the board over,
    /// and leaves the other kinds to the pull loop. Returns how many records arrived
    /// before the board was shown.
    pub async fn join(&self, state: AppState) -> Result<usize, SyncError> {
        let remote = self.remote().ok_or(SyncError::SignedOut)?;
        let info = remote.info().await?;
        if info.doc_count == 0 {
            return Err(SyncError::Empty);
        }
        // The feed takes over from here: whatever changes while the pages are read
        // comes again through it (already-known revisions are skipped).
        let mut replica = Replica {
            since: info.update_seq,
            ..Replica::default()
        };
        let mut outbox = Outbox::default();
        let mut ws = Workspace::empty();
        let mut skipped = Vec::new();
        let mut count = 0;
        for kind in BOARD_KINDS {
            let mut range = IdRange::of(kind);
            loop {
                let (start, skip_first) = range.next_start();
                let page = remote
                    .documents_in_range(start, skip_first, &range.end, PAGE)
                    .await?;
                let received = receive(&ws, &mut outbox, &mut replica, &page, &self.me());
                count += received.batch.len();
                skipped.extend(received.skipped.iter().map(ToString::to_string));
                crate::sync::apply::apply_all(&mut ws, received.batch);
                if range.advance(page.last().map(|c| c.id.as_str()), page.len()) {
                    break;
                }
            }
        }
        if ws.pipelines.is_empty() {
            return Err(SyncError::BadData(
                "the team database holds no pipeline".into(),
            ));
        }
        replica.device = self.claim_device(&remote).await?;
        replica.still_to_read = LATER_KINDS.iter().map(|k| IdRange::of(k)).collect();
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
        crate::perf::measure("join-show", || state.take_team_workspace(ws));
        // Written once the team's workspace is: a reload in between finds the user's
        // own workspace, not joined.
        self.persist_after_records(&state);
        for problem in skipped {
            state.toast_error(format!("A team document was skipped: {problem}"));
        }
        self.start_loops(state);
        Ok(count)
    }

    /// The smallest free device number from 1 up (0 is the browser that shared).
    pub(super) async fn claim_device(&self, remote: &Remote) -> Result<u32, SyncError> {
        for device in 1..10_000 {
            let id = format!("device:{device}");
            match remote
                .put(&id, &design::device_document(device, &self.me()))
                .await
            {
                Ok(Some(_)) => return Ok(device),
                // Taken: CouchDB answers 409; PouchDB Server runs the database's rules
                // first, which refuse changing a claim (403), so a refusal is checked.
                Ok(None) => {}
                Err(SyncError::NoAccess) if remote.get(&id).await?.is_some() => {}
                Err(e) => return Err(e),
            }
        }
        Err(SyncError::BadData("no free device number".into()))
    }

    /// Whether the team database is still the one this browser joined: its device
    /// claim is there. A database deleted and created again (or emptied) has none; the
    /// feed would then silently bring nothing, so it is said, and sharing again offered.
    pub(super) async fn still_the_same_database(
        &self,
        state: &AppState,
        remote: &Remote,
    ) -> Result<bool, SyncError> {
        let device = self.replica.with_value(|r| r.as_ref().map(|r| r.device));
        let Some(device) = device else {
            return Ok(true);
        };
        if remote.get(&format!("device:{device}")).await?.is_some() {
            return Ok(true);
        }
        self.stop();
        let _ = state.with_repo(|repo| stored::forget_replica(repo.store()));
        self.replica.set_value(None);
        self.outbox.set_value(Outbox::default());
        self.linked.set(false);
        let message = format!(
            "The team database “{}” was deleted or emptied on the server. Everything here is kept: share this workspace again, or join the team's new pipeline (Settings → Team).",
            remote.config.database
        );
        self.status.set(SyncStatus::Error(message.clone()));
        state.toast_error(message);
        Ok(false)
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
}
