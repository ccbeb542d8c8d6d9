//! Turns a mapped CSV table into checked rows (the preview), then applies them.
//! Nothing changes until `apply` runs, and every bad row is named with its line.

use super::date_layout::{detect, DateLayout, Detected};
use super::formula::restore;
use super::mapping::{Entity, Field};
use super::parse::CsvTable;
use crate::domain::commands::validate::{optional_text, text, MAX_TEXT};
use crate::domain::forms;
use crate::domain::model::money::NumberStyle;
use crate::domain::model::money_format::MoneyFormat;
use crate::domain::{DealStatus, LeadStatus, Money, StageId, Workspace};
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
        stage: StageId,
        status: DealStatus,
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
    /// What keeps the whole file from importing until the user settles it (no title
    /// column, a date column that reads two ways); no rows are planned then.
    pub blocked: Option<String>,
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

/// The stage of a deal whose stage column says only how it ended: a won deal went
/// through every stage (the first pipeline's last); where a lost one stopped is not
/// known (its first).
fn outcome_stage(ws: &Workspace, outcome: DealStatus) -> StageId {
    let stages = &ws.first_pipeline().stages;
    match (outcome, stages.last()) {
        (DealStatus::Won, Some(last)) => last.id,
        _ => ws.first_stage(),
    }
}

/// A created date from the file: not after today.
fn created(
    date: Result<Option<NaiveDate>, String>,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, String> {
    match date.map_err(|e| format!("created date: {e}"))? {
        Some(day) if day > today => Err(format!("the created date {day} is after today")),
        day => Ok(day),
    }
}

/// How the value column writes amounts: a value with both a "." and a "," shows the
/// file's convention (the later mark is the decimal one: "12.500,00", "12,500.00"), and
/// it then holds for the whole column; without such a value, or with both conventions
/// in one column, the workspace's number format decides.
fn value_format(ws: &Workspace, table: &CsvTable, column: Option<usize>) -> MoneyFormat {
    let workspace = MoneyFormat::for_settings(&ws.settings);
    let Some(column) = column else {
        return workspace;
    };
    let mut seen = None;
    for (_, cells) in &table.rows {
        let Some(cell) = cells.get(column) else {
            continue;
        };
        let (Some(dot), Some(comma)) = (cell.rfind('.'), cell.rfind(',')) else {
            continue;
        };
        let decimal = if dot > comma { '.' } else { ',' };
        match seen {
            None => seen = Some(decimal),
            Some(d) if d != decimal => return workspace,
            Some(_) => {}
        }
    }
    match seen {
        Some(',') => workspace.with_style(NumberStyle {
            group: '.',
            decimal: ',',
        }),
        Some(_) => workspace.with_style(NumberStyle {
            group: ',',
            decimal: '.',
        }),
        None => workspace,
    }
}

/// An amount in the column's number format (`value_format`): a text that could mean
/// another magnitude is refused, never guessed.
fn parse_value(text: &str, format: &MoneyFormat) -> Result<Money, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Money(0));
    }
    let value = format.parse(t)?;
    if value.0 < 0 {
        Err(format!("“{t}” is negative"))
    } else if value.0 > Money::MAX_AMOUNT {
        Err(format!(
            "“{t}” is larger than the largest amount a deal can have"
        ))
    } else {
        Ok(value)
    }
}

fn deal_status(text: &str) -> Result<DealStatus, String> {
    match text
        .trim()
        .to_lowercase()
        .replace([' ', '_', '-'], "")
        .as_str()
    {
        "" | "open" => Ok(DealStatus::Open),
        "won" | "closedwon" => Ok(DealStatus::Won),
        "lost" | "closedlost" => Ok(DealStatus::Lost),
        other => Err(format!(
            "“{other}” is not a deal status (open, won or lost)"
        )),
    }
}

fn lead_status(text: &str) -> Result<LeadStatus, String> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Ok(LeadStatus::New);
    }
    LeadStatus::ALL
        .into_iter()
        .find(|s| s.label().to_lowercase() == t)
        .or(match t.as_str() {
            "open" | "new lead" => Some(LeadStatus::New),
            "attempted to contact" | "connected" | "in progress" => Some(LeadStatus::Contacted),
            "open deal" | "sales qualified lead" => Some(LeadStatus::Qualified),
            "unqualified" | "bad timing" => Some(LeadStatus::Disqualified),
            _ => None,
        })
        .ok_or_else(|| format!("“{}” is not a lead status", text.trim()))
}

