//! Native tests of the workspace commands: the stage log, last activity and links
//! stay consistent, and every invalid change is refused with a typed error.
#![cfg(not(target_arch = "wasm32"))]
// Money in cents reads as dollars_cents: 5_000_00 is $5,000.00.
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use pipewright::domain::commands::{Applied, DealDraft, LeadDraft, StageDraft};
use pipewright::domain::queries::board::recorded_activity;
use pipewright::domain::*;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, d).expect("valid date")
}

fn stages(ws: &Workspace) -> Vec<StageId> {
    ws.pipelines[0].stages.iter().map(|s| s.id).collect()
}

fn draft(title: &str, stage: StageId) -> DealDraft {
    DealDraft {
        title: title.into(),
        value: Money(100_000),
        stage,
        probability_override: None,
        expected_close: None,
        organization: None,
        person: None,
        owner: "Ana".into(),
        source: "Web".into(),
    }
}

/// A deal's log as (day, event), oldest first.
fn history_of(ws: &Workspace, deal: DealId) -> Vec<(NaiveDate, DealEvent)> {
    (ws.deal_history(deal).iter())
        .map(|e| (e.on, e.event))
        .collect()
}

fn create(ws: &mut Workspace, title: &str, stage: StageId, on: NaiveDate) -> DealId {
    match ws.apply(&Command::CreateDeal(draft(title, stage)), on) {
        Ok(Applied::Deal(id)) => id,
        other => panic!("expected a new deal, got {other:?}"),
    }
}

#[test]
fn a_first_start_has_pipedrives_default_stages_and_no_deals() {
    let ws = Workspace::new();
    assert_eq!(ws.pipelines.len(), 1);
    assert_eq!(ws.pipelines[0].name, "Sales");
    let names: Vec<(&str, u8)> = ws.pipelines[0]
        .stages
        .iter()
        .map(|s| (s.name.as_str(), s.probability))
        .collect();
    assert_eq!(
        names,
        vec![
            ("Qualified", 10),
            ("Contact made", 20),
            ("Demo scheduled", 40),
            ("Proposal made", 60),
            ("Negotiations started", 80)
        ]
    );
    assert!(ws.deals.is_empty());
}

#[test]
fn creating_and_moving_a_deal_writes_the_stage_log() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let id = create(&mut ws, "Acme renewal", s[0], day(1));
    ws.apply(
        &Command::MoveDeal {
            deal: id,
            stage: s[2],
            before: None,
        },
        day(3),
    )
    .expect("moved");
    ws.apply(
        &Command::MoveDeal {
            deal: id,
            stage: s[1],
            before: None,
        },
        day(5),
    )
    .expect("moved back");
    let history = history_of(&ws, id);
    assert_eq!(
        history,
        vec![
            (day(1), DealEvent::EnteredStage(s[0])),
            (day(3), DealEvent::EnteredStage(s[2])),
            (day(5), DealEvent::EnteredStage(s[1])),
        ]
    );
    assert_eq!(ws.stage_entered_on(id), Some(day(5)));
    assert_eq!(ws.deal(id).expect("exists").stage, s[1]);
}

#[test]
fn every_change_of_expected_close_date_is_logged_and_nothing_else_is() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let dated = DealDraft {
        expected_close: Some(day(31)),
        ..draft("Acme renewal", s[0])
    };
    let id = match ws.apply(&Command::CreateDeal(dated.clone()), day(1)) {
        Ok(Applied::Deal(id)) => id,
        other => panic!("expected a new deal, got {other:?}"),
    };
    let edit = |ws: &mut Workspace, change: DealDraft, on| {
        ws.apply(
            &Command::EditDeal {
                deal: id,
                draft: change,
            },
            on,
        )
        .expect("edited");
    };
    // A new title, same date: nothing logged. Pushed, then cleared: both logged.
    edit(
        &mut ws,
        DealDraft {
            title: "Acme renewal 2027".into(),
            ..dated.clone()
        },
        day(2),
    );
    let pushed = NaiveDate::from_ymd_opt(2026, 4, 30).expect("date");
    edit(
        &mut ws,
        DealDraft {
            expected_close: Some(pushed),
            ..dated.clone()
        },
        day(3),
    );
    edit(
        &mut ws,
        DealDraft {
            expected_close: None,
            ..dated
        },
        day(4),
    );
    let history = history_of(&ws, id);
    assert_eq!(
        history,
        vec![
            (day(1), DealEvent::EnteredStage(s[0])),
            (day(1), DealEvent::ExpectedClose(Some(day(31)))),
            (day(3), DealEvent::ExpectedClose(Some(pushed))),
            (day(4), DealEvent::ExpectedClose(None)),
        ]
    );
    // A deal created without a date logs only its stage.
    let undated = create(&mut ws, "Globex", s[0], day(5));
    assert_eq!(ws.deal_history(undated).len(), 1);
    // The stage log is what it was: the current stage was entered on day 1.
    assert_eq!(ws.stage_entered_on(id), Some(day(1)));
}

