//! Another tab's save read part by part: only the parts whose stored text changed are
//! decoded, and the result is always the workspace a full read gives.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use pipewright::domain::commands::DealDraft;
use pipewright::domain::demo::{demo_workspace, DemoSize};
use pipewright::domain::*;
use pipewright::storage::parts::{rejoin, split};
use pipewright::storage::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 4).expect("valid date")
}

/// A change made in one tab.
type Change = Box<dyn Fn(&mut Workspace)>;

/// Changes of every kind a part can hold: a move (a deal shard and the last log
/// segment), a deleted deal (its shard, its notes and activities, every log segment
/// after its entries), a new deal (possibly a new shard), settings (the meta part), a
/// note, a deleted organization.
fn changes() -> Vec<Change> {
    let run = |ws: &mut Workspace, command: Command| {
        ws.apply(&command, today()).expect("applied");
    };
    vec![
        Box::new(move |ws| {
            let deal = ws
                .deals
                .values()
                .find(|d| d.status == DealStatus::Open)
                .expect("open deal");
            let stage = ws.pipelines[0]
                .stages
                .iter()
                .find(|s| s.id != deal.stage)
                .expect("stage")
                .id;
            let deal = deal.id;
            run(
                ws,
                Command::MoveDeal {
                    deal,
                    stage,
                    before: None,
                },
            );
        }),
        Box::new(move |ws| {
            let deal = *ws.deals.keys().nth(3).expect("a deal");
            run(ws, Command::DeleteDeal { deal });
        }),
        Box::new(move |ws| {
            let stage = ws.pipelines[0].stages[0].id;
            run(
                ws,
                Command::CreateDeal(DealDraft::new("New one", Money(12_345), stage)),
            );
        }),
        Box::new(move |ws| {
            let mut settings = ws.settings.clone();
            settings.monthly_goal = Some(Money(9_900_000));
            run(ws, Command::UpdateSettings(settings));
        }),
        Box::new(move |ws| {
            let deal = *ws.deals.keys().next_back().expect("a deal");
            run(
                ws,
                Command::AddNote {
                    about: Subject::Deal(deal),
                    text: "Called".into(),
                },
            );
        }),
        Box::new(move |ws| {
            let last = *ws.deals.keys().next_back().expect("a deal");
            run(ws, Command::DeleteDeal { deal: last });
        }),
    ]
}

#[test]
fn a_workspace_rejoined_from_its_changed_parts_is_the_workspace() {
    let mut before = demo_workspace(DemoSize::Standard, 11, today());
    for change in changes() {
        let mut after = before.clone();
        change(&mut after);
        let before_names: Vec<String> = split(&before, None).into_iter().map(|p| p.name).collect();
        let before_names: Vec<&str> = before_names.iter().map(String::as_str).collect();
        // Only the changed parts carry JSON: the others must come from `before`.
        let parts = split(&after, Some(&before));
        assert!(
            parts.iter().any(|p| p.json.is_none()),
            "most parts are unchanged"
        );
        let now: Vec<(&str, Option<&str>)> = parts
            .iter()
            .map(|p| (p.name.as_str(), p.json.as_deref()))
            .collect();
        assert_eq!(rejoin(&before, &before_names, &now), Ok(after.clone()));
        before = after;
    }
}

/// One store and two tabs on it: one has saved the demo, the other has read that save.
fn two_tabs() -> (
    MemoryStore,
    Repository<MemoryStore>,
    Repository<MemoryStore>,
    Workspace,
    u64,
) {
    let store = MemoryStore::new();
    let (writer, reader) = (
        Repository::new(store.clone()),
        Repository::new(store.clone()),
    );
    let ws = demo_workspace(DemoSize::Standard, 11, today());
    let revision = writer.save(&ws, 0).expect("saved");
    assert!(matches!(reader.load(), Loaded::Found { .. }));
    (store, writer, reader, ws, revision)
}

