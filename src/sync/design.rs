//! The design document "Share this workspace" installs: the server itself refuses
//! documents that are not Pipewright's, of another schema, missing required fields,
//! written in someone else's name, or changing a log entry.

use super::documents::DOCUMENT_SCHEMA;
use serde_json::{json, Value};

pub const DESIGN_ID: &str = "_design/pipewright";

/// CouchDB runs this JavaScript on every write, with the signed-in user.
const VALIDATE: &str = r#"function (newDoc, oldDoc, userCtx) {
  if (newDoc._id.indexOf('_design/') === 0) { return; }
  if (newDoc._deleted === true) { return; }
  var required = {
    settings: { name: 'string', currency: 'string', locale: 'string', lost_reasons: 'object' },
    pipeline: { id: 'number', name: 'string', stages: 'object' },
    deal: { id: 'number', title: 'string', value: 'number', pipeline: 'number', stage: 'number', rank: 'number', status: 'string', owner: 'string', created_on: 'string' },
    lead: { id: 'number', name: 'string', status: 'string', score: 'number', owner: 'string' },
    organization: { id: 'number', name: 'string' },
    person: { id: 'number', name: 'string' },
    activity: { id: 'number', kind: 'string', subject: 'string', due_on: 'string', about: 'object' },
    note: { id: 'number', text: 'string', about: 'object' },
    log: { deal: 'number', on: 'string', event: 'object' },
    device: { device: 'number' }
  };
  var fields = required[newDoc.type];
  if (!fields) { throw({ forbidden: 'not a Pipewright document (type ' + newDoc.type + ')' }); }
  if (newDoc.schema !== SCHEMA) {
    throw({ forbidden: 'written by another version of Pipewright (schema ' + newDoc.schema + '; this database takes ' + SCHEMA + ')' });
  }
  if (!userCtx.name || newDoc.author !== userCtx.name) {
    throw({ forbidden: 'the author must be the signed-in user' });
  }
  for (var name in fields) {
    if (typeof newDoc[name] !== fields[name] || newDoc[name] === null) {
      throw({ forbidden: newDoc.type + ' ' + newDoc._id + ': field ' + name + ' must be a ' + fields[name] });
    }
  }
  if (oldDoc && !oldDoc._deleted && (oldDoc.type === 'log' || oldDoc.type === 'device')) {
    throw({ forbidden: newDoc._id + ' never changes once written' });
  }
}"#;

/// The design document to `PUT` at `DESIGN_ID`.
pub fn design_document() -> Value {
    json!({
        "_id": DESIGN_ID,
        "language": "javascript",
        "validate_doc_update": VALIDATE.replace("SCHEMA", &DOCUMENT_SCHEMA.to_string()),
    })
}

/// The claim of a device number.
pub fn device_document(device: u32, author: &str) -> Value {
    json!({
        "_id": format!("device:{device}"),
        "type": "device",
        "device": device,
        "schema": DOCUMENT_SCHEMA,
        "author": author,
    })
}
