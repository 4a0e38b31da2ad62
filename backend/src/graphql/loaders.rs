//! Per-request batch loading: every relation a query walks is fetched in batches, so the
//! statements a query costs do not grow with the number of parents on the page. A batch
//! holds every key of its kind that one level of the query asks for (see [`Batcher`]).
//!
//! Every loader asks the request's [`Access`] first and drops the rows the caller may not
//! see, so relations (`contract.parties`, `member.coverages`, `node(id:)`) are no way around
//! roles and token scopes.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use async_graphql::{Context, dataloader::Loader};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    QueryOrder, Statement,
};

use super::batch::Batcher;
use crate::auth::access::{Access, Area};
use crate::entities::{
    contract, contract_party, coverage, key_figure, membership, organisation, person, service,
    source,
};
use crate::error::{ApiError, ApiResult};
use crate::rows::{self, Columns, Decode};
use crate::services::stats;

/// The loader behind every batch below; one per request, so nothing is cached across
/// requests, and it knows the request's caller.
#[derive(Debug, Clone)]
pub struct Db {
    conn: DatabaseConnection,
    access: Arc<Access>,
}

/// Creates the request's loader.
pub fn request_loader(db: DatabaseConnection, access: Access) -> Batcher<Db> {
    Batcher::new(Db {
        conn: db,
        access: Arc::new(access),
    })
}

/// Whether the caller may read what a loader returns: the area check, then a row filter.
type Allowed = fn(&Access) -> ApiResult<()>;

fn read_members(access: &Access) -> ApiResult<()> {
    access.read(Area::Members)
}
fn read_contracts(access: &Access) -> ApiResult<()> {
    access.read(Area::Contracts)
}
fn read_coverage(access: &Access) -> ApiResult<()> {
    access.read(Area::Coverage)
}
fn signed_in(access: &Access) -> ApiResult<()> {
    access.signed_in()
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

/// Loads the records that belong to `key` (empty when there are none).
pub async fn many<K, V>(ctx: &Context<'_>, key: K) -> ApiResult<Vec<V>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    V: Send + Sync + Clone + 'static,
    Db: Loader<K, Value = Vec<V>, Error = ApiError>,
{
    Ok(loader(ctx).load_one(key).await?.unwrap_or_default())
}

macro_rules! by_id {
    ($key:ident, $entity:ident, $allowed:expr, $visible:expr) => {
        #[doc = concat!("A `", stringify!($entity), "` row id.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i32);

        impl Loader<$key> for Db {
            type Value = $entity::Model;
            type Error = ApiError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, ApiError> {
                let allowed: Allowed = $allowed;
                allowed(&self.access)?;
                let visible: fn(&Access, &$entity::Model) -> bool = $visible;
                let rows = rows::find(
                    &self.conn,
                    $entity::Entity::find()
                        .filter($entity::Column::Id.is_in(keys.iter().map(|k| k.0))),
                )
                .await?;
                Ok(rows
                    .into_iter()
                    .filter(|row| visible(&self.access, row))
                    .map(|row| ($key(row.id), row))
                    .collect())
            }
        }
    };
}

macro_rules! grouped {
    ($key:ident, $entity:ident, $fk:ident, $group:expr, [$($order:ident),+], $allowed:expr, $visible:expr) => {
        #[doc = concat!("The `", stringify!($entity), "` rows whose `", stringify!($fk), "` is this id.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i32);

        impl Loader<$key> for Db {
            type Value = Vec<$entity::Model>;
            type Error = ApiError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, ApiError> {
                let allowed: Allowed = $allowed;
                allowed(&self.access)?;
                let visible: fn(&Access, &$entity::Model) -> bool = $visible;
                let rows = rows::find(
                    &self.conn,
                    $entity::Entity::find()
                        .filter($entity::Column::$fk.is_in(keys.iter().map(|k| k.0)))
                        $(.order_by_asc($entity::Column::$order))+,
                )
                .await?;
                let group: fn(&$entity::Model) -> Option<i32> = $group;
                let mut groups: HashMap<$key, Self::Value> = HashMap::new();
                for row in rows.into_iter().filter(|row| visible(&self.access, row)) {
                    if let Some(id) = group(&row) {
                        groups.entry($key(id)).or_default().push(row);
                    }
                }
                Ok(groups)
            }
        }
    };
}

// Organisations are seen with any scope (a coverage names its organisation), within a
// member-limited token's own member; their memberships, people and figures need members:read.
by_id!(OrganisationId, organisation, signed_in, |a, r| a
    .sees_organisation(r.id));
by_id!(ContractId, contract, read_contracts, |a, r| a
    .sees_contract(r.id));

/// A service's row id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServiceId(pub i32);

impl Loader<ServiceId> for Db {
    type Value = Arc<service::Model>;
    type Error = ApiError;

    async fn load(&self, keys: &[ServiceId]) -> Result<HashMap<ServiceId, Self::Value>, ApiError> {
        self.access.read(Area::Coverage)?;
        let rows = rows::find(
            &self.conn,
            service::Entity::find().filter(service::Column::Id.is_in(keys.iter().map(|k| k.0))),
        )
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| (ServiceId(row.id), Arc::new(row)))
            .collect())
    }
}

