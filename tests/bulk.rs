//! Native tests of bulk changes from the deals list: what applies is one change (one
//! undo step); each deal left as it is says why.
#![cfg(not(target_arch = "wasm32"))]

use chrono::NaiveDate;
use pipewright::domain::commands::{plan_bulk, Applied, BulkDealChange, DealDraft};
use pipewright::domain::*;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).expect("valid date")
}

fn workspace_with(titles: &[&str]) -> (Workspace, Vec<DealId>) {
    let mut ws = Workspace::new();
    let stage = ws.pipelines[0].stages[0].id;
    let ids = titles
        .iter()
        .map(|title| {
            let mut draft = DealDraft::new(*title, Money(1_000), stage);
            draft.owner = "Ana Silva".into();
            match ws.apply(&Command::CreateDeal(draft), day()) {
                Ok(Applied::Deal(id)) => id,
                other => panic!("expected a deal, got {other:?}"),
            }
        })
        .collect();
    (ws, ids)
}

#[test]
fn a_bulk_move_skips_closed_deals_and_says_why() {
    let (mut ws, ids) = workspace_with(&["A", "B", "C"]);
    ws.apply(&Command::WinDeal { deal: ids[1] }, day())
        .expect("won");
    let demo = ws.pipelines[0].stages[2].id;
    let plan = plan_bulk(&ws, &ids, &BulkDealChange::Stage(demo), day());
    assert_eq!(plan.changed, 2);
    assert_eq!(plan.skipped.len(), 1);
    assert_eq!(
        plan.skipped_summary().as_deref(),
        Some("1 left as it is: this deal is won; reopen it first (1)")
    );
    let before = ws.clone();
    ws.apply(&plan.command.expect("a command"), day())
        .expect("applied");
    assert_eq!(ws.deal(ids[0]).expect("A").stage, demo);
    assert_eq!(ws.deal(ids[2]).expect("C").stage, demo);
    assert_eq!(
        ws.deal(ids[1]).expect("B").stage,
        before.deal(ids[1]).expect("B").stage
    );
    // Moving them there again changes nothing, and says so.
    let again = plan_bulk(&ws, &[ids[0], ids[2]], &BulkDealChange::Stage(demo), day());
    assert_eq!((again.changed, &again.command), (0, &None));
    assert_eq!(
        again.skipped_summary().as_deref(),
        Some("2 left as they are: already in that stage (2)")
    );
}

#[test]
fn owner_lost_reopen_and_delete_apply_to_each_deal_as_one_change() {
    let (mut ws, ids) = workspace_with(&["A", "B"]);
    let owner = BulkDealChange::Owner("Bo Berg".into());
    assert_eq!(owner.describe(&ws, 2), "Give 2 deals to Bo Berg");
    let plan = plan_bulk(&ws, &ids, &owner, day());
    ws.apply(&plan.command.expect("command"), day())
        .expect("owners");
    assert!(ids
        .iter()
        .all(|id| ws.deal(*id).expect("deal").owner == "Bo Berg"));

    let no_reason = plan_bulk(
        &ws,
        &ids,
        &BulkDealChange::Lost { reason: " ".into() },
        day(),
    );
    assert_eq!(no_reason.changed, 0);
    assert_eq!(
        no_reason.skipped_summary().as_deref(),
        Some("2 left as they are: a lost deal needs a reason (2)")
    );
    let lost = BulkDealChange::Lost {
        reason: "Price".into(),
    };
    ws.apply(
        &plan_bulk(&ws, &ids, &lost, day()).command.expect("lost"),
        day(),
    )
    .expect("lost");
    assert!(ids.iter().all(|id| {
        let d = ws.deal(*id).expect("deal");
        d.status == DealStatus::Lost && d.lost_reason.as_deref() == Some("Price")
    }));
    ws.apply(
        &plan_bulk(&ws, &ids, &BulkDealChange::Reopen, day())
            .command
            .expect("reopen"),
        day(),
    )
    .expect("reopened");
    assert!(ids
        .iter()
        .all(|id| ws.deal(*id).expect("deal").status == DealStatus::Open));

    let delete = BulkDealChange::Delete;
    assert_eq!(delete.describe(&ws, 1), "Delete 1 deal");
    let gone = DealId(987_654);
    let plan = plan_bulk(&ws, &[ids[0], gone, ids[1]], &delete, day());
    assert_eq!(plan.changed, 2);
    assert_eq!(
        plan.skipped,
        vec![(gone, DomainError::NotFound("deal").to_string())]
    );
    ws.apply(&plan.command.expect("delete"), day())
        .expect("deleted");
    assert!(ws.deals.is_empty());
}

