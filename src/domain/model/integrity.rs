//! One check of a whole workspace against the rules the commands keep, for data that did
//! not come through the commands: backups, scenarios, stored data, and (later) documents
//! from a sync server. Each broken rule is named.

use super::ids::ID_BLOCK;
use super::money::Money;
use super::workspace::Workspace;
use crate::domain::commands::validate::MAX_TEXT;
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
        let mut found = Vec::new();
        self.structure_problems(&mut |rule| {
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

    fn structure_problems(&self, report: &mut impl FnMut(String)) {
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
        let keyed = |kind: &str, pairs: Vec<(u64, u64)>, report: &mut dyn FnMut(String)| {
            for (key, id) in pairs.into_iter().filter(|(k, i)| k != i) {
                report(format!("{kind} stored under {key} says its id is {id}"));
            }
        };
        keyed(
            "a deal",
            self.deals.iter().map(|(k, v)| (k.0, v.id.0)).collect(),
            report,
        );
        keyed(
            "a lead",
            self.leads.iter().map(|(k, v)| (k.0, v.id.0)).collect(),
            report,
        );
        keyed(
            "an organization",
            self.organizations
                .iter()
                .map(|(k, v)| (k.0, v.id.0))
                .collect(),
            report,
        );
        keyed(
            "a person",
            self.people.iter().map(|(k, v)| (k.0, v.id.0)).collect(),
            report,
        );
        keyed(
            "an activity",
            self.activities.iter().map(|(k, v)| (k.0, v.id.0)).collect(),
            report,
        );
        keyed(
            "a note",
            self.notes.iter().map(|(k, v)| (k.0, v.id.0)).collect(),
            report,
        );
        let max_id = self.largest_own_id();
        if self.next_id <= max_id {
            report(format!(
                "the next id {} is not above the largest id {max_id}",
                self.next_id
            ));
        }
        for deal in self.deals.values() {
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
        for lead in self.leads.values() {
            if lead.score > 100 {
                report(format!("lead {} has a score above 100", lead.id));
            }
            if lead.expected_value.0 < 0 {
                report(format!("lead {} has a negative expected value", lead.id));
            }
        }
        if let Some(entry) = self.log.iter().find(|e| !self.deals.contains_key(&e.deal)) {
            report(format!("the log names a missing deal {}", entry.deal));
        }
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
