//! Per-request batch loading: every relation a query walks is fetched in batches, so the
//! statements a query costs do not grow with the number of parents on the page. A batch holds
//! every key of its kind that one level of the query asks for (see [`Batcher`]). Each batch is
//! one call of the register, which applies the caller's access to every row it returns, so
//! relations are no way around roles, scopes and member limits.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, OnceLock};

use async_graphql::{Context, dataloader::Loader};
use chrono::NaiveDate;

use super::batch::Batcher;
use crate::auth::access::Access;
use crate::error::{ApiError, ApiResult};
use crate::register::contracts::{self, Contract, Party};
use crate::register::coverages::{self, Coverage};
use crate::register::desk;
use crate::register::memberships::{self, Membership};
use crate::register::organisations::{self, Organisation};
use crate::register::people::{self, KeyFigure, Person};
use crate::register::services::Service;
use crate::register::sources::Source;
use crate::register::totals::held::{HeldTotals, Reading};
use crate::register::totals::{self, Totals};
use crate::register::{Columns, Db as Conn, read};

/// The loader behind every batch below; one per request, so nothing is cached across
/// requests, and it knows the request's caller.
#[derive(Debug, Clone)]
pub struct Db {
    conn: Conn,
    /// The server's held coverage totals.
    totals: Arc<HeldTotals>,
    /// Their revision, when a statement of the request read it beside a page (see
    /// `totals::held::REVISION`).
    totals_revision: Arc<OnceLock<i64>>,
    access: Arc<Access>,
}

impl Db {
    /// Takes note of the totals' revision a statement of a query read (the first one counts:
    /// every load of totals after it answers as of that statement or later).
    pub fn saw_totals_revision(&self, revision: i64) {
        let _first = self.totals_revision.set(revision);
    }

    /// The server's held totals as this request reads them.
    pub fn totals(&self) -> Reading<'_> {
        self.totals.reading(self.totals_revision.get().copied())
    }
}

/// Creates the request's loader.
pub fn request_loader(conn: Conn, totals: Arc<HeldTotals>, access: Access) -> Batcher<Db> {
    Batcher::new(Db {
        conn,
        totals,
        totals_revision: Arc::default(),
        access: Arc::new(access),
    })
}

/// The request's loader.
pub fn loader<'a>(ctx: &Context<'a>) -> &'a Batcher<Db> {
    ctx.data_unchecked::<Batcher<Db>>()
}

/// Loads one record by key; a missing record is `NOT_FOUND`, since a foreign key points at it.
pub async fn one<K>(ctx: &Context<'_>, key: K) -> ApiResult<<Db as Loader<K>>::Value>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Db: Loader<K, Error = ApiError>,
{
    loader(ctx)
        .load_one(key)
        .await?
        .ok_or_else(|| ApiError::not_found("A referenced record does not exist."))
}

/// Loads the record a key names, if the caller may see it (null otherwise).
pub async fn maybe<K>(
    ctx: &Context<'_>,
    key: Option<K>,
) -> ApiResult<Option<<Db as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Db: Loader<K, Error = ApiError>,
{
    match key {
        Some(key) => loader(ctx).load_one(key).await,
        None => Ok(None),
    }
}

/// Loads the records that belong to `key` (empty when there are none).
pub async fn many<K, V>(ctx: &Context<'_>, key: K) -> ApiResult<Vec<V>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    V: Send + Sync + Clone + 'static,
    Db: Loader<K, Value = Vec<V>, Error = ApiError>,
{
    Ok(loader(ctx).load_one(key).await?.unwrap_or_default())
}

/// A key that names one record by its id (each value made by `$wrap`, if given).
macro_rules! by_id {
    ($($key:ident => $row:ty $(, $wrap:path)?;)+) => {$(
        #[doc = concat!("The id of a `", stringify!($row), "`.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i32);

        impl Loader<$key> for Db {
            type Value = by_id!(@value $row $(, $wrap)?);
            type Error = ApiError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, ApiError> {
                let ids: Vec<i32> = keys.iter().map(|key| key.0).collect();
                let rows = read::by_ids::<$row>(&self.conn, &self.access, &ids).await?;
                Ok(rows.into_iter().map(|row| ($key(row.id), $($wrap)?(row))).collect())
            }
        }
    )+};
    (@value $row:ty) => { $row };
    (@value $row:ty, $wrap:path) => { Arc<$row> };
}

by_id! {
    OrganisationId => Organisation;
    MembershipId => Membership;
    ContractId => Contract;
    ServiceId => Service, Arc::new;
    CoverageId => Coverage;
    PersonId => Person;
    FigureId => KeyFigure;
    SourceId => Source;
}

/// Splits keys into batches that share everything but the id: one register call each.
fn batches<K: Copy, B: Hash + Eq>(
    keys: &[K],
    split: impl Fn(K) -> (i32, B),
) -> HashMap<B, Vec<i32>> {
    let mut batches: HashMap<B, Vec<i32>> = HashMap::new();
    for key in keys {
        let (id, batch) = split(*key);
        batches.entry(batch).or_default().push(id);
    }
    for ids in batches.values_mut() {
        ids.sort_unstable();
    }
    batches
}

/// The contracts an organisation is a party to, oldest first; with a `take`, only that many
/// (a page without a total); only the `Columns` asked for (see `contracts::of_organisations`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContractsOf(pub i32, pub Option<usize>, pub Columns);

impl Loader<ContractsOf> for Db {
    // Shared rows: the batch hands every organisation's list out as a copy.
    type Value = Vec<Arc<Contract>>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ContractsOf],
    ) -> Result<HashMap<ContractsOf, Self::Value>, ApiError> {
        let mut out = HashMap::new();
        for ((take, columns), ids) in batches(keys, |k| (k.0, (k.1, k.2))) {
            let groups =
                contracts::of_organisations(&self.conn, &self.access, ids, take, columns).await?;
            out.extend(
                groups
                    .into_iter()
                    .map(|(id, rows)| (ContractsOf(id, take, columns), rows)),
            );
        }
        Ok(out)
    }
}

