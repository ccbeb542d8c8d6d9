//! Bulk edits on persistent maps, which offer no `values_mut`/`retain`.

use imbl::OrdMap;

/// Applies `change` to every value matching `matches`.
pub fn update_where<K: Ord + Clone, V: Clone>(
    map: &mut OrdMap<K, V>,
    matches: impl Fn(&V) -> bool,
    change: impl Fn(&mut V),
) {
    let keys: Vec<K> = map
        .iter()
        .filter(|(_, v)| matches(v))
        .map(|(k, _)| k.clone())
        .collect();
    for key in keys {
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
    let keys: Vec<K> = map
        .iter()
        .filter(|(_, v)| matches(v))
        .map(|(k, _)| k.clone())
        .collect();
    for key in keys {
        map.remove(&key);
    }
}
