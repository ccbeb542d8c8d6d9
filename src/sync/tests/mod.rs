//! The sync core without a network: documents round-trip, and two browsers editing
//! through a small in-memory stand-in for CouchDB's write rules (a write must name the
//! current revision, or it is a conflict) end with the same data and nothing lost.

use super::apply::apply;
use super::documents::{all_keys, content, from_document, to_document, DocKey};
use super::incoming::{apply_checked, receive};
use super::push::{next_batch, settle};
use crate::domain::demo::{demo_workspace, DemoSize};
use crate::domain::{Command, Workspace};
use chrono::NaiveDate;
use serde_json::{Map, Value};

mod stand_in;

use stand_in::{open_deal, team};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
}

fn object(v: Value) -> Map<String, Value> {
    match v {
        Value::Object(m) => m,
        _ => panic!("an object"),
    }
}

/// Builds a workspace from nothing but documents, as "Join" does.
fn from_documents(docs: &[(String, Map<String, Value>)]) -> Workspace {
    let mut ws = Workspace::empty();
    for (id, doc) in docs {
        let (key, record) = from_document(id, doc).expect("decodes");
        apply(&mut ws, &key, Some(record));
    }
    ws
}

/// The log in date order, same-date entries as they were: what a log rebuilt from
/// documents holds (rule 27 reads the log by date, so nothing else changes).
fn date_ordered(mut ws: Workspace) -> Workspace {
    let mut log: Vec<_> = ws.log.iter().copied().collect();
    crate::domain::support::sorting::sort_by_key(&mut log, |e| e.on);
    ws.log = log.into_iter().collect();
    ws
}

fn documents_of(ws: &Workspace) -> Vec<(String, Map<String, Value>)> {
    all_keys(ws)
        .into_iter()
        .map(|key| {
            let fields = content(ws, &key).expect("content");
            (
                key.to_string(),
                object(to_document(&key, &fields, None, "ana")),
            )
        })
        .collect()
}

#[test]
fn every_record_round_trips_through_documents() {
    let ws = demo_workspace(DemoSize::Standard, 11, day());
    let docs = documents_of(&ws);
    assert!(docs.len() > ws.deals.len() + ws.log.len());
    let mut back = from_documents(&docs);
    back.next_id = ws.next_id;
    assert!(back == date_ordered(ws), "the workspace comes back");
}

#[test]
fn document_ids_parse_back() {
    let ws = demo_workspace(DemoSize::Standard, 3, day());
    for key in all_keys(&ws) {
        assert_eq!(DocKey::parse(&key.to_string()), Some(key));
    }
    assert_eq!(DocKey::parse("deal:x"), None);
    assert_eq!(DocKey::parse("device:1"), None);
    assert_eq!(DocKey::parse("log:1:2026-01-01:stage-2:0:extra"), None);
    // Changes of expected close date, set and cleared, name their date.
    assert!(all_keys(&ws)
        .iter()
        .any(|k| k.to_string().contains(":close-20")));
    for id in [
        "log:1:2026-01-01:close-2026-03-31:0",
        "log:1:2026-01-01:close-none:2",
    ] {
        let key = DocKey::parse(id).expect("parses");
        assert_eq!(key.to_string(), id);
    }
    assert_eq!(DocKey::parse("log:1:2026-01-01:close-31.3.2026:0"), None);
}

#[test]
fn a_document_that_lies_or_is_another_version_is_refused() {
    let ws = demo_workspace(DemoSize::Standard, 3, day());
    let deal = ws.deals.values().next().expect("deal").clone();
    let key = DocKey::Deal(deal.id);
    let fields = content(&ws, &key).expect("fields");
    let mut doc = object(to_document(&key, &fields, None, "ana"));
    assert!(from_document(&format!("deal:{}", deal.id.0 + 1), &doc).is_err());
    doc.insert("schema".into(), Value::from(99));
    assert!(from_document(&key.to_string(), &doc).is_err());
    doc.insert(
        "schema".into(),
        Value::from(super::documents::DOCUMENT_SCHEMA),
    );
    doc.insert("value".into(), Value::from("a lot"));
    assert!(from_document(&key.to_string(), &doc).is_err());
}

#[test]
fn device_ranges_do_not_overlap() {
    let mut ws = Workspace::new();
    assert_eq!(super::documents::next_id_for_device(&ws, 1), (1 << 32) + 1);
    ws.next_id = super::documents::next_id_for_device(&ws, 1);
    ws.apply(
        &Command::CreateOrganization {
            name: "Acme".into(),
        },
        day(),
    )
    .expect("create");
    assert_eq!(super::documents::next_id_for_device(&ws, 1), (1 << 32) + 2);
    assert_eq!(super::documents::next_id_for_device(&ws, 2), (2 << 32) + 1);
}

