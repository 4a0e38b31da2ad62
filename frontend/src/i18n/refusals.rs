//! What the app says, in its own language, where the server refused an input for a reason
//! only the server can know: a key another record has, a record chosen that was deleted
//! meanwhile, a list that is full. The server names the input (`extensions.field`) and words
//! its reason in English; [`super::Texts::refusal`] picks the text here by the form's operation
//! and that input. [`super::Texts`] holds the table of the language.

/// The texts of the server's own refusals in one language.
#[derive(Debug)]
pub struct RefusalTexts {
    /// Another catalogue entry has the code (`code`).
    pub code_taken: &'static str,
    /// Another organisation has the official key (`officialKey`).
    pub key_taken: &'static str,
    /// Another staff account has the name.
    pub account_taken: &'static str,
    /// An admin took away their own admin rights.
    pub own_admin: &'static str,
    /// The organisation chosen is no longer in the register.
    pub organisation_gone: &'static str,
    /// The organisation chosen is no party to the contract (any more).
    pub not_a_party: &'static str,
    /// The organisation chosen is gone, or its list of such records is full.
    pub organisation_full: &'static str,
    /// The contract has as many parties as the register takes.
    pub parties_full: &'static str,
    /// The service chosen is no longer in the register.
    pub service_gone: &'static str,
    /// The source chosen is no longer in the register.
    pub source_gone: &'static str,
    /// The contract chosen is gone, or has as many memberships resting on it as it may.
    pub contract_full: &'static str,
    /// The parent chosen is gone, the organisation itself or below it, or has as many units as
    /// it may.
    pub parent: &'static str,
    /// The contract's express renewals would no longer fit its amended terms.
    pub renewals_hold: &'static str,
    /// The renewal cannot be recorded (the contract has as many as it may).
    pub renewal: &'static str,
    /// Notice cannot be recorded on the day given.
    pub notice: &'static str,
    /// The contract cannot be ended on the day given.
    pub end: &'static str,
    /// The deadline's owner is no longer an active editor.
    pub owner: &'static str,
    /// A contract that cannot be deleted: memberships or coverages rest on it.
    pub contract_in_use: &'static str,
    /// An organisation that cannot be deleted: other records refer to it.
    pub organisation_in_use: &'static str,
    /// A service that cannot be deleted: coverages refer to it.
    pub service_in_use: &'static str,
    /// A source that cannot be deleted: records cite it.
    pub source_in_use: &'static str,
    /// A search text too long for the server (`{n}`: the most it takes).
    pub search: &'static str,
    /// Any other input the server refused; none: its own words are shown (they are in the
    /// language of the table).
    pub other: Option<&'static str>,
}

