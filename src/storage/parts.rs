//! The workspace cut into parts for storage, so a save writes only what changed.
//!
//! Why: 10,000 deals are about 11 M characters of JSON. Serialising and compressing all
//! of it after every change took 1.2 s; a change touches one deal, one log segment and
//! maybe an activity, i.e. two or three parts of a few thousand characters each.
//!
//! Parts: `meta` (settings, pipelines, next id); each record collection in shards of
//! `SHARD_SPAN` consecutive ids (`deals.12` holds ids 3,072–3,327); the deal log in
//! segments of `LOG_SEGMENT` entries (`log.3`). Ids only grow, so new records land in the
//! last shard and existing shards stay put. Reading merges every part back; the sizes are
//! not stored, so a later build may cut differently and still read these.

use crate::domain::model::ids::RecordId;
use crate::domain::support::sorting::{btree_map, btree_set};
use crate::domain::{LogEntry, Pipeline, Settings, Workspace};
use imbl::{OrdMap, Vector};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeMap;

/// Ids per collection shard: a shard of deals is a few dozen deals.
pub const SHARD_SPAN: u64 = 256;
/// Log entries per segment.
pub const LOG_SEGMENT: usize = 1024;

const META: &str = "meta";
const LOG: &str = "log";

/// A part's name and, when it changed since the previous save, its JSON.
#[derive(Debug, PartialEq)]
pub struct Part {
    pub name: String,
    pub json: Option<String>,
}

#[derive(Serialize)]
struct MetaOut<'a> {
    settings: &'a Settings,
    pipelines: &'a [Pipeline],
    next_id: u64,
}

#[derive(Deserialize)]
struct MetaIn {
    settings: Settings,
    pipelines: Vec<Pipeline>,
    next_id: u64,
}

/// Every part of `now`, with JSON for those that differ from `before` (all of them
/// when there is no `before`).
pub fn split(now: &Workspace, before: Option<&Workspace>) -> Vec<Part> {
    let mut parts = Vec::new();
    let meta_changed = before.is_none_or(|b| {
        b.settings != now.settings || b.pipelines != now.pipelines || b.next_id != now.next_id
    });
    parts.push(Part {
        name: META.into(),
        json: meta_changed.then(|| {
            to_json(&MetaOut {
                settings: &now.settings,
                pipelines: &now.pipelines,
                next_id: now.next_id,
            })
        }),
    });
    shards("deals", &now.deals, before.map(|b| &b.deals), &mut parts);
    shards("leads", &now.leads, before.map(|b| &b.leads), &mut parts);
    shards(
        "organizations",
        &now.organizations,
        before.map(|b| &b.organizations),
        &mut parts,
    );
    shards("people", &now.people, before.map(|b| &b.people), &mut parts);
    shards(
        "activities",
        &now.activities,
        before.map(|b| &b.activities),
        &mut parts,
    );
    shards("notes", &now.notes, before.map(|b| &b.notes), &mut parts);
    log_segments(&now.log, before.map(|b| &b.log), &mut parts);
    parts
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Plain data with string and integer keys: serialising cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// A shard serialises like the whole map does: `{"id": record, …}`.
struct ShardOut<'a, K, V>(&'a [(&'a K, &'a V)]);

impl<K: Serialize, V: Serialize> Serialize for ShardOut<'_, K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().copied())
    }
}

/// Records grouped by shard number, in id order.
fn grouped<K: RecordId, V>(map: &OrdMap<K, V>) -> BTreeMap<u64, Vec<(&K, &V)>> {
    let mut groups: BTreeMap<u64, Vec<(&K, &V)>> = BTreeMap::new();
    for (k, v) in map.iter() {
        groups
            .entry(k.number() / SHARD_SPAN)
            .or_default()
            .push((k, v));
    }
    groups
}

fn shards<K, V>(
    collection: &str,
    now: &OrdMap<K, V>,
    before: Option<&OrdMap<K, V>>,
    parts: &mut Vec<Part>,
) where
    K: RecordId + Serialize,
    V: Clone + PartialEq + Serialize,
{
    // An untouched collection shares its tree with the previous snapshot.
    let untouched = before.is_some_and(|b| b.ptr_eq(now));
    let old = match before {
        Some(b) if !untouched => grouped(b),
        _ => BTreeMap::new(),
    };
    for (number, records) in grouped(now) {
        let changed = !untouched
            && (before.is_none()
                || old.get(&number).is_none_or(|previous| {
                    previous.len() != records.len()
                        || previous
                            .iter()
                            .zip(&records)
                            .any(|((k1, v1), (k2, v2))| k1 != k2 || v1 != v2)
                }));
        parts.push(Part {
            name: format!("{collection}.{number}"),
            json: changed.then(|| to_json(&ShardOut(&records))),
        });
    }
}

