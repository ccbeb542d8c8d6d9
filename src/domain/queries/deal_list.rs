//! The deals table: every deal (open, won, lost) filtered, searched and sorted.

use crate::domain::model::money::Money;
use crate::domain::model::workspace::Workspace;
use crate::domain::model::*;
use crate::domain::queries::board::{recorded_activity, rotting_days};
use crate::domain::queries::column_sort::{list_order, sort_rows, ColumnSort};
use crate::domain::support::sorting;
use chrono::{Datelike, NaiveDate};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Title,
    Value,
    Stage,
    Status,
    Owner,
    ExpectedClose,
    Created,
}

impl SortKey {
    pub const ALL: [(SortKey, &'static str); 7] = [
        (SortKey::Title, "Title"),
        (SortKey::Value, "Value"),
        (SortKey::Stage, "Stage"),
        (SortKey::Status, "Status"),
        (SortKey::Owner, "Owner"),
        (SortKey::ExpectedClose, "Expected close"),
        (SortKey::Created, "Created"),
    ];
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DealQuery {
    pub text: String,
    pub status: Option<DealStatus>,
    pub pipeline: Option<PipelineId>,
    pub stage: Option<StageId>,
    pub owner: Option<String>,
    /// (year, month) of the expected close date.
    pub close_month: Option<(i32, u32)>,
    pub only_rotting: bool,
    pub only_slipped: bool,
    pub sort: SortKey,
    pub descending: bool,
    /// Only these deals (the ones a dashboard line named), whatever else is chosen.
    pub only_ids: Option<std::collections::BTreeSet<DealId>>,
}

impl DealQuery {
    /// How many of the filters beside the search narrow the list (a phone shows them
    /// folded away, with this count on their button).
    pub fn narrowing_filters(&self) -> usize {
        [
            self.status.is_some(),
            self.pipeline.is_some(),
            self.stage.is_some(),
            self.owner.is_some(),
            self.close_month.is_some(),
            self.only_rotting,
            self.only_slipped,
        ]
        .into_iter()
        .filter(|narrows| *narrows)
        .count()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DealRow {
    pub id: DealId,
    pub title: String,
    pub organization: String,
    pub value: Money,
    pub pipeline: String,
    pub stage: String,
    /// Position of the stage in its pipeline, for sorting by stage.
    pub stage_index: usize,
    pub status: DealStatus,
    pub owner: String,
    pub expected_close: Option<NaiveDate>,
    pub created_on: NaiveDate,
    pub rotting_days: Option<i64>,
    pub slipped: bool,
}

pub fn deal_rows(ws: &Workspace, query: &DealQuery, today: NaiveDate) -> Vec<DealRow> {
    let recorded = recorded_activity(ws);
    let text = query.text.trim().to_lowercase();
    let rows: Vec<DealRow> = ws
        .deals
        .values()
        .filter(|d| {
            query
                .only_ids
                .as_ref()
                .is_none_or(|ids| ids.contains(&d.id))
        })
        .filter(|d| query.status.is_none_or(|s| d.status == s))
        .filter(|d| query.pipeline.is_none_or(|p| d.pipeline == p))
        .filter(|d| query.stage.is_none_or(|s| d.stage == s))
        .filter(|d| query.owner.as_ref().is_none_or(|o| &d.owner == o))
        .filter(|d| {
            query.close_month.is_none_or(|(y, m)| {
                d.expected_close
                    .is_some_and(|c| c.year() == y && c.month() == m)
            })
        })
        .filter_map(|d| {
            let (pipeline, stage) = ws.stage(d.stage).ok()?;
            let open = d.status == DealStatus::Open;
            Some(DealRow {
                id: d.id,
                title: d.title.clone(),
                organization: ws
                    .organization_name(d.organization)
                    .unwrap_or("")
                    .to_string(),
                value: d.value,
                pipeline: pipeline.name.clone(),
                stage: stage.name.clone(),
                stage_index: pipeline.stage_index(stage.id).unwrap_or(0),
                status: d.status,
                owner: d.owner.clone(),
                expected_close: d.expected_close,
                created_on: d.created_on,
                rotting_days: if open {
                    rotting_days(d, stage, recorded.get(&d.id).copied(), today)
                } else {
                    None
                },
                slipped: open && d.expected_close.is_some_and(|c| c < today),
            })
        })
        .filter(|r| !query.only_rotting || r.rotting_days.is_some())
        .filter(|r| !query.only_slipped || r.slipped)
        .filter(|r| {
            text.is_empty()
                || r.title.to_lowercase().contains(&text)
                || r.organization.to_lowercase().contains(&text)
                || r.owner.to_lowercase().contains(&text)
        })
        .collect();
    let folded = |r: &DealRow| match query.sort {
        SortKey::Title => r.title.to_lowercase(),
        SortKey::Owner => r.owner.to_lowercase(),
        _ => String::new(),
    };
    sort_rows(rows, folded, |(ka, a), (kb, b)| {
        let by_column = match query.sort {
            SortKey::Title | SortKey::Owner => ka.cmp(kb),
            SortKey::Value => a.value.cmp(&b.value),
            SortKey::Stage => {
                (a.pipeline.as_str(), a.stage_index).cmp(&(b.pipeline.as_str(), b.stage_index))
            }
            SortKey::Status => a.status.label().cmp(b.status.label()),
            SortKey::ExpectedClose => a.expected_close.cmp(&b.expected_close),
            SortKey::Created => a.created_on.cmp(&b.created_on),
        };
        // Deals without a date sort last either way.
        let missing = match query.sort {
            SortKey::ExpectedClose => (a.expected_close.is_none(), b.expected_close.is_none()),
            _ => (false, false),
        };
        list_order(by_column, missing, query.descending, (a.id, b.id))
    })
}

impl ColumnSort for DealQuery {
    type Column = SortKey;

    fn sorted_by(&self) -> (SortKey, bool) {
        (self.sort, self.descending)
    }

    fn sorted_by_mut(&mut self) -> (&mut SortKey, &mut bool) {
        (&mut self.sort, &mut self.descending)
    }
}

/// Distinct owners, for the filter menus.
pub fn owners(ws: &Workspace) -> Vec<String> {
    sorting::distinct(ws.deals.values().map(|d| &d.owner))
}
