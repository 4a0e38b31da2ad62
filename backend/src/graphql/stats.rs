//! Aggregates: the `statistics` root with member counts and workstations per member and per
//! service.

use async_graphql::{Context, Object, SimpleObject};
use chrono::NaiveDate;

use super::catalogue::Service;
use super::loaders::{self, OrganisationId, ServiceId};
use super::organisations::Organisation;
use super::scalars::Date;
use super::{access, db, held};
use crate::error::ApiResult;
use crate::register::totals;

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
        let rows = loaders::loader(ctx)
            .load_many(sums.keys().copied().map(OrganisationId))
            .await?;
        let mut out: Vec<_> = rows
            .into_iter()
            .map(|(key, row)| {
                let totals = sums.get(&key.0).copied().unwrap_or_default();
                OrganisationTotal {
                    organisation: Organisation(row),
                    workstations: totals.workstations,
                    users: totals.users,
                    coverage_count: totals.coverages,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.workstations
                .cmp(&a.workstations)
                .then_with(|| a.organisation.0.name.cmp(&b.organisation.0.name))
        });
        out.truncate(crate::register::bounds::TOTALS);
        Ok(out)
    }

    /// Workstations and recipients per service, most workstations first; the first 100.
    #[graphql(
        complexity = "super::lists::list_cost(crate::register::bounds::TOTALS, child_complexity)"
    )]
    async fn workstations_by_service(&self, ctx: &Context<'_>) -> ApiResult<Vec<ServiceTotal>> {
        let sums = totals::of_services(db(ctx), held(ctx), access(ctx), self.as_of, None).await?;
        let rows = loaders::loader(ctx)
            .load_many(sums.keys().copied().map(ServiceId))
            .await?;
        let mut out: Vec<_> = rows
            .into_iter()
            .map(|(key, row)| {
                let totals = sums.get(&key.0).copied().unwrap_or_default();
                ServiceTotal {
                    service: Service(row),
                    workstations: totals.workstations,
                    users: totals.users,
                    recipient_count: totals.coverages,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.workstations
                .cmp(&a.workstations)
                .then_with(|| a.service.0.name.cmp(&b.service.0.name))
        });
        out.truncate(crate::register::bounds::TOTALS);
        Ok(out)
    }
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