/// The coverages delivered under a contract, each with its service, in one statement (a
/// contract's coverages are nearly always shown with the service's name); only the coverage's
/// and the service's columns asked for are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CoveragesOfContract(pub i32, pub Columns, pub Columns);

impl Loader<CoveragesOfContract> for Db {
    type Value = Vec<(coverage::Model, Arc<service::Model>)>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[CoveragesOfContract],
    ) -> Result<HashMap<CoveragesOfContract, Self::Value>, ApiError> {
        self.access.read(Area::Coverage)?;
        let mut batches: HashMap<(Columns, Columns), Vec<i32>> = HashMap::new();
        for key in keys {
            batches.entry((key.1, key.2)).or_default().push(key.0);
        }
        let backend = self.conn.get_database_backend();
        let mut groups: HashMap<CoveragesOfContract, Self::Value> = HashMap::new();
        for ((columns, service_columns), mut contracts) in batches {
            contracts.sort_unstable();
            let coverage_names = columns.names::<coverage::Model>().collect::<Vec<_>>();
            let service_names = service_columns
                .names::<service::Model>()
                .collect::<Vec<_>>();
            let filter = in_ids(backend, "v.contract_id");
            let sql = format!(
                "SELECT {}, {} FROM coverages v JOIN services s ON s.id = v.service_id \
                 WHERE {filter} ORDER BY v.starts_on, v.id",
                prefixed("v", &coverage_names),
                prefixed("s", &service_names),
            );
            let ids = ids_param(backend, contracts);
            let rows = self
                .conn
                .query_all_raw(Statement::from_sql_and_values(backend, sql, [ids]))
                .await?;
            let service_at = coverage_names.len();
            if let Some(first) = rows.first() {
                coverage::Model::check_some(first, 0, "", columns)?;
                service::Model::check_some(first, service_at, "", service_columns)?;
            }
            let mut services: HashMap<i32, Arc<service::Model>> = HashMap::new();
            for row in &rows {
                let coverage = coverage::Model::read_some(row, 0, columns)?;
                if !self.access.sees_organisation(coverage.organisation_id) {
                    continue;
                }
                let Some(contract) = coverage.contract_id else {
                    continue;
                };
                let service = match services.get(&coverage.service_id) {
                    Some(service) => Arc::clone(service),
                    None => {
                        let service =
                            Arc::new(service::Model::read_some(row, service_at, service_columns)?);
                        services.insert(service.id, Arc::clone(&service));
                        service
                    }
                };
                groups
                    .entry(CoveragesOfContract(contract, columns, service_columns))
                    .or_default()
                    .push((coverage, service));
            }
        }
        Ok(groups)
    }
}
by_id!(SourceId, source, signed_in, |_, _| true);

