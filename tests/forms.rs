//! Forms: what a user types becomes a command, or the error of each field; a save
//! sends only the fields the user changed.

mod support;

use pipewright::domain::commands::{Applied, DealDraft, LeadDraft};
use pipewright::domain::forms::{optional_date, DealForm, LeadForm, Percent, StageForm};
use pipewright::domain::*;
use support::{d, Fixture};

#[test]
fn percent_accepts_what_users_type_and_refuses_the_rest() {
    assert_eq!(Percent::parse("40").map(Percent::get), Ok(40));
    assert_eq!(Percent::parse(" 40 % ").map(Percent::get), Ok(40));
    assert_eq!(Percent::parse("100%").map(Percent::get), Ok(100));
    assert_eq!(
        Percent::parse("101"),
        Err("“101” is not a whole number from 0 to 100".into())
    );
    assert!(Percent::parse("4.5").is_err());
    assert!(Percent::parse("-1").is_err());
    assert_eq!(Percent::parse_optional("  "), Ok(None));
}

#[test]
fn dates_say_whether_the_layout_or_the_day_is_wrong() {
    assert_eq!(optional_date(""), Ok(None));
    assert_eq!(optional_date("2026-02-28"), Ok(Some(d(2026, 2, 28))));
    assert_eq!(
        optional_date("2026-02-30"),
        Err("“2026-02-30” is not a day of the calendar".into())
    );
    assert_eq!(
        optional_date("30/02/2026"),
        Err("“30/02/2026” is not a date (use YYYY-MM-DD)".into())
    );
}

#[test]
fn a_deal_form_names_every_wrong_field_at_once() {
    let f = Fixture::new();
    let form = DealForm {
        title: "Big one".into(),
        value: "12a".into(),
        probability: "140".into(),
        expected_close: "soon".into(),
        ..DealForm::default()
    };
    let errors = form
        .create(&f.ws, f.stage(0))
        .expect_err("three bad fields");
    let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["Value", "Expected close", "Probability"]);
    assert!(errors.to_string().starts_with("Value: "));
}

#[test]
fn a_deal_form_creates_the_deal_it_shows() {
    let mut f = Fixture::new();
    let form = DealForm {
        title: "Acme renewal".into(),
        value: "1,250.50".into(),
        probability: "35 %".into(),
        expected_close: "2026-03-31".into(),
        organization: "Acme".into(),
        owner: "Ana Silva".into(),
        ..DealForm::default()
    };
    let command = form.create(&f.ws, f.stage(1)).expect("valid");
    let Applied::Deal(id) = f.run(command, d(2026, 1, 5)) else {
        panic!("a deal")
    };
    let deal = f.ws.deal(id).expect("created").clone();
    assert_eq!(deal.value, Money(125_050));
    assert_eq!(deal.probability_override, Some(35));
    assert_eq!(deal.expected_close, Some(d(2026, 3, 31)));
    assert_eq!(f.ws.organization_name(deal.organization), Some("Acme"));
    assert_eq!(deal.stage, f.stage(1));
    // The form shows the deal as it was typed (money in the workspace's format).
    assert_eq!(
        DealForm::of(&f.ws, &deal),
        DealForm {
            value: "$1,250.50".into(),
            probability: "35".into(),
            ..form
        }
    );
}

#[test]
fn an_edit_keeps_fields_changed_elsewhere_that_the_user_left_alone() {
    let mut f = Fixture::new();
    let id = f.deal_in(f.stage(0), 10_000, d(2026, 1, 5));
    let shown = DealForm::of(&f.ws, f.ws.deal(id).expect("deal"));
    // Another tab renames the deal and sets its owner…
    let mut other = DealDraft::from(f.ws.deal(id).expect("deal"));
    other.title = "Renamed elsewhere".into();
    other.owner = "Ben".into();
    f.run(
        Command::EditDeal {
            deal: id,
            draft: other,
        },
        d(2026, 1, 6),
    );
    // …while this form changes only the value.
    let typed = DealForm {
        value: "300".into(),
        ..shown.clone()
    };
    let now = f.ws.deal(id).expect("deal").clone();
    let command = typed.edit(&shown, &f.ws, &now).expect("valid");
    f.run(command, d(2026, 1, 7));
    let deal = f.ws.deal(id).expect("deal");
    assert_eq!(deal.value, Money(30_000));
    assert_eq!(deal.title, "Renamed elsewhere");
    assert_eq!(deal.owner, "Ben");
}

#[test]
fn a_lead_edit_sends_only_what_changed() {
    let mut f = Fixture::new();
    let command = LeadForm {
        name: "Dana".into(),
        email: "dana@example.com".into(),
        ..LeadForm::default()
    }
    .create(&f.ws)
    .expect("valid");
    let Applied::Lead(id) = f.run(command, d(2026, 1, 5)) else {
        panic!("a lead")
    };
    let lead = f.ws.lead(id).expect("lead").clone();
    assert_eq!(lead.score, LeadDraft::FIRST_SCORE);
    let shown = LeadForm::of(&f.ws, &lead);
    let mut other = LeadDraft::from(&lead);
    other.phone = "+1 555 0100".into();
    f.run(
        Command::EditLead {
            lead: id,
            draft: other,
        },
        d(2026, 1, 6),
    );
    let typed = LeadForm {
        score: "70".into(),
        ..shown.clone()
    };
    let now = f.ws.lead(id).expect("lead").clone();
    f.run(
        typed.edit(&shown, &f.ws, &now).expect("valid"),
        d(2026, 1, 7),
    );
    let lead = f.ws.lead(id).expect("lead");
    assert_eq!(lead.score, 70);
    assert_eq!(lead.phone, "+1 555 0100");
    let bad = LeadForm {
        score: "abc".into(),
        ..shown.clone()
    };
    assert_eq!(
        bad.edit(&shown, &f.ws, lead)
            .expect_err("bad score")
            .get("Score"),
        Some("“abc” is not a whole number from 0 to 100")
    );
}

