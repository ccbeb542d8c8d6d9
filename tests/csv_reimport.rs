//! Importing the same file again: rows with a source ID update the deals an earlier
//! import made, unchanged rows are left out, new ones are added.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use pipewright::domain::csv::*;
use pipewright::domain::*;
use support::d;

fn preview(ws: &Workspace, text: &str, today: chrono::NaiveDate) -> ImportPlan {
    support::plan_guessed(ws, Entity::Deals, text, today)
}

fn deal<'a>(ws: &'a Workspace, title: &str) -> &'a Deal {
    let mut found = ws.deals.values().filter(|x| x.title == title);
    let first = found.next().expect("imported");
    assert!(found.next().is_none(), "{title} is there once");
    first
}

const FIRST: &str = "Deal - ID,Deal - Title,Deal - Value,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Won time\n\
                     101,Alpha,1000,Qualified,open,2026-01-05,\n\
                     102,Beta,2000,Demo scheduled,open,2026-01-06,\n\
                     103,Gamma,3000,Proposal made,won,2026-01-07,2026-02-10\n";

#[test]
fn importing_the_same_file_again_updates_the_deals_it_made() {
    let first_day = d(2026, 3, 1);
    let ws = support::run_import(
        &Workspace::new(),
        preview(&Workspace::new(), FIRST, first_day),
        first_day,
    );
    assert_eq!(ws.deals.len(), 3);
    assert_eq!(deal(&ws, "Alpha").source_id.as_deref(), Some("101"));

    // The same file again changes nothing.
    let again = preview(&ws, FIRST, first_day);
    assert_eq!((again.rows.len(), again.unchanged), (0, 3));

    // A later export: Alpha moved on and grew, Beta was lost, Gamma as it was, Delta new;
    // a source ID twice is the second row's error.
    let later = d(2026, 4, 1);
    let text = "Deal - ID,Deal - Title,Deal - Value,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Won time,Deal - Lost time,Deal - Lost reason\n\
                101,Alpha,1500,Proposal made,open,2026-01-05,,,\n\
                102,Beta,2000,Demo scheduled,lost,2026-01-06,,2026-03-20,Price\n\
                103,Gamma,3000,Proposal made,won,2026-01-07,2026-02-10,,\n\
                104,Delta,400,Qualified,open,2026-03-25,,,\n\
                104,Delta again,400,Qualified,open,2026-03-25,,,\n";
    let plan = preview(&ws, text, later);
    assert_eq!(plan.unchanged, 1);
    let updating: Vec<&str> = (plan.rows.iter())
        .filter_map(|(_, r)| match r {
            PlannedRow::Deal {
                title,
                updates: Some(_),
                ..
            } => Some(title.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(updating, vec!["Alpha", "Beta"]);
    assert_eq!(plan.rows.len(), 3);
    assert_eq!(
        support::row_errors(&plan),
        vec![(6, "the source ID “104” is on line 5 too")]
    );

    let after = support::run_import(&ws, plan, later);
    assert_eq!(after.deals.len(), 4);
    let alpha = deal(&after, "Alpha");
    assert_eq!(alpha.value, Money(150_000));
    assert_eq!(
        after.stage(alpha.stage).expect("stage").1.name,
        "Proposal made"
    );
    // The move is logged the day it became known; its creation stays as it was.
    assert_eq!(alpha.created_on, d(2026, 1, 5));
    let history: Vec<(chrono::NaiveDate, DealEvent)> = (after.deal_history(alpha.id).iter())
        .map(|e| (e.on, e.event))
        .collect();
    assert_eq!(
        history,
        vec![
            (
                d(2026, 1, 5),
                DealEvent::EnteredStage(ws.pipelines[0].stages[0].id)
            ),
            (later, DealEvent::EnteredStage(alpha.stage)),
        ]
    );
    // Lost on the file's day, with its reason.
    let beta = deal(&after, "Beta");
    assert_eq!(
        (beta.status, beta.closed_on, beta.lost_reason.as_deref()),
        (DealStatus::Lost, Some(d(2026, 3, 20)), Some("Price"))
    );
    assert_eq!(deal(&after, "Gamma"), deal(&ws, "Gamma"));
    assert_eq!(deal(&after, "Delta").source_id.as_deref(), Some("104"));

    // A deal the file reopens is open again; one won in another stage is reopened,
    // moved and won today.
    let text = "Deal - ID,Deal - Title,Deal - Value,Deal - Stage,Deal - Status\n\
                102,Beta,2000,Demo scheduled,open\n\
                103,Gamma,3000,Negotiations started,won\n";
    let last = d(2026, 4, 15);
    let reopened = support::run_import(&after, preview(&after, text, last), last);
    assert_eq!(deal(&reopened, "Beta").status, DealStatus::Open);
    let gamma = deal(&reopened, "Gamma");
    assert_eq!(
        (gamma.status, gamma.closed_on),
        (DealStatus::Won, Some(last))
    );
    assert_eq!(
        reopened.stage(gamma.stage).expect("stage").1.name,
        "Negotiations started"
    );
}

#[test]
fn an_export_of_imported_deals_reimports_onto_them() {
    let today = d(2026, 3, 1);
    let ws = support::run_import(
        &Workspace::new(),
        preview(&Workspace::new(), FIRST, today),
        today,
    );
    let exported = export_csv(&ws, Entity::Deals);
    let plan = preview(&ws, &exported, today);
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!((plan.rows.len(), plan.unchanged), (0, 3));
}