#[test]
fn reordering_within_a_column_keeps_the_order_and_writes_no_log() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let a = create(&mut ws, "A", s[0], day(1));
    let b = create(&mut ws, "B", s[0], day(1));
    let c = create(&mut ws, "C", s[0], day(1));
    ws.apply(
        &Command::MoveDeal {
            deal: c,
            stage: s[0],
            before: Some(a),
        },
        day(2),
    )
    .expect("moved");
    let order: Vec<DealId> = ws.stage_deals(s[0]).iter().map(|d| d.id).collect();
    assert_eq!(order, vec![c, a, b]);
    ws.apply(
        &Command::MoveDeal {
            deal: c,
            stage: s[0],
            before: Some(b),
        },
        day(2),
    )
    .expect("moved");
    let order: Vec<DealId> = ws.stage_deals(s[0]).iter().map(|d| d.id).collect();
    assert_eq!(order, vec![a, c, b]);
    assert_eq!(ws.deal_history(c).len(), 1);
}

#[test]
fn many_inserts_at_the_same_place_renumber_instead_of_colliding() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let first = create(&mut ws, "first", s[0], day(1));
    let last = create(&mut ws, "last", s[0], day(1));
    let mut inserted = Vec::new();
    for i in 0..40 {
        let id = create(&mut ws, &format!("d{i}"), s[1], day(1));
        ws.apply(
            &Command::MoveDeal {
                deal: id,
                stage: s[0],
                before: Some(last),
            },
            day(2),
        )
        .expect("moved");
        inserted.push(id);
    }
    let order: Vec<DealId> = ws.stage_deals(s[0]).iter().map(|d| d.id).collect();
    let mut expected = vec![first];
    expected.extend(inserted);
    expected.push(last);
    assert_eq!(order, expected);
}

#[test]
fn win_lose_and_reopen_keep_status_dates_and_log_consistent() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let id = create(&mut ws, "Deal", s[1], day(1));
    assert_eq!(
        ws.apply(
            &Command::LoseDeal {
                deal: id,
                reason: "  ".into(),
                note: String::new()
            },
            day(4)
        ),
        Err(DomainError::LostReasonMissing)
    );
    ws.apply(
        &Command::LoseDeal {
            deal: id,
            reason: "Price".into(),
            note: "too dear".into(),
        },
        day(4),
    )
    .expect("lost");
    let deal = ws.deal(id).expect("exists");
    assert_eq!(
        (deal.status, deal.closed_on, deal.lost_reason.as_deref()),
        (DealStatus::Lost, Some(day(4)), Some("Price"))
    );
    assert_eq!(
        ws.apply(&Command::WinDeal { deal: id }, day(5)),
        Err(DomainError::DealClosed("lost"))
    );
    assert_eq!(
        ws.apply(
            &Command::MoveDeal {
                deal: id,
                stage: s[0],
                before: None
            },
            day(5)
        ),
        Err(DomainError::DealClosed("lost"))
    );
    ws.apply(&Command::ReopenDeal { deal: id }, day(6))
        .expect("reopened");
    let deal = ws.deal(id).expect("exists");
    assert_eq!(
        (deal.status, deal.closed_on, deal.lost_reason.clone()),
        (DealStatus::Open, None, None)
    );
    ws.apply(&Command::WinDeal { deal: id }, day(9))
        .expect("won");
    let events: Vec<DealEvent> = ws.deal_history(id).iter().map(|e| e.event).collect();
    assert_eq!(
        events,
        vec![
            DealEvent::EnteredStage(s[1]),
            DealEvent::Lost,
            DealEvent::Reopened,
            DealEvent::Won
        ]
    );
    assert_eq!(
        ws.apply(&Command::ReopenDeal { deal: id }, day(9))
            .map(|_| ()),
        Ok(())
    );
    assert_eq!(
        ws.apply(&Command::ReopenDeal { deal: id }, day(9)),
        Err(DomainError::DealAlreadyOpen)
    );
}

