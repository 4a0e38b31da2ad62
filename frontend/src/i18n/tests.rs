//! Tests of the texts and how they are filled in.

use super::*;

#[test]
fn placeholders_are_filled() {
    assert_eq!(
        fill(DE.members_caption, &[("n", "6"), ("date", "01.01.2019")]),
        "6 Mitglieder am 01.01.2019"
    );
    assert_eq!(fill(EN.in_days, &[("n", "3")]), "in 3 days");
}

#[test]
fn both_languages_use_the_same_placeholders() {
    let holes = |s: &str| {
        let mut names: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        names.sort();
        names
    };
    assert!(EVERY_TEXT.len() > 400, "{} texts", EVERY_TEXT.len());
    for (place, de, en) in EVERY_TEXT {
        assert_eq!(holes(de), holes(en), "{place}: {de} / {en}");
    }
}

#[test]
fn every_text_has_words_in_each_language() {
    for (place, de, en) in EVERY_TEXT {
        assert!(!de.trim().is_empty() && !en.trim().is_empty(), "{place}");
    }
    assert_eq!(DE.pager.rows, "Zeilen {from}–{to} von {total}");
    assert_eq!(EN.refusals.other, None);
}
