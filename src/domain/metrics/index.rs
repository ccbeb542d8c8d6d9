//! The deal log grouped by deal, so every metric is linear in the log.

use crate::domain::model::ids::IdMap;
use crate::domain::{DealEvent, DealId, LogEntry, Pipeline, StageId, Workspace};
use chrono::NaiveDate;

/// Every deal's stage log (stage entries, closes, reopens) and, apart, its changes of
/// expected close date, each deal's entries contiguous in one vector per kind, so
/// building it is linear however many deals there are.
pub struct LogIndex {
    stages: ByDeal,
    close_dates: ByDeal,
}

impl LogIndex {
    pub fn new(ws: &Workspace) -> LogIndex {
        // One walk of the persistent log; the grouping passes then run over plain slices.
        let (stages, close_dates): (Vec<LogEntry>, Vec<LogEntry>) =
            ws.log.iter().partition(|e| e.event.is_stage_event());
        LogIndex {
            stages: ByDeal::new(&stages),
            close_dates: ByDeal::new(&close_dates),
        }
    }

    /// A deal's stage log in the order events happened: by date, and in the order they
    /// were recorded within a day (rule 27). Expected-close changes are not in it.
    pub fn of(&self, deal: DealId) -> &[LogEntry] {
        self.stages.of(deal)
    }

    /// A deal's changes of expected close date, in the order they happened.
    pub fn close_dates(&self, deal: DealId) -> &[LogEntry] {
        self.close_dates.of(deal)
    }
}

/// Log entries grouped by deal with a counting sort: two passes and two allocations.
struct ByDeal {
    entries: Vec<LogEntry>,
    /// Where each deal's entries start and end in `entries`.
    ranges: IdMap<DealId, (u32, u32)>,
}

impl ByDeal {
    fn new(log: &[LogEntry]) -> ByDeal {
        let mut ranges: IdMap<DealId, (u32, u32)> = IdMap::default();
        for entry in log {
            ranges.entry(entry.deal).or_default().1 += 1;
        }
        // Counts become [start, start) ranges that the second pass fills up.
        let mut next = 0;
        for range in ranges.values_mut() {
            let count = range.1;
            *range = (next, next);
            next += count;
        }
        // Every slot is written below; the placeholder is never read.
        let mut entries = vec![PLACEHOLDER; log.len()];
        for entry in log {
            if let Some(range) = ranges.get_mut(&entry.deal) {
                entries[range.1 as usize] = *entry;
                range.1 += 1;
            }
        }
        for &(start, end) in ranges.values() {
            order_by_date(&mut entries[start as usize..end as usize]);
        }
        ByDeal { entries, ranges }
    }

    fn of(&self, deal: DealId) -> &[LogEntry] {
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
    fn each_deal_gets_exactly_its_entries_of_each_kind_in_log_order() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 4).expect("date");
        let ws = demo_workspace(DemoSize::Standard, 3, today);
        let index = LogIndex::new(&ws);
        for id in ws.deals.keys() {
            let of_deal = |stage_log: bool| -> Vec<LogEntry> {
                let entries = ws.log.iter().filter(|e| e.deal == *id);
                (entries.filter(|e| e.event.is_stage_event() == stage_log))
                    .copied()
                    .collect()
            };
            assert_eq!(index.of(*id), of_deal(true).as_slice(), "deal {id}");
            assert_eq!(index.close_dates(*id), of_deal(false).as_slice());
        }
        assert!(index.of(DealId(u64::MAX)).is_empty());
    }
}
