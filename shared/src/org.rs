//! The kinds of organisations the register knows: members, their enterprises, the provider
//! itself and its partners.

code_enum! {
    /// What kind of party an organisation is.
    pub enum OrganisationKind("organisation kind") {
        /// A district (Landkreis).
        Landkreis = "LANDKREIS", de: "Landkreis", en: "District (Landkreis)";
        /// A town that belongs to no district, including a state capital (Landeshauptstadt).
        KreisfreieStadt = "KREISFREIE_STADT", de: "Kreisfreie Stadt", en: "District-free city";
        /// A town in a district that runs its own administration (belongs to no Amt).
        AmtsfreieStadt = "AMTSFREIE_STADT", de: "Amtsfreie Stadt", en: "Town outside an Amt";
        /// A town whose administration is run by an Amt.
        AmtsangehoerigeStadt = "AMTSANGEHOERIGE_STADT",
            de: "Amtsangehörige Stadt", en: "Town within an Amt";
        /// A municipality that is not a town.
        Gemeinde = "GEMEINDE", de: "Gemeinde", en: "Municipality";
        /// An Amt: the shared administration of several municipalities.
        Amt = "AMT", de: "Amt", en: "Amt (joint administration)";
        /// A municipal enterprise without legal personality of its own.
        Eigenbetrieb = "EIGENBETRIEB", de: "Eigenbetrieb",
            en: "Municipal enterprise (Eigenbetrieb)";
        /// A company owned by municipalities (Stadtwerke, housing, the zoo, ...).
        MunicipalCompany = "MUNICIPAL_COMPANY", de: "Kommunales Unternehmen",
            en: "Municipal company";
        /// The IT service provider itself.
        ServiceProvider = "SERVICE_PROVIDER", de: "IT-Dienstleister", en: "IT service provider";
        /// A company the provider works with.
        PartnerCompany = "PARTNER_COMPANY", de: "Partnerunternehmen", en: "Partner company";
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn codes_are_stable() {
        let codes: Vec<_> = OrganisationKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            codes,
            [
                "LANDKREIS",
                "KREISFREIE_STADT",
                "AMTSFREIE_STADT",
                "AMTSANGEHOERIGE_STADT",
                "GEMEINDE",
                "AMT",
                "EIGENBETRIEB",
                "MUNICIPAL_COMPANY",
                "SERVICE_PROVIDER",
                "PARTNER_COMPANY",
            ]
        );
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_named() {
        for kind in OrganisationKind::ALL {
            assert_eq!(kind.as_str().parse(), Ok(kind));
        }
        let err = "landkreis".parse::<OrganisationKind>().unwrap_err();
        assert_eq!(err.value(), "landkreis");
        assert_eq!(err.to_string(), r#"unknown organisation kind: "landkreis""#);
    }

    #[test]
    fn labels_exist_in_both_languages() {
        assert_eq!(
            OrganisationKind::AmtsangehoerigeStadt.label(Lang::De),
            "Amtsangehörige Stadt"
        );
        assert_eq!(
            OrganisationKind::KreisfreieStadt.label(Lang::En),
            "District-free city"
        );
        for kind in OrganisationKind::ALL {
            for lang in Lang::ALL {
                assert!(!kind.label(lang).is_empty());
            }
        }
    }
}
