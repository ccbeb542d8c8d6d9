//! Applies a planned import row to the workspace: the deal, lead or organization with
//! its history as the file tells it (created, won or lost on their dates).

use super::import::PlannedRow;
use super::stage_values::Made;
use crate::domain::commands::{Applied, DealDraft, LeadDraft};
use crate::domain::{
    Command, DealId, DealStatus, DomainError, LeadStatus, Money, OrganizationId, PersonId,
    Workspace,
};
use chrono::NaiveDate;

/// The organization of that name, created when new; none for a blank name.
fn organization(ws: &mut Workspace, name: &str) -> Result<Option<OrganizationId>, DomainError> {
    match name.trim() {
        "" => Ok(None),
        name => ws.organization_named(name).map(Some),
    }
}

/// The contact person of that name at the organization, created there when new; none
/// for a blank name.
fn person(
    ws: &mut Workspace,
    name: &str,
    organization: Option<OrganizationId>,
) -> Result<Option<PersonId>, DomainError> {
    match name.trim() {
        "" => Ok(None),
        name => ws.person_named(name, organization).map(Some),
    }
}

/// Wins or loses a deal on `day` as the file says (an open one stays open).
fn close(
    ws: &mut Workspace,
    id: DealId,
    status: DealStatus,
    reason: &str,
    day: NaiveDate,
) -> Result<(), DomainError> {
    let command = match status {
        DealStatus::Won => Command::WinDeal { deal: id },
        DealStatus::Lost => Command::LoseDeal {
            deal: id,
            reason: reason.to_string(),
            note: String::new(),
        },
        DealStatus::Open => return Ok(()),
    };
    ws.apply(&command, day).map(|_| ())
}

/// A deal an earlier import made, brought in line with the file: its fields edited and
/// a stage move logged today (the day the change became known), reopened first when
/// the file moves it or closes it otherwise, then won or lost on the file's day, or
/// today when something was logged today (a log never closes a deal before its last
/// entry).
fn update_deal(
    ws: &mut Workspace,
    id: DealId,
    draft: DealDraft,
    (status, reason, closed): (DealStatus, &str, NaiveDate),
    today: NaiveDate,
) -> Result<(), DomainError> {
    let current = ws.deal(id)?.clone();
    let closed_otherwise = current.status != status
        || current.stage != draft.stage
        || (status == DealStatus::Lost && current.lost_reason.as_deref() != Some(reason));
    let reopened = current.status != DealStatus::Open && closed_otherwise;
    if reopened {
        ws.apply(&Command::ReopenDeal { deal: id }, today)?;
    }
    let logged_today =
        reopened || current.stage != draft.stage || current.expected_close != draft.expected_close;
    ws.apply(&Command::EditDeal { deal: id, draft }, today)?;
    if ws.deal(id)?.status == DealStatus::Open && status != DealStatus::Open {
        let day = match logged_today {
            true => today,
            // Only for a deal the file closes: finding its last stage entry reads the log.
            false => closed.max(ws.stage_entered_on(id).unwrap_or(closed)),
        };
        close(ws, id, status, reason, day)?;
    }
    Ok(())
}

/// Applies one planned row (imports run in chunks so the page stays responsive);
/// `made`: the pipelines and stages the import created first.
pub fn apply_row(
    ws: &mut Workspace,
    row: &PlannedRow,
    made: &Made,
    today: NaiveDate,
) -> Result<(), DomainError> {
    match row {
        PlannedRow::Deal {
            title,
            value,
            stage,
            status,
            probability_override,
            stage_changed_on,
            person: contact,
            source_id,
            updates,
            created_on,
            expected_close,
            closed_on,
            organization: org,
            owner,
            source,
            lost_reason,
        } => {
            let organization = organization(ws, org)?;
            let person = person(ws, contact, organization)?;
            let stage = made.stage(ws, stage)?;
            let pipeline = ws.stage(stage)?.0;
            let entry = pipeline.stages[0].id;
            let draft = DealDraft {
                title: title.clone(),
                value: *value,
                stage,
                probability_override: *probability_override,
                // Set below: the file does not say since when the date stood, and a
                // logged change on the created day would claim it did (rule 19).
                expected_close: None,
                organization,
                person,
                owner: owner.clone(),
                source: source.clone(),
            };
            if let Some(id) = updates {
                let draft = DealDraft {
                    expected_close: *expected_close,
                    ..draft
                };
                let closed = closed_on.unwrap_or(today).min(today);
                return update_deal(ws, *id, draft, (*status, lost_reason, closed), today);
            }
            let closed = closed_on.or(*expected_close).unwrap_or(today).min(today);
            // The file's created date; else today, or for a closed deal its close (a deal
            // is created no later than it closes).
            let created = match (created_on, status) {
                (Some(day), DealStatus::Open) => (*day).min(today),
                (Some(day), _) => (*day).min(closed),
                (None, DealStatus::Open) => today,
                (None, _) => closed,
            };
            // With the day it entered its stage known, the deal entered its pipeline on
            // the created date and moved there that day.
            let moved_on = stage_changed_on.filter(|day| *day > created && stage != entry);
            let draft = match moved_on {
                Some(_) => DealDraft {
                    stage: entry,
                    ..draft
                },
                None => draft,
            };
            let Applied::Deal(id) = ws.apply(&Command::CreateDeal(draft), created)? else {
                return Ok(());
            };
            if let Some(day) = moved_on {
                let to = Command::MoveDeal {
                    deal: id,
                    stage,
                    before: None,
                };
                ws.apply(&to, day)?;
            }
            if let Some(deal) = ws.deals.get_mut(&id) {
                deal.expected_close = *expected_close;
                deal.source_id = (!source_id.is_empty()).then(|| source_id.clone());
            }
            close(ws, id, *status, lost_reason, closed)
        }
        PlannedRow::Lead {
            name,
            organization: org,
            email,
            phone,
            source,
            status,
            score,
            next_follow_up,
            owner,
            created_on,
        } => {
            let organization = organization(ws, org)?;
            let draft = LeadDraft {
                name: name.clone(),
                organization,
                person: None,
                email: email.clone(),
                phone: phone.clone(),
                source: source.clone(),
                score: *score,
                next_follow_up: *next_follow_up,
                owner: owner.clone(),
                expected_value: Money(0),
            };
            let created = created_on.map_or(today, |day| day.min(today));
            let Applied::Lead(id) = ws.apply(&Command::CreateLead(draft), created)? else {
                return Ok(());
            };
            if *status != LeadStatus::New {
                let reason = (*status == LeadStatus::Disqualified)
                    .then(|| "Imported as disqualified".to_string());
                ws.apply(
                    &Command::SetLeadStatus {
                        lead: id,
                        status: *status,
                        reason,
                    },
                    today,
                )?;
            }
            Ok(())
        }
        PlannedRow::Organization { name, churned_on } => {
            let id = organization(ws, name)?;
            if let (Some(id), Some(_)) = (id, churned_on) {
                ws.apply(
                    &Command::SetChurn {
                        organization: id,
                        churned_on: *churned_on,
                    },
                    today,
                )?;
            }
            Ok(())
        }
    }
}
