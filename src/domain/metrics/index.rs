//! The deal log grouped by deal, so every metric is linear in the log.

use crate::domain::model::deal_log::entries;
use crate::domain::model::ids::IdMap;
use crate::domain::{DealEvent, DealId, LogEntry, Pipeline, StageId, Workspace};
use chrono::NaiveDate;

/// Every deal's stage log (stage entries, closes, reopens) and, apart, its changes of
/// expected close date, each deal's entries contiguous in one vector per kind, so
/// building it is linear however many deals there are.
pub struct LogIndex {
    /// Each deal's slot in the `starts` of both kinds: one lookup per deal asked about.
    slots: IdMap<DealId, u32>,
    stages: ByDeal,
    close_dates: ByDeal,
}

impl LogIndex {
    pub fn new(ws: &Workspace) -> LogIndex {
        // A counting sort by deal: the first walk of the persistent log copies it out and
        // counts each deal's entries of each kind (one hash lookup per entry); the
        // second places them.
        let mut slots: IdMap<DealId, u32> = IdMap::default();
        slots.reserve(ws.deals.len());
        let mut log: Vec<(u32, LogEntry)> = Vec::with_capacity(ws.log.len());
        let (mut stages, mut close_dates) = (Counts::default(), Counts::default());
        for entry in entries(&ws.log) {
            let next = slots.len() as u32;
            let slot = *slots.entry(entry.deal).or_insert(next);
            if slot == next {
                stages.push_deal();
                close_dates.push_deal();
            }
            match entry.event.is_stage_event() {
                true => stages.count(slot),
                false => close_dates.count(slot),
            }
            log.push((slot, *entry));
        }
        let (mut stages, mut close_dates) = (stages.into_slots(), close_dates.into_slots());
        for (slot, entry) in log {
            match entry.event.is_stage_event() {
                true => stages.place(slot, entry),
                false => close_dates.place(slot, entry),
            }
        }
        LogIndex {
            slots,
            stages: stages.finish(),
            close_dates: close_dates.finish(),
        }
    }

    /// A deal's stage log in the order events happened: by date, and in the order they
    /// were recorded within a day (rule 27). Expected-close changes are not in it.
    pub fn of(&self, deal: DealId) -> &[LogEntry] {
        self.slots
            .get(&deal)
            .map_or(&[], |&slot| self.stages.of(slot))
    }

    /// A deal's changes of expected close date, in the order they happened.
    pub fn close_dates(&self, deal: DealId) -> &[LogEntry] {
        self.slots
            .get(&deal)
            .map_or(&[], |&slot| self.close_dates.of(slot))
    }
}

/// Entries of one kind per deal slot, while they are counted.
#[derive(Default)]
struct Counts(Vec<u32>);

impl Counts {
    fn push_deal(&mut self) {
        self.0.push(0);
    }

    fn count(&mut self, slot: u32) {
        self.0[slot as usize] += 1;
    }

    /// Counts become each slot's start; `place` then fills each slot up from there.
    fn into_slots(self) -> Filling {
        let mut starts = Vec::with_capacity(self.0.len() + 1);
        let mut next = 0;
        for count in &self.0 {
            starts.push(next);
            next += count;
        }
        starts.push(next);
        Filling {
            next: starts[..self.0.len()].to_vec(),
            // Every slot is written by `place`; the placeholder is never read.
            entries: vec![PLACEHOLDER; next as usize],
            starts,
        }
    }
}

struct Filling {
    entries: Vec<LogEntry>,
    starts: Vec<u32>,
    next: Vec<u32>,
}

impl Filling {
    fn place(&mut self, slot: u32, entry: LogEntry) {
        let at = &mut self.next[slot as usize];
        self.entries[*at as usize] = entry;
        *at += 1;
    }

    fn finish(mut self) -> ByDeal {
        for window in self.starts.windows(2) {
            order_by_date(&mut self.entries[window[0] as usize..window[1] as usize]);
        }
        ByDeal {
            entries: self.entries,
            starts: self.starts,
        }
    }
}

/// Log entries of one kind grouped by deal slot: slot `i` owns
/// `entries[starts[i]..starts[i + 1]]`.
struct ByDeal {
    entries: Vec<LogEntry>,
    starts: Vec<u32>,
}

impl ByDeal {
    fn of(&self, slot: u32) -> &[LogEntry] {
        let slot = slot as usize;
        &self.entries[self.starts[slot] as usize..self.starts[slot + 1] as usize]
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
