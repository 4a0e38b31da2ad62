//! What a form sends to create or change a record, and its checks. The browser checks a
//! draft before it sends it and the server before it writes it, with the same function, so a
//! message shown next to an input is the one the server would send.
//!
//! A draft names other records by `Id`: the server's row ids (`i32`, the default) or the
//! browser's global IDs. Whether a named record exists is the server's to check; everything
//! else is checked here. `check` returns the draft's values as they are stored: trimmed, empty
//! texts as `None`, codes as their enums.

use chrono::NaiveDate;

use crate::contract::{ContractKind, NoticeTo};
use crate::org::{OrganisationKind, ParentLink};
use crate::said::say;
use crate::service::ServiceCategory;
use crate::text;
use crate::validate::{Check, FieldError};

code_enum! {
    /// What happens when a contract's term ends.
    pub enum RenewalRule("renewal rule") {
        /// It ends.
        None = "NONE", de: "Keine Verlängerung", en: "No renewal";
        /// It renews by itself unless notice is given in time.
        Tacit = "TACIT", de: "Stillschweigende Verlängerung", en: "Tacit renewal";
        /// It ends unless the parties expressly renew it.
        Express = "EXPRESS", de: "Ausdrückliche Verlängerung", en: "Express renewal";
    }
}

/// The most characters of a service code.
pub const CODE_MAX_CHARS: usize = 50;

/// An organisation as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationDraft<Id = i32> {
    pub name: String,
    pub short_name: Option<String>,
    pub kind: OrganisationKind,
    pub official_key: Option<String>,
    /// The organisation it belongs to.
    pub parent: Option<Id>,
    /// How it belongs to `parent`; by default the only way its kind can (see
    /// [`OrganisationKind::parent_link`]).
    pub parent_link: Option<ParentLink>,
    pub source: Option<Id>,
}

impl<Id: Clone> OrganisationDraft<Id> {
    /// Checks the draft; the parent link is set exactly when there is a parent.
    ///
    /// # Errors
    ///
    /// Every field that cannot be taken, with its reason.
    pub fn check(&self) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::new();
        let name = check.name("name", &self.name);
        let short_name = check.optional_short_name(
            "shortName",
            self.short_name.as_deref(),
            text::SHORT_NAME_MAX_CHARS,
        );
        let official_key = check.official_key("officialKey", self.official_key.as_deref());
        let fits = self.kind.parent_link();
        let parent_link = self.parent.as_ref().map(|_| match self.parent_link {
            Some(link) if link != fits => {
                check.fail(
                    "parentLink",
                    match fits {
                        ParentLink::Territory => say(
                            "a district, town, municipality or Amt lies in its parent's territory; it is never a unit",
                            "ein Landkreis, eine Stadt, Gemeinde oder ein Amt liegt im Gebiet seines Übergeordneten; es ist nie dessen Einheit",
                        ),
                        ParentLink::Unit => say(
                            "only districts, towns, municipalities and Ämter lie in a territory; this kind is a unit",
                            "nur Landkreise, Städte, Gemeinden und Ämter liegen in einem Gebiet; diese Art ist eine Einheit",
                        ),
                    },
                );
                link
            }
            _ => fits,
        });
        check.finish()?;
        Ok(Self {
            name: name.map(|n| n.to_string()).unwrap_or_default(),
            short_name: short_name.map(|n| n.to_string()),
            kind: self.kind,
            official_key: official_key.map(|k| k.as_str().to_owned()),
            parent: self.parent.clone(),
            parent_link,
            source: self.source.clone(),
        })
    }
}

/// The largest share of the capital, in cents: a trillion euros, so that the shares of every
/// member together still fit in 64 bits.
pub const CAPITAL_SHARE_MAX_CENTS: i64 = 100_000_000_000_000;
/// What a share of the capital must be.
pub const CAPITAL_SHARE_RULE: &str =
    "an amount in euros from 0 to 1,000,000,000,000.00 with at most two decimals";
/// [`CAPITAL_SHARE_RULE`] in German.
pub const CAPITAL_SHARE_RULE_DE: &str =
    "ein Betrag in Euro von 0 bis 1.000.000.000.000,00 mit höchstens zwei Nachkommastellen";