#[test]
fn another_tabs_saves_read_part_by_part_equal_a_full_read() {
    let (store, writer, reader, mut ws, mut revision) = two_tabs();
    for change in changes() {
        change(&mut ws);
        revision = writer.save(&ws, revision).expect("saved");
        let Loaded::Found {
            workspace: read,
            revision: read_revision,
        } = reader.load()
        else {
            panic!("the other tab reads the save");
        };
        let Loaded::Found {
            workspace: full, ..
        } = Repository::new(store.clone()).load()
        else {
            panic!("a fresh read");
        };
        assert_eq!((read_revision, &read), (revision, &full));
        assert_eq!(read, ws);
    }
    // The reader saves on top of what it read, and a fresh read agrees.
    let mut mine = ws.clone();
    changes()[0](&mut mine);
    let revision = reader.save(&mine, revision).expect("the reader saves");
    let Loaded::Found { workspace, .. } = Repository::new(store.clone()).load() else {
        panic!("a fresh read");
    };
    assert_eq!((revision, workspace), (revision, mine));
}

/// Part keys written since the last look, without the other keys a save writes.
fn parts_written(store: &MemoryStore) -> Vec<String> {
    let mut keys: Vec<String> = (store.take_writes().into_iter())
        .filter(|k| k.starts_with(keys::PART_PREFIX))
        .collect();
    pipewright::domain::support::sorting::sort(&mut keys);
    keys
}

#[test]
fn another_tabs_save_fetches_only_the_parts_it_rewrote() {
    let (store, writer, reader, mut ws, mut revision) = two_tabs();
    for change in changes() {
        change(&mut ws);
        store.take_writes();
        revision = writer.save(&ws, revision).expect("saved");
        let written = parts_written(&store);
        store.take_reads();
        assert!(matches!(reader.load(), Loaded::Found { workspace, .. } if workspace == ws));
        let mut fetched: Vec<String> = (store.take_reads().into_iter())
            .filter(|k| k.starts_with(keys::PART_PREFIX))
            .collect();
        pipewright::domain::support::sorting::sort(&mut fetched);
        assert_eq!(fetched, written);
    }
}

/// Storage as an earlier build left it: part keys without the fingerprint of their text.
fn as_an_earlier_build_stored_it(store: &MemoryStore) {
    let Ok(Some(manifest)) = store.get(keys::WORKSPACE) else {
        panic!("a manifest");
    };
    let Ok(codec::Stored::Parts(named)) = codec::decode_stored(&manifest) else {
        panic!("a manifest of parts");
    };
    let mut renamed = std::collections::BTreeMap::new();
    for (name, key) in named {
        let (old, _) = key.rsplit_once('-').expect("a fingerprinted key");
        let text = store.get(&key).ok().flatten().expect("the part");
        store.remove(&key).expect("removed");
        store.set(old, &text).expect("stored");
        renamed.insert(name, old.to_string());
    }
    store
        .set(keys::WORKSPACE, &codec::encode_manifest(&renamed))
        .expect("stored");
}

#[test]
fn a_part_an_earlier_build_rewrote_under_the_same_key_is_read_by_its_text() {
    let store = MemoryStore::new();
    let mut ws = demo_workspace(DemoSize::Standard, 11, today());
    Repository::new(store.clone()).save(&ws, 0).expect("saved");
    as_an_earlier_build_stored_it(&store);
    let reader = Repository::new(store.clone());
    assert!(matches!(reader.load(), Loaded::Found { workspace, .. } if workspace == ws));
    // Two tabs of an earlier build saved revision 2 at once: the second wrote its deal
    // shard under the key the first had used.
    let deal = *ws.deals.keys().next().expect("a deal");
    if let Some(d) = ws.deals.get_mut(&deal) {
        d.title = "Renamed in the other tab".into();
    }
    let shard = parts::split(&ws, None)
        .into_iter()
        .find(|p| p.name == format!("deals.{}", deal.0 / parts::SHARD_SPAN))
        .and_then(|p| p.json)
        .expect("the deal's shard");
    let key = (store.keys().expect("keys").into_iter())
        .find(|k| {
            k.starts_with(&format!(
                "{}deals.{}.",
                keys::PART_PREFIX,
                deal.0 / parts::SHARD_SPAN
            ))
        })
        .expect("the shard's key");
    store.set(&key, &shard).expect("stored");
    store.set(keys::REVISION, "2").expect("stored");
    assert!(matches!(reader.load(), Loaded::Found { workspace, revision: 2 } if workspace == ws));
}
