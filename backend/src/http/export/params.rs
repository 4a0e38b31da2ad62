//! What an export asks for: the list and format from the path, the filters from the query
//! string, named as the list's GraphQL arguments name them (`asOf` and the fields of its
//! `filter`), turned into the register's query as the list's root turns its arguments.
//! A list of values is given by repeating the parameter or separating the values by commas
//! (`kind=AMT,GEMEINDE`); a parameter the list does not know is refused, so a misspelt filter
//! never exports more than was meant.

use std::collections::HashMap;
use std::str::FromStr;

use async_graphql::ID;
use chrono::NaiveDate;
use verbund_shared::validate;

use crate::error::{ApiError, ApiResult};
use crate::graphql::ids::{self, NodeType};
use crate::register::audit::LogFilter;
use crate::register::contracts::ContractQuery;
use crate::register::coverages::CoverageQuery;
use crate::register::desk::{DeadlineFilter, DeadlineQuery};
use crate::register::export::ExportQuery;
use crate::register::organisations::OrganisationQuery;
use crate::register::services::ServiceQuery;

/// The lists that can be exported, as the path names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Members,
    Organisations,
    Memberships,
    Contracts,
    Services,
    Coverages,
    Sources,
    Deadlines,
    AuditLog,
}

impl List {
    pub const ALL: [Self; 9] = [
        Self::Members,
        Self::Organisations,
        Self::Memberships,
        Self::Contracts,
        Self::Services,
        Self::Coverages,
        Self::Sources,
        Self::Deadlines,
        Self::AuditLog,
    ];

    /// The list's name in the path and the file name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Members => "members",
            Self::Organisations => "organisations",
            Self::Memberships => "memberships",
            Self::Contracts => "contracts",
            Self::Services => "services",
            Self::Coverages => "coverages",
            Self::Sources => "sources",
            Self::Deadlines => "deadlines",
            Self::AuditLog => "audit-log",
        }
    }

    /// The query parameters the list takes besides `lang`.
    fn parameters(self) -> &'static [&'static str] {
        match self {
            Self::Members => &["asOf", "search", "kind", "founding"],
            Self::Organisations => &["search", "kind", "parentId", "topLevel", "memberOn"],
            Self::Memberships => &["organisationId"],
            Self::Contracts => &[
                "asOf",
                "status",
                "kind",
                "partyId",
                "inForceOn",
                "endingBefore",
                "noticeDeadlineBefore",
                "search",
            ],
            Self::Services => &["search", "category"],
            Self::Coverages => &[
                "asOf",
                "organisationId",
                "serviceId",
                "contractId",
                "category",
            ],
            Self::Sources => &["search"],
            Self::Deadlines => &["window", "owner", "state"],
            Self::AuditLog => &[
                "recordType",
                "recordId",
                "actor",
                "operation",
                "from",
                "until",
            ],
        }
    }
}

/// The file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Json => "json",
        }
    }
}

/// The language of a CSV file's headers, dates and numbers (JSON is always in English).
pub use verbund_shared::Lang;

/// The list and format a path's last segment names, e.g. `contracts.csv`.
pub fn file(segment: &str) -> Option<(List, Format)> {
    let (name, extension) = segment.rsplit_once('.')?;
    let list = List::ALL.into_iter().find(|list| list.name() == name)?;
    let format = match extension {
        "csv" => Format::Csv,
        "json" => Format::Json,
        _ => return None,
    };
    Some((list, format))
}

/// The query string's parameters, each with its values.
pub struct Params {
    values: HashMap<String, Vec<String>>,
}

impl Params {
    /// Groups the pairs of a query string; refuses a parameter `list` does not take.
    pub fn of(list: List, pairs: Vec<(String, String)>) -> ApiResult<Self> {
        let what = format!("The {} export", list.name());
        Self::taking(&what, list.parameters(), pairs)
    }

    /// Groups the pairs of a query string; refuses a parameter other than `lang` and
    /// `taken`, saying what (`what`) takes no such parameter.
    pub fn taking(what: &str, taken: &[&str], pairs: Vec<(String, String)>) -> ApiResult<Self> {
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        for (name, value) in pairs {
            if name != "lang" && !taken.contains(&name.as_str()) {
                return Err(ApiError::bad_input(
                    name.clone(),
                    format!(
                        "{what} takes no parameter `{name}`; it takes {}.",
                        taken.join(", ")
                    ),
                ));
            }
            values.entry(name).or_default().push(value);
        }
        Ok(Self { values })
    }

    /// The one value of `name`, if given (and not empty).
    fn one(&self, name: &str) -> ApiResult<Option<&str>> {
        match self.values.get(name).map(Vec::as_slice) {
            None | Some([]) => Ok(None),
            Some([value]) => Ok(Some(value.as_str()).filter(|v| !v.trim().is_empty())),
            Some(_) => Err(ApiError::bad_input(name, format!("Give `{name}` once."))),
        }
    }

    /// Every value of `name`, parameters repeated or separated by commas, as codes of `T`.
    fn codes<T: FromStr>(&self, name: &str) -> ApiResult<Vec<T>> {
        let given: Vec<String> = self
            .values
            .get(name)
            .into_iter()
            .flatten()
            .flat_map(|value| value.split(','))
            .map(str::trim)
            .filter(|value| !value.is_empty())
            .map(str::to_owned)
            .collect();
        let given = validate::filter_list(name, Some(given))?;
        given
            .iter()
            .map(|code| {
                code.parse().map_err(|_| {
                    ApiError::bad_input(name, format!("`{code}` is not a value of `{name}`."))
                })
            })
            .collect()
    }