fn log_segments(now: &Vector<LogEntry>, before: Option<&Vector<LogEntry>>, parts: &mut Vec<Part>) {
    let untouched = before.is_some_and(|b| b.ptr_eq(now));
    for number in 0..now.len().div_ceil(LOG_SEGMENT) {
        let entries = segment(now, number);
        // Appending changes the last segment only; a deleted deal's entries shift the rest.
        let changed = !untouched && before.is_none_or(|b| segment(b, number) != entries);
        parts.push(Part {
            name: format!("{LOG}.{number}"),
            json: changed.then(|| to_json(&entries)),
        });
    }
}

fn segment(log: &Vector<LogEntry>, number: usize) -> Vector<LogEntry> {
    let rest = log.skip(number * LOG_SEGMENT);
    if rest.len() > LOG_SEGMENT {
        rest.take(LOG_SEGMENT)
    } else {
        rest
    }
}

/// Why stored parts cannot be put back together.
#[derive(Debug, PartialEq)]
pub struct PartError(pub String);

/// What a part's name says it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    Meta,
    Log(u64),
    /// A shard of one record collection ("deals", "leads", …).
    Shard(&'static str),
}

const COLLECTIONS: [&str; 6] = [
    "deals",
    "leads",
    "organizations",
    "people",
    "activities",
    "notes",
];

/// The kind of a part name ("meta", "log.3", "deals.12"); `None` for an unknown name.
pub fn part_kind(name: &str) -> Option<PartKind> {
    let (kind, number) = match name.split_once('.') {
        Some((kind, n)) => (kind, n.parse::<u64>().ok()?),
        None => (name, 0),
    };
    match kind {
        META => Some(PartKind::Meta),
        LOG => Some(PartKind::Log(number)),
        _ => COLLECTIONS
            .iter()
            .find(|c| **c == kind)
            .map(|c| PartKind::Shard(c)),
    }
}

/// The settings part: settings, pipelines and the next id.
pub struct Meta {
    pub settings: Settings,
    pub pipelines: Vec<Pipeline>,
    pub next_id: u64,
}

pub fn read_meta(json: &str) -> Result<Meta, String> {
    let meta: MetaIn = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(Meta {
        settings: meta.settings,
        pipelines: meta.pipelines,
        next_id: meta.next_id,
    })
}

pub fn read_log(json: &str) -> Result<Vec<LogEntry>, String> {
    serde_json::from_str(json).map_err(|e| e.to_string())
}

/// Adds a shard's records to their collection in `ws`.
pub fn read_shard(ws: &mut Workspace, collection: &str, json: &str) -> Result<(), String> {
    fn into<K: Ord + Clone + DeserializeOwned, V: Clone + DeserializeOwned>(
        map: &mut OrdMap<K, V>,
        json: &str,
    ) -> Result<(), String> {
        let shard: OrdMap<K, V> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        merge(map, shard);
        Ok(())
    }
    match collection {
        "deals" => into(&mut ws.deals, json),
        "leads" => into(&mut ws.leads, json),
        "organizations" => into(&mut ws.organizations, json),
        "people" => into(&mut ws.people, json),
        "activities" => into(&mut ws.activities, json),
        "notes" => into(&mut ws.notes, json),
        other => Err(format!("unknown collection “{other}”")),
    }
}

/// Puts a workspace back together from `(name, json)` parts, in any order.
pub fn join<'a>(
    parts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Workspace, PartError> {
    let mut ws = Workspace::empty();
    let mut meta = None;
    let mut log: BTreeMap<u64, Vec<LogEntry>> = BTreeMap::new();
    for (name, json) in parts {
        let in_part = |e: String| PartError(format!("part “{name}”: {e}"));
        match part_kind(name) {
            Some(PartKind::Meta) => meta = Some(read_meta(json).map_err(in_part)?),
            Some(PartKind::Log(number)) => {
                log.insert(number, read_log(json).map_err(in_part)?);
            }
            Some(PartKind::Shard(collection)) => {
                read_shard(&mut ws, collection, json).map_err(in_part)?
            }
            None => return Err(PartError(format!("unknown part “{name}”"))),
        }
    }
    let meta = meta.ok_or_else(|| PartError("the settings part is missing".into()))?;
    if log.keys().copied().ne(0..log.len() as u64) {
        return Err(PartError("a segment of the deal log is missing".into()));
    }
    ws.settings = meta.settings;
    ws.pipelines = meta.pipelines;
    ws.next_id = meta.next_id;
    ws.log = log.into_values().flatten().collect();
    Ok(ws)
}

