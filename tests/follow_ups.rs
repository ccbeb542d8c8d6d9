//! The follow-ups list: what is due today or overdue, what the next step is, in order.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{Days, NaiveDate};
use pipewright::domain::queries::follow_ups::{follow_up_list, FollowUpItem};
use pipewright::domain::*;
use support::Fixture;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 20).expect("valid date")
}

fn days_ago(n: u64) -> NaiveDate {
    today() - Days::new(n)
}

#[test]
fn due_and_overdue_next_steps_of_open_leads_and_deals_earliest_first() {
    let mut f = Fixture::new();
    let created = days_ago(10);
    // An overdue follow-up date, and an activity due even earlier: the activity is next.
    let ana = f.lead_named("Ana", Some(days_ago(2)), created);
    f.activity(
        Subject::Lead(ana),
        ActivityKind::Call,
        "Check budget",
        days_ago(3),
        created,
    );
    // Only a follow-up date, today.
    let bo = f.lead_named("Bo", Some(today()), created);
    // A deal with a meeting today, and one whose next step is tomorrow (not listed).
    let demo = f.deal(0, 100, created);
    f.edit(demo, |d| d.title = "Demo deal".into());
    f.activity(
        Subject::Deal(demo),
        ActivityKind::Meeting,
        "Demo",
        today(),
        created,
    );
    let later = f.deal(0, 100, created);
    f.activity(
        Subject::Deal(later),
        ActivityKind::Task,
        "Send quote",
        today() + Days::new(1),
        created,
    );
    // A disqualified lead is no longer followed up.
    let gone = f.lead_named("Gone", Some(days_ago(5)), created);
    f.run(
        Command::SetLeadStatus {
            lead: gone,
            status: LeadStatus::Disqualified,
            reason: Some("No budget".into()),
        },
        days_ago(1),
    );

    assert_eq!(
        follow_up_list(&f.ws, today()),
        vec![
            FollowUpItem {
                about: Subject::Lead(ana),
                name: "Ana".into(),
                what: "Call: Check budget".into(),
                due: days_ago(3),
                overdue: true,
            },
            FollowUpItem {
                about: Subject::Lead(bo),
                name: "Bo".into(),
                what: "Follow-up".into(),
                due: today(),
                overdue: false,
            },
            FollowUpItem {
                about: Subject::Deal(demo),
                name: "Demo deal".into(),
                what: "Meeting: Demo".into(),
                due: today(),
                overdue: false,
            },
        ]
    );
}
