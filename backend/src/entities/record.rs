//! One declaration per record type: [`record!`] writes the table's entity, the order in which a
//! row is read ([`Decode`](super::rows::Decode)), the API fields each column answers (so a list
//! reads only the columns a query asks for), which of them are plain values, which are
//! searched and which hold cents given in euros, and the bookkeeping every record has (`id`, `created_at`, `updated_at`, `version`).
//! The audit entry of a change is the record as serialised from the same declaration.
//!
//! ```text
//! record! {
//!     /// A source.
//!     table "sources" as Source {
//!         title: String => "title", plain, search;
//!         url: Option<String> => "url";
//!         fee_cents: Option<i64> => "fee", cents;  // exported and imported in euros
//!         internal_note: Option<String>;        // read, but no API field of its own
//!     }
//!     always [];                                // columns every partial read includes
//!     relations ["history"];                    // API fields that need no column
//! }
//! ```

use chrono::{DateTime, NaiveDate, Utc};

/// The record types of the register, as named in the API and in the audit history, with
/// their labels (`verbund_shared::record`).
pub use verbund_shared::record::RecordType;

/// What the server says of a record type besides its name and label: its noun in messages,
/// the global IDs of its records, the type a reference column names.
pub trait Named: Sized {
    /// What people call a record of the type, in English messages ("The contract was
    /// changed ..."): its English label, a common noun, in lower case. German messages name
    /// it by its label.
    fn noun(self) -> String;

    /// The global ID of the record of this type with `id`, as the API and the app's
    /// addresses spell it: the type's name and the id, base64url-encoded.
    fn global_id(self, id: i32) -> String;

    /// The type and id a global ID names (see [`Self::global_id`]), if it is one.
    fn parse_global_id(text: &str) -> Option<(Self, i32)>;

    /// The type of the records a reference column names, by the column's key as the API and
    /// the exported files name it (`parent`, `organisation`, `service`, `contract`, `source`).
    fn referenced_by(key: &str) -> Option<Self>;
}

impl Named for RecordType {
    fn noun(self) -> String {
        self.label(verbund_shared::Lang::En).to_lowercase()
    }

    fn global_id(self, id: i32) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{}:{id}", self.as_str()))
    }

    fn parse_global_id(text: &str) -> Option<(Self, i32)> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text.trim_end_matches('='))
            .ok()?;
        let decoded = String::from_utf8(bytes).ok()?;
        let (name, id) = decoded.split_once(':')?;
        let id = id.parse::<i32>().ok().filter(|id| *id > 0)?;
        Some((name.parse().ok()?, id))
    }

    fn referenced_by(key: &str) -> Option<Self> {
        match key {
            "parent" | "organisation" => Some(Self::Organisation),
            "source" => Some(Self::Source),
            "contract" => Some(Self::Contract),
            "service" => Some(Self::Service),
            _ => None,
        }
    }
}

/// One column of a record as the declaration gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The column.
    pub column: &'static str,
    /// The API field it answers, if any.
    pub api: Option<&'static str>,
    /// The API field answers the column's value as it is (no resolver needed).
    pub plain: bool,
    /// Text searches of the record's list look in this column.
    pub search: bool,
    /// The column holds an amount in cents, which the API and files give in euros.
    pub cents: bool,
}

/// A value of a column, as the API answers a plain field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Text(String),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
}

/// A column value that can be a [`Cell`].
pub trait IntoCell {
    fn cell(&self) -> Cell;
}

impl IntoCell for String {
    fn cell(&self) -> Cell {
        Cell::Text(self.clone())
    }
}

impl IntoCell for i32 {
    fn cell(&self) -> Cell {
        Cell::Int(i64::from(*self))
    }
}

impl IntoCell for i64 {
    fn cell(&self) -> Cell {
        Cell::Int(*self)
    }
}

impl IntoCell for bool {
    fn cell(&self) -> Cell {
        Cell::Bool(*self)
    }
}

impl IntoCell for NaiveDate {
    fn cell(&self) -> Cell {
        Cell::Date(*self)
    }
}

/// Timestamps are never plain: the API formats them itself.
impl IntoCell for DateTime<Utc> {
    fn cell(&self) -> Cell {
        Cell::Null
    }
}

impl<T: IntoCell> IntoCell for Option<T> {
    fn cell(&self) -> Cell {
        self.as_ref().map_or(Cell::Null, IntoCell::cell)
    }
}

/// A record type's declaration, as [`record!`] writes it.
pub trait Record: super::rows::Decode + serde::Serialize + Clone + Send + Sync + 'static {
    /// The type's name in the API and the audit history.
    const TYPE: RecordType;
    /// Every column, in the order a row is read.
    const FIELDS: &'static [Field];
    /// Columns read whenever some of the record's columns are (filters and relations need them).
    const ALWAYS: &'static [&'static str];
    /// API fields that need no column of their own (relations loaded by the record's id).
    const RELATIONS: &'static [&'static str];

    /// The record's id.
    fn id(&self) -> i32;

    /// The value of column number `index`.
    fn cell_at(&self, index: usize) -> Cell;

    /// The value of the API field `api` when it is plain (see [`Field::plain`]).
    fn plain(&self, api: &str) -> Option<Cell> {
        let index = Self::FIELDS
            .iter()
            .position(|field| field.plain && field.api == Some(api))?;
        Some(self.cell_at(index))
    }

    /// The column behind the API field `api`, if it answers one.
    fn column_of(api: &str) -> Option<&'static str> {
        Self::FIELDS
            .iter()
            .find(|field| field.api == Some(api))
            .map(|field| field.column)
    }

    /// The API field a column answers, for the audit history's changes.
    fn api_of(column: &str) -> Option<&'static str> {
        Self::FIELDS
            .iter()
            .find(|field| field.column == column)
            .and_then(|field| field.api)
    }

    /// The columns a text search looks in.
    fn searched() -> impl Iterator<Item = &'static str> {
        Self::FIELDS
            .iter()
            .filter(|field| field.search)
            .map(|field| field.column)
    }
}

