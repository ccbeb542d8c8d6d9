//! Importing the same file again: a row whose source ID names a deal an earlier import
//! made updates that deal; a row that would change nothing is left out.

use super::import::PlannedRow;
use super::stage_values::{Made, StageRef};
use crate::domain::{DealId, DealStatus, Workspace};
use std::collections::HashMap;

/// The deals earlier imports made, by their source ID.
pub fn by_source_id(ws: &Workspace) -> HashMap<String, DealId> {
    ws.deals
        .values()
        .filter_map(|d| d.source_id.clone().map(|s| (s, d.id)))
        .collect()
}

/// Whether a planned row says of deal `id` exactly what the workspace already holds
/// (names of organizations and people compared ignoring case; a date the file leaves
/// empty says nothing).
pub fn unchanged(ws: &Workspace, id: DealId, row: &PlannedRow) -> bool {
    let (
        Ok(deal),
        PlannedRow::Deal {
            title,
            value,
            stage,
            status,
            probability_override,
            person,
            expected_close,
            closed_on,
            organization,
            owner,
            source,
            lost_reason,
            ..
        },
    ) = (ws.deal(id), row)
    else {
        return false;
    };
    let same_name = |held: Option<&str>, file: &str| held.unwrap_or("").eq_ignore_ascii_case(file);
    let same_stage = match stage {
        StageRef::Created(_) => false,
        stage => Made::default().stage(ws, stage).ok() == Some(deal.stage),
    };
    let person_name = deal
        .person
        .and_then(|p| ws.people.get(&p))
        .map(|p| p.name.as_str());
    deal.title == *title
        && deal.value == *value
        && same_stage
        && deal.status == *status
        && deal.probability_override == *probability_override
        && deal.expected_close == *expected_close
        && closed_on.is_none_or(|c| deal.closed_on == Some(c))
        && same_name(ws.organization_name(deal.organization), organization)
        && same_name(person_name, person)
        && deal.owner == *owner
        && deal.source == *source
        && (*status != DealStatus::Lost
            || deal.lost_reason.as_deref() == Some(lost_reason.as_str()))
}