/// The cents of an amount in euros written with at most two decimals after a point or a
/// comma (`12500`, `12500.5`, `12500,50`); `None` for anything else.
#[must_use]
pub fn cents_of_euros(text: &str) -> Option<i64> {
    let text = text.replace(',', ".");
    let (euros, cents) = text.split_once('.').unwrap_or((&text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    (!euros.is_empty() && digits(euros) && digits(cents) && cents.len() <= 2)
        // The cents are the digits with the decimals filled up to two.
        .then(|| [euros, cents, &"00"[cents.len()..]].concat().parse().ok())
        .flatten()
}

/// A membership as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipDraft<Id = i32> {
    pub organisation: Id,
    pub joined_on: NaiveDate,
    /// The last day; kept as it is when a membership is changed (see `leaveMembership`).
    pub left_on: Option<NaiveDate>,
    pub founding: bool,
    pub contract: Option<Id>,
    /// The share of the capital in cents.
    pub capital_share_cents: Option<i64>,
    pub seats: Option<i32>,
    pub council_decision_on: Option<NaiveDate>,
    pub contract_signed_on: Option<NaiveDate>,
    pub legal_effect_on: Option<NaiveDate>,
    pub it_takeover_on: Option<NaiveDate>,
    pub source: Option<Id>,
}

impl<Id: Clone> MembershipDraft<Id> {
    /// Checks the draft.
    ///
    /// # Errors
    ///
    /// Every field that cannot be taken, with its reason.
    pub fn check(&self) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::new();
        check.period("leftOn", self.joined_on, self.left_on);
        if self
            .capital_share_cents
            .is_some_and(|cents| !(0..=CAPITAL_SHARE_MAX_CENTS).contains(&cents))
        {
            check.fail(
                "capitalShare",
                say(CAPITAL_SHARE_RULE, CAPITAL_SHARE_RULE_DE),
            );
        }
        check.count("seats", self.seats.map(i64::from));
        check.finish()?;
        Ok(self.clone())
    }
}

/// A contract as a form gives it (its parties are changed one by one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractDraft<Id = i32> {
    pub number: Option<String>,
    pub title: String,
    /// The provider's file reference (Aktenzeichen).
    pub file_reference: Option<String>,
    pub kind: ContractKind,
    pub signed_on: Option<NaiveDate>,
    pub effective_from: Option<NaiveDate>,
    pub initial_term_months: Option<i32>,
    pub initial_term_until: Option<NaiveDate>,
    pub renewal: RenewalRule,
    pub renewal_months: Option<i32>,
    pub notice_months: Option<i32>,
    pub notice_to: Option<NoticeTo>,
    /// Express renewal only: the months before a term ends by which the parties decide.
    pub decision_months: Option<i32>,
    pub source: Option<Id>,
}

impl<Id: Clone> ContractDraft<Id> {
    /// Checks the draft, the terms as a whole included.
    ///
    /// # Errors
    ///
    /// Every field that cannot be taken, with its reason.
    pub fn check(&self) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::new();
        let title = check.name("title", &self.title);
        let number =
            check.optional_short_name("number", self.number.as_deref(), text::LABEL_MAX_CHARS);
        let file_reference = check.optional_name("fileReference", self.file_reference.as_deref());
        let terms = check.terms(
            self.effective_from,
            self.initial_term_months,
            self.initial_term_until,
            self.renewal.as_str(),
            self.renewal_months,
            self.notice_months,
            self.notice_to,
        );
        check.decision_period(terms, self.decision_months);
        check.finish()?;
        Ok(Self {
            number: number.map(|n| n.to_string()),
            title: title.map(|t| t.to_string()).unwrap_or_default(),
            file_reference: file_reference.map(|f| f.to_string()),
            ..self.clone()
        })
    }
}

/// A party to a contract as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyDraft<Id = i32> {
    pub organisation: Id,
    /// Its role, e.g. "PROVIDER" or "MEMBER".
    pub role: Option<String>,
}