#[test]
fn invalid_deals_are_refused_and_leave_the_workspace_unchanged() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let before = ws.clone();
    let mut bad = draft("", s[0]);
    assert_eq!(
        ws.apply(&Command::CreateDeal(bad.clone()), day(1)),
        Err(DomainError::Empty("deal title"))
    );
    bad.title = "x".repeat(201);
    assert!(matches!(
        ws.apply(&Command::CreateDeal(bad.clone()), day(1)),
        Err(DomainError::TooLong { .. })
    ));
    bad.title = "ok".into();
    bad.value = Money(-1);
    assert_eq!(
        ws.apply(&Command::CreateDeal(bad.clone()), day(1)),
        Err(DomainError::NegativeValue)
    );
    // The largest amount is accepted; one more is not (totals must stay exact).
    bad.value = Money(Money::MAX_AMOUNT + 1);
    assert_eq!(
        ws.apply(&Command::CreateDeal(bad.clone()), day(1)),
        Err(DomainError::ValueTooLarge)
    );
    bad.value = Money(Money::MAX_AMOUNT);
    let mut accepts = ws.clone();
    assert!(accepts
        .apply(&Command::CreateDeal(bad.clone()), day(1))
        .is_ok());
    bad.value = Money(1);
    bad.probability_override = Some(101);
    assert_eq!(
        ws.apply(&Command::CreateDeal(bad.clone()), day(1)),
        Err(DomainError::Probability(101))
    );
    bad.probability_override = None;
    bad.stage = StageId(9999);
    assert_eq!(
        ws.apply(&Command::CreateDeal(bad.clone()), day(1)),
        Err(DomainError::NotFound("stage"))
    );
    bad.stage = s[0];
    bad.organization = Some(OrganizationId(4242));
    assert_eq!(
        ws.apply(&Command::CreateDeal(bad), day(1)),
        Err(DomainError::NotFound("organization"))
    );
    assert_eq!(ws, before);
}

#[test]
fn probability_override_wins_even_at_zero() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let id = create(&mut ws, "Deal", s[3], day(1));
    assert_eq!(ws.probability(ws.deal(id).expect("exists")), 60);
    let mut edited = draft("Deal", s[3]);
    edited.probability_override = Some(0);
    ws.apply(
        &Command::EditDeal {
            deal: id,
            draft: edited,
        },
        day(2),
    )
    .expect("edited");
    assert_eq!(ws.probability(ws.deal(id).expect("exists")), 0);
}

#[test]
fn notes_and_completed_activities_touch_the_deal() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let id = create(&mut ws, "Deal", s[0], day(1));
    let Ok(Applied::Activity(call)) = ws.apply(
        &Command::AddActivity {
            about: Subject::Deal(id),
            draft: ActivityDraft::new(ActivityKind::Call, "Intro call", day(8)),
        },
        day(2),
    ) else {
        panic!("activity created");
    };
    // Planning is not doing (rule 12): the last activity is still entering the stage.
    assert_eq!(recorded_activity(&ws).get(&id), Some(&day(1)));
    assert_eq!(
        ws.next_activity(Subject::Deal(id)).map(|a| a.id),
        Some(call)
    );
    ws.apply(&Command::CompleteActivity { activity: call }, day(7))
        .expect("done");
    assert_eq!(recorded_activity(&ws).get(&id), Some(&day(7)));
    assert!(ws.next_activity(Subject::Deal(id)).is_none());
    ws.apply(
        &Command::AddNote {
            about: Subject::Deal(id),
            text: "Spoke to CFO".into(),
        },
        day(10),
    )
    .expect("note");
    assert_eq!(recorded_activity(&ws).get(&id), Some(&day(10)));
}

