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

/// A date as spreadsheets write it: 2026-11-27, 2026/11/27, 27.11.2026 or 11/27/2026
/// (a time after the date is ignored).
pub fn parse_spreadsheet_date(text: &str) -> Option<NaiveDate> {
    let (year, month, day) = spreadsheet_date_parts(text)?;
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// Whether `text` is written in one of the spreadsheet layouts but names no real day
/// ("2026-02-30", "31.04.2026"): a different mistake from an unknown layout.
pub fn is_impossible_day(text: &str) -> bool {
    spreadsheet_date_parts(text).is_some() && parse_spreadsheet_date(text).is_none()
}

/// (year, month, day) as a spreadsheet layout reads them.
fn spreadsheet_date_parts(text: &str) -> Option<(u32, u32, u32)> {
    let date = text.trim().split(['T', ' ']).next()?;
    let [a, b, c] = three_numbers(date)?;
    if date.contains('.') {
        Some((c, b, a))
    } else if date.split(['-', '/']).next()?.len() == 4 {
        Some((a, b, c))
    } else if date.contains('/') {
        Some((c, a, b))
    } else {
        None
    }
}

/// "a-b-c", "a/b/c" or "a.b.c" with one kind of separator and digits only.
fn three_numbers(text: &str) -> Option<[u32; 3]> {
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut numbers = [0u32; 3];
    let mut parts = text.split(separator);
    for slot in &mut numbers {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = part.parse().ok()?;
    }
    parts.next().is_none().then_some(numbers)
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
    fn spreadsheet_dates_in_four_layouts() {
        let expected = Some(d(2026, 3, 9));
        for text in [
            "2026-03-09",
            "2026/3/9",
            "09.03.2026",
            "3/9/2026",
            " 2026-03-09T10:00 ",
        ] {
            assert_eq!(parse_spreadsheet_date(text), expected, "{text}");
        }
        for text in [
            "",
            "2026-13-01",
            "31.02.2026",
            "2026-03",
            "2026-03-09-01",
            "x/9/2026",
            "2026-03/09",
            "9 March",
        ] {
            assert_eq!(parse_spreadsheet_date(text), None, "{text}");
        }
    }

    #[test]
    fn iso_dates_from_date_fields() {
        assert_eq!(parse_iso(" 2026-03-09 "), Some(d(2026, 3, 9)));
        assert_eq!(parse_iso("03/09/2026"), None);
        assert_eq!(parse_iso(""), None);
    }
}
