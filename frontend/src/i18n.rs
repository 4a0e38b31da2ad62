//! Every text the app shows, in German (the default) and English: one table, [`Texts`], with
//! one value per language, so that a text missing in a language fails the build. The labels of
//! domain enums (organisation kinds, contract kinds and statuses, service categories) come
//! from `verbund_shared`; this module adds what only the app says.
//!
//! The chosen language is kept in `localStorage` and set as `<html lang>`.

use leptos::prelude::*;
use verbund_shared::Lang;

use crate::api::ApiError;

const STORAGE_KEY: &str = "verbund.lang";

/// The app's texts in one language. Placeholders in braces (`{n}`, `{date}`) are filled with
/// [`fill`].
#[derive(Debug)]
pub struct Texts {
    // The frame of every page.
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub skip_link: &'static str,
    pub nav_label: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_members: &'static str,
    pub nav_contracts: &'static str,
    pub nav_services: &'static str,
    pub nav_coverage: &'static str,
    pub nav_graphiql: &'static str,
    pub language: &'static str,
    pub footer: &'static str,

    // States every page has.
    pub loading: &'static str,
    pub error_title: &'static str,
    pub retry: &'static str,
    pub err_network: &'static str,
    pub err_timeout: &'static str,
    pub err_not_found: &'static str,
    pub err_bad_input: &'static str,
    pub err_forbidden: &'static str,
    pub err_server: &'static str,
    pub err_response: &'static str,
    pub err_other: &'static str,
    pub err_detail: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub record_not_found: &'static str,
    pub to_dashboard: &'static str,
    pub shown_of: &'static str,

    // Filters.
    pub filters: &'static str,
    pub search: &'static str,
    pub as_of: &'static str,
    pub as_of_hint: &'static str,
    pub all: &'static str,
    pub reset_filters: &'static str,

    // Words used across pages.
    pub open_ended: &'static str,
    pub not_recorded: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub status: &'static str,
    pub official_key: &'static str,
    pub short_name: &'static str,
    pub contract: &'static str,
    pub service: &'static str,
    pub organisation: &'static str,
    pub workstations: &'static str,
    pub users: &'static str,
    pub from: &'static str,
    pub until: &'static str,
    pub running: &'static str,
    pub ended: &'static str,
    pub upcoming: &'static str,
    pub founding_member: &'static str,
    pub source: &'static str,
    pub in_days: &'static str,
    pub today: &'static str,

    // Dashboard.
    pub dash_title: &'static str,
    pub dash_as_of: &'static str,
    pub stats_title: &'static str,
    pub stat_members: &'static str,
    pub stat_workstations: &'static str,
    pub stat_workstations_hint: &'static str,
    pub stat_services: &'static str,
    pub stat_applications: &'static str,
    pub figures_title: &'static str,
    pub figures_intro: &'static str,
    pub deadlines_title: &'static str,
    pub deadlines_intro: &'static str,
    pub deadlines_empty: &'static str,
    pub deadlines_caption: &'static str,
    pub reason: &'static str,
    pub reason_ends: &'static str,
    pub reason_notice: &'static str,
    pub due_on: &'static str,
    pub timeline_title: &'static str,
    pub timeline_intro: &'static str,
    pub timeline_empty: &'static str,
    pub timeline_label: &'static str,
    pub later_member: &'static str,
    pub joined_on: &'static str,

    // Members.
    pub members_title: &'static str,
    pub members_intro: &'static str,
    pub members_caption: &'static str,
    pub members_empty: &'static str,
    pub member_since: &'static str,
    pub member_on: &'static str,
    pub no_member_on: &'static str,
    pub back_to_members: &'static str,
    pub memberships_title: &'static str,
    pub memberships_empty: &'static str,
    pub milestones: &'static str,
    pub council_decision: &'static str,
    pub contract_signed: &'static str,
    pub legal_effect: &'static str,
    pub it_takeover: &'static str,
    pub joined: &'static str,
    pub left: &'static str,
    pub capital_share: &'static str,
    pub seats: &'static str,
    pub belongs_to: &'static str,
    pub member_contracts_empty: &'static str,
    pub coverage_title: &'static str,
    pub coverage_empty: &'static str,
    pub units_title: &'static str,
    pub units_empty: &'static str,
    pub people_title: &'static str,
    pub people_empty: &'static str,
    pub role: &'static str,
    pub figures_org_title: &'static str,
    pub metric: &'static str,
    pub value: &'static str,
    pub figure_date: &'static str,
    pub sources_title: &'static str,
    pub sources_intro: &'static str,
    pub sources_empty: &'static str,
    pub published: &'static str,
    pub publisher: &'static str,
    pub note: &'static str,

