//! Figures per owner: the dashboard's owner filter (every figure of one owner's deals
//! and leads) and the per-owner table a sales manager reads to see who is behind.

use super::closed::{closed_metrics, ClosedMetrics};
use super::open::open_pipeline;
use super::Period;
use crate::domain::model::deal_log::entries;
use crate::domain::model::team::folded;
use crate::domain::model::Subject;
use crate::domain::support::sorting;
use crate::domain::{Money, PipelineId, Workspace};
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// The workspace as one owner's (matched ignoring case and accents): their deals with
/// their log entries, their leads, the activities assigned to them or (unassigned) about
/// those, and the notes about those; with the member's own monthly goal instead of the
/// team's.
pub fn owned_by(ws: &Workspace, owner: &str) -> Workspace {
    split_by_owner(ws, &[owner.to_string()])
        .pop()
        .unwrap_or_else(|| ws.clone())
}

/// `f` of the workspace figures are about: `owner`'s share, or (`None`) the whole team's.
pub fn of_owner<R>(ws: &Workspace, owner: Option<&str>, f: impl FnOnce(&Workspace) -> R) -> R {
    match owner {
        Some(name) => f(&owned_by(ws, name)),
        None => f(ws),
    }
}

/// `owned_by` for each of `owners`, in one pass over the records: each distinct
/// spelling of a name is folded once, and each record is looked at once, however many
/// owners there are.
pub fn split_by_owner(ws: &Workspace, owners: &[String]) -> Vec<Workspace> {
    let wanted: Vec<String> = owners.iter().map(|o| folded(o)).collect();
    let mut spellings: HashMap<&str, Option<usize>> = HashMap::new();
    let mut owner_of = |name| owner_index(&mut spellings, &wanted, name);
    let mut parts: Vec<Workspace> = owners
        .iter()
        .map(|owner| {
            let mut part = ws.clone();
            part.deals.clear();
            part.leads.clear();
            part.log.clear();
            part.activities.clear();
            part.notes.clear();
            // The team's monthly goal is not an owner's: a member's own goal, or none.
            part.settings.monthly_goal =
                crate::domain::model::team::member_named(&ws.settings.team, owner)
                    .and_then(|m| m.monthly_goal);
            part
        })
        .collect();
    let mut deal_owner = HashMap::new();
    for (id, deal) in &ws.deals {
        if let Some(i) = owner_of(&deal.owner) {
            deal_owner.insert(*id, i);
            parts[i].deals.insert(*id, deal.clone());
        }
    }
    let mut lead_owner = HashMap::new();
    for (id, lead) in &ws.leads {
        if let Some(i) = owner_of(&lead.owner) {
            lead_owner.insert(*id, i);
            parts[i].leads.insert(*id, lead.clone());
        }
    }
    for entry in entries(&ws.log) {
        if let Some(&i) = deal_owner.get(&entry.deal) {
            parts[i].log.push_back(*entry);
        }
    }
    let owner_about = |s: &Subject| match s {
        Subject::Deal(id) => deal_owner.get(id).copied(),
        Subject::Lead(id) => lead_owner.get(id).copied(),
        Subject::Organization(_) | Subject::Person(_) => None,
    };
    // An activity is its assignee's, else it goes with what it is about (as on the
    // Activities page).
    for (id, activity) in &ws.activities {
        let owner = match &activity.assignee {
            Some(assignee) => owner_of(assignee),
            None => owner_about(&activity.about),
        };
        if let Some(i) = owner {
            parts[i].activities.insert(*id, activity.clone());
        }
    }
    for (id, note) in &ws.notes {
        if let Some(i) = owner_about(&note.about) {
            parts[i].notes.insert(*id, note.clone());
        }
    }
    parts
}

/// Which of the `wanted` (folded) names `name` is, folding each spelling once.
fn owner_index<'a>(
    spellings: &mut HashMap<&'a str, Option<usize>>,
    wanted: &[String],
    name: &'a str,
) -> Option<usize> {
    *spellings.entry(name).or_insert_with(|| {
        let name = folded(name);
        wanted.iter().position(|w| *w == name)
    })
}

/// Everyone who owns something: the team list in its order, then other owners of deals
/// or leads by name.
pub fn owners(ws: &Workspace) -> Vec<String> {
    let mut names: Vec<String> = ws.settings.team.iter().map(|m| m.name.clone()).collect();
    let mut known: HashSet<String> = names.iter().map(|n| folded(n)).collect();
    // Each distinct spelling is folded once: the menu is rebuilt on every change, and
    // 10,000 deals share a handful of owner names.
    let mut spellings: HashSet<&str> = HashSet::new();
    let mut others: Vec<String> = Vec::new();
    let all = ws
        .deals
        .values()
        .map(|d| d.owner.as_str())
        .chain(ws.leads.values().map(|l| l.owner.as_str()));
    for owner in all {
        if !spellings.insert(owner) || owner.trim().is_empty() {
            continue;
        }
        if known.insert(folded(owner)) {
            others.push(owner.to_string());
        }
    }
    sorting::sort(&mut others);
    names.extend(others);
    names
}

