//! Leads and customers: lead conversion, follow-ups due, customer retention.

use super::{ratio, Period};
use crate::domain::queries::board::{activity_status, ActivityStatus};
use crate::domain::support::sorting;
use crate::domain::{
    Deal, DealId, DealStatus, LeadId, LeadStatus, OrganizationId, PipelineId, Subject, Workspace,
};
use chrono::{Days, NaiveDate};
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeadConversion {
    pub created: usize,
    pub converted: usize,
    /// converted ÷ created (rule 20: converted at any time up to today).
    pub rate: Option<f64>,
}

pub fn lead_conversion(ws: &Workspace, period: Period) -> LeadConversion {
    let created: Vec<_> = ws
        .leads
        .values()
        .filter(|l| period.contains(l.created_on))
        .collect();
    let converted = created
        .iter()
        .filter(|l| l.status == LeadStatus::Converted || l.converted_deal.is_some())
        .count();
    LeadConversion {
        created: created.len(),
        converted,
        rate: ratio(converted as f64, created.len() as f64),
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FollowUps {
    pub overdue_leads: Vec<LeadId>,
    pub today_leads: Vec<LeadId>,
    pub overdue_deals: Vec<DealId>,
    pub today_deals: Vec<DealId>,
}

impl FollowUps {
    pub fn total(&self) -> usize {
        self.overdue_leads.len()
            + self.today_leads.len()
            + self.overdue_deals.len()
            + self.today_deals.len()
    }
}

/// Open leads and deals whose next activity (for a lead, also its next follow-up date)
/// is due today or overdue; overdue wins (rule 21).
/// Leads and deals with a follow-up due today or overdue; with a pipeline chosen, its deals
/// only, and every lead (leads have no pipeline: rule 28).
pub fn follow_ups(ws: &Workspace, scope: Option<PipelineId>, today: NaiveDate) -> FollowUps {
    let mut next: HashMap<Subject, NaiveDate> = HashMap::new();
    for a in ws.activities.values().filter(|a| a.done_on.is_none()) {
        next.entry(a.about)
            .and_modify(|d| *d = (*d).min(a.due_on))
            .or_insert(a.due_on);
    }
    let mut out = FollowUps::default();
    for lead in ws.leads.values().filter(|l| l.status.is_open()) {
        let due = [
            next.get(&Subject::Lead(lead.id)).copied(),
            lead.next_follow_up,
        ]
        .into_iter()
        .flatten()
        .min();
        match activity_status(due, today) {
            ActivityStatus::Overdue => out.overdue_leads.push(lead.id),
            ActivityStatus::DueToday => out.today_leads.push(lead.id),
            _ => {}
        }
    }
    let in_scope = |d: &&Deal| scope.is_none_or(|p| d.pipeline == p);
    for deal in ws
        .deals
        .values()
        .filter(|d| d.status == DealStatus::Open)
        .filter(in_scope)
    {
        match activity_status(next.get(&Subject::Deal(deal.id)).copied(), today) {
            ActivityStatus::Overdue => out.overdue_deals.push(deal.id),
            ActivityStatus::DueToday => out.today_deals.push(deal.id),
            _ => {}
        }
    }
    out
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Retention {
    /// Customers at the end of the day before the period.
    pub at_start: usize,
    /// Customers at the end of the period's last day.
    pub at_end: usize,
    /// Organizations whose first win lies in the period.
    pub new: usize,
    /// Of the customers at the start, those still customers at the end.
    pub retained: usize,
    /// Retained ÷ customers at the start (R ÷ S).
    pub rate: Option<f64>,
}

/// First win of every organization, all pipelines.
pub fn first_wins(ws: &Workspace) -> HashMap<OrganizationId, NaiveDate> {
    let mut first: HashMap<OrganizationId, NaiveDate> = HashMap::new();
    for deal in ws.deals.values().filter(|d| d.status == DealStatus::Won) {
        if let (Some(org), Some(closed)) = (deal.organization, deal.closed_on) {
            first
                .entry(org)
                .and_modify(|d| *d = (*d).min(closed))
                .or_insert(closed);
        }
    }
    first
}

/// A customer from the day of its first win (included) to its churn date (excluded),
/// and never again after churning (rule 22).
pub fn is_customer_on(first_win: NaiveDate, churned_on: Option<NaiveDate>, day: NaiveDate) -> bool {
    match churned_on {
        Some(churn) => first_win < churn && first_win <= day && day < churn,
        None => first_win <= day,
    }
}

pub fn retention(ws: &Workspace, period: Period) -> Retention {
    let first = first_wins(ws);
    let before = period.start - Days::new(1);
    let (mut s, mut e, mut n, mut r) = (0, 0, 0, 0);
    for (org, win) in &first {
        let churn = ws.organizations.get(org).and_then(|o| o.churned_on);
        let at_start = is_customer_on(*win, churn, before);
        let at_end = is_customer_on(*win, churn, period.end);
        s += usize::from(at_start);
        e += usize::from(at_end);
        r += usize::from(at_start && at_end);
        n += usize::from(period.contains(*win) && churn.is_none_or(|c| *win < c));
    }
    // R ÷ S, not (E − N) ÷ S: an organization that became a customer and churned inside
    // the period would make the latter too low, even negative.
    Retention {
        at_start: s,
        at_end: e,
        new: n,
        retained: r,
        rate: ratio(r as f64, s as f64),
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SourceConversion {
    pub source: String,
    pub created: usize,
    pub converted: usize,
    pub rate: Option<f64>,
}

/// Lead conversion per lead source, largest source first (then by name).
pub fn lead_conversion_by_source(ws: &Workspace, period: Period) -> Vec<SourceConversion> {
    let mut by: HashMap<String, (usize, usize)> = HashMap::new();
    for lead in ws.leads.values().filter(|l| period.contains(l.created_on)) {
        let source = if lead.source.trim().is_empty() {
            "Unknown".to_string()
        } else {
            lead.source.clone()
        };
        let entry = by.entry(source).or_default();
        entry.0 += 1;
        entry.1 +=
            usize::from(lead.status == LeadStatus::Converted || lead.converted_deal.is_some());
    }
    let mut list: Vec<SourceConversion> = by
        .into_iter()
        .map(|(source, (created, converted))| SourceConversion {
            source,
            created,
            converted,
            rate: ratio(converted as f64, created as f64),
        })
        .collect();
    sorting::sort_by(&mut list, |a, b| {
        b.created.cmp(&a.created).then(a.source.cmp(&b.source))
    });
    list
}
