//! The members that joined after the article, the provider's catalogue of services as the
//! public sources name it, and the figures of 2021 (13 members).

use sea_orm::DbErr;
use verbund_shared::service::ServiceCategory;

use super::article::{Founded, amt_of, free_town, within};
use super::seeder::{Member, Org, Seeder, day};

/// When members joined together: the latest day the sources show their contracts signed (the
/// day itself is not published), the day they joined, and the source of their memberships.
struct Round {
    signed_by: chrono::NaiveDate,
    joined_on: chrono::NaiveDate,
    source: i32,
}

/// A member's joining, through a contract of its own, and what it is covered by.
struct Joining<'a> {
    organisation: i32,
    title: &'a str,
    round: &'a Round,
    /// Its share of the provider's capital, in cents, where a source names it.
    capital_share_cents: Option<i64>,
    services: &'a [i32],
}

/// The title of the contract by which the member `name` joined.
fn accession_title(name: &str) -> String {
    match name.strip_prefix("Amt ") {
        Some(amt) => format!("Öffentlich-rechtlicher Vertrag über den Beitritt des Amtes {amt}"),
        None => format!("Öffentlich-rechtlicher Vertrag über den Beitritt der {name}"),
    }
}

/// Loads the members of 2020 and 2021, the catalogue and the 2021 figures.
pub(super) async fn load(s: &mut Seeder<'_>, founded: &Founded) -> Result<(), DbErr> {
    let district = founded.district;
    let reported_2019 = s
        .source(
            "Neue Träger des KSM zum 1. Januar 2020",
            Some(day(2019, 12, 18)?),
            "Meldung vom 18. Dezember 2019: Stadt Boizenburg/Elbe, Amt Zarrentin und Amt \
             Stralendorf werden zum 1. Januar 2020 Träger des KSM. Das Amt Stralendorf übernimmt \
             einen Anteil von 500,00 EUR am Kapital; die Schulen seiner Gemeinden werden \
             mitbetreut. Der Tag der Unterzeichnung der Verträge ist nicht veröffentlicht: sie \
             sind als spätestens am Tag der Meldung unterzeichnet erfasst.",
        )
        .await?;
    let reported_2021 = s
        .source(
            "Vier weitere Träger des KSM (2021)",
            Some(day(2021, 1, 13)?),
            "Meldung vom 13. Januar 2021: Stadt Lübtheen, Stadt Wittenburg und Stadt Lübz \
             übertragen ihre gesamte IT, Stadt Parchim nur ihre Vergabestelle und die Schul-IT. \
             Der KSM zählt damit 13 Träger (die Stadt Grabow eingeschlossen), über 3.500 \
             Arbeitsplätze und 190 Beschäftigte mit der SIS.",
        )
        .await?;
    let supervision = s
        .source(
            "Anzeige der Beitrittsverträge 2021 bei der Rechtsaufsichtsbehörde",
            Some(day(2021, 6, 10)?),
            "Die Verträge wurden der Rechtsaufsichtsbehörde am 24. Februar 2021 angezeigt; sie \
             hat sie am 10. Juni 2021 nicht beanstandet. Ein Tag des Wirksamwerdens wurde nicht \
             veröffentlicht: die Mitgliedschaften sind deshalb ab dem 10. Juni 2021 erfasst, die \
             Verträge als spätestens am Tag der Anzeige unterzeichnet. Die \
             Bekanntmachung zählt die Träger ohne die Stadt Grabow auf; die Meldung des KSM \
             (13 Träger) schließt sie ein. Beide Quellen sind erfasst.",
        )
        .await?;

    let catalogue = Catalogue::load(s, founded.notices).await?;

    let amt_wittenburg = s
        .organisation(amt_of("Amt Wittenburg", district, reported_2021))
        .await?;
    let amt_luebz = s
        .organisation(amt_of("Amt Eldenburg Lübz", district, reported_2021))
        .await?;
    let in_2020 = Round {
        signed_by: day(2019, 12, 18)?,
        joined_on: day(2020, 1, 1)?,
        source: reported_2019,
    };
    let in_2021 = Round {
        signed_by: day(2021, 2, 24)?,
        joined_on: day(2021, 6, 10)?,
        source: supervision,
    };
    let operation = [founded.operation];
    let with_schools = [founded.operation, catalogue.school_it];
    let procurement_and_schools = [catalogue.procurement_office, catalogue.school_it];
    // Each member of 2020 and 2021, when it joined, what it is covered by, and its share of
    // the capital (in cents) where a source names it.
    let joinings: [(Org<'_>, &Round, &[i32], Option<i64>); 7] = [
        (
            free_town("Stadt Boizenburg/Elbe", "13076014", district, reported_2019),
            &in_2020,
            &operation,
            None,
        ),
        (
            amt_of("Amt Zarrentin", district, reported_2019),
            &in_2020,
            &operation,
            None,
        ),
        (
            amt_of("Amt Stralendorf", district, reported_2019),
            &in_2020,
            &with_schools,
            Some(50_000),
        ),
        (
            free_town("Stadt Lübtheen", "13076088", district, reported_2021),
            &in_2021,
            &operation,
            None,
        ),
        // Its official key is not confirmed by a public register: left empty, not guessed.
        (
            within("Stadt Wittenburg", None, amt_wittenburg, reported_2021),
            &in_2021,
            &operation,
            None,
        ),
        (
            within("Stadt Lübz", Some("13076089"), amt_luebz, reported_2021),
            &in_2021,
            &operation,
            None,
        ),
        (
            free_town("Stadt Parchim", "13076108", district, reported_2021),
            &in_2021,
            &procurement_and_schools,
            None,
        ),
    ];
    for (member, round, services, capital_share_cents) in joinings {
        let title = accession_title(member.name);
        let joining = Joining {
            organisation: s.organisation(member).await?,
            title: &title,
            round,
            capital_share_cents,
            services,
        };
        join(s, founded.ksm, joining).await?;
    }

    let reported_on = day(2021, 1, 13)?;
    s.figure(
        founded.ksm,
        "STAFF",
        190,
        "EXACT",
        reported_on,
        reported_2021,
    )
    .await?;
    s.figure(
        founded.ksm,
        "WORKSTATIONS",
        3500,
        "MORE_THAN",
        reported_on,
        reported_2021,
    )
    .await?;
    Ok(())
}

/// A member's joining: its contract with the provider, its membership and its coverages.
async fn join(s: &mut Seeder<'_>, provider: i32, j: Joining<'_>) -> Result<(), DbErr> {
    let parties = [(provider, "PROVIDER"), (j.organisation, "MEMBER")];
    let (signed_on, joined_on, source) =
        (Some(j.round.signed_by), j.round.joined_on, j.round.source);
    let contract = s
        .contract(j.title, signed_on, joined_on, &parties, source)
        .await?;
    s.membership(Member {
        organisation: j.organisation,
        joined_on,
        founding: false,
        contract,
        council_decision_on: None,
        contract_signed_on: None,
        legal_effect_on: None,
        it_takeover_on: None,
        capital_share_cents: j.capital_share_cents,
        source,
    })
    .await?;
    for service in j.services {
        s.coverage(j.organisation, *service, contract, joined_on, None, source)
            .await?;
    }
    Ok(())
}

/// The services the public sources name besides the operation of a core administration.
struct Catalogue {
    school_it: i32,
    procurement_office: i32,
}

impl Catalogue {
    async fn load(s: &mut Seeder<'_>, source: i32) -> Result<Self, DbErr> {
        use ServiceCategory as C;
        let entries = [
            (
                "BESCHAFFUNG",
                "Beschaffung von Hard- und Software",
                C::Procurement,
            ),
            (
                "FACHANWENDUNGEN",
                "Betreuung und Betrieb von Fachanwendungen",
                C::SpecialistApplication,
            ),
            (
                "DATENSICHERUNG-ARCHIVIERUNG",
                "Zentrale Datensicherung, Speicherung und Archivierung",
                C::Hosting,
            ),
            ("DRUCK-KUVERTIERUNG", "Druck und Kuvertierung", C::Other),
            ("PERSONALABRECHNUNG", "Personalabrechnung", C::Other),
            ("E-VERGABE", "E-Vergabe", C::Procurement),
        ];
        for (code, name, category) in entries {
            let description = format!("Aufgabe des KSM laut öffentlichen Quellen: {name}.");
            s.service(code, name, category, &description, source)
                .await?;
        }
        let school_it = s
            .service(
                "SCHUL-IT",
                "Schul-IT (DigitalPakt)",
                C::SchoolIt,
                "IT der Schulen eines Trägers, auch mit Mitteln des DigitalPakts Schule.",
                source,
            )
            .await?;
        let procurement_office = s
            .service(
                "VERGABESTELLE",
                "Betreuung der Vergabestelle",
                C::Procurement,
                "Die Vergabestelle eines Trägers, ohne dessen übrige Verwaltung.",
                source,
            )
            .await?;
        Ok(Self {
            school_it,
            procurement_office,
        })
    }
}
