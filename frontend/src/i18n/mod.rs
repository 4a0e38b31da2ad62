//! Every text the app shows, in German (the default) and English: one table type, [`Texts`],
//! with one value per language, each language in a file of its own ([`de`], [`en`]). Each is a
//! `Texts` literal, so a text missing in a language fails the build. The labels of domain enums
//! (organisation kinds, contract kinds and statuses, service categories) come from
//! `verbund_shared`; this module adds what only the app says.
//!
//! The chosen language ([`context`]) is kept in `localStorage` and set as `<html lang>`; what
//! the app says about the API's codes (errors, roles, figures) is in [`codes`].

mod account;
mod codes;
mod context;
mod de;
mod desk;
mod en;
mod import;
mod pager;
mod people;
mod refusals;
mod search;
mod tree;

use verbund_shared::Lang;

pub use account::AccountTexts;
pub use context::{provide_i18n, use_i18n};
pub use de::DE;
pub use desk::DeskTexts;
pub use en::EN;
pub use import::ImportTexts;
pub use pager::PagerTexts;
pub use people::PeopleTexts;
pub use refusals::RefusalTexts;
pub use search::SearchTexts;
pub use tree::TreeTexts;

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
    pub err_busy: &'static str,
    pub err_unsupported: &'static str,
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
    /// The banner while the register holds sample data.
    pub samples_title: &'static str,
    pub samples_text: &'static str,
    /// A date field's placeholder: how a day is written.
    pub day_placeholder: &'static str,
    /// The name of a date field's calendar button (beside the field, which names the day).
    pub day_calendar: &'static str,
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
    pub accessed: &'static str,
    pub publisher: &'static str,
    pub note: &'static str,

    // Contracts.
    pub contracts_title: &'static str,
    pub contracts_intro: &'static str,
    pub contracts_caption: &'static str,
    pub contracts_empty: &'static str,
    pub number: &'static str,
    pub file_reference: &'static str,
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
    pub decision_period: &'static str,
    pub decision_period_value: &'static str,
    pub renewals_title: &'static str,
    pub renewals_empty: &'static str,
    pub renewed_on: &'static str,
    pub renewed_term: &'static str,
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
    pub export_csv: &'static str,
    pub export_json: &'static str,
    pub print_report: &'static str,
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
    /// The summary of a record's delete form.
    pub delete: &'static str,
    /// Its confirming button.
    pub delete_confirm: &'static str,
    /// What deleting a contract, an organisation, a service, a source means.
    pub delete_contract_lead: &'static str,
    pub delete_organisation_lead: &'static str,
    pub delete_service_lead: &'static str,
    pub delete_source_lead: &'static str,
    /// The summary of a source's edit form.
    pub edit_source: &'static str,
    /// Said on the list page once the record (`{name}`) is deleted.
    pub deleted: &'static str,
    pub form_invalid: &'static str,
    pub form_conflict: &'static str,
    pub form_reload: &'static str,
    /// Someone else changed the record shown: `{name}` and `{time}`.
    pub live_changed_by: &'static str,
    /// The record shown was changed by a partner system at `{time}`.
    pub live_changed: &'static str,
    /// A list's records changed since it was loaded.
    pub live_list: &'static str,
    pub live_reload: &'static str,
    pub check_day: &'static str,
    pub check_day_missing: &'static str,
    pub check_number: &'static str,
    pub check_party_missing: &'static str,
    pub check_party_twice: &'static str,
    pub check_scope: &'static str,
    pub check_token_days: &'static str,
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
    pub decision_months: &'static str,
    pub record_renewal: &'static str,
    pub renewal_term_months: &'static str,
    pub renewal_term_until: &'static str,
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
    pub new_coverage: &'static str,
    /// The summary of a coverage's forms: `{service}` and its first day `{date}`.
    pub coverage_change: &'static str,
    pub coverage_first_day: &'static str,
    pub coverage_last_day: &'static str,
    pub end_coverage: &'static str,
    pub check_service_missing: &'static str,
    pub add_party: &'static str,
    pub change_party_role: &'static str,
    pub combo_placeholder: &'static str,
    pub combo_none: &'static str,
    pub combo_untaken: &'static str,
    pub remove_party: &'static str,
    pub add: &'static str,
    pub remove: &'static str,
    pub change_membership: &'static str,
    pub check_amount: &'static str,
    pub parent_link: &'static str,
    pub parent_link_by_kind: &'static str,
    pub new_source: &'static str,
    pub url: &'static str,
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
    pub nav_operations: &'static str,
    pub operations_intro: &'static str,
    pub operations_empty: &'static str,
    pub operation_hash: &'static str,
    pub operation_document: &'static str,
    pub operation_registered: &'static str,
    pub register_operation: &'static str,
    pub delete_operation_ask: &'static str,
    pub delete_yes: &'static str,
    pub delete_no: &'static str,
    pub operation_unparsed: &'static str,
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

    // The deadline desk and the inbox.
    pub desk: &'static DeskTexts,
    // The pager under the lists.
    pub pager: &'static PagerTexts,

    // The account page.
    pub account: &'static AccountTexts,

    // The forms of an organisation's people and key figures.
    pub people: &'static PeopleTexts,
    // The import page.
    pub import: &'static ImportTexts,

    // What the server alone refuses, said in the app's language.
    pub refusals: &'static RefusalTexts,
    // The search in the header and its results page.
    pub site_search: &'static SearchTexts,
    // The organisation tree and a member's totals with and without its units.
    pub tree: &'static TreeTexts,
}

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

#[cfg(test)]
mod tests;
