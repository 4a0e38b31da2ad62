//! Aggregates: the `statistics` root with member counts and workstations per member and per
//! service.

use std::collections::HashMap;
use std::hash::Hash;

use async_graphql::dataloader::Loader;
use async_graphql::{Context, Object, SimpleObject};
use chrono::NaiveDate;

use super::catalogue::Service;
use super::loaders::{self, Db, OrganisationId, ServiceId};
use super::organisations::Organisation;
use super::scalars::Date;
use super::{access, db, held};
use crate::error::{ApiError, ApiResult};
use crate::register::totals::{self, Totals};

/// Figures of the register on one date.
#[derive(Debug)]
pub struct Statistics {
    as_of: NaiveDate,
}

/// An organisation's totals on the date asked about.
#[derive(SimpleObject, Debug)]
pub struct OrganisationTotal {
    /// The organisation.
    organisation: Organisation,
    /// Workstations, summed over its coverages; null when none records them.
    workstations: Option<i64>,
    /// Users, summed over its coverages; null when none records them.
    users: Option<i64>,
    /// How many services it receives.
    coverage_count: i64,
}

/// A service's totals on the date asked about.
#[derive(SimpleObject, Debug)]
pub struct ServiceTotal {
    /// The service.
    service: Service,
    /// Workstations it is delivered to; null when no coverage records them.
    workstations: Option<i64>,
    /// Users it is delivered to; null when no coverage records them.
    users: Option<i64>,
    /// How many organisations receive it.
    recipient_count: i64,
}

/// The ranked list of `$entry`s (see `ranked`), each naming its record, made by `$wrap`, in
/// `$record`, and its count of coverages in `$count`; ranked by the record's name among equals.
macro_rules! ranked {
    (
        $ctx:expr, $sums:expr, $key:path => $entry:ident { $record:ident: $wrap:path, $count:ident }
    ) => {
        ranked(
            $ctx,
            $sums,
            $key,
            |row, totals: Totals| $entry {
                $record: $wrap(row),
                workstations: totals.workstations,
                users: totals.users,
                $count: totals.coverages,
            },
            |total| (total.workstations, total.$record.0.name.as_str()),
        )
        .await
    };
}

#[Object]
/// Figures of the register on one date.
impl Statistics {
    /// The date the figures describe.
    async fn as_of(&self) -> Date {
        self.as_of.into()
    }

    /// How many organisations are members.
    async fn member_count(&self, ctx: &Context<'_>) -> ApiResult<u64> {
        totals::member_count(db(ctx), access(ctx), self.as_of).await
    }

    /// All workstations served, summed over all coverages that run on the date.
    async fn workstations(&self, ctx: &Context<'_>) -> ApiResult<i64> {
        let sums = totals::by_organisation(db(ctx), held(ctx), access(ctx), self.as_of).await?;
        Ok(sums.values().filter_map(|t| t.workstations).sum())
    }

    /// How many services the catalogue holds.
    async fn service_count(&self, ctx: &Context<'_>) -> ApiResult<u64> {
        Ok(totals::catalogue_counts(db(ctx), access(ctx)).await?.0)
    }

    /// How many of them are specialist applications.
    async fn specialist_application_count(&self, ctx: &Context<'_>) -> ApiResult<u64> {
        Ok(totals::catalogue_counts(db(ctx), access(ctx)).await?.1)
    }

    /// Workstations per organisation that receives any service, most first; the first 100.
    #[graphql(
        complexity = "super::lists::list_cost(crate::register::bounds::TOTALS, child_complexity)"
    )]
    async fn workstations_by_organisation(
        &self,
        ctx: &Context<'_>,
    ) -> ApiResult<Vec<OrganisationTotal>> {
        let sums = totals::by_organisation(db(ctx), held(ctx), access(ctx), self.as_of).await?;
        ranked!(ctx, sums, OrganisationId => OrganisationTotal {
            organisation: Organisation,
            coverage_count
        })
    }

    /// Workstations and recipients per service, most workstations first; the first 100.
    #[graphql(
        complexity = "super::lists::list_cost(crate::register::bounds::TOTALS, child_complexity)"
    )]
    async fn workstations_by_service(&self, ctx: &Context<'_>) -> ApiResult<Vec<ServiceTotal>> {
        let sums = totals::of_services(db(ctx), held(ctx), access(ctx), self.as_of, None).await?;
        ranked!(ctx, sums, ServiceId => ServiceTotal { service: Service, recipient_count })
    }
}

/// The records the keys of `sums` name, each made an entry with its totals by `entry`: the
/// most workstations first (of as many, by the name `rank` gives), and the first `TOTALS` of
/// them. The lists by organisation and by service rank alike.
async fn ranked<K, T>(
    ctx: &Context<'_>,
    sums: HashMap<i32, Totals>,
    key: fn(i32) -> K,
    entry: impl Fn(<Db as Loader<K>>::Value, Totals) -> T,
    rank: impl Fn(&T) -> (Option<i64>, &str),
) -> ApiResult<Vec<T>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Db: Loader<K, Error = ApiError>,
{
    let mut rows = loaders::loader(ctx)
        .load_many(sums.keys().copied().map(key))
        .await?;
    let mut out: Vec<T> = sums
        .into_iter()
        .filter_map(|(id, totals)| rows.remove(&key(id)).map(|row| entry(row, totals)))
        .collect();
    out.sort_by(|a, b| {
        let ((a_workstations, a_name), (b_workstations, b_name)) = (rank(a), rank(b));
        b_workstations
            .cmp(&a_workstations)
            .then_with(|| a_name.cmp(b_name))
    });
    out.truncate(crate::register::bounds::TOTALS);
    Ok(out)
}

/// The root for aggregates.
#[derive(Debug, Default)]
pub struct StatisticsRoot;

#[Object]
impl StatisticsRoot {
    /// Figures of the register on `asOf` (default: today). Totals over every member: staff
    /// and tokens with `coverage:read` that are not limited to one member.
    async fn statistics(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The day asked about; the field says what it decides and what applies without it."
        )]
        as_of: Option<Date>,
    ) -> ApiResult<Statistics> {
        access(ctx).read_totals()?;
        Ok(Statistics {
            as_of: super::scalars::as_of(ctx, as_of),
        })
    }
}
