//! A stand-in for the team server (CouchDB's write rules that matter here) and for a
//! browser's sync state, for the native tests.

use super::super::incoming::{apply_checked, receive};
use super::super::outbox::Outbox;
use super::super::protocol::{BulkRow, Change};
use super::super::push::{next_batch, revisions_to_ask, settle, take_revisions};
use super::super::replica::Replica;
use super::{date_ordered, day, object};
use crate::domain::demo::{demo_workspace, DemoSize};
use crate::domain::{Command, Workspace};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap};

/// The write rules of CouchDB that matter here: a write names the current revision
/// (or none, for a document that does not exist or was deleted), else it conflicts.
#[derive(Default)]
pub struct Server {
    pub docs: BTreeMap<String, (u32, Option<Map<String, Value>>)>,
    pub seq: Vec<String>,
}

impl Server {
    pub fn bulk(&mut self, docs: &[Value]) -> Vec<BulkRow> {
        docs.iter()
            .map(|doc| {
                let doc = object(doc.clone());
                let id = doc["_id"].as_str().expect("id").to_string();
                let given = doc.get("_rev").and_then(Value::as_str).map(String::from);
                let current = self.docs.get(&id).cloned();
                let expected = current.as_ref().map(|(n, _)| format!("{n}-x"));
                let alive = current.as_ref().is_some_and(|(_, d)| d.is_some());
                if given != expected && (alive || given.is_some()) {
                    return BulkRow {
                        id,
                        rev: None,
                        error: Some("conflict".into()),
                        reason: None,
                    };
                }
                let n = current.map_or(1, |(n, _)| n + 1);
                let deleted = doc.get("_deleted") == Some(&Value::Bool(true));
                let mut stored = doc.clone();
                stored.insert("_rev".into(), Value::from(format!("{n}-x")));
                self.docs
                    .insert(id.clone(), (n, (!deleted).then_some(stored)));
                self.seq.push(id.clone());
                BulkRow {
                    id,
                    rev: Some(format!("{n}-x")),
                    error: None,
                    reason: None,
                }
            })
            .collect()
    }

    pub fn changes(&self, since: usize) -> Vec<Change> {
        let mut seen = std::collections::HashSet::new();
        let mut out = Vec::new();
        for id in self.seq[since..].iter().rev() {
            if seen.insert(id.clone()) {
                let (n, doc) = &self.docs[id];
                out.push(Change {
                    id: id.clone(),
                    deleted: doc.is_none(),
                    doc: Some(doc.clone().unwrap_or_else(|| {
                        object(serde_json::json!({"_id": id, "_rev": format!("{n}-x"), "_deleted": true}))
                    })),
                });
            }
        }
        out.reverse();
        out
    }

    /// `_all_docs` by keys: the current revision of each living document.
    pub fn current_revisions(&self, ids: &[String]) -> HashMap<String, String> {
        ids.iter()
            .filter_map(|id| match self.docs.get(id) {
                Some((n, Some(_))) => Some((id.clone(), format!("{n}-x"))),
                _ => None,
            })
            .collect()
    }

    pub fn get(&self, id: &str) -> Option<Map<String, Value>> {
        self.docs.get(id).and_then(|(_, d)| d.clone())
    }
}

pub struct Browser {
    pub me: &'static str,
    pub ws: Workspace,
    pub outbox: Outbox,
    pub replica: Replica,
    pub since: usize,
    pub told: Vec<String>,
}

impl Browser {
    pub fn run(&mut self, command: Command) {
        let before = self.ws.clone();
        self.ws.apply(&command, day()).expect("command applies");
        let keys = super::super::diff::changed_documents(&before, &self.ws);
        self.outbox.queue(&keys, &before, &self.replica);
    }

    /// Puts the workspace back as it was (undo), queueing what that changes.
    pub fn restore(&mut self, snapshot: Workspace) {
        let before = std::mem::replace(&mut self.ws, snapshot);
        let keys = super::super::diff::changed_documents(&before, &self.ws);
        self.outbox.queue(&keys, &before, &self.replica);
    }

    pub fn move_deal(&mut self, deal: crate::domain::DealId, stage: crate::domain::StageId) {
        self.run(Command::MoveDeal {
            deal,
            stage,
            before: None,
        });
    }

    pub fn pull(&mut self, server: &Server) {
        let changes = server.changes(self.since);
        self.since = server.seq.len();
        self.take(&changes);
    }

    pub fn take(&mut self, changes: &[Change]) {
        let received = receive(
            &self.ws,
            &mut self.outbox,
            &mut self.replica,
            changes,
            self.me,
        );
        let (_, skipped) = apply_checked(&mut self.ws, received.batch);
        assert!(skipped.is_empty(), "{skipped:?}");
        let money =
            crate::domain::model::money_format::MoneyFormat::for_settings(&self.ws.settings);
        for clash in &received.clashes {
            self.told.push(clash.note_text(self.me, &money));
        }
        self.told.extend(received.replaced_mine);
    }

    pub fn push(&mut self, server: &mut Server) {
        for _ in 0..100 {
            let asked = revisions_to_ask(&self.ws, &self.outbox);
            take_revisions(&mut self.outbox, &asked, &server.current_revisions(&asked));
            let sent = next_batch(&self.ws, &mut self.outbox, self.me);
            if sent.is_empty() {
                return;
            }
            let docs: Vec<Value> = sent.iter().map(|s| s.document.clone()).collect();
            let rows = server.bulk(&docs);
            let result = settle(
                &self.ws,
                &mut self.outbox,
                &mut self.replica,
                &sent,
                &rows,
                self.me,
            );
            for id in result.conflicts {
                let doc = server.get(&id);
                let change = Change {
                    id: id.clone(),
                    deleted: doc.is_none(),
                    doc: Some(doc.unwrap_or_else(|| object(serde_json::json!({"_id": id})))),
                };
                self.take(&[change]);
            }
        }
    }
}

pub fn team() -> (Server, Browser, Browser) {
    let ws = demo_workspace(DemoSize::Standard, 5, day());
    let mut server = Server::default();
    let mut ana = Browser {
        me: "ana",
        ws: ws.clone(),
        outbox: Outbox::default(),
        replica: Replica::default(),
        since: 0,
        told: vec![],
    };
    ana.outbox.queue_all(&ana.ws);
    ana.push(&mut server);
    assert!(ana.outbox.is_empty());
    let mut ben = Browser {
        me: "ben",
        ws: Workspace::empty(),
        outbox: Outbox::default(),
        replica: Replica::default(),
        since: 0,
        told: vec![],
    };
    ben.pull(&server);
    ben.ws.next_id = super::super::documents::next_id_for_device(&ben.ws, 1);
    let mut expected = date_ordered(ws);
    expected.next_id = ben.ws.next_id;
    assert!(ben.ws == expected, "joining gives the same workspace");
    ana.ws = date_ordered(ana.ws.clone());
    (server, ana, ben)
}

pub fn open_deal(ws: &Workspace, skip: usize) -> (crate::domain::DealId, crate::domain::StageId) {
    let deal = ws
        .deals
        .values()
        .filter(|d| d.status == crate::domain::DealStatus::Open)
        .nth(skip)
        .expect("an open deal");
    let pipeline = ws.pipeline(deal.pipeline).expect("pipeline");
    let other = pipeline
        .stages
        .iter()
        .find(|s| s.id != deal.stage)
        .expect("another stage");
    (deal.id, other.id)
}
