//! Forms: what a user typed, as text, parsed by the domain into a draft a command takes,
//! or into the errors of each field. Views bind the fields and show the errors; they
//! decide nothing.

mod deal;
mod lead;
mod percent;
mod person;
mod settings;
mod stage;
mod stage_table;

pub use deal::DealForm;
pub use lead::LeadForm;
pub use percent::Percent;
pub use person::PersonForm;
pub use settings::SettingsForm;
pub use stage::StageForm;
pub use stage_table::{StageRowForm, StageTable};

use crate::domain::model::dates::parse_iso;
use chrono::NaiveDate;
use std::fmt;

/// What is wrong with one field, in the words its label uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub message: String,
}

/// Every field error of one form; empty when the form is valid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// The message for one field, if it has one.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }

    /// Keeps a field's value, or records what is wrong with it.
    fn check<T>(&mut self, field: &'static str, parsed: Result<T, String>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(message) => {
                self.0.push(FieldError { field, message });
                None
            }
        }
    }

    /// `Ok(value)` when no field failed.
    fn or<T>(self, value: T) -> Result<T, FieldErrors> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for FieldErrors {
    /// "Value: … · Probability: …", for a form's one error line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" · ")?;
            }
            write!(f, "{}: {}", e.field, e.message)?;
        }
        Ok(())
    }
}

/// `typed` with every field the user left alone (still as the form showed it, `shown`)
/// taken from `latest`: an open form follows changes made elsewhere without losing what
/// the user is typing.
fn refreshed<F: Clone, const N: usize>(
    typed: &F,
    shown: &F,
    latest: &F,
    fields: fn(&mut F) -> [&mut String; N],
) -> F {
    let (mut out, mut before, mut after) = (typed.clone(), shown.clone(), latest.clone());
    for ((mine, was), now) in fields(&mut out)
        .into_iter()
        .zip(fields(&mut before))
        .zip(fields(&mut after))
    {
        if *mine == *was {
            std::mem::swap(mine, now);
        }
    }
    out
}

/// A typed time ("14:30"), or none when left blank.
pub fn optional_time(text: &str) -> Result<Option<chrono::NaiveTime>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    chrono::NaiveTime::parse_from_str(text, "%H:%M")
        .map(Some)
        .map_err(|_| format!("“{text}” is not a time like 14:30"))
}

/// A typed number of minutes, or none when left blank.
pub fn optional_minutes(text: &str) -> Result<Option<u32>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<u32>()
        .map(Some)
        .map_err(|_| format!("“{text}” is not a number of minutes"))
}

/// An optional date field: blank is none; otherwise YYYY-MM-DD, a day that exists.
pub fn optional_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(date) = parse_iso(text) {
        return Ok(Some(date));
    }
    let parts: Vec<&str> = text.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
            Err(format!("“{text}” is not a day of the calendar"))
        }
        _ => Err(format!("“{text}” is not a date (use YYYY-MM-DD)")),
    }
}

/// A whole number from 0 to 100 (a lead score).
pub fn score(text: &str) -> Result<u8, String> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|s| *s <= 100)
        .ok_or_else(|| format!("“{}” is not a whole number from 0 to 100", text.trim()))
}

/// The longest rotting limit: ten years.
const MAX_DAYS: u32 = 3_650;

/// An optional number of days: blank is none.
pub fn optional_days(text: &str) -> Result<Option<u32>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        // Only digits: a number, perhaps too large to mean anything.
        return t
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= MAX_DAYS)
            .map(Some)
            .ok_or_else(|| format!("{t} days is too long; at most {MAX_DAYS} (ten years)"));
    }
    Err(format!("“{t}” is not a whole number of days"))
}

#[cfg(test)]
mod time_field_tests {
    use super::{optional_minutes, optional_time};

    #[test]
    fn a_time_and_a_duration_are_blank_or_read_or_named() {
        assert_eq!(optional_time(" "), Ok(None));
        assert_eq!(
            optional_time("14:30"),
            Ok(chrono::NaiveTime::from_hms_opt(14, 30, 0))
        );
        assert!(optional_time("25:00").is_err_and(|e| e.contains("not a time like 14:30")));
        assert_eq!(optional_minutes(""), Ok(None));
        assert_eq!(optional_minutes(" 45 "), Ok(Some(45)));
        assert!(optional_minutes("an hour").is_err_and(|e| e.contains("not a number of minutes")));
    }
}