/// `join` for a workspace read before: `before` was put together from the parts named
/// `before_names`; `now` lists every part named now, with its JSON when its stored text
/// differs from the one `before` was read from (`None`: the same text). Only those are
/// decoded: another tab's change to one deal costs one shard, not the whole workspace.
pub fn rejoin(
    before: &Workspace,
    before_names: &[&str],
    now: &[(&str, Option<&str>)],
) -> Result<Workspace, PartError> {
    let mut ws = before.clone();
    let mut meta_listed = false;
    for (name, json) in now {
        if part_kind(name) == Some(PartKind::Meta) {
            meta_listed = true;
            if let Some(json) = json {
                let meta = read_meta(json).map_err(|e| PartError(format!("part “{name}”: {e}")))?;
                ws.settings = meta.settings;
                ws.pipelines = meta.pipelines;
                ws.next_id = meta.next_id;
            }
        }
    }
    if !meta_listed {
        return Err(PartError("the settings part is missing".into()));
    }
    for collection in COLLECTIONS {
        let shard_of = |name: &str| match (part_kind(name), name.split_once('.')) {
            (Some(PartKind::Shard(c)), Some((_, n))) if c == collection => n.parse::<u64>().ok(),
            _ => None,
        };
        let listed: BTreeMap<u64, Option<&str>> = btree_map(
            now.iter()
                .filter_map(|(name, json)| shard_of(name).map(|n| (n, *json))),
        );
        // Shards whose records are replaced: changed ones and ones no longer listed.
        let mut replaced = btree_set(
            (listed.iter())
                .filter(|(_, json)| json.is_some())
                .map(|(n, _)| *n),
        );
        replaced.extend(
            before_names
                .iter()
                .filter_map(|name| shard_of(name))
                .filter(|n| !listed.contains_key(n)),
        );
        if replaced.is_empty() {
            continue;
        }
        drop_shards(&mut ws, collection, &replaced);
        for (number, json) in &listed {
            if let Some(json) = json {
                read_shard(&mut ws, collection, json)
                    .map_err(|e| PartError(format!("part “{collection}.{number}”: {e}")))?;
            }
        }
    }
    let segments: BTreeMap<u64, Option<&str>> =
        btree_map(now.iter().filter_map(|(name, json)| match part_kind(name) {
            Some(PartKind::Log(n)) => Some((n, *json)),
            _ => None,
        }));
    if segments.keys().copied().ne(0..segments.len() as u64) {
        return Err(PartError("a segment of the deal log is missing".into()));
    }
    let before_segments = before.log.len().div_ceil(LOG_SEGMENT);
    if segments.len() != before_segments || segments.values().any(Option::is_some) {
        // The segments before the first changed one are kept as one slice.
        let kept = (segments.iter())
            .take_while(|(n, json)| json.is_none() && (**n as usize) < before_segments)
            .count();
        let mut log = before.log.take((kept * LOG_SEGMENT).min(before.log.len()));
        for (number, json) in segments.into_iter().skip(kept) {
            match json {
                Some(json) => log.extend(
                    read_log(json).map_err(|e| PartError(format!("part “log.{number}”: {e}")))?,
                ),
                None if (number as usize) < before_segments => {
                    log.append(segment(&before.log, number as usize))
                }
                None => return Err(PartError(format!("part “log.{number}” was not read"))),
            }
        }
        ws.log = log;
    }
    Ok(ws)
}

/// Removes from `ws` the records of a collection's shards `numbers`.
fn drop_shards(ws: &mut Workspace, collection: &str, numbers: &std::collections::BTreeSet<u64>) {
    fn drop<K: RecordId, V: Clone>(
        map: &mut OrdMap<K, V>,
        numbers: &std::collections::BTreeSet<u64>,
    ) {
        // Only the shards' ranges are visited, not the whole collection.
        let gone: Vec<K> = (numbers.iter())
            .flat_map(|n| {
                let first = K::from_number(n * SHARD_SPAN);
                let after = K::from_number((n + 1) * SHARD_SPAN);
                map.range(first..after).map(|(k, _)| *k)
            })
            .collect();
        for key in gone {
            map.remove(&key);
        }
    }
    match collection {
        "deals" => drop(&mut ws.deals, numbers),
        "leads" => drop(&mut ws.leads, numbers),
        "organizations" => drop(&mut ws.organizations, numbers),
        "people" => drop(&mut ws.people, numbers),
        "activities" => drop(&mut ws.activities, numbers),
        "notes" => drop(&mut ws.notes, numbers),
        _ => {}
    }
}

fn merge<K: Ord + Clone, V: Clone>(into: &mut OrdMap<K, V>, shard: OrdMap<K, V>) {
    if into.is_empty() {
        *into = shard;
    } else {
        into.extend(shard);
    }
}
