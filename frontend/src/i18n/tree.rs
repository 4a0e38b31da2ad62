//! The texts of the organisation tree (`/organisations/tree`) and of a member's totals with
//! and without its units, in German and English; [`super::Texts`] holds the table of the
//! language.

/// The tree's texts in one language.
#[derive(Debug)]
pub struct TreeTexts {
    /// The page's heading and its entry in the navigation.
    pub title: &'static str,
    pub intro: &'static str,
    /// The tree's name for assistive technology: `{date}`.
    pub label: &'static str,
    /// How the tree is used with the keyboard.
    pub keys: &'static str,
    /// The mark of a unit (as opposed to territory).
    pub unit: &'static str,
    pub member: &'static str,
    pub no_member: &'static str,
    /// A member's workstations: `{own}` its own, `{all}` with its units.
    pub figures: &'static str,
    /// The workstations of an organisation that is no member: `{own}`.
    pub own_figures: &'static str,
    /// A member whose coverages record no workstations.
    pub no_figures: &'static str,
    /// How many of the top level are shown: `{shown}`, `{total}`.
    pub shown: &'static str,
    pub more: &'static str,
    pub empty: &'static str,
    /// The link to the tree from the members list and an organisation's page.
    pub see_tree: &'static str,
    /// A member's totals on its page.
    pub without_units: &'static str,
    pub with_units: &'static str,
}

/// German.
pub static TREE_DE: TreeTexts = TreeTexts {
    title: "Organisationsbaum",
    intro: "Die Organisationen am Stichtag als Baum: das Gebiet vom Landkreis über die Ämter und Städte bis zu den Gemeinden, und unter jeder Organisation ihre Einheiten (Eigenbetriebe, Unternehmen, Schulen). Die Arbeitsplätze der Einheiten zählen bei ihrem Mitglied mit, die Gebietskörperschaften nicht: sie sind selbst Mitglied oder nicht.",
    label: "Organisationen am {date}",
    keys: "Tastatur: Pfeiltasten hoch und runter wechseln die Organisation, rechts und links klappen auf und zu, Pos1 und Ende springen an den Anfang und das Ende, die Eingabetaste öffnet die Seite der Organisation.",
    unit: "Einheit",
    member: "Mitglied",
    no_member: "kein Mitglied",
    figures: "Arbeitsplätze: {own} ohne, {all} mit Einheiten",
    own_figures: "Arbeitsplätze: {own}",
    no_figures: "Arbeitsplätze: nicht erfasst",
    shown: "{shown} von {total} Organisationen der obersten Ebene angezeigt.",
    more: "Weitere laden",
    empty: "Im Register sind keine Organisationen erfasst.",
    see_tree: "Organisationsbaum: Gebiet und Einheiten",
    without_units: "Arbeitsplätze ohne Einheiten",
    with_units: "Arbeitsplätze mit Einheiten",
};

/// English.
pub static TREE_EN: TreeTexts = TreeTexts {
    title: "Organisation tree",
    intro: "The organisations on the chosen date as a tree: the territory from the district through the Ämter and towns to the municipalities, and under each organisation its units (municipal enterprises, companies, schools). The units' workstations count towards their member, the territory's do not: a town or municipality is a member in its own right or not at all.",
    label: "Organisations on {date}",
    keys: "Keyboard: the up and down arrows move between organisations, right and left expand and collapse, Home and End go to the first and the last, Enter opens the organisation's page.",
    unit: "Unit",
    member: "Member",
    no_member: "not a member",
    figures: "Workstations: {own} without, {all} with units",
    own_figures: "Workstations: {own}",
    no_figures: "Workstations: not recorded",
    shown: "{shown} of {total} top-level organisations shown.",
    more: "Load more",
    empty: "The register holds no organisations.",
    see_tree: "Organisation tree: territory and units",
    without_units: "Workstations without units",
    with_units: "Workstations with units",
};
