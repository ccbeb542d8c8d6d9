//! Revenue from deals not created yet: in each of the 12 complete months before the
//! forecast's first month, what was won from deals created after the same point of the
//! month the forecast looks that far ahead from; averaged over those months.

use super::history::History;
use crate::domain::metrics::exact::{ExactSum, Fraction};
use crate::domain::metrics::month_offset;
use crate::domain::Money;
use chrono::{Datelike, Days, NaiveDate};

/// The months of history it learns from.
const HISTORY_MONTHS: i32 = 12;

/// For month k of the forecast (`months[k]`, month starts with one more at the end):
/// the mean, over the complete months m = 1 … 12 months before `months[0]`, of the value
/// won in m from deals created on or after the anchor: the first of the month k months
/// before m, plus `known_days` days (how far the forecast's first month had gone). An
/// anchor on or before the first deal the workspace knows of is not history (the team
/// was not recording yet) and is left out; with none left, 0.
pub fn expected(
    history: &History,
    months: &[NaiveDate],
    known_days: u32,
    known_before: NaiveDate,
) -> Vec<Money> {
    let count = months.len().saturating_sub(1);
    let first = months[0];
    let Some(first_created) = history.first_created.filter(|c| *c < known_before) else {
        return vec![Money(0); count];
    };
    let anchor =
        |m: i32, k: usize| month_offset(first, -(m + k as i32)) + Days::new(u64::from(known_days));
    let counts_as_history = |m: i32, k: usize| anchor(m, k) > first_created;
    let mut won = vec![0i64; count];
    // anchors[m][k], and whether it counts; m = 0 is unused.
    let anchors: Vec<Vec<Option<NaiveDate>>> = (0..=HISTORY_MONTHS)
        .map(|m| {
            (0..count)
                .map(|k| Some(anchor(m, k)).filter(|_| m > 0 && counts_as_history(m, k)))
                .collect()
        })
        .collect();
    for &(closed, created, value) in &history.won {
        let m = months_between(closed, first);
        if !(1..=HISTORY_MONTHS).contains(&m) {
            continue;
        }
        for (sum, anchor) in won.iter_mut().zip(&anchors[m as usize]) {
            if anchor.is_some_and(|a| created >= a) {
                *sum += value.0;
            }
        }
    }
    won.into_iter()
        .enumerate()
        .map(|(k, sum)| {
            let months = anchors.iter().filter(|a| a[k].is_some()).count();
            if months == 0 {
                return Money(0);
            }
            let mut mean = ExactSum::default();
            mean.add(
                Money(sum),
                Fraction {
                    num: 1,
                    den: months as i128,
                },
            );
            mean.round()
        })
        .collect()
}

/// Whole calendar months from `earlier`'s month to `later`'s.
fn months_between(earlier: NaiveDate, later: NaiveDate) -> i32 {
    (later.year() - earlier.year()) * 12 + later.month() as i32 - earlier.month() as i32
}
