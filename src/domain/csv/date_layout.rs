//! How a file writes its dates. Each date column's layout is detected from its values
//! (every value must fit) and shown as a choice; a column that fits both day-first and
//! month-first (every day 12 or less) is not guessed: the user says which.

use chrono::{Days, NaiveDate};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateLayout {
    /// 2026-11-27, 2026/11/27, 2026.11.27; a time after the date is ignored.
    YearFirst,
    /// 27/11/2026, 27-11-26, 27.11.2026.
    DayFirst,
    /// 11/27/2026, 11-27-26.
    MonthFirst,
    /// Days since 1899-12-30, as a spreadsheet stores dates: 46353 (a fraction is the
    /// time of day, ignored).
    Serial,
}

impl DateLayout {
    pub const ALL: [DateLayout; 4] = [
        DateLayout::YearFirst,
        DateLayout::DayFirst,
        DateLayout::MonthFirst,
        DateLayout::Serial,
    ];

    pub fn label(self) -> &'static str {
        match self {
            DateLayout::YearFirst => "Year first (2026-11-27)",
            DateLayout::DayFirst => "Day first (27/11/2026, 27-11-26, 27.11.2026)",
            DateLayout::MonthFirst => "Month first (11/27/2026, 11-27-26)",
            DateLayout::Serial => "Spreadsheet serial number (46353)",
        }
    }

    /// The stable name a choice is kept under (in the page's select).
    pub fn key(self) -> &'static str {
        match self {
            DateLayout::YearFirst => "year-first",
            DateLayout::DayFirst => "day-first",
            DateLayout::MonthFirst => "month-first",
            DateLayout::Serial => "serial",
        }
    }

    pub fn from_key(key: &str) -> Option<DateLayout> {
        DateLayout::ALL.into_iter().find(|l| l.key() == key)
    }

    /// The day `text` names in this layout; `Ok(None)` for a blank cell.
    pub fn parse(self, text: &str) -> Result<Option<NaiveDate>, String> {
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        self.read(t).map(Some).map_err(|problem| match problem {
            Problem::OtherLayout => format!("“{t}” is not a date written {}", self.label_lower()),
            Problem::NoSuchDay => format!("“{t}” is not a day of the calendar"),
        })
    }

    fn read(self, t: &str) -> Result<NaiveDate, Problem> {
        // A year written first cannot be misread: it is read in a column of any layout.
        if self != DateLayout::YearFirst {
            let year_first = DateLayout::YearFirst.read(t);
            if !matches!(year_first, Err(Problem::OtherLayout)) {
                return year_first;
            }
        }
        if self == DateLayout::Serial {
            return serial(t).ok_or(Problem::OtherLayout);
        }
        let ([a, b, c], separator) = date_numbers(t).ok_or(Problem::OtherLayout)?;
        let short = |n: (u32, usize)| n.1 <= 2;
        let day_month = short(a) && short(b) && matches!(c.1, 2 | 4);
        let (year, month, day) = match self {
            DateLayout::YearFirst if a.1 == 4 && short(b) && short(c) => (a, b.0, c.0),
            DateLayout::DayFirst if day_month => (c, b.0, a.0),
            // Dots are a day-first convention only (27.11.2026).
            DateLayout::MonthFirst if day_month && separator != '.' => (c, a.0, b.0),
            _ => return Err(Problem::OtherLayout),
        };
        let year = match year {
            (year, 4) => year,
            // Two-digit years as spreadsheets read them: 00–29 are 2000–2029.
            (year, _) if year < 30 => 2000 + year,
            (year, _) => 1900 + year,
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(Problem::OtherLayout);
        }
        NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(Problem::NoSuchDay)
    }

    /// Whether `text` has this layout's shape, whether or not the day exists.
    fn fits(self, text: &str) -> bool {
        !matches!(self.read(text), Err(Problem::OtherLayout))
    }

    fn label_lower(self) -> &'static str {
        match self {
            DateLayout::YearFirst => "year first (2026-11-27)",
            DateLayout::DayFirst => "day first (27/11/2026)",
            DateLayout::MonthFirst => "month first (11/27/2026)",
            DateLayout::Serial => "as a spreadsheet serial number",
        }
    }
}

