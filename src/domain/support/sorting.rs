//! Stable sorting through one shared copy of the standard sort.
//!
//! Each `slice::sort_by` with its own closure compiles the whole standard sort again:
//! before this module the wasm held 141 sort functions, 79 KB, for about twenty call
//! sites. These helpers sort positions (`usize`) through a single `dyn` comparison, so
//! the sort is compiled once, then move the items into that order. Same result as
//! `sort_by`: stable, O(n log n); one extra vector of positions.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` stably by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    reorder(items, order);
}

/// Sorts `items` stably by a key, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably by a key computed once per item, like
/// `slice::sort_by_cached_key`: for keys that cost something to build (lowercased text).
pub fn sort_by_cached_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = sorted_positions(items.len(), &|a, b| keys[a].cmp(&keys[b]));
    reorder(items, order);
}

/// Sorts `items` in their natural order, like `slice::sort`.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// The map of `entries`, a repeated key keeping its last value, like `collect()`.
///
/// `collect()` into a `BTreeMap` or `BTreeSet` sorts its input with the standard sort,
/// compiled again for each entry type (measured: 55 KB of the board's wasm, most of it
/// from a dozen such collects); inserting one by one uses the map's own code.
pub fn btree_map<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(entries);
    map
}

/// The set of `items`, like `collect()` (see [`btree_map`] for why).
pub fn btree_set<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The distinct non-empty values, sorted: the choices of a filter menu. Only the
/// distinct ones are copied (10,000 deals have a handful of owners).
pub fn distinct<'a>(values: impl IntoIterator<Item = &'a String>) -> Vec<String> {
    // Set aside the repeats first: sorting 10,000 owners' names to drop all but eight
    // was most of the board's work after a change.
    let mut seen = std::collections::HashSet::new();
    let mut list: Vec<&String> = (values.into_iter())
        .filter(|v| !v.is_empty() && seen.insert(*v))
        .collect();
    sort(&mut list);
    list.into_iter().cloned().collect()
}

/// The positions `0..len` in the order `compare` gives them; ties keep their order.
#[inline(never)]
// The one place the standard sort is compiled; clippy.toml forbids it everywhere else.
#[allow(clippy::disallowed_methods)]
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the items so that position `k` holds the item that was at `order[k]`.
fn reorder<T>(items: &mut Vec<T>, order: Vec<usize>) {
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    // `order` is a permutation of the positions, so every slot is taken exactly once.
    items.extend(order.into_iter().filter_map(|from| slots[from].take()));
}

#[cfg(test)]
// The standard sort is the oracle these tests compare with.
#[allow(clippy::disallowed_methods)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_sort_and_keeps_ties_in_order() {
        let original: Vec<(u8, usize)> = [3u8, 1, 2, 1, 3, 0, 2, 2]
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i))
            .collect();
        let mut expected = original.clone();
        expected.sort_by_key(|p| p.0);

        let mut by_key = original.clone();
        sort_by_key(&mut by_key, |p| p.0);
        assert_eq!(by_key, expected);

        let mut cached = original.clone();
        sort_by_cached_key(&mut cached, |p| p.0);
        assert_eq!(cached, expected);

        let mut descending = original.clone();
        sort_by(&mut descending, |a, b| b.0.cmp(&a.0));
        expected.sort_by_key(|p| std::cmp::Reverse(p.0));
        assert_eq!(descending, expected);
    }

    #[test]
    fn agrees_with_the_standard_sort_on_random_lists() {
        let mut rng = crate::domain::demo::random::Rng::new(7);
        for _ in 0..300 {
            let len = rng.range(0, 60) as usize;
            let list: Vec<(i64, usize)> = (0..len).map(|i| (rng.range(0, 8), i)).collect();
            let mut expected = list.clone();
            expected.sort_by_key(|p| p.0);
            let mut ours = list;
            sort_by_key(&mut ours, |p| p.0);
            assert_eq!(ours, expected);
        }
    }

    #[test]
    fn distinct_values_are_sorted_without_blanks_or_repeats() {
        let values = ["Ben", "", "Ana", "Ben"].map(String::from);
        assert_eq!(distinct(&values), ["Ana", "Ben"]);
    }

    #[test]
    fn sorts_owned_values_and_empty_lists() {
        let mut names = vec!["b".to_string(), "c".into(), "a".into()];
        sort(&mut names);
        assert_eq!(names, ["a", "b", "c"]);
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn maps_and_sets_match_collect_with_repeated_keys() {
        let entries = [(3, "c"), (1, "a"), (3, "last"), (2, "b")];
        let expected: BTreeMap<_, _> = entries.into_iter().collect();
        assert_eq!(btree_map(entries), expected);
        assert_eq!(btree_map(entries)[&3], "last");
        let expected: BTreeSet<_> = [5, 1, 5, 2].into_iter().collect();
        assert_eq!(btree_set([5, 1, 5, 2]), expected);
    }
}
