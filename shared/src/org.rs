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

code_enum! {
    /// How an organisation belongs to its parent.
    pub enum ParentLink("parent link") {
        /// It acts through its parent: an Eigenbetrieb, a municipal company, a school. A
        /// member's units are reached through these links.
        Unit = "UNIT", de: "Einheit von", en: "Unit of";
        /// It lies in its parent's territory: a town in its district, a municipality in its
        /// Amt. Territory is never a unit: such an organisation is a member in its own right
        /// or not at all.
        Territory = "TERRITORY", de: "Gebiet von", en: "Territory of";
    }
}

impl OrganisationKind {
    /// Whether organisations of this kind are territorial bodies (districts, towns,
    /// municipalities, Ämter): they can lie in a parent's territory but are never its units.
    #[must_use]
    pub const fn is_territorial(self) -> bool {
        matches!(
            self,
            Self::Landkreis
                | Self::KreisfreieStadt
                | Self::AmtsfreieStadt
                | Self::AmtsangehoerigeStadt
                | Self::Gemeinde
                | Self::Amt
        )
    }

    /// The only way an organisation of this kind can belong to a parent: territorial bodies
    /// lie in a territory, everything else is a unit.
    #[must_use]
    pub const fn parent_link(self) -> ParentLink {
        if self.is_territorial() {
            ParentLink::Territory
        } else {
            ParentLink::Unit
        }
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
    fn territorial_bodies_are_never_units() {
        for kind in OrganisationKind::ALL {
            let territorial = matches!(
                kind,
                OrganisationKind::Landkreis
                    | OrganisationKind::KreisfreieStadt
                    | OrganisationKind::AmtsfreieStadt
                    | OrganisationKind::AmtsangehoerigeStadt
                    | OrganisationKind::Gemeinde
                    | OrganisationKind::Amt
            );
            assert_eq!(kind.is_territorial(), territorial, "{kind:?}");
            let link = if territorial {
                ParentLink::Territory
            } else {
                ParentLink::Unit
            };
            assert_eq!(kind.parent_link(), link, "{kind:?}");
        }
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
