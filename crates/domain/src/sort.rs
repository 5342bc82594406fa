//! Sorting through one shared copy of the standard library's sort, and
//! B-trees built without sorting ([`set_of`], [`map_of`]).
//!
//! Every `sort`, `sort_by` or `sort_by_key` on a new element type or
//! comparator makes the compiler emit the whole sort algorithm again (about
//! 3 KB of wasm each, a dozen times over). These functions sort a list of
//! positions with the comparison behind a pointer, so that one copy serves
//! every caller, then move the items into that order. Stable, like
//! `slice::sort_by`; the extra indirection costs little at the sizes sorted
//! here (10,000 users at most).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// The one place the standard sort is instantiated.
#[inline(never)]
fn sort_positions(positions: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> Ordering) {
    positions.sort_by(|a, b| cmp(*a, *b));
}

fn positions<T>(items: &[T]) -> Vec<u32> {
    (0..items.len() as u32).collect()
}

/// Puts `items` in the order `positions` gives.
fn reorder<T>(items: &mut Vec<T>, positions: &[u32]) {
    let mut old: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(positions.iter().filter_map(|&i| old[i as usize].take()));
}

/// `items.sort_by(cmp)`.
pub fn sort_by<T>(items: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order = positions(items);
    sort_positions(&mut order, &mut |a, b| {
        cmp(&items[a as usize], &items[b as usize])
    });
    reorder(items, &order);
}

/// `items.sort()`.
pub fn sort<T: Ord>(items: &mut Vec<T>) {
    sort_by(items, T::cmp);
}

/// `items.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// `items.sort_by_cached_key(key)`: each key computed once.
pub fn sort_by_cached_key<T, K: Ord>(items: &mut Vec<T>, key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let mut order = positions(items);
    sort_positions(&mut order, &mut |a, b| {
        keys[a as usize].cmp(&keys[b as usize])
    });
    reorder(items, &order);
}

/// A B-tree set of `items`, inserted one by one. `collect()` and
/// `BTreeSet::from([..])` sort the items first and bulk-build the tree: one
/// more copy of the sort (and of the bulk building) per item type.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// A B-tree map of `entries`, inserted one by one (see [`set_of`]).
pub fn map_of<K: Ord, V>(entries: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(entries);
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The same order as the standard sort, ties kept in place.
        #[test]
        fn sorts_as_the_standard_sort_does(items in prop::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut expected = items.clone();
            expected.sort_by_key(|p| p.0);
            let mut by_key = items.clone();
            sort_by_key(&mut by_key, |p| p.0);
            prop_assert_eq!(&by_key, &expected);
            let mut cached = items.clone();
            sort_by_cached_key(&mut cached, |p| p.0);
            prop_assert_eq!(&cached, &expected);
            let mut whole = items.clone();
            sort(&mut whole);
            let mut std_whole = items;
            std_whole.sort();
            prop_assert_eq!(whole, std_whole);
        }
    }
}
