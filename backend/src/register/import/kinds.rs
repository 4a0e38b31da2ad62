//! The lists an import takes, and the columns of each as the exports write them.

use crate::entities::record::{Record, RecordType};
use crate::entities::{contract, coverage, membership, organisation, service, source};
use crate::register::export::file_columns;
use crate::sheet::german;

/// A list an import takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Sources,
    Organisations,
    Services,
    Contracts,
    Memberships,
    Coverages,
}

impl Kind {
    /// The lists in the order they are imported: what a later list refers to comes first.
    pub const ORDER: [Self; 6] = [
        Self::Sources,
        Self::Organisations,
        Self::Services,
        Self::Contracts,
        Self::Memberships,
        Self::Coverages,
    ];

    /// The list's name, as in the export's address.
    pub fn list(self) -> &'static str {
        match self {
            Self::Organisations => "organisations",
            Self::Sources => "sources",
            Self::Services => "services",
            Self::Contracts => "contracts",
            Self::Memberships => "memberships",
            Self::Coverages => "coverages",
        }
    }

    /// [`Self::list`] in German: "Organisationen".
    pub fn list_de(self) -> &'static str {
        match self {
            Self::Organisations => "Organisationen",
            Self::Sources => "Quellen",
            Self::Services => "Leistungen",
            Self::Contracts => "Verträge",
            Self::Memberships => "Mitgliedschaften",
            Self::Coverages => "Versorgungen",
        }
    }

    /// The type of the list's records.
    pub fn record_type(self) -> RecordType {
        match self {
            Self::Organisations => RecordType::Organisation,
            Self::Sources => RecordType::Source,
            Self::Services => RecordType::Service,
            Self::Contracts => RecordType::Contract,
            Self::Memberships => RecordType::Membership,
            Self::Coverages => RecordType::Coverage,
        }
    }

    /// The keys of the list's columns, as the export writes them.
    fn keys(self) -> Vec<String> {
        match self {
            Self::Organisations => keys_of::<organisation::Model>(),
            Self::Sources => keys_of::<source::Model>(),
            Self::Services => keys_of::<service::Model>(),
            Self::Contracts => {
                let mut keys = keys_of::<contract::Model>();
                keys.extend(CONTRACT_MORE.map(str::to_owned));
                keys
            }
            Self::Memberships => keys_of::<membership::Model>(),
            Self::Coverages => keys_of::<coverage::Model>(),
        }
    }

    /// The columns a file of the list must have.
    fn required(self) -> &'static [&'static str] {
        match self {
            Self::Organisations => &["name", "kind"],
            Self::Sources => &["title"],
            Self::Services => &["code", "name", "category"],
            Self::Contracts => &["title", "kind"],
            Self::Memberships => &["organisation", "joinedOn"],
            Self::Coverages => &["organisation", "service", "startsOn"],
        }
    }

    /// The key of the column headed `header` (its key, or its German header).
    pub(super) fn key_of(self, header: &str) -> Option<String> {
        self.keys()
            .into_iter()
            .find(|key| key == header || german::header(key) == Some(header))
    }

    /// The list whose required columns `headers` all name (the one they name most of).
    pub(super) fn named_by(headers: &[String]) -> Option<Self> {
        Self::ORDER
            .into_iter()
            .filter(|kind| {
                kind.required().iter().all(|required| {
                    headers
                        .iter()
                        .any(|h| kind.key_of(h).as_deref() == Some(*required))
                })
            })
            .max_by_key(|kind| headers.iter().filter(|h| kind.key_of(h).is_some()).count())
    }
}

/// A contract's columns besides its declared ones: its parties, and what the export derives
/// on its day (`status`, `nextNoticeDeadline`), which an import reads past.
pub(super) const CONTRACT_MORE: [&str; 3] = ["status", "nextNoticeDeadline", "parties"];

/// The keys of the columns a file of `M`'s list has, as the export writes them.
pub(super) fn keys_of<M: Record>() -> Vec<String> {
    file_columns::<M>().map(|(_, key)| key).collect()
}
