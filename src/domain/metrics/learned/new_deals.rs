//! Revenue from deals not created yet. Month k of the forecast gets what deals created
//! up to k months before a month, from the same point of their month on, brought in that
//! month — learned per lag: for each lag a = 0 … k, what a month's wins held of deals
//! created a months before it, averaged over the complete months of the last 12 whose
//! lag-a slice the team was recording. A lag learns from every month that shows it, so a
//! team a few months in still gets its far months.

use super::history::History;
use crate::domain::metrics::exact::{ExactSum, Fraction};
use crate::domain::metrics::{month_offset, months_between};
use crate::domain::Money;
use chrono::{Days, NaiveDate};

/// The months of history it learns from.
const HISTORY_MONTHS: usize = 12;

/// What deals not created yet bring in month k of the forecast, as history tells it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewDeals {
    /// The sum over lags of each lag's mean, rounded once.
    pub expected: Money,
    /// What each month of history brought in, a lag it does not show taken as that
    /// lag's mean (to the cent): their mean is `expected`, each as likely as the others.
    pub past: Vec<Money>,
}

/// For month k of the forecast (`months[k]`, month starts with one more at the end),
/// from the complete months m = 1 … 12 months before `months[0]`. Lag a of month m is
/// the value won in m from deals created from its anchor a (the first of the month a
/// months before m, plus `known_days` days: how far the forecast's first month had
/// gone) up to, not including, anchor a − 1 (lag 0: from anchor 0 on). A lag whose
/// anchor is on or before the first deal the workspace knows of is not history (the team
/// was not recording yet). Month k's expected value = the sum, over lags 0 … k, of each
/// lag's mean over the months it is history in; a lag history never shows adds 0.
pub fn expected(
    history: &History,
    months: &[NaiveDate],
    known_days: u32,
    known_before: NaiveDate,
) -> Vec<NewDeals> {
    let count = months.len().saturating_sub(1);
    let first = months[0];
    let Some(first_created) = history.first_created.filter(|c| *c < known_before) else {
        return vec![NewDeals::default(); count];
    };
    // anchors[m][a] where lag a of month m is history; m = 0 is unused.
    let anchors: Vec<Vec<Option<NaiveDate>>> = (0..=HISTORY_MONTHS)
        .map(|m| {
            (0..count)
                .map(|a| {
                    let anchor =
                        month_offset(first, -((m + a) as i32)) + Days::new(u64::from(known_days));
                    Some(anchor).filter(|anchor| m > 0 && *anchor > first_created)
                })
                .collect()
        })
        .collect();
    let mut lags = vec![vec![0i64; count]; anchors.len()];
    for &(closed, created, value) in &history.won {
        let m = usize::try_from(months_between(closed, first)).unwrap_or(0);
        if !(1..=HISTORY_MONTHS).contains(&m) {
            continue;
        }
        // Its lag: the latest anchor on or before its creation. Anchors go back in time
        // with the lag, and those not history are the earliest ones.
        if let Some(a) = (anchors[m].iter()).position(|anchor| anchor.is_some_and(|a| created >= a))
        {
            lags[m][a] = lags[m][a].saturating_add(value.0);
        }
    }
    let shown_in = |a: usize| anchors.iter().filter(|row| row[a].is_some()).count();
    let means: Vec<Option<(i64, usize)>> = (0..count)
        .map(|a| {
            let months = shown_in(a);
            let total = (lags.iter().zip(&anchors))
                .filter(|(_, row)| row[a].is_some())
                .map(|(lag, _)| lag[a])
                .fold(0i64, i64::saturating_add);
            (months > 0).then_some((total, months))
        })
        .collect();
    (0..count)
        .map(|k| {
            let mut sum = ExactSum::default();
            for &(total, months) in means[..=k].iter().flatten() {
                sum.add(
                    Money(total),
                    Fraction {
                        num: 1,
                        den: months as i128,
                    },
                );
            }
            let mean_of = |a: usize| means[a].map_or(0, |(total, months)| total / months as i64);
            let past = (lags.iter().zip(&anchors))
                .filter(|(_, row)| row[0].is_some())
                .map(|(lag, row)| {
                    Money((0..=k).fold(0i64, |sum, a| {
                        sum.saturating_add(if row[a].is_some() { lag[a] } else { mean_of(a) })
                    }))
                })
                .collect();
            NewDeals {
                expected: sum.round(),
                past,
            }
        })
        .collect()
}