grouped!(
    MembershipsOf,
    membership,
    OrganisationId,
    |r| Some(r.organisation_id),
    [JoinedOn, Id],
    read_members,
    |a, r| a.sees_organisation(r.organisation_id)
);
grouped!(
    MembershipsUnder,
    membership,
    ContractId,
    |r| r.contract_id,
    [JoinedOn, Id],
    read_members,
    |a, r| a.sees_organisation(r.organisation_id)
);
grouped!(
    PartiesOf,
    contract_party,
    ContractId,
    |r| Some(r.contract_id),
    [Id],
    read_contracts,
    |a, r| a.sees_organisation(r.organisation_id)
);
grouped!(
    PartyRolesOf,
    contract_party,
    OrganisationId,
    |r| Some(r.organisation_id),
    [ContractId],
    read_contracts,
    |a, r| a.sees_contract(r.contract_id)
);
grouped!(
    CoveragesOfOrganisation,
    coverage,
    OrganisationId,
    |r| Some(r.organisation_id),
    [StartsOn, Id],
    read_coverage,
    |a, r| a.sees_organisation(r.organisation_id)
);
grouped!(
    CoveragesOfService,
    coverage,
    ServiceId,
    |r| Some(r.service_id),
    [StartsOn, Id],
    read_coverage,
    |a, r| a.sees_organisation(r.organisation_id)
);
grouped!(
    PeopleOf,
    person,
    OrganisationId,
    |r| Some(r.organisation_id),
    [Name, Id],
    read_members,
    |a, r| a.sees_organisation(r.organisation_id)
);
grouped!(
    FiguresOf,
    key_figure,
    OrganisationId,
    |r| Some(r.organisation_id),
    [Metric, AsOf, Id],
    read_members,
    |a, r| a.sees_organisation(r.organisation_id)
);
grouped!(
    UnitsOf,
    organisation,
    ParentId,
    |r| r.parent_id,
    [Name, Id],
    read_members,
    |a, r| a.sees_organisation(r.id)
);

/// The contracts an organisation is a party to, oldest first (by the day they take effect,
/// those without one last, then by id), in one statement. With a `take`, only the first
/// `take` contracts of each organisation are read, which is what a page without
/// `totalCount` needs; only the `columns` asked for are read (the contract's id and the day it
/// takes effect always, as they order the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContractsOf(pub i32, pub Option<usize>, pub Columns);

impl Loader<ContractsOf> for Db {
    // Shared rows: the batch hands every organisation's list out as a copy.
    type Value = Vec<Arc<contract::Model>>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ContractsOf],
    ) -> Result<HashMap<ContractsOf, Self::Value>, ApiError> {
        self.access.read(Area::Contracts)?;
        let mut batches: HashMap<(Option<usize>, Columns), Vec<i32>> = HashMap::new();
        for key in keys {
            batches.entry((key.1, key.2)).or_default().push(key.0);
        }
        let backend = self.conn.get_database_backend();
        let mut groups: HashMap<ContractsOf, Self::Value> = HashMap::new();
        for ((take, wanted), mut organisations) in batches {
            organisations.sort_unstable();
            let columns = wanted.and(Columns::of::<contract::Model>(&["id", "effective_from"]));
            let limit = take.and_then(|n| i64::try_from(n).ok());
            let ids = ids_param(backend, organisations);
            let statement = Statement::from_sql_and_values(
                backend,
                contracts_of_sql(backend, columns),
                [ids, limit.into()],
            );
            let rows = self.conn.query_all_raw(statement).await?;
            if let Some(first) = rows.first() {
                contract::Model::check_some(first, 0, "", columns)?;
            }
            let party_org = columns.count::<contract::Model>();
            for row in rows {
                let contract = contract::Model::read_some(&row, 0, columns)?;
                let organisation: i32 = rows::Cols::new(&row, party_org)?.read()?;
                if self.access.sees_contract(contract.id) {
                    groups
                        .entry(ContractsOf(organisation, take, wanted))
                        .or_default()
                        .push(Arc::new(contract));
                }
            }
        }
        // The statement finds each organisation's first contracts in this order; the rows
        // come in whatever order the database joins them.
        for contracts in groups.values_mut() {
            contracts
                .sort_unstable_by_key(|c| (c.effective_from.is_none(), c.effective_from, c.id));
        }
        Ok(groups)
    }
}

