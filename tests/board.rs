//! The stage board computed natively: what each column holds and totals, card order,
//! activity and rotting state, and the filters.
#![cfg(not(target_arch = "wasm32"))]
// Money in cents reads as dollars_cents: 100_00 is $100.00.
#![allow(clippy::inconsistent_digit_grouping)]

mod support;

use pipewright::domain::commands::{Applied, DealDraft, StageDraft};
use pipewright::domain::queries::board::{board, ActivityStatus, BoardFilter, BoardView};
use pipewright::domain::*;
use support::{d, Fixture};

fn titles(view: &BoardView, column: usize) -> Vec<String> {
    view.columns[column]
        .cards
        .iter()
        .map(|c| c.title.clone())
        .collect()
}

fn named(f: &mut Fixture, stage: usize, title: &str, value: i64, owner: &str) -> DealId {
    let id = f.deal(stage, value, d(2026, 3, 1));
    f.edit(id, |draft| {
        draft.title = title.into();
        draft.owner = owner.into();
    });
    id
}

/// Gives the first stage a rotting limit of `days`.
fn limit_first_stage(f: &mut Fixture, days: u32, on: chrono::NaiveDate) {
    let stage = f.ws.pipelines[0].stages[0].clone();
    f.run(
        Command::EditStage {
            stage: stage.id,
            draft: StageDraft {
                name: stage.name,
                probability: stage.probability,
                rotting_days: Some(days),
            },
        },
        on,
    );
}

#[test]
fn columns_hold_open_deals_in_rank_order_with_exact_totals() {
    let mut f = Fixture::new();
    let today = d(2026, 3, 10);
    named(&mut f, 0, "First", 100_00, "Ana");
    named(&mut f, 0, "Second", 250_00, "Ben");
    let won = named(&mut f, 0, "Won one", 999_00, "Ana");
    f.win(won, today);
    named(&mut f, 2, "Later stage", 1_000_00, "Ana");

    let view = board(&f.ws, f.pipeline(), &BoardFilter::default(), today);
    assert_eq!(view.columns.len(), f.ws.pipelines[0].stages.len());
    assert_eq!(titles(&view, 0), ["First", "Second"]);
    assert_eq!(titles(&view, 2), ["Later stage"]);
    let first = &view.columns[0];
    assert_eq!((first.count, first.value), (2, Money(350_00)));
    let p0 = f.ws.pipelines[0].stages[0].probability as i64;
    let p2 = f.ws.pipelines[0].stages[2].probability as i64;
    assert_eq!(first.weighted, Money(350_00 * p0 / 100));
    assert_eq!((view.count, view.value), (3, Money(1_350_00)));
    assert_eq!(view.weighted, Money((350_00 * p0 + 1_000_00 * p2) / 100));
    assert_eq!(view.closed, 1, "the won deal is off the board");
}

#[test]
fn a_card_dropped_before_another_stays_there() {
    let mut f = Fixture::new();
    let today = d(2026, 3, 10);
    let a = named(&mut f, 0, "A", 1, "");
    let b = named(&mut f, 0, "B", 1, "");
    f.run(
        Command::MoveDeal {
            deal: b,
            stage: f.stage(0),
            before: Some(a),
        },
        today,
    );
    let view = board(&f.ws, f.pipeline(), &BoardFilter::default(), today);
    assert_eq!(titles(&view, 0), ["B", "A"]);
}

#[test]
fn cards_show_the_next_activity_slipped_dates_and_rotting() {
    let mut f = Fixture::new();
    let today = d(2026, 3, 20);
    // A call due on the 25th, planned today; one due on the 19th, planned on the 1st.
    for (title, due, planned_on) in [("Planned", 25, 20), ("Overdue", 19, 1)] {
        let deal = named(&mut f, 0, title, 1, "");
        let (due, on) = (d(2026, 3, due), d(2026, 3, planned_on));
        f.activity(Subject::Deal(deal), ActivityKind::Call, "Call", due, on);
    }
    let slipped = named(&mut f, 0, "Slipped", 1, "");
    f.edit(slipped, |draft| draft.expected_close = Some(d(2026, 3, 19)));
    let touched = named(&mut f, 0, "Touched", 1, "");
    let draft = DealDraft::from(f.ws.deal(touched).expect("deal"));
    f.run(
        Command::EditDeal {
            deal: touched,
            draft,
        },
        d(2026, 3, 15),
    );
    limit_first_stage(&mut f, 10, today);

    let view = board(&f.ws, f.pipeline(), &BoardFilter::default(), today);
    let card = |title: &str| {
        view.columns[0]
            .cards
            .iter()
            .find(|c| c.title == title)
            .cloned()
            .expect("card")
    };
    assert_eq!(card("Planned").activity, ActivityStatus::Planned);
    assert_eq!(card("Planned").next_due, Some(d(2026, 3, 25)));
    // Planning an activity is not doing one (rule 12): idle since March 1st.
    assert_eq!(card("Planned").rotting_days, Some(19));
    assert_eq!(card("Touched").rotting_days, None);
    assert_eq!(card("Overdue").activity, ActivityStatus::Overdue);
    // Last touched on March 1st: 19 idle days, more than the limit of 10.
    assert_eq!(card("Overdue").rotting_days, Some(19));
    assert!(card("Slipped").slipped);
    assert!(!card("Overdue").slipped);
}