/// What a column's values say about its layout.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detected {
    /// No value to judge by.
    Blank,
    /// The one layout every value fits (or, when none fits them all, the one most fit).
    Layout(DateLayout),
    /// Several layouts fit every value: the user chooses.
    Ambiguous(Vec<DateLayout>),
}

/// The layout of a column from its values.
pub fn detect<'a>(values: impl Iterator<Item = &'a str>) -> Detected {
    let mut fits = [0usize; 4];
    let mut judged = 0;
    for value in values.map(str::trim).filter(|v| !v.is_empty()) {
        // A day that does not exist still shows the layout ("31/02/2026" is day first,
        // and then wrong); a value no layout reads is its row's error, not a clue.
        let fitting = DateLayout::ALL.map(|layout| layout.fits(value));
        if fitting.contains(&true) {
            judged += 1;
            for (count, fit) in fits.iter_mut().zip(fitting) {
                *count += usize::from(fit);
            }
        }
    }
    let Some(&most) = fits.iter().max().filter(|_| judged > 0) else {
        return Detected::Blank;
    };
    let best: Vec<DateLayout> = (DateLayout::ALL.into_iter().zip(fits))
        .filter(|(_, n)| *n == most)
        .map(|(l, _)| l)
        .collect();
    match best.as_slice() {
        [one] => Detected::Layout(*one),
        // Only year-first values: every layout reads them; call it what it is.
        _ if best.contains(&DateLayout::YearFirst) => Detected::Layout(DateLayout::YearFirst),
        _ => Detected::Ambiguous(best),
    }
}

/// Why a text is not a date in a layout.
enum Problem {
    /// Not written in that layout at all.
    OtherLayout,
    /// Written in it, but the day does not exist (31 February).
    NoSuchDay,
}

/// The three numbers of a date ("27.11.2026", "2026-11-27T10:00") with their digit
/// counts; one kind of separator; a time after a space or a "T" is ignored.
fn date_numbers(text: &str) -> Option<([(u32, usize); 3], char)> {
    let date = text.split(['T', ' ']).next()?;
    let separator = date.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut numbers = [(0, 0); 3];
    let mut parts = date.split(separator);
    for slot in &mut numbers {
        let part = parts.next()?;
        if part.is_empty() || part.len() > 4 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = (part.parse().ok()?, part.len());
    }
    parts.next().is_none().then_some((numbers, separator))
}

