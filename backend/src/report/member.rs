//! The member dossier as a document.

use verbund_shared::Lang;
use verbund_shared::contract::ContractKind;
use verbund_shared::org::OrganisationKind;
use verbund_shared::service::ServiceCategory;

use super::page::{self, Html, Meta, Notes, day, empty, esc, number, opt_day, row, table, tr};
use crate::register::reports::{ContractEntry, Dossier};

/// The dossier of one organisation.
pub fn render(dossier: &Dossier, meta: &Meta) -> Html {
    let lang = meta.lang;
    let mut notes = Notes::default();
    let org = &dossier.organisation;
    let mut body = String::new();
    body.push_str(&format!(
        "<h2>{}{}</h2><dl>",
        tr(lang, "Organisation", "Organisation"),
        notes.mark(org.source_id)
    ));
    let kind = org
        .kind
        .parse::<OrganisationKind>()
        .map_or(org.kind.as_str(), |kind| kind.label(lang));
    let mut facts = vec![
        (tr(lang, "Name", "Name"), esc(&org.name)),
        (tr(lang, "Art", "Kind"), esc(kind)),
    ];
    if let Some(short) = &org.short_name {
        facts.push((tr(lang, "Kurzname", "Short name"), esc(short)));
    }
    if let Some(key) = &org.official_key {
        facts.push((tr(lang, "Amtlicher Schlüssel", "Official key"), esc(key)));
    }
    if let Some(parent) = &dossier.parent {
        facts.push((tr(lang, "Gehört zu", "Belongs to"), esc(&parent.name)));
    }
    for (term, value) in facts {
        body.push_str(&format!("<dt>{term}</dt><dd>{value}</dd>"));
    }
    body.push_str("</dl>");
    memberships(&mut body, dossier, lang, &mut notes);
    contracts(&mut body, dossier, lang, &mut notes);
    coverages(&mut body, dossier, lang, &mut notes);
    people(&mut body, dossier, lang, &mut notes);
    body.push_str(&notes.section(lang, &dossier.sources));
    let title = format!(
        "{}: {}",
        tr(lang, "Mitgliedsakte", "Member dossier"),
        org.name
    );
    let subtitle = format!(
        "{} {}",
        tr(lang, "Stand", "As of"),
        day(lang, dossier.as_of)
    );
    page::frame(meta, &title, &subtitle, &body, false)
}

/// The memberships with their milestones.
fn memberships(body: &mut String, dossier: &Dossier, lang: Lang, notes: &mut Notes) {
    body.push_str(&format!(
        "<h2>{}</h2>",
        tr(lang, "Mitgliedschaft", "Membership")
    ));
    if dossier.memberships.is_empty() {
        body.push_str(&empty(tr(lang, "Keine Mitgliedschaft.", "No membership.")));
        return;
    }
    let rows: Vec<String> = dossier
        .memberships
        .iter()
        .map(|m| {
            let contract = m.contract_id.and_then(|id| {
                dossier
                    .contracts
                    .iter()
                    .flatten()
                    .find(|c| c.contract.id == id)
                    .map(|c| esc(&c.contract.title))
            });
            let milestones = [
                (
                    tr(lang, "Ratsbeschluss", "Council decision"),
                    m.council_decision_on,
                ),
                (
                    tr(lang, "Vertrag unterzeichnet", "Contract signed"),
                    m.contract_signed_on,
                ),
                (tr(lang, "Rechtswirksam", "Legal effect"), m.legal_effect_on),
                (tr(lang, "IT-Übernahme", "IT takeover"), m.it_takeover_on),
            ]
            .into_iter()
            .filter_map(|(what, on)| on.map(|on| format!("{what}: {}", day(lang, on))))
            .collect::<Vec<_>>()
            .join("<br>");
            row(&[
                format!("{}{}", day(lang, m.joined_on), notes.mark(m.source_id)),
                opt_day(lang, m.left_on),
                tr(
                    lang,
                    if m.founding { "ja" } else { "nein" },
                    if m.founding { "yes" } else { "no" },
                )
                .to_owned(),
                m.capital_share_cents.map_or_else(String::new, |cents| {
                    format!("{} €", number(lang, cents / 100))
                }),
                m.seats.map_or_else(String::new, |s| s.to_string()),
                milestones,
                contract.unwrap_or_default(),
            ])
        })
        .collect();
    body.push_str(&table(
        &[
            (tr(lang, "Beigetreten", "Joined"), false),
            (tr(lang, "Ausgetreten", "Left"), false),
            (tr(lang, "Gründungsmitglied", "Founding"), false),
            (tr(lang, "Stammkapital", "Capital share"), true),
            (tr(lang, "Sitze", "Seats"), true),
            (tr(lang, "Meilensteine", "Milestones"), false),
            (tr(lang, "Vertrag", "Contract"), false),
        ],
        &rows,
    ));
}

