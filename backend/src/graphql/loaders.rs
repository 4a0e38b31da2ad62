//! Per-request batch loading (DataLoader): every relation a query walks is fetched in batches,
//! so the statements a query costs do not grow with the number of parents on the page. The
//! loader gathers the keys that arrive within its batching window (1 ms); a level whose keys
//! straggle in on a busy machine may take two batches instead of one.

use std::collections::HashMap;
use std::hash::Hash;

use async_graphql::{
    Context,
    dataloader::{DataLoader, Loader},
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{
    contract, contract_party, coverage, key_figure, membership, organisation, person, service,
    source,
};
use crate::error::{ApiError, ApiResult};
use crate::services::stats;

/// The loader behind every batch below; one per request, so nothing is cached across requests.
#[derive(Debug, Clone)]
pub struct Db(pub DatabaseConnection);

/// Creates the request's loader.
pub fn request_loader(db: DatabaseConnection) -> DataLoader<Db> {
    DataLoader::new(Db(db), tokio::spawn)
}

/// The request's loader.
pub fn loader<'a>(ctx: &Context<'a>) -> &'a DataLoader<Db> {
    ctx.data_unchecked::<DataLoader<Db>>()
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
    ($key:ident, $entity:ident) => {
        #[doc = concat!("A `", stringify!($entity), "` row id.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i32);

        impl Loader<$key> for Db {
            type Value = $entity::Model;
            type Error = ApiError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, ApiError> {
                let rows = $entity::Entity::find()
                    .filter($entity::Column::Id.is_in(keys.iter().map(|k| k.0)))
                    .all(&self.0)
                    .await?;
                Ok(rows.into_iter().map(|row| ($key(row.id), row)).collect())
            }
        }
    };
}

macro_rules! grouped {
    ($key:ident, $entity:ident, $fk:ident, $group:expr, [$($order:ident),+]) => {
        #[doc = concat!("The `", stringify!($entity), "` rows whose `", stringify!($fk), "` is this id.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i32);

        impl Loader<$key> for Db {
            type Value = Vec<$entity::Model>;
            type Error = ApiError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Self::Value>, ApiError> {
                let rows = $entity::Entity::find()
                    .filter($entity::Column::$fk.is_in(keys.iter().map(|k| k.0)))
                    $(.order_by_asc($entity::Column::$order))+
                    .all(&self.0)
                    .await?;
                let group: fn(&$entity::Model) -> Option<i32> = $group;
                let mut groups: HashMap<$key, Self::Value> = HashMap::new();
                for row in rows {
                    if let Some(id) = group(&row) {
                        groups.entry($key(id)).or_default().push(row);
                    }
                }
                Ok(groups)
            }
        }
    };
}

by_id!(OrganisationId, organisation);
by_id!(ContractId, contract);
by_id!(ServiceId, service);
by_id!(SourceId, source);

grouped!(
    MembershipsOf,
    membership,
    OrganisationId,
    |r| Some(r.organisation_id),
    [JoinedOn, Id]
);
grouped!(
    MembershipsUnder,
    membership,
    ContractId,
    |r| r.contract_id,
    [JoinedOn, Id]
);
grouped!(
    PartiesOf,
    contract_party,
    ContractId,
    |r| Some(r.contract_id),
    [Id]
);
grouped!(
    PartyRolesOf,
    contract_party,
    OrganisationId,
    |r| Some(r.organisation_id),
    [ContractId]
);
grouped!(
    CoveragesOfContract,
    coverage,
    ContractId,
    |r| r.contract_id,
    [StartsOn, Id]
);
grouped!(
    CoveragesOfOrganisation,
    coverage,
    OrganisationId,
    |r| Some(r.organisation_id),
    [StartsOn, Id]
);
grouped!(
    CoveragesOfService,
    coverage,
    ServiceId,
    |r| Some(r.service_id),
    [StartsOn, Id]
);
grouped!(
    PeopleOf,
    person,
    OrganisationId,
    |r| Some(r.organisation_id),
    [Name, Id]
);
grouped!(
    FiguresOf,
    key_figure,
    OrganisationId,
    |r| Some(r.organisation_id),
    [Metric, AsOf, Id]
);
grouped!(UnitsOf, organisation, ParentId, |r| r.parent_id, [Name, Id]);

/// The contracts an organisation is a party to, in one statement (parties joined to contracts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContractsOf(pub i32);

impl Loader<ContractsOf> for Db {
    type Value = Vec<contract::Model>;
    type Error = ApiError;

    async fn load(
        &self,
        keys: &[ContractsOf],
    ) -> Result<HashMap<ContractsOf, Self::Value>, ApiError> {
        let rows = contract_party::Entity::find()
            .filter(contract_party::Column::OrganisationId.is_in(keys.iter().map(|k| k.0)))
            .find_also_related(contract::Entity)
            .order_by_asc(contract::Column::EffectiveFrom)
            .order_by_asc(contract::Column::Id)
            .all(&self.0)
            .await?;
        let mut groups: HashMap<ContractsOf, Self::Value> = HashMap::new();
        for (party, contract) in rows {
            if let Some(contract) = contract {
                groups
                    .entry(ContractsOf(party.organisation_id))
                    .or_default()
                    .push(contract);
            }
        }
        Ok(groups)
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
        let mut out = HashMap::new();
        for (date, ids) in by_date(keys, |k| (k.0, k.1)) {
            let sums = stats::by_organisation(&self.0, date, Some(&ids)).await?;
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
        let mut out = HashMap::new();
        for (date, ids) in by_date(keys, |k| (k.0, k.1)) {
            let sums = stats::by_service(&self.0, date, Some(&ids)).await?;
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