#[test]
fn filters_narrow_the_cards_and_the_totals() {
    let mut f = Fixture::new();
    let today = d(2026, 3, 10);
    let acme = f.organization("Acme", today);
    let a = named(&mut f, 0, "Renewal", 100_00, "Ana Silva");
    f.edit(a, |draft| draft.organization = Some(acme));
    named(&mut f, 0, "Pilot", 200_00, "Ben Carter");
    let late = named(&mut f, 1, "Expansion", 300_00, "Ana Silva");
    f.edit(late, |draft| draft.expected_close = Some(d(2026, 3, 1)));

    let shown = |filter: BoardFilter| board(&f.ws, f.pipeline(), &filter, today);
    let by_owner = shown(BoardFilter {
        owner: Some("Ana Silva".into()),
        ..BoardFilter::default()
    });
    assert_eq!(titles(&by_owner, 0), ["Renewal"]);
    assert_eq!((by_owner.count, by_owner.value), (2, Money(400_00)));

    // Text matches title, organization or owner, in any case.
    let by_org = shown(BoardFilter {
        text: " acme ".into(),
        ..BoardFilter::default()
    });
    assert_eq!(titles(&by_org, 0), ["Renewal"]);
    let by_owner_text = shown(BoardFilter {
        text: "carter".into(),
        ..BoardFilter::default()
    });
    assert_eq!(titles(&by_owner_text, 0), ["Pilot"]);

    let slipped = shown(BoardFilter {
        only_slipped: true,
        ..BoardFilter::default()
    });
    assert_eq!(slipped.count, 1);
    assert_eq!(titles(&slipped, 1), ["Expansion"]);

    // No stage has a rotting limit: nothing is rotting.
    let rotting = shown(BoardFilter {
        only_rotting: true,
        ..BoardFilter::default()
    });
    assert_eq!(rotting.count, 0);
}

#[test]
fn an_unknown_pipeline_shows_an_empty_board() {
    let f = Fixture::new();
    let view = board(
        &f.ws,
        PipelineId(9_999),
        &BoardFilter::default(),
        d(2026, 1, 1),
    );
    assert!(view.columns.is_empty());
    assert_eq!(view.count, 0);
}

#[test]
fn rotting_follows_the_notes_and_activities_that_exist_now() {
    let mut f = Fixture::new();
    let today = d(2026, 3, 20);
    let deal = named(&mut f, 0, "Quiet", 1, "");
    limit_first_stage(&mut f, 10, today);
    let rotting = |f: &Fixture| {
        board(&f.ws, f.pipeline(), &BoardFilter::default(), today).columns[0].cards[0].rotting_days
    };
    assert_eq!(
        rotting(&f),
        Some(19),
        "idle since it entered the stage on March 1st"
    );
    let Applied::Note(note) = f.run(
        Command::AddNote {
            about: Subject::Deal(deal),
            text: "Called, no answer".into(),
        },
        d(2026, 3, 15),
    ) else {
        panic!("a note");
    };
    assert_eq!(rotting(&f), None, "a note five days ago is recent activity");
    f.run(Command::DeleteNote { note }, today);
    assert_eq!(
        rotting(&f),
        Some(19),
        "a deleted note no longer keeps the deal fresh"
    );
}

#[test]
fn the_board_filters_button_counts_the_filters_that_narrow_the_board() {
    let mut filter = BoardFilter {
        text: "acme".into(),
        ..BoardFilter::default()
    };
    // The search stays in view beside the button: it is not counted.
    assert_eq!(filter.narrowing_filters(), 0);
    filter.owner = Some("Ben".into());
    filter.only_slipped = true;
    assert_eq!(filter.narrowing_filters(), 2);
    filter.only_rotting = true;
    assert_eq!(filter.narrowing_filters(), 3);
}
