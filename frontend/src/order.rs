//! Sorting lists by a text key.
//!
//! Each `sort_by` on another element type brings its own copy of the sorting algorithm into
//! the wasm; sorting `(key, position)` pairs instead needs one copy for the whole app.

/// Sorts `items` by the text `key` gives each; items with equal keys keep their order.
pub fn sort_by_text<T>(items: &mut Vec<T>, key: impl Fn(&T) -> String) {
    let mut keyed: Vec<(String, usize)> = items
        .iter()
        .enumerate()
        .map(|(position, item)| (key(item), position))
        .collect();
    // The positions make every pair unique, so an unstable sort keeps equal keys in order.
    keyed.sort_unstable();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        keyed
            .into_iter()
            .filter_map(|(_, position)| slots[position].take()),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_by_key_and_keeps_ties_in_order() {
        let mut items = vec![("b", 1), ("a", 2), ("b", 0), ("a", 1)];
        sort_by_text(&mut items, |(k, _)| (*k).to_owned());
        assert_eq!(items, [("a", 2), ("a", 1), ("b", 1), ("b", 0)]);
    }
}
