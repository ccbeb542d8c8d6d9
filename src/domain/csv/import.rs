//! Turns a mapped CSV table into checked rows (the preview), then applies them.
//! Nothing changes until `apply` runs, and every bad row is named with its line.

use super::date_layout::{detect, DateLayout, Detected};
use super::formula::restore;
use super::mapping::{Entity, Field};
use super::parse::CsvTable;
use super::plan_deal::plan_deal;
use super::stage_values::{
    pipeline_of, unknown_stages, ImportSetup, PipelineRef, StageChoice, StageChoices, StageRef,
    UnknownStage,
};
use super::values::{combined_lead_status, created, lead_status, lifecycle_status, value_format};
use crate::domain::commands::validate::{optional_text, text, MAX_TEXT};
use crate::domain::forms;
use crate::domain::model::money_format::MoneyFormat;
use crate::domain::{DealId, DealStatus, LeadStatus, Money, Workspace};
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: usize,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlannedRow {
    Deal {
        title: String,
        value: Money,
        stage: StageRef,
        status: DealStatus,
        probability_override: Option<u8>,
        /// When it entered `stage`, when the file says and it was not created there.
        stage_changed_on: Option<NaiveDate>,
        person: String,
        /// Its ID in the file's system ("" when the file has none).
        source_id: String,
        /// The deal an earlier import of this source ID made, which the row updates.
        updates: Option<DealId>,
        /// From the file; `None`: the day it is imported (or its close, if closed).
        created_on: Option<NaiveDate>,
        expected_close: Option<NaiveDate>,
        closed_on: Option<NaiveDate>,
        organization: String,
        owner: String,
        source: String,
        lost_reason: String,
    },
    Lead {
        name: String,
        organization: String,
        email: String,
        phone: String,
        source: String,
        status: LeadStatus,
        score: u8,
        next_follow_up: Option<NaiveDate>,
        owner: String,
        created_on: Option<NaiveDate>,
    },
    Organization {
        name: String,
        churned_on: Option<NaiveDate>,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub rows: Vec<(usize, PlannedRow)>,
    pub errors: Vec<RowError>,
    /// The file's stage values the workspace does not have, in creation order, with
    /// what becomes of each.
    pub unknown_stages: Vec<(UnknownStage, StageChoice)>,
    /// The pipelines and stages the import makes before its rows.
    pub setup: ImportSetup,
    /// Rows whose source ID names a deal an earlier import made, which would change
    /// nothing: left out.
    pub unchanged: usize,
    /// What keeps the whole file from importing until the user settles it (no title
    /// column, a date column that reads two ways); no rows are planned then.
    pub blocked: Option<String>,
}

impl ImportPlan {
    /// The ready rows that update a deal an earlier import of the file made.
    pub fn updating(&self) -> usize {
        (self.rows.iter())
            .filter(|(_, r)| {
                matches!(
                    r,
                    PlannedRow::Deal {
                        updates: Some(_),
                        ..
                    }
                )
            })
            .count()
    }
}

/// What the user settled in the preview: each column's field, the date layouts chosen,
/// and what becomes of stage values the workspace does not have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportChoices {
    pub mapping: Vec<Option<Field>>,
    /// By column; the others are detected.
    pub layouts: HashMap<usize, DateLayout>,
    pub stages: StageChoices,
}

impl ImportChoices {
    /// The file's columns as guessed from its headers, nothing else chosen yet.
    pub fn guessed(entity: Entity, headers: &[String]) -> ImportChoices {
        ImportChoices {
            mapping: super::auto_map(entity, headers),
            ..ImportChoices::default()
        }
    }
}

