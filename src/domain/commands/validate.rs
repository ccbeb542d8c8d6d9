//! Field rules every command shares: trimmed text within a length, amounts within the
//! range where totals stay exact, percentages within 0–100.

use crate::domain::model::error::DomainError;
use crate::domain::model::money::Money;

/// The longest name, title or short text field, in characters.
pub const MAX_TEXT: usize = 200;
/// The longest note, in characters.
pub const MAX_NOTE: usize = 10_000;

/// A required text: trimmed, not empty, at most `max` characters.
pub(crate) fn text(what: &'static str, value: &str, max: usize) -> Result<String, DomainError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DomainError::Empty(what));
    }
    within(what, value, max)
}

/// An optional short text: trimmed, at most `MAX_TEXT` characters.
pub(crate) fn optional_text(what: &'static str, value: &str) -> Result<String, DomainError> {
    within(what, value.trim(), MAX_TEXT)
}

fn within(what: &'static str, value: &str, max: usize) -> Result<String, DomainError> {
    let len = value.chars().count();
    if len > max {
        return Err(DomainError::TooLong { what, len, max });
    }
    Ok(value.to_string())
}

/// A deal value, expected value or goal: not negative, and small enough that the
/// totals of any number of deals a browser can hold stay exact in `i64`.
pub(crate) fn amount(value: Money) -> Result<Money, DomainError> {
    if value.0 < 0 {
        Err(DomainError::NegativeValue)
    } else if value.0 > Money::MAX_AMOUNT {
        Err(DomainError::ValueTooLarge)
    } else {
        Ok(value)
    }
}

pub(crate) fn probability(p: u8) -> Result<u8, DomainError> {
    if p > 100 {
        Err(DomainError::Probability(p as i64))
    } else {
        Ok(p)
    }
}

/// An optional email address: blank, or one `@` with text on both sides and no spaces
/// (what a mail program accepts; whether it is delivered is not knowable here).
pub(crate) fn optional_email(value: &str) -> Result<String, DomainError> {
    let value = optional_text("email", value)?;
    let looks_right = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.is_empty()
                && !domain.contains('@')
                && !value.contains(char::is_whitespace)
        }
        None => false,
    };
    if value.is_empty() || looks_right {
        Ok(value)
    } else {
        Err(DomainError::BadEmail(value))
    }
}
