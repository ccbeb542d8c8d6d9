//! Sending this browser's waiting changes: the documents to write, and what the
//! server's answer means for the queue.

use super::documents::{content, log_keys, to_document, DocKey};
use super::merge::Fields;
use super::outbox::Outbox;
use super::protocol::BulkRow;
use super::replica::Replica;
use crate::domain::Workspace;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// How many documents one `_bulk_docs` request carries.
pub const BATCH: usize = 200;

/// One document as sent, and the record fields it held (`None`: a deletion).
#[derive(Clone, Debug, PartialEq)]
pub struct Sent {
    pub id: String,
    pub document: Value,
    pub fields: Option<Fields>,
}

/// The next documents to send, in queue order. Records created and deleted here
/// before ever reaching the server leave the queue without a write.
pub fn next_batch(ws: &Workspace, outbox: &mut Outbox, me: &str) -> Vec<Sent> {
    let mut sent = Vec::new();
    let mut nothing_to_send = Vec::new();
    for entry in &outbox.entries {
        if sent.len() == BATCH {
            break;
        }
        let Some(key) = DocKey::parse(&entry.id) else {
            nothing_to_send.push(entry.id.clone());
            continue;
        };
        match (content(ws, &key), &entry.base_rev) {
            (Some(fields), rev) => sent.push(Sent {
                id: entry.id.clone(),
                document: to_document(&key, &fields, rev.as_deref(), me),
                fields: Some(fields),
            }),
            (None, Some(rev)) => sent.push(Sent {
                id: entry.id.clone(),
                document: json!({"_id": entry.id, "_rev": rev, "_deleted": true}),
                fields: None,
            }),
            (None, None) => nothing_to_send.push(entry.id.clone()),
        }
    }
    for id in nothing_to_send {
        outbox.remove(&id);
    }
    sent
}

/// Log entries removed here whose server revision this browser does not keep (the
/// replica leaves log revisions out): the push asks the server for them first.
pub fn revisions_to_ask(ws: &Workspace, outbox: &Outbox) -> Vec<String> {
    let removed_logs: Vec<&str> = outbox
        .entries
        .iter()
        .take(BATCH)
        .filter(|e| e.base_rev.is_none() && e.id.starts_with("log:"))
        .map(|e| e.id.as_str())
        .collect();
    if removed_logs.is_empty() {
        return Vec::new();
    }
    let here: HashSet<String> = log_keys(&ws.log)
        .into_iter()
        .map(|key| DocKey::Log(key).to_string())
        .collect();
    removed_logs
        .into_iter()
        .filter(|id| !here.contains(*id))
        .map(String::from)
        .collect()
}

/// Takes the server's answer: the entries it holds are deleted at their revision; the
/// others never reached it and leave the queue (`next_batch` drops them).
pub fn take_revisions(outbox: &mut Outbox, asked: &[String], found: &HashMap<String, String>) {
    for id in asked {
        if let (Some(rev), Some(entry)) = (found.get(id), outbox.entry_mut(id)) {
            entry.base_rev = Some(rev.clone());
        }
    }
}

/// What the server said of a batch, beyond the accepted writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PushResult {
    pub accepted: usize,
    /// Someone wrote these first: fetch theirs and merge.
    pub conflicts: Vec<String>,
    /// The server refused these (its validation): the reason, and the server's version
    /// replaces ours.
    pub refused: Vec<(String, String)>,
}

/// Takes the server's answer: accepted documents leave the queue (or, when the record
/// changed again meanwhile, stay based on the new revision).
pub fn settle(
    ws: &Workspace,
    outbox: &mut Outbox,
    replica: &mut Replica,
    sent: &[Sent],
    rows: &[BulkRow],
    me: &str,
) -> PushResult {
    let mut result = PushResult::default();
    for row in rows {
        let Some(sent) = sent.iter().find(|s| s.id == row.id) else {
            continue;
        };
        match (&row.rev, row.error.as_deref()) {
            (Some(rev), None) => {
                result.accepted += 1;
                match &sent.fields {
                    Some(_) => replica.record(&row.id, rev, Some(me)),
                    None => replica.forget(&row.id),
                }
                let now = DocKey::parse(&row.id).and_then(|key| content(ws, &key));
                if now == sent.fields {
                    outbox.remove(&row.id);
                } else if let Some(entry) = outbox.entry_mut(&row.id) {
                    entry.base_rev = sent.fields.as_ref().map(|_| rev.clone());
                    entry.base = sent.fields.clone();
                }
            }
            (_, Some("conflict")) => result.conflicts.push(row.id.clone()),
            (_, error) => {
                let reason = row
                    .reason
                    .clone()
                    .or(error.map(String::from))
                    .unwrap_or_else(|| "refused".into());
                outbox.remove(&row.id);
                result.refused.push((row.id.clone(), reason));
            }
        }
    }
    result
}
