//! One check of a whole workspace against the rules the commands keep, for data that did
//! not come through the commands: backups, scenarios, stored data, and (later) documents
//! from a sync server. Each broken rule is named.

use super::deal_log::{entries, shared_prefix, LogEntry};
use super::ids::{DealId, RecordId, ID_BLOCK};
use super::money::Money;
use super::workspace::Workspace;
use crate::domain::commands::validate::MAX_TEXT;
use imbl::ordmap::DiffItem;
use imbl::{OrdMap, Vector};
use std::collections::HashSet;

/// How badly a workspace breaks a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The app cannot work with it (a missing stage, two records under one id, a
    /// percentage above 100): never loaded.
    Broken,
    /// A rule the commands keep today but older data may break (a title over the length
    /// limit, an amount over the cap): stored data is kept and the problem reported; a
    /// file to import is refused.
    Irregular,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub rule: String,
}

impl Workspace {
    /// Every rule this workspace breaks; empty for data made through the commands.
    pub fn problems(&self) -> Vec<Problem> {
        let mut found = self.broken_rules();
        found.extend(self.irregular_rules());
        found
    }

    /// The rules whose breach the app cannot work with (severity broken).
    pub fn broken_rules(&self) -> Vec<Problem> {
        self.broken_in(None)
    }

    /// `broken_rules` for a workspace made from `before`, which broke none: only the
    /// records that differ are checked (imbl's diff skips the subtrees both share), so
    /// another tab's change to a few deals costs those deals, not the whole workspace.
    pub fn broken_rules_since(&self, before: &Workspace) -> Vec<Problem> {
        let comparable = self.pipelines == before.pipelines
            && self.next_id >= before.next_id
            && self.next_id / ID_BLOCK == before.next_id / ID_BLOCK;
        self.broken_in(comparable.then_some(before))
    }

    fn broken_in(&self, before: Option<&Workspace>) -> Vec<Problem> {
        let mut found = Vec::new();
        self.structure_problems(before, &mut |rule| {
            found.push(Problem {
                severity: Severity::Broken,
                rule,
            })
        });
        found
    }

    /// The rules older data may break and is kept despite (severity irregular).
    pub fn irregular_rules(&self) -> Vec<Problem> {
        let mut found = Vec::new();
        self.value_problems(&mut |rule| {
            found.push(Problem {
                severity: Severity::Irregular,
                rule,
            })
        });
        found
    }

    /// Checks every record, or with `before` (which broke no rule, has the same
    /// pipelines and the same id block) those that differ from it.
    fn structure_problems(&self, before: Option<&Workspace>, report: &mut impl FnMut(String)) {
        if before.is_none() {
            self.pipeline_problems(report);
        }
        let (deals, removed_deals) = changed(&self.deals, before.map(|b| &b.deals));
        let (leads, _) = changed(&self.leads, before.map(|b| &b.leads));
        let (organizations, _) = changed(&self.organizations, before.map(|b| &b.organizations));
        let (people, _) = changed(&self.people, before.map(|b| &b.people));
        let (activities, _) = changed(&self.activities, before.map(|b| &b.activities));
        let (notes, _) = changed(&self.notes, before.map(|b| &b.notes));
        keyed("a deal", &deals, |d| d.id.0, report);
        keyed("a lead", &leads, |l| l.id.0, report);
        keyed("an organization", &organizations, |o| o.id.0, report);
        keyed("a person", &people, |p| p.id.0, report);
        keyed("an activity", &activities, |a| a.id.0, report);
        keyed("a note", &notes, |n| n.id.0, report);
        let max_id = match before {
            None => self.largest_own_id(),
            // Unchanged records were below `before.next_id`, which is not above ours.
            Some(_) => {
                let block = self.next_id / ID_BLOCK;
                (deals.iter().map(|(k, _)| k.0))
                    .chain(leads.iter().map(|(k, _)| k.0))
                    .chain(organizations.iter().map(|(k, _)| k.0))
                    .chain(people.iter().map(|(k, _)| k.0))
                    .chain(activities.iter().map(|(k, _)| k.0))
                    .chain(notes.iter().map(|(k, _)| k.0))
                    .filter(|id| id / ID_BLOCK == block)
                    .max()
                    .unwrap_or(0)
            }
        };
        if self.next_id <= max_id {
            report(format!(
                "the next id {} is not above the largest id {max_id}",
                self.next_id
            ));
        }
        for (_, deal) in &deals {
            match self.stage(deal.stage) {
                Ok((pipeline, _)) if pipeline.id == deal.pipeline => {}
                _ => report(format!("deal {} points to a missing stage", deal.id)),
            }
            if deal.probability_override.is_some_and(|p| p > 100) {
                report(format!("deal {} has a probability above 100 %", deal.id));
            }
            if deal.value.0 < 0 {
                report(format!("deal {} has a negative value", deal.id));
            }
        }
        for (_, lead) in &leads {
            if lead.score > 100 {
                report(format!("lead {} has a score above 100", lead.id));
            }
            if lead.expected_value.0 < 0 {
                report(format!("lead {} has a negative expected value", lead.id));
            }
        }
        let log_before = before.map(|b| (&b.log, &removed_deals));
        if let Some(entry) = self.first_log_entry_of_a_missing_deal(log_before) {
            report(format!("the log names a missing deal {}", entry.deal));
        }
    }

