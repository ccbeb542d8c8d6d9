//! The forecast board: open deals by the month they are expected to close, and the date a
//! deal gets when it is dropped on another month.

use crate::domain::commands::DealDraft;
use crate::domain::metrics::{month_key, month_offset};
use crate::domain::support::sorting;
use crate::domain::{Command, DealId, DealStatus, Money, PipelineId, Workspace};
use chrono::{Datelike, NaiveDate};

/// How many months the board shows, the current one first.
pub const BOARD_MONTHS: i32 = 6;

#[derive(Clone, Debug, PartialEq)]
pub struct MonthCard {
    pub deal: DealId,
    pub title: String,
    pub value: Money,
    pub close: NaiveDate,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MonthColumn {
    /// First day of the month.
    pub month: NaiveDate,
    /// By close date, then id.
    pub cards: Vec<MonthCard>,
}

impl MonthColumn {
    pub fn total(&self) -> Money {
        self.cards.iter().map(|c| c.value).sum()
    }
}

/// The current month and the ones after it, each with the open deals (of one pipeline,
/// or all) expected to close in it.
pub fn forecast_board(
    ws: &Workspace,
    scope: Option<PipelineId>,
    today: NaiveDate,
) -> Vec<MonthColumn> {
    let mut columns: Vec<MonthColumn> = (0..BOARD_MONTHS)
        .map(|i| MonthColumn {
            month: month_offset(today, i),
            cards: Vec::new(),
        })
        .collect();
    let open = ws
        .deals
        .values()
        .filter(|d| d.status == DealStatus::Open && scope.is_none_or(|p| d.pipeline == p));
    for deal in open {
        let Some(close) = deal.expected_close else {
            continue;
        };
        if let Some(column) = columns
            .iter_mut()
            .find(|c| month_key(c.month) == month_key(close))
        {
            column.cards.push(MonthCard {
                deal: deal.id,
                title: deal.title.clone(),
                value: deal.value,
                close,
            });
        }
    }
    for column in &mut columns {
        sorting::sort_by_key(&mut column.cards, |c| (c.close, c.deal));
    }
    columns
}

/// The date in `month` for a deal dropped there: its old day of the month, clamped to
/// the month's last day (Mar 31 moved to April gives Apr 30); the 15th without a date.
pub fn same_day_in(month: NaiveDate, original: Option<NaiveDate>) -> NaiveDate {
    let wanted = original.map_or(15, |d| d.day());
    (1..=wanted)
        .rev()
        .find_map(|day| month.with_day(day))
        .unwrap_or(month)
}

/// The change a drop of `deal` on `month` makes: its expected close moves to the same
/// day of that month (`same_day_in`), every other field unchanged. `None` when the deal
/// is gone.
pub fn move_to_month(ws: &Workspace, deal: DealId, month: NaiveDate) -> Option<Command> {
    let current = ws.deal(deal).ok()?;
    let draft = DealDraft {
        expected_close: Some(same_day_in(month, current.expected_close)),
        ..DealDraft::from(current)
    };
    Some(Command::EditDeal { deal, draft })
}
