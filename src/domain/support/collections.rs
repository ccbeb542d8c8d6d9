//! Bulk edits on persistent maps, which offer no `values_mut`/`retain`.

use imbl::OrdMap;

/// The keys of the values matching `matches`.
fn keys_where<K: Ord + Clone, V: Clone>(
    map: &OrdMap<K, V>,
    matches: impl Fn(&V) -> bool,
) -> Vec<K> {
    map.iter()
        .filter(|(_, v)| matches(v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Applies `change` to every value matching `matches`.
pub fn update_where<K: Ord + Clone, V: Clone>(
    map: &mut OrdMap<K, V>,
    matches: impl Fn(&V) -> bool,
    change: impl Fn(&mut V),
) {
    for key in keys_where(map, matches) {
        if let Some(value) = map.get_mut(&key) {
            change(value);
        }
    }
}

/// Removes every value matching `matches`.
pub fn remove_where<K: Ord + Clone, V: Clone>(
    map: &mut OrdMap<K, V>,
    matches: impl Fn(&V) -> bool,
) {
    for key in keys_where(map, matches) {
        map.remove(&key);
    }
}
