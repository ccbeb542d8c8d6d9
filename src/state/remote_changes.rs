//! What team sync needs from the app state: changes that arrive from the team (not the
//! user's: not undoable, not sent back), the joined workspace, a backup before joining,
//! and refusing to replace everything while the workspace is shared.

use super::{backup_stamp, AppState, Pending};
use crate::domain::Workspace;
use crate::storage::StoreError;
use crate::sync::incoming::RemoteBatch;
use leptos::prelude::*;

impl AppState {
    /// Replaces everything (demo data, a scenario, a backup) and says `done`; refused
    /// (and said) while the workspace is shared with a team, since it would replace the
    /// team's data for everyone.
    pub fn replace_everything(
        &self,
        workspace: Workspace,
        label: impl Into<String>,
        done: String,
    ) -> bool {
        if self.team.linked.get_untracked() {
            self.toast_error(
                "This workspace is shared with your team: replacing it would replace the team's \
                 data for everyone. Sign out of the team first (Settings → Team)."
                    .into(),
            );
            return false;
        }
        self.replace(workspace, label);
        self.toast(done);
        true
    }

    /// The team's workspace, joined: saved, and not an undoable change.
    pub fn take_team_workspace(&self, workspace: Workspace) {
        self.pending.update_value(|p| p.push(Pending::Replace));
        self.adopt(workspace);
        self.schedule_save();
    }

    /// Records that arrived from the team: applied where they keep every rule (the
    /// others are returned, to try again), also under the undo snapshots, so undo takes
    /// back only this user's changes. Saved, but not pushed back.
    pub fn apply_remote(&self, batch: RemoteBatch) -> RemoteBatch {
        if batch.is_empty() {
            return Vec::new();
        }
        let mut next = self.workspace.get_untracked();
        let (applied, refused) = crate::sync::incoming::apply_checked(&mut next, batch);
        self.history
            .update_value(|h| h.rebase(|ws| crate::sync::incoming::apply_batch(ws, &applied)));
        self.pending
            .update_value(|p| p.push(Pending::Remote(applied)));
        self.workspace.set(next);
        self.first_run.set(false);
        self.schedule_save();
        refused
    }

    /// Keeps the current workspace under a backup key (before joining a team).
    pub fn keep_backup_of_current(&self) -> Result<String, StoreError> {
        let raw = self
            .workspace
            .with_untracked(crate::storage::encode_for_storage);
        let stamp = backup_stamp(chrono::Utc::now().naive_utc());
        self.with_repo(|r| r.keep_backup(&raw, &stamp))
            .unwrap_or_else(|| Err(StoreError::Unavailable("no storage".into())))
    }
}
