//! How the seed writes: each record looked up by its natural key, inserted only when missing.

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue, ColumnTrait, DatabaseTransaction, DbErr,
    EntityTrait, ExprTrait, IdenStatic, IntoActiveModel, Iterable, PaginatorTrait, QueryFilter,
    Select, Set,
};
use verbund_shared::{
    contract::ContractKind, keys::OfficialKey, org::OrganisationKind, service::ServiceCategory,
};

use super::SeedReport;
use crate::entities::record::Record;
use crate::entities::{
    audit_entry, contract, contract_party, coverage, key_figure, membership, organisation, person,
    service, source,
};
use crate::register::audit::{self, Actor, Change};

/// The name the seed's changes carry in the audit history.
pub(super) const SEED_ACTOR: &str = "verbund seed";

pub(super) fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, DbErr> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| DbErr::Custom(format!("bad seed date {y}-{m}-{d}")))
}

pub(super) struct Seeder<'a> {
    tx: &'a DatabaseTransaction,
    /// Who the audit entries name; records only it has changed may be corrected.
    actor: Actor,
    pub(super) report: SeedReport,
}

pub(super) struct Org<'a> {
    pub(super) name: &'a str,
    pub(super) short_name: Option<&'a str>,
    pub(super) kind: OrganisationKind,
    pub(super) key: Option<&'a str>,
    pub(super) parent: Option<i32>,
    pub(super) source: i32,
}

/// A contract's terms as stored (the domain crate checks them when they are read).
#[derive(Debug, Clone, Copy)]
pub(super) struct Terms {
    pub(super) initial_term_months: Option<i32>,
    pub(super) initial_term_until: Option<NaiveDate>,
    /// `NONE`, `TACIT` or `EXPRESS`.
    pub(super) renewal: &'static str,
    pub(super) renewal_months: Option<i32>,
    pub(super) notice_months: Option<i32>,
    pub(super) notice_to: Option<&'static str>,
    /// Express renewal only: the months before a term ends by which the parties decide.
    pub(super) decision_months: Option<i32>,
}

impl Default for Terms {
    /// Open-ended, no renewal, no notice period.
    fn default() -> Self {
        Self {
            initial_term_months: None,
            initial_term_until: None,
            renewal: "NONE",
            renewal_months: None,
            notice_months: None,
            notice_to: None,
            decision_months: None,
        }
    }
}

pub(super) struct Member {
    pub(super) organisation: i32,
    pub(super) joined_on: NaiveDate,
    pub(super) founding: bool,
    pub(super) contract: i32,
    pub(super) council_decision_on: Option<NaiveDate>,
    pub(super) contract_signed_on: Option<NaiveDate>,
    pub(super) legal_effect_on: Option<NaiveDate>,
    pub(super) it_takeover_on: Option<NaiveDate>,
    /// Its share of the provider's capital, in cents.
    pub(super) capital_share_cents: Option<i64>,
    pub(super) source: i32,
}

impl<'a> Seeder<'a> {
    /// Writes on `tx`, each change with its audit entry by the seed.
    pub(super) fn new(tx: &'a DatabaseTransaction) -> Self {
        Self::with_actor(tx, SEED_ACTOR)
    }

    /// Writes on `tx`, each change with its audit entry by `actor_name` (the command line).
    pub(super) fn with_actor(tx: &'a DatabaseTransaction, actor_name: &'static str) -> Self {
        Self {
            tx,
            actor: Actor::system(actor_name),
            report: SeedReport::default(),
        }
    }

    /// The row `existing` finds, or `row` inserted (and counted) when it finds none.
    ///
    /// A row it finds whose columns differ from those `row` sets is corrected to them, unless
    /// someone other than the seed has changed it since it was written: then it stays as it
    /// is and the report names it (`what`).
    async fn ensure<E>(
        &mut self,
        existing: Select<E>,
        row: E::ActiveModel,
        what: &str,
    ) -> Result<E::Model, DbErr>
    where
        E: EntityTrait,
        E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
        E::Model: IntoActiveModel<E::ActiveModel> + Record,
    {
        let Some(found) = existing.one(self.tx).await? else {
            let inserted = row.insert(self.tx).await?;
            self.log(None, &inserted).await?;
            self.report.inserted += 1;
            return Ok(inserted);
        };
        let mut corrected = found.clone().into_active_model();
        let mut differ = Vec::new();
        for column in E::Column::iter() {
            if let ActiveValue::Set(value) = row.get(column)
                && corrected.get(column).into_value().as_ref() != Some(&value)
            {
                differ.push(column.as_str());
                corrected.set(column, value);
            }
        }
        if differ.is_empty() {
            return Ok(found);
        }
        if self.changed_by_others(&found).await? {
            self.report.kept.push(format!(
                "{} {} ({what}): {} not corrected, changed since the seed wrote it",
                E::Model::TYPE.as_str(),
                found.id(),
                differ.join(", ")
            ));
            return Ok(found);
        }
        let after = corrected.update(self.tx).await?;
        self.log(Some(&found), &after).await?;
        self.report.corrected += 1;
        Ok(after)
    }

