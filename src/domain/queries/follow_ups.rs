//! The follow-ups list: every open lead and deal whose next step is due today or
//! overdue, with what that step is, earliest first.

use crate::domain::metrics::customers::follow_ups;
use crate::domain::model::ids::{DealId, LeadId};
use crate::domain::model::workspace::Workspace;
use crate::domain::model::Subject;
use crate::domain::support::sorting;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUpItem {
    pub about: Subject,
    /// The lead's name or the deal's title.
    pub name: String,
    /// The next step: "Call: Check budget", or "Follow-up" for a lead's follow-up date.
    pub what: String,
    pub due: NaiveDate,
    pub overdue: bool,
}

pub fn follow_up_list(ws: &Workspace, today: NaiveDate) -> Vec<FollowUpItem> {
    let due = follow_ups(ws, None, today);
    // The earliest of the next undone activity and (for a lead) its follow-up date.
    let next_step = |about: Subject, follow_up: Option<NaiveDate>| {
        ws.next_activity(about)
            .map(|a| (format!("{}: {}", a.kind.label(), a.subject), a.due_on))
            .into_iter()
            .chain(follow_up.map(|d| ("Follow-up".to_string(), d)))
            .min_by_key(|(_, d)| *d)
    };
    let leads = [(&due.overdue_leads, true), (&due.today_leads, false)]
        .into_iter()
        .flat_map(|(ids, overdue)| ids.iter().map(move |id: &LeadId| (*id, overdue)))
        .filter_map(|(id, overdue)| {
            let lead = ws.lead(id).ok()?;
            let (what, due) = next_step(Subject::Lead(id), lead.next_follow_up)?;
            Some(FollowUpItem {
                about: Subject::Lead(id),
                name: lead.name.clone(),
                what,
                due,
                overdue,
            })
        });
    let deals = [(&due.overdue_deals, true), (&due.today_deals, false)]
        .into_iter()
        .flat_map(|(ids, overdue)| ids.iter().map(move |id: &DealId| (*id, overdue)))
        .filter_map(|(id, overdue)| {
            let deal = ws.deal(id).ok()?;
            let (what, due) = next_step(Subject::Deal(id), None)?;
            Some(FollowUpItem {
                about: Subject::Deal(id),
                name: deal.title.clone(),
                what,
                due,
                overdue,
            })
        });
    let mut list: Vec<FollowUpItem> = leads.chain(deals).collect();
    sorting::sort_by(&mut list, |a, b| (a.due, &a.name).cmp(&(b.due, &b.name)));
    list
}
