//! Native tests of the stored form and the repository: nothing unreadable is ever
//! overwritten, a full store keeps the change in memory, and two writers never lose
//! each other's changes.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use pipewright::domain::commands::{Applied, DealDraft};
use pipewright::domain::*;
use pipewright::state::sync::{save_or_rebase, Pending, SaveOutcome};
use pipewright::storage::codec::decode_stored;
use pipewright::storage::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 4).expect("valid date")
}

fn with_deal(title: &str) -> Workspace {
    let mut ws = Workspace::new();
    let stage = ws.pipelines[0].stages[0].id;
    add_deal(&mut ws, title, stage);
    ws
}

fn deal_command(title: &str, stage: StageId) -> Command {
    Command::CreateDeal(DealDraft {
        title: title.into(),
        value: Money(12_345),
        stage,
        probability_override: Some(35),
        expected_close: Some(today()),
        organization: None,
        person: None,
        owner: "Bo".into(),
        source: "Event".into(),
    })
}

fn add_deal(ws: &mut Workspace, title: &str, stage: StageId) -> DealId {
    match ws.apply(&deal_command(title, stage), today()) {
        Ok(Applied::Deal(id)) => id,
        other => panic!("deal created, got {other:?}"),
    }
}

#[test]
fn encode_then_decode_gives_back_the_same_workspace() {
    let ws = with_deal("Round trip ✓ <b>");
    assert_eq!(decode(&encode(&ws)), Ok(ws));
}

