//! The deals and leads lists computed natively: every filter, and every sort in both
//! directions (text without regard to case, rows without a date last either way).
#![cfg(not(target_arch = "wasm32"))]
// Money in cents reads as dollars_cents: 100_00 is $100.00.
#![allow(clippy::inconsistent_digit_grouping)]

mod support;

use pipewright::domain::commands::LeadDraft;
use pipewright::domain::queries::deal_list::{deal_rows, DealQuery, SortKey};
use pipewright::domain::queries::lead_list::{lead_rows, LeadQuery, LeadSort};
use pipewright::domain::*;
use support::{d, Fixture};

const TODAY: (i32, u32, u32) = (2026, 6, 15);

fn today() -> chrono::NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// Four deals: two open in different stages, one won, one lost; titles in mixed case.
fn deals() -> Fixture {
    let mut f = Fixture::new();
    let specs = [
        ("beta renewal", 300_00, 0, "Ben", Some(d(2026, 7, 1))),
        ("Alpha pilot", 100_00, 1, "ana", None),
        ("Gamma expansion", 200_00, 0, "Ana", Some(d(2026, 6, 1))),
        ("delta add-on", 400_00, 2, "Ben", Some(d(2026, 7, 20))),
    ];
    for (title, value, stage, owner, close) in specs {
        let id = f.deal(stage, value, d(2026, 5, 1));
        f.edit(id, |draft| {
            draft.title = title.into();
            draft.owner = owner.into();
            draft.expected_close = close;
        });
    }
    let ids: Vec<DealId> = f.ws.deals.keys().copied().collect();
    f.win(ids[2], d(2026, 6, 2));
    f.lose(ids[3], "Price", d(2026, 6, 3));
    f
}

fn titles(f: &Fixture, query: DealQuery) -> Vec<String> {
    deal_rows(&f.ws, &query, today())
        .into_iter()
        .map(|r| r.title)
        .collect()
}

fn sorted(sort: SortKey, descending: bool) -> DealQuery {
    DealQuery {
        sort,
        descending,
        ..DealQuery::default()
    }
}

#[test]
fn deals_sort_by_title_without_regard_to_case_in_both_directions() {
    let f = deals();
    let ascending = titles(&f, sorted(SortKey::Title, false));
    assert_eq!(
        ascending,
        [
            "Alpha pilot",
            "beta renewal",
            "delta add-on",
            "Gamma expansion"
        ]
    );
    let mut descending = titles(&f, sorted(SortKey::Title, true));
    descending.reverse();
    assert_eq!(descending, ascending);
}

#[test]
fn deals_sort_by_value_owner_and_close_date_with_undated_deals_last() {
    let f = deals();
    assert_eq!(
        titles(&f, sorted(SortKey::Value, true)),
        [
            "delta add-on",
            "beta renewal",
            "Gamma expansion",
            "Alpha pilot"
        ]
    );
    // "ana" and "Ana" are one owner; ties go by id.
    assert_eq!(
        titles(&f, sorted(SortKey::Owner, false)),
        [
            "Alpha pilot",
            "Gamma expansion",
            "beta renewal",
            "delta add-on"
        ]
    );
    assert_eq!(
        titles(&f, sorted(SortKey::ExpectedClose, false)),
        [
            "Gamma expansion",
            "beta renewal",
            "delta add-on",
            "Alpha pilot"
        ]
    );
    assert_eq!(
        titles(&f, sorted(SortKey::ExpectedClose, true)),
        [
            "delta add-on",
            "beta renewal",
            "Gamma expansion",
            "Alpha pilot"
        ]
    );
}

#[test]
fn deal_filters_combine() {
    let mut f = deals();
    // A deal in a second pipeline: the pipeline filter keeps each pipeline's deals apart.
    let partners = f.add_pipeline("Partners", d(2026, 5, 1));
    let partner_stage = f.ws.pipeline(partners).expect("pipeline").stages[0].id;
    let epsilon = f.deal_in(partner_stage, 500, d(2026, 5, 1));
    f.edit(epsilon, |draft| draft.title = "Epsilon referral".into());
    let first = f.pipeline();
    let query = |change: fn(&mut DealQuery)| {
        let mut q = DealQuery::default();
        change(&mut q);
        titles(&f, q)
    };
    assert_eq!(
        query(|q| q.status = Some(DealStatus::Open)),
        ["Alpha pilot", "beta renewal", "Epsilon referral"]
    );
    let in_pipeline = |pipeline: PipelineId| {
        let mut q = DealQuery {
            pipeline: Some(pipeline),
            status: Some(DealStatus::Open),
            ..DealQuery::default()
        };
        q.sort = SortKey::Title;
        titles(&f, q)
    };
    assert_eq!(in_pipeline(partners), ["Epsilon referral"]);
    assert_eq!(in_pipeline(first), ["Alpha pilot", "beta renewal"]);
    assert_eq!(
        query(|q| q.status = Some(DealStatus::Won)),
        ["Gamma expansion"]
    );
    assert_eq!(
        query(|q| q.owner = Some("Ben".into())),
        ["beta renewal", "delta add-on"]
    );
    assert_eq!(
        query(|q| q.close_month = Some((2026, 7))),
        ["beta renewal", "delta add-on"]
    );
    assert_eq!(query(|q| q.text = "  ALPHA ".into()), ["Alpha pilot"]);
    // Slipped: open with a close date before today. beta closes on July 1st: not slipped.
    assert!(query(|q| q.only_slipped = true).is_empty());
    // Filters combine: each narrows what the others let through.
    assert_eq!(
        query(|q| {
            q.status = Some(DealStatus::Open);
            q.owner = Some("Ben".into());
        }),
        ["beta renewal"]
    );
    assert_eq!(
        query(|q| {
            q.owner = Some("Ben".into());
            q.close_month = Some((2026, 7));
            q.text = "delta".into();
        }),
        ["delta add-on"]
    );
    assert!(query(|q| {
        q.status = Some(DealStatus::Won);
        q.owner = Some("Ben".into());
    })
    .is_empty());
}

