//! The categories of the provider's service catalogue.

code_enum! {
    /// What kind of service a catalogue entry is.
    pub enum ServiceCategory("service category") {
        /// The complete IT operation of a member's core administration (Kernverwaltung).
        CoreAdministration = "CORE_ADMINISTRATION", de: "IT-Betrieb der Kernverwaltung",
            en: "IT operation of the core administration";
        /// Support of workstations and their users.
        WorkstationSupport = "WORKSTATION_SUPPORT", de: "Arbeitsplatzbetreuung",
            en: "Workstation support";
        /// Running servers and applications in the provider's data centre.
        Hosting = "HOSTING", de: "Hosting", en: "Hosting";
        /// Networks and connections.
        Network = "NETWORK", de: "Netzwerk", en: "Network";
        /// A specialist application (Fachanwendung) of a vendor.
        SpecialistApplication = "SPECIALIST_APPLICATION", de: "Fachanwendung",
            en: "Specialist application";
        /// Buying hardware, software and services for a member.
        Procurement = "PROCUREMENT", de: "Beschaffung", en: "Procurement";
        /// IT of schools.
        SchoolIt = "SCHOOL_IT", de: "Schul-IT", en: "School IT";
        /// Anything else.
        Other = "OTHER", de: "Sonstige Leistung", en: "Other service";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn codes_are_stable_and_round_trip() {
        let codes: Vec<_> = ServiceCategory::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            codes,
            [
                "CORE_ADMINISTRATION",
                "WORKSTATION_SUPPORT",
                "HOSTING",
                "NETWORK",
                "SPECIALIST_APPLICATION",
                "PROCUREMENT",
                "SCHOOL_IT",
                "OTHER",
            ]
        );
        for category in ServiceCategory::ALL {
            assert_eq!(category.as_str().parse(), Ok(category));
            assert!(!category.label(Lang::De).is_empty());
        }
        assert!("SCHOOL-IT".parse::<ServiceCategory>().is_err());
    }

    #[test]
    fn serde_uses_the_codes() {
        for category in ServiceCategory::ALL {
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.as_str()));
            assert_eq!(
                serde_json::from_str::<ServiceCategory>(&json).unwrap(),
                category
            );
        }
        assert!(serde_json::from_str::<ServiceCategory>("\"Hosting\"").is_err());
    }
}
