//! A file's column mapping and date layouts are kept for the next file with the same
//! headers, and only for it.
#![cfg(not(target_arch = "wasm32"))]

use pipewright::domain::csv::date_layout::DateLayout;
use pipewright::domain::csv::remembered::{headers_key, Remembered};
use pipewright::domain::csv::*;
use pipewright::storage::memory::MemoryStore;
use pipewright::storage::repository::Repository;
use std::collections::HashMap;

fn headers(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| n.to_string()).collect()
}

#[test]
fn a_mapping_is_kept_for_the_same_headers_only() {
    let repo = Repository::new(MemoryStore::new());
    let file = headers(&["Name of deal", "Amount (EUR)", "Closed", "Notes"]);
    let chosen = ImportChoices {
        mapping: vec![
            Some(Field::Title),
            Some(Field::Value),
            Some(Field::CloseDate),
            None,
        ],
        layouts: HashMap::from([(2, DateLayout::DayFirst)]),
        ..ImportChoices::default()
    };
    let key = headers_key(Entity::Deals, &file);
    assert_eq!(repo.csv_mapping(&key), Ok(None));
    repo.remember_csv_mapping(&key, &Remembered::of(&chosen))
        .expect("kept");
    let kept = repo.csv_mapping(&key).expect("reads").expect("found");
    assert_eq!(kept.choices(Entity::Deals, file.len()), Some(chosen));
    // Other headers, or the same headers imported as leads, have their own key.
    let renamed = headers(&["Name of deal", "Amount (USD)", "Closed", "Notes"]);
    assert_ne!(headers_key(Entity::Deals, &renamed), key);
    assert_ne!(headers_key(Entity::Leads, &file), key);
    // A kept mapping that does not fit (a field leads have not) is not used.
    assert_eq!(kept.choices(Entity::Leads, file.len()), None);
    assert_eq!(kept.choices(Entity::Deals, 3), None);
}
