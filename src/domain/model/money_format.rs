//! Money as a workspace writes and reads it: its currency and its number format.

use super::money::{Currency, Money, NumberStyle};
use super::records::Settings;

/// Formats and parses money for a workspace's currency and locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MoneyFormat {
    currency: Currency,
    style: NumberStyle,
}

impl MoneyFormat {
    pub fn for_settings(settings: &Settings) -> MoneyFormat {
        MoneyFormat::new(settings.currency, &settings.locale)
    }

    pub fn new(currency: Currency, locale: &str) -> MoneyFormat {
        MoneyFormat {
            currency,
            style: NumberStyle::for_locale(locale),
        }
    }

    /// "$48,200.50".
    pub fn full(&self, money: Money) -> String {
        money.format(&self.currency, self.style)
    }

    /// "$48.2K", for cards.
    pub fn short(&self, money: Money) -> String {
        money.format_short(&self.currency, self.style)
    }

    /// What a form field shows for an optional amount: blank for zero.
    pub fn field(&self, money: Money) -> String {
        if money.0 == 0 {
            String::new()
        } else {
            self.full(money)
        }
    }

    pub fn parse(&self, text: &str) -> Result<Money, String> {
        Money::parse(text, &self.currency, self.style).map_err(|e| e.to_string())
    }

    /// Like `parse`, but an empty field is zero (values are optional in forms).
    pub fn parse_or_zero(&self, text: &str) -> Result<Money, String> {
        if text.trim().is_empty() {
            Ok(Money(0))
        } else {
            self.parse(text)
        }
    }

    /// The same currency written in another number style.
    pub fn with_style(self, style: NumberStyle) -> MoneyFormat {
        MoneyFormat { style, ..self }
    }

    pub fn currency(&self) -> Currency {
        self.currency
    }
}
