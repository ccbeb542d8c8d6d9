//! This browser's changes waiting for the server, kept in local storage so they
//! survive a reload and go out in order once the server is back.
//!
//! An entry names a document and the server version the change started from; what is
//! sent is the record as it is *when sent*, so ten edits of one deal offline are one
//! write, and a retried write sends the same document again (never a second record).

use super::documents::{content, DocKey};
use super::merge::Fields;
use super::replica::Replica;
use crate::domain::Workspace;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// The document `_id`.
    pub id: String,
    /// The server revision the change is based on; `None` for a record new here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_rev: Option<String>,
    /// The server's record fields at `base_rev`, for the three-way merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Fields>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outbox {
    pub entries: Vec<OutboxEntry>,
}

impl Outbox {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entry(&self, id: &str) -> Option<&OutboxEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn entry_mut(&mut self, id: &str) -> Option<&mut OutboxEntry> {
        self.entries.iter_mut().find(|e| e.id == id)
    }

    pub fn remove(&mut self, id: &str) {
        self.entries.retain(|e| e.id != id);
    }

    /// Queues the documents a local change touched. `before` is the workspace before
    /// the change: for a document not yet queued it is the server's version (every
    /// pulled change is applied before local ones are made on top).
    pub fn queue(&mut self, keys: &[DocKey], before: &Workspace, replica: &Replica) {
        for key in keys {
            let id = key.to_string();
            if self.entry(&id).is_some() {
                continue;
            }
            let base_rev = replica.revs.get(&id).cloned();
            let base = base_rev.as_ref().and_then(|_| content(before, key));
            self.entries.push(OutboxEntry { id, base_rev, base });
        }
    }

    /// Queues every record (sharing a workspace into an empty database).
    pub fn queue_all(&mut self, ws: &Workspace) {
        self.entries = super::documents::all_keys(ws)
            .into_iter()
            .map(|key| OutboxEntry {
                id: key.to_string(),
                base_rev: None,
                base: None,
            })
            .collect();
    }

    /// Joins another tab's queue into this one (both write the same key): entries
    /// either has, in this one's order first.
    pub fn union(&mut self, other: Outbox) {
        for entry in other.entries {
            if self.entry(&entry.id).is_none() {
                self.entries.push(entry);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Command;

    fn day() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
    }

    #[test]
    fn a_change_queues_each_document_once_with_its_base() {
        let ws =
            crate::domain::demo::demo_workspace(crate::domain::demo::DemoSize::Standard, 7, day());
        let deal = ws
            .deals
            .values()
            .find(|d| {
                d.status == crate::domain::DealStatus::Open
                    && d.pipeline == ws.pipelines[0].id
                    && d.stage != ws.pipelines[0].stages[1].id
            })
            .expect("an open deal of the first pipeline, not in its second stage")
            .id;
        let mut replica = Replica::default();
        replica.revs.insert(format!("deal:{deal}"), "1-a".into());
        let mut after = ws.clone();
        after
            .apply(
                &Command::MoveDeal {
                    deal,
                    stage: ws.pipelines[0].stages[1].id,
                    before: None,
                },
                day(),
            )
            .expect("move");
        let mut outbox = Outbox::default();
        let keys = super::super::diff::changed_documents(&ws, &after);
        outbox.queue(&keys, &ws, &replica);
        outbox.queue(&keys, &after, &replica);
        // The deal and its new log entry.
        assert_eq!(outbox.len(), 2, "{outbox:?}");
        let entry = outbox
            .entry(&format!("deal:{deal}"))
            .expect("the deal queued");
        assert_eq!(entry.base_rev.as_deref(), Some("1-a"));
        let base = entry.base.as_ref().expect("a base");
        assert_eq!(base["stage"], serde_json::json!(ws.deals[&deal].stage));
        let log = outbox
            .entries
            .iter()
            .find(|e| e.id.starts_with("log:"))
            .expect("a log entry");
        assert_eq!(log.base_rev, None);
    }
}