#[test]
fn decode_names_what_is_wrong() {
    assert_eq!(decode(""), Err(DecodeError::Empty));
    assert!(matches!(decode("{not json"), Err(DecodeError::NotJson(_))));
    assert_eq!(decode("[1,2,3]"), Err(DecodeError::Foreign));
    assert_eq!(
        decode(r#"{"name":"a HubSpot export"}"#),
        Err(DecodeError::Foreign)
    );
    assert_eq!(
        decode(r#"{"app":"pipewright","schema_version":99,"workspace":{}}"#),
        Err(DecodeError::NewerSchema {
            found: 99,
            supported: SCHEMA_VERSION
        })
    );
    assert!(matches!(
        decode(r#"{"app":"pipewright","schema_version":1,"workspace":{"deals":"nope"}}"#),
        Err(DecodeError::WrongShape(_))
    ));
    // A byte-order mark in front of an exported file is fine.
    let ws = Workspace::new();
    assert_eq!(decode(&format!("\u{feff}{}", encode(&ws))), Ok(ws));
}

#[test]
fn decode_refuses_dangling_references() {
    let ws = with_deal("d");
    let mut value: serde_json::Value = serde_json::from_str(&encode(&ws)).expect("json");
    value["workspace"]["next_id"] = serde_json::json!(1);
    assert!(
        matches!(decode(&value.to_string()), Err(DecodeError::BrokenRules(m)) if m.contains("the next id 1 is not above"))
    );
    let mut value: serde_json::Value = serde_json::from_str(&encode(&ws)).expect("json");
    first_deal(&mut value["workspace"])["stage"] = serde_json::json!(777);
    assert!(
        matches!(decode(&value.to_string()), Err(DecodeError::BrokenRules(m)) if m.contains("missing stage"))
    );
}

#[test]
fn decode_refuses_pipelines_without_stages_and_percentages_above_100() {
    let ws = with_deal("d");
    let refused = |change: fn(&mut serde_json::Value), expected: &str| {
        let mut value: serde_json::Value = serde_json::from_str(&encode(&ws)).expect("json");
        change(&mut value["workspace"]);
        match decode(&value.to_string()) {
            Err(DecodeError::BrokenRules(m)) => assert!(m.contains(expected), "{m}"),
            other => panic!("expected a refusal naming {expected}, got {other:?}"),
        }
    };
    refused(
        |w| w["pipelines"][0]["stages"] = serde_json::json!([]),
        "has no stage",
    );
    refused(
        |w| w["pipelines"][0]["stages"][0]["probability"] = serde_json::json!(150),
        "probability above 100",
    );
    refused(
        |w| first_deal(w)["probability_override"] = serde_json::json!(101),
        "probability above 100",
    );
}

#[test]
fn a_file_is_held_to_every_rule_and_stored_data_only_to_what_the_app_needs() {
    let ws = with_deal("d");
    let changed = |change: fn(&mut serde_json::Value)| {
        let mut value: serde_json::Value = serde_json::from_str(&encode(&ws)).expect("json");
        change(&mut value["workspace"]);
        value.to_string()
    };
    // Broken for the app: refused whether imported or stored.
    let negative = changed(|w| first_deal(w)["value"] = serde_json::json!(-5));
    let rekeyed = changed(|w| {
        let deals = w["deals"].as_object_mut().expect("deals map");
        let (key, deal) = deals
            .iter()
            .next()
            .map(|(k, v)| (k.clone(), v.clone()))
            .expect("a deal");
        deals.remove(&key);
        deals.insert("999".into(), deal);
    });
    for (text, expected) in [
        (&negative, "has a negative value"),
        (&rekeyed, "stored under 999 says its id is"),
    ] {
        match decode(text) {
            Err(DecodeError::BrokenRules(m)) => assert!(m.contains(expected), "{m}"),
            other => panic!("expected {expected}, got {other:?}"),
        }
        assert!(matches!(
            decode_stored(text),
            Err(DecodeError::BrokenRules(_))
        ));
    }
    // Irregular (older data can have it): an import refuses it, stored data keeps it.
    let huge = changed(|w| first_deal(w)["value"] = serde_json::json!(i64::MAX));
    match decode(&huge) {
        Err(DecodeError::BrokenRules(m)) => {
            assert!(m.contains("has a value above the largest amount"), "{m}")
        }
        other => panic!("a huge value is refused on import, got {other:?}"),
    }
    assert!(decode_stored(&huge).is_ok());
    let ws = match decode_stored(&huge) {
        Ok(pipewright::storage::codec::Stored::Whole(ws)) => ws,
        other => panic!("stored data is read, got {other:?}"),
    };
    assert_eq!(ws.problems().len(), 1);
}

fn first_deal(workspace: &mut serde_json::Value) -> &mut serde_json::Value {
    let deals = workspace["deals"].as_object_mut().expect("deals map");
    deals.values_mut().next().expect("one deal")
}

#[test]
fn unreadable_data_is_reported_and_left_as_it_is() {
    let store = MemoryStore::new();
    store.set(keys::WORKSPACE, "garbage").expect("set");
    let repo = Repository::new(store.clone());
    match repo.load() {
        Loaded::Unreadable { raw, error } => {
            assert_eq!(raw, "garbage");
            assert!(matches!(error, DecodeError::NotJson(_)));
        }
        other => panic!("expected unreadable, got {other:?}"),
    }
    assert_eq!(
        store.get(keys::WORKSPACE).expect("get").as_deref(),
        Some("garbage")
    );
    let key = repo
        .back_up_and_clear("garbage", "20260504T101010")
        .expect("backed up");
    assert_eq!(store.get(&key).expect("get").as_deref(), Some("garbage"));
    assert!(matches!(repo.load(), Loaded::Nothing));
    assert_eq!(repo.backups().expect("list"), vec![(key.clone(), 7)]);
    repo.delete_backup(&key).expect("deleted");
    assert!(repo.backups().expect("list").is_empty());
}

#[test]
fn a_full_store_fails_the_save_and_succeeds_once_space_is_freed() {
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    let ws = with_deal("big");
    store.set_quota(Some(100));
    assert_eq!(
        repo.save(&ws, 0),
        Err(SaveError::Store(StoreError::QuotaExceeded))
    );
    assert!(
        matches!(repo.load(), Loaded::Nothing),
        "nothing half-written"
    );
    store.set_quota(None);
    assert_eq!(repo.save(&ws, 0), Ok(1));
    assert!(matches!(repo.load(), Loaded::Found { revision: 1, .. }));
}

#[test]
fn an_unavailable_store_is_reported() {
    let store = MemoryStore::new();
    store.set_unavailable(true);
    let repo = Repository::new(store);
    assert!(matches!(
        repo.load(),
        Loaded::Unavailable(StoreError::Unavailable(_))
    ));
}

#[test]
fn alternating_edits_from_two_tabs_all_survive() {
    let store = MemoryStore::new();
    let base = Workspace::new();
    let stage = base.pipelines[0].stages[0].id;
    Repository::new(store.clone())
        .save(&base, 0)
        .expect("first save");
    // Two tabs load revision 1.
    let (tab_a, tab_b) = (
        Repository::new(store.clone()),
        Repository::new(store.clone()),
    );
    let (mut ws_a, mut rev_a) = (base.clone(), 1);
    let (mut ws_b, mut rev_b) = (base.clone(), 1);
    for round in 0..3 {
        // Tab A changes and saves.
        let cmd = deal_command(&format!("A{round}"), stage);
        ws_a.apply(&cmd, today()).expect("applies");
        match save_or_rebase(&tab_a, &ws_a, rev_a, &[Pending::Command(cmd)], today())
            .expect("saved")
        {
            SaveOutcome::Saved { revision } => rev_a = revision,
            SaveOutcome::Rebased {
                workspace,
                revision,
                dropped,
            } => {
                assert!(dropped.is_empty());
                (ws_a, rev_a) = (workspace, revision);
            }
            other => panic!("unexpected {other:?}"),
        }
        // Tab B has not heard of it yet (stale), changes and saves: it must rebase.
        let cmd = deal_command(&format!("B{round}"), stage);
        ws_b.apply(&cmd, today()).expect("applies");
        match save_or_rebase(&tab_b, &ws_b, rev_b, &[Pending::Command(cmd)], today())
            .expect("saved")
        {
            SaveOutcome::Rebased {
                workspace,
                revision,
                dropped,
            } => {
                assert!(dropped.is_empty());
                (ws_b, rev_b) = (workspace, revision);
            }
            other => panic!("tab B was stale and must rebase, got {other:?}"),
        }
    }
    let Loaded::Found { workspace, .. } = Repository::new(store).load() else {
        panic!("stored")
    };
    let mut titles: Vec<String> = workspace.deals.values().map(|d| d.title.clone()).collect();
    pipewright::domain::support::sorting::sort(&mut titles);
    assert_eq!(titles, vec!["A0", "A1", "A2", "B0", "B1", "B2"]);
}

#[test]
fn a_stale_whole_state_replacement_takes_the_other_tabs_data_instead_of_overwriting_it() {
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    repo.save(&Workspace::new(), 0).expect("saved");
    let theirs = with_deal("theirs");
    repo.save(&theirs, 1).expect("other tab saved");
    let ours = with_deal("ours (an undo)");
    match save_or_rebase(&repo, &ours, 1, &[Pending::Replace], today()).expect("no store error") {
        SaveOutcome::TookTheirs {
            workspace,
            revision,
        } => {
            assert_eq!(workspace, theirs);
            assert_eq!(revision, 2);
        }
        other => panic!("expected to take theirs, got {other:?}"),
    }
    let Loaded::Found { workspace, .. } = repo.load() else {
        panic!("stored")
    };
    assert_eq!(workspace, theirs);
}

#[test]
fn data_another_tab_stored_in_a_newer_release_is_never_written_over() {
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    repo.save(&Workspace::new(), 0).expect("saved");
    // A tab running a newer Pipewright saves revision 2 in a schema this build cannot read.
    let newer = r#"{"app":"pipewright","schema_version":999,"parts":{}}"#;
    store.set(keys::WORKSPACE, newer).expect("set");
    store.set(keys::REVISION, "2").expect("set");
    let ours = with_deal("ours");
    let command = deal_command("ours", ours.pipelines[0].stages[0].id);
    match save_or_rebase(&repo, &ours, 1, &[Pending::Command(command)], today()) {
        Err(StoreError::UnreadableByThisVersion(why)) => assert!(why.contains("newer"), "{why}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(
        store.get(keys::WORKSPACE).expect("get").as_deref(),
        Some(newer)
    );
    assert_eq!(
        store.get(keys::REVISION).expect("get").as_deref(),
        Some("2")
    );
}

#[test]
fn scenarios_are_saved_listed_opened_and_deleted_beside_the_workspace() {
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    let training = with_deal("Training deal");
    assert_eq!(
        repo.save_scenario("  ", &training),
        Err(ScenarioError::NameMissing)
    );
    repo.save_scenario("Week 1", &training).expect("saved");
    repo.save_scenario("Alpha", &Workspace::new())
        .expect("saved");
    assert_eq!(
        repo.scenarios().expect("list"),
        vec!["Alpha".to_string(), "Week 1".to_string()]
    );
    assert_eq!(repo.load_scenario("Week 1"), Ok(training.clone()));
    assert_eq!(repo.load_scenario("Nope"), Err(ScenarioError::NotFound));
    // Scenarios never touch the working copy.
    assert!(matches!(repo.load(), Loaded::Nothing));
    store.set("pipewright.scenario.Broken", "{").expect("set");
    assert!(matches!(
        repo.load_scenario("Broken"),
        Err(ScenarioError::Unreadable(_))
    ));
    repo.delete_scenario("Alpha").expect("deleted");
    assert_eq!(
        repo.scenarios().expect("list"),
        vec!["Broken".to_string(), "Week 1".to_string()]
    );
    // A taken name is found, and "keep both" gets the first free numbered name.
    assert_eq!(repo.scenario_exists(" Week 1 "), Ok(true));
    assert_eq!(repo.scenario_exists("Week 2"), Ok(false));
    assert_eq!(
        repo.free_scenario_name("Week 1"),
        Ok("Week 1 (2)".to_string())
    );
    repo.save_scenario("Week 1 (2)", &training).expect("saved");
    assert_eq!(
        repo.free_scenario_name("Week 1"),
        Ok("Week 1 (3)".to_string())
    );
    assert_eq!(repo.free_scenario_name("New"), Ok("New".to_string()));
    // The limit is the domain's, not a storage-only one.
    assert_eq!(
        repo.save_scenario(&"x".repeat(201), &training),
        Err(ScenarioError::NameTooLong)
    );
    repo.save_scenario(&"x".repeat(200), &training)
        .expect("200 characters fit");
}

#[test]
fn a_large_workspace_is_stored_compressed_and_reads_back_the_same() {
    use pipewright::domain::demo::{demo_workspace, DemoSize};
    let ws = demo_workspace(DemoSize::Huge, 5, today());
    let plain = encode(&ws);
    let stored = encode_for_storage(&ws);
    assert!(plain.len() > pipewright::storage::codec::COMPRESS_ABOVE);
    assert!(stored.starts_with("df15:"));
    let stored_units = stored.encode_utf16().count();
    assert!(
        stored_units < 5_000_000,
        "10,000 deals fit in local storage: {stored_units} UTF-16 units"
    );
    println!(
        "10,000 deals: {} characters as JSON, {stored_units} UTF-16 units stored",
        plain.len()
    );
    assert_eq!(decode(&stored), Ok(ws.clone()));
    // In local storage the parts are compressed one by one, and still fit.
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    assert_eq!(repo.save(&ws, 0), Ok(1));
    let part_units: usize = store
        .keys()
        .expect("keys")
        .iter()
        .filter_map(|k| store.get(k).expect("get"))
        .map(|v| v.encode_utf16().count())
        .sum();
    assert!(
        part_units < 5_000_000,
        "10,000 deals in parts fit in local storage: {part_units} UTF-16 units"
    );
    println!("10,000 deals in parts: {part_units} UTF-16 units stored");
    match repo.load() {
        Loaded::Found { workspace, .. } => assert_eq!(workspace, ws),
        other => panic!("the parts read back, got {other:?}"),
    }
    // Small workspaces stay plain JSON, readable in the browser's tools.
    assert!(encode_for_storage(&Workspace::new()).starts_with('{'));
    assert!(matches!(
        decode("lz16:garbage"),
        Err(DecodeError::NotJson(_))
    ));
}

#[test]
fn a_backup_with_an_impossible_date_names_it() {
    let ws = with_deal("d");
    let mut value: serde_json::Value = serde_json::from_str(&encode(&ws)).expect("json");
    first_deal(&mut value["workspace"])["created_on"] = serde_json::json!("2026-02-30");
    match decode(&value.to_string()) {
        Err(DecodeError::WrongShape(m)) => assert_eq!(
            m,
            "“2026-02-30” is not a date of the calendar (dates are written YYYY-MM-DD)"
        ),
        other => panic!("the date is named, got {other:?}"),
    }
}

#[test]
fn an_edit_of_a_deal_the_other_tab_deleted_is_dropped_and_named() {
    let store = MemoryStore::new();
    let repo = Repository::new(store.clone());
    let base = with_deal("Shared");
    repo.save(&base, 0).expect("saved");
    let deal = *base.deals.keys().next().expect("a deal");
    // Tab A deletes the deal and saves first.
    let mut theirs = base.clone();
    theirs
        .apply(&Command::DeleteDeal { deal }, today())
        .expect("deleted");
    Repository::new(store.clone())
        .save(&theirs, 1)
        .expect("tab A saved");
    // Tab B, still at revision 1, renamed it and added another deal.
    let mut ours = base.clone();
    let mut draft = DealDraft::from(ours.deal(deal).expect("deal"));
    draft.title = "Renamed in B".into();
    let rename = Command::EditDeal { deal, draft };
    ours.apply(&rename, today()).expect("renamed");
    let stage = ours.first_stage();
    let add = deal_command("Added in B", stage);
    ours.apply(&add, today()).expect("added");
    match save_or_rebase(
        &repo,
        &ours,
        1,
        &[Pending::Command(rename), Pending::Command(add)],
        today(),
    )
    .expect("no store error")
    {
        SaveOutcome::Rebased {
            workspace,
            revision,
            dropped,
        } => {
            assert_eq!(revision, 3);
            // The rename could not apply to a deleted deal: dropped, with the reason.
            assert_eq!(dropped.len(), 1);
            assert_eq!(
                dropped[0].to_string(),
                "no deal with that id exists (it may have been deleted)"
            );
            // The other change survives, on top of tab A's deletion.
            let titles: Vec<&str> = workspace.deals.values().map(|d| d.title.as_str()).collect();
            assert_eq!(titles, ["Added in B"]);
        }
        other => panic!("expected a rebase, got {other:?}"),
    }
}
