//! The mapping between a workspace and CouchDB documents: one document per record, and
//! one immutable document per stage-log entry. Pure: no network, no browser.

use crate::domain::model::ids::ID_BLOCK;
use crate::domain::model::*;
use crate::domain::Workspace;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;
use thiserror::Error;

/// The schema of team documents, which every document carries; the server refuses other
/// versions. Its own number: local storage's layout (`storage::SCHEMA_VERSION`) can change
/// without the team's documents changing.
pub const DOCUMENT_SCHEMA: u32 = 2;

/// Fields the sync layer adds to a record's own fields.
const META_FIELDS: [&str; 8] = [
    "_id",
    "_rev",
    "_deleted",
    "_revisions",
    "_conflicts",
    "type",
    "schema",
    "author",
];

/// Which document a record lives in. Its text form is the document's `_id`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKey {
    Settings,
    Pipeline(PipelineId),
    Deal(DealId),
    Lead(LeadId),
    Organization(OrganizationId),
    Person(PersonId),
    Activity(ActivityId),
    Note(NoteId),
    /// A log entry is named by what it says plus which occurrence of the same fact it
    /// is, so the same entry always gets the same `_id`: a retried push can never add it
    /// twice, and no per-entry id is needed in the model.
    Log(LogKey),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LogKey {
    pub deal: DealId,
    pub on: chrono::NaiveDate,
    pub event: EventKey,
    pub occurrence: u32,
}

/// `DealEvent` with an order, for keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKey {
    Entered(StageId),
    Won,
    Lost,
    Reopened,
    ExpectedClose(Option<chrono::NaiveDate>),
}

impl From<DealEvent> for EventKey {
    fn from(event: DealEvent) -> Self {
        match event {
            DealEvent::EnteredStage(stage) => EventKey::Entered(stage),
            DealEvent::Won => EventKey::Won,
            DealEvent::Lost => EventKey::Lost,
            DealEvent::Reopened => EventKey::Reopened,
            DealEvent::ExpectedClose(date) => EventKey::ExpectedClose(date),
        }
    }
}

impl From<EventKey> for DealEvent {
    fn from(event: EventKey) -> Self {
        match event {
            EventKey::Entered(stage) => DealEvent::EnteredStage(stage),
            EventKey::Won => DealEvent::Won,
            EventKey::Lost => DealEvent::Lost,
            EventKey::Reopened => DealEvent::Reopened,
            EventKey::ExpectedClose(date) => DealEvent::ExpectedClose(date),
        }
    }
}

impl fmt::Display for DocKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocKey::Settings => write!(f, "settings"),
            DocKey::Pipeline(id) => write!(f, "pipeline:{id}"),
            DocKey::Deal(id) => write!(f, "deal:{id}"),
            DocKey::Lead(id) => write!(f, "lead:{id}"),
            DocKey::Organization(id) => write!(f, "organization:{id}"),
            DocKey::Person(id) => write!(f, "person:{id}"),
            DocKey::Activity(id) => write!(f, "activity:{id}"),
            DocKey::Note(id) => write!(f, "note:{id}"),
            DocKey::Log(key) => {
                let event = match key.event {
                    EventKey::Entered(stage) => format!("stage-{stage}"),
                    EventKey::Won => "won".into(),
                    EventKey::Lost => "lost".into(),
                    EventKey::Reopened => "reopened".into(),
                    EventKey::ExpectedClose(Some(date)) => format!("close-{date}"),
                    EventKey::ExpectedClose(None) => "close-none".into(),
                };
                write!(f, "log:{}:{}:{event}:{}", key.deal, key.on, key.occurrence)
            }
        }
    }
}

impl DocKey {
    /// Parses a document `_id`; `None` for documents that hold no record (design
    /// documents, device claims).
    pub fn parse(id: &str) -> Option<DocKey> {
        if id == "settings" {
            return Some(DocKey::Settings);
        }
        let (kind, rest) = id.split_once(':')?;
        let number = || rest.parse::<u64>().ok();
        Some(match kind {
            "pipeline" => DocKey::Pipeline(PipelineId(number()?)),
            "deal" => DocKey::Deal(DealId(number()?)),
            "lead" => DocKey::Lead(LeadId(number()?)),
            "organization" => DocKey::Organization(OrganizationId(number()?)),
            "person" => DocKey::Person(PersonId(number()?)),
            "activity" => DocKey::Activity(ActivityId(number()?)),
            "note" => DocKey::Note(NoteId(number()?)),
            "log" => {
                let mut parts = rest.split(':');
                let deal = DealId(parts.next()?.parse().ok()?);
                let on = parts.next()?.parse().ok()?;
                let event = match parts.next()? {
                    "won" => EventKey::Won,
                    "lost" => EventKey::Lost,
                    "reopened" => EventKey::Reopened,
                    "close-none" => EventKey::ExpectedClose(None),
                    other if other.starts_with("close-") => {
                        EventKey::ExpectedClose(Some(other["close-".len()..].parse().ok()?))
                    }
                    other => {
                        EventKey::Entered(StageId(other.strip_prefix("stage-")?.parse().ok()?))
                    }
                };
                let occurrence = parts.next()?.parse().ok()?;
                if parts.next().is_some() {
                    return None;
                }
                DocKey::Log(LogKey {
                    deal,
                    on,
                    event,
                    occurrence,
                })
            }
            _ => return None,
        })
    }

