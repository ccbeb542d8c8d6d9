//! The workspace stored in parts: a save writes only what a change touched, every
//! part reads back, and a failed or interrupted save never damages what was stored.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use pipewright::domain::demo::{demo_workspace, DemoSize};
use pipewright::domain::*;
use pipewright::storage::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 4).expect("valid date")
}

fn demo() -> Workspace {
    demo_workspace(DemoSize::Standard, 11, today())
}

fn stored_workspace(store: &MemoryStore) -> Workspace {
    match Repository::new(store.clone()).load() {
        Loaded::Found { workspace, .. } => workspace,
        other => panic!("expected the stored workspace, got {other:?}"),
    }
}

fn part_keys(store: &MemoryStore) -> Vec<String> {
    let mut keys: Vec<String> = store
        .keys()
        .expect("keys")
        .into_iter()
        .filter(|k| k.starts_with(keys::PART_PREFIX))
        .collect();
    pipewright::domain::support::sorting::sort(&mut keys);
    keys
}

/// Moves an open deal to another stage of its pipeline; returns it.
fn move_a_deal(ws: &mut Workspace) -> DealId {
    let (deal, stage) = movable(ws);
    ws.apply(
        &Command::MoveDeal {
            deal,
            stage,
            before: None,
        },
        today(),
    )
    .expect("moved");
    deal
}

/// An open deal and a stage of its pipeline it is not in.
fn movable(ws: &Workspace) -> (DealId, StageId) {
    let deal = ws
        .deals
        .values()
        .find(|d| d.status == DealStatus::Open)
        .expect("an open deal");
    let (pipeline, _) = ws.stage(deal.stage).expect("its stage");
    let target = pipeline
        .stages
        .iter()
        .find(|s| s.id != deal.stage)
        .expect("another stage");
    (deal.id, target.id)
}

#[test]
fn every_part_reads_back_as_the_same_workspace() {
    let ws = demo();
    let store = MemoryStore::new();
    assert_eq!(Repository::new(store.clone()).save(&ws, 0), Ok(1));
    assert_eq!(stored_workspace(&store), ws);
    let parts = part_keys(&store);
    assert!(
        parts.len() > 10,
        "the demo is cut into several parts: {parts:?}"
    );
}

#[test]
fn moving_a_deal_writes_its_shard_the_log_segment_and_the_manifest_only() {
    let mut ws = demo();
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    assert_eq!(repo.save(&ws, 0), Ok(1));
    let before = part_keys(&store);
    store.take_writes();

    let deal = move_a_deal(&mut ws);
    assert_eq!(repo.save(&ws, 1), Ok(2));

    // A part's key ends in a fingerprint of its text ("deals.3.2-9f…").
    let mut written: Vec<String> = (store.take_writes().into_iter())
        .map(|key| match key.rsplit_once('-') {
            Some((named, print)) if print.len() == 16 => named.to_string(),
            _ => key,
        })
        .collect();
    pipewright::domain::support::sorting::sort(&mut written);
    let shard = deal.0 / parts::SHARD_SPAN;
    let segment = (ws.log.len() - 1) / parts::LOG_SEGMENT;
    assert_eq!(
        written,
        vec![
            format!("{}deals.{shard}.2", keys::PART_PREFIX),
            format!("{}log.{segment}.2", keys::PART_PREFIX),
            keys::REVISION.to_string(),
            keys::WORKSPACE.to_string(),
        ]
    );
    // The replaced parts are gone; the others are kept as they were.
    let after = part_keys(&store);
    assert_eq!(after.len(), before.len());
    let first_save = format!("{}deals.{shard}.1-", keys::PART_PREFIX);
    assert!(!after.iter().any(|k| k.starts_with(&first_save)));
    assert_eq!(stored_workspace(&store), ws);
}

#[test]
fn a_repository_that_just_loaded_writes_only_the_change_too() {
    let mut ws = demo();
    let store = MemoryStore::new();
    Repository::new(store.clone()).save(&ws, 0).expect("saved");
    let repo = Repository::new(store.clone());
    assert!(matches!(repo.load(), Loaded::Found { revision: 1, .. }));
    store.take_writes();
    move_a_deal(&mut ws);
    assert_eq!(repo.save(&ws, 1), Ok(2));
    assert_eq!(store.take_writes().len(), 4);
    assert_eq!(stored_workspace(&store), ws);
}