#[test]
fn moves_by_two_people_both_arrive() {
    let (mut server, mut ana, mut ben) = team();
    let (a, a_to) = open_deal(&ana.ws, 0);
    let (b, b_to) = open_deal(&ana.ws, 1);
    ana.move_deal(a, a_to);
    ben.move_deal(b, b_to);
    ana.push(&mut server);
    ben.push(&mut server);
    ana.pull(&server);
    ben.pull(&server);
    assert_eq!(ana.ws.deals[&b].stage, b_to);
    assert_eq!(ben.ws.deals[&a].stage, a_to);
    assert_eq!(ana.ws.log.len(), ben.ws.log.len());
    assert_eq!(ana.ws.deals, ben.ws.deals);
    assert!(ana.outbox.is_empty() && ben.outbox.is_empty());
}

#[test]
fn same_deal_different_fields_keeps_both_edits() {
    let (mut server, mut ana, mut ben) = team();
    let (deal, to) = open_deal(&ana.ws, 0);
    ana.move_deal(deal, to);
    ana.push(&mut server);
    // Ben has not pulled yet: his edit is based on the old version, and conflicts.
    let mut draft = crate::domain::commands::DealDraft::from(&ben.ws.deals[&deal]);
    draft.title = "Bigger rollout".into();
    ben.run(Command::EditDeal { deal, draft });
    ben.push(&mut server);
    ana.pull(&server);
    assert_eq!(ana.ws.deals[&deal].title, "Bigger rollout");
    assert_eq!(ana.ws.deals[&deal].stage, to);
    assert_eq!(ana.ws.deals[&deal], ben.ws.deals[&deal]);
    assert!(ben.told.is_empty(), "{:?}", ben.told);
}

#[test]
fn same_field_later_write_wins_and_both_are_told() {
    let (mut server, mut ana, mut ben) = team();
    let (deal, _) = open_deal(&ana.ws, 0);
    let mut draft = crate::domain::commands::DealDraft::from(&ana.ws.deals[&deal]);
    draft.title = "Ana's title".into();
    ana.run(Command::EditDeal {
        deal,
        draft: draft.clone(),
    });
    ana.push(&mut server);
    draft.title = "Ben's title".into();
    ben.run(Command::EditDeal { deal, draft });
    ben.push(&mut server);
    assert_eq!(ben.ws.deals[&deal].title, "Ben's title");
    assert_eq!(ben.told.len(), 1, "{:?}", ben.told);
    assert!(
        ben.told[0].contains("ana's title “Ana's title” was replaced by ben's"),
        "{}",
        ben.told[0]
    );
    ana.pull(&server);
    assert_eq!(ana.ws.deals[&deal].title, "Ben's title");
}

#[test]
fn a_retried_push_whose_answer_was_lost_writes_nothing_twice() {
    let (mut server, mut ana, _) = team();
    let (deal, to) = open_deal(&ana.ws, 0);
    ana.move_deal(deal, to);
    let sent = next_batch(&ana.ws, &mut ana.outbox, "ana");
    let docs: Vec<Value> = sent.iter().map(|s| s.document.clone()).collect();
    server.bulk(&docs); // written, but the answer never arrives
    let writes = server.seq.len();
    ana.push(&mut server);
    assert!(ana.outbox.is_empty());
    // Each retried document conflicted, was found equal, and left the queue.
    assert_eq!(server.seq.len(), writes);
    assert!(ana.told.is_empty());
}

#[test]
fn twenty_offline_changes_arrive_once() {
    let (mut server, mut ana, mut ben) = team();
    for i in 0..20 {
        let (deal, to) = open_deal(&ana.ws, i);
        ana.move_deal(deal, to);
    }
    // The queue survives a reload as JSON.
    let json = serde_json::to_string(&ana.outbox).expect("json");
    ana.outbox = serde_json::from_str(&json).expect("back");
    let before = server.seq.len();
    ana.push(&mut server);
    ana.push(&mut server);
    assert_eq!(
        server.seq.len() - before,
        40,
        "20 deals and 20 log entries, once each"
    );
    ben.pull(&server);
    assert_eq!(ben.ws.deals, ana.ws.deals);
    assert_eq!(ben.ws.log.len(), ana.ws.log.len());
}

#[test]
fn an_edit_of_a_deal_someone_deleted_is_asked_about() {
    let (mut server, mut ana, mut ben) = team();
    let (deal, to) = open_deal(&ana.ws, 0);
    ana.run(Command::DeleteDeal { deal });
    ana.push(&mut server);
    ben.move_deal(deal, to);
    let changes = server.changes(ben.since);
    let received = receive(&ben.ws, &mut ben.outbox, &mut ben.replica, &changes, "ben");
    assert!(received.deleted_while_edited.contains(&DocKey::Deal(deal)));
}

#[test]
fn undo_after_a_remote_change_keeps_the_remote_change() {
    // Undo snapshots get remote batches applied too (state/history), so restoring one
    // takes back only one's own change.
    let (mut server, mut ana, mut ben) = team();
    let (a, a_to) = open_deal(&ana.ws, 0);
    let (b, b_to) = open_deal(&ana.ws, 1);
    let snapshot = ben.ws.clone();
    ben.move_deal(b, b_to);
    ana.move_deal(a, a_to);
    ana.push(&mut server);
    let changes = server.changes(ben.since);
    let received = receive(&ben.ws, &mut ben.outbox, &mut ben.replica, &changes, "ben");
    let mut undone = snapshot;
    super::incoming::apply_batch(&mut undone, &received.batch);
    assert_eq!(undone.deals[&a].stage, a_to);
    assert_ne!(undone.deals[&b].stage, b_to);
}