    // Contracts.
    pub contracts_title: &'static str,
    pub contracts_intro: &'static str,
    pub contracts_caption: &'static str,
    pub contracts_empty: &'static str,
    pub number: &'static str,
    pub title: &'static str,
    pub parties: &'static str,
    pub effective_from: &'static str,
    pub term_ends: &'static str,
    pub notice_by: &'static str,
    pub back_to_contracts: &'static str,
    pub parties_title: &'static str,
    pub terms_title: &'static str,
    pub signed_on: &'static str,
    pub ends_on: &'static str,
    pub notice_given_on: &'static str,
    pub ended_on: &'static str,
    pub initial_term: &'static str,
    pub months: &'static str,
    pub until_date: &'static str,
    pub indefinite: &'static str,
    pub renewal: &'static str,
    pub renewal_none: &'static str,
    pub renewal_tacit: &'static str,
    pub renewal_express: &'static str,
    pub notice_period: &'static str,
    pub no_notice_period: &'static str,
    pub deadlines_contract_title: &'static str,
    pub current_term_ends: &'static str,
    pub notice_deadline: &'static str,
    pub next_notice: &'static str,
    pub no_deadline: &'static str,
    pub contract_memberships_title: &'static str,
    pub contract_memberships_empty: &'static str,
    pub contract_coverage_title: &'static str,
    pub contract_coverage_empty: &'static str,
    pub role_provider: &'static str,
    pub role_member: &'static str,
    pub role_founder: &'static str,
    pub role_partner: &'static str,

    // Services.
    pub services_title: &'static str,
    pub services_intro: &'static str,
    pub services_caption: &'static str,
    pub services_empty: &'static str,
    pub code: &'static str,
    pub category: &'static str,
    pub vendor: &'static str,
    pub recipients: &'static str,
    pub back_to_services: &'static str,
    pub description: &'static str,
    pub recipients_title: &'static str,
    pub recipients_empty: &'static str,
    pub history_title: &'static str,

    // Coverage matrix.
    pub matrix_title: &'static str,
    pub matrix_intro: &'static str,
    pub matrix_caption: &'static str,
    pub matrix_empty: &'static str,
    pub matrix_legend: &'static str,
    pub matrix_received: &'static str,
    pub matrix_total: &'static str,
    pub csv_export: &'static str,
    pub csv_file: &'static str,
    pub csv_received: &'static str,

    // Key figures.
    pub metric_staff: &'static str,
    pub metric_workstations: &'static str,
    pub metric_applications: &'static str,
    pub qualifier_more_than: &'static str,
    pub qualifier_about: &'static str,

    // Signing in and out.
    pub login_title: &'static str,
    pub login_intro: &'static str,
    pub password: &'static str,
    pub login_submit: &'static str,
    pub login_wrong: &'static str,
    pub login_wait: &'static str,
    pub login_missing: &'static str,
    pub logout: &'static str,
    pub signed_in_as: &'static str,
    pub err_signed_out: &'static str,
    pub err_conflict: &'static str,
    pub err_rate_limited: &'static str,

