//! The register's first data set: the facts of the news article "Neue Träger für den KSM"
//! (8 October 2018) and the dates other public sources add.
//!
//! Idempotent: every record is looked up by its natural key first and only inserted when
//! missing, all in one transaction, so running the seed twice changes nothing and a failed
//! run leaves nothing behind.

use chrono::NaiveDate;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction,
    DbErr, EntityTrait, IntoActiveModel, QueryFilter, Select, Set, TransactionTrait,
};
use verbund_shared::{
    contract::ContractKind, keys::OfficialKey, org::OrganisationKind, service::ServiceCategory,
};

use crate::entities::{
    contract, contract_party, coverage, key_figure, membership, organisation, person, service,
    source,
};

/// What a seed run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    /// Records inserted by this run (0 when the data set was already there).
    pub inserted: usize,
}

fn day(y: i32, m: u32, d: u32) -> Result<NaiveDate, DbErr> {
    NaiveDate::from_ymd_opt(y, m, d)
        .ok_or_else(|| DbErr::Custom(format!("bad seed date {y}-{m}-{d}")))
}

struct Seeder<'a> {
    tx: &'a DatabaseTransaction,
    report: SeedReport,
}

struct Org<'a> {
    name: &'a str,
    short_name: Option<&'a str>,
    kind: OrganisationKind,
    key: Option<&'a str>,
    parent: Option<i32>,
    source: i32,
}

struct Member {
    organisation: i32,
    joined_on: NaiveDate,
    founding: bool,
    contract: i32,
    council_decision_on: Option<NaiveDate>,
    contract_signed_on: Option<NaiveDate>,
    legal_effect_on: Option<NaiveDate>,
    it_takeover_on: Option<NaiveDate>,
    source: i32,
}

impl Seeder<'_> {
    /// The row `existing` finds, or `row` inserted (and counted) when it finds none.
    async fn ensure<E>(
        &mut self,
        existing: Select<E>,
        row: E::ActiveModel,
    ) -> Result<E::Model, DbErr>
    where
        E: EntityTrait,
        E::ActiveModel: ActiveModelTrait<Entity = E> + ActiveModelBehavior + Send,
        E::Model: IntoActiveModel<E::ActiveModel>,
    {
        if let Some(found) = existing.one(self.tx).await? {
            return Ok(found);
        }
        let inserted = row.insert(self.tx).await?;
        self.report.inserted += 1;
        Ok(inserted)
    }

    async fn source(
        &mut self,
        title: &str,
        published_on: Option<NaiveDate>,
        note: &str,
    ) -> Result<i32, DbErr> {
        let existing = source::Entity::find().filter(source::Column::Title.eq(title));
        let row = source::ActiveModel {
            title: Set(title.to_owned()),
            published_on: Set(published_on),
            note: Set(Some(note.to_owned())),
            publisher: Set(None),
            url: Set(None),
            ..Default::default()
        };
        Ok(self.ensure(existing, row).await?.id)
    }

    async fn organisation(&mut self, org: Org<'_>) -> Result<i32, DbErr> {
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
        Ok(self.ensure(existing, row).await?.id)
    }

    /// An open-ended public-law contract (its notice rules are not public) and its parties.
    async fn contract(
        &mut self,
        title: &str,
        signed_on: NaiveDate,
        effective_from: NaiveDate,
        parties: &[(i32, &str)],
        source: i32,
    ) -> Result<i32, DbErr> {
        let existing = contract::Entity::find().filter(contract::Column::Title.eq(title));
        let row = contract::ActiveModel {
            number: Set(None),
            title: Set(title.to_owned()),
            kind: Set(ContractKind::PublicLawContract.as_str().to_owned()),
            signed_on: Set(Some(signed_on)),
            effective_from: Set(Some(effective_from)),
            initial_term_months: Set(None),
            initial_term_until: Set(None),
            renewal: Set("NONE".to_owned()),
            renewal_months: Set(None),
            notice_months: Set(None),
            notice_to: Set(None),
            notice_given_on: Set(None),
            ended_on: Set(None),
            source_id: Set(Some(source)),
            ..Default::default()
        };
        let id = self.ensure(existing, row).await?.id;
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
            self.ensure(existing, row).await?;
        }
        Ok(id)
    }

    async fn membership(&mut self, m: Member) -> Result<(), DbErr> {
        let existing = membership::Entity::find()
            .filter(membership::Column::OrganisationId.eq(m.organisation))
            .filter(membership::Column::JoinedOn.eq(m.joined_on));
        let row = membership::ActiveModel {
            organisation_id: Set(m.organisation),
            joined_on: Set(m.joined_on),
            left_on: Set(None),
            founding: Set(m.founding),
            contract_id: Set(Some(m.contract)),
            capital_share_cents: Set(None),
            seats: Set(None),
            council_decision_on: Set(m.council_decision_on),
            contract_signed_on: Set(m.contract_signed_on),
            legal_effect_on: Set(m.legal_effect_on),
            it_takeover_on: Set(m.it_takeover_on),
            source_id: Set(Some(m.source)),
            ..Default::default()
        };
        self.ensure(existing, row).await?;
        Ok(())
    }

    async fn service(
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
        Ok(self.ensure(existing, row).await?.id)
    }

    async fn coverage(
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
        self.ensure(existing, row).await?;
        Ok(())
    }

    async fn person(
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
        self.ensure(existing, row).await?;
        Ok(())
    }

    async fn figure(
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
        self.ensure(existing, row).await?;
        Ok(())
    }
}