    /// The `type` field of the document.
    pub fn kind(&self) -> &'static str {
        match self {
            DocKey::Settings => "settings",
            DocKey::Pipeline(_) => "pipeline",
            DocKey::Deal(_) => "deal",
            DocKey::Lead(_) => "lead",
            DocKey::Organization(_) => "organization",
            DocKey::Person(_) => "person",
            DocKey::Activity(_) => "activity",
            DocKey::Note(_) => "note",
            DocKey::Log(_) => "log",
        }
    }

    /// The deal this document belongs to, if any (for "changed by" on a deal panel).
    pub fn deal(&self) -> Option<DealId> {
        match self {
            DocKey::Deal(id) => Some(*id),
            DocKey::Log(key) => Some(key.deal),
            _ => None,
        }
    }
}

/// One record as it travels.
#[derive(Clone, Debug, PartialEq)]
pub enum Record {
    Settings(Settings),
    Pipeline(Pipeline),
    Deal(Deal),
    Lead(Lead),
    Organization(Organization),
    Person(Person),
    Activity(Activity),
    Note(Note),
    Log(LogEntry),
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DocumentError {
    #[error("“{id}” is not a Pipewright document")]
    UnknownId { id: String },
    #[error("“{id}” was written by another version of Pipewright (schema {found})")]
    OtherSchema { id: String, found: String },
    #[error("“{id}” could not be read: {reason}")]
    Undecodable { id: String, reason: String },
    #[error("“{id}” says it is record {inside}")]
    WrongId { id: String, inside: u64 },
}

/// The log keys of a workspace's log, in log order: each entry numbered by how many
/// identical (deal, date, event) entries come before it.
pub fn log_keys(log: &imbl::Vector<LogEntry>) -> Vec<LogKey> {
    let mut seen: HashMap<(DealId, chrono::NaiveDate, EventKey), u32> = HashMap::new();
    log.iter()
        .map(|entry| {
            let fact = (entry.deal, entry.on, EventKey::from(entry.event));
            let occurrence = seen.entry(fact).or_insert(0);
            let key = LogKey {
                deal: entry.deal,
                on: entry.on,
                event: fact.2,
                occurrence: *occurrence,
            };
            *occurrence += 1;
            key
        })
        .collect()
}

/// A record's fields as JSON. Through text on purpose: the text serializer and parser
/// are already in the app for storage, where `to_value`/`from_value` would compile every
/// record's serde code a second time (about 90 KB of the download).
fn fields<T: Serialize>(record: &T) -> Map<String, Value> {
    serde_json::to_string(record)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        // Every record serialises to an object; anything else would be a programming
        // error, shown as an empty document the server refuses.
        .unwrap_or_default()
}

/// The record's own fields (no `_id`, `_rev` or meta) for a key, `None` when the
/// workspace has no such record.
pub fn content(ws: &Workspace, key: &DocKey) -> Option<Map<String, Value>> {
    match key {
        DocKey::Settings => Some(fields(&ws.settings)),
        DocKey::Pipeline(id) => ws.pipeline(*id).ok().map(fields),
        DocKey::Deal(id) => ws.deals.get(id).map(fields),
        DocKey::Lead(id) => ws.leads.get(id).map(fields),
        DocKey::Organization(id) => ws.organizations.get(id).map(fields),
        DocKey::Person(id) => ws.people.get(id).map(fields),
        DocKey::Activity(id) => ws.activities.get(id).map(fields),
        DocKey::Note(id) => ws.notes.get(id).map(fields),
        DocKey::Log(key) => log_entry(ws, key).map(|(_, entry)| fields(entry)),
    }
}

/// A log entry's fields, which its key fully says.
pub fn log_content(key: &LogKey) -> Map<String, Value> {
    fields(&LogEntry {
        deal: key.deal,
        on: key.on,
        event: key.event.into(),
    })
}

/// The log entry a key names, with its position: the key's occurrence of its fact.
/// A scan without hashing, as each change touches one or two entries.
pub(super) fn log_entry<'a>(ws: &'a Workspace, key: &LogKey) -> Option<(usize, &'a LogEntry)> {
    let event = DealEvent::from(key.event);
    ws.log
        .iter()
        .enumerate()
        .filter(|(_, e)| e.deal == key.deal && e.on == key.on && e.event == event)
        .nth(key.occurrence as usize)
}

