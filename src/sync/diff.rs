//! Which documents a change touched: the workspace before and after a local change,
//! compared record by record. Persistent maps make unchanged subtrees cheap to skip.

use super::documents::{log_keys, DocKey, EventKey, LogKey};
use crate::domain::model::LogEntry;
use crate::domain::Workspace;
use imbl::ordmap::DiffItem;
use imbl::{OrdMap, Vector};
use std::collections::HashSet;

fn map_changes<K: Ord + Copy, V: PartialEq>(
    before: &OrdMap<K, V>,
    after: &OrdMap<K, V>,
    key: impl Fn(K) -> DocKey,
    out: &mut Vec<DocKey>,
) {
    if before.ptr_eq(after) {
        return;
    }
    for item in before.diff(after) {
        let id = match item {
            DiffItem::Add(k, _) | DiffItem::Remove(k, _) => *k,
            DiffItem::Update { new: (k, _), .. } => *k,
        };
        out.push(key(id));
    }
}

/// The keys of every document whose record was added, changed or removed.
pub fn changed_documents(before: &Workspace, after: &Workspace) -> Vec<DocKey> {
    let mut out = Vec::new();
    if before.settings != after.settings {
        out.push(DocKey::Settings);
    }
    for pipeline in &after.pipelines {
        if before.pipeline(pipeline.id).ok() != Some(pipeline) {
            out.push(DocKey::Pipeline(pipeline.id));
        }
    }
    for pipeline in &before.pipelines {
        if after.pipeline(pipeline.id).is_err() {
            out.push(DocKey::Pipeline(pipeline.id));
        }
    }
    map_changes(
        &before.organizations,
        &after.organizations,
        DocKey::Organization,
        &mut out,
    );
    map_changes(&before.people, &after.people, DocKey::Person, &mut out);
    map_changes(&before.deals, &after.deals, DocKey::Deal, &mut out);
    map_changes(&before.leads, &after.leads, DocKey::Lead, &mut out);
    map_changes(
        &before.activities,
        &after.activities,
        DocKey::Activity,
        &mut out,
    );
    map_changes(&before.notes, &after.notes, DocKey::Note, &mut out);
    out.extend(
        changed_log_keys(&before.log, &after.log)
            .into_iter()
            .map(DocKey::Log),
    );
    out
}

/// The log entries added or removed. A change appends an entry or two (undo takes them
/// off the end), so only what follows the common start is keyed: a move in a 50,000-entry
/// log compares entries instead of hashing them all.
pub fn changed_log_keys(before: &Vector<LogEntry>, after: &Vector<LogEntry>) -> Vec<LogKey> {
    if before.ptr_eq(after) {
        return Vec::new();
    }
    let common = before
        .iter()
        .zip(after.iter())
        .take_while(|(a, b)| a == b)
        .count();
    let old: HashSet<LogKey> = tail_keys(before, common).into_iter().collect();
    let new: HashSet<LogKey> = tail_keys(after, common).into_iter().collect();
    let mut changed: Vec<LogKey> = new.symmetric_difference(&old).copied().collect();
    crate::domain::support::sorting::sort(&mut changed);
    changed
}

/// `log_keys` of the entries from `from` on, counting occurrences in the entries before.
fn tail_keys(log: &Vector<LogEntry>, from: usize) -> Vec<LogKey> {
    let tail: Vector<LogEntry> = log.clone().split_off(from);
    let mut keys = log_keys(&tail);
    for key in &mut keys {
        let earlier = log
            .iter()
            .take(from)
            .filter(|e| {
                e.deal == key.deal && e.on == key.on && EventKey::from(e.event) == key.event
            })
            .count();
        key.occurrence += u32::try_from(earlier).unwrap_or(u32::MAX);
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{demo_workspace, DemoSize};
    use crate::domain::{Command, DealStatus};

    fn naive(before: &Workspace, after: &Workspace) -> Vec<LogKey> {
        let old: HashSet<_> = log_keys(&before.log).into_iter().collect();
        let new: HashSet<_> = log_keys(&after.log).into_iter().collect();
        let mut changed: Vec<_> = new.symmetric_difference(&old).copied().collect();
        crate::domain::support::sorting::sort(&mut changed);
        changed
    }

    #[test]
    fn log_changes_match_comparing_every_key() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("date");
        let ws = demo_workspace(DemoSize::Standard, 9, today);
        let open: Vec<_> = ws
            .deals
            .values()
            .filter(|d| d.status == DealStatus::Open)
            .map(|d| (d.id, d.stage))
            .take(5)
            .collect();
        let mut states = vec![ws.clone()];
        let mut current = ws.clone();
        for (deal, stage) in &open {
            let other = current.pipelines[0]
                .stages
                .iter()
                .find(|s| s.id != *stage)
                .expect("stage")
                .id;
            for target in [other, *stage, other] {
                current
                    .apply(
                        &Command::MoveDeal {
                            deal: *deal,
                            stage: target,
                            before: None,
                        },
                        today,
                    )
                    .expect("move");
                states.push(current.clone());
            }
        }
        current
            .apply(&Command::DeleteDeal { deal: open[0].0 }, today)
            .expect("delete");
        states.push(current.clone());
        for a in &states {
            for b in &states {
                assert_eq!(changed_log_keys(&a.log, &b.log), naive(a, b));
            }
        }
        assert!(!changed_log_keys(&ws.log, &current.log).is_empty());
    }
}