#[test]
fn deleting_a_deal_rewrites_the_log_segments_after_it() {
    let mut ws = demo();
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    repo.save(&ws, 0).expect("saved");
    let first = ws.log.front().expect("a log").deal;
    ws.apply(&Command::DeleteDeal { deal: first }, today())
        .expect("deleted");
    assert_eq!(repo.save(&ws, 1), Ok(2));
    assert_eq!(stored_workspace(&store), ws);
}

#[test]
fn a_save_that_runs_out_of_space_keeps_the_previous_data_and_leaves_nothing_behind() {
    let mut ws = demo();
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    repo.save(&ws, 0).expect("saved");
    let saved = ws.clone();
    let parts_before = part_keys(&store);
    // A change that rewrites many parts: every deal's title.
    let ids: Vec<DealId> = ws.deals.keys().copied().collect();
    for id in ids {
        let mut draft = commands::DealDraft::from(&ws.deals[&id]);
        draft.title.push_str(" (renamed)");
        ws.apply(&Command::EditDeal { deal: id, draft }, today())
            .expect("renamed");
    }
    let used: usize = store
        .keys()
        .expect("keys")
        .iter()
        .map(|k| k.len() + store.get(k).expect("get").map_or(0, |v| v.len()))
        .sum();
    store.set_quota(Some(used + 5_000));
    assert_eq!(
        repo.save(&ws, 1),
        Err(SaveError::Store(StoreError::QuotaExceeded))
    );
    assert_eq!(part_keys(&store), parts_before, "no half-written parts");
    assert_eq!(stored_workspace(&store), saved);

    store.set_quota(None);
    assert_eq!(repo.save(&ws, 1), Ok(2));
    assert_eq!(stored_workspace(&store), ws);
}

#[test]
fn schema_1_storage_still_loads_and_moves_to_parts_on_the_next_save() {
    let ws = demo();
    let store = MemoryStore::new();
    let schema_1 = serde_json::json!({
        "app": "pipewright",
        "schema_version": 1,
        "workspace": ws,
    })
    .to_string();
    store.set(keys::WORKSPACE, &schema_1).expect("set");
    store.set(keys::REVISION, "7").expect("set");
    let repo = Repository::new(store.clone());
    match repo.load() {
        Loaded::Found {
            workspace,
            revision,
        } => {
            assert_eq!(workspace, ws);
            assert_eq!(revision, 7);
        }
        other => panic!("schema 1 loads, got {other:?}"),
    }
    assert_eq!(repo.save(&ws, 7), Ok(8));
    assert!(!part_keys(&store).is_empty());
    assert_eq!(stored_workspace(&store), ws);
}

#[test]
fn a_missing_part_costs_only_what_it_held_and_is_reported() {
    let ws = demo();
    let store = MemoryStore::new();
    Repository::new(store.clone()).save(&ws, 0).expect("saved");
    let lost_key = part_keys(&store)
        .into_iter()
        .find(|k| k.contains(".deals.1."))
        .expect("a second deals part");
    store.remove(&lost_key).expect("removed");
    let manifest = store.get(keys::WORKSPACE).expect("get").expect("manifest");
    match Repository::new(store.clone()).load() {
        Loaded::Recovered {
            workspace,
            lost,
            raw,
            ..
        } => {
            assert_eq!(lost.len(), 1);
            assert_eq!(lost[0].name, "deals.1");
            assert_eq!(lost[0].to_string(), "deals with ids 256–511 (missing)");
            // Only the deals of that shard are gone; every other deal is there.
            let expected: Vec<DealId> = ws
                .deals
                .keys()
                .copied()
                .filter(|d| !(256..512).contains(&d.0))
                .collect();
            let got: Vec<DealId> = workspace.deals.keys().copied().collect();
            assert_eq!(got, expected);
            assert_eq!(workspace.leads.len(), ws.leads.len());
            assert_eq!(workspace.organizations.len(), ws.organizations.len());
            // What pointed at the lost deals is mended, so the app works with the rest.
            assert!(
                workspace.problems().is_empty(),
                "{:?}",
                workspace.problems()
            );
            assert!(workspace
                .log
                .iter()
                .all(|e| workspace.deals.contains_key(&e.deal)));
            // The damaged storage is kept whole, to back up before anything is saved.
            let kept: serde_json::Value = serde_json::from_str(&raw).expect("JSON");
            assert_eq!(
                kept["stored_manifest"],
                manifest.as_str(),
                "the manifest is kept"
            );
            // …and that copy imports, with what can be read.
            let imported = pipewright::storage::decode(&raw).expect("the copy imports");
            assert_eq!(imported.deals.len(), workspace.deals.len());
        }
        other => panic!("a missing part is recovered around, got {other:?}"),
    }
    assert_eq!(
        store.get(keys::WORKSPACE).expect("get"),
        Some(manifest),
        "loading writes nothing"
    );
}