    /// A search text or an exact term (held to the bounds of a search).
    fn text(&self, name: &str) -> ApiResult<Option<String>> {
        Ok(validate::search(name, self.one(name)?.map(str::to_owned))?)
    }

    /// A date (`YYYY-MM-DD`).
    pub fn date(&self, name: &str) -> ApiResult<Option<NaiveDate>> {
        self.one(name)?
            .map(|value| {
                NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| {
                    ApiError::bad_input(name, format!("`{name}` must be a date as YYYY-MM-DD."))
                })
            })
            .transpose()
    }

    /// `true` or `false`.
    fn flag(&self, name: &str) -> ApiResult<Option<bool>> {
        match self.one(name)? {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(_) => Err(ApiError::bad_input(
                name,
                format!("`{name}` must be true or false."),
            )),
        }
    }

    /// The global ID of a record of type `node`.
    fn id(&self, name: &str, node: NodeType) -> ApiResult<Option<i32>> {
        let id = self.one(name)?.map(|value| ID(value.to_owned()));
        ids::decode_opt(id.as_ref(), node, name)
    }

    /// The day the list is seen on, when given (`asOf`).
    pub fn as_of(&self) -> ApiResult<Option<NaiveDate>> {
        self.date("asOf")
    }

    /// The language asked for: German unless `lang=en`.
    pub fn lang(&self) -> ApiResult<Lang> {
        self.one("lang")?.map_or(Ok(Lang::De), |code| {
            code.parse()
                .map_err(|_| ApiError::bad_input("lang", "`lang` must be de or en."))
        })
    }

    /// The register's query for `list`, with `today` where the list's day is not given.
    pub fn query(&self, list: List, today: NaiveDate) -> ApiResult<ExportQuery> {
        let as_of = self.date("asOf")?;
        Ok(match list {
            List::Members => ExportQuery::Organisations(OrganisationQuery {
                member_on: Some(as_of.unwrap_or(today)),
                search: self.text("search")?,
                kinds: self.codes("kind")?,
                parent_id: None,
                top_level: None,
                founding: self.flag("founding")?,
            }),
            List::Organisations => ExportQuery::Organisations(OrganisationQuery {
                member_on: self.date("memberOn")?,
                search: self.text("search")?,
                kinds: self.codes("kind")?,
                parent_id: self.id("parentId", NodeType::Organisation)?,
                top_level: self.flag("topLevel")?,
                founding: None,
            }),
            List::Memberships => {
                ExportQuery::Memberships(self.id("organisationId", NodeType::Organisation)?)
            }
            List::Contracts => ExportQuery::Contracts(ContractQuery {
                kinds: self.codes("kind")?,
                party_id: self.id("partyId", NodeType::Organisation)?,
                search: self.text("search")?,
                statuses: self.codes("status")?,
                as_of: as_of.unwrap_or(today),
                in_force_on: self.date("inForceOn")?,
                ending_before: self.date("endingBefore")?,
                notice_deadline_before: self.date("noticeDeadlineBefore")?,
            }),
            List::Services => ExportQuery::Services(ServiceQuery {
                categories: self.codes("category")?,
                search: self.text("search")?,
            }),
            List::Coverages => ExportQuery::Coverages(CoverageQuery {
                organisation_id: self.id("organisationId", NodeType::Organisation)?,
                service_id: self.id("serviceId", NodeType::Service)?,
                contract_id: self.id("contractId", NodeType::Contract)?,
                categories: self.codes("category")?,
                active_on: as_of,
            }),
            List::Sources => ExportQuery::Sources(self.text("search")?),
            List::Deadlines => ExportQuery::Deadlines(DeadlineQuery {
                window_days: self.window()?,
                owner: self.id("owner", NodeType::User)?,
                state: self.state()?,
            }),
            List::AuditLog => ExportQuery::AuditLog(LogFilter {
                record_type: self.text("recordType")?,
                record: self
                    .one("recordId")?
                    .map(|id| ids::decode(&ID(id.to_owned()), "recordId"))
                    .transpose()?,
                actor: self.text("actor")?,
                operation: self.text("operation")?,
                from: self.date("from")?,
                until: self.date("until")?,
            }),
        })
    }

    /// The desk's `window`: 0 to 3660 days, as the API takes it.
    fn window(&self) -> ApiResult<Option<u32>> {
        self.one("window")?
            .map(|value| {
                value
                    .parse::<u32>()
                    .ok()
                    .filter(|days| *days <= crate::timing::MAX_OFFSET)
                    .ok_or_else(|| {
                        ApiError::bad_input("window", "`window` must be between 0 and 3660 days.")
                    })
            })
            .transpose()
    }

    /// The desk's `state`, as the API names it (default: the undecided deadlines).
    fn state(&self) -> ApiResult<DeadlineFilter> {
        Ok(match self.one("state")? {
            None | Some("UNDECIDED") => DeadlineFilter::Undecided,
            Some("UPCOMING") => DeadlineFilter::Upcoming,
            Some("OVERDUE") => DeadlineFilter::Overdue,
            Some("DECIDED") => DeadlineFilter::Decided,
            Some("SUPERSEDED") => DeadlineFilter::Superseded,
            Some(other) => {
                return Err(ApiError::bad_input(
                    "state",
                    format!("`{other}` is not a value of `state`."),
                ));
            }
        })
    }
}
