//! Dates as people read them ("Nov 7, 2026") and as forms and spreadsheets write them.
//!
//! Six fixed layouts do not need chrono's strftime interpreter: its format and parse
//! machinery was about 15 KB of the wasm. ISO dates parse with `NaiveDate`'s own
//! `FromStr`, which the stored data needs anyway.

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "November".
pub fn month_name(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize]
}

/// "Nov".
fn short_month_name(date: NaiveDate) -> &'static str {
    &month_name(date)[..3]
}

/// "Nov 7".
pub fn day_and_month(date: NaiveDate) -> String {
    format!("{} {}", short_month_name(date), date.day())
}

/// "Nov 7, 2026".
pub fn full_date(date: NaiveDate) -> String {
    format!("{}, {}", day_and_month(date), date.year())
}

/// "November 2026".
pub fn month_and_year(date: NaiveDate) -> String {
    format!("{} {}", month_name(date), date.year())
}

/// "Nov 2026", for chart axes.
pub fn short_month_and_year(date: NaiveDate) -> String {
    format!("{} {}", short_month_name(date), date.year())
}

/// "2026-11".
pub fn year_month(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// A date as a date field or an export writes it: "2026-11-27".
pub fn parse_iso(text: &str) -> Option<NaiveDate> {
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn formats_read_like_chrono_did() {
        let date = d(2026, 11, 7);
        assert_eq!(day_and_month(date), date.format("%b %-d").to_string());
        assert_eq!(full_date(date), date.format("%b %-d, %Y").to_string());
        assert_eq!(month_and_year(date), date.format("%B %Y").to_string());
        assert_eq!(short_month_and_year(date), date.format("%b %Y").to_string());
        assert_eq!(year_month(date), date.format("%Y-%m").to_string());
        for month in 1..=12 {
            let first = d(2026, month, 1);
            assert_eq!(full_date(first), first.format("%b %-d, %Y").to_string());
            assert_eq!(month_name(first), first.format("%B").to_string());
        }
    }

    #[test]
    fn iso_dates_from_date_fields() {
        assert_eq!(parse_iso(" 2026-03-09 "), Some(d(2026, 3, 9)));
        assert_eq!(parse_iso("03/09/2026"), None);
        assert_eq!(parse_iso(""), None);
    }
}