#[test]
fn a_damaged_part_is_recovered_around_and_a_save_rewrites_a_missing_one() {
    let ws = demo();
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    repo.save(&ws, 0).expect("saved");
    // A part cut in half (damaged text) costs that part only.
    let organizations = part_keys(&store)
        .into_iter()
        .find(|k| k.contains(".organizations.0."))
        .expect("an organizations part");
    let text = store.get(&organizations).expect("get").expect("text");
    store
        .set(&organizations, &text[..text.len() / 2])
        .expect("cut");
    match Repository::new(store.clone()).load() {
        Loaded::Recovered {
            workspace, lost, ..
        } => {
            assert_eq!(lost.len(), 1);
            assert!(lost[0].held.starts_with("organizations with ids 0–255"));
            assert_eq!(workspace.deals.len(), ws.deals.len(), "every deal is kept");
            assert!(workspace.deals.values().all(|d| d
                .organization
                .is_none_or(|o| workspace.organizations.contains_key(&o))));
        }
        other => panic!("a damaged part is recovered around, got {other:?}"),
    }
    // The tab that saved first keeps working: a part removed under it is written again
    // by its next save instead of staying missing.
    store.set(&organizations, &text).expect("restored");
    let people = part_keys(&store)
        .into_iter()
        .find(|k| k.contains(".people.0."))
        .expect("a people part");
    store.remove(&people).expect("removed");
    let mut changed = ws.clone();
    changed.settings.name = "Renamed".into();
    repo.save(&changed, 1).expect("saved again");
    match Repository::new(store.clone()).load() {
        Loaded::Found { workspace, .. } => assert_eq!(workspace.people, ws.people),
        other => panic!("the next save rewrote the missing part, got {other:?}"),
    }
}

#[test]
fn a_storage_manifest_is_not_taken_for_a_workspace_file() {
    let store = MemoryStore::new();
    Repository::new(store.clone())
        .save(&Workspace::new(), 0)
        .expect("saved");
    let manifest = store.get(keys::WORKSPACE).expect("get").expect("manifest");
    assert!(matches!(decode(&manifest), Err(DecodeError::WrongShape(_))));
}

#[test]
fn unreadable_data_is_kept_whole_and_reads_back_in_a_build_that_understands_it() {
    let ws = demo();
    let store = MemoryStore::new();
    Repository::new(store.clone()).save(&ws, 0).expect("saved");
    // A newer release wrote the same data under a schema this build does not know.
    let manifest = store.get(keys::WORKSPACE).expect("get").expect("manifest");
    let current = format!("\"schema_version\":{SCHEMA_VERSION}");
    let newer = manifest.replace(&current, "\"schema_version\":999");
    store.set(keys::WORKSPACE, &newer).expect("set");
    let repo = Repository::new(store.clone());
    let Loaded::Unreadable { raw, error } = repo.load() else {
        panic!("a newer schema is unreadable here")
    };
    assert!(matches!(error, DecodeError::NewerSchema { found: 999, .. }));
    // The kept text holds the manifest and every part, so nothing is lost by starting
    // fresh: a build that reads schema 999 (simulated) gets the whole workspace back.
    assert!(matches!(decode(&raw), Err(DecodeError::NewerSchema { .. })));
    let understood = raw.replace(
        "\\\"schema_version\\\":999",
        &format!("\\\"schema_version\\\":{SCHEMA_VERSION}"),
    );
    assert_ne!(understood, raw);
    assert_eq!(decode(&understood), Ok(ws));

    let backup = repo
        .back_up_and_clear(&raw, "20261127T090000")
        .expect("backed up");
    assert!(
        part_keys(&store).is_empty(),
        "starting fresh removes the parts"
    );
    assert_eq!(store.get(&backup).expect("get"), Some(raw));
}

