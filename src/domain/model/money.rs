//! Money is an integer count of minor units (cents); floats appear only in display maths.

pub use super::currency::Currency;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::{Add, AddAssign};

/// An amount in minor units of the workspace currency.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money(0), Add::add)
    }
}

/// Digit grouping and decimal mark of a locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberStyle {
    pub group: char,
    pub decimal: char,
}

impl NumberStyle {
    /// The style of a BCP 47 locale tag; English conventions when unknown.
    pub fn for_locale(locale: &str) -> NumberStyle {
        let lang = locale
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match lang.as_str() {
            "de" | "nl" | "it" | "es" | "pt" | "da" | "id" => NumberStyle {
                group: '.',
                decimal: ',',
            },
            "fr" | "sv" | "nb" | "fi" | "pl" | "cs" | "ru" => NumberStyle {
                group: '\u{202f}',
                decimal: ',',
            },
            _ => NumberStyle {
                group: ',',
                decimal: '.',
            },
        }
    }
}

fn group_digits(whole: u64, group: char) -> String {
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(ch);
    }
    out
}

impl Money {
    /// The largest single amount, in minor units (100 billion in a currency with cents):
    /// 900,000 deals of this size still add up exactly in an `i64`.
    pub const MAX_AMOUNT: i64 = 10_000_000_000_000;

    /// Full amount, e.g. `$48,200` or `$1,234.50`; cents shown only when present.
    pub fn format(self, currency: &Currency, style: NumberStyle) -> String {
        let unit = currency.unit();
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = abs / unit as u64;
        let frac = abs % unit as u64;
        let mut text = format!(
            "{sign}{}{}",
            currency.symbol,
            group_digits(whole, style.group)
        );
        if frac != 0 {
            text.push(style.decimal);
            text.push_str(&format!(
                "{:0width$}",
                frac,
                width = currency.decimals as usize
            ));
        }
        text
    }

    /// Abbreviated amount for cards and tiles, e.g. `$48.2K`, `$1.3M`.
    pub fn format_short(self, currency: &Currency, style: NumberStyle) -> String {
        let units = self.0 as f64 / currency.unit() as f64;
        let abs = units.abs();
        let sign = if units < 0.0 { "-" } else { "" };
        let (scaled, suffix) = if abs >= 1e9 {
            (abs / 1e9, "B")
        } else if abs >= 1e6 {
            (abs / 1e6, "M")
        } else if abs >= 1e3 {
            (abs / 1e3, "K")
        } else {
            return Money(self.0 - self.0 % currency.unit()).format(currency, style);
        };
        let rounded = (scaled * 10.0).round() / 10.0;
        let mut number = if rounded.fract() == 0.0 {
            format!("{rounded:.0}")
        } else {
            format!("{rounded:.1}")
        };
        if style.decimal != '.' {
            number = number.replace('.', &style.decimal.to_string());
        }
        format!("{sign}{}{number}{suffix}", currency.symbol)
    }

    /// Parses what a user typed ("1,234.50", "$900", "1200") into minor units.
    pub fn parse(
        input: &str,
        currency: &Currency,
        style: NumberStyle,
    ) -> Result<Money, MoneyParseError> {
        let trimmed: String = input
            .trim()
            .trim_start_matches(currency.symbol.trim())
            .trim_start_matches(currency.code)
            .chars()
            .filter(|c| !c.is_whitespace() && *c != style.group && *c != '\u{202f}')
            .collect();
        if trimmed.is_empty() {
            return Err(MoneyParseError::Empty);
        }
        let normalised = trimmed.replace(style.decimal, ".");
        let (negative, digits) = match normalised.strip_prefix('-') {
            Some(rest) => (true, rest.to_string()),
            None => (false, normalised),
        };
        let (whole, frac) = match digits.split_once('.') {
            Some((w, f)) => (w, f),
            None => (digits.as_str(), ""),
        };
        let valid = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if !valid(whole) || !valid(frac) || (whole.is_empty() && frac.is_empty()) {
            return Err(MoneyParseError::NotANumber(input.trim().to_string()));
        }
        if frac.len() > currency.decimals as usize {
            return Err(MoneyParseError::TooManyDecimals {
                decimals: currency.decimals,
            });
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyParseError::TooLarge)?
        };
        let frac_padded = format!("{frac:0<width$}", width = currency.decimals as usize);
        let frac: i64 = if frac_padded.is_empty() {
            0
        } else {
            frac_padded.parse().map_err(|_| MoneyParseError::TooLarge)?
        };
        let minor = whole
            .checked_mul(currency.unit())
            .and_then(|w| w.checked_add(frac))
            .ok_or(MoneyParseError::TooLarge)?;
        Ok(Money(if negative { -minor } else { minor }))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyParseError {
    #[error("enter an amount")]
    Empty,
    #[error("\"{0}\" is not an amount")]
    NotANumber(String),
    #[error("use at most {decimals} decimal places")]
    TooManyDecimals { decimals: u32 },
    #[error("the amount is too large")]
    TooLarge,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd() -> Currency {
        Currency::from_code("usd").expect("USD is known")
    }
    fn en() -> NumberStyle {
        NumberStyle::for_locale("en-US")
    }

    #[test]
    fn formats_full_amounts_with_grouping_and_optional_cents() {
        assert_eq!(Money(4_820_000).format(&usd(), en()), "$48,200");
        assert_eq!(Money(123_450).format(&usd(), en()), "$1,234.50");
        assert_eq!(Money(-5).format(&usd(), en()), "-$0.05");
        assert_eq!(Money(0).format(&usd(), en()), "$0");
        let de = NumberStyle::for_locale("de-DE");
        let eur = Currency::from_code("EUR").expect("EUR is known");
        assert_eq!(Money(123_456_789).format(&eur, de), "€1.234.567,89");
        let jpy = Currency::from_code("JPY").expect("JPY is known");
        assert_eq!(Money(1_500_000).format(&jpy, en()), "¥1,500,000");
    }

    #[test]
    fn abbreviates_for_cards() {
        assert_eq!(Money(4_820_000).format_short(&usd(), en()), "$48.2K");
        assert_eq!(Money(130_000_000).format_short(&usd(), en()), "$1.3M");
        assert_eq!(Money(100_000).format_short(&usd(), en()), "$1K");
        assert_eq!(Money(99_950).format_short(&usd(), en()), "$999");
        assert_eq!(Money(-250_000).format_short(&usd(), en()), "-$2.5K");
    }

    #[test]
    fn parses_what_users_type() {
        assert_eq!(Money::parse("1,234.5", &usd(), en()), Ok(Money(123_450)));
        assert_eq!(Money::parse(" $900 ", &usd(), en()), Ok(Money(90_000)));
        assert_eq!(Money::parse(".5", &usd(), en()), Ok(Money(50)));
        assert_eq!(Money::parse("", &usd(), en()), Err(MoneyParseError::Empty));
        assert!(matches!(
            Money::parse("12a", &usd(), en()),
            Err(MoneyParseError::NotANumber(_))
        ));
        assert_eq!(
            Money::parse("1.234", &usd(), en()),
            Err(MoneyParseError::TooManyDecimals { decimals: 2 })
        );
        assert_eq!(
            Money::parse("99999999999999999999", &usd(), en()),
            Err(MoneyParseError::TooLarge)
        );
        let de = NumberStyle::for_locale("de");
        assert_eq!(Money::parse("1.234,56", &usd(), de), Ok(Money(123_456)));
    }

    #[test]
    fn unknown_currency_is_none() {
        assert!(Currency::from_code("XYZ").is_none());
    }
}