/// Every document key of a workspace (what "Share this workspace" sends).
pub fn all_keys(ws: &Workspace) -> Vec<DocKey> {
    let mut keys = vec![DocKey::Settings];
    keys.extend(ws.pipelines.iter().map(|p| DocKey::Pipeline(p.id)));
    keys.extend(ws.organizations.keys().map(|id| DocKey::Organization(*id)));
    keys.extend(ws.people.keys().map(|id| DocKey::Person(*id)));
    keys.extend(ws.deals.keys().map(|id| DocKey::Deal(*id)));
    keys.extend(ws.leads.keys().map(|id| DocKey::Lead(*id)));
    keys.extend(ws.activities.keys().map(|id| DocKey::Activity(*id)));
    keys.extend(ws.notes.keys().map(|id| DocKey::Note(*id)));
    keys.extend(log_keys(&ws.log).into_iter().map(DocKey::Log));
    keys
}

/// The whole document to send: the record's fields and the meta fields.
pub fn to_document(
    key: &DocKey,
    content: &Map<String, Value>,
    rev: Option<&str>,
    author: &str,
) -> Value {
    let mut doc = content.clone();
    doc.insert("_id".into(), Value::String(key.to_string()));
    if let Some(rev) = rev {
        doc.insert("_rev".into(), Value::String(rev.to_string()));
    }
    doc.insert("type".into(), Value::String(key.kind().into()));
    doc.insert("schema".into(), Value::from(DOCUMENT_SCHEMA));
    doc.insert("author".into(), Value::String(author.into()));
    Value::Object(doc)
}

/// A document's record fields: the document without its meta fields.
pub fn strip_meta(doc: &Map<String, Value>) -> Map<String, Value> {
    let mut content = doc.clone();
    for field in META_FIELDS {
        content.remove(field);
    }
    content
}

fn decode<T: DeserializeOwned>(id: &str, content: &Map<String, Value>) -> Result<T, DocumentError> {
    let text = serde_json::to_string(content).unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| DocumentError::Undecodable {
        id: id.into(),
        reason: e.to_string(),
    })
}

/// Reads a document from the server into a record, checking that it is one of ours,
/// of this schema, and that the id inside matches its `_id`.
pub fn from_document(
    id: &str,
    doc: &Map<String, Value>,
) -> Result<(DocKey, Record), DocumentError> {
    let key = DocKey::parse(id).ok_or_else(|| DocumentError::UnknownId { id: id.into() })?;
    match doc.get("schema") {
        Some(Value::Number(n)) if n.as_u64() == Some(u64::from(DOCUMENT_SCHEMA)) => {}
        other => {
            return Err(DocumentError::OtherSchema {
                id: id.into(),
                found: other.map_or("none".into(), |v| v.to_string()),
            })
        }
    }
    let content = strip_meta(doc);
    let record = record_of(&key, id, &content)?;
    let inside = match &record {
        Record::Pipeline(p) => Some((p.id.0, matches!(key, DocKey::Pipeline(k) if k == p.id))),
        Record::Deal(d) => Some((d.id.0, matches!(key, DocKey::Deal(k) if k == d.id))),
        Record::Lead(l) => Some((l.id.0, matches!(key, DocKey::Lead(k) if k == l.id))),
        Record::Organization(o) => {
            Some((o.id.0, matches!(key, DocKey::Organization(k) if k == o.id)))
        }
        Record::Person(p) => Some((p.id.0, matches!(key, DocKey::Person(k) if k == p.id))),
        Record::Activity(a) => Some((a.id.0, matches!(key, DocKey::Activity(k) if k == a.id))),
        Record::Note(n) => Some((n.id.0, matches!(key, DocKey::Note(k) if k == n.id))),
        Record::Log(entry) => Some((
            entry.deal.0,
            matches!(&key, DocKey::Log(k) if k.deal == entry.deal && k.on == entry.on && k.event == EventKey::from(entry.event)),
        )),
        Record::Settings(_) => None,
    };
    match inside {
        Some((inside, false)) => Err(DocumentError::WrongId {
            id: id.into(),
            inside,
        }),
        _ => Ok((key, record)),
    }
}

/// Decodes record fields for a key.
pub fn record_of(
    key: &DocKey,
    id: &str,
    content: &Map<String, Value>,
) -> Result<Record, DocumentError> {
    Ok(match key {
        DocKey::Settings => Record::Settings(decode(id, content)?),
        DocKey::Pipeline(_) => Record::Pipeline(decode(id, content)?),
        DocKey::Deal(_) => Record::Deal(decode(id, content)?),
        DocKey::Lead(_) => Record::Lead(decode(id, content)?),
        DocKey::Organization(_) => Record::Organization(decode(id, content)?),
        DocKey::Person(_) => Record::Person(decode(id, content)?),
        DocKey::Activity(_) => Record::Activity(decode(id, content)?),
        DocKey::Note(_) => Record::Note(decode(id, content)?),
        DocKey::Log(_) => Record::Log(decode(id, content)?),
    })
}

/// The first id a device hands out: the start of its block (the block 0 browser
/// starts at 1).
pub fn device_first_id(device: u32) -> u64 {
    u64::from(device) * ID_BLOCK + 1
}

/// The next free id in a device's block, after every record already there.
pub fn next_id_for_device(ws: &Workspace, device: u32) -> u64 {
    ws.ids()
        .filter(|id| id / ID_BLOCK == u64::from(device))
        .max()
        .map_or(device_first_id(device), |max| max + 1)
}
