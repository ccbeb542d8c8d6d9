//! Every deal's stays replayed once from its log, each with the close that followed
//! it, so the forecast can be evaluated as of any day without replaying again.

use super::sweep::descending;
use crate::domain::metrics::index::LogIndex;
use crate::domain::model::ids::IdMap;
use crate::domain::{Deal, DealEvent, DealStatus, Money, PipelineId, StageId, Workspace};
use chrono::{Datelike, NaiveDate};
use std::ops::Range;

/// A stay followed by a win or loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// Days the deal stayed in the stage.
    pub length: i64,
    /// Days from entering the stage to the close.
    pub to_close: i64,
    pub won: bool,
    /// The day it entered the stage ([`day_number`]).
    pub entered: i32,
}

/// A day as a number (days from the common era), for the forecast's many subtractions.
pub fn day_number(day: NaiveDate) -> i32 {
    day.num_days_from_ce()
}

/// A stay in days ([`day_number`]), kept compact for the forecast's pass over the
/// stays still running on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// Index of its deal in [`History::deals`].
    pub deal: u32,
    pub entered: i32,
    /// Days in the stage; `i32::MAX` while it runs.
    pub length: i32,
    /// The day of the close that followed it; `i32::MAX` without one.
    pub closed: i32,
}

/// A stay in one stage (rule 26: a close ends it; a reopen starts a new one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stay {
    /// Index of its deal in [`History::deals`].
    pub deal: u32,
    pub stage: StageId,
    pub entered: NaiveDate,
    /// The next stage entry or close; `None` while it runs.
    pub ended: Option<NaiveDate>,
    /// The first win or loss on or after the stay's entry: (day, won).
    pub close: Option<(NaiveDate, bool)>,
}

impl Stay {
    /// Whether the deal was open in this stay as of `known_before` (events dated
    /// before that day known, rule 19).
    pub fn open_at(&self, known_before: NaiveDate) -> bool {
        self.entered < known_before && self.ended.is_none_or(|end| end >= known_before)
    }
}

/// One deal in scope and where its stays are in [`History::stays`].
pub struct DealHistory<'a> {
    pub deal: &'a Deal,
    /// Copied from the deal, read for every open deal (kept close by, for speed).
    pub value: Money,
    pub probability_override: Option<u8>,
    /// Today's expected close date; [`History::expected_close_at`] knows past ones.
    pub expected_close: Option<NaiveDate>,
    /// Its recorded changes of expected close date, in [`History::close_dates`].
    pub close_dates: Range<usize>,
    pub stays: Range<usize>,
}

/// The scope's deals with their stays and closes.
pub struct History<'a> {
    pub deals: Vec<DealHistory<'a>>,
    /// Every deal's stays, deal after deal.
    pub stays: Vec<Stay>,
    /// Every deal's wins and losses (day, index of the deal), deal after deal.
    pub closes: Vec<(NaiveDate, u32)>,
    /// Every deal's changes of expected close date (day of the change, new date), in
    /// date order.
    pub close_dates: Vec<(NaiveDate, Option<NaiveDate>)>,
    /// Per stage, its stays as days.
    pub spans: IdMap<StageId, Vec<Span>>,
    /// Per stage, every stay followed by a close, as an example with its close date,
    /// longest first: sorted once for every day the forecast is made as of.
    pub examples: IdMap<StageId, Vec<(NaiveDate, Example)>>,
    /// The won deals (by current status, as rule 2 counts them): closed and created on, value.
    pub won: Vec<(NaiveDate, NaiveDate, Money)>,
    /// The day the first of the scope's deals was created.
    pub first_created: Option<NaiveDate>,
}