#[test]
fn a_bulk_change_is_all_or_nothing_when_replayed_onto_a_changed_workspace() {
    let (mut ws, ids) = workspace_with(&["A", "B"]);
    let plan = plan_bulk(&ws, &ids, &BulkDealChange::Won, day());
    // Another tab deleted B meanwhile: the whole change is refused, nothing half-done.
    ws.apply(&Command::DeleteDeal { deal: ids[1] }, day())
        .expect("deleted");
    assert!(ws.apply(&plan.command.expect("won"), day()).is_err());
    assert_eq!(ws.deal(ids[0]).expect("A").status, DealStatus::Open);
}

#[test]
fn leads_change_owner_and_status_together_and_converted_ones_are_left_with_why() {
    use pipewright::domain::commands::{plan_lead_bulk, BulkLeadChange, LeadDraft};
    use pipewright::domain::csv::export_leads;
    let mut ws = Workspace::new();
    let ids: Vec<LeadId> = ["Ann", "Ben", "Cat"]
        .iter()
        .map(
            |name| match ws.apply(&Command::CreateLead(LeadDraft::new(*name)), day()) {
                Ok(Applied::Lead(id)) => id,
                other => panic!("expected a lead, got {other:?}"),
            },
        )
        .collect();
    let stage = ws.pipelines[0].stages[0].id;
    ws.apply(
        &Command::ConvertLead {
            lead: ids[2],
            title: "Cat deal".into(),
            value: Money(100),
            stage,
        },
        day(),
    )
    .expect("converted");
    let nurture = BulkLeadChange::Status {
        status: LeadStatus::Nurturing,
        reason: String::new(),
    };
    assert_eq!(nurture.describe(3), "Mark 3 leads Nurturing");
    let plan = plan_lead_bulk(&ws, &ids, &nurture, day());
    assert_eq!(plan.changed, 2);
    assert_eq!(
        plan.skipped_summary().as_deref(),
        Some("1 left as it is: the lead is already converted (1)")
    );
    ws.apply(&plan.command.expect("status"), day())
        .expect("applied");
    assert_eq!(ws.lead(ids[0]).expect("Ann").status, LeadStatus::Nurturing);

    let without_reason = BulkLeadChange::Status {
        status: LeadStatus::Disqualified,
        reason: " ".into(),
    };
    let plan = plan_lead_bulk(&ws, &ids[..2], &without_reason, day());
    assert_eq!(plan.changed, 0);
    assert_eq!(
        plan.skipped_summary().as_deref(),
        Some("2 left as they are: disqualification reason must not be empty (2)")
    );

    let owner = BulkLeadChange::Owner("Bo Berg".into());
    ws.apply(
        &plan_lead_bulk(&ws, &ids, &owner, day())
            .command
            .expect("owner"),
        day(),
    )
    .expect("owners");
    assert!(ids
        .iter()
        .all(|id| ws.lead(*id).expect("lead").owner == "Bo Berg"));

    let csv = export_leads(&ws, &[ids[1], ids[0]]);
    let names: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        ["Ben", "Ann"],
        "only the chosen, in the list's order"
    );

    ws.apply(
        &plan_lead_bulk(&ws, &ids[..2], &BulkLeadChange::Delete, day())
            .command
            .expect("delete"),
        day(),
    )
    .expect("deleted");
    assert_eq!(ws.leads.len(), 1);
}

#[test]
fn a_bulk_move_ranks_every_deal_as_moving_them_one_by_one_does() {
    let (mut ws, ids) = workspace_with(&["A", "B", "C", "D", "E", "F"]);
    let target = ws.pipelines[0].stages[2].id;
    // Two deals already in the target column: the moved ones go below them.
    for id in &ids[4..] {
        let command = Command::MoveDeal {
            deal: *id,
            stage: target,
            before: None,
        };
        ws.apply(&command, day()).expect("moved");
    }
    let mut one_by_one = ws.clone();
    for id in &ids[..4] {
        let command = Command::MoveDeal {
            deal: *id,
            stage: target,
            before: None,
        };
        one_by_one.apply(&command, day()).expect("moved");
    }
    let plan = plan_bulk(&ws, &ids[..4], &BulkDealChange::Stage(target), day());
    ws.apply(&plan.command.expect("a command"), day())
        .expect("applied");
    assert_eq!(ws.deals, one_by_one.deals);
    assert_eq!(ws.log, one_by_one.log);
    let column: Vec<&str> = ws
        .stage_deals(target)
        .iter()
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(column, ["E", "F", "A", "B", "C", "D"]);
}