/// A spreadsheet serial day: 1 is 1899-12-31 (day 60, Lotus's 29 February 1900, is
/// read as spreadsheets since Excel 2007 do: counted from 1899-12-30).
fn serial(text: &str) -> Option<NaiveDate> {
    let whole = text.split_once('.').map_or(text, |(w, fraction)| {
        if fraction.bytes().all(|b| b.is_ascii_digit()) {
            w
        } else {
            ""
        }
    });
    if whole.is_empty() || whole.len() > 7 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let days: u64 = whole.parse().ok()?;
    // Up to 9999-12-31, the last day spreadsheets know.
    if !(1..=2_958_465).contains(&days) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateLayout::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn each_layout_reads_its_dates() {
        assert_eq!(YearFirst.parse("2026-11-27"), Ok(d(2026, 11, 27)));
        assert_eq!(YearFirst.parse("2017-03-01 10:22:33"), Ok(d(2017, 3, 1)));
        assert_eq!(YearFirst.parse("2026-11-27T08:00:00Z"), Ok(d(2026, 11, 27)));
        assert_eq!(YearFirst.parse("2026/11/27"), Ok(d(2026, 11, 27)));
        assert_eq!(DayFirst.parse("27/11/2026"), Ok(d(2026, 11, 27)));
        assert_eq!(DayFirst.parse("27.11.2026"), Ok(d(2026, 11, 27)));
        assert_eq!(DayFirst.parse("01-03-17"), Ok(d(2017, 3, 1)));
        assert_eq!(DayFirst.parse("1/3/2017 9:15"), Ok(d(2017, 3, 1)));
        assert_eq!(MonthFirst.parse("11/27/2026"), Ok(d(2026, 11, 27)));
        assert_eq!(MonthFirst.parse("01-03-17"), Ok(d(2017, 1, 3)));
        assert_eq!(Serial.parse("46353"), Ok(d(2026, 11, 27)));
        assert_eq!(Serial.parse("42795.4375"), Ok(d(2017, 3, 1)));
        assert_eq!(YearFirst.parse("  "), Ok(None));
        assert_eq!(YearFirst.parse("2026/3/9"), Ok(d(2026, 3, 9)));
        assert_eq!(YearFirst.parse(" 2026-03-09T10:00 "), Ok(d(2026, 3, 9)));
        for text in [
            "2026-13-01",
            "2026-03",
            "2026-03-09-01",
            "x/9/2026",
            "2026-03/09",
            "9 March",
        ] {
            for layout in DateLayout::ALL {
                assert!(layout.parse(text).is_err(), "{text} {layout:?}");
            }
        }
    }

    #[test]
    fn two_digit_years_are_read_as_spreadsheets_read_them() {
        assert_eq!(DayFirst.parse("31.12.29"), Ok(d(2029, 12, 31)));
        assert_eq!(DayFirst.parse("01.01.30"), Ok(d(1930, 1, 1)));
        assert_eq!(MonthFirst.parse("12/31/99"), Ok(d(1999, 12, 31)));
    }

    #[test]
    fn wrong_dates_say_why() {
        assert_eq!(
            DayFirst.parse("31/02/2026"),
            Err("“31/02/2026” is not a day of the calendar".into())
        );
        assert_eq!(
            DayFirst.parse("11/27/2026"),
            Err("“11/27/2026” is not a date written day first (27/11/2026)".into())
        );
        assert!(YearFirst.parse("27.11.2026").is_err());
        assert_eq!(DayFirst.parse("2026-11-27"), Ok(d(2026, 11, 27)));
        assert!(Serial.parse("12/03/2026").is_err());
        assert!(Serial.parse("0").is_err());
        assert!(Serial.parse("99999999").is_err());
        assert!(YearFirst.parse("soon").is_err());
        assert!(DayFirst.parse("1/2/3/4").is_err());
        assert!(DayFirst.parse("1/2/123").is_err());
    }

    #[test]
    fn a_column_shows_its_layout_and_asks_when_two_fit() {
        assert_eq!(
            detect(["2026-11-27", "", "2026-01-02"].into_iter()),
            Detected::Layout(YearFirst)
        );
        assert_eq!(
            detect(["27/11/2026", "03/04/2026"].into_iter()),
            Detected::Layout(DayFirst)
        );
        assert_eq!(
            detect(["11/27/2026", "03/04/2026"].into_iter()),
            Detected::Layout(MonthFirst)
        );
        assert_eq!(
            detect(["46353", "42795.5"].into_iter()),
            Detected::Layout(Serial)
        );
        assert_eq!(
            detect(["01-03-17", "12-11-16"].into_iter()),
            Detected::Ambiguous(vec![DayFirst, MonthFirst])
        );
        assert_eq!(detect(["", " "].into_iter()), Detected::Blank);
        // A day that does not exist does not hide the layout; nor does one bad value.
        assert_eq!(
            detect(["31/02/2026", "13/01/2026"].into_iter()),
            Detected::Layout(DayFirst)
        );
        assert_eq!(
            detect(["27/11/2026", "28/11/2026", "soon"].into_iter()),
            Detected::Layout(DayFirst)
        );
        // Year-first values fit any column; dots are day first.
        assert_eq!(
            detect(["2026-05-01", "01.06.2026"].into_iter()),
            Detected::Layout(DayFirst)
        );
        assert_eq!(MonthFirst.parse("2026-05-01"), Ok(d(2026, 5, 1)));
        assert!(MonthFirst.parse("01.06.2026").is_err());
        assert_eq!(
            detect(["2026-05-01", "garbage"].into_iter()),
            Detected::Layout(YearFirst)
        );
        assert_eq!(detect(["garbage"].into_iter()), Detected::Blank);
    }

    #[test]
    fn layouts_are_kept_under_stable_keys() {
        for layout in DateLayout::ALL {
            assert_eq!(DateLayout::from_key(layout.key()), Some(layout));
        }
        assert_eq!(DateLayout::from_key("weekday"), None);
    }
}
