//! The open pipeline as of today (rule 10): value, weighted value, stage totals,
//! rotting and slipped deals, and sales velocity.

use super::closed::ClosedMetrics;
use super::weighted_money;
use crate::domain::queries::board::{recorded_activity, rotting_days};
use crate::domain::support::sorting;
use crate::domain::{DealId, DealStatus, Money, Pipeline, StageId, Workspace};
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq)]
pub struct StageTotal {
    pub stage: StageId,
    pub name: String,
    pub count: usize,
    pub value: Money,
    pub weighted: Money,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OpenPipeline {
    pub count: usize,
    pub value: Money,
    pub weighted: Money,
    pub stages: Vec<StageTotal>,
    /// Rotten open deals with their idle days, most idle first.
    pub rotting: Vec<(DealId, i64)>,
    /// Open deals whose expected close date is before today, oldest first.
    pub slipped: Vec<DealId>,
}

pub fn open_pipeline(ws: &Workspace, pipeline: &Pipeline, today: NaiveDate) -> OpenPipeline {
    let mut sums: Vec<(usize, Money, i128)> = vec![(0, Money(0), 0); pipeline.stages.len()];
    let mut rotting = Vec::new();
    let recorded = recorded_activity(ws);
    let mut slipped = Vec::new();
    for deal in ws
        .deals
        .values()
        .filter(|d| d.status == DealStatus::Open && d.pipeline == pipeline.id)
    {
        let Some(i) = pipeline.stage_index(deal.stage) else {
            continue;
        };
        let stage = &pipeline.stages[i];
        let probability = deal.probability_override.unwrap_or(stage.probability);
        sums[i].0 += 1;
        sums[i].1 += deal.value;
        sums[i].2 += deal.value.0 as i128 * probability as i128;
        if let Some(days) = rotting_days(deal, stage, recorded.get(&deal.id).copied(), today) {
            rotting.push((deal.id, days));
        }
        if let Some(close) = deal.expected_close.filter(|c| *c < today) {
            slipped.push((close, deal.id));
        }
    }
    sorting::sort_by(&mut rotting, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    sorting::sort(&mut slipped);
    OpenPipeline {
        count: sums.iter().map(|s| s.0).sum(),
        value: sums.iter().map(|s| s.1).sum(),
        weighted: weighted_money(sums.iter().map(|s| s.2).sum()),
        stages: pipeline
            .stages
            .iter()
            .zip(&sums)
            .map(|(s, (count, value, w))| StageTotal {
                stage: s.id,
                name: s.name.clone(),
                count: *count,
                value: *value,
                weighted: weighted_money(*w),
            })
            .collect(),
        rotting,
        slipped: slipped.into_iter().map(|(_, id)| id).collect(),
    }
}

/// Open deals now × the period's average deal size × win rate ÷ mean cycle length:
/// expected revenue per day in minor units (rule 14).
pub fn velocity(open_deals: usize, closed: &ClosedMetrics) -> Option<f64> {
    let size = closed.average_deal_size?;
    let rate = closed.win_rate?;
    let cycle = closed.cycle_mean_days.filter(|c| *c > 0.0)?;
    Some(open_deals as f64 * size * rate / cycle)
}
