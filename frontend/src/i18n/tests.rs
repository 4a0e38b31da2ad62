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
    let pairs = [
        (DE.shown_of, EN.shown_of),
        (DE.pager.rows, EN.pager.rows),
        (DE.pager.page_of, EN.pager.page_of),
        (DE.members_caption, EN.members_caption),
        (DE.contracts_caption, EN.contracts_caption),
        (DE.next_notice, EN.next_notice),
        (DE.deadlines_intro, EN.deadlines_intro),
        (DE.renewal_tacit, EN.renewal_tacit),
        (DE.figures_intro, EN.figures_intro),
        (DE.desk.caption, EN.desk.caption),
        (DE.desk.inbox_unread, EN.desk.inbox_unread),
        (DE.account.email_now, EN.account.email_now),
        (DE.account.feed_since, EN.account.feed_since),
        (DE.site_search.found, EN.site_search.found),
        (DE.site_search.show_all, EN.site_search.show_all),
        (DE.tree.label, EN.tree.label),
        (DE.tree.figures, EN.tree.figures),
        (DE.tree.own_figures, EN.tree.own_figures),
        (DE.tree.shown, EN.tree.shown),
    ];
    let holes = |s: &str| {
        let mut names: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
            .collect();
        names.sort();
        names
    };
    for (de, en) in pairs {
        assert_eq!(holes(de), holes(en), "{de} / {en}");
    }
}
