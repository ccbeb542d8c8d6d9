//! How the demo's sellers keep a deal's expected close date, as sellers do: set
//! optimistically when the deal is created (or a little later, or never), pushed out
//! when it passes with the deal still open — unless the seller has stopped looking at
//! the deal — and left as it was when the deal closes. Every change is logged, so the
//! backtest sees the dates as they stood (rule 19).

use super::random::Rng;
use crate::domain::model::{DealEvent, DealId, LogEntry};
use chrono::{Days, NaiveDate};

/// What a seller did with one deal's expected close date up to `until` (the day it
/// closed, or today): the changes, in date order, and the date it ends with.
pub(super) struct SellerDates {
    pub changes: Vec<LogEntry>,
    pub last: Option<NaiveDate>,
}

/// `typical_cycle_days`: the mean days of the deal's pipeline's stages, summed, which
/// the seller's first guess undercuts; `kept_up_until`: the last day the seller still
/// looked after the deal (a forgotten or stalled deal's date is left to slip).
pub(super) fn seller_dates(
    rng: &mut Rng,
    deal: DealId,
    created: NaiveDate,
    typical_cycle_days: f64,
    until: NaiveDate,
    kept_up_until: NaiveDate,
) -> SellerDates {
    let mut out = SellerDates {
        changes: Vec::new(),
        last: None,
    };
    let set = |on: NaiveDate, date: NaiveDate, out: &mut SellerDates| {
        out.changes.push(LogEntry {
            deal,
            on,
            event: DealEvent::ExpectedClose(Some(date)),
        });
        out.last = Some(date);
    };
    // Most sellers set a date at once; some after the first calls; some never.
    let first_set = if rng.chance(0.7) {
        created
    } else if rng.chance(0.5) {
        created + Days::new(rng.range(5, 30) as u64)
    } else {
        return out;
    };
    if first_set > until.min(kept_up_until) {
        return out;
    }
    // Optimistic: 30 % to 100 % of how long the pipeline's stages take end to end.
    let guess = (typical_cycle_days * (0.3 + 0.7 * rng.unit())) as u64;
    let mut date = first_set + Days::new(guess.max(7));
    set(first_set, date, &mut out);
    // A date that passes with the deal open is pushed two to six weeks out, some days
    // late.
    loop {
        let noticed = date + Days::new(rng.range(1, 12) as u64);
        if noticed > until || noticed > kept_up_until {
            return out;
        }
        date = noticed + Days::new(rng.range(14, 45) as u64);
        set(noticed, date, &mut out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).expect("date") + Days::new(n)
    }

    #[test]
    fn dates_are_pushed_only_while_the_deal_is_open_and_looked_after() {
        let mut rng = Rng::new(5);
        for seed in 0..300 {
            let (created, until) = (day(seed % 40), day(40 + seed));
            let kept_up = day(seed % 3 * 60);
            let dates = seller_dates(&mut rng, DealId(1), created, 60.0, until, kept_up);
            let days: Vec<NaiveDate> = dates.changes.iter().map(|e| e.on).collect();
            assert!(days.windows(2).all(|w| w[0] < w[1]), "in date order");
            assert!(days
                .iter()
                .all(|d| created <= *d && *d <= until.min(kept_up)));
            // Every push comes after the date before it had passed.
            for pair in dates.changes.windows(2) {
                let DealEvent::ExpectedClose(Some(before)) = pair[0].event else {
                    panic!("a date is set");
                };
                assert!(pair[1].on > before);
            }
            let last = dates.changes.last().map(|e| e.event);
            assert_eq!(last, dates.last.map(|d| DealEvent::ExpectedClose(Some(d))));
        }
    }
}