#[test]
fn the_filters_button_counts_the_filters_that_narrow_the_list() {
    let mut q = DealQuery::default();
    assert_eq!(q.narrowing_filters(), 0);
    // The search is in view beside the button, and sorting narrows nothing.
    q.text = "alpha".into();
    q.sort = SortKey::Value;
    q.descending = true;
    assert_eq!(q.narrowing_filters(), 0);
    q.status = Some(DealStatus::Open);
    q.owner = Some("Ben".into());
    q.close_month = Some((2026, 7));
    q.only_rotting = true;
    assert_eq!(q.narrowing_filters(), 4);
    q.pipeline = Some(PipelineId(1));
    q.stage = Some(StageId(2));
    q.only_slipped = true;
    assert_eq!(q.narrowing_filters(), 7);
}

#[test]
fn only_slipped_and_only_rotting_find_the_deals_they_name() {
    let mut f = deals();
    let ids: Vec<DealId> = f.ws.deals.keys().copied().collect();
    // "Alpha pilot" (open) is due June 10th, before today (June 15th): slipped.
    f.edit(ids[1], |draft| draft.expected_close = Some(d(2026, 6, 10)));
    let rows = |f: &Fixture, change: fn(&mut DealQuery)| {
        let mut q = DealQuery::default();
        change(&mut q);
        titles(f, q)
    };
    assert_eq!(rows(&f, |q| q.only_slipped = true), ["Alpha pilot"]);
    assert!(
        rows(&f, |q| q.only_rotting = true).is_empty(),
        "no stage has a rotting limit yet"
    );
    // Stage 0 rots after 10 days; "beta renewal" sits there untouched since May 1st.
    let stage = f.stage(0);
    f.run(
        Command::EditStage {
            stage,
            draft: pipewright::domain::commands::StageDraft {
                name: "Qualified".into(),
                probability: 10,
                rotting_days: Some(10),
            },
        },
        d(2026, 5, 1),
    );
    assert_eq!(rows(&f, |q| q.only_rotting = true), ["beta renewal"]);
}

fn lead(
    f: &mut Fixture,
    name: &str,
    score: u8,
    owner: &str,
    follow_up: Option<(u32, u32)>,
) -> LeadId {
    let id = f.lead_named(
        name,
        follow_up.map(|(m, day)| d(2026, m, day)),
        d(2026, 5, 1),
    );
    let mut draft = LeadDraft::from(f.ws.lead(id).expect("lead"));
    draft.score = score;
    draft.owner = owner.into();
    f.run(Command::EditLead { lead: id, draft }, d(2026, 5, 1));
    id
}

fn names(f: &Fixture, query: LeadQuery) -> Vec<String> {
    lead_rows(&f.ws, &query, today())
        .into_iter()
        .map(|r| r.name)
        .collect()
}

#[test]
fn leads_filter_by_status_owner_score_and_openness_and_sort_by_name_or_follow_up() {
    let mut f = Fixture::new();
    lead(&mut f, "zoe", 80, "Ana", Some((6, 20)));
    lead(&mut f, "Adam", 40, "Ben", None);
    let gone = lead(&mut f, "mia", 60, "Ana", Some((6, 10)));
    f.run(
        Command::SetLeadStatus {
            lead: gone,
            status: LeadStatus::Disqualified,
            reason: Some("No budget".into()),
        },
        today(),
    );
    lead(&mut f, "Bea", 90, "Ben", Some((6, 1)));

    let by_name = LeadQuery {
        sort: LeadSort::Name,
        ..LeadQuery::default()
    };
    assert_eq!(names(&f, by_name.clone()), ["Adam", "Bea", "mia", "zoe"]);
    // Follow-up order; no date last, and a closed lead has none.
    assert_eq!(
        names(&f, LeadQuery::default()),
        ["Bea", "zoe", "Adam", "mia"]
    );
    let descending = LeadQuery {
        descending: true,
        ..LeadQuery::default()
    };
    // Ties (no date) keep id order in both directions.
    assert_eq!(names(&f, descending), ["zoe", "Bea", "Adam", "mia"]);

    let open_only = LeadQuery {
        only_open: true,
        ..by_name.clone()
    };
    assert_eq!(names(&f, open_only), ["Adam", "Bea", "zoe"]);
    let ana_60 = LeadQuery {
        owner: Some("Ana".into()),
        min_score: 60,
        ..by_name.clone()
    };
    assert_eq!(names(&f, ana_60), ["mia", "zoe"]);
    let disqualified = LeadQuery {
        status: Some(LeadStatus::Disqualified),
        ..by_name
    };
    assert_eq!(names(&f, disqualified), ["mia"]);
}