pub fn plan_import(
    ws: &Workspace,
    entity: Entity,
    table: &CsvTable,
    mapping: &[Option<Field>],
    chosen_layouts: &HashMap<usize, DateLayout>,
    today: NaiveDate,
) -> ImportPlan {
    let currency = ws.settings.currency;
    let mut plan = ImportPlan::default();
    let layouts = match date_layouts(table, mapping, chosen_layouts) {
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
    let money_format = value_format(ws, table, columns.get(&Field::Value).copied());
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
        let get = |f: Field| -> String {
            columns
                .get(&f)
                .map(|&i| restore(cells[i].trim()).to_string())
                .unwrap_or_default()
        };
        let date = |f: Field| -> Result<Option<NaiveDate>, String> {
            let Some(&column) = columns.get(&f) else {
                return Ok(None);
            };
            match layouts.get(&column) {
                Some(layout) => layout.parse(&cells[column]),
                None => Ok(None),
            }
        };
        // The rules the import's commands apply, applied here too, so a row the preview
        // counts as ready is a row the import takes.
        let short = |what: &'static str, text: String| -> Result<String, String> {
            optional_text(what, &text).map_err(|e| e.to_string())
        };
        let row = (|| -> Result<PlannedRow, String> {
            match entity {
                Entity::Deals => {
                    let title = get(Field::Title);
                    if title.is_empty() {
                        return Err("the title is empty".into());
                    }
                    let title = text("title", &title, MAX_TEXT).map_err(|e| e.to_string())?;
                    let code = get(Field::Currency);
                    if !code.is_empty() && !code.eq_ignore_ascii_case(currency.code) {
                        return Err(format!(
                            "the currency {code} differs from the workspace's {}",
                            currency.code
                        ));
                    }
                    let stage_name = get(Field::Stage);
                    let mut status = deal_status(&get(Field::Status))?;
                    // A stage column that holds the outcome ("Won", "closedlost"), as
                    // spreadsheets and HubSpot write it, is the deal's status.
                    let outcome = deal_status(&stage_name)
                        .ok()
                        .filter(|s| *s != DealStatus::Open);
                    let stage = if let Some(outcome) = outcome {
                        if status != DealStatus::Open && status != outcome {
                            return Err(format!(
                                "the stage says {}, the status {}",
                                outcome.label(),
                                status.label()
                            ));
                        }
                        status = outcome;
                        outcome_stage(ws, outcome)
                    } else if stage_name.is_empty() {
                        ws.first_stage()
                    } else {
                        ws.pipelines
                            .iter()
                            .flat_map(|p| p.stages.iter())
                            .find(|s| s.name.eq_ignore_ascii_case(&stage_name))
                            .map(|s| s.id)
                            .ok_or_else(|| format!("there is no stage “{stage_name}”"))?
                    };
                    let lost_reason = get(Field::LostReason);
                    let won_or_lost =
                        date(Field::CloseDate).map_err(|e| format!("won/lost date: {e}"))?;
                    let closed_on = match status {
                        // Pipedrive writes a lost deal's day in a column of its own.
                        DealStatus::Lost => date(Field::LostDate)
                            .map_err(|e| format!("lost date: {e}"))?
                            .or(won_or_lost),
                        _ => won_or_lost,
                    };
                    let created_on = created(date(Field::Created), today)?;
                    if let (Some(created), Some(closed)) = (created_on, closed_on) {
                        if created > closed {
                            return Err(format!(
                                "the created date {created} is after the won/lost date {closed}"
                            ));
                        }
                    }
                    Ok(PlannedRow::Deal {
                        title,
                        value: parse_value(&get(Field::Value), &money_format)
                            .map_err(|e| format!("value: {e}"))?,
                        stage,
                        status,
                        expected_close: date(Field::ExpectedClose)
                            .map_err(|e| format!("expected close: {e}"))?,
                        closed_on,
                        created_on,
                        organization: short("organization", get(Field::Organization))?,
                        owner: short("owner", get(Field::Owner))?,
                        source: short("source", get(Field::Source))?,
                        lost_reason: if status == DealStatus::Lost && lost_reason.is_empty() {
                            "No reason given".into()
                        } else {
                            short("lost reason", lost_reason)?
                        },
                    })
                }
                Entity::Leads => {
                    let name = get(Field::Name);
                    if name.is_empty() {
                        return Err("the name is empty".into());
                    }
                    let name = text("name", &name, MAX_TEXT).map_err(|e| e.to_string())?;
                    let score_text = get(Field::Score);
                    let score = if score_text.is_empty() {
                        0
                    } else {
                        forms::score(&score_text).map_err(|e| format!("score: {e}"))?
                    };
                    let status = lead_status(&get(Field::Status))?;
                    if status == LeadStatus::Converted {
                        return Err("converted leads are imported as their deals".into());
                    }
                    Ok(PlannedRow::Lead {
                        name,
                        organization: short("organization", get(Field::Organization))?,
                        email: short("email", get(Field::Email))?,
                        phone: short("phone", get(Field::Phone))?,
                        source: short("source", get(Field::Source))?,
                        status,
                        score,
                        next_follow_up: date(Field::NextFollowUp)
                            .map_err(|e| format!("next follow-up: {e}"))?,
                        owner: short("owner", get(Field::Owner))?,
                        created_on: created(date(Field::Created), today)?,
                    })
                }
                Entity::Organizations => {
                    let name = get(Field::Name);
                    if name.is_empty() {
                        return Err("the name is empty".into());
                    }
                    Ok(PlannedRow::Organization {
                        name: text("name", &name, MAX_TEXT).map_err(|e| e.to_string())?,
                        churned_on: date(Field::ChurnedOn)
                            .map_err(|e| format!("churned on: {e}"))?,
                    })
                }
            }
        })();
        match row {
            Ok(r) => plan.rows.push((*line, r)),
            Err(reason) => plan.errors.push(RowError {
                line: *line,
                reason,
            }),
        }
    }
    plan
}