/// The layout of every mapped date column: the user's choice, else what its values
/// show (`detect`). `Err` names a column whose values fit two layouts and that the user
/// has not settled.
pub fn date_layouts(
    table: &CsvTable,
    mapping: &[Option<Field>],
    chosen: &HashMap<usize, DateLayout>,
) -> Result<HashMap<usize, DateLayout>, String> {
    let mut layouts = HashMap::new();
    for (column, _) in (mapping.iter().enumerate()).filter(|(_, f)| f.is_some_and(Field::is_date)) {
        let layout = match chosen.get(&column) {
            Some(layout) => *layout,
            None => match detect_column(table, column) {
                Detected::Layout(layout) => layout,
                Detected::Blank => continue,
                Detected::Ambiguous(_) => {
                    return Err(format!(
                        "the dates of column “{}” read both day first and month first (no day is over 12): choose its date layout",
                        table.headers[column]
                    ))
                }
            },
        };
        layouts.insert(column, layout);
    }
    Ok(layouts)
}

/// What one column's values say about its date layout.
pub fn detect_column(table: &CsvTable, column: usize) -> Detected {
    detect(
        table
            .rows
            .iter()
            .filter_map(|(_, cells)| cells.get(column).map(String::as_str)),
    )
}

/// One row's cells, read by field.
pub struct RowReader<'a> {
    cells: &'a [String],
    columns: &'a HashMap<Field, usize>,
    layouts: &'a HashMap<usize, DateLayout>,
}

impl RowReader<'_> {
    /// The cell of a field, trimmed, a neutralised formula restored; "" when unmapped.
    pub fn get(&self, field: Field) -> String {
        self.columns
            .get(&field)
            .map(|&i| restore(self.cells[i].trim()).to_string())
            .unwrap_or_default()
    }

    /// Whether a column is mapped to the field.
    pub fn has(&self, field: Field) -> bool {
        self.columns.contains_key(&field)
    }

    /// The date of a field in its column's layout; `None` when blank or unmapped.
    pub fn date(&self, field: Field) -> Result<Option<NaiveDate>, String> {
        let Some(&column) = self.columns.get(&field) else {
            return Ok(None);
        };
        match self.layouts.get(&column) {
            Some(layout) => layout.parse(&self.cells[column]),
            None => Ok(None),
        }
    }

    /// The rules the import's commands apply to an optional text, applied here too, so
    /// a row the preview counts as ready is a row the import takes.
    pub fn short(&self, what: &'static str, field: Field) -> Result<String, String> {
        optional_text(what, &self.get(field)).map_err(|e| e.to_string())
    }
}

/// What a deal row needs besides its cells.
pub struct DealContext<'a> {
    pub ws: &'a Workspace,
    pub money_format: MoneyFormat,
    pub stage_choices: HashMap<super::stage_values::StageKey, StageChoice>,
    /// The deals earlier imports made, by source ID.
    pub imported: HashMap<String, DealId>,
    /// The source IDs of the rows planned so far, with their lines.
    pub seen_source_ids: HashMap<String, usize>,
    pub today: NaiveDate,
}

