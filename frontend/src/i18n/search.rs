//! The texts of the search: the box in the header and its list, and the results page, in
//! German and English; [`super::Texts`] holds the table of the language.

/// The search's texts in one language.
#[derive(Debug)]
pub struct SearchTexts {
    /// The box's name (its label, read by screen readers).
    pub label: &'static str,
    /// What the box shows while empty.
    pub placeholder: &'static str,
    /// The name of the list of results.
    pub results: &'static str,
    /// The headings of the kinds, in the order the API groups them: organisations,
    /// contracts, services, people, sources.
    pub kinds: [&'static str; 5],
    /// How many were found (`{n}`), for screen readers as the list opens.
    pub found: &'static str,
    pub none: &'static str,
    /// The link to the results page, with how many were found (`{n}`).
    pub show_all: &'static str,
    /// The results page: its title and lead, and what it says before there is a text.
    pub title: &'static str,
    pub lead: &'static str,
    pub too_short: &'static str,
    /// A source the app has no page for, shown without a link.
    pub no_page: &'static str,
}

/// German.
pub static SEARCH_DE: SearchTexts = SearchTexts {
    label: "Im Register suchen",
    placeholder: "Suchen … (Taste /)",
    results: "Suchergebnisse",
    kinds: [
        "Organisationen",
        "Verträge",
        "Leistungen",
        "Personen",
        "Quellen",
    ],
    found: "{n} Treffer. Mit Pfeil auf und ab auswählen, mit Eingabe öffnen.",
    none: "Nichts gefunden.",
    show_all: "Alle {n} Treffer anzeigen",
    title: "Suche",
    lead: "Organisationen (Name, Kurzname, Gemeindeschlüssel), Verträge (Nummer, Titel, Aktenzeichen), Leistungen (Code, Name, Hersteller), Personen (Name, Funktion) und Quellen (Titel, Herausgeber), die den Suchtext enthalten.",
    too_short: "Bitte mindestens 2 Zeichen eingeben.",
    no_page: "ohne eigene Seite",
};

/// English.
pub static SEARCH_EN: SearchTexts = SearchTexts {
    label: "Search the register",
    placeholder: "Search … (key /)",
    results: "Search results",
    kinds: [
        "Organisations",
        "Contracts",
        "Services",
        "People",
        "Sources",
    ],
    found: "{n} results. Choose with the up and down arrows, open with Enter.",
    none: "Nothing found.",
    show_all: "Show all {n} results",
    title: "Search",
    lead: "Organisations (name, short name, official key), contracts (number, title, file reference), services (code, name, vendor), people (name, function) and sources (title, publisher) that contain the text.",
    too_short: "Please type at least 2 characters.",
    no_page: "no page of its own",
};
