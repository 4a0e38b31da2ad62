//! The people named at an organisation and the key figures it is known by: what a key figure
//! counts and how exact it is, and what a form sends to record a person or a figure, checked
//! the same in the browser and on the server (see [`crate::drafts`]).

use chrono::NaiveDate;

use crate::said::say;
use crate::validate::{Check, FieldError};

code_enum! {
    /// What a key figure counts.
    pub enum Metric("key figure metric") {
        /// The staff.
        Staff = "STAFF", de: "Beschäftigte", en: "Staff";
        /// The workstations looked after.
        Workstations = "WORKSTATIONS", de: "Arbeitsplätze", en: "Workstations";
        /// The specialist applications (Fachanwendungen) looked after.
        SpecialistApplications = "SPECIALIST_APPLICATIONS", de: "Fachanwendungen",
            en: "Specialist applications";
    }
}

code_enum! {
    /// How exact a key figure is.
    pub enum Qualifier("key figure qualifier") {
        /// Exactly the value.
        Exact = "EXACT", de: "genau", en: "exactly";
        /// More than the value ("über 3.000").
        MoreThan = "MORE_THAN", de: "über", en: "more than";
        /// About the value.
        About = "ABOUT", de: "etwa", en: "about";
    }
}

/// The largest value a key figure may have (a billion: no organisation counts more).
pub const FIGURE_MAX: i64 = 1_000_000_000;

/// A person in a role at an organisation, as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDraft<Id = i32> {
    pub organisation: Id,
    pub name: String,
    /// The role, e.g. "Bürgermeister".
    pub role: String,
    /// The first day in the role, when known.
    pub since: Option<NaiveDate>,
    /// The last day in the role, when known (a person who left it stays on record).
    pub until: Option<NaiveDate>,
    pub source: Option<Id>,
}

impl<Id: Clone> PersonDraft<Id> {
    /// Checks the draft: a name and a role, and a last day not before the first.
    ///
    /// # Errors
    ///
    /// Every field that cannot be taken, with its reason.
    pub fn check(&self) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::new();
        let name = check.name("name", &self.name);
        let role = check.name("role", &self.role);
        if let Some(since) = self.since {
            check.period("until", since, self.until);
        }
        check.finish()?;
        Ok(Self {
            name: name.map(|n| n.to_string()).unwrap_or_default(),
            role: role.map(|r| r.to_string()).unwrap_or_default(),
            ..self.clone()
        })
    }
}

/// A key figure of an organisation, as a form gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyFigureDraft<Id = i32> {
    pub organisation: Id,
    pub metric: Metric,
    pub value: i64,
    pub qualifier: Qualifier,
    /// The day the figure describes.
    pub as_of: NaiveDate,
    pub source: Option<Id>,
}

impl<Id: Clone> KeyFigureDraft<Id> {
    /// Checks the draft: a value from 0 to [`FIGURE_MAX`].
    ///
    /// # Errors
    ///
    /// Every field that cannot be taken, with its reason.
    pub fn check(&self) -> Result<Self, Vec<FieldError>> {
        let mut check = Check::new();
        check.count("value", Some(self.value));
        if self.value > FIGURE_MAX {
            let value = self.value;
            check.fail(
                "value",
                say(
                    format!("at most {FIGURE_MAX}, not {value}"),
                    format!("höchstens {FIGURE_MAX}, nicht {value}"),
                ),
            );
        }
        check.finish()?;
        Ok(self.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: Vec<FieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field).collect()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, d).unwrap_or_default()
    }

    #[test]
    fn a_person_needs_a_name_a_role_and_an_order_of_days() {
        let person = PersonDraft {
            organisation: 1,
            name: "  Anna Beispiel ".into(),
            role: "Bürgermeisterin".into(),
            since: Some(day(2)),
            until: None,
            source: None,
        };
        assert_eq!(
            person.check().map(|p| p.name),
            Ok("Anna Beispiel".to_owned())
        );
        let wrong = PersonDraft {
            name: " ".into(),
            role: String::new(),
            until: Some(day(1)),
            ..person.clone()
        };
        assert_eq!(
            wrong.check().map_err(fields),
            Err(vec!["name".into(), "role".into(), "until".into()])
        );
        // A last day alone is fine: the first may not be known.
        let ended = PersonDraft {
            since: None,
            until: Some(day(1)),
            ..person
        };
        assert!(ended.check().is_ok());
    }

    #[test]
    fn a_figure_lies_between_nought_and_a_billion() {
        let figure = KeyFigureDraft {
            organisation: 1,
            metric: Metric::Staff,
            value: 130,
            qualifier: Qualifier::Exact,
            as_of: day(1),
            source: None::<i32>,
        };
        assert!(figure.check().is_ok());
        for value in [-1, FIGURE_MAX + 1] {
            let wrong = KeyFigureDraft {
                value,
                ..figure.clone()
            };
            assert_eq!(wrong.check().map_err(fields), Err(vec!["value".into()]));
        }
        assert_eq!("MORE_THAN".parse().ok(), Some(Qualifier::MoreThan));
        assert_eq!(
            Metric::SpecialistApplications.as_str(),
            "SPECIALIST_APPLICATIONS"
        );
    }
}
