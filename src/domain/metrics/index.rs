//! The deal log grouped by deal, so every metric is linear in the log.

use crate::domain::model::ids::IdMap;
use crate::domain::{DealEvent, DealId, LogEntry, Pipeline, StageId, Workspace};
use chrono::NaiveDate;

/// Every deal's entries, contiguous in one vector (a counting sort by deal), so
/// building it is two passes and two allocations however many deals there are.
pub struct LogIndex {
    entries: Vec<LogEntry>,
    /// Where each deal's entries start and end in `entries`.
    ranges: IdMap<DealId, (u32, u32)>,
}

impl LogIndex {
    pub fn new(ws: &Workspace) -> LogIndex {
        let mut ranges: IdMap<DealId, (u32, u32)> = IdMap::default();
        ranges.reserve(ws.deals.len());
        for entry in ws.log.iter() {
            ranges.entry(entry.deal).or_default().1 += 1;
        }
        // Counts become [start, start) ranges that the second pass fills up.
        let mut next = 0;
        for range in ranges.values_mut() {
            let count = range.1;
            *range = (next, next);
            next += count;
        }
        let mut entries = Vec::with_capacity(ws.log.len());
        // Every slot is written below; the placeholder is never read.
        entries.resize(ws.log.len(), PLACEHOLDER);
        for entry in ws.log.iter() {
            if let Some(range) = ranges.get_mut(&entry.deal) {
                entries[range.1 as usize] = *entry;
                range.1 += 1;
            }
        }
        for &(start, end) in ranges.values() {
            order_by_date(&mut entries[start as usize..end as usize]);
        }
        LogIndex { entries, ranges }
    }

    /// A deal's log in the order events happened: by date, and in the order they were
    /// recorded within a day (rule 27).
    pub fn of(&self, deal: DealId) -> &[LogEntry] {
        self.ranges.get(&deal).map_or(&[], |&(start, end)| {
            &self.entries[start as usize..end as usize]
        })
    }
}

/// Rule 27: an entry recorded late with an earlier date (an import, another device's
/// clock) takes its place by date; entries of one day keep their recorded order. An
/// insertion sort: stable, and a single pass over a log already in order, as logs are.
fn order_by_date(entries: &mut [LogEntry]) {
    for i in 1..entries.len() {
        let mut j = i;
        while j > 0 && entries[j - 1].on > entries[j].on {
            entries.swap(j - 1, j);
            j -= 1;
        }
    }
}

const PLACEHOLDER: LogEntry = LogEntry {
    deal: DealId(0),
    on: NaiveDate::MIN,
    event: DealEvent::Won,
};

/// When a deal last entered a stage (any pipeline), from its log.
pub fn last_stage_entry(log: &[LogEntry]) -> Option<NaiveDate> {
    log.iter().rev().find_map(|e| match e.event {
        DealEvent::EnteredStage(_) => Some(e.on),
        _ => None,
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::demo::{demo_workspace, DemoSize};

    #[test]
    fn each_deal_gets_exactly_its_entries_in_log_order() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 4).expect("date");
        let ws = demo_workspace(DemoSize::Standard, 3, today);
        let index = LogIndex::new(&ws);
        for id in ws.deals.keys() {
            let expected: Vec<LogEntry> =
                ws.log.iter().filter(|e| e.deal == *id).copied().collect();
            assert_eq!(index.of(*id), expected.as_slice(), "deal {id}");
        }
        assert!(index.of(DealId(u64::MAX)).is_empty());
    }
}