#[test]
fn deleting_a_deal_removes_its_log_activities_and_notes_and_unlinks_its_lead() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let lead = lead(&mut ws, "Globex", day(1));
    let Ok(Applied::Deal(deal)) = ws.apply(
        &Command::ConvertLead {
            lead,
            title: "Globex deal".into(),
            value: Money(5_000_00),
            stage: s[0],
        },
        day(2),
    ) else {
        panic!("converted");
    };
    ws.apply(
        &Command::AddNote {
            about: Subject::Deal(deal),
            text: "n".into(),
        },
        day(3),
    )
    .expect("note");
    ws.apply(
        &Command::AddActivity {
            about: Subject::Deal(deal),
            draft: ActivityDraft::new(ActivityKind::Call, "Call back", day(5)),
        },
        day(3),
    )
    .expect("activity");
    assert_eq!(ws.activities_about(Subject::Deal(deal)).len(), 1);
    assert!(!ws.deal_history(deal).is_empty());
    ws.apply(&Command::DeleteDeal { deal }, day(4))
        .expect("deleted");
    assert!(ws.deal_history(deal).is_empty());
    assert!(ws.notes_about(Subject::Deal(deal)).is_empty());
    assert!(ws.activities_about(Subject::Deal(deal)).is_empty());
    assert!(ws.activities.is_empty() && ws.notes.values().all(|n| n.about != Subject::Deal(deal)));
    assert_eq!(ws.lead(lead).expect("exists").converted_deal, None);
}

fn lead(ws: &mut Workspace, name: &str, on: NaiveDate) -> LeadId {
    let draft = LeadDraft {
        name: name.into(),
        organization: None,
        person: None,
        email: "a@b.c".into(),
        phone: String::new(),
        source: "Referral".into(),
        score: 40,
        next_follow_up: None,
        owner: "Ana".into(),
        expected_value: Money(0),
    };
    match ws.apply(&Command::CreateLead(draft), on) {
        Ok(Applied::Lead(id)) => id,
        other => panic!("lead created, got {other:?}"),
    }
}

#[test]
fn a_lead_walks_its_lifecycle_and_converts_with_its_notes() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let id = lead(&mut ws, "Initech", day(1));
    ws.apply(
        &Command::SetLeadStatus {
            lead: id,
            status: LeadStatus::Contacted,
            reason: None,
        },
        day(2),
    )
    .expect("contacted");
    ws.apply(
        &Command::AddNote {
            about: Subject::Lead(id),
            text: "Wants a demo".into(),
        },
        day(2),
    )
    .expect("note");
    assert_eq!(
        ws.apply(
            &Command::SetLeadStatus {
                lead: id,
                status: LeadStatus::Disqualified,
                reason: None
            },
            day(3)
        ),
        Err(DomainError::Empty("disqualification reason"))
    );
    ws.apply(
        &Command::SetLeadStatus {
            lead: id,
            status: LeadStatus::Qualified,
            reason: None,
        },
        day(4),
    )
    .expect("qualified");
    let Ok(Applied::Deal(deal)) = ws.apply(
        &Command::ConvertLead {
            lead: id,
            title: "Initech".into(),
            value: Money(9_000_00),
            stage: s[1],
        },
        day(5),
    ) else {
        panic!("converted");
    };
    let lead = ws.lead(id).expect("exists");
    assert_eq!(
        (lead.status, lead.converted_deal),
        (LeadStatus::Converted, Some(deal))
    );
    let statuses: Vec<LeadStatus> = lead.status_history.iter().map(|(_, s)| *s).collect();
    assert_eq!(
        statuses,
        vec![
            LeadStatus::New,
            LeadStatus::Contacted,
            LeadStatus::Qualified,
            LeadStatus::Converted
        ]
    );
    let deal = ws.deal(deal).expect("exists");
    assert_eq!(
        (deal.from_lead, deal.source.as_str(), deal.value),
        (Some(id), "Referral", Money(9_000_00))
    );
    assert_eq!(ws.notes_about(Subject::Deal(deal.id)).len(), 1);
    assert_eq!(
        ws.apply(
            &Command::ConvertLead {
                lead: id,
                title: "again".into(),
                value: Money(1),
                stage: s[1]
            },
            day(6)
        ),
        Err(DomainError::LeadConverted)
    );
}