#[test]
fn parts_left_by_an_interrupted_save_are_removed_by_the_next_one() {
    let ws = demo();
    let store = MemoryStore::new();
    Repository::new(store.clone()).save(&ws, 0).expect("saved");
    // A save for revision 2 that wrote a part and stopped (the tab closed) before its
    // manifest; and a part of a save for a later revision, perhaps under way in another tab.
    let orphan = format!("{}notes.9.2", keys::PART_PREFIX);
    store.set(&orphan, "{}").expect("set");
    let later = format!("{}notes.9.7", keys::PART_PREFIX);
    store.set(&later, "{}").expect("set");
    let before = part_keys(&store).len();
    // The next tab to load and save cleans it up; what the manifest lists stays.
    let repo = Repository::new(store.clone());
    let Loaded::Found {
        workspace,
        revision,
    } = repo.load()
    else {
        panic!("the data loads despite the orphan")
    };
    assert_eq!(workspace, ws);
    let mut changed = workspace.clone();
    move_a_deal(&mut changed);
    repo.save(&changed, revision).expect("saved");
    let keys = part_keys(&store);
    assert!(!keys.contains(&orphan), "the orphan part is gone");
    assert!(
        keys.contains(&later),
        "a later revision's part is left alone"
    );
    assert!(keys.len() <= before, "{} parts, was {before}", keys.len());
    assert_eq!(stored_workspace(&store), changed);
}

/// A store in which another tab saves right after this tab starts reading parts.
struct RacedStore {
    inner: MemoryStore,
    other_tab_saves: std::cell::RefCell<Option<Workspace>>,
}

impl KeyValueStore for RacedStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        if key.starts_with(keys::PART_PREFIX) {
            if let Some(theirs) = self.other_tab_saves.borrow_mut().take() {
                Repository::new(self.inner.clone())
                    .save(&theirs, 1)
                    .expect("the other tab saves");
            }
        }
        self.inner.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.inner.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.inner.remove(key)
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        self.inner.keys()
    }
}

#[test]
fn a_load_that_races_another_tabs_save_reads_again_instead_of_recovering() {
    let ws = demo();
    let store = MemoryStore::new();
    Repository::new(store.clone()).save(&ws, 0).expect("saved");
    let mut theirs = ws.clone();
    // Their save replaces every part (a new workspace), so the parts we were about to
    // read are gone by the time we read them.
    theirs.settings.name = "Theirs".into();
    theirs.deals = imbl::OrdMap::new();
    theirs.log = imbl::Vector::new();
    theirs.activities = imbl::OrdMap::new();
    theirs.notes = imbl::OrdMap::new();
    let raced = RacedStore {
        inner: store.clone(),
        other_tab_saves: std::cell::RefCell::new(Some(theirs.clone())),
    };
    match Repository::new(raced).load() {
        Loaded::Found {
            workspace,
            revision,
        } => {
            assert_eq!(revision, 2);
            assert_eq!(workspace, theirs);
        }
        other => panic!("the load reads again and finds their save, got {other:?}"),
    }
    // Nothing was taken for damage: no backup was made.
    assert!(store
        .keys()
        .expect("keys")
        .iter()
        .all(|k| !k.starts_with(keys::BACKUP_PREFIX)));
}

#[test]
fn parts_compressed_by_the_previous_build_still_load_and_the_next_save_rewrites_them() {
    use pipewright::storage::parts::split;
    let ws = demo_workspace(DemoSize::Huge, 3, today());
    let store = MemoryStore::new();
    // What a schema 2 build stored: every part lz-string compressed under revision 4.
    let mut listed = std::collections::BTreeMap::new();
    for part in split(&ws, None) {
        let key = format!("{}{}.4", keys::PART_PREFIX, part.name);
        let json = part.json.expect("a first split writes every part");
        let text = format!("lz16:{}", lz_str::compress_to_utf16(json.as_str()));
        store.set(&key, &text).expect("set");
        listed.insert(part.name, key);
    }
    let manifest = serde_json::json!({ "app": "pipewright", "schema_version": 2, "parts": listed });
    store
        .set(keys::WORKSPACE, &manifest.to_string())
        .expect("set");
    store.set(keys::REVISION, "4").expect("set");
    let repo = Repository::new(store.clone());
    let Loaded::Found {
        workspace,
        revision,
    } = repo.load()
    else {
        panic!("schema 2 parts load")
    };
    assert_eq!((workspace == ws, revision), (true, 4));
    // A change rewrites only its parts, deflated; the others stay as they were.
    let mut changed = workspace.clone();
    let id = *changed.deals.keys().next().expect("a deal");
    changed.deals.get_mut(&id).expect("deal").title = "Renamed".into();
    assert_eq!(repo.save(&changed, 4), Ok(5));
    let texts: Vec<String> = part_keys(&store)
        .iter()
        .filter_map(|k| store.get(k).expect("get"))
        .collect();
    assert_eq!(texts.iter().filter(|t| t.starts_with("df15:")).count(), 1);
    assert!(texts.iter().filter(|t| t.starts_with("lz16:")).count() > 10);
    assert_eq!(stored_workspace(&store), changed);
}
