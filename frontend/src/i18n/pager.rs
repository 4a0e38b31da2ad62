//! The texts of the pager under the lists, in German and English; [`super::Texts`] holds the
//! table of the language.

/// The pager's texts in one language.
#[derive(Debug)]
pub struct PagerTexts {
    /// The pager's name for assistive technology.
    pub label: &'static str,
    /// Which rows are shown: `{from}`, `{to}`, `{total}`.
    pub rows: &'static str,
    pub first: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub last: &'static str,
    /// Where the page is: `{n}`, `{pages}`.
    pub page_of: &'static str,
    /// The field that goes to a page by its number, and its button.
    pub go_to: &'static str,
    pub go: &'static str,
    /// The choice of rows per page.
    pub size: &'static str,
    /// A page beyond the list's end (it became shorter, or the link was made for another).
    pub beyond: &'static str,
}

pub const PAGER_DE: PagerTexts = PagerTexts {
    label: "Seiten",
    rows: "Zeilen {from}–{to} von {total}",
    first: "Erste Seite",
    previous: "Vorige Seite",
    next: "Nächste Seite",
    last: "Letzte Seite",
    page_of: "Seite {n} von {pages}",
    go_to: "Zu Seite",
    go: "Anzeigen",
    size: "Zeilen je Seite",
    beyond: "Diese Seite liegt hinter dem Ende der Liste.",
};

pub const PAGER_EN: PagerTexts = PagerTexts {
    label: "Pages",
    rows: "Rows {from}–{to} of {total}",
    first: "First page",
    previous: "Previous page",
    next: "Next page",
    last: "Last page",
    page_of: "Page {n} of {pages}",
    go_to: "Go to page",
    go: "Show",
    size: "Rows per page",
    beyond: "This page lies beyond the end of the list.",
};
