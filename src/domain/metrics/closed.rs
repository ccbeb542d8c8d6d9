//! Deals closed in a period: win rate, win/loss, average deal size, cycle length,
//! lost reasons. A reopened deal counts by its current status and date (rule 2).

use super::{ratio, Period};
use crate::domain::support::sorting;
use crate::domain::{Deal, DealStatus, Money, PipelineId, Workspace};

#[derive(Clone, Debug, PartialEq)]
pub struct LostReason {
    pub reason: String,
    pub count: usize,
    pub value: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ClosedMetrics {
    pub won: usize,
    pub lost: usize,
    pub won_value: Money,
    pub lost_value: Money,
    /// won ÷ (won + lost).
    pub win_rate: Option<f64>,
    /// Σ won value ÷ (Σ won value + Σ lost value).
    pub win_rate_by_value: Option<f64>,
    /// won ÷ lost; `None` when nothing was lost (shown as counts "n : m" beside).
    pub win_loss_ratio: Option<f64>,
    /// Σ won value ÷ number won, in minor units.
    pub average_deal_size: Option<f64>,
    /// Mean and median of (closed on − created on) in days over won deals.
    pub cycle_mean_days: Option<f64>,
    pub cycle_median_days: Option<f64>,
    /// Largest first: by count, then value, then name (rule 4).
    pub lost_reasons: Vec<LostReason>,
}

/// Deals of the scope (one pipeline, or all) closed in the period.
pub fn closed_in(
    ws: &Workspace,
    scope: Option<PipelineId>,
    period: Period,
) -> impl Iterator<Item = &Deal> {
    ws.deals.values().filter(move |d| {
        d.status != DealStatus::Open
            && scope.is_none_or(|p| d.pipeline == p)
            && d.closed_on.is_some_and(|c| period.contains(c))
    })
}

fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

pub fn closed_metrics(ws: &Workspace, scope: Option<PipelineId>, period: Period) -> ClosedMetrics {
    let (mut won, mut lost) = (0usize, 0usize);
    let (mut won_value, mut lost_value) = (Money(0), Money(0));
    let mut cycles = Vec::new();
    let mut reasons: Vec<LostReason> = Vec::new();
    for deal in closed_in(ws, scope, period) {
        match deal.status {
            DealStatus::Won => {
                won += 1;
                won_value += deal.value;
                if let Some(closed) = deal.closed_on {
                    // A close dated before the creation (another device's clock
                    // behind) is a same-day close: a cycle is never negative.
                    cycles.push((closed - deal.created_on).num_days().max(0));
                }
            }
            DealStatus::Lost => {
                lost += 1;
                lost_value += deal.value;
                let reason = deal
                    .lost_reason
                    .clone()
                    .unwrap_or_else(|| "No reason given".into());
                match reasons.iter_mut().find(|r| r.reason == reason) {
                    Some(r) => {
                        r.count += 1;
                        r.value += deal.value;
                    }
                    None => reasons.push(LostReason {
                        reason,
                        count: 1,
                        value: deal.value,
                    }),
                }
            }
            DealStatus::Open => {}
        }
    }
    sorting::sort_by(&mut reasons, |a, b| {
        b.count
            .cmp(&a.count)
            .then(b.value.cmp(&a.value))
            .then(a.reason.cmp(&b.reason))
    });
    sorting::sort(&mut cycles);
    ClosedMetrics {
        won,
        lost,
        won_value,
        lost_value,
        win_rate: ratio(won as f64, (won + lost) as f64),
        win_rate_by_value: ratio(won_value.0 as f64, (won_value.0 + lost_value.0) as f64),
        win_loss_ratio: ratio(won as f64, lost as f64),
        average_deal_size: ratio(won_value.0 as f64, won as f64),
        cycle_mean_days: ratio(cycles.iter().sum::<i64>() as f64, cycles.len() as f64),
        cycle_median_days: median(&cycles),
        lost_reasons: reasons,
    }
}

/// Won and lost per calendar month, for the `count` months ending with today's month.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthClosed {
    pub month: chrono::NaiveDate,
    pub won: usize,
    pub lost: usize,
    pub won_value: Money,
}

pub fn closed_by_month(
    ws: &Workspace,
    scope: Option<PipelineId>,
    today: chrono::NaiveDate,
    count: i32,
) -> Vec<MonthClosed> {
    let mut months: Vec<MonthClosed> = (0..count)
        .map(|i| MonthClosed {
            month: super::month_offset(today, i - count + 1),
            won: 0,
            lost: 0,
            won_value: Money(0),
        })
        .collect();
    for deal in ws
        .deals
        .values()
        .filter(|d| d.status != DealStatus::Open && scope.is_none_or(|p| d.pipeline == p))
    {
        let Some(closed) = deal.closed_on.filter(|c| *c <= today) else {
            continue;
        };
        if let Some(m) = months
            .iter_mut()
            .find(|m| super::month_key(m.month) == super::month_key(closed))
        {
            if deal.status == DealStatus::Won {
                m.won += 1;
                m.won_value += deal.value;
            } else {
                m.lost += 1;
            }
        }
    }
    months
}
