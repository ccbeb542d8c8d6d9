//! The Activities page: every activity with who does it and what it is about, split into
//! overdue, today and upcoming (and recently done), or laid out over a week.

use crate::domain::model::team::folded;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::{Activity, ActivityId, ActivityKind, Subject};
use crate::domain::support::sorting;
use chrono::{Datelike, Days, NaiveDate, NaiveTime};

/// Done activities shown under "Done" go back this many days.
pub const DONE_DAYS: u64 = 14;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgendaFilter {
    /// A team member's name (matched without case or accents); `None` for everyone.
    pub owner: Option<String>,
    pub kind: Option<ActivityKind>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AgendaRow {
    pub id: ActivityId,
    pub kind: ActivityKind,
    pub subject: String,
    pub due_on: NaiveDate,
    pub at: Option<NaiveTime>,
    pub duration_minutes: Option<u16>,
    /// The assignee, else the owner of the deal or lead; empty when neither has one.
    pub owner: String,
    pub about: Subject,
    /// The deal's title, the lead's or the organization's name.
    pub about_name: String,
    pub done_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Agenda {
    pub overdue: Vec<AgendaRow>,
    pub today: Vec<AgendaRow>,
    pub upcoming: Vec<AgendaRow>,
    /// Done in the last `DONE_DAYS` days, latest first.
    pub done: Vec<AgendaRow>,
}

/// Who does an activity: its assignee, else the owner of what it is about.
pub fn owner_of(ws: &Workspace, activity: &Activity) -> String {
    if let Some(assignee) = &activity.assignee {
        return assignee.clone();
    }
    match activity.about {
        Subject::Deal(id) => ws.deal(id).map(|d| d.owner.clone()).unwrap_or_default(),
        Subject::Lead(id) => ws.lead(id).map(|l| l.owner.clone()).unwrap_or_default(),
        Subject::Organization(_) | Subject::Person(_) => String::new(),
    }
}

fn about_name(ws: &Workspace, about: Subject) -> String {
    let name = match about {
        Subject::Deal(id) => ws.deals.get(&id).map(|d| d.title.as_str()),
        Subject::Lead(id) => ws.leads.get(&id).map(|l| l.name.as_str()),
        Subject::Organization(id) => ws.organization_name(Some(id)),
        Subject::Person(id) => ws.people.get(&id).map(|p| p.name.as_str()),
    };
    name.unwrap_or_default().to_string()
}

/// Every activity the filter lets through, as rows in date and time order.
pub fn rows(ws: &Workspace, filter: &AgendaFilter) -> Vec<AgendaRow> {
    let wanted_owner = filter.owner.as_deref().map(folded);
    let mut rows: Vec<AgendaRow> = ws
        .activities
        .values()
        .filter(|a| filter.kind.is_none_or(|k| a.kind == k))
        .map(|a| AgendaRow {
            id: a.id,
            kind: a.kind,
            subject: a.subject.clone(),
            due_on: a.due_on,
            at: a.at,
            duration_minutes: a.duration_minutes,
            owner: owner_of(ws, a),
            about: a.about,
            about_name: about_name(ws, a.about),
            done_on: a.done_on,
        })
        .filter(|r| wanted_owner.as_ref().is_none_or(|o| folded(&r.owner) == *o))
        .collect();
    // Activities without a time come first in their day (all-day), then by time.
    sorting::sort_by(&mut rows, |a, b| {
        (a.due_on, a.at, &a.subject).cmp(&(b.due_on, b.at, &b.subject))
    });
    rows
}

/// Undone activities by when they are due, and the recently done.
pub fn agenda(ws: &Workspace, filter: &AgendaFilter, today: NaiveDate) -> Agenda {
    let mut agenda = Agenda::default();
    let done_since = today - Days::new(DONE_DAYS);
    for row in rows(ws, filter) {
        match row.done_on {
            Some(done) if done >= done_since => agenda.done.push(row),
            Some(_) => {}
            None if row.due_on < today => agenda.overdue.push(row),
            None if row.due_on == today => agenda.today.push(row),
            None => agenda.upcoming.push(row),
        }
    }
    sorting::sort_by(&mut agenda.done, |a, b| b.done_on.cmp(&a.done_on));
    agenda
}

/// The Monday of the week holding `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The seven days from the Monday of `day`'s week, each with its activities (done or
/// not) in time order.
pub fn week(
    ws: &Workspace,
    filter: &AgendaFilter,
    day: NaiveDate,
) -> Vec<(NaiveDate, Vec<AgendaRow>)> {
    let monday = week_start(day);
    let mut days: Vec<(NaiveDate, Vec<AgendaRow>)> = (0..7)
        .map(|n| (monday + Days::new(n), Vec::new()))
        .collect();
    for row in rows(ws, filter) {
        if let Some(offset) = (row.due_on - monday)
            .num_days()
            .try_into()
            .ok()
            .filter(|n: &usize| *n < 7)
        {
            days[offset].1.push(row);
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_week_starts_on_monday() {
        let sunday = NaiveDate::from_ymd_opt(2026, 12, 6).expect("date");
        let monday = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
        assert_eq!(week_start(sunday), monday);
        assert_eq!(week_start(monday), monday);
    }
}
