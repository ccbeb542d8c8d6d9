//! What this browser knows of the team database, kept in local storage: the revision
//! of every document it holds, who wrote each deal last, where the changes feed was
//! read up to, and this browser's device number.

use super::reading::IdRange;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Replica {
    /// The changes feed's `last_seq` after the last applied batch (opaque to us).
    #[serde(default)]
    pub since: Value,
    /// Document `_id` → the server revision this browser's copy is at. Log entries are
    /// left out: they never change, and at 10,000 deals their revisions alone would
    /// fill half of local storage; deleting one asks the server for its revision.
    #[serde(default)]
    pub revs: HashMap<String, String>,
    /// Deal document `_id` → the user who wrote it last.
    #[serde(default)]
    pub authors: HashMap<String, String>,
    /// This browser's claim in the database (`device:<n>`); ids it hands out are in
    /// the range of this number.
    #[serde(default)]
    pub device: u32,
    /// What a join has still to read (kinds the board does not need come after it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub still_to_read: Vec<IdRange>,
}

impl Replica {
    /// The `since` parameter for the changes feed.
    pub fn since_param(&self) -> String {
        match &self.since {
            Value::Null => "0".into(),
            Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }

    /// Records a document the server now holds at `rev`, written by `author`.
    pub fn record(&mut self, id: &str, rev: &str, author: Option<&str>) {
        if id.starts_with("log:") {
            return;
        }
        self.revs.insert(id.into(), rev.into());
        if id.starts_with("deal:") {
            if let Some(author) = author {
                self.authors.insert(id.into(), author.into());
            }
        }
    }

    pub fn forget(&mut self, id: &str) {
        self.revs.remove(id);
        self.authors.remove(id);
    }
}