#[test]
fn a_stage_form_parses_probability_and_rotting() {
    let form = StageForm {
        name: "Pilot".into(),
        probability: "65%".into(),
        rotting_days: "".into(),
    };
    let draft = form.parse().expect("valid");
    assert_eq!((draft.probability, draft.rotting_days), (65, None));
    let bad = StageForm {
        probability: "x".into(),
        rotting_days: "-3".into(),
        ..form
    };
    let errors = bad.parse().expect_err("two bad fields");
    assert_eq!(
        errors.get("Rotting"),
        Some("“-3” is not a whole number of days")
    );
    assert!(errors.get("Probability").is_some());
}

#[test]
fn stage_names_are_unique_within_a_pipeline() {
    let mut f = Fixture::new();
    let pipeline = f.pipeline();
    let draft = commands::StageDraft {
        name: " qualified ".into(),
        probability: 10,
        rotting_days: None,
    };
    assert_eq!(
        f.ws.apply(&Command::AddStage { pipeline, draft }, d(2026, 1, 1)),
        Err(DomainError::DuplicateStageName("qualified".into()))
    );
    let rename = commands::StageDraft {
        name: "Contact made".into(),
        probability: 10,
        rotting_days: None,
    };
    let first = f.stage(0);
    assert_eq!(
        f.ws.apply(
            &Command::EditStage {
                stage: first,
                draft: rename
            },
            d(2026, 1, 1)
        ),
        Err(DomainError::DuplicateStageName("Contact made".into()))
    );
    // Keeping its own name is not a duplicate.
    let same = commands::StageDraft {
        name: "Qualified".into(),
        probability: 15,
        rotting_days: None,
    };
    f.run(
        Command::EditStage {
            stage: first,
            draft: same,
        },
        d(2026, 1, 1),
    );
}

#[test]
fn a_too_long_lost_reason_says_so() {
    let mut f = Fixture::new();
    let id = f.deal_in(f.stage(0), 100, d(2026, 1, 1));
    let lose = |reason: String| Command::LoseDeal {
        deal: id,
        reason,
        note: String::new(),
    };
    assert_eq!(
        f.ws.apply(&lose("  ".into()), d(2026, 1, 2)),
        Err(DomainError::LostReasonMissing)
    );
    assert_eq!(
        f.ws.apply(&lose("x".repeat(10_000)), d(2026, 1, 2)),
        Err(DomainError::TooLong {
            what: "lost reason",
            len: 10_000,
            max: 200
        })
    );
}

#[test]
fn an_open_form_follows_changes_elsewhere_and_keeps_what_is_typed() {
    let mut f = Fixture::new();
    let id = f.deal_in(f.stage(0), 10_000, d(2026, 1, 5));
    let shown = DealForm::of(&f.ws, f.ws.deal(id).expect("deal"));
    let typed = DealForm {
        value: "300".into(),
        ..shown.clone()
    };
    let mut other = DealDraft::from(f.ws.deal(id).expect("deal"));
    other.title = "Renamed elsewhere".into();
    other.value = Money(99_900);
    f.run(
        Command::EditDeal {
            deal: id,
            draft: other,
        },
        d(2026, 1, 6),
    );
    let latest = DealForm::of(&f.ws, f.ws.deal(id).expect("deal"));
    let now = typed.refreshed(&shown, &latest);
    assert_eq!(now.title, "Renamed elsewhere", "an untouched field follows");
    assert_eq!(now.value, "300", "a typed field stays");
    assert_eq!(now.owner, latest.owner);
}

#[test]
fn switching_the_number_format_rewrites_the_goal_instead_of_misreading_it() {
    use pipewright::domain::forms::SettingsForm;
    let settings = Settings {
        monthly_goal: Some(Money(7_500_000)),
        ..Settings::default()
    };
    let shown = SettingsForm::of(&settings);
    assert_eq!(shown.monthly_goal, "$75,000");
    let german = SettingsForm {
        locale: "de-DE".into(),
        ..shown.clone()
    }
    .reformatted(&shown);
    assert_eq!(german.monthly_goal, "$75.000");
    let parsed = german.parse(&settings).expect("valid in the new format");
    assert_eq!(parsed.monthly_goal, Some(Money(7_500_000)));
    let euros = SettingsForm {
        currency: "EUR".into(),
        ..german.clone()
    }
    .reformatted(&german);
    assert_eq!(euros.monthly_goal, "€75.000");
    // Without the rewrite, the old text read as German is refused, never rescaled.
    let stale = SettingsForm {
        locale: "de-DE".into(),
        ..shown
    };
    assert!(stale.parse(&settings).is_err());
}
