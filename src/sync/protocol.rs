//! CouchDB's answers as types, and what goes wrong as messages a user can act on.

use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::HashMap;
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum SyncError {
    #[error("The team server cannot be reached ({0}). Your changes are kept here and sent when it is back.")]
    Unreachable(String),
    #[error("Wrong user name or password.")]
    WrongPassword,
    #[error("You are signed out of the team server (the session ended). Sign in again in Settings → Team.")]
    SignedOut,
    #[error("You do not have access to this database. Ask its admin to add you as a member.")]
    NoAccess,
    #[error("The database “{0}” does not exist on this server. Check the name, or ask the server's admin to create it.")]
    NoDatabase(String),
    #[error("The server did not answer like CouchDB ({0}). Check the server address.")]
    NotCouchDb(String),
    #[error("The team server refused the request ({status}: {reason}).")]
    Refused { status: u16, reason: String },
    #[error("The team database already holds data: join it instead of sharing into it.")]
    NotEmpty,
    #[error("The team database is empty: someone has to share a workspace into it first.")]
    Empty,
    #[error("Only an admin of the database can share into it (sharing installs the rules the server checks documents with).")]
    NotAdmin,
    #[error("The team's data could not be used here: {0}")]
    BadData(String),
}

/// CouchDB's error body: `{"error": "...", "reason": "..."}`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ErrorBody {
    #[serde(default)]
    pub error: String,
    #[serde(default)]
    pub reason: String,
}

/// An answer whose status says it failed, as an error for a database request.
pub fn database_error(status: u16, body: &Value, database: &str) -> SyncError {
    let body: ErrorBody = serde_json::from_value(body.clone()).unwrap_or_default();
    match status {
        401 | 403 => SyncError::NoAccess,
        // Documents that are missing are read with `Remote::get`, which tells them
        // apart; anywhere else a 404 means the database is not there.
        404 => SyncError::NoDatabase(database.into()),
        _ => SyncError::Refused {
            status,
            reason: if body.reason.is_empty() {
                body.error
            } else {
                body.reason
            },
        },
    }
}

/// Reads a body that must be JSON; CouchDB always answers JSON, so anything else (an
/// HTML error page, a proxy's login page) means the address is not a CouchDB.
pub fn json_body(text: &str) -> Result<Value, SyncError> {
    serde_json::from_str(text).map_err(|_| {
        let start: String = text.trim().chars().take(40).collect();
        SyncError::NotCouchDb(if start.is_empty() {
            "an empty answer".into()
        } else {
            format!("it answered “{start}…”")
        })
    })
}

fn parse<T: serde::de::DeserializeOwned>(body: Value, what: &str) -> Result<T, SyncError> {
    serde_json::from_value(body).map_err(|e| SyncError::NotCouchDb(format!("{what}: {e}")))
}

#[derive(Clone, Debug, Deserialize)]
pub struct Session {
    #[serde(rename = "userCtx")]
    pub user_ctx: UserCtx,
}

#[derive(Clone, Debug, Deserialize)]
pub struct UserCtx {
    pub name: Option<String>,
}

/// The signed-in user from `GET /_session`, if any.
pub fn session_user(body: Value) -> Result<Option<String>, SyncError> {
    Ok(parse::<Session>(body, "session")?.user_ctx.name)
}

#[derive(Clone, Debug, Deserialize)]
pub struct DatabaseInfo {
    pub doc_count: u64,
    /// Where the changes feed stands now (a number or opaque text).
    #[serde(default)]
    pub update_seq: Value,
}

pub fn database_info(body: Value) -> Result<DatabaseInfo, SyncError> {
    parse(body, "database information")
}

/// One row of a `_bulk_docs` answer.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BulkRow {
    pub id: String,
    #[serde(default)]
    pub rev: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

pub fn bulk_rows(body: Value) -> Result<Vec<BulkRow>, SyncError> {
    parse(body, "the answer to a write")
}

/// One change from the `_changes` feed, with its document.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Change {
    pub id: String,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub doc: Option<Map<String, Value>>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ChangesBatch {
    pub results: Vec<Change>,
    pub last_seq: Value,
    /// How many more changes wait after this batch (CouchDB 2+; absent elsewhere).
    #[serde(default)]
    pub pending: Option<u64>,
}

pub fn changes(body: Value) -> Result<ChangesBatch, SyncError> {
    parse(body, "the changes feed")
}

