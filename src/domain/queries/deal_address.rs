//! The deals list's filters in the page address (`#/deals?status=won&owner=Ana+Silva`),
//! so a filtered list can be bookmarked, shared and reloaded, and Back returns to it.
//! Only what differs from the unfiltered list is written; a value that cannot be read
//! is named and left out, never guessed at.

use super::deal_list::{DealQuery, SortKey};
use crate::domain::support::sorting::btree_set;
use crate::domain::{DealId, DealStatus, PipelineId, StageId};

/// A sort's name in the address: its column label, lowercase, "-" for spaces.
fn sort_name(label: &str) -> String {
    label.to_lowercase().replace(' ', "-")
}

/// Deal ids as the `ids` parameter holds them: "12,40,41".
pub fn ids_text(ids: impl IntoIterator<Item = DealId>) -> String {
    ids.into_iter()
        .map(|id| id.0.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// What a list says of a filter in its address that it cannot read.
pub(super) fn not_understood(name: &str, text: &str) -> String {
    format!("The filter {name}=“{text}” in the address was not understood and is left out.")
}

/// The query as address parameters, in a fixed order.
pub fn to_pairs(query: &DealQuery) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if !query.text.trim().is_empty() {
        pairs.push(("q", query.text.clone()));
    }
    if let Some(status) = query.status {
        pairs.push(("status", status.label().to_string()));
    }
    if let Some(pipeline) = query.pipeline {
        pairs.push(("pipeline", pipeline.0.to_string()));
    }
    if let Some(stage) = query.stage {
        pairs.push(("stage", stage.0.to_string()));
    }
    if let Some(owner) = &query.owner {
        pairs.push(("owner", owner.clone()));
    }
    if let Some((year, month)) = query.close_month {
        pairs.push(("close", format!("{year:04}-{month:02}")));
    }
    if query.only_rotting {
        pairs.push(("rotting", "1".into()));
    }
    if query.only_slipped {
        pairs.push(("slipped", "1".into()));
    }
    if query.sort != SortKey::default() {
        let label = SortKey::ALL
            .iter()
            .find(|(k, _)| *k == query.sort)
            .map(|(_, l)| *l);
        pairs.push(("sort", sort_name(label.unwrap_or("Title"))));
    }
    if query.descending {
        pairs.push(("desc", "1".into()));
    }
    if let Some(ids) = &query.only_ids {
        pairs.push(("ids", ids_text(ids.iter().copied())));
    }
    pairs
}

/// The query an address asks for (`value` looks a parameter up), and a message for
/// each value that could not be read.
pub fn from_lookup(value: impl Fn(&str) -> Option<String>) -> (DealQuery, Vec<String>) {
    let mut query = DealQuery::default();
    let mut problems = Vec::new();
    let mut bad = |name: &str, text: &str| problems.push(not_understood(name, text));
    if let Some(text) = value("q") {
        query.text = text;
    }
    if let Some(text) = value("status") {
        match [DealStatus::Open, DealStatus::Won, DealStatus::Lost]
            .into_iter()
            .find(|s| s.label() == text)
        {
            Some(status) => query.status = Some(status),
            None => bad("status", &text),
        }
    }
    if let Some(text) = value("pipeline") {
        match text.parse() {
            Ok(id) => query.pipeline = Some(PipelineId(id)),
            Err(_) => bad("pipeline", &text),
        }
    }
    if let Some(text) = value("stage") {
        match text.parse() {
            Ok(id) => query.stage = Some(StageId(id)),
            Err(_) => bad("stage", &text),
        }
    }
    if let Some(text) = value("owner").filter(|o| !o.trim().is_empty()) {
        query.owner = Some(text);
    }
    if let Some(text) = value("close") {
        let month = text
            .split_once('-')
            .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
            .filter(|(_, m)| (1..=12).contains(m));
        match month {
            Some(month) => query.close_month = Some(month),
            None => bad("close", &text),
        }
    }
    query.only_rotting = value("rotting").is_some_and(|v| v == "1");
    query.only_slipped = value("slipped").is_some_and(|v| v == "1");
    if let Some(text) = value("sort") {
        match SortKey::ALL
            .iter()
            .find(|(_, label)| sort_name(label) == text)
        {
            Some((key, _)) => query.sort = *key,
            None => bad("sort", &text),
        }
    }
    query.descending = value("desc").is_some_and(|v| v == "1");
    if let Some(text) = value("ids") {
        let ids: Result<Vec<DealId>, _> = text
            .split(',')
            .map(|n| n.trim().parse().map(DealId))
            .collect();
        let ids = ids.map(btree_set);
        match ids {
            Ok(ids) if !ids.is_empty() => query.only_ids = Some(ids),
            _ => bad("ids", &text),
        }
    }
    (query, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> (DealQuery, Vec<String>) {
        from_lookup(super::super::lookup_in(pairs))
    }

    #[test]
    fn every_filter_round_trips_and_the_unfiltered_list_has_no_parameters() {
        assert!(to_pairs(&DealQuery::default()).is_empty());
        let query = DealQuery {
            text: "acme & co".into(),
            status: Some(DealStatus::Won),
            pipeline: Some(PipelineId(1)),
            stage: Some(StageId(3)),
            owner: Some("Chloé Martin".into()),
            close_month: Some((2026, 7)),
            only_rotting: true,
            only_slipped: true,
            sort: SortKey::ExpectedClose,
            descending: true,
            only_ids: Some([DealId(12), DealId(40)].into_iter().collect()),
        };
        let pairs = to_pairs(&query);
        let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(read(&borrowed), (query, vec![]));
    }

    #[test]
    fn values_that_cannot_be_read_are_named_and_left_out() {
        let (query, problems) = read(&[
            ("status", "maybe"),
            ("stage", "x"),
            ("pipeline", "y"),
            ("close", "2026-13"),
            ("sort", "colour"),
            ("ids", "12,x"),
            ("owner", "Ana Silva"),
        ]);
        assert_eq!(
            query,
            DealQuery {
                owner: Some("Ana Silva".into()),
                ..DealQuery::default()
            }
        );
        assert_eq!(problems.len(), 6);
        assert!(problems[0].contains("status=“maybe”"));
    }
}