/// The statement behind [`ContractsOf`]: the `columns` of the contracts of each organisation
/// in `$1`, at most `$2` each (all when null), each followed by the organisation's id, in no
/// particular order. Each party row carries the day its contract takes effect (kept by the
/// database, see the migration `party_order`), and the parties' index by organisation is
/// ordered by it: PostgreSQL reads each organisation's first contracts straight from that
/// index, so the cost follows the rows returned, not how many contracts a member has. SQLite,
/// which has neither arrays nor lateral joins, gets the ids as a JSON array and numbers each
/// organisation's contracts with a window function. The text depends only on the columns, so
/// the database plans it once per connection and column set.
fn contracts_of_sql(backend: DbBackend, columns: Columns) -> String {
    let names = columns.names::<contract::Model>().collect::<Vec<_>>();
    let selected = prefixed("c", &names);
    match backend {
        DbBackend::Postgres => format!(
            "SELECT {selected}, o.id AS party_org FROM unnest($1::int4[]) AS o(id) \
             CROSS JOIN LATERAL (SELECT {selected} FROM contract_parties p \
             JOIN contracts c ON c.id = p.contract_id WHERE p.organisation_id = o.id \
             ORDER BY p.contract_effective_from, p.contract_id LIMIT $2) c"
        ),
        _ => format!(
            "SELECT * FROM (SELECT {selected}, p.organisation_id AS party_org, \
             ROW_NUMBER() OVER (PARTITION BY p.organisation_id \
             ORDER BY p.contract_effective_from NULLS LAST, p.contract_id) AS party_rn \
             FROM contract_parties p JOIN contracts c ON c.id = p.contract_id WHERE {}) t \
             WHERE ?2 IS NULL OR party_rn <= ?2",
            in_ids(backend, "p.organisation_id")
        ),
    }
}

/// `t.a, t.b`: columns of a table alias.
fn prefixed(table: &str, columns: &[&str]) -> String {
    columns
        .iter()
        .map(|column| format!("{table}.{column}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A list of ids as the first parameter of a statement whose text does not depend on how
/// many there are (see [`in_ids`]): an array for PostgreSQL, a JSON array for SQLite.
fn ids_param(backend: DbBackend, ids: Vec<i32>) -> sea_orm::Value {
    match backend {
        DbBackend::Postgres => ids.into(),
        _ => {
            let list = ids.iter().map(i32::to_string).collect::<Vec<_>>();
            format!("[{}]", list.join(",")).into()
        }
    }
}

/// `column` is one of the ids in the first parameter (see [`ids_param`]).
fn in_ids(backend: DbBackend, column: &str) -> String {
    match backend {
        DbBackend::Postgres => format!("{column} = ANY($1::int4[])"),
        _ => format!("{column} IN (SELECT value FROM json_each(?1))"),
    }
}

/// An organisation's coverage totals on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OrganisationTotals(pub i32, pub chrono::NaiveDate);

/// A service's coverage totals on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServiceTotals(pub i32, pub chrono::NaiveDate);

/// Groups keys of `(id, date)` by date: one aggregate statement per distinct date.
fn by_date<K: Copy>(
    keys: &[K],
    split: impl Fn(K) -> (i32, chrono::NaiveDate),
) -> HashMap<chrono::NaiveDate, Vec<i32>> {
    let mut dates: HashMap<chrono::NaiveDate, Vec<i32>> = HashMap::new();
    for key in keys {
        let (id, date) = split(*key);
        dates.entry(date).or_default().push(id);
    }
    dates
}

impl Loader<OrganisationTotals> for Db {
    type Value = stats::Totals;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[OrganisationTotals],
    ) -> Result<HashMap<OrganisationTotals, Self::Value>, ApiError> {
        self.access.read(Area::Coverage)?;
        let mut out = HashMap::new();
        for (date, ids) in by_date(keys, |k| (k.0, k.1)) {
            let sums = stats::by_organisation(&self.conn, date, Some(&ids)).await?;
            for id in ids {
                out.insert(
                    OrganisationTotals(id, date),
                    sums.get(&id).copied().unwrap_or_default(),
                );
            }
        }
        Ok(out)
    }
}

impl Loader<ServiceTotals> for Db {
    type Value = stats::Totals;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ServiceTotals],
    ) -> Result<HashMap<ServiceTotals, Self::Value>, ApiError> {
        self.access.read_totals()?;
        let mut out = HashMap::new();
        for (date, ids) in by_date(keys, |k| (k.0, k.1)) {
            let sums = stats::by_service(&self.conn, date, Some(&ids)).await?;
            for id in ids {
                out.insert(
                    ServiceTotals(id, date),
                    sums.get(&id).copied().unwrap_or_default(),
                );
            }
        }
        Ok(out)
    }
}
