//! Which documents a change touched: the workspace before and after a local change,
//! compared record by record. Persistent maps make unchanged subtrees cheap to skip.

use super::documents::{log_keys, DocKey};
use crate::domain::Workspace;
use imbl::ordmap::DiffItem;
use imbl::OrdMap;
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
    if !before.log.ptr_eq(&after.log) {
        let old: HashSet<_> = log_keys(&before.log).into_iter().collect();
        let new: HashSet<_> = log_keys(&after.log).into_iter().collect();
        let mut logs: Vec<_> = new.symmetric_difference(&old).copied().collect();
        crate::domain::support::sorting::sort(&mut logs);
        out.extend(logs.into_iter().map(DocKey::Log));
    }
    out
}