    // Forms.
    pub save: &'static str,
    pub form_saved: &'static str,
    pub form_invalid: &'static str,
    pub form_conflict: &'static str,
    pub form_reload: &'static str,
    pub none_chosen: &'static str,
    pub edit_contract: &'static str,
    pub initial_term_months: &'static str,
    pub initial_term_until: &'static str,
    pub renewal_months: &'static str,
    pub notice_months: &'static str,
    pub notice_to: &'static str,
    pub give_notice: &'static str,
    pub given_on: &'static str,
    pub end_contract: &'static str,
    pub edit_organisation: &'static str,
    pub leave_membership: &'static str,
    pub last_day: &'static str,
    pub edit_service: &'static str,
    pub create: &'static str,
    pub new_organisation: &'static str,
    pub join_membership: &'static str,
    pub first_day: &'static str,
    pub new_contract: &'static str,
    /// The labels of a new contract's parties: organisation and role of each of three.
    pub party_fields: [&'static str; 6],
    pub new_service: &'static str,
    pub changes_title: &'static str,
    pub changes_empty: &'static str,
    pub changes_created: &'static str,

    // Administration.
    pub nav_admin: &'static str,
    pub nav_users: &'static str,
    pub nav_tokens: &'static str,
    pub nav_audit: &'static str,
    pub users_intro: &'static str,
    pub create_user: &'static str,
    pub disabled: &'static str,
    pub active: &'static str,
    pub disable: &'static str,
    pub enable: &'static str,
    pub set_password: &'static str,
    pub new_password: &'static str,
    pub change_role: &'static str,
    pub created_at: &'static str,
    pub tokens_intro: &'static str,
    pub create_token: &'static str,
    pub scopes: &'static str,
    pub token_member: &'static str,
    pub token_all_members: &'static str,
    pub token_days: &'static str,
    pub token_once: &'static str,
    pub token_prefix: &'static str,
    pub expires_at: &'static str,
    pub last_used: &'static str,
    pub revoke: &'static str,
    pub revoked: &'static str,
    pub tokens_empty: &'static str,
    pub audit_intro: &'static str,
    pub record_type: &'static str,
    pub actor: &'static str,
    pub operation: &'static str,
    pub at: &'static str,
    pub changed: &'static str,
    pub audit_empty: &'static str,
    pub apply_filters: &'static str,
    pub newer: &'static str,
    pub older: &'static str,
}

/// German: the default.
pub static DE: Texts = Texts {
    app_name: "Verbund",
    app_tagline: "Register der Träger, Verträge und Leistungen",
    skip_link: "Zum Inhalt springen",
    nav_label: "Hauptnavigation",
    nav_dashboard: "Übersicht",
    nav_members: "Mitglieder",
    nav_contracts: "Verträge",
    nav_services: "Leistungen",
    nav_coverage: "Leistungsmatrix",
    nav_graphiql: "GraphiQL (API)",
    language: "Sprache",
    footer: "Verbund – Register des kommunalen IT-Dienstleisters. Angaben aus öffentlichen Quellen; jede Angabe nennt ihre Quelle.",

    loading: "Daten werden geladen …",
    error_title: "Die Daten konnten nicht geladen werden.",
    retry: "Erneut versuchen",
    err_network: "Der Server ist nicht erreichbar. Bitte prüfen Sie die Netzwerkverbindung.",
    err_timeout: "Der Server hat nicht innerhalb von 15 Sekunden geantwortet. Bitte versuchen Sie es gleich noch einmal.",
    err_not_found: "Der gesuchte Eintrag wurde nicht gefunden.",
    err_bad_input: "Der Server hat die Anfrage abgelehnt. Bitte prüfen Sie die Eingaben, zum Beispiel das Datum.",
    err_forbidden: "Sie sind für diese Angaben nicht berechtigt.",
    err_server: "Auf dem Server ist ein Fehler aufgetreten. Er wurde protokolliert; bitte versuchen Sie es später erneut.",
    err_response: "Die Antwort des Servers passt nicht zu dieser Version der Anwendung. Bitte laden Sie die Seite neu.",
    err_other: "Der Server hat einen Fehler gemeldet.",
    err_detail: "Meldung des Servers",
    not_found_title: "Seite nicht gefunden",
    not_found_text: "Unter dieser Adresse gibt es keine Seite. Vielleicht wurde der Link unvollständig kopiert.",
    record_not_found: "Diesen Eintrag gibt es im Register nicht. Vielleicht wurde der Link unvollständig kopiert.",
    to_dashboard: "Zur Übersicht",
    shown_of: "{shown} von {total} Einträgen angezeigt. Bitte grenzen Sie die Suche ein.",

    filters: "Filter",
    search: "Suche",
    as_of: "Stichtag",
    as_of_hint: "Ohne Angabe: heute",
    all: "Alle",
    reset_filters: "Filter zurücksetzen",

    open_ended: "offen",
    not_recorded: "nicht erfasst",
    name: "Name",
    kind: "Art",
    status: "Status",
    official_key: "Amtlicher Schlüssel",
    short_name: "Kurzname",
    contract: "Vertrag",
    service: "Leistung",
    organisation: "Organisation",
    workstations: "Arbeitsplätze",
    users: "Nutzer",
    from: "Von",
    until: "Bis",
    running: "läuft",
    ended: "beendet",
    upcoming: "künftig",
    founding_member: "Gründungsmitglied",
    source: "Quelle",
    in_days: "in {n} Tagen",
    today: "heute",

    dash_title: "Übersicht",
    dash_as_of: "Stand: {date}",
    stats_title: "Zahlen heute",
    stat_members: "Mitglieder heute",
    stat_workstations: "Arbeitsplätze",
    stat_workstations_hint: "Summe der erfassten Leistungen",
    stat_services: "Leistungen im Katalog",
    stat_applications: "Fachanwendungen im Katalog",
    figures_title: "Kennzahlen des Dienstleisters",
    figures_intro: "Angaben von {name} laut Quelle, mit Datum der Angabe.",
    deadlines_title: "Fristen in den nächsten 90 Tagen",
    deadlines_intro: "Verträge, die bis zum {date} enden oder bis dahin gekündigt werden müssten.",
    deadlines_empty: "In den nächsten 90 Tagen endet kein Vertrag, und keine Kündigungsfrist läuft ab.",
    deadlines_caption: "Verträge mit Fristen bis zum {date}",
    reason: "Frist",
    reason_ends: "Vertrag endet",
    reason_notice: "Kündigungsfrist",
    due_on: "Fällig am",
    timeline_title: "Mitglieder im Zeitverlauf",
    timeline_intro: "Wer seit wann Mitglied ist, von {from} bis heute.",
    timeline_empty: "Im Register ist noch keine Mitgliedschaft erfasst.",
    timeline_label: "Zeitstrahl der Mitgliedschaften",
    later_member: "Später beigetreten",
    joined_on: "Mitglied seit {date}",

    members_title: "Mitglieder",
    members_intro: "Die Träger des Dienstleisters an einem Stichtag.",
    members_caption: "{n} Mitglieder am {date}",
    members_empty: "Für diesen Stichtag und diese Filter gibt es keine Mitglieder.",
    member_since: "Mitglied seit",
    member_on: "Mitglied am {date}",
    no_member_on: "Kein Mitglied am {date}",
    back_to_members: "Alle Mitglieder",
    memberships_title: "Mitgliedschaft",
    memberships_empty: "Keine Mitgliedschaft erfasst.",
    milestones: "Meilensteine",
    council_decision: "Beschluss der Vertretung",
    contract_signed: "Vertrag unterzeichnet",
    legal_effect: "Rechtswirksam",
    it_takeover: "IT-Übernahme",
    joined: "Beitritt",
    left: "Austritt",
    capital_share: "Anteil am Stammkapital",
    seats: "Sitze im Verwaltungsrat",
    belongs_to: "Gehört zu",
    member_contracts_empty: "Keine Verträge erfasst.",
    coverage_title: "Leistungen",
    coverage_empty: "Keine Leistungen erfasst.",
    units_title: "Einheiten",
    units_empty: "Keine Einheiten (Eigenbetriebe, Unternehmen) erfasst.",
    people_title: "Personen",
    people_empty: "Keine Personen erfasst.",
    role: "Funktion",
    figures_org_title: "Kennzahlen",
    metric: "Kennzahl",
    value: "Wert",
    figure_date: "Stand",
    sources_title: "Quellen",
    sources_intro: "Woher die Angaben auf dieser Seite stammen. Öffentliche Quellen weichen teils voneinander ab.",
    sources_empty: "Für diese Angaben ist keine Quelle erfasst.",
    published: "Veröffentlicht",
    publisher: "Herausgeber",
    note: "Anmerkung",

    contracts_title: "Verträge",
    contracts_intro: "Verträge mit ihrem Status und ihren Fristen am Stichtag. Fristen in den nächsten 90 Tagen sind hervorgehoben.",
    contracts_caption: "{n} Verträge am {date}",
    contracts_empty: "Kein Vertrag passt zu diesen Filtern.",
    number: "Nr.",
    title: "Titel",
    parties: "Parteien",
    effective_from: "In Kraft ab",
    term_ends: "Laufzeit endet",
    notice_by: "Kündigung bis",
    back_to_contracts: "Alle Verträge",
    parties_title: "Vertragsparteien",
    terms_title: "Laufzeit und Kündigung",
    signed_on: "Unterzeichnet am",
    ends_on: "Endet am",
    notice_given_on: "Gekündigt am",
    ended_on: "Einvernehmlich beendet am",
    initial_term: "Erste Laufzeit",
    months: "{n} Monate",
    until_date: "bis {date}",
    indefinite: "unbefristet",
    renewal: "Verlängerung",
    renewal_none: "keine",
    renewal_tacit: "stillschweigend um je {n} Monate",
    renewal_express: "nur durch ausdrückliche Vereinbarung",
    notice_period: "Kündigungsfrist",
    no_notice_period: "keine",
    deadlines_contract_title: "Fristen am Stichtag",
    current_term_ends: "Laufende Laufzeit endet am",
    notice_deadline: "Kündigung muss eingehen bis",
    next_notice: "Eine Kündigung bis {deadline} beendet den Vertrag zum {ends}.",
    no_deadline: "Keine Kündigungsfrist zu beachten.",
    contract_memberships_title: "Mitgliedschaften auf Grund dieses Vertrags",
    contract_memberships_empty: "Auf diesem Vertrag beruht keine Mitgliedschaft.",
    contract_coverage_title: "Leistungen unter diesem Vertrag",
    contract_coverage_empty: "Unter diesem Vertrag sind keine Leistungen erfasst.",
    role_provider: "Dienstleister",
    role_member: "Mitglied",
    role_founder: "Gründer",
    role_partner: "Partner",

    services_title: "Leistungskatalog",
    services_intro: "Die Leistungen des Dienstleisters und wie viele sie am Stichtag erhalten.",
    services_caption: "{n} Leistungen, Empfänger am {date}",
    services_empty: "Keine Leistung passt zu diesen Filtern.",
    code: "Kennung",
    category: "Kategorie",
    vendor: "Hersteller",
    recipients: "Empfänger",
    back_to_services: "Alle Leistungen",
    description: "Beschreibung",
    recipients_title: "Empfänger am Stichtag",
    recipients_empty: "Am Stichtag erhält niemand diese Leistung.",
    history_title: "Verlauf",

    matrix_title: "Leistungsmatrix",
    matrix_intro: "Welche Organisation welche Leistung am Stichtag erhält, mit der Zahl der Arbeitsplätze.",
    matrix_caption: "Arbeitsplätze je Organisation und Leistung am {date}",
    matrix_empty: "Am Stichtag erhält keine Organisation eine Leistung.",
    matrix_legend: "Zahl: Arbeitsplätze. ✓: erhält die Leistung, Arbeitsplätze nicht erfasst. Leer: erhält sie nicht.",
    matrix_received: "erhält die Leistung, Arbeitsplätze nicht erfasst",
    matrix_total: "Summe",
    csv_export: "CSV exportieren",
    csv_file: "leistungsmatrix",
    csv_received: "x",

    metric_staff: "Beschäftigte",
    metric_workstations: "Arbeitsplätze",
    metric_applications: "Fachanwendungen",
    qualifier_more_than: "über",
    qualifier_about: "etwa",

    // Signing in and out.
    login_title: "Anmelden",
    login_intro: "Das Register ist nur für angemeldete Mitarbeiterinnen und Mitarbeiter zugänglich.",
    password: "Passwort",
    login_submit: "Anmelden",
    login_wrong: "Name oder Passwort ist falsch.",
    login_wait: "Zu viele Fehlversuche. Bitte warten Sie {n} Sekunden.",
    login_missing: "Bitte geben Sie Name und Passwort ein.",
    logout: "Abmelden",
    signed_in_as: "Angemeldet als",
    err_signed_out: "Sie sind nicht (mehr) angemeldet.",
    err_conflict: "Der Eintrag wurde inzwischen geändert.",
    err_rate_limited: "Zu viele Versuche. Bitte warten Sie kurz.",

    // Forms.
    save: "Speichern",
    form_saved: "Die Änderung wurde gespeichert.",
    form_invalid: "Bitte prüfen Sie die markierten Eingaben.",
    form_conflict: "Jemand hat diesen Eintrag geändert, seit Sie ihn geöffnet haben. Ihre Änderung wurde nicht gespeichert. Laden Sie den aktuellen Stand und tragen Sie Ihre Änderung erneut ein.",
    form_reload: "Aktuellen Stand laden",
    none_chosen: "– keine Angabe –",
    edit_contract: "Vertrag bearbeiten",
    initial_term_months: "Erstlaufzeit in Monaten",
    initial_term_until: "Erstlaufzeit bis",
    renewal_months: "Verlängerung in Monaten",
    notice_months: "Kündigungsfrist in Monaten",
    notice_to: "Kündigung zum",
    give_notice: "Kündigung erfassen",
    given_on: "Kündigung zugegangen am",
    end_contract: "Vertrag beenden",
    edit_organisation: "Organisation bearbeiten",
    leave_membership: "Austritt erfassen",
    last_day: "Letzter Tag der Mitgliedschaft",
    edit_service: "Leistung bearbeiten",
    create: "Anlegen",
    new_organisation: "Neues Mitglied / neue Organisation",
    join_membership: "Beitritt erfassen",
    first_day: "Erster Tag der Mitgliedschaft",
    new_contract: "Neuer Vertrag",
    party_fields: [
        "Partei 1",
        "Funktion von Partei 1",
        "Partei 2",
        "Funktion von Partei 2",
        "Partei 3 (optional)",
        "Funktion von Partei 3",
    ],
    new_service: "Neue Leistung",
    changes_title: "Änderungen",
    changes_empty: "Für diesen Eintrag sind keine Änderungen erfasst.",
    changes_created: "angelegt",

    // Administration.
    nav_admin: "Verwaltung",
    nav_users: "Konten",
    nav_tokens: "Partner-Token",
    nav_audit: "Änderungsprotokoll",
    users_intro: "Konten der Mitarbeiterinnen und Mitarbeiter. Rollenwechsel, Sperren und neue Passwörter beenden die Sitzungen des Kontos.",
    create_user: "Konto anlegen",
    disabled: "gesperrt",
    active: "aktiv",
    disable: "Sperren",
    enable: "Entsperren",
    set_password: "Neues Passwort setzen",
    new_password: "Neues Passwort",
    change_role: "Rolle ändern",
    created_at: "Angelegt",
    tokens_intro: "Token für Partnersysteme: nur lesend, mit Rechten und Ablaufdatum.",
    create_token: "Token erstellen",
    scopes: "Rechte",
    token_member: "Nur für das Mitglied",
    token_all_members: "alle Mitglieder",
    token_days: "Gültig für Tage (1 bis 366)",
    token_once: "Der neue Token – er wird nur jetzt angezeigt. Kopieren Sie ihn jetzt und geben Sie ihn sicher weiter:",
    token_prefix: "Anfang",
    expires_at: "Läuft ab",
    last_used: "Zuletzt benutzt",
    revoke: "Widerrufen",
    revoked: "widerrufen oder abgelaufen",
    tokens_empty: "Es gibt noch keine Partner-Token.",
    audit_intro: "Jede Änderung am Register, neueste zuerst.",
    record_type: "Datensatztyp",
    actor: "Wer",
    operation: "Vorgang",
    at: "Wann",
    changed: "Geändert",
    audit_empty: "Keine Änderungen zu diesen Filtern.",
    apply_filters: "Filtern",
    newer: "Neuere",
    older: "Ältere",
};

/// English.
pub static EN: Texts = Texts {
    app_name: "Verbund",
    app_tagline: "Register of members, contracts and services",
    skip_link: "Skip to content",
    nav_label: "Main navigation",
    nav_dashboard: "Overview",
    nav_members: "Members",
    nav_contracts: "Contracts",
    nav_services: "Services",
    nav_coverage: "Coverage matrix",
    nav_graphiql: "GraphiQL (API)",
    language: "Language",
    footer: "Verbund – register of the municipal IT service provider. Facts from public sources; each names its source.",

    loading: "Loading data …",
    error_title: "The data could not be loaded.",
    retry: "Try again",
    err_network: "The server cannot be reached. Please check the network connection.",
    err_timeout: "The server did not answer within 15 seconds. Please try again in a moment.",
    err_not_found: "The record was not found.",
    err_bad_input: "The server rejected the request. Please check what you entered, such as the date.",
    err_forbidden: "You are not allowed to see this information.",
    err_server: "The server ran into an error. It has been logged; please try again later.",
    err_response: "The server's answer does not match this version of the app. Please reload the page.",
    err_other: "The server reported an error.",
    err_detail: "Server message",
    not_found_title: "Page not found",
    not_found_text: "There is no page at this address. Perhaps the link was copied incompletely.",
    record_not_found: "The register has no such record. Perhaps the link was copied incompletely.",
    to_dashboard: "Go to the overview",
    shown_of: "Showing {shown} of {total} entries. Please narrow the search.",

    filters: "Filters",
    search: "Search",
    as_of: "As of",
    as_of_hint: "Empty: today",
    all: "All",
    reset_filters: "Reset filters",

    open_ended: "open",
    not_recorded: "not recorded",
    name: "Name",
    kind: "Kind",
    status: "Status",
    official_key: "Official key",
    short_name: "Short name",
    contract: "Contract",
    service: "Service",
    organisation: "Organisation",
    workstations: "Workstations",
    users: "Users",
    from: "From",
    until: "Until",
    running: "running",
    ended: "ended",
    upcoming: "upcoming",
    founding_member: "Founding member",
    source: "Source",
    in_days: "in {n} days",
    today: "today",

    dash_title: "Overview",
    dash_as_of: "As of {date}",
    stats_title: "Figures today",
    stat_members: "Members today",
    stat_workstations: "Workstations",
    stat_workstations_hint: "Sum of the recorded services",
    stat_services: "Services in the catalogue",
    stat_applications: "Specialist applications in the catalogue",
    figures_title: "Key figures of the provider",
    figures_intro: "Figures of {name} as reported by a source, with the date they describe.",
    deadlines_title: "Deadlines in the next 90 days",
    deadlines_intro: "Contracts that end by {date}, or for which notice would have to be given by then.",
    deadlines_empty: "No contract ends in the next 90 days, and no notice period runs out.",
    deadlines_caption: "Contracts with deadlines until {date}",
    reason: "Deadline",
    reason_ends: "Contract ends",
    reason_notice: "Notice deadline",
    due_on: "Due on",
    timeline_title: "Membership timeline",
    timeline_intro: "Who has been a member since when, from {from} until today.",
    timeline_empty: "The register holds no memberships yet.",
    timeline_label: "Timeline of memberships",
    later_member: "Joined later",
    joined_on: "Member since {date}",

    members_title: "Members",
    members_intro: "The provider's members (Träger) on a given date.",
    members_caption: "{n} members on {date}",
    members_empty: "No members match this date and these filters.",
    member_since: "Member since",
    member_on: "Member on {date}",
    no_member_on: "Not a member on {date}",
    back_to_members: "All members",
    memberships_title: "Membership",
    memberships_empty: "No membership recorded.",
    milestones: "Milestones",
    council_decision: "Council decision",
    contract_signed: "Contract signed",
    legal_effect: "Legal effect",
    it_takeover: "IT take-over",
    joined: "Joined",
    left: "Left",
    capital_share: "Share of the capital",
    seats: "Seats on the board",
    belongs_to: "Belongs to",
    member_contracts_empty: "No contracts recorded.",
    coverage_title: "Services",
    coverage_empty: "No services recorded.",
    units_title: "Units",
    units_empty: "No units (municipal enterprises, companies) recorded.",
    people_title: "People",
    people_empty: "No people recorded.",
    role: "Role",
    figures_org_title: "Key figures",
    metric: "Figure",
    value: "Value",
    figure_date: "As of",
    sources_title: "Sources",
    sources_intro: "Where the facts on this page come from. Public sources sometimes disagree.",
    sources_empty: "No source is recorded for these facts.",
    published: "Published",
    publisher: "Publisher",
    note: "Note",

    contracts_title: "Contracts",
    contracts_intro: "Contracts with their status and deadlines on the chosen date. Deadlines in the next 90 days are highlighted.",
    contracts_caption: "{n} contracts on {date}",
    contracts_empty: "No contract matches these filters.",
    number: "No.",
    title: "Title",
    parties: "Parties",
    effective_from: "In force from",
    term_ends: "Term ends",
    notice_by: "Notice by",
    back_to_contracts: "All contracts",
    parties_title: "Parties",
    terms_title: "Term and notice",
    signed_on: "Signed on",
    ends_on: "Ends on",
    notice_given_on: "Notice given on",
    ended_on: "Ended by agreement on",
    initial_term: "Initial term",
    months: "{n} months",
    until_date: "until {date}",
    indefinite: "indefinite",
    renewal: "Renewal",
    renewal_none: "none",
    renewal_tacit: "tacitly, by {n} months each time",
    renewal_express: "only by express agreement",
    notice_period: "Notice period",
    no_notice_period: "none",
    deadlines_contract_title: "Deadlines on the chosen date",
    current_term_ends: "Current term ends on",
    notice_deadline: "Notice must arrive by",
    next_notice: "Notice given by {deadline} ends the contract on {ends}.",
    no_deadline: "No notice deadline applies.",
    contract_memberships_title: "Memberships based on this contract",
    contract_memberships_empty: "No membership rests on this contract.",
    contract_coverage_title: "Services delivered under this contract",
    contract_coverage_empty: "No services are recorded under this contract.",
    role_provider: "Provider",
    role_member: "Member",
    role_founder: "Founder",
    role_partner: "Partner",

    services_title: "Service catalogue",
    services_intro: "The provider's services and how many receive them on the chosen date.",
    services_caption: "{n} services, recipients on {date}",
    services_empty: "No service matches these filters.",
    code: "Code",
    category: "Category",
    vendor: "Vendor",
    recipients: "Recipients",
    back_to_services: "All services",
    description: "Description",
    recipients_title: "Recipients on the chosen date",
    recipients_empty: "Nobody receives this service on the chosen date.",
    history_title: "History",

    matrix_title: "Coverage matrix",
    matrix_intro: "Which organisation receives which service on the chosen date, with the number of workstations.",
    matrix_caption: "Workstations per organisation and service on {date}",
    matrix_empty: "No organisation receives a service on the chosen date.",
    matrix_legend: "Number: workstations. ✓: receives the service, workstations not recorded. Empty: does not receive it.",
    matrix_received: "receives the service, workstations not recorded",
    matrix_total: "Total",
    csv_export: "Export CSV",
    csv_file: "coverage-matrix",
    csv_received: "x",

    metric_staff: "Staff",
    metric_workstations: "Workstations",
    metric_applications: "Specialist applications",
    qualifier_more_than: "more than",
    qualifier_about: "about",

    // Signing in and out.
    login_title: "Sign in",
    login_intro: "The register is open to signed-in staff only.",
    password: "Password",
    login_submit: "Sign in",
    login_wrong: "The name or the password is wrong.",
    login_wait: "Too many failed attempts. Please wait {n} seconds.",
    login_missing: "Please enter your name and password.",
    logout: "Sign out",
    signed_in_as: "Signed in as",
    err_signed_out: "You are not signed in (any more).",
    err_conflict: "The record was changed meanwhile.",
    err_rate_limited: "Too many attempts. Please wait a moment.",

    // Forms.
    save: "Save",
    form_saved: "The change was saved.",
    form_invalid: "Please check the marked inputs.",
    form_conflict: "Someone changed this record since you opened it. Your change was not saved. Reload the current state and enter your change again.",
    form_reload: "Reload the current state",
    none_chosen: "– none –",
    edit_contract: "Edit contract",
    initial_term_months: "Initial term in months",
    initial_term_until: "Initial term until",
    renewal_months: "Renewal in months",
    notice_months: "Notice period in months",
    notice_to: "Notice to",
    give_notice: "Record notice",
    given_on: "Notice given on",
    end_contract: "End contract",
    edit_organisation: "Edit organisation",
    leave_membership: "Record leaving",
    last_day: "Last day of membership",
    edit_service: "Edit service",
    create: "Create",
    new_organisation: "New member / organisation",
    join_membership: "Record joining",
    first_day: "First day of membership",
    new_contract: "New contract",
    party_fields: [
        "Party 1",
        "Role of party 1",
        "Party 2",
        "Role of party 2",
        "Party 3 (optional)",
        "Role of party 3",
    ],
    new_service: "New service",
    changes_title: "Changes",
    changes_empty: "No changes are recorded for this record.",
    changes_created: "created",

    // Administration.
    nav_admin: "Administration",
    nav_users: "Accounts",
    nav_tokens: "Partner tokens",
    nav_audit: "Audit log",
    users_intro: "Staff accounts. Changing the role, disabling and a new password end the account's sessions.",
    create_user: "Create account",
    disabled: "disabled",
    active: "active",
    disable: "Disable",
    enable: "Enable",
    set_password: "Set new password",
    new_password: "New password",
    change_role: "Change role",
    created_at: "Created",
    tokens_intro: "Tokens for partner systems: read-only, with scopes and an expiry.",
    create_token: "Create token",
    scopes: "Scopes",
    token_member: "Only for the member",
    token_all_members: "all members",
    token_days: "Valid for days (1 to 366)",
    token_once: "The new token – shown only now. Copy it now and pass it on safely:",
    token_prefix: "Prefix",
    expires_at: "Expires",
    last_used: "Last used",
    revoke: "Revoke",
    revoked: "revoked or expired",
    tokens_empty: "There are no partner tokens yet.",
    audit_intro: "Every change to the register, newest first.",
    record_type: "Record type",
    actor: "Who",
    operation: "Operation",
    at: "When",
    changed: "Changed",
    audit_empty: "No changes match these filters.",
    apply_filters: "Filter",
    newer: "Newer",
    older: "Older",
};

/// The table of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::De => &DE,
        Lang::En => &EN,
    }
}