pub fn plan_import(
    ws: &Workspace,
    entity: Entity,
    table: &CsvTable,
    choices: &ImportChoices,
    today: NaiveDate,
) -> ImportPlan {
    let mapping = &choices.mapping;
    let mut plan = ImportPlan::default();
    let layouts = match date_layouts(table, mapping, &choices.layouts) {
        Ok(layouts) => layouts,
        Err(reason) => {
            plan.blocked = Some(reason);
            return plan;
        }
    };
    let required = match entity {
        Entity::Deals => Field::Title,
        _ => Field::Name,
    };
    if !mapping.contains(&Some(required)) {
        plan.blocked = Some(format!("no column is mapped to {}", required.label()));
        return plan;
    }
    // Each field's column, found once (a wide file has thousands of columns).
    let columns: HashMap<Field, usize> = mapping
        .iter()
        .enumerate()
        .rev()
        .filter_map(|(i, m)| m.map(|f| (f, i)))
        .collect();
    let mut deals = (entity == Entity::Deals).then(|| {
        plan.unknown_stages = choices
            .stages
            .resolve(ws, unknown_stages(ws, table, mapping));
        DealContext {
            ws,
            money_format: value_format(ws, table, columns.get(&Field::Value).copied()),
            stage_choices: (plan.unknown_stages.iter())
                .map(|(u, c)| (u.key(), *c))
                .collect(),
            imported: super::reimport::by_source_id(ws),
            seen_source_ids: HashMap::new(),
            today,
        }
    });
    let mut new_pipelines: Vec<String> = Vec::new();
    for (line, cells) in &table.rows {
        if cells.len() != table.headers.len() {
            plan.errors.push(RowError {
                line: *line,
                reason: format!(
                    "has {} fields, the header has {}",
                    cells.len(),
                    table.headers.len()
                ),
            });
            continue;
        }
        let row = RowReader {
            cells,
            columns: &columns,
            layouts: &layouts,
        };
        let planned = match (entity, deals.as_mut()) {
            (Entity::Deals, Some(context)) => plan_deal(context, &row, *line),
            (Entity::Leads, _) => plan_lead(&row, today),
            _ => plan_organization(&row),
        };
        if let Ok(
            r @ PlannedRow::Deal {
                updates: Some(deal),
                ..
            },
        ) = &planned
        {
            if super::reimport::unchanged(ws, *deal, r) {
                plan.unchanged += 1;
                continue;
            }
        }
        match planned {
            Ok(r) => {
                if entity == Entity::Deals {
                    note_new_pipeline(ws, &row.get(Field::Pipeline), &mut new_pipelines);
                }
                plan.rows.push((*line, r));
            }
            Err(reason) => plan.errors.push(RowError {
                line: *line,
                reason,
            }),
        }
    }
    if deals.is_some() {
        match ImportSetup::of(ws, &plan.unknown_stages, new_pipelines) {
            Ok(setup) => plan.setup = setup,
            Err(reason) => {
                plan.rows.clear();
                plan.blocked = Some(reason);
            }
        }
    }
    plan
}

/// A pipeline a row goes to that the import creates, once (as the file first spells
/// it), in the file's order.
fn note_new_pipeline(ws: &Workspace, cell: &str, new: &mut Vec<String>) {
    let pipeline = pipeline_of(ws, cell);
    if let PipelineRef::New(name) = &pipeline {
        if !new.iter().any(|n| PipelineRef::New(n.clone()) == pipeline) {
            new.push(name.clone());
        }
    }
}

fn plan_lead(row: &RowReader, today: NaiveDate) -> Result<PlannedRow, String> {
    let name = row.get(Field::Name);
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    let name = text("name", &name, MAX_TEXT).map_err(|e| e.to_string())?;
    let score_text = row.get(Field::Score);
    let score = if score_text.is_empty() {
        0
    } else {
        forms::score(&score_text).map_err(|e| format!("score: {e}"))?
    };
    let status = combined_lead_status(
        lead_status(&row.get(Field::Status))?,
        lifecycle_status(&row.get(Field::Lifecycle))?,
    );
    if status == LeadStatus::Converted {
        return Err("converted leads are imported as their deals".into());
    }
    Ok(PlannedRow::Lead {
        name,
        organization: row.short("organization", Field::Organization)?,
        email: row.short("email", Field::Email)?,
        phone: row.short("phone", Field::Phone)?,
        source: row.short("source", Field::Source)?,
        status,
        score,
        next_follow_up: row
            .date(Field::NextFollowUp)
            .map_err(|e| format!("next follow-up: {e}"))?,
        owner: row.short("owner", Field::Owner)?,
        created_on: created(row.date(Field::Created), today)?,
    })
}

fn plan_organization(row: &RowReader) -> Result<PlannedRow, String> {
    let name = row.get(Field::Name);
    if name.is_empty() {
        return Err("the name is empty".into());
    }
    Ok(PlannedRow::Organization {
        name: text("name", &name, MAX_TEXT).map_err(|e| e.to_string())?,
        churned_on: row
            .date(Field::ChurnedOn)
            .map_err(|e| format!("churned on: {e}"))?,
    })
}