#[test]
fn stages_can_be_added_reordered_edited_and_deleted_with_their_deals_moved() {
    let mut ws = Workspace::new();
    let pipeline = ws.pipelines[0].id;
    let s = stages(&ws);
    let Ok(Applied::Stage(new)) = ws.apply(
        &Command::AddStage {
            pipeline,
            draft: StageDraft {
                name: "Contract sent".into(),
                probability: 90,
                rotting_days: Some(7),
            },
        },
        day(1),
    ) else {
        panic!("stage added");
    };
    ws.apply(
        &Command::ReorderStage {
            stage: new,
            to_index: 0,
        },
        day(1),
    )
    .expect("reordered");
    assert_eq!(stages(&ws)[0], new);
    assert_eq!(
        ws.apply(
            &Command::EditStage {
                stage: new,
                draft: StageDraft {
                    name: "X".into(),
                    probability: 120,
                    rotting_days: None
                }
            },
            day(1)
        ),
        Err(DomainError::Probability(120))
    );
    let deal = create(&mut ws, "Held", s[2], day(1));
    assert_eq!(
        ws.apply(
            &Command::DeleteStage {
                stage: s[2],
                move_deals_to: None
            },
            day(2)
        ),
        Err(DomainError::StageNotEmpty(1))
    );
    ws.apply(
        &Command::DeleteStage {
            stage: s[2],
            move_deals_to: Some(s[3]),
        },
        day(2),
    )
    .expect("deleted");
    assert_eq!(ws.deal(deal).expect("exists").stage, s[3]);
    assert_eq!(ws.stage_entered_on(deal), Some(day(2)));
    assert_eq!(ws.pipelines[0].stages.len(), 5);
}

#[test]
fn settings_are_validated() {
    use pipewright::domain::forms::SettingsForm;
    let mut ws = Workspace::new();
    // The currency is a type: an unknown code is refused where text becomes one, in the
    // settings form and when stored or imported data is read.
    let mut form = SettingsForm::of(&ws.settings);
    form.currency = "XXX".into();
    let refused = form.parse(&ws.settings).expect_err("unknown currency");
    assert_eq!(
        refused.get("Currency"),
        Some("“XXX” is not a known ISO 4217 currency code")
    );
    let decoded: Result<Settings, _> =
        serde_json::from_str(r#"{"name":"W","currency":"XXX","locale":"en-US","lost_reasons":[]}"#);
    assert!(decoded
        .expect_err("refused")
        .to_string()
        .contains("“XXX” is not a known ISO 4217 currency code"));
    form.currency = "eur".into();
    let mut settings = form.parse(&ws.settings).expect("valid form");
    settings.lost_reasons.push("Price".into());
    ws.apply(&Command::UpdateSettings(settings), day(1))
        .expect("saved");
    assert_eq!(ws.settings.currency.code, "EUR");
    assert_eq!(
        ws.settings
            .lost_reasons
            .iter()
            .filter(|r| *r == "Price")
            .count(),
        1
    );
}

#[test]
fn deleting_an_organization_unlinks_it_everywhere() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let Ok(Applied::Organization(org)) = ws.apply(
        &Command::CreateOrganization {
            name: "Umbrella".into(),
        },
        day(1),
    ) else {
        panic!("org");
    };
    let mut d = draft("Umbrella deal", s[0]);
    d.organization = Some(org);
    let Ok(Applied::Deal(deal)) = ws.apply(&Command::CreateDeal(d), day(1)) else {
        panic!("deal")
    };
    let mut l = LeadDraft::new("Umbrella lead");
    l.organization = Some(org);
    let Ok(Applied::Lead(lead)) = ws.apply(&Command::CreateLead(l), day(1)) else {
        panic!("lead")
    };
    let Ok(Applied::Person(person)) = ws.apply(
        &Command::CreatePerson {
            name: "Ada".into(),
            email: String::new(),
            phone: String::new(),
            organization: Some(org),
        },
        day(1),
    ) else {
        panic!("person")
    };
    for command in [
        Command::AddNote {
            about: Subject::Organization(org),
            text: "Key account".into(),
        },
        Command::AddActivity {
            about: Subject::Organization(org),
            draft: ActivityDraft::new(ActivityKind::Meeting, "QBR", day(9)),
        },
    ] {
        ws.apply(&command, day(1)).expect("about the organization");
    }
    ws.apply(&Command::DeleteOrganization { organization: org }, day(2))
        .expect("deleted");
    assert_eq!(ws.deal(deal).expect("exists").organization, None);
    assert_eq!(ws.lead(lead).expect("exists").organization, None);
    assert_eq!(ws.people.get(&person).expect("exists").organization, None);
    assert!(ws.notes_about(Subject::Organization(org)).is_empty());
    assert!(ws.activities_about(Subject::Organization(org)).is_empty());
}