/// One row of `_all_docs` read with its documents.
#[derive(Deserialize)]
struct AllDocsRow {
    id: String,
    #[serde(default)]
    doc: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
struct AllDocs {
    rows: Vec<AllDocsRow>,
}

/// An `_all_docs` page with documents, as changes (a read of what is there).
pub fn all_docs(body: Value) -> Result<Vec<Change>, SyncError> {
    let page: AllDocs = parse(body, "the list of documents")?;
    Ok(page
        .rows
        .into_iter()
        .map(|row| Change {
            deleted: row.doc.is_none(),
            id: row.id,
            doc: row.doc,
        })
        .collect())
}

#[derive(Deserialize)]
struct RevRow {
    key: String,
    #[serde(default)]
    value: Option<RevValue>,
}

#[derive(Deserialize)]
struct RevValue {
    rev: String,
    #[serde(default)]
    deleted: bool,
}

#[derive(Deserialize)]
struct RevRows {
    rows: Vec<RevRow>,
}

/// The current revision of each asked document that exists (`_all_docs` by keys;
/// missing and deleted ones are left out).
pub fn current_revisions(body: Value) -> Result<HashMap<String, String>, SyncError> {
    let rows: RevRows = parse(body, "the documents' revisions")?;
    Ok(rows
        .rows
        .into_iter()
        .filter_map(|row| match row.value {
            Some(v) if !v.deleted => Some((row.key, v.rev)),
            _ => None,
        })
        .collect())
}

/// The revision and author of a document.
pub fn rev_of(doc: &Map<String, Value>) -> Option<&str> {
    doc.get("_rev").and_then(Value::as_str)
}

pub fn author_of(doc: &Map<String, Value>) -> Option<&str> {
    doc.get("author").and_then(Value::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn html_is_not_couchdb() {
        assert!(
            matches!(json_body("<html>login</html>"), Err(SyncError::NotCouchDb(m)) if m.contains("<html>"))
        );
        assert!(matches!(json_body(""), Err(SyncError::NotCouchDb(m)) if m.contains("empty")));
        assert_eq!(json_body("{\"ok\":true}"), Ok(json!({"ok": true})));
    }

    #[test]
    fn errors_say_what_to_do() {
        assert_eq!(
            database_error(401, &json!({"error":"unauthorized"}), "s"),
            SyncError::NoAccess
        );
        assert_eq!(
            database_error(
                404,
                &json!({"error":"not_found","reason":"missing"}),
                "sales"
            ),
            SyncError::NoDatabase("sales".into())
        );
        assert!(SyncError::NoAccess
            .to_string()
            .contains("do not have access"));
    }

    #[test]
    fn reads_a_changes_batch_and_bulk_rows() {
        let batch = changes(json!({"results":[{"id":"deal:1","seq":3,"changes":[{"rev":"1-a"}],"doc":{"_id":"deal:1"}},{"id":"deal:2","seq":4,"deleted":true,"changes":[]}],"last_seq":4})).expect("batch");
        assert_eq!(batch.results.len(), 2);
        assert!(batch.results[1].deleted);
        let rows = bulk_rows(json!([{"id":"a","rev":"1-x","ok":true},{"id":"b","error":"conflict","reason":"Document update conflict."}])).expect("rows");
        assert_eq!(rows[1].error.as_deref(), Some("conflict"));
        assert!(changes(json!({"nope": 1})).is_err());
    }

    #[test]
    fn reads_pages_of_documents_and_current_revisions() {
        let page = all_docs(json!({"total_rows": 3, "offset": 0, "rows": [
            {"id": "deal:1", "key": "deal:1", "value": {"rev": "1-a"}, "doc": {"_id": "deal:1", "_rev": "1-a"}},
        ]}))
        .expect("page");
        assert_eq!(page[0].id, "deal:1");
        assert!(!page[0].deleted && page[0].doc.is_some());
        let revs = current_revisions(json!({"rows": [
            {"id": "log:1", "key": "log:1", "value": {"rev": "1-a"}},
            {"key": "log:2", "error": "not_found"},
            {"id": "log:3", "key": "log:3", "value": {"rev": "2-b", "deleted": true}},
        ]}))
        .expect("revisions");
        assert_eq!(revs.len(), 1);
        assert_eq!(revs["log:1"], "1-a");
    }
}
