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
            ApiError::Conflict => self.err_conflict,
            ApiError::RateLimited(_) => self.err_rate_limited,
            ApiError::Busy => self.err_busy,
            ApiError::Unsupported => self.err_unsupported,
            ApiError::Server => self.err_server,
            ApiError::InvalidResponse => self.err_response,
            ApiError::Other(_) => self.err_other,
        }
    }

    /// What to say where the server refused the input `field` of a form, when the app can
    /// say it in its own language (the server's words are English).
    pub fn refusal(&self, field: &str) -> Option<&'static str> {
        match field {
            "email" => Some(self.account.email_invalid),
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
        let (de, en) = (DE.refusal("email"), EN.refusal("email"));
        assert!(de.is_some_and(|de| de.contains("E-Mail-Adresse")), "{de:?}");
        assert!(en.is_some_and(|en| en.contains("mail address")), "{en:?}");
        // Inputs the app has no words of its own for keep the server's.
        assert_eq!(DE.refusal("name"), None);
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
            ApiError::Conflict,
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