#[test]
fn organizations_list_customers_churn_deals_and_leads() {
    use pipewright::domain::queries::organization_list::organization_rows;
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let Ok(Applied::Organization(org)) = ws.apply(
        &Command::CreateOrganization {
            name: "Umbrella".into(),
        },
        day(1),
    ) else {
        panic!("org")
    };
    let mut won = draft("Won deal", s[0]);
    won.organization = Some(org);
    let Ok(Applied::Deal(w)) = ws.apply(&Command::CreateDeal(won.clone()), day(1)) else {
        panic!("deal")
    };
    ws.apply(&Command::WinDeal { deal: w }, day(5))
        .expect("won");
    won.title = "Open deal".into();
    ws.apply(&Command::CreateDeal(won), day(6)).expect("open");
    ws.apply(
        &Command::CreateOrganization {
            name: "Acme".into(),
        },
        day(1),
    )
    .expect("org");
    let rows = organization_rows(&ws, "", day(10));
    assert_eq!(
        rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        vec!["Acme", "Umbrella"]
    );
    let u = &rows[1];
    assert_eq!(
        (u.customer_since, u.is_customer, u.open_deals, u.won_value),
        (Some(day(5)), true, 1, Money(100_000))
    );
    ws.apply(
        &Command::SetChurn {
            organization: org,
            churned_on: Some(day(8)),
        },
        day(8),
    )
    .expect("churned");
    let u = organization_rows(&ws, "umb", day(10)).remove(0);
    assert_eq!((u.is_customer, u.churned_on), (false, Some(day(8))));
}

#[test]
fn completing_a_follow_up_finishes_the_next_step_and_schedules_the_following_one_at_once() {
    let mut ws = Workspace::new();
    let s = stages(&ws);
    // A deal with two open activities: the earliest is completed.
    let deal = create(&mut ws, "Deal", s[0], day(1));
    for (subject, due) in [("later", day(9)), ("first", day(4))] {
        ws.apply(
            &Command::AddActivity {
                about: Subject::Deal(deal),
                draft: ActivityDraft::new(ActivityKind::Call, subject, due),
            },
            day(1),
        )
        .expect("added");
    }
    ws.apply(
        &Command::CompleteFollowUp {
            about: Subject::Deal(deal),
            next: Some(("  ".into(), day(20))),
        },
        day(5),
    )
    .expect("done");
    let list = ws.activities_about(Subject::Deal(deal));
    let done: Vec<&str> = list
        .iter()
        .filter(|a| a.done_on == Some(day(5)))
        .map(|a| a.subject.as_str())
        .collect();
    assert_eq!(done, vec!["first"]);
    assert!(list
        .iter()
        .any(|a| a.subject == "Follow up" && a.due_on == day(20) && a.done_on.is_none()));
    assert_eq!(recorded_activity(&ws).get(&deal), Some(&day(5)));

    // A lead with only a follow-up date: a call is logged and the date moves on.
    let id = lead(&mut ws, "Lead", day(1));
    let mut draft = commands::LeadDraft::from(ws.lead(id).expect("lead"));
    draft.next_follow_up = Some(day(3));
    ws.apply(&Command::EditLead { lead: id, draft }, day(1))
        .expect("edited");
    ws.apply(
        &Command::CompleteFollowUp {
            about: Subject::Lead(id),
            next: Some(("Send proposal".into(), day(12))),
        },
        day(5),
    )
    .expect("done");
    assert_eq!(ws.lead(id).expect("lead").next_follow_up, Some(day(12)));
    let activities = ws.activities_about(Subject::Lead(id));
    assert_eq!(activities.len(), 2);
    assert!(activities
        .iter()
        .any(|a| a.kind == ActivityKind::Call && a.done_on == Some(day(5))));
    // Without a next step the date clears.
    ws.apply(
        &Command::CompleteFollowUp {
            about: Subject::Lead(id),
            next: None,
        },
        day(6),
    )
    .expect("done");
    assert_eq!(ws.lead(id).expect("lead").next_follow_up, None);
    assert_eq!(
        ws.apply(
            &Command::CompleteFollowUp {
                about: Subject::Deal(DealId(999)),
                next: None
            },
            day(6)
        ),
        Err(DomainError::NotFound("deal"))
    );
}

