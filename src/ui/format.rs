//! Display helpers bound to the workspace settings.

use crate::domain::money::{Currency, NumberStyle};
use crate::domain::{Money, Settings, Workspace};
use leptos::prelude::{With, WithUntracked};

/// Formats money for a workspace's currency and locale.
#[derive(Clone, Copy)]
pub struct MoneyFormat {
    currency: Currency,
    style: NumberStyle,
}

impl MoneyFormat {
    /// The workspace's format, tracked: a view using it follows a currency change.
    pub fn current(state: &crate::state::AppState) -> MoneyFormat {
        state
            .workspace
            .with(|w| MoneyFormat::for_settings(&w.settings))
    }

    /// The workspace's format for an event handler (not tracked).
    pub fn current_untracked(state: &crate::state::AppState) -> MoneyFormat {
        state
            .workspace
            .with_untracked(|w| MoneyFormat::for_settings(&w.settings))
    }

    pub fn for_settings(settings: &Settings) -> MoneyFormat {
        MoneyFormat {
            currency: settings.currency(),
            style: NumberStyle::for_locale(&settings.locale),
        }
    }
    pub fn full(&self, money: Money) -> String {
        money.format(&self.currency, self.style)
    }
    pub fn short(&self, money: Money) -> String {
        money.format_short(&self.currency, self.style)
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

    pub fn currency(&self) -> Currency {
        self.currency
    }
}

/// What a workspace holds, in words: "12 deals, 1 lead, 4 organizations".
pub fn workspace_contents(ws: &Workspace) -> String {
    format!(
        "{}, {}, {}",
        count(ws.deals.len(), "deal", "deals"),
        count(ws.leads.len(), "lead", "leads"),
        count(ws.organizations.len(), "organization", "organizations")
    )
}

/// "AS" for "Ana Silva", "C" for "Chloé": the first letters of the first and last words,
/// as written. The badge's CSS capitalises them: Rust's `to_uppercase` would add its
/// Unicode tables to the wasm (measured: +7 KB gzip).
pub fn initials(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().and_then(|w| w.chars().next());
    let last = words.next_back().and_then(|w| w.chars().next());
    first.into_iter().chain(last).collect()
}

/// "1 deal", "3 deals": a count with its noun in the right number.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

#[cfg(test)]
mod tests {
    use super::{count, initials};

    #[test]
    fn initials_take_the_first_and_last_words() {
        assert_eq!(initials("Ana Silva"), "AS");
        assert_eq!(initials("  chloé  de la Martin "), "cM");
        assert_eq!(initials("Dev"), "D");
        assert_eq!(initials(""), "");
    }

    #[test]
    fn count_uses_the_singular_only_for_one() {
        assert_eq!(count(0, "deal", "deals"), "0 deals");
        assert_eq!(count(1, "deal", "deals"), "1 deal");
        assert_eq!(count(2, "person", "people"), "2 people");
    }
}
