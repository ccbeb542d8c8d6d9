//! Flow through the stages of one pipeline: the cohort funnel (reached, next-step and
//! cumulative conversion), time in stage, and the bottlenecks.

use super::index::{first_entry, furthest_stage, stage_position, LogIndex};
use super::{ratio, Period};
use crate::domain::{DealEvent, DealId, DealStatus, Pipeline, StageId, Workspace};
use chrono::NaiveDate;

/// Stages with fewer deals reached are never named a bottleneck (rule 9).
pub const BOTTLENECK_MIN_REACHED: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct StageFlow {
    pub stage: StageId,
    pub name: String,
    /// Cohort deals that reached this stage (or any later one, or won).
    pub reached: usize,
    /// Reached the next stage (won, for the last) ÷ reached this one.
    pub next_step: Option<f64>,
    /// Reached ÷ cohort size.
    pub cumulative: Option<f64>,
    /// Mean days of the stays that ended in the period (all deals of the pipeline).
    pub mean_days_in_stage: Option<f64>,
    pub stays_ended: usize,
    /// Cohort deals that got no further than this stage and are still open: they may yet
    /// move on (a young cohort's low conversion is mostly these, not losses).
    pub still_open: usize,
    /// Of the deals that reached it, those that reached the next stage (or won, for the
    /// last stage).
    pub moved_on: usize,
    /// The deals whose stays make up `mean_days_in_stage` (every deal of the pipeline
    /// with a stay in this stage that ended in the period), each once.
    pub stayed: Vec<DealId>,
    /// Cohort deals that reached this stage, for "links to their deals".
    pub deals: Vec<DealId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Flow {
    pub cohort: usize,
    pub won: usize,
    pub stages: Vec<StageFlow>,
    /// Index into `stages` of the lowest next-step conversion.
    pub conversion_bottleneck: Option<usize>,
    /// Index into `stages` of the longest mean time in stage.
    pub time_bottleneck: Option<usize>,
}

impl StageFlow {
    /// Deals that reached the stage and left it: moved on, won or lost (rule 29).
    pub fn left(&self) -> usize {
        self.reached - self.still_open
    }

    /// Next-step conversion among the deals that left the stage; those still open in it
    /// count neither for nor against it (rule 29).
    pub fn decided_rate(&self) -> Option<f64> {
        ratio(self.moved_on as f64, self.left() as f64)
    }
}

pub fn flow(ws: &Workspace, logs: &LogIndex, pipeline: &Pipeline, period: Period) -> Flow {
    let n = pipeline.stages.len();
    let mut reached = vec![0usize; n];
    let mut reached_deals: Vec<Vec<DealId>> = vec![Vec::new(); n];
    let mut still_open = vec![0usize; n];
    let mut cohort = 0;
    let mut won = 0;
    let mut stay_days: Vec<(i64, usize)> = vec![(0, 0); n];
    let mut stayed: Vec<Vec<DealId>> = vec![Vec::new(); n];

    for deal in ws.deals.values().filter(|d| d.pipeline == pipeline.id) {
        let log = logs.of(deal.id);
        // Cohort and reached (rules 5 and 6).
        if first_entry(pipeline, log).is_some_and(|d| period.contains(d)) {
            cohort += 1;
            let is_won = deal.status == DealStatus::Won;
            won += usize::from(is_won);
            let furthest = if is_won {
                n.checked_sub(1)
            } else {
                furthest_stage(pipeline, log)
            };
            if let Some(top) = furthest {
                still_open[top] += usize::from(deal.status == DealStatus::Open);
                for i in 0..=top {
                    reached[i] += 1;
                    reached_deals[i].push(deal.id);
                }
            }
        }
        // Time in stage (rule 8): every stay of the pipeline's deals ending in the period.
        for (stage, days) in stays(pipeline, log) {
            if let Some((end, start)) = days {
                if period.contains(end) {
                    stay_days[stage].0 += (end - start).num_days();
                    stay_days[stage].1 += 1;
                    if stayed[stage].last() != Some(&deal.id) {
                        stayed[stage].push(deal.id);
                    }
                }
            }
        }
    }

    let stages: Vec<StageFlow> = pipeline
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let next = if i + 1 < n { reached[i + 1] } else { won };
            StageFlow {
                stage: stage.id,
                name: stage.name.clone(),
                reached: reached[i],
                next_step: ratio(next as f64, reached[i] as f64),
                cumulative: ratio(reached[i] as f64, cohort as f64),
                mean_days_in_stage: ratio(stay_days[i].0 as f64, stay_days[i].1 as f64),
                stays_ended: stay_days[i].1,
                still_open: still_open[i],
                moved_on: next,
                stayed: std::mem::take(&mut stayed[i]),
                deals: std::mem::take(&mut reached_deals[i]),
            }
        })
        .collect();
    // Ties go to the earlier stage: strict comparisons keep the first found.
    let pick = |eligible: &dyn Fn(&StageFlow) -> bool,
                value: &dyn Fn(&StageFlow) -> Option<f64>,
                lowest: bool|
     -> Option<usize> {
        let mut best: Option<(usize, f64)> = None;
        for (i, s) in stages.iter().enumerate().filter(|(_, s)| eligible(s)) {
            let Some(v) = value(s) else { continue };
            let better = match best {
                None => true,
                Some((_, b)) => {
                    if lowest {
                        v < b
                    } else {
                        v > b
                    }
                }
            };
            if better {
                best = Some((i, v));
            }
        }
        best.map(|(i, _)| i)
    };
    Flow {
        cohort,
        won,
        // Rules 9 and 29: judged among the deals that left the stage, at least 5 of them.
        conversion_bottleneck: pick(
            &|s| s.reached >= BOTTLENECK_MIN_REACHED && s.left() >= BOTTLENECK_MIN_REACHED,
            &StageFlow::decided_rate,
            true,
        ),
        time_bottleneck: pick(
            &|s| s.reached >= BOTTLENECK_MIN_REACHED,
            &|s| s.mean_days_in_stage,
            false,
        ),
        stages,
    }
}

/// A deal's stays: (stage position, Some((ended on, entered on))) for stays that ended,
/// `None` for the stay still open. A stay ends at the next stage entry or a close; a
/// reopen starts a new stay in the stage the deal is in.
pub fn stays(
    pipeline: &Pipeline,
    log: &[crate::domain::LogEntry],
) -> Vec<(usize, Option<(NaiveDate, NaiveDate)>)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, NaiveDate)> = None;
    let mut last_stage: Option<usize> = None;
    for entry in log {
        match entry.event {
            DealEvent::EnteredStage(s) => {
                if let Some((stage, since)) = current.take() {
                    out.push((stage, Some((entry.on, since))));
                }
                let position = stage_position(pipeline, s);
                last_stage = position;
                current = position.map(|p| (p, entry.on));
            }
            DealEvent::Won | DealEvent::Lost => {
                if let Some((stage, since)) = current.take() {
                    out.push((stage, Some((entry.on, since))));
                }
            }
            DealEvent::Reopened => {
                current = last_stage.map(|p| (p, entry.on));
            }
            // Not a stage event: a change of date ends no stay.
            DealEvent::ExpectedClose(_) => {}
        }
    }
    if let Some((stage, _)) = current {
        out.push((stage, None));
    }
    out
}
