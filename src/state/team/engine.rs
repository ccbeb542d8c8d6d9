//! The team sync engine — the loops, the server protocol, merging what arrives — is
//! split out of the app's wasm (`crate::split`): most browsers never join a team, and
//! one that has joined shows its board without waiting for it. What must not wait
//! stays in the app: queuing and storing a local change (`note_local`), so a change
//! made before the engine arrives is sent once it does.

use super::{sleep, SyncStatus, TeamSync, RETRY};
use crate::split::split_points;
use crate::state::AppState;
use crate::sync::documents::DocKey;
use leptos::prelude::*;

/// What the app asks of the engine.
pub(super) enum Job {
    /// At start, with a team configured: sign in again and sync.
    Resume,
    /// Send the queued changes.
    Push,
    /// A record someone deleted while this browser had changed it: keep ours or not.
    Decide { key: DocKey, restore: bool },
}

split_points! {
    every_team_download;
    team_sync: team_engine -> fn(TeamSync, AppState, Job), download_team_sync => run;
}

fn run(team: TeamSync, state: AppState, job: Job) {
    match job {
        Job::Resume => team.resume_now(state),
        Job::Push => team.schedule_push(state),
        Job::Decide { key, restore } => team.decide_deleted_now(state, key, restore),
    }
}

impl TeamSync {
    /// Runs `job` in the engine, in a task of its own and in order with the jobs already
    /// waiting, once the engine's code is here (tried again every 2 s while it cannot
    /// be downloaded).
    pub(super) fn in_engine(&self, state: AppState, job: Job) {
        let waiting = self.jobs.try_update_value(|jobs| {
            jobs.push(job);
            jobs.len() > 1
        });
        if waiting != Some(false) {
            return; // the first job's download runs them all
        }
        let team = *self;
        leptos::task::spawn_local(async move {
            let run = loop {
                match team_engine().await {
                    Ok(run) => break run,
                    Err(_) => {
                        team.status.set(SyncStatus::Error(
                            "Team sync could not be downloaded: your changes wait here. \
                             Trying again…"
                                .into(),
                        ));
                        sleep(RETRY).await;
                    }
                }
            };
            while let Some(job) = team
                .jobs
                .try_update_value(|jobs| (!jobs.is_empty()).then(|| jobs.remove(0)))
                .flatten()
            {
                run(team, state, job);
            }
        });
    }
}
