//! What the app says about the API's codes: why a request failed, a party's role, what a key
//! figure counts and how it is qualified, how a contract renews.

use super::{Texts, fill};
use crate::api::ApiError;

impl Texts {
    /// What to tell the user about `error`.
    pub fn error(&self, error: &ApiError) -> &'static str {
        match error {
            ApiError::Network | ApiError::Aborted => self.err_network,
            ApiError::Timeout => self.err_timeout,
            ApiError::NotFound => self.err_not_found,
            ApiError::BadInput(_) | ApiError::Fields(_) => self.err_bad_input,
            ApiError::Forbidden => self.err_forbidden,
            ApiError::SignedOut => self.err_signed_out,
            ApiError::Conflict(_) => self.err_conflict,
            ApiError::RateLimited(_) => self.err_rate_limited,
            ApiError::Busy => self.err_busy,
            ApiError::Unsupported => self.err_unsupported,
            ApiError::Server => self.err_server,
            ApiError::InvalidResponse => self.err_response,
            ApiError::Other(_) => self.err_other,
        }
    }

    /// What to say where the server refused the input `field` of the form that sent
    /// `operation` (none for a list's query), for a reason only the server knows; `None`
    /// where the server's own words are to be shown (they are English: only the English
    /// table lets them through).
    pub fn refusal(&self, operation: &str, field: &str) -> Option<String> {
        let r = self.refusals;
        let text = match (operation, field) {
            (_, "email") => self.account.email_invalid,
            (_, "filter.search" | "search") => {
                let most = verbund_shared::text::SEARCH_MAX_CHARS.to_string();
                return Some(fill(r.search, &[("n", &most)]));
            }
            ("CreateService" | "UpdateService", "code") => r.code_taken,
            ("CreateOrganisation" | "UpdateOrganisation", "officialKey") => r.key_taken,
            ("CreateOrganisation" | "UpdateOrganisation", "parentId") => r.parent,
            ("CreateUser", "name") => r.account_taken,
            ("RegisterPersistedOperation", "document") => self.operation_unparsed,
            ("UpdateUser", "role" | "disabled") => r.own_admin,
            ("RemoveContractParty" | "ChangeContractPartyRole", "organisationId") => r.not_a_party,
            ("JoinMembership" | "CreatePerson" | "CreateKeyFigure", "organisationId") => {
                r.organisation_full
            }
            ("CreateContract", party) if party.starts_with("parties.") => r.organisation_gone,
            (_, "organisationId") => r.organisation_gone,
            (_, "parties") => r.parties_full,
            (_, "serviceId") => r.service_gone,
            (_, "sourceId") => r.source_gone,
            (_, "contractId") => r.contract_full,
            ("AmendContract", "renewal" | "decisionMonths" | "effectiveFrom") => r.renewals_hold,
            ("RenewContract", _) => r.renewal,
            ("GiveNotice", "givenOn") => r.notice,
            ("EndContract", "endedOn") => r.end,
            ("AssignDeadline" | "DecideDeadline", "owner") => r.owner,
            _ => r.other?,
        };
        Some(text.to_owned())
    }

    /// Why the deletion `operation` was refused although the version sent is the current one:
    /// other records still refer to the record. `None` for any other operation.
    pub fn in_use(&self, operation: &str) -> Option<&'static str> {
        let r = self.refusals;
        match operation {
            "DeleteContract" => Some(r.contract_in_use),
            "DeleteOrganisation" => Some(r.organisation_in_use),
            "DeleteService" => Some(r.service_in_use),
            "DeleteSource" => Some(r.source_in_use),
            _ => None,
        }
    }

    /// A party's role in a contract; unknown roles are shown as recorded.
    pub fn party_role(&self, role: &str) -> String {
        match role {
            "PROVIDER" => self.role_provider.to_owned(),
            "MEMBER" => self.role_member.to_owned(),
            "FOUNDER" => self.role_founder.to_owned(),
            "PARTNER" => self.role_partner.to_owned(),
            other => other.to_owned(),
        }
    }

    /// What a key figure counts.
    pub fn metric(&self, metric: &str) -> &'static str {
        match metric {
            "STAFF" => self.metric_staff,
            "WORKSTATIONS" => self.metric_workstations,
            "SPECIALIST_APPLICATIONS" => self.metric_applications,
            _ => self.not_recorded,
        }
    }

    /// The words before a figure's value ("über 3.000").
    pub fn qualifier(&self, qualifier: &str) -> Option<&'static str> {
        match qualifier {
            "MORE_THAN" => Some(self.qualifier_more_than),
            "ABOUT" => Some(self.qualifier_about),
            _ => None,
        }
    }

    /// How a contract renews.
    pub fn renewal(&self, renewal: &str, months: Option<i64>) -> String {
        match renewal {
            "TACIT" => fill(
                self.renewal_tacit,
                &[(
                    "n",
                    &months.map_or_else(|| "?".to_owned(), |m| m.to_string()),
                )],
            ),
            "EXPRESS" => self.renewal_express.to_owned(),
            _ => self.renewal_none.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DE, EN};
    use super::*;

    #[test]
    fn a_refused_mail_address_is_told_in_each_language() {
        let (de, en) = (
            DE.refusal("SetEmail", "email"),
            EN.refusal("SetEmail", "email"),
        );
        assert!(
            de.as_deref()
                .is_some_and(|de| de.contains("E-Mail-Adresse")),
            "{de:?}"
        );
        assert!(
            en.as_deref().is_some_and(|en| en.contains("mail address")),
            "{en:?}"
        );
    }

    #[test]
    fn a_deletion_refused_for_records_still_referring_is_told_by_operation() {
        assert!(
            DE.in_use("DeleteService")
                .is_some_and(|de| de.contains("Leistung"))
        );
        assert!(
            DE.in_use("DeleteContract")
                .is_some_and(|de| de.contains("Vertrag"))
        );
        assert!(
            DE.in_use("DeleteOrganisation")
                .is_some_and(|de| de.contains("Organisation"))
        );
        assert!(
            EN.in_use("DeleteSource")
                .is_some_and(|en| en.contains("source"))
        );
        assert_eq!(DE.in_use("UpdateService"), None);
    }

    #[test]
    fn refusals_only_the_server_makes_are_told_in_german_by_operation_and_input() {
        let de = |operation, field| DE.refusal(operation, field).unwrap_or_default();
        assert!(de("CreateService", "code").contains("Kennung"));
        assert!(de("UpdateOrganisation", "officialKey").contains("amtlichen Schlüssel"));
        assert!(de("AddContractParty", "organisationId").contains("nicht mehr im Register"));
        assert!(de("ChangeContractPartyRole", "organisationId").contains("keine Vertragspartei"));
        assert!(de("CreateContract", "parties.1.organisationId").contains("nicht mehr"));
        assert!(de("Members", "filter.search").contains("höchstens 200 Zeichen"));
        // An input the app has no words of its own for: a German sentence all the same in
        // the German app, the server's own (English) words in the English one.
        assert!(de("UpdateService", "name").contains("Server"));
        assert_eq!(EN.refusal("UpdateService", "name"), None);
        assert!(
            EN.refusal("CreateService", "code")
                .is_some_and(|en| en.contains("Another service"))
        );
    }

    #[test]
    fn every_error_is_told_in_each_language() {
        let errors = [
            ApiError::Network,
            ApiError::Timeout,
            ApiError::NotFound,
            ApiError::BadInput(String::new()),
            ApiError::SignedOut,
            ApiError::Forbidden,
            ApiError::Conflict(None),
            ApiError::RateLimited(1),
            ApiError::Busy,
            ApiError::Unsupported,
            ApiError::Server,
            ApiError::InvalidResponse,
            ApiError::Other(String::new()),
        ];
        for error in &errors {
            let (de, en) = (DE.error(error), EN.error(error));
            assert!(!de.is_empty() && de != en, "{error:?}: {de} / {en}");
        }
        // Each error its own message.
        for (i, error) in errors.iter().enumerate() {
            for other in &errors[..i] {
                assert_ne!(DE.error(error), DE.error(other), "{error:?} / {other:?}");
            }
        }
    }
}