impl<'a> History<'a> {
    /// The deals of `scope` (one pipeline, or all: rule 28) with their replayed logs.
    pub fn new(ws: &'a Workspace, logs: &LogIndex, scope: Option<PipelineId>) -> History<'a> {
        let mut history = History {
            deals: Vec::new(),
            stays: Vec::new(),
            closes: Vec::new(),
            close_dates: Vec::new(),
            spans: IdMap::default(),
            examples: IdMap::default(),
            won: Vec::new(),
            first_created: None,
        };
        for deal in ws
            .deals
            .values()
            .filter(|d| scope.is_none_or(|p| d.pipeline == p))
        {
            let first_stay = history.stays.len();
            let first_date = history.close_dates.len();
            history
                .close_dates
                .extend(
                    logs.close_dates(deal.id)
                        .iter()
                        .filter_map(|e| match e.event {
                            DealEvent::ExpectedClose(date) => Some((e.on, date)),
                            _ => None,
                        }),
                );
            if let Some(closed) = deal.closed_on.filter(|_| deal.status == DealStatus::Won) {
                history.won.push((closed, deal.created_on, deal.value));
            }
            history.first_created = history
                .first_created
                .map_or(Some(deal.created_on), |c| Some(c.min(deal.created_on)));
            history.replay(logs.of(deal.id));
            history.deals.push(DealHistory {
                deal,
                value: deal.value,
                probability_override: deal.probability_override,
                expected_close: deal.expected_close,
                close_dates: first_date..history.close_dates.len(),
                stays: first_stay..history.stays.len(),
            });
        }
        for stay in &history.stays {
            let entered = day_number(stay.entered);
            (history.spans.entry(stay.stage).or_default()).push(Span {
                deal: stay.deal,
                entered,
                length: stay.ended.map_or(i32::MAX, |end| day_number(end) - entered),
                closed: stay
                    .close
                    .map_or(i32::MAX, |(closed, _)| day_number(closed)),
            });
            if let (Some((closed, won)), Some(ended)) = (stay.close, stay.ended) {
                let example = Example {
                    length: (ended - stay.entered).num_days(),
                    to_close: (closed - stay.entered).num_days(),
                    won,
                    entered,
                };
                history
                    .examples
                    .entry(stay.stage)
                    .or_default()
                    .push((closed, example));
            }
        }
        for examples in history.examples.values_mut() {
            descending(examples, |(_, e)| e.length);
        }
        history
    }

    /// How many deals closed (won or lost) on a day `within` holds.
    pub fn deals_closed(&self, within: impl Fn(NaiveDate) -> bool) -> usize {
        let mut last_counted = None;
        let mut count = 0;
        for &(on, deal) in &self.closes {
            if within(on) && last_counted != Some(deal) {
                last_counted = Some(deal);
                count += 1;
            }
        }
        count
    }

    /// A deal's expected close date as it stood with the changes dated before
    /// `known_before` known (rule 19): the last of them; none yet, `None` (the date
    /// was set later); all of them, today's. A deal with no recorded change (dates set
    /// before changes were kept, imports) keeps today's date throughout.
    pub fn expected_close_at(
        &self,
        deal: &DealHistory,
        known_before: NaiveDate,
    ) -> Option<NaiveDate> {
        let changes = &self.close_dates[deal.close_dates.clone()];
        let known = changes.partition_point(|(on, _)| *on < known_before);
        match known {
            k if k == changes.len() => deal.expected_close,
            0 => None,
            k => changes[k - 1].1,
        }
    }

    fn replay(&mut self, log: &[crate::domain::LogEntry]) {
        let deal = self.deals.len() as u32;
        let first = self.stays.len();
        // Stays since the last close: the next close is theirs.
        let mut awaiting_close = first;
        let mut last_stage = None;
        let mut open = false;
        for entry in log {
            match entry.event {
                DealEvent::EnteredStage(stage) => {
                    self.end_running(entry.on, first);
                    self.start(deal, stage, entry.on);
                    last_stage = Some(stage);
                    open = true;
                }
                DealEvent::Won | DealEvent::Lost => {
                    self.end_running(entry.on, first);
                    let won = entry.event == DealEvent::Won;
                    for stay in &mut self.stays[awaiting_close..] {
                        stay.close = Some((entry.on, won));
                    }
                    awaiting_close = self.stays.len();
                    self.closes.push((entry.on, deal));
                    open = false;
                }
                DealEvent::Reopened => {
                    if let (Some(stage), false) = (last_stage, open) {
                        self.start(deal, stage, entry.on);
                        open = true;
                    }
                }
                // Not a stage event: a change of date ends no stay.
                DealEvent::ExpectedClose(_) => {}
            }
        }
    }

    fn start(&mut self, deal: u32, stage: StageId, on: NaiveDate) {
        self.stays.push(Stay {
            deal,
            stage,
            entered: on,
            ended: None,
            close: None,
        });
    }

    /// Ends the deal's running stay, if any (only its own stays, from `first`).
    fn end_running(&mut self, on: NaiveDate, first: usize) {
        if let Some(stay) = self.stays[first..].last_mut().filter(|s| s.ended.is_none()) {
            stay.ended = Some(on);
        }
    }
}