impl<Id: Clone> PartyDraft<Id> {
    /// Checks the draft.
    ///
    /// # Errors
    ///
    /// A role that is not a name.
    pub fn check(&self) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::new();
        let role = check.optional_short_name("role", self.role.as_deref(), text::ROLE_MAX_CHARS);
        check.finish()?;
        Ok(Self {
            organisation: self.organisation.clone(),
            role: role.map(|r| r.to_string()),
        })
    }
}

/// A catalogue entry as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceDraft<Id = i32> {
    pub code: String,
    pub name: String,
    pub category: ServiceCategory,
    pub vendor: Option<String>,
    pub description: Option<String>,
    pub source: Option<Id>,
}

impl<Id: Clone> ServiceDraft<Id> {
    /// Checks the draft; a code has at most [`CODE_MAX_CHARS`] characters.
    ///
    /// # Errors
    ///
    /// Every field that cannot be taken, with its reason.
    pub fn check(&self) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::new();
        let code = check.name("code", &self.code);
        if self.code.trim().chars().count() > CODE_MAX_CHARS {
            check.fail(
                "code",
                say(
                    format!("a code has at most {CODE_MAX_CHARS} characters"),
                    format!("ein Kürzel hat höchstens {CODE_MAX_CHARS} Zeichen"),
                ),
            );
        }
        let name = check.name("name", &self.name);
        let vendor = check.optional_name("vendor", self.vendor.as_deref());
        let description = check.text("description", self.description.as_deref());
        check.finish()?;
        Ok(Self {
            code: code.map(|c| c.to_string()).unwrap_or_default(),
            name: name.map(|n| n.to_string()).unwrap_or_default(),
            category: self.category,
            vendor: vendor.map(|v| v.to_string()),
            description,
            source: self.source.clone(),
        })
    }
}

/// A coverage as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageDraft<Id = i32> {
    pub organisation: Id,
    pub service: Id,
    pub contract: Option<Id>,
    pub starts_on: NaiveDate,
    pub ends_on: Option<NaiveDate>,
    pub workstations: Option<i32>,
    pub users: Option<i32>,
    pub source: Option<Id>,
}

impl<Id: Clone> CoverageDraft<Id> {
    /// Checks the draft.
    ///
    /// # Errors
    ///
    /// Every field that cannot be taken, with its reason.
    pub fn check(&self) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::new();
        check.period("endsOn", self.starts_on, self.ends_on);
        check.count("workstations", self.workstations.map(i64::from));
        check.count("users", self.users.map(i64::from));
        check.finish()?;
        Ok(self.clone())
    }
}

/// A source as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceDraft {
    pub title: String,
    pub publisher: Option<String>,
    /// Where it can be read (http or https).
    pub url: Option<String>,
    pub published_on: Option<NaiveDate>,
    /// The day it was read, as a citation of a web page names it: not before it was
    /// published.
    pub accessed_on: Option<NaiveDate>,
    pub note: Option<String>,
}

impl SourceDraft {
    /// Checks the draft.
    ///
    /// # Errors
    ///
    /// Every field that cannot be taken, with its reason.
    pub fn check(&self) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::new();
        let title = check.name("title", &self.title);
        let publisher = check.optional_name("publisher", self.publisher.as_deref());
        let url = check.line("url", self.url.as_deref());
        if let Some(url) = &url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            check.fail(
                "url",
                say(
                    "an address starting with https:// or http://",
                    "eine Adresse, die mit https:// oder http:// beginnt",
                ),
            );
        }
        let note = check.text("note", self.note.as_deref());
        if let (Some(published), Some(accessed)) = (self.published_on, self.accessed_on) {
            check.not_before(
                "accessedOn",
                accessed,
                published,
                ("the day of publication", "dem Tag der Veröffentlichung"),
            );
        }
        check.finish()?;
        Ok(Self {
            title: title.map(|t| t.to_string()).unwrap_or_default(),
            publisher: publisher.map(|p| p.to_string()),
            url,
            published_on: self.published_on,
            accessed_on: self.accessed_on,
            note,
        })
    }
}

#[cfg(test)]
mod tests;