#[test]
fn a_typed_organization_name_is_found_or_created_together_with_the_change() {
    use pipewright::domain::commands::with_organization_named;
    let mut ws = Workspace::new();
    let stage = stages(&ws)[0];
    let deal = create(&mut ws, "Pilot", stage, day(2));
    let edit = |ws: &Workspace, name: &str, title: &str| {
        with_organization_named(ws, name, |organization| Command::EditDeal {
            deal,
            draft: DealDraft {
                organization,
                ..draft(title, stage)
            },
        })
    };

    // A new name: one command creates the organization and links the deal.
    let command = edit(&ws, "  Acme GmbH ", "Pilot");
    assert!(matches!(command, Command::WithOrganizationNamed { .. }));
    ws.apply(&command, day(3)).expect("applied");
    assert_eq!(ws.organizations.len(), 1);
    let acme = ws.deals[&deal].organization.expect("linked");
    assert_eq!(ws.organizations[&acme].name, "Acme GmbH");

    // The same name in other case is the same organization: nothing new.
    ws.apply(&edit(&ws, "acme gmbh", "Pilot"), day(4))
        .expect("applied");
    assert_eq!(ws.organizations.len(), 1);
    assert_eq!(ws.deals[&deal].organization, Some(acme));

    // A failing change creates nothing.
    let before = ws.clone();
    assert_eq!(
        ws.apply(&edit(&ws, "Globex", ""), day(5)),
        Err(DomainError::Empty("deal title"))
    );
    assert_eq!(ws, before);

    // A change without an organization cannot carry one.
    assert_eq!(
        ws.apply(
            &Command::WithOrganizationNamed {
                name: "Globex".into(),
                then: Box::new(Command::WinDeal { deal }),
            },
            day(6)
        ),
        Err(DomainError::NoOrganizationField)
    );
    assert_eq!(ws, before);

    // Replayed on another tab's data that already has the name, it reuses it.
    let mut other = before.clone();
    let replay = Command::WithOrganizationNamed {
        name: "ACME GMBH".into(),
        then: Box::new(Command::CreateLead(LeadDraft {
            name: "Lead".into(),
            organization: None,
            person: None,
            email: String::new(),
            phone: String::new(),
            source: String::new(),
            score: 10,
            next_follow_up: None,
            owner: String::new(),
            expected_value: Money(0),
        })),
    };
    let Ok(Applied::Lead(lead)) = other.apply(&replay, day(7)) else {
        panic!("the lead is created")
    };
    assert_eq!(other.organizations.len(), 1);
    assert_eq!(other.leads[&lead].organization, Some(acme));
}

#[test]
fn stage_menus_name_the_pipeline_only_when_there_are_several() {
    let mut ws = Workspace::new();
    let plain: Vec<String> = ws.stage_choices().into_iter().map(|(_, l)| l).collect();
    assert_eq!(plain[0], "Qualified");
    assert_eq!(plain.len(), 5);
    ws.apply(
        &Command::AddPipeline {
            name: "Renewals".into(),
        },
        day(2),
    )
    .expect("added");
    let choices = ws.stage_choices();
    assert_eq!(
        choices[0],
        (stages(&ws)[0], "Sales · Qualified".to_string())
    );
    assert!(choices.iter().any(|(_, l)| l.starts_with("Renewals · ")));
}