/// The coverages delivered under a contract, each with its service; only the coverage's and
/// the service's columns asked for (see `coverages::of_contracts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CoveragesOfContract(pub i32, pub Columns, pub Columns);

impl Loader<CoveragesOfContract> for Db {
    type Value = Vec<(Coverage, Arc<Service>)>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[CoveragesOfContract],
    ) -> Result<HashMap<CoveragesOfContract, Self::Value>, ApiError> {
        let mut out = HashMap::new();
        for ((columns, services), ids) in batches(keys, |k| (k.0, (k.1, k.2))) {
            let groups =
                coverages::of_contracts(&self.conn, &self.access, ids, columns, services).await?;
            out.extend(
                groups
                    .into_iter()
                    .map(|(id, rows)| (CoveragesOfContract(id, columns, services), rows)),
            );
        }
        Ok(out)
    }
}

/// An organisation's coverage totals on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OrganisationTotals(pub i32, pub NaiveDate);

/// An organisation's coverage totals with its units' on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TotalsWithUnits(pub i32, pub NaiveDate);

/// A service's coverage totals on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServiceTotals(pub i32, pub NaiveDate);

/// Loads the totals of keys of an id and a date: one register call a date, `$sums(db, date,
/// ids)`, and no totals for an id it has none of.
macro_rules! totals_on {
    ($($key:ident => |$db:ident, $date:ident, $ids:ident| $sums:expr;)+) => {$(
        impl Loader<$key> for Db {
            type Value = Totals;
            type Error = ApiError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Totals>, ApiError> {
                let $db = self;
                let mut out = HashMap::new();
                for ($date, $ids) in batches(keys, |k| (k.0, k.1)) {
                    let sums = $sums.await?;
                    for id in $ids {
                        let sum = sums.get(&id).copied().unwrap_or_default();
                        out.insert($key(id, $date), sum);
                    }
                }
                Ok(out)
            }
        }
    )+};
}

totals_on! {
    TotalsWithUnits => |db, date, ids| {
        totals::with_units(&db.conn, db.totals(), &db.access, date, &ids)
    };
    OrganisationTotals => |db, date, ids| {
        totals::of_organisations(&db.conn, db.totals(), &db.access, date, &ids)
    };
    ServiceTotals => |db, date, ids| {
        totals::of_services(&db.conn, db.totals(), &db.access, date, Some(&ids))
    };
}

/// A key that names what one register call finds for each of a batch of ids: what
/// `$find(conn, access, ids)` finds, or (after `related:`) the records the register's relation
/// `$relation` relates to each id.
macro_rules! found_by {
    (@loader [$($doc:tt)*] $key:ident => $value:ty, |$conn:ident, $access:ident, $ids:ident| $find:expr) => {
        $($doc)*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i32);

        impl Loader<$key> for Db {
            type Value = $value;
            type Error = ApiError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, $value>, ApiError> {
                let $ids: &[i32] = &keys.iter().map(|key| key.0).collect::<Vec<_>>();
                let ($conn, $access) = (&self.conn, &self.access);
                let found = $find.await?;
                Ok(found.into_iter().map(|(id, value)| ($key(id), value)).collect())
            }
        }
    };
    (related: $($key:ident => $row:ty, $relation:path;)+) => {$(
        found_by!(@loader [#[doc = concat!("The records `", stringify!($relation), "` relates to an id.")]]
            $key => Vec<$row>, |conn, access, ids| read::related(conn, access, &$relation, ids));
    )+};
    ($($(#[$doc:meta])* $key:ident => $value:ty, $find:path;)+) => {$(
        found_by!(@loader [$(#[$doc])*] $key => $value, |conn, access, ids| $find(conn, access, ids));
    )+};
}

found_by! {
    related:
    UnitsOf => Organisation, organisations::UNITS_OF;
    TerritoryOf => Organisation, organisations::TERRITORY_OF;
    MembershipsOf => Membership, memberships::OF_ORGANISATION;
    MembershipsUnder => Membership, memberships::UNDER_CONTRACT;
    PartiesOf => Party, contracts::PARTIES_OF;
    PartyRolesOf => Party, contracts::ROLES_OF;
    CoveragesOfOrganisation => Coverage, coverages::OF_ORGANISATION;
    CoveragesOfService => Coverage, coverages::OF_SERVICE;
    PeopleOf => Person, people::PEOPLE_OF;
    FiguresOf => KeyFigure, people::FIGURES_OF;
}

found_by! {
    /// A contract's reminders, by due day (see `desk::reminders_of`).
    RemindersOf => Vec<desk::Reminder>, desk::reminders_of;
    /// A contract's deadlines, decided or not, by day (see `desk::decisions_of`).
    DeadlinesOf => Vec<desk::Deadline>, desk::decisions_of;
    /// A staff account's name (for staff only).
    AccountName => String, desk::account_names;
    /// A reminder's mail deliveries (see `desk::deliver::deliveries_of`).
    DeliveriesOf => Vec<desk::deliver::Delivery>, desk::deliver::deliveries_of;
    /// A contract's express renewals, in the order decided (see `contracts::renewals_of`).
    RenewalsOf => Vec<contracts::RecordedRenewal>, contracts::renewals_of;
}
