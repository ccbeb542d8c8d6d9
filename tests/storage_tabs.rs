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

#[test]
fn another_tabs_saves_read_part_by_part_equal_a_full_read() {
    let store = MemoryStore::new();
    let (writer, reader) = (
        Repository::new(store.clone()),
        Repository::new(store.clone()),
    );
    let mut ws = demo_workspace(DemoSize::Standard, 11, today());
    let mut revision = writer.save(&ws, 0).expect("saved");
    assert!(matches!(reader.load(), Loaded::Found { .. }));
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
