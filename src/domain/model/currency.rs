//! The currencies a workspace can keep its amounts in. Stored as the ISO 4217 code; an
//! unknown code is refused with its name rather than shown as another currency.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ISO 4217 currency as the app formats it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Currency {
    pub code: &'static str,
    pub symbol: &'static str,
    /// Number of minor-unit digits (2 for USD, 0 for JPY).
    pub decimals: u32,
}

impl Currency {
    pub const USD: Currency = Currency {
        code: "USD",
        symbol: "$",
        decimals: 2,
    };
}

const CURRENCIES: &[Currency] = &[
    Currency::USD,
    Currency {
        code: "EUR",
        symbol: "€",
        decimals: 2,
    },
    Currency {
        code: "GBP",
        symbol: "£",
        decimals: 2,
    },
    Currency {
        code: "JPY",
        symbol: "¥",
        decimals: 0,
    },
    Currency {
        code: "CHF",
        symbol: "CHF ",
        decimals: 2,
    },
    Currency {
        code: "CAD",
        symbol: "CA$",
        decimals: 2,
    },
    Currency {
        code: "AUD",
        symbol: "A$",
        decimals: 2,
    },
    Currency {
        code: "SEK",
        symbol: "SEK ",
        decimals: 2,
    },
    Currency {
        code: "INR",
        symbol: "₹",
        decimals: 2,
    },
    Currency {
        code: "BRL",
        symbol: "R$",
        decimals: 2,
    },
];

impl Currency {
    /// The currency for an ISO code, case-insensitive.
    pub fn from_code(code: &str) -> Option<Currency> {
        let code = code.trim();
        CURRENCIES
            .iter()
            .copied()
            .find(|c| c.code.eq_ignore_ascii_case(code))
    }

    pub fn all() -> &'static [Currency] {
        CURRENCIES
    }

    /// Minor units in one major unit: 100 for USD, 1 for JPY.
    pub fn unit(&self) -> i64 {
        10_i64.pow(self.decimals)
    }

    /// An amount in minor units as major units ("1234.5" dollars for 123450 cents).
    pub fn to_major(&self, minor: f64) -> f64 {
        minor / self.unit() as f64
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Currency, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::from_code(&code).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "the currency “{}” is not a known ISO 4217 currency code",
                code.trim()
            ))
        })
    }
}