/// Fills the `{name}` placeholders of `template`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_owned();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

impl Texts {
    /// What to tell the user about `error`.
    pub fn error(&self, error: &ApiError) -> &'static str {
        match error {
            ApiError::Network | ApiError::Aborted => self.err_network,
            ApiError::Timeout => self.err_timeout,
            ApiError::NotFound => self.err_not_found,
            ApiError::BadInput(_) | ApiError::Fields(_) => self.err_bad_input,
            ApiError::Forbidden => self.err_forbidden,
            ApiError::SignedOut => self.err_signed_out,
            ApiError::Conflict => self.err_conflict,
            ApiError::RateLimited(_) => self.err_rate_limited,
            ApiError::Server => self.err_server,
            ApiError::InvalidResponse => self.err_response,
            ApiError::Other(_) => self.err_other,
        }
    }

    /// A party's role in a contract; unknown roles are shown as recorded.
    pub fn party_role(&self, role: &str) -> String {
        match role {
            "PROVIDER" => self.role_provider.to_owned(),
            "MEMBER" => self.role_member.to_owned(),
            "FOUNDER" => self.role_founder.to_owned(),
            "PARTNER" => self.role_partner.to_owned(),
            other => other.to_owned(),
        }
    }

    /// What a key figure counts.
    pub fn metric(&self, metric: &str) -> &'static str {
        match metric {
            "STAFF" => self.metric_staff,
            "WORKSTATIONS" => self.metric_workstations,
            "SPECIALIST_APPLICATIONS" => self.metric_applications,
            _ => self.not_recorded,
        }
    }

    /// The words before a figure's value ("über 3.000").
    pub fn qualifier(&self, qualifier: &str) -> Option<&'static str> {
        match qualifier {
            "MORE_THAN" => Some(self.qualifier_more_than),
            "ABOUT" => Some(self.qualifier_about),
            _ => None,
        }
    }

    /// How a contract renews.
    pub fn renewal(&self, renewal: &str, months: Option<i64>) -> String {
        match renewal {
            "TACIT" => fill(
                self.renewal_tacit,
                &[(
                    "n",
                    &months.map_or_else(|| "?".to_owned(), |m| m.to_string()),
                )],
            ),
            "EXPRESS" => self.renewal_express.to_owned(),
            _ => self.renewal_none.to_owned(),
        }
    }
}