    fn pipeline_problems(&self, report: &mut impl FnMut(String)) {
        if self.pipelines.is_empty() {
            report("there is no pipeline".into());
        }
        for pipeline in &self.pipelines {
            if pipeline.stages.is_empty() {
                report(format!("pipeline “{}” has no stage", pipeline.name));
            }
            for stage in pipeline.stages.iter().filter(|s| s.probability > 100) {
                report(format!(
                    "stage “{}” has a probability above 100 %",
                    stage.name
                ));
            }
        }
    }

    /// With the log before (which named only existing deals) and the deals removed since:
    /// the entries it shares with ours can only name one of those; the rest are checked.
    fn first_log_entry_of_a_missing_deal(
        &self,
        before: Option<(&Vector<LogEntry>, &HashSet<DealId>)>,
    ) -> Option<&LogEntry> {
        let missing = |e: &&LogEntry| !self.deals.contains_key(&e.deal);
        let Some((log_before, removed)) = before else {
            return entries(&self.log).find(missing);
        };
        let shared = shared_prefix(&self.log, log_before);
        let in_shared = (!removed.is_empty())
            .then(|| {
                entries(&self.log)
                    .take(shared)
                    .find(|e| removed.contains(&e.deal))
            })
            .flatten();
        in_shared.or_else(|| entries(&self.log).skip(shared).find(missing))
    }

    fn value_problems(&self, report: &mut impl FnMut(String)) {
        let too_large = |m: Money| m.0 > Money::MAX_AMOUNT;
        let too_long = |t: &str| t.chars().count() > MAX_TEXT;
        for deal in self.deals.values() {
            if too_large(deal.value) {
                report(format!(
                    "deal {} has a value above the largest amount",
                    deal.id
                ));
            }
            if deal.title.trim().is_empty() || too_long(&deal.title) {
                report(format!(
                    "deal {} has a title that is empty or over {MAX_TEXT} characters",
                    deal.id
                ));
            }
            if deal
                .organization
                .is_some_and(|o| !self.organizations.contains_key(&o))
            {
                report(format!("deal {} names a missing organization", deal.id));
            }
        }
        for lead in self.leads.values() {
            if too_large(lead.expected_value) {
                report(format!(
                    "lead {} has an expected value above the largest amount",
                    lead.id
                ));
            }
            if lead.name.trim().is_empty() || too_long(&lead.name) {
                report(format!(
                    "lead {} has a name that is empty or over {MAX_TEXT} characters",
                    lead.id
                ));
            }
        }
        if self.settings.monthly_goal.is_some_and(too_large) {
            report("the monthly goal is above the largest amount".into());
        }
        for pipeline in &self.pipelines {
            let mut names = HashSet::new();
            for stage in &pipeline.stages {
                if !names.insert(stage.name.trim().to_lowercase()) {
                    report(format!(
                        "pipeline “{}” has two stages named “{}”",
                        pipeline.name, stage.name
                    ));
                }
            }
        }
    }

    /// The largest id any record or stage has.
    /// The largest id in the block this workspace hands ids out from. Each browser of
    /// a team has its own block (ids::ID_BLOCK), so only ids there must stay below the
    /// next one; a browser on its own has every id in block 0.
    pub fn largest_own_id(&self) -> u64 {
        let block = self.next_id / ID_BLOCK;
        self.ids()
            .filter(|id| id / ID_BLOCK == block)
            .max()
            .unwrap_or(0)
    }

    /// Every record and stage id.
    pub fn ids(&self) -> impl Iterator<Item = u64> + '_ {
        self.deals
            .keys()
            .map(|k| k.0)
            .chain(self.leads.keys().map(|k| k.0))
            .chain(self.organizations.keys().map(|k| k.0))
            .chain(self.people.keys().map(|k| k.0))
            .chain(self.activities.keys().map(|k| k.0))
            .chain(self.notes.keys().map(|k| k.0))
            .chain(
                self.pipelines
                    .iter()
                    .flat_map(|p| std::iter::once(p.id.0).chain(p.stages.iter().map(|s| s.id.0))),
            )
    }
}

/// The records of `now`, or with `before` those added or changed since; and the keys
/// `before` had that `now` has not.
fn changed<'a, K: Ord + Clone + std::hash::Hash, V: Clone + PartialEq>(
    now: &'a OrdMap<K, V>,
    before: Option<&'a OrdMap<K, V>>,
) -> (Vec<(&'a K, &'a V)>, HashSet<K>) {
    let Some(before) = before else {
        return (now.iter().collect(), HashSet::new());
    };
    let (mut records, mut removed) = (Vec::new(), HashSet::new());
    for item in before.diff(now) {
        match item {
            DiffItem::Add(k, v) | DiffItem::Update { new: (k, v), .. } => records.push((k, v)),
            DiffItem::Remove(k, _) => {
                removed.insert(k.clone());
            }
        }
    }
    (records, removed)
}

/// A record stored under another id than its own.
fn keyed<K: RecordId, V>(
    kind: &str,
    records: &[(&K, &V)],
    own_id: impl Fn(&V) -> u64,
    report: &mut impl FnMut(String),
) {
    for (key, record) in records {
        let id = own_id(record);
        if key.number() != id {
            report(format!(
                "{kind} stored under {} says its id is {id}",
                key.number()
            ));
        }
    }
}

/// "deal 4 has …; lead 7 has … (and 3 more)": the first few problems in one sentence.
pub fn describe(problems: &[Problem]) -> String {
    const SHOWN: usize = 3;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .map(|p| p.rule.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > SHOWN {
        text.push_str(&format!(" (and {} more)", problems.len() - SHOWN));
    }
    text
}

/// "1 rule", "3 rules".
pub fn count_rules(n: usize) -> String {
    format!("{n} {}", if n == 1 { "rule" } else { "rules" })
}
