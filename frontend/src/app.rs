//! The app: language, address and the page for each address.

use leptos::prelude::*;

use crate::{
    auth::{CHECKING, SIGNED_OUT, provide_session},
    components::{shell::Shell, states::loading},
    i18n::provide_i18n,
    pages::{
        account::AccountPage,
        admin::AdminPage,
        contract::ContractPage,
        contracts::ContractsPage,
        coverage::CoveragePage,
        dashboard::DashboardPage,
        desk::{DeskPage, InboxPage},
        import::import_page,
        login::LoginPage,
        member::MemberPage,
        members::MembersPage,
        not_found::NotFoundPage,
        search::search_page,
        service::ServicePage,
        services::ServicesPage,
        source::SourcePage,
        tree::TreePage,
    },
    router::provide_location,
};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let state = provide_session();
    let pathname = provide_location().pathname;
    view! {
        <Shell>
            // Pages are built anew when the language or the path changes, so their texts need
            // not each follow the language on their own; filters live in the URL and stay.
            {move || {
                i18n.lang_tracked();
                match state.get() {
                    CHECKING => loading().into_any(),
                    SIGNED_OUT => view! { <LoginPage/> }.into_any(),
                    _ => pathname.with(|path| untrack(|| page(path))),
                }
            }}
        </Shell>
    }
}

/// The page at `path`.
fn page(path: &str) -> AnyView {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        [""] => DashboardPage().into_any(),
        ["members"] => MembersPage().into_any(),
        ["members", _] => MemberPage().into_any(),
        ["organisations", "tree"] => TreePage().into_any(),
        ["contracts"] => ContractsPage().into_any(),
        ["contracts", _] => ContractPage().into_any(),
        ["services"] => ServicesPage().into_any(),
        ["services", _] => ServicePage().into_any(),
        ["sources", _] => SourcePage().into_any(),
        ["coverage"] => CoveragePage().into_any(),
        ["search"] => search_page(),
        ["desk"] => DeskPage().into_any(),
        ["inbox"] => InboxPage().into_any(),
        ["account"] => AccountPage().into_any(),
        ["import"] => import_page(),
        ["admin", _] => AdminPage().into_any(),
        _ => NotFoundPage().into_any(),
    }
}
