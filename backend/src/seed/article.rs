//! The facts of the news article "Neue Träger für den KSM" (8 October 2018) and the dates
//! other public sources add for the members up to 2019.

use sea_orm::DbErr;
use verbund_shared::{org::OrganisationKind, service::ServiceCategory};

use super::seeder::{Member, Org, Seeder, day};

/// What the later facts build on.
pub(super) struct Founded {
    pub(super) ksm: i32,
    pub(super) district: i32,
    /// The regional press and the notices of the provider and the district.
    pub(super) notices: i32,
    /// The provider's service "the whole IT operation of the core administration".
    pub(super) operation: i32,
}

/// An Amt in `district`.
pub(super) fn amt_of(name: &str, district: i32, source: i32) -> Org<'_> {
    Org {
        name,
        short_name: None,
        kind: OrganisationKind::Amt,
        key: None,
        parent: Some(district),
        source,
    }
}

/// A town in `district` that belongs to no Amt, with its official key.
pub(super) fn free_town<'a>(name: &'a str, key: &'a str, district: i32, source: i32) -> Org<'a> {
    Org {
        name,
        short_name: None,
        kind: OrganisationKind::AmtsfreieStadt,
        key: Some(key),
        parent: Some(district),
        source,
    }
}

/// A town within the Amt `amt`, with its official key where a public register confirms it.
pub(super) fn within<'a>(name: &'a str, key: Option<&'a str>, amt: i32, source: i32) -> Org<'a> {
    Org {
        name,
        short_name: None,
        kind: OrganisationKind::AmtsangehoerigeStadt,
        key,
        parent: Some(amt),
        source,
    }
}

/// Loads the founders and the members up to 2019; see the module documentation.
pub(super) async fn load(s: &mut Seeder<'_>) -> Result<Founded, DbErr> {
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
    let _sis = s
        .organisation(Org {
            name: "Schweriner IT- und Servicegesellschaft",
            short_name: Some("SIS"),
            kind: OrganisationKind::PartnerCompany,
            key: None,
            parent: None,
            source: article,
        })
        .await?;
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
    let ludwigslust = s
        .organisation(free_town(
            "Stadt Ludwigslust",
            "13076090",
            district,
            article,
        ))
        .await?;
    // Grabow and Neustadt-Glewe belong to an Amt each (public registers): towns within it.
    let amt_neustadt = s
        .organisation(amt_of("Amt Neustadt-Glewe", district, notices))
        .await?;
    let neustadt = s
        .organisation(within(
            "Stadt Neustadt-Glewe",
            Some("13076105"),
            amt_neustadt,
            article,
        ))
        .await?;
    let amt_grabow = s
        .organisation(amt_of("Amt Grabow", district, notices))
        .await?;
    let grabow = s
        .organisation(within(
            "Stadt Grabow",
            Some("13076050"),
            amt_grabow,
            article,
        ))
        .await?;
    let amt = s
        .organisation(amt_of("Amt Parchimer Umland", district, article))
        .await?;

    let founding = s
        .contract(
            "Gründungsvertrag des Kommunalservice Mecklenburg",
            Some(day(2013, 8, 26)?),
            day(2013, 10, 1)?,
            &[(district, "FOUNDER"), (schwerin, "FOUNDER")],
            notices,
        )
        .await?;
    let ludwigslust_contract = s
        .contract(
            "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Ludwigslust",
            Some(day(2016, 3, 30)?),
            day(2016, 4, 1)?,
            &[(ksm, "PROVIDER"), (ludwigslust, "MEMBER")],
            notices,
        )
        .await?;
    let neustadt_contract = s
        .contract(
            "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Neustadt-Glewe",
            Some(day(2018, 1, 26)?),
            day(2018, 1, 1)?,
            &[(ksm, "PROVIDER"), (neustadt, "MEMBER")],
            notices,
        )
        .await?;
    let grabow_contract = s
        .contract(
            "Öffentlich-rechtlicher Vertrag über den Beitritt der Stadt Grabow und des Amtes Parchimer Umland",
            Some(day(2018, 9, 25)?),
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
            capital_share_cents: None,
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
        capital_share_cents: None,
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
        capital_share_cents: None,
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
            capital_share_cents: None,
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

    Ok(Founded {
        ksm,
        district,
        notices,
        operation,
    })
}
