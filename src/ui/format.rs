//! Display helpers bound to the workspace settings.

use crate::domain::Workspace;
use leptos::prelude::{With, WithUntracked};

pub use crate::domain::model::money_format::MoneyFormat;

/// The workspace's money format, tracked: a view using it follows a currency change.
pub fn money_format(state: &crate::state::AppState) -> MoneyFormat {
    state
        .workspace
        .with(|w| MoneyFormat::for_settings(&w.settings))
}

/// The workspace's money format for an event handler (not tracked).
pub fn money_format_untracked(state: &crate::state::AppState) -> MoneyFormat {
    state
        .workspace
        .with_untracked(|w| MoneyFormat::for_settings(&w.settings))
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

/// The owner badge's letters for a name not on the team list (the badge's CSS
/// capitalises them).
pub use crate::domain::model::team::initials;

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
