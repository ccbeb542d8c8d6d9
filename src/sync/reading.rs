//! Reading what the team database holds, kind by kind, in pages (a join): the kinds the
//! board needs first, so the board is usable while the rest arrives; the rest is kept
//! in the replica as ranges still to read, so a reload carries on where it stopped.

use serde::{Deserialize, Serialize};

/// Read before the board is shown: its cards name organizations and people.
pub const BOARD_KINDS: [&str; 5] = ["settings", "pipeline", "organization", "person", "deal"];
/// Read after, while the board is in use: the deal log first (half the documents; the
/// figures need it, the cards do not: rotting counts from the deal's last touch).
pub const LATER_KINDS: [&str; 4] = ["log", "lead", "activity", "note"];
/// Documents per page: a page is parsed and applied in one go, well under a frame
/// budget of 200 ms.
pub const PAGE: u32 = 2_000;

/// Document ids still to read: from `start` (or after `after`, the last id read) to
/// `end`, in the server's id order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdRange {
    pub start: String,
    pub end: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

impl IdRange {
    /// Every document of a kind (`deal:1`, `deal:2`, …; the settings' id is the kind).
    pub fn of(kind: &str) -> IdRange {
        if kind == "settings" {
            return IdRange {
                start: kind.into(),
                end: kind.into(),
                after: None,
            };
        }
        IdRange {
            start: format!("{kind}:"),
            end: format!("{kind}:\u{fff0}"),
            after: None,
        }
    }

    /// The kind this range reads, for messages ("Receiving leads…").
    pub fn kind(&self) -> &str {
        self.start.trim_end_matches(':')
    }

    /// Where the next page starts, and whether that id itself was read already.
    pub fn next_start(&self) -> (&str, bool) {
        match &self.after {
            Some(last) => (last, true),
            None => (&self.start, false),
        }
    }

    /// Takes a page's last id; `true` when the range is read to its end (a short page).
    pub fn advance(&mut self, last_id: Option<&str>, page_len: usize) -> bool {
        if let Some(last) = last_id {
            self.after = Some(last.into());
        }
        page_len < PAGE as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_pages_through_a_kind_and_ends_on_a_short_page() {
        let mut range = IdRange::of("lead");
        assert_eq!(range.next_start(), ("lead:", false));
        assert_eq!(range.kind(), "lead");
        assert!(!range.advance(Some("lead:900"), PAGE as usize));
        assert_eq!(range.next_start(), ("lead:900", true));
        assert!(range.advance(Some("lead:1200"), 12));
        assert!(range.advance(None, 0));
        assert_eq!(IdRange::of("settings").next_start(), ("settings", false));
        // Every id of the kind sorts inside the range, and no other kind's does.
        let deals = IdRange::of("deal");
        assert!("deal:1" > deals.start.as_str() && "deal:99999" < deals.end.as_str());
        assert!("device:1" > deals.end.as_str());
    }

    #[test]
    fn ranges_survive_a_reload() {
        let mut range = IdRange::of("activity");
        range.advance(Some("activity:42"), PAGE as usize);
        let text = serde_json::to_string(&range).expect("text");
        assert_eq!(serde_json::from_str::<IdRange>(&text).expect("read"), range);
    }
}