#[test]
fn the_suggested_lead_score_follows_each_documented_rule() {
    use pipewright::domain::queries::lead_list::suggested_score;
    let mut f = Fixture::new();
    let id = f.lead_named("Rules", None, d(2026, 5, 1));
    let score = |f: &Fixture| suggested_score(&f.ws, f.ws.lead(id).expect("lead"), today());
    // New, no contact details, source "Web": the status alone.
    assert_eq!(score(&f), 10);
    // Reachability: +5 with one of email and phone, +10 with both.
    let mut draft = LeadDraft::from(f.ws.lead(id).expect("lead"));
    draft.email = "a@b.c".into();
    f.run(
        Command::EditLead {
            lead: id,
            draft: draft.clone(),
        },
        d(2026, 5, 1),
    );
    assert_eq!(score(&f), 15);
    draft.phone = "+1 555".into();
    // Warm source: +5 for Referral (or Partner), whatever the case.
    draft.source = "referral".into();
    f.run(
        Command::EditLead {
            lead: id,
            draft: draft.clone(),
        },
        d(2026, 5, 1),
    );
    assert_eq!(score(&f), 25);
    // Status: qualified is 70 instead of 10.
    f.run(
        Command::SetLeadStatus {
            lead: id,
            status: LeadStatus::Qualified,
            reason: None,
        },
        d(2026, 5, 2),
    );
    assert_eq!(score(&f), 85);
    // Recent activity: +15 for one completed in the last 14 days (today is June 15th).
    f.run(
        Command::CompleteFollowUp {
            about: Subject::Lead(id),
            next: None,
        },
        d(2026, 6, 10),
    );
    assert_eq!(score(&f), 100, "clamped to 100");
    // Neglect: −10 when the next follow-up is more than 7 days overdue.
    draft.next_follow_up = Some(d(2026, 6, 1));
    f.run(Command::EditLead { lead: id, draft }, d(2026, 6, 10));
    assert_eq!(score(&f), 90);
}

#[test]
fn deals_named_on_the_dashboard_list_alone_and_other_filters_still_apply() {
    let f = deals();
    let ids: Vec<DealId> = f.ws.deals.keys().copied().collect();
    let only = |picked: &[usize]| Some(picked.iter().map(|i| ids[*i]).collect());
    let query = DealQuery {
        only_ids: only(&[0, 2, 3]),
        ..sorted(SortKey::Title, false)
    };
    assert_eq!(
        titles(&f, query.clone()),
        ["beta renewal", "delta add-on", "Gamma expansion"]
    );
    let won = DealQuery {
        status: Some(DealStatus::Won),
        ..query
    };
    assert_eq!(titles(&f, won), ["Gamma expansion"]);
}

#[test]
fn a_view_is_saved_under_a_free_name_kept_by_a_settings_change_and_deleted() {
    let mut f = deals();
    let on = today();
    let save = |name: &str, query: &str| Command::SaveView {
        name: name.into(),
        query: query.into(),
    };
    f.run(save(" Won this year ", "status=won"), on);
    assert_eq!(
        f.ws.apply(&save("won THIS year", "status=lost"), on),
        Err(DomainError::DuplicateView("won THIS year".into())),
        "a name in use is refused, not overwritten"
    );
    assert!(f.ws.apply(&save("  ", "status=won"), on).is_err());
    let renamed = Settings {
        name: "Renamed".into(),
        saved_views: Vec::new(),
        ..f.ws.settings.clone()
    };
    f.run(Command::UpdateSettings(renamed), on);
    let views: Vec<(&str, &str)> =
        f.ws.settings
            .saved_views
            .iter()
            .map(|v| (v.name.as_str(), v.query.as_str()))
            .collect();
    assert_eq!(views, [("Won this year", "status=won")]);
    f.run(
        Command::DeleteView {
            name: "Won this year".into(),
        },
        on,
    );
    assert!(f.ws.settings.saved_views.is_empty());
    assert_eq!(
        f.ws.apply(
            &Command::DeleteView {
                name: "Won this year".into()
            },
            on
        ),
        Err(DomainError::NotFound("view"))
    );
}

#[test]
fn the_lead_filters_button_counts_the_filters_that_narrow_the_list() {
    let mut q = LeadQuery {
        text: "maya".into(),
        ..LeadQuery::default()
    };
    assert_eq!(q.narrowing_filters(), 0);
    q.status = Some(LeadStatus::Qualified);
    q.min_score = 40;
    assert_eq!(q.narrowing_filters(), 2);
    q.source = Some("Referral".into());
    q.owner = Some("Ana".into());
    q.only_open = true;
    assert_eq!(q.narrowing_filters(), 5);
}
