//! The deal log: what happened to a deal and when — stage entries, closes, reopens and
//! changes of the seller's expected close date (kept so that a backtest can know the date
//! as it stood on a past day instead of looking ahead at today's).

use crate::domain::model::ids::{DealId, StageId};
use crate::domain::model::stored_date::{stored_date, stored_date_opt};
use chrono::NaiveDate;
use imbl::Vector;
use serde::{Deserialize, Serialize};

/// The log's entries in order, a leaf of the tree at a time: imbl's own iterator looks
/// every element up through its focus, which took most of a pass over 50,000 entries.
pub fn entries(log: &Vector<LogEntry>) -> impl DoubleEndedIterator<Item = &LogEntry> + '_ {
    log.leaves().flat_map(|leaf| leaf.iter())
}

/// How many entries `a` and `b` share from the start. Leaves the two share (a log read
/// again from storage keeps the unchanged part's leaves) are compared by address.
pub fn shared_prefix(a: &Vector<LogEntry>, b: &Vector<LogEntry>) -> usize {
    let (mut a_leaves, mut b_leaves) = (a.leaves(), b.leaves());
    let mut shared = 0;
    loop {
        match (a_leaves.next(), b_leaves.next()) {
            (Some(x), Some(y)) if std::ptr::eq(x, y) => shared += x.len(),
            (Some(x), Some(y)) => {
                let same = x.iter().zip(y).take_while(|(p, q)| p == q).count();
                shared += same;
                if same < x.len().min(y.len()) {
                    return shared;
                }
                if x.len() != y.len() {
                    // Leaves no longer line up: the rest is compared entry by entry.
                    let rest = entries(a).skip(shared).zip(entries(b).skip(shared));
                    return shared + rest.take_while(|(p, q)| p == q).count();
                }
            }
            _ => return shared,
        }
    }
}

/// One line of the deal log, in the order things happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub deal: DealId,
    #[serde(deserialize_with = "stored_date")]
    pub on: NaiveDate,
    pub event: DealEvent,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "StoredEvent", try_from = "StoredEvent")]
pub enum DealEvent {
    EnteredStage(StageId),
    Won,
    Lost,
    Reopened,
    /// The seller set the expected close date (`None`: cleared it).
    ExpectedClose(Option<NaiveDate>),
}

impl DealEvent {
    /// Whether the event belongs to the stage log (stays, closes), which every funnel and
    /// time-in-stage figure replays; an expected-close change does not.
    pub fn is_stage_event(&self) -> bool {
        !matches!(self, DealEvent::ExpectedClose(_))
    }
}

/// How an event is stored: `{"type": "entered_stage", "stage": 7}`, `{"type": "won"}`,
/// `{"type": "expected_close", "date": "2027-03-31"}` (no date: cleared). The first
/// four are the format logs were always stored in.
#[derive(Serialize, Deserialize)]
struct StoredEvent {
    #[serde(rename = "type")]
    kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    stage: Option<StageId>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "stored_date_opt"
    )]
    date: Option<NaiveDate>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum EventKind {
    EnteredStage,
    Won,
    Lost,
    Reopened,
    ExpectedClose,
}

impl From<DealEvent> for StoredEvent {
    fn from(event: DealEvent) -> Self {
        let (kind, stage, date) = match event {
            DealEvent::EnteredStage(stage) => (EventKind::EnteredStage, Some(stage), None),
            DealEvent::Won => (EventKind::Won, None, None),
            DealEvent::Lost => (EventKind::Lost, None, None),
            DealEvent::Reopened => (EventKind::Reopened, None, None),
            DealEvent::ExpectedClose(date) => (EventKind::ExpectedClose, None, date),
        };
        StoredEvent { kind, stage, date }
    }
}

impl TryFrom<StoredEvent> for DealEvent {
    type Error = &'static str;

    fn try_from(stored: StoredEvent) -> Result<Self, Self::Error> {
        Ok(match stored.kind {
            EventKind::EnteredStage => {
                DealEvent::EnteredStage(stored.stage.ok_or("a stage entry names no stage")?)
            }
            EventKind::Won => DealEvent::Won,
            EventKind::Lost => DealEvent::Lost,
            EventKind::Reopened => DealEvent::Reopened,
            EventKind::ExpectedClose => DealEvent::ExpectedClose(stored.date),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).expect("date")
    }

    #[test]
    fn stage_events_keep_the_format_logs_were_always_stored_in() {
        let stored = |event| serde_json::to_value(event).expect("serializes");
        assert_eq!(
            stored(DealEvent::EnteredStage(StageId(7))),
            json!({"type": "entered_stage", "stage": 7})
        );
        assert_eq!(stored(DealEvent::Won), json!({"type": "won"}));
        assert_eq!(stored(DealEvent::Reopened), json!({"type": "reopened"}));
        let old: LogEntry = serde_json::from_value(
            json!({"deal": 3, "on": "2026-03-02", "event": {"type": "lost"}}),
        )
        .expect("an entry stored by an earlier version reads");
        assert_eq!(old.event, DealEvent::Lost);
    }

    #[test]
    fn expected_close_changes_round_trip_set_and_cleared() {
        for event in [
            DealEvent::ExpectedClose(Some(day(31))),
            DealEvent::ExpectedClose(None),
        ] {
            let entry = LogEntry {
                deal: DealId(4),
                on: day(2),
                event,
            };
            let text = serde_json::to_string(&entry).expect("serializes");
            assert_eq!(serde_json::from_str::<LogEntry>(&text).ok(), Some(entry));
        }
        assert_eq!(
            serde_json::to_value(DealEvent::ExpectedClose(Some(day(31)))).ok(),
            Some(json!({"type": "expected_close", "date": "2026-03-31"}))
        );
    }

    #[test]
    fn a_stage_entry_without_its_stage_is_refused() {
        let read = serde_json::from_value::<DealEvent>(json!({"type": "entered_stage"}));
        assert!(read.is_err());
        assert!(serde_json::from_value::<DealEvent>(json!({"type": "teleported"})).is_err());
    }

    fn log(deals: impl IntoIterator<Item = u64>) -> Vector<LogEntry> {
        let on = NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
        (deals.into_iter())
            .map(|d| LogEntry {
                deal: DealId(d),
                on,
                event: DealEvent::Won,
            })
            .collect()
    }

    #[test]
    fn the_shared_prefix_is_what_an_entry_by_entry_comparison_finds() {
        let before = log(0..5_000);
        let naive = |a: &Vector<LogEntry>, b: &Vector<LogEntry>| {
            a.iter().zip(b.iter()).take_while(|(p, q)| p == q).count()
        };
        let mut appended = before.clone();
        appended.append(log(9_000..9_100));
        let mut kept = before.take(4_096);
        kept.append(log(4_096..4_999));
        let mut changed = before.clone();
        changed.set(4_321, log([1]).back().copied().expect("an entry"));
        let rebuilt = log(0..5_000);
        for now in [
            &appended,
            &kept,
            &changed,
            &rebuilt,
            &log([]),
            &before.take(70),
        ] {
            assert_eq!(shared_prefix(now, &before), naive(now, &before));
            assert_eq!(shared_prefix(&before, now), naive(&before, now));
        }
        assert_eq!(shared_prefix(&appended, &before), 5_000);
        assert_eq!(shared_prefix(&changed, &before), 4_321);
    }

    #[test]
    fn entries_are_the_log_in_order() {
        let long = log(0..3_000);
        assert!(entries(&long).eq(long.iter()));
        assert!(entries(&long).rev().eq(long.iter().rev()));
    }
}
