//! The app: language, router and the page for each address.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::{
    auth::{CHECKING, SIGNED_OUT, provide_session},
    components::{shell::Shell, states::loading},
    i18n::provide_i18n,
    pages::{
        admin::AdminPage, contract::ContractPage, contracts::ContractsPage, coverage::CoveragePage,
        dashboard::DashboardPage, login::LoginPage, member::MemberPage, members::MembersPage,
        not_found::NotFoundPage, service::ServicePage, services::ServicesPage,
    },
};

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    let i18n = provide_i18n();
    let state = provide_session();
    view! {
        <Router>
            <Shell>
                // Pages are built anew when the language changes, so their texts need not
                // each follow the language on their own; filters live in the URL and stay.
                {move || {
                    i18n.lang_tracked();
                    match state.get() {
                        CHECKING => return loading().into_any(),
                        SIGNED_OUT => return view! { <LoginPage/> }.into_any(),
                        _ => {}
                    }
                    view! {
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=DashboardPage/>
                    <Route path=path!("/members") view=MembersPage/>
                    <Route path=path!("/members/:id") view=MemberPage/>
                    <Route path=path!("/contracts") view=ContractsPage/>
                    <Route path=path!("/contracts/:id") view=ContractPage/>
                    <Route path=path!("/services") view=ServicesPage/>
                    <Route path=path!("/services/:id") view=ServicePage/>
                    <Route path=path!("/coverage") view=CoveragePage/>
                    <Route path=path!("/admin/:section") view=AdminPage/>
                </Routes>
                    }
                    .into_any()
                }}
            </Shell>
        </Router>
    }
}
