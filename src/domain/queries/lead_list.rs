//! The leads list, its filters, and the suggested lead score.

use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::queries::board::{activity_status, ActivityStatus};
use crate::domain::queries::column_sort::{list_order, sort_rows, ColumnSort};
use crate::domain::support::sorting;
use chrono::NaiveDate;

/// A suggested score from simple, documented rules (shown beside the score set by hand):
/// - status: new 10, contacted 25, nurturing 40, qualified 70, disqualified 0, converted 100;
/// - recent activity: +15 for a completed activity in the last 14 days, else +5 in the last 30;
/// - reachability: +10 with both email and phone, +5 with one;
/// - warm source: +5 for Referral or Partner;
/// - neglect: −10 when the next follow-up is more than 7 days overdue;
///
/// clamped to 0–100.
pub fn suggested_score(ws: &Workspace, lead: &Lead, today: NaiveDate) -> u8 {
    let mut score: i32 = match lead.status {
        LeadStatus::New => 10,
        LeadStatus::Contacted => 25,
        LeadStatus::Nurturing => 40,
        LeadStatus::Qualified => 70,
        LeadStatus::Disqualified => 0,
        LeadStatus::Converted => 100,
    };
    let last_done = ws
        .activities
        .values()
        .filter(|a| a.about == Subject::Lead(lead.id))
        .filter_map(|a| a.done_on)
        .filter(|d| *d <= today)
        .max();
    if let Some(done) = last_done {
        let age = (today - done).num_days();
        score += if age <= 14 {
            15
        } else if age <= 30 {
            5
        } else {
            0
        };
    }
    let contacts =
        usize::from(!lead.email.trim().is_empty()) + usize::from(!lead.phone.trim().is_empty());
    score += [0, 5, 10][contacts];
    if matches!(
        lead.source.trim().to_lowercase().as_str(),
        "referral" | "partner"
    ) {
        score += 5;
    }
    if next_follow_up(ws, lead).is_some_and(|d| (today - d).num_days() > 7) {
        score -= 10;
    }
    if lead.status == LeadStatus::Disqualified {
        score = 0;
    }
    score.clamp(0, 100) as u8
}

/// The earliest of the lead's next undone activity and its follow-up date.
pub fn next_follow_up(ws: &Workspace, lead: &Lead) -> Option<NaiveDate> {
    let activity = ws.next_activity(Subject::Lead(lead.id)).map(|a| a.due_on);
    [activity, lead.next_follow_up].into_iter().flatten().min()
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LeadSort {
    #[default]
    FollowUp,
    Name,
    Score,
    Created,
    Status,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LeadQuery {
    pub text: String,
    pub status: Option<LeadStatus>,
    pub source: Option<String>,
    pub owner: Option<String>,
    pub min_score: u8,
    /// Hide converted and disqualified leads.
    pub only_open: bool,
    pub sort: LeadSort,
    pub descending: bool,
}

impl LeadQuery {
    /// How many of the filters beside the search narrow the list (a phone shows them
    /// folded away, with this count on their button).
    pub fn narrowing_filters(&self) -> usize {
        [
            self.status.is_some(),
            self.source.is_some(),
            self.owner.is_some(),
            self.min_score > 0,
            self.only_open,
        ]
        .into_iter()
        .filter(|narrows| *narrows)
        .count()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LeadRow {
    pub id: LeadId,
    pub name: String,
    pub organization: String,
    pub email: String,
    pub source: String,
    pub owner: String,
    pub status: LeadStatus,
    pub score: u8,
    pub suggested: u8,
    pub next_follow_up: Option<NaiveDate>,
    pub follow_up: ActivityStatus,
    pub created_on: NaiveDate,
}

pub fn lead_rows(ws: &Workspace, query: &LeadQuery, today: NaiveDate) -> Vec<LeadRow> {
    let text = query.text.trim().to_lowercase();
    let rows: Vec<LeadRow> = ws
        .leads
        .values()
        .filter(|l| query.status.is_none_or(|s| l.status == s))
        .filter(|l| !query.only_open || l.status.is_open())
        .filter(|l| query.source.as_ref().is_none_or(|s| &l.source == s))
        .filter(|l| query.owner.as_ref().is_none_or(|o| &l.owner == o))
        .filter(|l| l.score >= query.min_score)
        .map(|l| {
            let next = next_follow_up(ws, l).filter(|_| l.status.is_open());
            LeadRow {
                id: l.id,
                name: l.name.clone(),
                organization: ws
                    .organization_name(l.organization)
                    .unwrap_or("")
                    .to_string(),
                email: l.email.clone(),
                source: l.source.clone(),
                owner: l.owner.clone(),
                status: l.status,
                score: l.score,
                suggested: suggested_score(ws, l, today),
                next_follow_up: next,
                follow_up: activity_status(next, today),
                created_on: l.created_on,
            }
        })
        .filter(|r| {
            text.is_empty()
                || r.name.to_lowercase().contains(&text)
                || r.organization.to_lowercase().contains(&text)
                || r.email.to_lowercase().contains(&text)
        })
        .collect();
    let folded = |r: &LeadRow| match query.sort {
        LeadSort::Name => r.name.to_lowercase(),
        _ => String::new(),
    };
    sort_rows(rows, folded, |(ka, a), (kb, b)| {
        let by_column = match query.sort {
            LeadSort::FollowUp => a.next_follow_up.cmp(&b.next_follow_up),
            LeadSort::Name => ka.cmp(kb),
            LeadSort::Score => a.score.cmp(&b.score),
            LeadSort::Created => a.created_on.cmp(&b.created_on),
            LeadSort::Status => a.status.cmp(&b.status),
        };
        // Leads without a follow-up date sort last either way.
        let missing = match query.sort {
            LeadSort::FollowUp => (a.next_follow_up.is_none(), b.next_follow_up.is_none()),
            _ => (false, false),
        };
        list_order(by_column, missing, query.descending, (a.id, b.id))
    })
}

impl ColumnSort for LeadQuery {
    type Column = LeadSort;

    fn sorted_by(&self) -> (LeadSort, bool) {
        (self.sort, self.descending)
    }

    fn sorted_by_mut(&mut self) -> (&mut LeadSort, &mut bool) {
        (&mut self.sort, &mut self.descending)
    }
}

/// Distinct lead sources, for the filter menu.
pub fn lead_sources(ws: &Workspace) -> Vec<String> {
    sorting::distinct(ws.leads.values().map(|l| &l.source))
}

/// Distinct lead owners, for the filter menu.
pub fn lead_owners(ws: &Workspace) -> Vec<String> {
    sorting::distinct(ws.leads.values().map(|l| &l.owner))
}
