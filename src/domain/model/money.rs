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

    /// Parses an amount as a user types it in the workspace's number format: an optional
    /// currency symbol or code, an optional minus, digits grouped by the format's group
    /// separator (always in threes), and at most the currency's decimals after its
    /// decimal mark. Anything else — a group in the wrong place ("12,5" in English), a
    /// second decimal mark, more decimals than the currency has — is refused with the
    /// reason, never read as another amount.
    pub fn parse(
        input: &str,
        currency: &Currency,
        style: NumberStyle,
    ) -> Result<Money, MoneyParseError> {
        let text = input.trim();
        let bare = strip_currency(text, currency);
        let bare = bare.as_str();
        let is_group = |c: char| {
            c == style.group
                || (style.group.is_whitespace() || style.group == '\u{202f}') && is_space(c)
        };
        // Spaces around the number or after a minus are not part of it.
        let compact: String = {
            let inner = bare.trim_matches(is_space);
            match inner.strip_prefix('-') {
                Some(rest) => format!("-{}", rest.trim_start_matches(is_space)),
                None => inner.to_string(),
            }
        };
        if compact.is_empty() {
            return Err(MoneyParseError::Empty);
        }
        let (negative, unsigned) = match compact.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, compact.as_str()),
        };
        let not_a_number = || MoneyParseError::NotANumber(text.to_string());
        let mut parts = unsigned.split(style.decimal);
        let whole_text = parts.next().unwrap_or("");
        let frac = parts.next();
        if parts.next().is_some() {
            return Err(MoneyParseError::SeveralDecimalMarks {
                text: text.to_string(),
                mark: style.decimal,
            });
        }
        let frac = frac.unwrap_or("");
        if !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(if frac.chars().any(is_group) {
                MoneyParseError::MisplacedGroup {
                    text: text.to_string(),
                    group: style.group,
                    decimal: style.decimal,
                }
            } else {
                not_a_number()
            });
        }
        let groups: Vec<&str> = whole_text.split(is_group).collect();
        if groups
            .iter()
            .any(|g| !g.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(not_a_number());
        }
        // Grouped digits: 1–3 digits not starting with 0, then groups of exactly three.
        let grouped_right = groups.len() == 1
            || (!groups[0].is_empty()
                && !groups[0].starts_with('0')
                && groups[0].len() <= 3
                && groups[1..].iter().all(|g| g.len() == 3));
        if !grouped_right {
            return Err(MoneyParseError::MisplacedGroup {
                text: text.to_string(),
                group: style.group,
                decimal: style.decimal,
            });
        }
        let whole: String = groups.concat();
        if whole.is_empty() && frac.is_empty() {
            return Err(not_a_number());
        }
        if frac.len() > currency.decimals as usize {
            return Err(MoneyParseError::TooManyDecimals {
                text: text.to_string(),
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

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{202f}'
}

/// The text without the currency's symbol or code before or after the number ("$900",
/// "900 €", "-$5", "EUR 12").
fn strip_currency(text: &str, currency: &Currency) -> String {
    let (minus, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let mut rest = rest.trim_matches(is_space);
    for affix in [currency.symbol.trim(), currency.code] {
        rest = rest
            .strip_prefix(affix)
            .or_else(|| rest.strip_suffix(affix))
            .unwrap_or(rest)
            .trim_matches(is_space);
    }
    format!("{minus}{rest}")
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
    #[error("“{0}” is not a number")]
    NotANumber(String),
    #[error("“{text}” has more decimal places than the currency's {decimals}")]
    TooManyDecimals { text: String, decimals: u32 },
    #[error("“{text}” has its digit groups in the wrong place: in this number format “{group}” groups thousands (1{group}234) and “{decimal}” marks decimals")]
    MisplacedGroup {
        text: String,
        group: char,
        decimal: char,
    },
    #[error("“{text}” has more than one decimal mark “{mark}”")]
    SeveralDecimalMarks { text: String, mark: char },
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
            Err(MoneyParseError::TooManyDecimals {
                text: "1.234".into(),
                decimals: 2
            })
        );
        assert_eq!(
            Money::parse("99999999999999999999", &usd(), en()),
            Err(MoneyParseError::TooLarge)
        );
        let de = NumberStyle::for_locale("de");
        assert_eq!(Money::parse("1.234,56", &usd(), de), Ok(Money(123_456)));
    }

    #[test]
    fn a_misplaced_group_or_decimal_is_refused_never_rescaled() {
        let de = NumberStyle::for_locale("de");
        let misplaced = |text: &str, style| {
            matches!(
                Money::parse(text, &usd(), style),
                Err(MoneyParseError::MisplacedGroup { .. })
            )
        };
        assert!(misplaced("12,5", en()));
        assert!(misplaced("12,50", en()));
        assert!(misplaced("1,2,3", en()));
        assert!(misplaced(",500", en()));
        assert!(misplaced("1234,567", en()));
        assert!(misplaced("1.23", de));
        assert_eq!(
            Money::parse("0.005", &usd(), en()),
            Err(MoneyParseError::TooManyDecimals {
                text: "0.005".into(),
                decimals: 2
            })
        );
        assert_eq!(
            Money::parse("1.2.3", &usd(), en()),
            Err(MoneyParseError::SeveralDecimalMarks {
                text: "1.2.3".into(),
                mark: '.'
            })
        );
        assert!(Money::parse("12,5", &usd(), en())
            .expect_err("refused")
            .to_string()
            .contains("“,” groups thousands (1,234) and “.” marks decimals"));
        // Well-formed amounts in each format.
        assert_eq!(Money::parse("12,500", &usd(), en()), Ok(Money(1_250_000)));
        assert_eq!(
            Money::parse("1,234,567.8", &usd(), en()),
            Ok(Money(123_456_780))
        );
        assert_eq!(Money::parse("12,5", &usd(), de), Ok(Money(1_250)));
        assert_eq!(Money::parse("1.234,56 $", &usd(), de), Ok(Money(123_456)));
        let fr = NumberStyle::for_locale("fr");
        assert_eq!(Money::parse("1 234,5", &usd(), fr), Ok(Money(123_450)));
        assert_eq!(Money::parse("-$5", &usd(), en()), Ok(Money(-500)));
        assert_eq!(Money::parse("USD 12", &usd(), en()), Ok(Money(1_200)));
        let jpy = Currency::from_code("JPY").expect("JPY");
        assert!(matches!(
            Money::parse("12.5", &jpy, en()),
            Err(MoneyParseError::TooManyDecimals { decimals: 0, .. })
        ));
    }

    #[test]
    fn unknown_currency_is_none() {
        assert!(Currency::from_code("XYZ").is_none());
    }
}
