//! Putting a workspace back together when some of its stored parts are missing or
//! damaged (cut short, edited by hand, lost by a browser): every readable part is kept,
//! what could not be read is named, and the references left dangling are mended so the
//! app works with the rest. A damaged part costs at most what it held.

use super::codec::unpack;
use super::parts::{part_kind, PartKind, LOG_SEGMENT, SHARD_SPAN};
use crate::domain::model::workspace::DEFAULT_STAGES;
use crate::domain::support::collections::{remove_where, update_where};
use crate::domain::support::sorting::{btree_map, btree_set};
use crate::domain::*;
use std::collections::{BTreeMap, BTreeSet};

/// Why a part that is there could not be read.
const DAMAGED: &str = "its stored text is damaged";

/// A part that could not be read, and what it held, in a user's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostPart {
    pub name: String,
    pub held: String,
    /// Why: missing, or what is wrong with its text.
    pub reason: String,
}

impl std::fmt::Display for LostPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.held, self.reason)
    }
}

/// The workspace from the parts that could be read (`None`: the part is missing), and
/// the parts that could not.
pub fn recover(parts: &[(&str, Option<&str>)]) -> (Workspace, Vec<LostPart>) {
    let mut lost = Vec::new();
    let mut readable = Vec::new();
    for (name, text) in parts {
        let Some(text) = text else {
            lost.push(lost_part(name, "missing".into()));
            continue;
        };
        match unpack(text) {
            Ok(json) => readable.push((*name, json.into_owned())),
            Err(_) => lost.push(lost_part(name, DAMAGED.into())),
        }
    }
    let mut ws = Workspace::empty();
    let mut meta_found = false;
    let mut log: BTreeMap<u64, Vec<LogEntry>> = BTreeMap::new();
    for (name, json) in &readable {
        let read = match part_kind(name) {
            Some(PartKind::Meta) => super::parts::read_meta(json).map(|meta| {
                ws.settings = meta.settings;
                ws.pipelines = meta.pipelines;
                ws.next_id = meta.next_id;
                meta_found = true;
            }),
            Some(PartKind::Log(number)) => super::parts::read_log(json).map(|entries| {
                log.insert(number, entries);
            }),
            Some(PartKind::Shard(collection)) => {
                super::parts::read_shard(&mut ws, collection, json)
            }
            None => Err(format!("unknown part “{name}”")),
        };
        // What exactly is wrong with the text is no use to the user: it is damaged.
        if read.is_err() {
            lost.push(lost_part(name, DAMAGED.into()));
        }
    }
    ws.log = log.into_values().flatten().collect();
    // A pipeline needs a stage; without any pipeline left, the deals' stages make one.
    ws.pipelines.retain(|p| !p.stages.is_empty());
    if !meta_found || ws.pipelines.is_empty() {
        rebuild_pipelines(&mut ws);
    }
    mend(&mut ws);
    (ws, lost)
}

fn lost_part(name: &str, reason: String) -> LostPart {
    let held = match part_kind(name) {
        Some(PartKind::Meta) => "the settings and pipelines".to_string(),
        Some(PartKind::Log(n)) => format!(
            "stage-history entries {}–{}",
            n as usize * LOG_SEGMENT + 1,
            (n as usize + 1) * LOG_SEGMENT
        ),
        Some(PartKind::Shard(collection)) => {
            let number: u64 = name
                .split_once('.')
                .and_then(|(_, n)| n.parse().ok())
                .unwrap_or(0);
            format!(
                "{collection} with ids {}–{}",
                number * SHARD_SPAN,
                (number + 1) * SHARD_SPAN - 1
            )
        }
        None => format!("the part “{name}”"),
    };
    LostPart {
        name: name.to_string(),
        held,
        reason,
    }
}

