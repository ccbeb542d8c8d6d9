//! A percentage as users type it: "40", "40%" or "40 %".

use std::fmt;

/// A whole percentage from 0 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Percent(u8);

impl Percent {
    pub fn new(value: u8) -> Option<Percent> {
        (value <= 100).then_some(Percent(value))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// "40", "40%", "40 %" → 40 %; anything else says what is wrong.
    pub fn parse(text: &str) -> Result<Percent, String> {
        let number = text.trim().trim_end_matches('%').trim();
        number
            .parse::<u8>()
            .ok()
            .and_then(Percent::new)
            .ok_or_else(|| format!("“{}” is not a whole number from 0 to 100", text.trim()))
    }

    /// An optional percentage field: blank is none.
    pub fn parse_optional(text: &str) -> Result<Option<Percent>, String> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            Percent::parse(text).map(Some)
        }
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
