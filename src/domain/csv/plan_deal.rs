//! One row of a deals file checked and read as the deal it imports: its pipeline and
//! stage, status, dates and people.

use super::import::{DealContext, PlannedRow, RowReader};
use super::mapping::Field;
use super::stage_values::{outcome, pipeline_of, planned_stage};
use super::values::{created, deal_status, parse_value};
use crate::domain::commands::validate::{text, MAX_TEXT};
use crate::domain::forms::Percent;
use crate::domain::DealStatus;

/// `line`: the row's line in the file, which a repeated source ID names.
pub fn plan_deal(cx: &mut DealContext, row: &RowReader, line: usize) -> Result<PlannedRow, String> {
    let ws = cx.ws;
    let source_id = row.short("source ID", Field::SourceId)?;
    if !source_id.is_empty() {
        if let Some(first) = cx.seen_source_ids.get(&source_id) {
            return Err(format!(
                "the source ID “{source_id}” is on line {first} too"
            ));
        }
        cx.seen_source_ids.insert(source_id.clone(), line);
    }
    let updates = cx.imported.get(&source_id).copied();
    let title = row.get(Field::Title);
    if title.is_empty() {
        return Err("the title is empty".into());
    }
    let title = text("title", &title, MAX_TEXT).map_err(|e| e.to_string())?;
    let currency = ws.settings.currency;
    let code = row.get(Field::Currency);
    if !code.is_empty() && !code.eq_ignore_ascii_case(currency.code) {
        return Err(format!(
            "the currency {code} differs from the workspace's {}",
            currency.code
        ));
    }
    let stage_value = row.get(Field::Stage);
    let mut status = deal_status(&row.get(Field::Status))?;
    // A stage column that holds the outcome ("Won", "closedlost"), as spreadsheets and
    // HubSpot write it, is the deal's status.
    if let Some(outcome) = outcome(&stage_value) {
        if status != DealStatus::Open && status != outcome {
            return Err(format!(
                "the stage says {}, the status {}",
                outcome.label(),
                status.label()
            ));
        }
        status = outcome;
    }
    let pipeline = pipeline_of(ws, &row.get(Field::Pipeline));
    let stage = planned_stage(
        ws,
        &pipeline,
        row.has(Field::Pipeline),
        &stage_value,
        &cx.stage_choices,
    )?;
    let won_or_lost = row
        .date(Field::CloseDate)
        .map_err(|e| format!("won/lost date: {e}"))?;
    let closed_on = match status {
        // Pipedrive writes a lost deal's day in a column of its own.
        DealStatus::Lost => row
            .date(Field::LostDate)
            .map_err(|e| format!("lost date: {e}"))?
            .or(won_or_lost),
        _ => won_or_lost,
    };
    let created_on = created(row.date(Field::Created), cx.today)?;
    if let (Some(created), Some(closed)) = (created_on, closed_on) {
        if created > closed {
            return Err(format!(
                "the created date {created} is after the won/lost date {closed}"
            ));
        }
    }
    let stage_changed_on = row
        .date(Field::StageChangedOn)
        .map_err(|e| format!("last stage change: {e}"))?;
    if let Some(day) = stage_changed_on {
        if day > cx.today {
            return Err(format!("the last stage change {day} is after today"));
        }
        if let Some(created) = created_on.filter(|c| day < *c) {
            return Err(format!(
                "the last stage change {day} is before the created date {created}"
            ));
        }
        if let Some(closed) = closed_on.filter(|c| day > *c) {
            return Err(format!(
                "the last stage change {day} is after the won/lost date {closed}"
            ));
        }
    }
    let lost_reason = row.get(Field::LostReason);
    Ok(PlannedRow::Deal {
        title,
        value: parse_value(&row.get(Field::Value), &cx.money_format)
            .map_err(|e| format!("value: {e}"))?,
        stage,
        status,
        probability_override: Percent::parse_optional(&row.get(Field::Probability))
            .map_err(|e| format!("probability: {e}"))?
            .map(Percent::get),
        stage_changed_on,
        person: row.short("contact person", Field::Person)?,
        source_id,
        updates,
        expected_close: row
            .date(Field::ExpectedClose)
            .map_err(|e| format!("expected close: {e}"))?,
        closed_on,
        created_on,
        organization: row.short("organization", Field::Organization)?,
        owner: row.short("owner", Field::Owner)?,
        source: row.short("source", Field::Source)?,
        lost_reason: if status == DealStatus::Lost && lost_reason.is_empty() {
            "No reason given".into()
        } else {
            row.short("lost reason", Field::LostReason)?
        },
    })
}