/// Whether `flag` is among the flags given.
#[doc(hidden)]
#[macro_export]
macro_rules! record_flag {
    ($flag:ident;) => {
        false
    };
    (plain; plain $($rest:ident)*) => {
        true
    };
    (search; search $($rest:ident)*) => {
        true
    };
    (cents; cents $($rest:ident)*) => {
        true
    };
    ($flag:ident; $other:ident $($rest:ident)*) => {
        $crate::record_flag!($flag; $($rest)*)
    };
}

/// The API name of a field, if one is given.
#[doc(hidden)]
#[macro_export]
macro_rules! record_api {
    () => {
        None
    };
    ($api:literal) => {
        Some($api)
    };
}

/// Declares a record type: see the module documentation.
macro_rules! record {
    (
        $(#[$doc:meta])*
        table $table:literal as $kind:ident {
            $(
                $(#[$attr:meta])*
                $field:ident : $ty:ty $(=> $api:literal)? $(, $flag:ident)* ;
            )*
        }
        always [$($always:ident),* $(,)?];
        relations [$($relation:literal),* $(,)?];
    ) => {
        use sea_orm::entity::prelude::*;

        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
        #[sea_orm(table_name = $table)]
        pub struct Model {
            #[sea_orm(primary_key)]
            pub id: i32,
            $( $(#[$attr])* pub $field: $ty, )*
            pub created_at: DateTimeUtc,
            pub updated_at: DateTimeUtc,
            pub version: i32,
        }

        $crate::entities::rows::decode_model!(Model {
            id, $($field,)* created_at, updated_at, version,
        });

        impl $crate::entities::record::Record for Model {
            const TYPE: $crate::entities::record::RecordType =
                $crate::entities::record::RecordType::$kind;
            const FIELDS: &'static [$crate::entities::record::Field] = &[
                $crate::entities::record::Field {
                    column: "id", api: Some("id"), plain: false, search: false, cents: false,
                },
                $($crate::entities::record::Field {
                    column: stringify!($field),
                    api: $crate::record_api!($($api)?),
                    plain: $crate::record_flag!(plain; $($flag)*),
                    search: $crate::record_flag!(search; $($flag)*),
                    cents: $crate::record_flag!(cents; $($flag)*),
                },)*
                $crate::entities::record::Field {
                    column: "created_at", api: Some("createdAt"), plain: false, search: false, cents: false,
                },
                $crate::entities::record::Field {
                    column: "updated_at", api: Some("updatedAt"), plain: false, search: false, cents: false,
                },
                $crate::entities::record::Field {
                    column: "version", api: Some("version"), plain: true, search: false, cents: false,
                },
            ];
            const ALWAYS: &'static [&'static str] = &["id", $(stringify!($always)),*];
            const RELATIONS: &'static [&'static str] = &["__typename", "history", $($relation),*];

            fn id(&self) -> i32 {
                self.id
            }

            fn cell_at(&self, index: usize) -> $crate::entities::record::Cell {
                use $crate::entities::record::IntoCell as _;
                let mut at = 0;
                if index == at {
                    return self.id.cell();
                }
                $(
                    at += 1;
                    if index == at {
                        return self.$field.cell();
                    }
                )*
                match index - at {
                    1 => self.created_at.cell(),
                    2 => self.updated_at.cell(),
                    _ => self.version.cell(),
                }
            }
        }

        #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
        pub enum Relation {}

        $crate::entities::bookkeeping!();
    };
}
pub(crate) use record;

/// What a list reads of a record type: worked out from its declaration.
impl super::rows::Columns {
    /// The columns record type `R` needs to answer these of its API fields: those it
    /// always reads, and for each field the column its declaration names; a relation needs
    /// none, and a field the declaration does not name (one worked out from several columns)
    /// needs every column.
    pub fn for_api<'a, R: Record>(fields: impl IntoIterator<Item = &'a str>) -> Self {
        let mut columns = Self::of::<R>(R::ALWAYS);
        for field in fields {
            if R::RELATIONS.contains(&field) {
                continue;
            }
            match R::column_of(field) {
                Some(column) => columns = columns.and(Self::of::<R>(&[column])),
                None => return Self::ALL,
            }
        }
        columns
    }
}

#[cfg(test)]
mod tests {
    use super::{Named, RecordType};

    #[test]
    fn english_sentences_name_a_record_type_by_its_label_in_lower_case() {
        assert_eq!(RecordType::KeyFigure.noun(), "key figure");
        assert_eq!(RecordType::User.noun(), "account");
        assert_eq!(RecordType::ContractParty.noun(), "party");
        assert_eq!(RecordType::Contract.noun(), "contract");
    }

    #[test]
    fn a_global_id_names_its_type_and_id() {
        let id = RecordType::KeyFigure.global_id(42);
        assert_eq!(
            RecordType::parse_global_id(&id),
            Some((RecordType::KeyFigure, 42))
        );
        assert_eq!(
            "KeyFigure".parse::<RecordType>().ok(),
            Some(RecordType::KeyFigure)
        );
        assert_eq!("keyFigure".parse::<RecordType>().ok(), None);
    }
}