/// Loads the first data set; see the module documentation.
pub async fn run(db: &DatabaseConnection) -> Result<SeedReport, DbErr> {
    let tx = db.begin().await?;
    let mut s = Seeder {
        tx: &tx,
        report: SeedReport::default(),
    };

    let article_day = day(2018, 10, 8)?;
    let article = s
        .source(
            "Neue Träger für den KSM",
            Some(article_day),
            "Nachricht vom 8. Oktober 2018: Stadt Grabow und Amt Parchimer Umland treten dem \
             KSM zum 1. Januar 2019 bei.",
        )
        .await?;
    let notices = s
        .source(
            "Regionalpresse und Bekanntmachungen des KSM und des Landkreises Ludwigslust-Parchim",
            None,
            "Ergänzt Daten, die der Artikel nicht nennt (Gründungsvertrag, Beitrittsdaten). \
             Öffentliche Quellen weichen in Einzelheiten voneinander ab.",
        )
        .await?;

    let ksm = s
        .organisation(Org {
            name: "Kommunalservice Mecklenburg",
            short_name: Some("KSM"),
            kind: OrganisationKind::ServiceProvider,
            key: None,
            parent: None,
            source: article,
        })
        .await?;
    let sis = s
        .organisation(Org {
            name: "Schweriner IT- und Servicegesellschaft",
            short_name: Some("SIS"),
            kind: OrganisationKind::PartnerCompany,
            key: None,
            parent: None,
            source: article,
        })
        .await?;
    let _ = sis;
    let district = s
        .organisation(Org {
            name: "Landkreis Ludwigslust-Parchim",
            short_name: None,
            kind: OrganisationKind::Landkreis,
            key: Some("13076"),
            parent: None,
            source: article,
        })
        .await?;
    let schwerin = s
        .organisation(Org {
            name: "Landeshauptstadt Schwerin",
            short_name: None,
            kind: OrganisationKind::KreisfreieStadt,
            key: Some("13004000"),
            parent: None,
            source: article,
        })
        .await?;
    let town = |name: &'static str, key: Option<&'static str>| Org {
        name,
        short_name: None,
        kind: OrganisationKind::AmtsfreieStadt,
        key,
        parent: Some(district),
        source: article,
    };
    let ludwigslust = s
        .organisation(town("Stadt Ludwigslust", Some("13076090")))
        .await?;
    let neustadt = s.organisation(town("Stadt Neustadt-Glewe", None)).await?;
    let grabow = s.organisation(town("Stadt Grabow", None)).await?;
    let amt = s
        .organisation(Org {
            name: "Amt Parchimer Umland",
            short_name: None,
            kind: OrganisationKind::Amt,
            key: None,
            parent: Some(district),
            source: article,
        })
        .await?;

    let founding = s
        .contract(
            "Gründungsvertrag des Kommunalservice Mecklenburg",
            day(2013, 8, 26)?,
            day(2013, 10, 1)?,
            &[(district, "FOUNDER"), (schwerin, "FOUNDER")],
            notices,
        )
        .await?;
    let ludwigslust_contract = s
        .contract(
            "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Ludwigslust",
            day(2016, 3, 30)?,
            day(2016, 4, 1)?,
            &[(ksm, "PROVIDER"), (ludwigslust, "MEMBER")],
            notices,
        )
        .await?;
    let neustadt_contract = s
        .contract(
            "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Neustadt-Glewe",
            day(2018, 1, 26)?,
            day(2018, 1, 1)?,
            &[(ksm, "PROVIDER"), (neustadt, "MEMBER")],
            notices,
        )
        .await?;
    let grabow_contract = s
        .contract(
            "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Grabow und des Amtes Parchimer Umland",
            day(2018, 9, 25)?,
            day(2019, 1, 1)?,
            &[(ksm, "PROVIDER"), (grabow, "MEMBER"), (amt, "MEMBER")],
            article,
        )
        .await?;

    let operation_start = day(2013, 10, 1)?;
    for founder in [district, schwerin] {
        s.membership(Member {
            organisation: founder,
            joined_on: operation_start,
            founding: true,
            contract: founding,
            council_decision_on: None,
            contract_signed_on: Some(day(2013, 8, 26)?),
            legal_effect_on: Some(operation_start),
            it_takeover_on: None,
            source: notices,
        })
        .await?;
    }
    s.membership(Member {
        organisation: ludwigslust,
        joined_on: day(2016, 4, 1)?,
        founding: false,
        contract: ludwigslust_contract,
        council_decision_on: Some(day(2015, 12, 17)?),
        contract_signed_on: Some(day(2016, 3, 30)?),
        legal_effect_on: Some(day(2016, 4, 1)?),
        it_takeover_on: Some(day(2016, 1, 1)?),
        source: notices,
    })
    .await?;
    s.membership(Member {
        organisation: neustadt,
        joined_on: day(2018, 1, 1)?,
        founding: false,
        contract: neustadt_contract,
        council_decision_on: None,
        contract_signed_on: Some(day(2018, 1, 26)?),
        legal_effect_on: None,
        it_takeover_on: None,
        source: article,
    })
    .await?;
    for member in [grabow, amt] {
        s.membership(Member {
            organisation: member,
            joined_on: day(2019, 1, 1)?,
            founding: false,
            contract: grabow_contract,
            council_decision_on: None,
            contract_signed_on: Some(day(2018, 9, 25)?),
            legal_effect_on: Some(day(2019, 1, 1)?),
            it_takeover_on: Some(day(2019, 1, 1)?),
            source: article,
        })
        .await?;
    }

    let operation = s
        .service(
            "IT-BETRIEB-KERNVERWALTUNG",
            "Gesamter IT-Betrieb der Kernverwaltung",
            ServiceCategory::CoreAdministration,
            "Der KSM übernimmt die Verantwortung für den gesamten IT-Betrieb der Kernverwaltung.",
            article,
        )
        .await?;
    for (member, contract, starts_on, workstations, source) in [
        (district, founding, operation_start, None, notices),
        (schwerin, founding, operation_start, None, notices),
        (
            ludwigslust,
            ludwigslust_contract,
            day(2016, 1, 1)?,
            Some(83),
            notices,
        ),
        (neustadt, neustadt_contract, day(2018, 1, 1)?, None, article),
        (grabow, grabow_contract, day(2019, 1, 1)?, None, article),
        (amt, grabow_contract, day(2019, 1, 1)?, None, article),
    ] {
        s.coverage(member, operation, contract, starts_on, workstations, source)
            .await?;
    }

    s.person(grabow, "Stefan Sternberg", "Bürgermeister", article)
        .await?;
    s.person(amt, "Wolfgang Hilpert", "Amtsvorsteher", article)
        .await?;
    s.person(ksm, "Matthias Effenberger", "Vorstand", article)
        .await?;

    // "Im Unternehmerverbund mit der SIS betreuen 130 Mitarbeiter über 3.000 Arbeitsplätze
    // und mehr als 250 Fachanwendungen": figures of KSM and SIS together.
    s.figure(ksm, "STAFF", 130, "EXACT", article_day, article)
        .await?;
    s.figure(ksm, "WORKSTATIONS", 3000, "MORE_THAN", article_day, article)
        .await?;
    s.figure(
        ksm,
        "SPECIALIST_APPLICATIONS",
        250,
        "MORE_THAN",
        article_day,
        article,
    )
    .await?;

    let report = s.report;
    tx.commit().await?;
    Ok(report)
}
