//! The texts of the forms for an organisation's people and key figures (on its page), in
//! German and English; [`super::Texts`] holds the table of the language.

/// The people and figure forms' texts in one language.
#[derive(Debug)]
pub struct PeopleTexts {
    pub person_name: &'static str,
    pub add_person: &'static str,
    pub edit_person: &'static str,
    pub remove_person: &'static str,
    pub remove_person_hint: &'static str,
    pub add_figure: &'static str,
    pub edit_figure: &'static str,
    pub remove_figure: &'static str,
    pub remove_figure_hint: &'static str,
    pub qualifier: &'static str,
}

/// German.
pub static PEOPLE_DE: PeopleTexts = PeopleTexts {
    person_name: "Name der Person",
    add_person: "Person hinzufügen",
    edit_person: "{name} ändern",
    remove_person: "Person entfernen",
    remove_person_hint: "Entfernen ist für falsch erfasste Einträge. Wer eine Funktion abgegeben hat, bleibt mit dem letzten Tag („Bis“) verzeichnet.",
    add_figure: "Kennzahl hinzufügen",
    edit_figure: "{metric} (Stand {date}) ändern",
    remove_figure: "Kennzahl entfernen",
    remove_figure_hint: "Entfernen ist für falsch erfasste Kennzahlen. Ein neuer Stand ist eine neue Kennzahl.",
    qualifier: "Genauigkeit",
};

/// English.
pub static PEOPLE_EN: PeopleTexts = PeopleTexts {
    person_name: "Person's name",
    add_person: "Add a person",
    edit_person: "Change {name}",
    remove_person: "Remove the person",
    remove_person_hint: "Removing is for entries made in error. Someone who left a role stays on record with the last day (“Until”).",
    add_figure: "Add a key figure",
    edit_figure: "Change {metric} (as of {date})",
    remove_figure: "Remove the key figure",
    remove_figure_hint: "Removing is for figures recorded in error. A figure of a later day is a new figure.",
    qualifier: "Exactness",
};
