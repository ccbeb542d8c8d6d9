//! Changes from the server, turned into changes of the local workspace: decoded,
//! merged with this browser's own changes still waiting to be sent, and checked.

use super::apply::{apply, apply_all};
use super::documents::{
    content, from_document, log_content, log_keys, record_of, strip_meta, DocKey, DocumentError,
    LogKey, Record,
};
use super::merge::{field_label, merge, readable, Clash, Fields, Merged};
use super::outbox::Outbox;
use super::protocol::{author_of, rev_of, Change};
use super::replica::Replica;
use crate::domain::model::money::Money;
use crate::domain::model::money_format::MoneyFormat;
use crate::domain::model::Subject;
use crate::domain::Workspace;
use std::collections::HashSet;

/// Records to put into (or take out of) the workspace; not an undoable change.
pub type RemoteBatch = Vec<(DocKey, Option<Record>)>;

/// A field this browser's change overwrote on the server: the other person's value is
/// kept in a note on the record, and both are told.
#[derive(Clone, Debug, PartialEq)]
pub struct ClashReport {
    pub key: DocKey,
    /// Who wrote the value that lost.
    pub author: String,
    pub clash: Clash,
}

impl ClashReport {
    /// The note's text. It starts with `CLASH_NOTE_PREFIX` and names both people, so
    /// the person whose value lost is told when the note reaches them.
    pub fn note_text(&self, me: &str, money: &MoneyFormat) -> String {
        let shown = |value: Option<&serde_json::Value>| match (self.clash.field.as_str(), value) {
            ("value" | "expected_value", Some(v)) if v.is_i64() => {
                money.full(Money(v.as_i64().unwrap_or_default()))
            }
            _ => readable(value),
        };
        format!(
            "{CLASH_NOTE_PREFIX}{}'s {} {} was replaced by {me}'s {} (saved later).",
            self.author,
            field_label(&self.clash.field).to_lowercase(),
            shown(self.clash.theirs.as_ref()),
            shown(self.clash.ours.as_ref()),
        )
    }

    /// What the record's note is about, when the record can hold notes.
    pub fn subject(&self) -> Option<Subject> {
        match self.key {
            DocKey::Deal(id) => Some(Subject::Deal(id)),
            DocKey::Lead(id) => Some(Subject::Lead(id)),
            DocKey::Organization(id) => Some(Subject::Organization(id)),
            DocKey::Person(id) => Some(Subject::Person(id)),
            _ => None,
        }
    }
}

pub const CLASH_NOTE_PREFIX: &str = "Edit conflict: ";

