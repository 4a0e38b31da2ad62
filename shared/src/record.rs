//! The register's record types, by the names the API, the audit history and the files give
//! them, each with its label.

code_enum! {
    /// A type of record in the register. Its code is its name in the API's schema and in the
    /// audit history (`Organisation`, `KeyFigure`).
    pub enum RecordType ("record type") {
        Organisation = "Organisation", de: "Organisation", en: "Organisation";
        Membership = "Membership", de: "Mitgliedschaft", en: "Membership";
        Contract = "Contract", de: "Vertrag", en: "Contract";
        ContractParty = "ContractParty", de: "Vertragspartei", en: "Party";
        Service = "Service", de: "Leistung", en: "Service";
        Coverage = "Coverage", de: "Versorgung", en: "Coverage";
        Person = "Person", de: "Person", en: "Person";
        KeyFigure = "KeyFigure", de: "Kennzahl", en: "Key figure";
        Source = "Source", de: "Quelle", en: "Source";
        User = "User", de: "Konto", en: "Account";
        ApiToken = "ApiToken", de: "Token", en: "Token";
        PersistedOperation = "PersistedOperation", de: "Operation", en: "Operation";
    }
}