#[derive(Clone, Debug, PartialEq)]
pub struct OwnerRow {
    pub owner: String,
    pub closed: ClosedMetrics,
    pub closed_previous: ClosedMetrics,
    /// Open deals of the pipeline now, and their weighted value (rule 6).
    pub open_count: usize,
    pub weighted: Money,
    /// Activities about their deals and leads completed in the period.
    pub activities_done: usize,
    pub activities_done_previous: usize,
    /// Won this calendar month, against the member's monthly goal.
    pub won_this_month: Money,
    pub monthly_goal: Option<Money>,
}

/// One row per owner for a pipeline and period, compared with the previous period.
pub fn owner_table(
    ws: &Workspace,
    pipeline: PipelineId,
    period: Period,
    today: NaiveDate,
) -> Vec<OwnerRow> {
    let Ok(p) = ws.pipeline(pipeline) else {
        return Vec::new();
    };
    let previous = period.previous();
    let names = owners(ws);
    let parts = split_by_owner(ws, &names);
    names
        .into_iter()
        .zip(parts)
        .map(|(owner, mine)| {
            let open = open_pipeline(&mine, p, today);
            let done_in = |period: Period| {
                mine.activities
                    .values()
                    .filter(|a| a.done_on.is_some_and(|d| period.contains(d)))
                    .count()
            };
            OwnerRow {
                closed: closed_metrics(&mine, Some(pipeline), period),
                closed_previous: closed_metrics(&mine, Some(pipeline), previous),
                open_count: open.count,
                weighted: open.weighted,
                activities_done: done_in(period),
                activities_done_previous: done_in(previous),
                won_this_month: closed_metrics(&mine, Some(pipeline), Period::this_month(today))
                    .won_value,
                monthly_goal: mine.settings.monthly_goal,
                owner,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{demo_workspace, DemoSize};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 2).expect("date")
    }

    #[test]
    fn the_owners_rows_add_up_to_the_whole_team() {
        let ws = demo_workspace(DemoSize::Standard, 4, today());
        let pipeline = ws.first_pipeline().id;
        let period = Period::this_year(today());
        let rows = owner_table(&ws, pipeline, period, today());
        assert_eq!(
            rows.iter().map(|r| r.owner.as_str()).collect::<Vec<_>>(),
            ["Ana Silva", "Ben Carter", "Chloé Martin", "Dev Patel"]
        );
        let all = closed_metrics(&ws, Some(pipeline), period);
        assert_eq!(rows.iter().map(|r| r.closed.won).sum::<usize>(), all.won);
        assert_eq!(
            rows.iter()
                .map(|r| r.closed.won_value)
                .fold(Money(0), |a, b| a + b),
            all.won_value
        );
        let open = open_pipeline(&ws, ws.first_pipeline(), today());
        assert_eq!(rows.iter().map(|r| r.open_count).sum::<usize>(), open.count);
        assert!(rows.iter().all(|r| r.closed.won + r.closed.lost > 0));
    }

    #[test]
    fn one_owners_workspace_keeps_only_their_records_and_keeps_the_rules() {
        let ws = demo_workspace(DemoSize::Standard, 4, today());
        let ana = owned_by(&ws, "ana silva");
        assert!(!ana.deals.is_empty());
        assert!(ana.deals.values().all(|d| d.owner == "Ana Silva"));
        assert!(ana.leads.values().all(|l| l.owner == "Ana Silva"));
        assert!(ana.log.iter().all(|e| ana.deals.contains_key(&e.deal)));
        assert!(ana.broken_rules().is_empty());
        assert!(owned_by(&ws, "Nobody").deals.is_empty());
        // The member's own goal replaces the team's; someone off the list has none.
        assert_eq!(ana.settings.monthly_goal, ws.settings.team[0].monthly_goal);
        assert!(
            ana.settings.monthly_goal.is_some()
                && ana.settings.monthly_goal != ws.settings.monthly_goal
        );
        assert_eq!(owned_by(&ws, "Nobody").settings.monthly_goal, None);
    }

    #[test]
    fn the_owners_parts_share_out_every_owned_record_once() {
        let ws = demo_workspace(DemoSize::Standard, 4, today());
        let names = owners(&ws);
        let parts = split_by_owner(&ws, &names);
        assert_eq!(
            parts.iter().map(|p| p.deals.len()).sum::<usize>(),
            ws.deals.len()
        );
        assert_eq!(
            parts.iter().map(|p| p.leads.len()).sum::<usize>(),
            ws.leads.len()
        );
        assert_eq!(
            parts.iter().map(|p| p.log.len()).sum::<usize>(),
            ws.log.len()
        );
        for (name, part) in names.iter().zip(&parts) {
            assert!(part
                .deals
                .values()
                .all(|d| folded(&d.owner) == folded(name)));
            // Each part is what `owned_by` gives for that owner alone.
            let alone = owned_by(&ws, name);
            assert_eq!(part.deals, alone.deals);
            assert_eq!(part.activities, alone.activities);
            assert_eq!(part.notes, alone.notes);
            for activity in part.activities.values() {
                match &activity.assignee {
                    Some(assignee) => assert_eq!(folded(assignee), folded(name)),
                    None => assert!(match activity.about {
                        Subject::Deal(id) => part.deals.contains_key(&id),
                        Subject::Lead(id) => part.leads.contains_key(&id),
                        _ => false,
                    }),
                }
            }
        }
    }
}