/// Whether a note that arrived tells `me` that my value was replaced.
pub fn tells_me_of_a_clash(record: &Record, me: &str) -> Option<String> {
    match record {
        Record::Note(note)
            if note.text.starts_with(CLASH_NOTE_PREFIX)
                && note.text[CLASH_NOTE_PREFIX.len()..].starts_with(&format!("{me}'s ")) =>
        {
            Some(note.text.clone())
        }
        _ => None,
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Received {
    pub batch: RemoteBatch,
    /// Documents that could not be used; they are named, never deleted on the server.
    pub skipped: Vec<DocumentError>,
    pub clashes: Vec<ClashReport>,
    /// Records someone deleted while this browser had changed them: the user decides.
    pub deleted_while_edited: Vec<DocKey>,
    /// Records this browser deleted while someone had changed them (the deletion
    /// stands), with who changed them.
    pub deleted_their_edit: Vec<(DocKey, String)>,
    /// Texts of clash notes that tell this user their value was replaced.
    pub replaced_mine: Vec<String>,
}

/// Turns a batch of changes into workspace changes, updating what this browser knows
/// of the server (`replica`) and its waiting changes (`outbox`).
pub fn receive(
    ws: &Workspace,
    outbox: &mut Outbox,
    replica: &mut Replica,
    changes: &[Change],
    me: &str,
) -> Received {
    let mut out = Received::default();
    // The log keys here, once: looking each arriving entry up in the log would be
    // quadratic when a join brings them all.
    let mut log_here: Option<HashSet<LogKey>> = None;
    for change in changes {
        if change.id.starts_with("_design/") || change.id.starts_with("device:") {
            continue;
        }
        let rev = change
            .doc
            .as_ref()
            .and_then(|d| rev_of(d))
            .map(str::to_string);
        if rev.is_some() && replica.revs.get(&change.id) == rev.as_ref() {
            continue; // our own write coming back
        }
        let Some(key) = DocKey::parse(&change.id) else {
            out.skipped.push(DocumentError::UnknownId {
                id: change.id.clone(),
            });
            continue;
        };
        let author = change
            .doc
            .as_ref()
            .and_then(|d| author_of(d))
            .unwrap_or("someone")
            .to_string();
        let theirs: Option<(Record, Fields)> = match (&change.doc, change.deleted) {
            (Some(doc), false) => match from_document(&change.id, doc) {
                Ok((_, record)) => Some((record, strip_meta(doc))),
                Err(e) => {
                    out.skipped.push(e);
                    continue;
                }
            },
            _ => None,
        };
        match theirs.as_ref().map(|(r, _)| tells_me_of_a_clash(r, me)) {
            Some(Some(text)) if author != me => out.replaced_mine.push(text),
            _ => {}
        }
        // The server holds what this browser holds (typically our own write, back before
        // the push's answer): nothing changes here, and the undo history is left alone.
        let ours = match &key {
            DocKey::Log(log_key) => log_here
                .get_or_insert_with(|| log_keys(&ws.log).into_iter().collect())
                .contains(log_key)
                .then(|| log_content(log_key)),
            _ => content(ws, &key),
        };
        if ours.as_ref() == theirs.as_ref().map(|(_, f)| f) {
            outbox.remove(&change.id);
            match (&rev, change.deleted) {
                (Some(rev), false) => replica.record(&change.id, rev, Some(&author)),
                _ => replica.forget(&change.id),
            }
            continue;
        }
        let waiting = outbox.entry(&change.id).cloned();
        match waiting {
            None => out.batch.push((key.clone(), theirs.map(|(r, _)| r))),
            Some(entry) => {
                let theirs_fields = theirs.as_ref().map(|(_, f)| f);
                match merge(entry.base.as_ref(), ours.as_ref(), theirs_fields) {
                    Merged::Record { fields, clashes } => {
                        match record_of(&key, &change.id, &fields) {
                            Ok(record) => out.batch.push((key.clone(), Some(record))),
                            Err(e) => {
                                out.skipped.push(e);
                                continue;
                            }
                        }
                        out.clashes
                            .extend(clashes.into_iter().map(|clash| ClashReport {
                                key: key.clone(),
                                author: author.clone(),
                                clash,
                            }));
                        if Some(&fields) == theirs_fields {
                            outbox.remove(&change.id);
                        } else if let Some(e) = outbox.entry_mut(&change.id) {
                            e.base = theirs_fields.cloned();
                            e.base_rev = rev.clone();
                        }
                    }
                    Merged::Deleted => {
                        out.batch.push((key.clone(), None));
                        outbox.remove(&change.id);
                    }
                    Merged::WeDeletedTheirEdit { theirs } => {
                        out.deleted_their_edit.push((key.clone(), author.clone()));
                        if let Some(e) = outbox.entry_mut(&change.id) {
                            e.base = Some(theirs);
                            e.base_rev = rev.clone();
                        }
                    }
                    Merged::TheyDeletedOurEdit { .. } => {
                        out.deleted_while_edited.push(key.clone());
                        if let Some(e) = outbox.entry_mut(&change.id) {
                            // Sent again, ours re-creates the record on the server.
                            e.base = None;
                            e.base_rev = rev.clone();
                        }
                    }
                }
            }
        }
        match (&rev, change.deleted) {
            (Some(rev), false) => replica.record(&change.id, rev, Some(&author)),
            _ => replica.forget(&change.id),
        }
    }
    out
}

/// Applies a batch to a workspace when the result keeps every rule; otherwise applies
/// the documents that keep them (trying the refused ones once more at the end, since a
/// deal may arrive before its new pipeline) and returns the rest, to try again with the
/// next changes (a deal's deletion can arrive a moment before its log entries').
pub fn apply_checked(ws: &mut Workspace, batch: RemoteBatch) -> (RemoteBatch, RemoteBatch) {
    let mut all = ws.clone();
    apply_all(&mut all, batch.clone());
    if all.broken_rules().is_empty() {
        *ws = all;
        return (batch, Vec::new());
    }
    let mut applied = Vec::new();
    let mut refused = Vec::new();
    let mut broken = ws.broken_rules().len();
    for round in 0..2 {
        let todo = std::mem::take(&mut refused);
        let items = if round == 0 { batch.clone() } else { todo };
        for (key, record) in items {
            let mut next = ws.clone();
            apply(&mut next, &key, record.clone());
            let now = next.broken_rules().len();
            if now <= broken {
                broken = now;
                *ws = next;
                applied.push((key, record));
            } else {
                refused.push((key, record));
            }
        }
    }
    (applied, refused)
}

/// Applies an already checked batch (to undo snapshots and to another tab's data).
pub fn apply_batch(ws: &mut Workspace, batch: &RemoteBatch) {
    apply_all(ws, batch.clone());
}
