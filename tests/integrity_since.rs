//! The check of a workspace made from a valid one (another tab's save) looks only at what
//! changed, and finds exactly what the whole check finds.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use pipewright::domain::demo::{demo_workspace, DemoSize};
use pipewright::domain::*;
use proptest::prelude::*;
use support::d;

/// One edit made outside the commands, as a hand-edited or foreign save could.
#[derive(Clone, Debug)]
enum Edit {
    /// A deal moved to a stage (index into every stage; past the end: a missing one).
    Stage(usize, usize),
    Value(usize, i64),
    Probability(usize, u8),
    RemoveDeal(usize),
    /// A copy of a deal under a new key (the id it keeps may differ from the key).
    CopyDeal(usize, u64, bool),
    LeadScore(usize, u8),
    RemoveOrganization(usize),
    LogEntryFor(u64),
    DropLastLogEntry,
    NextId(i64),
    RenamePipeline,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..400, 0usize..12).prop_map(|(i, s)| Edit::Stage(i, s)),
        (0usize..400, -5i64..5).prop_map(|(i, v)| Edit::Value(i, v)),
        (0usize..400, 95u8..105).prop_map(|(i, p)| Edit::Probability(i, p)),
        (0usize..400).prop_map(Edit::RemoveDeal),
        (0usize..400, 0u64..4, any::<bool>()).prop_map(|(i, o, k)| Edit::CopyDeal(i, o, k)),
        (0usize..300, 98u8..103).prop_map(|(i, s)| Edit::LeadScore(i, s)),
        (0usize..300).prop_map(Edit::RemoveOrganization),
        (0u64..5).prop_map(Edit::LogEntryFor),
        Just(Edit::DropLastLogEntry),
        (-3i64..3).prop_map(Edit::NextId),
        Just(Edit::RenamePipeline),
    ]
}

fn nth_key<K: Copy + Ord, V: Clone>(map: &imbl::OrdMap<K, V>, i: usize) -> Option<K> {
    map.keys().nth(i % map.len().max(1)).copied()
}

fn apply(ws: &mut Workspace, edit: &Edit) {
    let stages: Vec<StageId> = (ws.pipelines.iter())
        .flat_map(|p| p.stages.iter().map(|s| s.id))
        .collect();
    match edit.clone() {
        Edit::Stage(i, s) => {
            let stage = stages.get(s).copied().unwrap_or(StageId(ws.next_id + 99));
            if let Some(deal) = nth_key(&ws.deals, i).and_then(|k| ws.deals.get_mut(&k)) {
                deal.stage = stage;
            }
        }
        Edit::Value(i, v) => {
            if let Some(deal) = nth_key(&ws.deals, i).and_then(|k| ws.deals.get_mut(&k)) {
                deal.value = Money(v);
            }
        }
        Edit::Probability(i, p) => {
            if let Some(deal) = nth_key(&ws.deals, i).and_then(|k| ws.deals.get_mut(&k)) {
                deal.probability_override = Some(p);
            }
        }
        Edit::RemoveDeal(i) => {
            if let Some(key) = nth_key(&ws.deals, i) {
                ws.deals.remove(&key);
            }
        }
        Edit::CopyDeal(i, offset, keeps_id) => {
            if let Some(deal) = nth_key(&ws.deals, i)
                .and_then(|k| ws.deals.get(&k))
                .cloned()
            {
                let key = DealId(ws.next_id - 2 + offset);
                let mut copy = deal;
                if !keeps_id {
                    copy.id = key;
                }
                ws.deals.insert(key, copy);
            }
        }
        Edit::LeadScore(i, score) => {
            if let Some(lead) = nth_key(&ws.leads, i).and_then(|k| ws.leads.get_mut(&k)) {
                lead.score = score;
            }
        }
        Edit::RemoveOrganization(i) => {
            if let Some(key) = nth_key(&ws.organizations, i) {
                ws.organizations.remove(&key);
            }
        }
        Edit::LogEntryFor(offset) => {
            if let Some(last) = ws.log.last().copied() {
                ws.log.push_back(LogEntry {
                    deal: DealId(last.deal.0 + offset),
                    ..last
                });
            }
        }
        Edit::DropLastLogEntry => {
            ws.log.pop_back();
        }
        Edit::NextId(by) => ws.next_id = ws.next_id.saturating_add_signed(by),
        Edit::RenamePipeline => ws.pipelines[0].name.push('!'),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_check_since_a_valid_workspace_finds_what_the_whole_check_finds(
        edits in prop::collection::vec(edit(), 1..6)
    ) {
        let before = demo_workspace(DemoSize::Standard, 3, d(2026, 11, 27));
        prop_assert!(before.broken_rules().is_empty());
        let mut now = before.clone();
        for edit in &edits {
            apply(&mut now, edit);
        }
        prop_assert_eq!(now.broken_rules_since(&before), now.broken_rules());
    }
}

#[test]
fn an_unchanged_workspace_breaks_nothing() {
    let before = demo_workspace(DemoSize::Standard, 3, d(2026, 11, 27));
    assert!(before.clone().broken_rules_since(&before).is_empty());
}