#[test]
fn every_kind_of_change_is_undone_and_redone_exactly() {
    use pipewright::state::history::History;
    let mut ws = Workspace::new();
    let s = stages(&ws);
    let pipeline = ws.pipelines[0].id;
    let Ok(Applied::Deal(deal)) = ws.apply(&Command::CreateDeal(draft("Undoable", s[0])), day(1))
    else {
        panic!("deal")
    };
    let lead = lead(&mut ws, "Undo lead", day(1));
    let Ok(Applied::Organization(org)) = ws.apply(
        &Command::CreateOrganization {
            name: "Undo Inc".into(),
        },
        day(1),
    ) else {
        panic!("org")
    };
    let mut renamed = DealDraft::from(ws.deal(deal).expect("deal"));
    renamed.title = "Renamed".into();
    let changes = vec![
        Command::UpdateSettings(Settings {
            name: "Other name".into(),
            ..ws.settings.clone()
        }),
        Command::AddPipeline {
            name: "Second".into(),
        },
        Command::RenamePipeline {
            pipeline,
            name: "Main".into(),
        },
        Command::AddStage {
            pipeline,
            draft: StageDraft {
                name: "Pilot".into(),
                probability: 50,
                rotting_days: None,
            },
        },
        Command::ReorderStage {
            stage: s[0],
            to_index: 2,
        },
        Command::CreateDeal(draft("Another", s[1])),
        Command::EditDeal {
            deal,
            draft: renamed,
        },
        Command::MoveDeal {
            deal,
            stage: s[2],
            before: None,
        },
        Command::WinDeal { deal },
        Command::LoseDeal {
            deal,
            reason: "Price".into(),
            note: String::new(),
        },
        Command::DeleteDeal { deal },
        Command::SetLeadStatus {
            lead,
            status: LeadStatus::Contacted,
            reason: None,
        },
        Command::ConvertLead {
            lead,
            title: "From lead".into(),
            value: Money(100),
            stage: s[0],
        },
        Command::DeleteLead { lead },
        Command::RenameOrganization {
            organization: org,
            name: "Renamed Inc".into(),
        },
        Command::SetChurn {
            organization: org,
            churned_on: Some(day(9)),
        },
        Command::DeleteOrganization { organization: org },
        Command::AddNote {
            about: Subject::Deal(deal),
            text: "A note".into(),
        },
        Command::AddActivity {
            about: Subject::Lead(lead),
            draft: ActivityDraft::new(ActivityKind::Call, "Call", day(3)),
        },
        Command::CompleteFollowUp {
            about: Subject::Lead(lead),
            next: Some(("Next".into(), day(9))),
        },
    ];
    for command in changes {
        let mut history = History::default();
        let before = ws.clone();
        let mut after = ws.clone();
        after
            .apply(&command, day(2))
            .unwrap_or_else(|e| panic!("{command:?}: {e}"));
        assert_ne!(after, before, "{command:?} changes something");
        history.record(before.clone(), format!("{command:?}"));
        let (undone, _) = history.undo(after.clone()).expect("undo");
        assert_eq!(undone, before, "undo of {command:?}");
        let (redone, _) = history.redo(undone).expect("redo");
        assert_eq!(redone, after, "redo of {command:?}");
    }
}

#[test]
fn converting_a_lead_with_an_email_and_phone_makes_them_the_deals_contact() {
    let mut ws = Workspace::new();
    let Ok(Applied::Organization(org)) = ws.apply(
        &Command::CreateOrganization {
            name: "Acme".into(),
        },
        day(1),
    ) else {
        panic!("organization")
    };
    let mut l = LeadDraft::new("Jonas Larsen (Acme)");
    l.organization = Some(org);
    l.email = "jonas@acme.test".into();
    l.phone = "+45 1234".into();
    let Ok(Applied::Lead(lead)) = ws.apply(&Command::CreateLead(l.clone()), day(1)) else {
        panic!("lead")
    };
    let stage = ws.first_stage();
    let convert = |lead| Command::ConvertLead {
        lead,
        title: "Acme deal".into(),
        value: Money(100),
        stage,
    };
    let Ok(Applied::Deal(deal)) = ws.apply(&convert(lead), day(2)) else {
        panic!("deal")
    };
    let person = ws.deals[&deal].person.expect("a contact person");
    let p = &ws.people[&person];
    assert_eq!(
        (p.name.as_str(), p.email.as_str(), p.phone.as_str()),
        ("Jonas Larsen", "jonas@acme.test", "+45 1234")
    );
    assert_eq!(p.organization, Some(org));
    // A second lead with the same email finds the same person, not a second one.
    l.name = "Jonas again".into();
    l.email = "JONAS@acme.test".into();
    let Ok(Applied::Lead(again)) = ws.apply(&Command::CreateLead(l), day(3)) else {
        panic!("lead")
    };
    let Ok(Applied::Deal(second)) = ws.apply(&convert(again), day(3)) else {
        panic!("deal")
    };
    assert_eq!(ws.deals[&second].person, Some(person));
    assert_eq!(ws.people.len(), 1);
}