/// The contracts with their standing and undecided deadlines.
fn contracts(body: &mut String, dossier: &Dossier, lang: Lang, notes: &mut Notes) {
    body.push_str(&format!("<h2>{}</h2>", tr(lang, "Verträge", "Contracts")));
    let Some(contracts) = &dossier.contracts else {
        body.push_str(&withheld(lang));
        return;
    };
    if contracts.is_empty() {
        body.push_str(&empty(tr(lang, "Keine Verträge.", "No contracts.")));
        return;
    }
    let rows: Vec<String> = contracts.iter().map(|c| contract(c, lang, notes)).collect();
    body.push_str(&table(
        &[
            (tr(lang, "Vertrag", "Contract"), false),
            (tr(lang, "Art", "Kind"), false),
            (tr(lang, "Status", "Status"), false),
            (tr(lang, "Wirksam ab", "Effective from"), false),
            (tr(lang, "Endet", "Ends"), false),
            (tr(lang, "Kündigungsfrist", "Notice deadline"), false),
            (tr(lang, "Offene Fristen", "Open deadlines"), false),
        ],
        &rows,
    ));
}

fn contract(entry: &ContractEntry, lang: Lang, notes: &mut Notes) -> String {
    let c = &entry.contract;
    let kind = c
        .kind
        .parse::<ContractKind>()
        .map_or(c.kind.as_str(), |kind| kind.label(lang));
    let title = match &c.number {
        Some(number) => format!("{} ({})", esc(&c.title), esc(number)),
        None => esc(&c.title),
    };
    let deadlines = entry
        .deadlines
        .iter()
        .map(|d| {
            format!(
                "{}: {} ({} {})",
                d.kind.label(lang),
                day(lang, d.day),
                tr(lang, "handeln bis", "act by"),
                day(lang, d.day_to_act)
            )
        })
        .collect::<Vec<_>>()
        .join("<br>");
    row(&[
        format!("{title}{}", notes.mark(c.source_id)),
        esc(kind),
        esc(entry.status.label(lang)),
        opt_day(lang, c.effective_from),
        opt_day(lang, entry.ends_on),
        opt_day(lang, entry.notice.map(|n| n.deadline)),
        deadlines,
    ])
}

/// What the organisation receives on the dossier's day.
fn coverages(body: &mut String, dossier: &Dossier, lang: Lang, notes: &mut Notes) {
    body.push_str(&format!("<h2>{}</h2>", tr(lang, "Leistungen", "Services")));
    let Some(coverages) = &dossier.coverages else {
        body.push_str(&withheld(lang));
        return;
    };
    if coverages.is_empty() {
        body.push_str(&empty(tr(
            lang,
            "Bezieht an diesem Tag keine Leistung.",
            "Receives no service on this day.",
        )));
        return;
    }
    let rows: Vec<String> = coverages
        .iter()
        .map(|(coverage, service)| {
            let (name, category) = service.as_ref().map_or_else(
                || (String::new(), String::new()),
                |s| {
                    let category = s
                        .category
                        .parse::<ServiceCategory>()
                        .map_or(s.category.as_str(), |c| c.label(lang));
                    (
                        format!("{} ({})", esc(&s.name), esc(&s.code)),
                        esc(category),
                    )
                },
            );
            row(&[
                format!("{name}{}", notes.mark(coverage.source_id)),
                category,
                day(lang, coverage.starts_on),
                opt_day(lang, coverage.ends_on),
                coverage
                    .workstations
                    .map_or_else(String::new, |n| number(lang, n.into())),
                coverage
                    .users
                    .map_or_else(String::new, |n| number(lang, n.into())),
            ])
        })
        .collect();
    body.push_str(&table(
        &[
            (tr(lang, "Leistung", "Service"), false),
            (tr(lang, "Kategorie", "Category"), false),
            (tr(lang, "Seit", "Since"), false),
            (tr(lang, "Bis", "Until"), false),
            (tr(lang, "Arbeitsplätze", "Workstations"), true),
            (tr(lang, "Nutzer", "Users"), true),
        ],
        &rows,
    ));
}

/// The people in a role at the organisation.
fn people(body: &mut String, dossier: &Dossier, lang: Lang, notes: &mut Notes) {
    body.push_str(&format!("<h2>{}</h2>", tr(lang, "Personen", "People")));
    if dossier.people.is_empty() {
        body.push_str(&empty(tr(lang, "Keine Personen.", "No people.")));
        return;
    }
    let rows: Vec<String> = dossier
        .people
        .iter()
        .map(|p| {
            row(&[
                format!("{}{}", esc(&p.name), notes.mark(p.source_id)),
                esc(&p.role),
                opt_day(lang, p.since),
                opt_day(lang, p.until),
            ])
        })
        .collect();
    body.push_str(&table(
        &[
            (tr(lang, "Name", "Name"), false),
            (tr(lang, "Funktion", "Role"), false),
            (tr(lang, "Seit", "Since"), false),
            (tr(lang, "Bis", "Until"), false),
        ],
        &rows,
    ));
}

/// What the report says in place of a part the caller's scopes do not reach.
fn withheld(lang: Lang) -> String {
    format!(
        "<p class=\"withheld\">{}</p>",
        tr(
            lang,
            "Für diesen Zugang nicht freigegeben.",
            "Not open to this access."
        )
    )
}