#[test]
fn our_own_write_back_before_the_push_answer_changes_nothing() {
    let (mut server, mut ana, _) = team();
    let (deal, to) = open_deal(&ana.ws, 0);
    ana.pull(&server);
    ana.move_deal(deal, to);
    let sent = next_batch(&ana.ws, &mut ana.outbox, "ana");
    let docs: Vec<Value> = sent.iter().map(|s| s.document.clone()).collect();
    let rows = server.bulk(&docs);
    // The feed brings the write back before the answer to the push is read.
    let changes = server.changes(ana.since);
    let received = receive(&ana.ws, &mut ana.outbox, &mut ana.replica, &changes, "ana");
    assert!(received.batch.is_empty(), "{:?}", received.batch);
    settle(
        &ana.ws,
        &mut ana.outbox,
        &mut ana.replica,
        &sent,
        &rows,
        "ana",
    );
    assert!(ana.outbox.is_empty());
}

#[test]
fn a_deletion_before_its_log_entries_waits_for_them() {
    let ws = demo_workspace(DemoSize::Standard, 5, day());
    let deal = *ws.deals.keys().next().expect("a deal");
    let mut after = ws.clone();
    after
        .apply(&Command::DeleteDeal { deal }, day())
        .expect("delete");
    let keys = super::diff::changed_documents(&ws, &after);
    let (deal_key, logs): (Vec<_>, Vec<_>) =
        keys.into_iter().partition(|k| matches!(k, DocKey::Deal(_)));
    let mut here = ws.clone();
    let first: super::incoming::RemoteBatch = deal_key.into_iter().map(|k| (k, None)).collect();
    let (applied, refused) = apply_checked(&mut here, first);
    assert!(
        applied.is_empty(),
        "a deal without its log entries would break a rule"
    );
    assert_eq!(refused.len(), 1);
    let retry: super::incoming::RemoteBatch = refused
        .into_iter()
        .chain(logs.into_iter().map(|k| (k, None)))
        .collect();
    let (_, refused) = apply_checked(&mut here, retry);
    assert!(refused.is_empty());
    assert!(!here.deals.contains_key(&deal));
    assert!(here.broken_rules().is_empty());
}

#[test]
fn undoing_a_pushed_move_takes_its_log_entry_off_the_server() {
    // The replica keeps no log revisions: the push asks the server for the entry's.
    let (mut server, mut ana, mut ben) = team();
    let (deal, to) = open_deal(&ana.ws, 0);
    let before = ana.ws.clone();
    ana.move_deal(deal, to);
    ana.push(&mut server);
    assert!(ana.replica.revs.keys().all(|id| !id.starts_with("log:")));
    ben.pull(&server);
    assert_eq!(ben.ws.log.len(), before.log.len() + 1);
    ana.restore(before.clone());
    ana.push(&mut server);
    assert!(ana.outbox.is_empty(), "{:?}", ana.outbox);
    ben.pull(&server);
    assert_eq!(ben.ws.deals[&deal].stage, before.deals[&deal].stage);
    assert_eq!(ben.ws.log, ana.ws.log);
    assert_eq!(ben.ws.log.len(), before.log.len());
}

#[test]
fn a_log_entry_removed_before_it_was_sent_is_never_written() {
    let (mut server, mut ana, _) = team();
    let (deal, to) = open_deal(&ana.ws, 0);
    let before = ana.ws.clone();
    let writes = server.seq.len();
    ana.move_deal(deal, to);
    ana.restore(before);
    ana.push(&mut server);
    assert!(ana.outbox.is_empty());
    // The deal went back to its stage: one write of the deal at most, no log write.
    assert!(server.seq[writes..]
        .iter()
        .all(|id| !id.starts_with("log:")));
}

#[test]
fn entries_arriving_out_of_date_order_land_in_date_order() {
    let ws = demo_workspace(DemoSize::Standard, 5, day());
    let mut docs = documents_of(&ws);
    docs.reverse();
    let rebuilt = from_documents(&docs);
    assert_eq!(rebuilt.log.len(), ws.log.len());
    assert!(rebuilt
        .log
        .iter()
        .zip(rebuilt.log.iter().skip(1))
        .all(|(a, b)| a.on <= b.on));
    let mut by_batch = Workspace::empty();
    let batch = docs
        .iter()
        .map(|(id, doc)| {
            let (key, record) = from_document(id, doc).expect("decodes");
            (key, Some(record))
        })
        .collect();
    super::apply::apply_all(&mut by_batch, batch);
    assert_eq!(by_batch, rebuilt, "one batch or one by one: the same log");
}
