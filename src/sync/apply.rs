//! Putting arrived records into a workspace. A batch's new log entries are placed in
//! one pass (a join brings tens of thousands: one scan of the log each would be
//! quadratic), after the entries of their date or earlier already there, so the log
//! stays in date order (rule 27) while entries already here keep their order.

use super::documents::{log_entry, log_keys, DocKey, LogKey, Record};
use crate::domain::model::LogEntry;
use crate::domain::Workspace;
use std::collections::HashSet;

/// Puts a record into the workspace (`Some`) or takes it out (`None`).
pub fn apply(ws: &mut Workspace, key: &DocKey, record: Option<Record>) {
    apply_all(ws, vec![(key.clone(), record)]);
}

/// Applies a batch in order; log entries new here are added together at the end.
pub fn apply_all(ws: &mut Workspace, batch: Vec<(DocKey, Option<Record>)>) {
    let mut new_entries: Vec<(LogKey, LogEntry)> = Vec::new();
    for (key, record) in batch {
        match (key, record) {
            (DocKey::Log(log_key), Some(Record::Log(entry))) => new_entries.push((log_key, entry)),
            (DocKey::Log(log_key), None) => {
                // Rare (an undone move, a deleted deal): the pending additions first,
                // since the deletion may name one of them.
                insert_log_entries(ws, std::mem::take(&mut new_entries));
                if let Some((i, _)) = log_entry(ws, &log_key) {
                    ws.log.remove(i);
                }
            }
            (key, record) => apply_record(ws, &key, record),
        }
    }
    insert_log_entries(ws, new_entries);
}

fn apply_record(ws: &mut Workspace, key: &DocKey, record: Option<Record>) {
    match (key, record) {
        (_, Some(Record::Settings(settings))) => ws.settings = settings,
        (_, Some(Record::Pipeline(pipeline))) => {
            match ws.pipelines.iter_mut().find(|p| p.id == pipeline.id) {
                Some(existing) => *existing = pipeline,
                None => ws.pipelines.push(pipeline),
            }
        }
        (_, Some(Record::Deal(deal))) => {
            ws.deals.insert(deal.id, deal);
        }
        (_, Some(Record::Lead(lead))) => {
            ws.leads.insert(lead.id, lead);
        }
        (_, Some(Record::Organization(org))) => {
            ws.organizations.insert(org.id, org);
        }
        (_, Some(Record::Person(person))) => {
            ws.people.insert(person.id, person);
        }
        (_, Some(Record::Activity(activity))) => {
            ws.activities.insert(activity.id, activity);
        }
        (_, Some(Record::Note(note))) => {
            ws.notes.insert(note.id, note);
        }
        // A log record under another key: `from_document` never makes one.
        (_, Some(Record::Log(_))) | (DocKey::Settings | DocKey::Log(_), None) => {}
        (DocKey::Pipeline(id), None) => ws.pipelines.retain(|p| p.id != *id),
        (DocKey::Deal(id), None) => {
            ws.deals.remove(id);
        }
        (DocKey::Lead(id), None) => {
            ws.leads.remove(id);
        }
        (DocKey::Organization(id), None) => {
            ws.organizations.remove(id);
        }
        (DocKey::Person(id), None) => {
            ws.people.remove(id);
        }
        (DocKey::Activity(id), None) => {
            ws.activities.remove(id);
        }
        (DocKey::Note(id), None) => {
            ws.notes.remove(id);
        }
    }
}

/// Adds the entries whose key is not in the log yet, each after the last entry of its
/// date or earlier: a stable sort by date of (log as it is, then the new ones in order)
/// does exactly that when the log is in date order.
fn insert_log_entries(ws: &mut Workspace, entries: Vec<(LogKey, LogEntry)>) {
    if entries.is_empty() {
        return;
    }
    let mut present: HashSet<LogKey> = log_keys(&ws.log).into_iter().collect();
    let fresh: Vec<LogEntry> = entries
        .into_iter()
        .filter(|(key, _)| present.insert(*key))
        .map(|(_, entry)| entry)
        .collect();
    if fresh.is_empty() {
        return;
    }
    if fresh.len() == 1 && ws.log.iter().all(|e| e.on <= fresh[0].on) {
        ws.log.push_back(fresh[0]);
        return;
    }
    let mut log: Vec<LogEntry> = ws.log.iter().copied().collect();
    log.extend(fresh);
    crate::domain::support::sorting::sort_by_key(&mut log, |e| e.on);
    ws.log = log.into_iter().collect();
}