    /// Whether anyone but this writer has changed the record `row` (its audit history says so).
    async fn changed_by_others<M: Record>(&self, row: &M) -> Result<bool, DbErr> {
        let by_others = audit_entry::Entity::find()
            .filter(audit_entry::Column::RecordType.eq(M::TYPE.as_str()))
            .filter(audit_entry::Column::RecordId.eq(row.id()))
            .filter(
                audit_entry::Column::ActorKind
                    .ne(self.actor.kind())
                    .or(audit_entry::Column::ActorName.ne(self.actor.name())),
            )
            .count(self.tx)
            .await?;
        Ok(by_others > 0)
    }

    /// The audit entry of the seed's change of a record from `before` to `after`.
    async fn log<M: Record>(&self, before: Option<&M>, after: &M) -> Result<(), DbErr> {
        let change = Change {
            actor: &self.actor,
            request_id: None,
            operation: if before.is_some() {
                "seedCorrect"
            } else {
                "seed"
            },
            record_type: M::TYPE.as_str(),
            record_id: after.id(),
        };
        audit::record(self.tx, change, before, Some(after))
            .await
            .map_err(|err| DbErr::Custom(format!("the seed's audit entry: {err:?}")))
    }

    pub(super) async fn source(
        &mut self,
        title: &str,
        published_on: Option<NaiveDate>,
        note: &str,
    ) -> Result<i32, DbErr> {
        let existing = source::Entity::find().filter(source::Column::Title.eq(title));
        let row = source::ActiveModel {
            title: Set(title.to_owned()),
            published_on: Set(published_on),
            accessed_on: Set(None),
            note: Set(Some(note.to_owned())),
            publisher: Set(None),
            url: Set(None),
            ..Default::default()
        };
        Ok(self.ensure(existing, row, title).await?.id)
    }

    pub(super) async fn organisation(&mut self, org: Org<'_>) -> Result<i32, DbErr> {
        let key = org
            .key
            .map(|k| OfficialKey::parse(k).map(|k| k.as_str().to_owned()))
            .transpose()
            .map_err(|err| DbErr::Custom(format!("seed key of {}: {err}", org.name)))?;
        let existing = organisation::Entity::find().filter(organisation::Column::Name.eq(org.name));
        let row = organisation::ActiveModel {
            name: Set(org.name.to_owned()),
            short_name: Set(org.short_name.map(str::to_owned)),
            kind: Set(org.kind.as_str().to_owned()),
            official_key: Set(key),
            parent_id: Set(org.parent),
            parent_link: Set(org
                .parent
                .map(|_| org.kind.parent_link().as_str().to_owned())),
            source_id: Set(Some(org.source)),
            ..Default::default()
        };
        Ok(self.ensure(existing, row, org.name).await?.id)
    }

    /// An open-ended public-law contract (its notice rules are not public) and its parties;
    /// the day it was signed where the sources name it.
    pub(super) async fn contract(
        &mut self,
        title: &str,
        signed_on: Option<NaiveDate>,
        effective_from: NaiveDate,
        parties: &[(i32, &str)],
        source: i32,
    ) -> Result<i32, DbErr> {
        let dates = (signed_on, effective_from);
        let kind = ContractKind::PublicLawContract;
        self.contract_on_terms(title, kind, dates, Terms::default(), parties, source)
            .await
    }

    /// A contract of `kind`, signed and in force on `dates`, on `terms`, and its parties.
    pub(super) async fn contract_on_terms(
        &mut self,
        title: &str,
        kind: ContractKind,
        (signed_on, effective_from): (Option<NaiveDate>, NaiveDate),
        terms: Terms,
        parties: &[(i32, &str)],
        source: i32,
    ) -> Result<i32, DbErr> {
        let existing = contract::Entity::find().filter(contract::Column::Title.eq(title));
        let row = contract::ActiveModel {
            number: Set(None),
            title: Set(title.to_owned()),
            kind: Set(kind.as_str().to_owned()),
            signed_on: Set(signed_on),
            effective_from: Set(Some(effective_from)),
            initial_term_months: Set(terms.initial_term_months),
            initial_term_until: Set(terms.initial_term_until),
            renewal: Set(terms.renewal.to_owned()),
            renewal_months: Set(terms.renewal_months),
            notice_months: Set(terms.notice_months),
            notice_to: Set(terms.notice_to.map(str::to_owned)),
            decision_months: Set(terms.decision_months),
            notice_given_on: Set(None),
            ended_on: Set(None),
            source_id: Set(Some(source)),
            ..Default::default()
        };
        let id = self.ensure(existing, row, title).await?.id;
        for (organisation, role) in parties {
            let existing = contract_party::Entity::find()
                .filter(contract_party::Column::ContractId.eq(id))
                .filter(contract_party::Column::OrganisationId.eq(*organisation));
            let row = contract_party::ActiveModel {
                contract_id: Set(id),
                organisation_id: Set(*organisation),
                role: Set(Some((*role).to_owned())),
                ..Default::default()
            };
            self.ensure(existing, row, title).await?;
        }
        Ok(id)
    }

