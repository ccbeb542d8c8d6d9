//! One pass over the deal log, grouped by deal, so every metric is linear in the log.

use crate::domain::{DealEvent, DealId, LogEntry, Pipeline, StageId, Workspace};
use chrono::NaiveDate;
use std::collections::HashMap;

pub struct LogIndex {
    by_deal: HashMap<DealId, Vec<LogEntry>>,
}

impl LogIndex {
    pub fn new(ws: &Workspace) -> LogIndex {
        let mut by_deal: HashMap<DealId, Vec<LogEntry>> = HashMap::with_capacity(ws.deals.len());
        for entry in ws.log.iter() {
            by_deal.entry(entry.deal).or_default().push(*entry);
        }
        LogIndex { by_deal }
    }

    /// A deal's log in the order events happened.
    pub fn of(&self, deal: DealId) -> &[LogEntry] {
        self.by_deal.get(&deal).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Position of a stage within a pipeline, or `None` if it is not one of its stages.
pub fn stage_position(pipeline: &Pipeline, stage: StageId) -> Option<usize> {
    pipeline.stages.iter().position(|s| s.id == stage)
}

/// The highest stage position a deal's log shows it entered in `pipeline`.
pub fn furthest_stage(pipeline: &Pipeline, log: &[LogEntry]) -> Option<usize> {
    log.iter()
        .filter_map(|e| match e.event {
            DealEvent::EnteredStage(s) => stage_position(pipeline, s),
            _ => None,
        })
        .max()
}

/// The date of a deal's first entry into any stage of `pipeline`.
pub fn first_entry(pipeline: &Pipeline, log: &[LogEntry]) -> Option<NaiveDate> {
    log.iter().find_map(|e| match e.event {
        DealEvent::EnteredStage(s) if stage_position(pipeline, s).is_some() => Some(e.on),
        _ => None,
    })
}
