//! Another tab's saves: read when storage says they happened, shown unless this tab has
//! changes of its own, which are then replayed on top of them.

use super::AppState;
use crate::domain::Workspace;
use crate::storage::Loaded;
use leptos::prelude::*;
use std::time::Duration;

impl AppState {
    /// Called when another tab wrote to storage.
    pub fn on_external_change(&self) {
        if !self.pending.with_value(Vec::is_empty) {
            // Our unsaved changes get replayed on top of theirs.
            self.flush();
            return;
        }
        let read_at = self.revision.get_untracked();
        let stored = self.repo.with_value(|r| {
            let r = r.as_ref()?;
            // Saves already read (several arrive while one read waits) cost nothing.
            let revision = r.stored_revision();
            let changed = revision != Ok(read_at);
            changed.then(|| (revision, crate::perf::measure("external-load", || r.load())))
        });
        let Some(stored) = stored else {
            return;
        };
        // A revision other than ours (the read above is skipped otherwise), shown in a
        // task of its own: reading and then redrawing 10,000 deals in one task held the
        // page for more than 50 ms.
        if let (Ok(revision), Loaded::Found { workspace, .. }) = stored {
            let state = *self;
            set_timeout(
                move || state.show_external(read_at, revision, workspace),
                Duration::ZERO,
            );
        }
    }

    /// Shows another tab's data read when this tab was at `read_at`.
    fn show_external(&self, read_at: u64, revision: u64, workspace: Workspace) {
        if !self.pending.with_value(Vec::is_empty) {
            // A change made since the read is replayed on top of their data.
            self.flush();
        } else if self.revision.get_untracked() == read_at {
            self.revision.set(revision);
            self.adopt(workspace);
            crate::perf::end_after_redraw("another-tab-shown");
        }
    }
}
