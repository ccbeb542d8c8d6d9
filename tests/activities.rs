//! The Activities page's rules: planning with a time, duration and assignee, logging what
//! was already done in one step, and the agenda and week views with their filters.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use pipewright::domain::commands::Applied;
use pipewright::domain::model::TeamMember;
use pipewright::domain::queries::agenda::{agenda, rows, week, AgendaFilter};
use pipewright::domain::queries::board::recorded_activity;
use pipewright::domain::*;
use support::{d, Fixture};

fn member(name: &str) -> TeamMember {
    TeamMember {
        name: name.into(),
        initials: String::new(),
        colour: "#2563eb".into(),
        monthly_goal: None,
    }
}

/// A team of two, a deal owned by Ana and a lead owned by Chloé.
fn team() -> (Fixture, DealId, LeadId) {
    let mut f = Fixture::new();
    let on = d(2026, 12, 1);
    for name in ["Ana Silva", "Chloé Martin"] {
        f.run(Command::AddTeamMember(member(name)), on);
    }
    let deal = f.deal(0, 1000, on);
    f.edit(deal, |draft| draft.owner = "Ana Silva".into());
    let lead = f.lead(on);
    let mut draft = pipewright::domain::commands::LeadDraft::from(f.ws.lead(lead).expect("lead"));
    draft.owner = "Chloé Martin".into();
    f.run(Command::EditLead { lead, draft }, on);
    (f, deal, lead)
}

fn add(
    f: &mut Fixture,
    about: Subject,
    draft: ActivityDraft,
    on: chrono::NaiveDate,
) -> Result<ActivityId, DomainError> {
    match f.ws.apply(&Command::AddActivity { about, draft }, on) {
        Ok(Applied::Activity(id)) => Ok(id),
        Ok(other) => panic!("expected an activity, got {other:?}"),
        Err(e) => Err(e),
    }
}

#[test]
fn an_activity_keeps_its_time_duration_and_assignee_in_the_members_spelling() {
    let (mut f, deal, _) = team();
    let mut draft = ActivityDraft::new(ActivityKind::Meeting, "Demo", d(2026, 12, 8));
    draft.at = chrono::NaiveTime::from_hms_opt(14, 30, 0);
    draft.duration_minutes = Some(45);
    draft.assignee = " chloe MARTIN ".into();
    let id = add(&mut f, Subject::Deal(deal), draft, d(2026, 12, 2)).expect("added");
    let activity = &f.ws.activities[&id];
    assert_eq!(activity.at, chrono::NaiveTime::from_hms_opt(14, 30, 0));
    assert_eq!(activity.duration_minutes, Some(45));
    assert_eq!(activity.assignee.as_deref(), Some("Chloé Martin"));
    assert_eq!(activity.done_on, None);
}

#[test]
fn a_call_already_made_is_logged_done_in_one_step_and_touches_the_deal() {
    let (mut f, deal, _) = team();
    let mut draft = ActivityDraft::new(ActivityKind::Call, "Budget check", d(2026, 12, 3));
    draft.done = true;
    let id = add(&mut f, Subject::Deal(deal), draft, d(2026, 12, 4)).expect("logged");
    assert_eq!(f.ws.activities[&id].done_on, Some(d(2026, 12, 3)));
    // The deal's last activity is the call's day, read from the call itself (rule 12).
    assert_eq!(recorded_activity(&f.ws).get(&deal), Some(&d(2026, 12, 3)));
    f.ws.apply(&Command::DeleteActivity { activity: id }, d(2026, 12, 4))
        .expect("deleted");
    assert_ne!(
        recorded_activity(&f.ws).get(&deal),
        Some(&d(2026, 12, 3)),
        "a deleted call no longer counts"
    );
}

#[test]
fn impossible_activities_are_refused_with_a_reason() {
    let (mut f, deal, _) = team();
    let mut future = ActivityDraft::new(ActivityKind::Call, "Later", d(2026, 12, 9));
    future.done = true;
    assert_eq!(
        add(&mut f, Subject::Deal(deal), future, d(2026, 12, 4)),
        Err(DomainError::DoneInFuture(d(2026, 12, 9)))
    );
    for minutes in [0, 1441] {
        let mut long = ActivityDraft::new(ActivityKind::Meeting, "Offsite", d(2026, 12, 9));
        long.duration_minutes = Some(minutes);
        let refused = add(&mut f, Subject::Deal(deal), long, d(2026, 12, 4));
        assert_eq!(refused, Err(DomainError::Duration(minutes)));
        assert!(refused
            .expect_err("refused")
            .to_string()
            .contains("1 to 1,440 minutes"));
    }
    let blank = ActivityDraft::new(ActivityKind::Task, "  ", d(2026, 12, 9));
    assert!(add(&mut f, Subject::Deal(deal), blank, d(2026, 12, 4)).is_err());
    assert!(f.ws.activities.is_empty());
}