pub const REFUSALS_DE: RefusalTexts = RefusalTexts {
    code_taken: "Eine andere Leistung hat bereits diese Kennung.",
    key_taken: "Eine andere Organisation hat bereits diesen amtlichen Schlüssel.",
    account_taken: "Es gibt bereits ein Konto mit diesem Namen.",
    own_admin: "Sie können sich die Administrationsrechte nicht selbst nehmen; bitten Sie eine andere Administratorin oder einen anderen Administrator.",
    organisation_gone: "Diese Organisation ist nicht mehr im Register. Bitte laden Sie die Seite neu.",
    not_a_party: "Diese Organisation ist keine Vertragspartei mehr. Bitte laden Sie die Seite neu.",
    organisation_full: "Hierfür kann diese Organisation nicht gewählt werden: Sie ist nicht mehr im Register, oder sie hat schon so viele solcher Einträge, wie das Register aufnimmt.",
    parties_full: "Der Vertrag hat schon so viele Vertragsparteien, wie das Register aufnimmt.",
    service_gone: "Diese Leistung ist nicht mehr im Katalog. Bitte laden Sie die Seite neu.",
    source_gone: "Diese Quelle ist nicht mehr im Register. Bitte laden Sie die Seite neu.",
    contract_full: "Dieser Vertrag kann nicht gewählt werden: Er ist nicht mehr im Register, oder auf ihm ruhen schon so viele Mitgliedschaften, wie das Register aufnimmt.",
    parent: "Diese Organisation kann nicht übergeordnet werden: Sie ist nicht mehr im Register, sie ist die Organisation selbst oder liegt unter ihr (als ihre Einheit oder in ihrem Gebiet), oder ihr sind schon so viele Organisationen zugeordnet, wie das Register aufnimmt.",
    renewals_hold: "Die erfassten ausdrücklichen Verlängerungen des Vertrags passen nicht zu diesen Laufzeitregeln.",
    renewal: "Diese Verlängerung kann nicht erfasst werden: Der Vertrag hat schon so viele Verlängerungen, wie das Register aufnimmt.",
    notice: "Zu diesem Tag kann keine Kündigung erfasst werden: Sie ist schon erfasst, der Vertrag ist beendet oder hat keine Kündigungsfrist, der Tag liegt vor seinem Wirksamwerden, oder eine Kündigung an diesem Tag erreicht kein Vertragsende.",
    end: "Zu diesem Tag kann der Vertrag nicht beendet werden: Er ist schon beendet, oder der Tag liegt vor seinem Wirksamwerden.",
    owner: "Zuständig kann nur ein aktives Konto mit Bearbeitungs- oder Administrationsrechten sein.",
    contract_in_use: "Dieser Vertrag kann nicht gelöscht werden: Auf ihm ruhen noch Mitgliedschaften oder Leistungsbezüge. Löschen ist nur für versehentlich angelegte Einträge gedacht, auf die sich nichts bezieht.",
    organisation_in_use: "Diese Organisation kann nicht gelöscht werden: Andere Einträge beziehen sich noch auf sie (Mitgliedschaften, Verträge, Leistungsbezüge, Einheiten, Personen, Kennzahlen oder Zugänge). Löschen ist nur für versehentlich angelegte Einträge gedacht, auf die sich nichts bezieht.",
    service_in_use: "Diese Leistung kann nicht gelöscht werden: Leistungsbezüge beziehen sich noch auf sie. Löschen ist nur für versehentlich angelegte Einträge gedacht, auf die sich nichts bezieht.",
    source_in_use: "Diese Quelle kann nicht gelöscht werden: Einträge im Register berufen sich noch auf sie. Löschen ist nur für versehentlich angelegte Einträge gedacht, auf die sich nichts bezieht.",
    search: "Ein Suchtext hat höchstens {n} Zeichen.",
    other: Some("Diese Angabe hat der Server nicht angenommen."),
};

pub const REFUSALS_EN: RefusalTexts = RefusalTexts {
    code_taken: "Another service has this code.",
    key_taken: "Another organisation has this official key.",
    account_taken: "An account with this name exists already.",
    own_admin: "You cannot take away your own admin rights; ask another admin.",
    organisation_gone: "This organisation is no longer in the register. Please reload the page.",
    not_a_party: "This organisation is no longer a party. Please reload the page.",
    organisation_full: "This organisation cannot be chosen here: it is no longer in the register, or it has as many such records as the register takes.",
    parties_full: "The contract has as many parties as the register takes.",
    service_gone: "This service is no longer in the catalogue. Please reload the page.",
    source_gone: "This source is no longer in the register. Please reload the page.",
    contract_full: "This contract cannot be chosen: it is no longer in the register, or as many memberships as the register takes rest on it.",
    parent: "This organisation cannot be the parent: it is no longer in the register, it is the organisation itself or lies below it (as its unit or in its territory), or it has as many organisations below it as the register takes.",
    renewals_hold: "The contract's recorded express renewals do not fit these terms.",
    renewal: "This renewal cannot be recorded: the contract has as many renewals as the register takes.",
    notice: "Notice cannot be recorded on this day: it has been given already, the contract has ended or has no notice period, the day is before it takes effect, or notice on this day reaches no end of the contract.",
    end: "The contract cannot be ended on this day: it has been ended already, or the day is before it takes effect.",
    owner: "Only an active account with the editor or admin role can own a deadline.",
    contract_in_use: "This contract cannot be deleted: memberships or coverages still rest on it. Deleting is meant only for records made in error that nothing refers to.",
    organisation_in_use: "This organisation cannot be deleted: other records still refer to it (memberships, contracts, coverages, units, people, key figures or tokens). Deleting is meant only for records made in error that nothing refers to.",
    service_in_use: "This service cannot be deleted: coverages still refer to it. Deleting is meant only for records made in error that nothing refers to.",
    source_in_use: "This source cannot be deleted: records in the register still cite it. Deleting is meant only for records made in error that nothing refers to.",
    search: "A search text has at most {n} characters.",
    other: None,
};
