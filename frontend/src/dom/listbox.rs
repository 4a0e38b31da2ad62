//! What the app's comboboxes (the header's search, a form's choice of a record) share of the
//! WAI-ARIA combobox pattern: the option the arrow keys go to, and marking it as the one the
//! keys are on while the focus stays in the box.

use web_sys::Element;

use super::{invoke, set};

/// The option the arrow keys go to from `active` in a list of `count` options (at least
/// one): the next one `down`, else the one before, round the ends.
pub fn next_option(active: Option<usize>, down: bool, count: usize) -> usize {
    match (active, down) {
        (None, true) => 0,
        (None, false) => count - 1,
        (Some(i), true) => (i + 1) % count,
        (Some(i), false) => (i + count - 1) % count,
    }
}

/// Marks `option` (none: no option) as the one the keys are on in the list of the combobox
/// `input`, instead of `previous`, and brings it into view.
pub fn mark_active(input: &Element, previous: Option<&Element>, option: Option<&Element>) {
    if let Some(previous) = previous {
        set(previous, "aria-selected", "false");
    }
    match option {
        Some(option) => {
            set(option, "aria-selected", "true");
            set(input, "aria-activedescendant", &option.id());
            let at = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&at, &"block".into(), &"nearest".into());
            invoke(option, "scrollIntoView", &[at.into()]);
        }
        None => {
            let _ = input.remove_attribute("aria-activedescendant");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arrow_keys_go_round_the_ends() {
        assert_eq!(next_option(None, true, 3), 0);
        assert_eq!(next_option(None, false, 3), 2);
        assert_eq!(next_option(Some(2), true, 3), 0);
        assert_eq!(next_option(Some(0), false, 3), 2);
        assert_eq!(next_option(Some(1), true, 3), 2);
    }
}