#[test]
fn the_agenda_splits_by_due_date_and_shows_who_does_each() {
    let (mut f, deal, lead) = team();
    let today = d(2026, 12, 10);
    let plan = |kind, subject: &str, due| ActivityDraft::new(kind, subject, due);
    add(
        &mut f,
        Subject::Deal(deal),
        plan(ActivityKind::Call, "Late call", d(2026, 12, 8)),
        d(2026, 12, 1),
    )
    .expect("ok");
    add(
        &mut f,
        Subject::Lead(lead),
        plan(ActivityKind::Email, "Send deck", today),
        d(2026, 12, 1),
    )
    .expect("ok");
    let mut assigned = plan(ActivityKind::Meeting, "Kick-off", d(2026, 12, 15));
    assigned.assignee = "Chloé Martin".into();
    add(&mut f, Subject::Deal(deal), assigned, d(2026, 12, 1)).expect("ok");
    let mut old = plan(ActivityKind::Call, "Long ago", d(2026, 11, 1));
    old.done = true;
    add(&mut f, Subject::Deal(deal), old, d(2026, 12, 1)).expect("ok");
    let mut recent = plan(ActivityKind::Call, "Yesterday", d(2026, 12, 9));
    recent.done = true;
    add(&mut f, Subject::Deal(deal), recent, d(2026, 12, 9)).expect("ok");

    let all = agenda(&f.ws, &AgendaFilter::default(), today);
    let subjects = |rows: &[pipewright::domain::queries::agenda::AgendaRow]| {
        rows.iter().map(|r| r.subject.clone()).collect::<Vec<_>>()
    };
    assert_eq!(subjects(&all.overdue), ["Late call"]);
    assert_eq!(subjects(&all.today), ["Send deck"]);
    assert_eq!(subjects(&all.upcoming), ["Kick-off"]);
    assert_eq!(
        subjects(&all.done),
        ["Yesterday"],
        "done more than 14 days ago is left out"
    );
    assert_eq!(all.overdue[0].owner, "Ana Silva", "the deal's owner");
    assert_eq!(all.today[0].owner, "Chloé Martin", "the lead's owner");
    assert_eq!(
        all.upcoming[0].owner, "Chloé Martin",
        "the assignee, not the deal's owner"
    );
    assert_eq!(all.today[0].about_name, f.ws.leads[&lead].name);

    let chloe = AgendaFilter {
        owner: Some("chloe martin".into()),
        kind: None,
    };
    let hers = agenda(&f.ws, &chloe, today);
    assert_eq!(
        (subjects(&hers.today), subjects(&hers.upcoming)),
        (vec!["Send deck".to_string()], vec!["Kick-off".to_string()])
    );
    assert!(hers.overdue.is_empty() && hers.done.is_empty());
    let calls = AgendaFilter {
        owner: None,
        kind: Some(ActivityKind::Call),
    };
    assert_eq!(rows(&f.ws, &calls).len(), 3);
}

#[test]
fn the_week_runs_monday_to_sunday_in_time_order_with_all_day_items_first() {
    let (mut f, deal, _) = team();
    let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0);
    for (subject, due, time) in [
        ("Afternoon", d(2026, 12, 9), at(15)),
        ("Morning", d(2026, 12, 9), at(9)),
        ("All day", d(2026, 12, 9), None),
        ("Sunday", d(2026, 12, 13), None),
        ("Next week", d(2026, 12, 14), None),
        ("Last week", d(2026, 12, 6), None),
    ] {
        let mut draft = ActivityDraft::new(ActivityKind::Task, subject, due);
        draft.at = time;
        add(&mut f, Subject::Deal(deal), draft, d(2026, 12, 1)).expect("ok");
    }
    let days = week(&f.ws, &AgendaFilter::default(), d(2026, 12, 10));
    assert_eq!(days.len(), 7);
    assert_eq!(days[0].0, d(2026, 12, 7));
    assert_eq!(days[6].0, d(2026, 12, 13));
    let wednesday: Vec<&str> = days[2].1.iter().map(|r| r.subject.as_str()).collect();
    assert_eq!(wednesday, ["All day", "Morning", "Afternoon"]);
    assert_eq!(days[6].1.len(), 1);
    assert_eq!(days.iter().map(|(_, rows)| rows.len()).sum::<usize>(), 4);
}

#[test]
fn the_owner_filter_gives_an_assigned_activity_to_its_assignee() {
    use pipewright::domain::metrics::owners::owned_by;
    let (mut f, deal, _) = team();
    let mut theirs = ActivityDraft::new(ActivityKind::Call, "Chloé calls", d(2026, 12, 2));
    theirs.assignee = "Chloé Martin".into();
    let assigned = add(&mut f, Subject::Deal(deal), theirs, d(2026, 12, 1)).expect("ok");
    let unassigned = add(
        &mut f,
        Subject::Deal(deal),
        ActivityDraft::new(ActivityKind::Task, "Ana's task", d(2026, 12, 2)),
        d(2026, 12, 1),
    )
    .expect("ok");
    let ana = owned_by(&f.ws, "ana silva");
    let chloe = owned_by(&f.ws, "Chloé Martin");
    assert!(ana.activities.contains_key(&unassigned) && !ana.activities.contains_key(&assigned));
    assert!(
        chloe.activities.contains_key(&assigned) && !chloe.activities.contains_key(&unassigned)
    );
}
