//! Reading one cell of an import as a value: amounts in the file's number format,
//! statuses as CRMs spell them, dates that cannot be in the future.

use super::parse::CsvTable;
use crate::domain::model::money::NumberStyle;
use crate::domain::model::money_format::MoneyFormat;
use crate::domain::{DealStatus, LeadStatus, Money, Workspace};
use chrono::NaiveDate;

/// A created date from the file: not after today.
pub fn created(
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
pub fn value_format(ws: &Workspace, table: &CsvTable, column: Option<usize>) -> MoneyFormat {
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
pub fn parse_value(text: &str, format: &MoneyFormat) -> Result<Money, String> {
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

pub fn deal_status(text: &str) -> Result<DealStatus, String> {
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

pub fn lead_status(text: &str) -> Result<LeadStatus, String> {
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
            // HubSpot's "not now": kept warm, not dropped.
            "bad timing" => Some(LeadStatus::Nurturing),
            "unqualified" => Some(LeadStatus::Disqualified),
            _ => None,
        })
        .ok_or_else(|| format!("“{}” is not a lead status", text.trim()))
}

/// A HubSpot lifecycle stage as the lead status it implies (`None`: blank). A customer
/// is not a lead any more and is refused with what to do instead.
pub fn lifecycle_status(text: &str) -> Result<Option<LeadStatus>, String> {
    let t = text.trim();
    match t.to_lowercase().replace([' ', '_', '-'], "").as_str() {
        "" => Ok(None),
        "subscriber" | "lead" | "other" => Ok(Some(LeadStatus::New)),
        "marketingqualifiedlead" | "mql" => Ok(Some(LeadStatus::Nurturing)),
        "salesqualifiedlead" | "sql" | "opportunity" => Ok(Some(LeadStatus::Qualified)),
        "customer" | "evangelist" => Err(format!(
            "lifecycle stage “{t}” is a customer, not a lead: import it as an organization"
        )),
        _ => Err(format!("“{t}” is not a lifecycle stage")),
    }
}

/// A lead's status from its status and lifecycle columns: disqualified when the status
/// says so, otherwise the further along of the two (a lead status "Attempted to contact"
/// of a sales qualified lead is qualified).
pub fn combined_lead_status(status: LeadStatus, lifecycle: Option<LeadStatus>) -> LeadStatus {
    let progress = |s: LeadStatus| match s {
        LeadStatus::New => 0,
        LeadStatus::Contacted => 1,
        LeadStatus::Nurturing => 2,
        LeadStatus::Qualified => 3,
        LeadStatus::Disqualified | LeadStatus::Converted => 4,
    };
    match lifecycle {
        Some(l) if status != LeadStatus::Disqualified && progress(l) > progress(status) => l,
        _ => status,
    }
}