    pub(super) async fn membership(&mut self, m: Member) -> Result<(), DbErr> {
        let existing = membership::Entity::find()
            .filter(membership::Column::OrganisationId.eq(m.organisation))
            .filter(membership::Column::JoinedOn.eq(m.joined_on));
        let row = membership::ActiveModel {
            organisation_id: Set(m.organisation),
            joined_on: Set(m.joined_on),
            left_on: Set(None),
            founding: Set(m.founding),
            contract_id: Set(Some(m.contract)),
            capital_share_cents: Set(m.capital_share_cents),
            seats: Set(None),
            council_decision_on: Set(m.council_decision_on),
            contract_signed_on: Set(m.contract_signed_on),
            legal_effect_on: Set(m.legal_effect_on),
            it_takeover_on: Set(m.it_takeover_on),
            source_id: Set(Some(m.source)),
            ..Default::default()
        };
        self.ensure(existing, row, "membership").await?;
        Ok(())
    }

    pub(super) async fn service(
        &mut self,
        code: &str,
        name: &str,
        category: ServiceCategory,
        description: &str,
        source: i32,
    ) -> Result<i32, DbErr> {
        let existing = service::Entity::find().filter(service::Column::Code.eq(code));
        let row = service::ActiveModel {
            code: Set(code.to_owned()),
            name: Set(name.to_owned()),
            category: Set(category.as_str().to_owned()),
            vendor: Set(None),
            description: Set(Some(description.to_owned())),
            source_id: Set(Some(source)),
            ..Default::default()
        };
        Ok(self.ensure(existing, row, code).await?.id)
    }

    pub(super) async fn coverage(
        &mut self,
        organisation: i32,
        service: i32,
        contract: i32,
        starts_on: NaiveDate,
        workstations: Option<i32>,
        source: i32,
    ) -> Result<(), DbErr> {
        let existing = coverage::Entity::find()
            .filter(coverage::Column::OrganisationId.eq(organisation))
            .filter(coverage::Column::ServiceId.eq(service))
            .filter(coverage::Column::StartsOn.eq(starts_on));
        let row = coverage::ActiveModel {
            contract_id: Set(Some(contract)),
            service_id: Set(service),
            organisation_id: Set(organisation),
            starts_on: Set(starts_on),
            ends_on: Set(None),
            workstations: Set(workstations),
            users: Set(None),
            source_id: Set(Some(source)),
            ..Default::default()
        };
        self.ensure(existing, row, "coverage").await?;
        Ok(())
    }

    pub(super) async fn person(
        &mut self,
        organisation: i32,
        name: &str,
        role: &str,
        source: i32,
    ) -> Result<(), DbErr> {
        let existing = person::Entity::find()
            .filter(person::Column::OrganisationId.eq(organisation))
            .filter(person::Column::Name.eq(name));
        let row = person::ActiveModel {
            organisation_id: Set(organisation),
            name: Set(name.to_owned()),
            role: Set(role.to_owned()),
            since: Set(None),
            until: Set(None),
            source_id: Set(Some(source)),
            ..Default::default()
        };
        self.ensure(existing, row, name).await?;
        Ok(())
    }

    pub(super) async fn figure(
        &mut self,
        organisation: i32,
        metric: &str,
        value: i64,
        qualifier: &str,
        as_of: NaiveDate,
        source: i32,
    ) -> Result<(), DbErr> {
        let existing = key_figure::Entity::find()
            .filter(key_figure::Column::OrganisationId.eq(organisation))
            .filter(key_figure::Column::Metric.eq(metric))
            .filter(key_figure::Column::AsOf.eq(as_of));
        let row = key_figure::ActiveModel {
            organisation_id: Set(organisation),
            metric: Set(metric.to_owned()),
            value: Set(value),
            qualifier: Set(qualifier.to_owned()),
            as_of: Set(as_of),
            source_id: Set(Some(source)),
            ..Default::default()
        };
        self.ensure(existing, row, metric).await?;
        Ok(())
    }
}
