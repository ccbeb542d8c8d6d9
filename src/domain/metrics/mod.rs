//! The metrics and forecasting engine, exactly as `docs/metrics.md` defines it (the
//! "rule N" in comments are its numbered rules).
//!
//! Plain functions of a workspace, a pipeline, a period and a given today. Ratios are
//! fractions 0–1 (`None` where the denominator is zero); money stays in integer minor
//! units until a ratio needs floating point.

pub mod closed;
pub mod customers;
pub mod dashboard;
pub mod exact;
pub mod flow;
pub mod forecast;
pub mod forecast_summary;
pub mod index;
pub mod learned;
pub mod open;
pub mod owners;

pub use dashboard::{Dashboard, KeyFigures};
pub use forecast_summary::ForecastSummary;

use chrono::{Datelike, Days, Months, NaiveDate};

/// A range of calendar days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Set for a calendar month, quarter or year to date: it compares with the same
    /// days of the previous one (rule 23), not with the days just before.
    pub calendar: Option<Calendar>,
}

/// The calendar unit a period to date is part of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Calendar {
    Month,
    Quarter,
    Year,
}

impl Calendar {
    fn months(self) -> u32 {
        match self {
            Calendar::Month => 1,
            Calendar::Quarter => 3,
            Calendar::Year => 12,
        }
    }
}

impl Period {
    /// `start..=end`; the ends are swapped if given backwards.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Period {
        if start <= end {
            Period {
                start,
                end,
                calendar: None,
            }
        } else {
            Period {
                start: end,
                end: start,
                calendar: None,
            }
        }
    }

    /// The last `days` days up to and including `today` (default 90: today − 89 … today).
    pub fn last_days(today: NaiveDate, days: u64) -> Period {
        Period::new(today - Days::new(days.saturating_sub(1)), today)
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// What the period is compared with (rule 23): the same days of the previous
    /// calendar month, quarter or year for a period to date (1 Oct – 2 Dec → 1 Jul –
    /// 2 Sep; a day past the end of a shorter month is its last day); otherwise the same
    /// number of days just before.
    pub fn previous(&self) -> Period {
        match self.calendar {
            Some(unit) => {
                let back = |day: NaiveDate| {
                    day.checked_sub_months(Months::new(unit.months()))
                        .unwrap_or(day)
                };
                Period {
                    start: back(self.start),
                    end: back(self.end),
                    calendar: Some(unit),
                }
            }
            None => {
                let end = self.start - Days::new(1);
                Period::new(end - Days::new((self.days() - 1) as u64), end)
            }
        }
    }

    fn to_date(start: NaiveDate, today: NaiveDate, unit: Calendar) -> Period {
        Period {
            calendar: Some(unit),
            ..Period::new(start, today)
        }
    }

    pub fn this_month(today: NaiveDate) -> Period {
        Period::to_date(month_start(today), today, Calendar::Month)
    }

    pub fn this_quarter(today: NaiveDate) -> Period {
        let first_month = (today.month0() / 3) * 3 + 1;
        let start = NaiveDate::from_ymd_opt(today.year(), first_month, 1).unwrap_or(today);
        Period::to_date(start, today, Calendar::Quarter)
    }

    pub fn this_year(today: NaiveDate) -> Period {
        let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        Period::to_date(start, today, Calendar::Year)
    }
}

/// `numerator ÷ denominator`, or `None` when the denominator is zero.
pub fn ratio(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator)
}

pub fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The first day of the month `offset` months after `day`'s month (negative: before).
pub fn month_offset(day: NaiveDate, offset: i32) -> NaiveDate {
    let start = month_start(day);
    let shifted = if offset >= 0 {
        start.checked_add_months(Months::new(offset as u32))
    } else {
        start.checked_sub_months(Months::new(offset.unsigned_abs()))
    };
    shifted.unwrap_or(start)
}

/// Calendar months from `earlier`'s month to `later`'s (negative when `later` is in an
/// earlier month).
pub fn months_between(earlier: NaiveDate, later: NaiveDate) -> i32 {
    (later.year() - earlier.year()) * 12 + later.month() as i32 - earlier.month() as i32
}

/// A calendar month as (year, month).
pub fn month_key(day: NaiveDate) -> (i32, u32) {
    (day.year(), day.month())
}

/// Σ value × percent, divided by 100 once at the end and rounded (docs/metrics.md rule 10).
pub fn weighted_money(sum_value_times_percent: i128) -> crate::domain::Money {
    let rounded = exact::round_half_away(sum_value_times_percent, 100);
    // Saturates: a total beyond i64 (only data far past the amount cap) stays the
    // largest amount instead of wrapping to a negative one.
    crate::domain::Money(rounded.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid")
    }

    #[test]
    fn periods_include_both_ends_and_the_previous_one_has_the_same_length() {
        let p = Period::last_days(d(2026, 3, 31), 90);
        assert_eq!(p.start, d(2026, 1, 1));
        assert_eq!(p.days(), 90);
        let prev = p.previous();
        assert_eq!((prev.start, prev.end), (d(2025, 10, 3), d(2025, 12, 31)));
        assert_eq!(prev.days(), 90);
        assert!(
            p.contains(d(2026, 1, 1)) && p.contains(d(2026, 3, 31)) && !p.contains(d(2026, 4, 1))
        );
        assert_eq!(Period::this_quarter(d(2026, 5, 17)).start, d(2026, 4, 1));
    }

    #[test]
    fn a_calendar_period_to_date_compares_with_the_same_days_of_the_previous_one() {
        let q = Period::this_quarter(d(2026, 12, 2));
        assert_eq!((q.start, q.end), (d(2026, 10, 1), d(2026, 12, 2)));
        let prev = q.previous();
        assert_eq!((prev.start, prev.end), (d(2026, 7, 1), d(2026, 9, 2)));
        let m = Period::this_month(d(2026, 3, 31)).previous();
        assert_eq!((m.start, m.end), (d(2026, 2, 1), d(2026, 2, 28)));
        let y = Period::this_year(d(2026, 2, 29 - 1)).previous();
        assert_eq!((y.start, y.end), (d(2025, 1, 1), d(2025, 2, 28)));
        // Twice back is the quarter before, also to the same day.
        let twice = prev.previous();
        assert_eq!((twice.start, twice.end), (d(2026, 4, 1), d(2026, 6, 2)));
        // A custom range keeps the days-just-before rule.
        assert_eq!(
            Period::new(d(2026, 10, 1), d(2026, 12, 2)).previous().end,
            d(2026, 9, 30)
        );
    }

    #[test]
    fn months_shift_across_years() {
        assert_eq!(month_offset(d(2026, 1, 31), -1), d(2025, 12, 1));
        assert_eq!(month_offset(d(2026, 11, 15), 2), d(2027, 1, 1));
    }

    #[test]
    fn weighted_money_rounds_once_at_the_end() {
        // Three deals of 1 cent at 50 %: exactly 1.5 cents, shown as 2.
        assert_eq!(weighted_money(3 * 50), crate::domain::Money(2));
        assert_eq!(weighted_money(149), crate::domain::Money(1));
    }
}