/// The chosen language, shared by every component through the context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The language now. Pages read it once: the app builds them anew when it changes.
    pub fn lang(self) -> Lang {
        self.lang.get_untracked()
    }

    /// The texts of the language now (see [`I18n::lang`]).
    pub fn t(self) -> &'static Texts {
        texts(self.lang())
    }

    /// The language, read so that the reactive closure reading it runs again when it
    /// changes: for the frame around the pages, which stays.
    pub fn lang_tracked(self) -> Lang {
        self.lang.get()
    }

    /// The texts of the language, read as [`I18n::lang_tracked`] reads it.
    pub fn t_tracked(self) -> &'static Texts {
        texts(self.lang_tracked())
    }

    /// Switches the language.
    pub fn set(self, lang: Lang) {
        self.lang.set(lang);
    }
}

/// Starts with the language kept from the last visit (German when there is none), keeps
/// `<html lang>` and the stored choice in step with it, and shares it with every component.
pub fn provide_i18n() -> I18n {
    let stored = storage()
        .and_then(|storage| storage.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|code| code.parse().ok())
        .unwrap_or_default();
    let i18n = I18n {
        lang: RwSignal::new(stored),
    };
    Effect::new(move || {
        let lang = i18n.lang_tracked();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.as_str());
        }
        if let Some(storage) = storage() {
            // A full or forbidden storage only costs the choice on the next visit.
            let _ = storage.set_item(STORAGE_KEY, lang.as_str());
        }
    });
    provide_context(i18n);
    i18n
}

/// The language of the app; only inside [`provide_i18n`]'s tree.
pub fn use_i18n() -> I18n {
    use_context().unwrap_or(I18n {
        lang: RwSignal::new(Lang::De),
    })
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            fill(DE.members_caption, &[("n", "6"), ("date", "01.01.2019")]),
            "6 Mitglieder am 01.01.2019"
        );
        assert_eq!(fill(EN.in_days, &[("n", "3")]), "in 3 days");
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        let pairs = [
            (DE.shown_of, EN.shown_of),
            (DE.members_caption, EN.members_caption),
            (DE.contracts_caption, EN.contracts_caption),
            (DE.next_notice, EN.next_notice),
            (DE.deadlines_intro, EN.deadlines_intro),
            (DE.renewal_tacit, EN.renewal_tacit),
            (DE.figures_intro, EN.figures_intro),
        ];
        let holes = |s: &str| {
            let mut names: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
                .collect();
            names.sort();
            names
        };
        for (de, en) in pairs {
            assert_eq!(holes(de), holes(en), "{de} / {en}");
        }
    }
}