/// Without the settings part: default settings and one pipeline whose stages are the
/// stages the deals are in (their names and order were in the lost part).
fn rebuild_pipelines(ws: &mut Workspace) {
    let stages: BTreeSet<StageId> = btree_set(ws.deals.values().map(|d| d.stage));
    let largest = stages
        .iter()
        .map(|s| s.0)
        .max()
        .unwrap_or(0)
        .max(ws.largest_own_id());
    ws.next_id = ws.next_id.max(largest + 1);
    let pipeline = PipelineId(ws.allocate());
    let mut list: Vec<Stage> = stages
        .iter()
        .enumerate()
        .map(|(i, id)| Stage {
            id: *id,
            name: format!("Recovered stage {}", i + 1),
            probability: 0,
            rotting_days: None,
        })
        .collect();
    if list.is_empty() {
        list = DEFAULT_STAGES
            .iter()
            .map(|(name, probability)| Stage {
                id: StageId(ws.allocate()),
                name: (*name).into(),
                probability: *probability,
                rotting_days: None,
            })
            .collect();
    }
    ws.pipelines = vec![Pipeline {
        id: pipeline,
        name: "Recovered pipeline".into(),
        stages: list,
    }];
}

/// Mends the references the lost parts left dangling, so the rest works.
fn mend(ws: &mut Workspace) {
    let first_stage = ws.first_stage();
    let stage_of: BTreeMap<StageId, PipelineId> =
        btree_map((ws.pipelines.iter()).flat_map(|p| p.stages.iter().map(move |s| (s.id, p.id))));
    let first_of: BTreeMap<PipelineId, StageId> =
        btree_map(ws.pipelines.iter().map(|p| (p.id, p.stages[0].id)));
    update_where(
        &mut ws.deals,
        |d| stage_of.get(&d.stage) != Some(&d.pipeline),
        |d| match stage_of.get(&d.stage) {
            Some(pipeline) => d.pipeline = *pipeline,
            None => {
                d.stage = first_of.get(&d.pipeline).copied().unwrap_or(first_stage);
                d.pipeline = stage_of.get(&d.stage).copied().unwrap_or(d.pipeline);
            }
        },
    );
    let organizations = ws.organizations.clone();
    let people = ws.people.clone();
    let deals = ws.deals.clone();
    let leads = ws.leads.clone();
    let gone_org = |o: Option<OrganizationId>| o.is_some_and(|o| !organizations.contains_key(&o));
    let gone_person = |p: Option<PersonId>| p.is_some_and(|p| !people.contains_key(&p));
    update_where(
        &mut ws.deals,
        |d| {
            gone_org(d.organization)
                || gone_person(d.person)
                || d.participants.iter().any(|p| gone_person(Some(*p)))
                || d.from_lead.is_some_and(|l| !leads.contains_key(&l))
        },
        |d| {
            if gone_org(d.organization) {
                d.organization = None;
            }
            if gone_person(d.person) {
                d.person = None;
            }
            d.participants.retain(|p| !gone_person(Some(*p)));
            if d.person.is_none() && !d.participants.is_empty() {
                d.person = Some(d.participants.remove(0));
            }
            if d.from_lead.is_some_and(|l| !leads.contains_key(&l)) {
                d.from_lead = None;
            }
        },
    );
    update_where(
        &mut ws.leads,
        |l| {
            gone_org(l.organization)
                || gone_person(l.person)
                || l.converted_deal.is_some_and(|d| !deals.contains_key(&d))
        },
        |l| {
            if gone_org(l.organization) {
                l.organization = None;
            }
            if gone_person(l.person) {
                l.person = None;
            }
            if l.converted_deal.is_some_and(|d| !deals.contains_key(&d)) {
                l.converted_deal = None;
            }
        },
    );
    update_where(
        &mut ws.people,
        |p| gone_org(p.organization),
        |p| p.organization = None,
    );
    let exists = |about: Subject| match about {
        Subject::Deal(id) => deals.contains_key(&id),
        Subject::Lead(id) => leads.contains_key(&id),
        Subject::Organization(id) => organizations.contains_key(&id),
        Subject::Person(id) => people.contains_key(&id),
    };
    remove_where(&mut ws.activities, |a| !exists(a.about));
    remove_where(&mut ws.notes, |n| !exists(n.about));
    ws.log.retain(|e| deals.contains_key(&e.deal));
    ws.next_id = ws.next_id.max(ws.largest_own_id() + 1);
}
