//! The leads list's filters in the page address (`#/leads?status=Qualified&min=50`), as
//! the deals list keeps its own: bookmarked, shared, reloaded, and kept by Back.

use super::deal_address::not_understood;
use super::lead_list::{LeadQuery, LeadSort};
use crate::domain::LeadStatus;

impl LeadSort {
    /// Each sort with its name in the address.
    pub const NAMES: [(LeadSort, &'static str); 5] = [
        (LeadSort::FollowUp, "follow-up"),
        (LeadSort::Name, "name"),
        (LeadSort::Score, "score"),
        (LeadSort::Created, "created"),
        (LeadSort::Status, "status"),
    ];
}

/// The query as address parameters, in a fixed order; none for the unfiltered list.
pub fn to_pairs(query: &LeadQuery) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if !query.text.trim().is_empty() {
        pairs.push(("q", query.text.clone()));
    }
    if let Some(status) = query.status {
        pairs.push(("status", status.label().to_string()));
    }
    if let Some(source) = &query.source {
        pairs.push(("source", source.clone()));
    }
    if let Some(owner) = &query.owner {
        pairs.push(("owner", owner.clone()));
    }
    if query.min_score > 0 {
        pairs.push(("min", query.min_score.to_string()));
    }
    if query.only_open {
        pairs.push(("open", "1".into()));
    }
    if query.sort != LeadSort::default() {
        let name = LeadSort::NAMES.iter().find(|(s, _)| *s == query.sort);
        pairs.push(("sort", name.map_or("name", |(_, n)| n).to_string()));
    }
    if query.descending {
        pairs.push(("desc", "1".into()));
    }
    pairs
}

/// The query an address asks for, and a message for each value that could not be read.
pub fn from_lookup(value: impl Fn(&str) -> Option<String>) -> (LeadQuery, Vec<String>) {
    let mut query = LeadQuery::default();
    let mut problems = Vec::new();
    let mut bad = |name: &str, text: &str| problems.push(not_understood(name, text));
    if let Some(text) = value("q") {
        query.text = text;
    }
    if let Some(text) = value("status") {
        match LeadStatus::ALL.into_iter().find(|s| s.label() == text) {
            Some(status) => query.status = Some(status),
            None => bad("status", &text),
        }
    }
    query.source = value("source").filter(|s| !s.trim().is_empty());
    query.owner = value("owner").filter(|o| !o.trim().is_empty());
    if let Some(text) = value("min") {
        match text.parse::<u8>() {
            Ok(min) if min <= 100 => query.min_score = min,
            _ => bad("min", &text),
        }
    }
    query.only_open = value("open").is_some_and(|v| v == "1");
    if let Some(text) = value("sort") {
        match LeadSort::NAMES.iter().find(|(_, name)| *name == text) {
            Some((sort, _)) => query.sort = *sort,
            None => bad("sort", &text),
        }
    }
    query.descending = value("desc").is_some_and(|v| v == "1");
    (query, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> (LeadQuery, Vec<String>) {
        from_lookup(super::super::lookup_in(pairs))
    }

    #[test]
    fn every_filter_round_trips_and_the_unfiltered_list_has_no_parameters() {
        assert!(to_pairs(&LeadQuery::default()).is_empty());
        let query = LeadQuery {
            text: "acme & co".into(),
            status: Some(LeadStatus::Qualified),
            source: Some("Referral".into()),
            owner: Some("Chloé Martin".into()),
            min_score: 55,
            only_open: true,
            sort: LeadSort::Score,
            descending: true,
        };
        let pairs = to_pairs(&query);
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(read(&borrowed), (query, vec![]));
        for (sort, _) in LeadSort::NAMES {
            let query = LeadQuery {
                sort,
                ..LeadQuery::default()
            };
            let pairs = to_pairs(&query);
            let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert_eq!(read(&borrowed).0, query);
        }
    }

    #[test]
    fn values_that_cannot_be_read_are_named_and_left_out() {
        let (query, problems) = read(&[
            ("status", "Hot"),
            ("min", "101"),
            ("sort", "colour"),
            ("owner", "Ana Silva"),
        ]);
        assert_eq!(
            query,
            LeadQuery {
                owner: Some("Ana Silva".into()),
                ..LeadQuery::default()
            }
        );
        assert_eq!(problems.len(), 3);
        assert!(problems[1].contains("min=“101”"));
    }
}
