//! The frame of every page: skip link, header with the navigation and the language switch,
//! the main region and the footer.

use leptos::{html, prelude::*};
use verbund_shared::{Lang, access::Role};

use crate::{
    api::ops::AUTH,
    auth::{account, sample_data, signed_out, state},
    components::search::search_box,
    dom::{add, button, el, mount, send, set, text},
    i18n::{Texts, use_i18n},
    pages::desk,
    router::{is_current, use_location},
};

/// Wraps the page in the frame. After a navigation, focus moves to the main region so that
/// keyboard and screen reader users start reading the new page, not the old link.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let main_ref = NodeRef::<html::Main>::new();
    let pathname = use_location().pathname;
    Effect::watch(
        move || pathname.get(),
        move |path, _, _| {
            if let Some(main) = main_ref.get_untracked() {
                let _ = main.focus();
            }
            // The inbox loads the count with its entries; the live socket says every change.
            if !desk::on_inbox(path) && !crate::live::unread_followed() {
                desk::refresh_unread();
            }
        },
        false,
    );
    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main_ref.get_untracked() {
            let _ = main.focus();
            main.scroll_into_view();
        }
    };

    // Few, larger reactive blocks rather than one per text: each costs code of its own.
    let brand = move || {
        let t = i18n.t_tracked();
        view! {
            <a class="brand" href="/">
                <span class="brand-name">{t.app_name}</span>
                <span class="brand-tagline">{t.app_tagline}</span>
            </a>
        }
    };
    // A link of the navigation, marked `aria-current="page"` while its page is shown.
    let link = move |href: &'static str, label: &'static str, exact: bool| {
        let current = move || {
            pathname
                .with(|p| is_current(p, href, exact))
                .then_some("page")
        };
        view! { <a href=href aria-current=current>{label}</a> }
    };
    let nav = move || {
        let t = i18n.t_tracked();
        view! {
            <nav class="site-nav" aria-label=t.nav_label>
                <ul>
                    <li>{link("/", t.nav_dashboard, true)}</li>
                    <li>{link("/members", t.nav_members, false)}</li>
                    <li>{link("/organisations/tree", t.tree.title, false)}</li>
                    <li>{link("/contracts", t.nav_contracts, false)}</li>
                    <li>{link("/desk", t.desk.nav_desk, false)}</li>
                    <li>{link("/services", t.nav_services, false)}</li>
                    <li>{link("/coverage", t.nav_coverage, false)}</li>
                    <li class="nav-external">
                        <a href="/graphiql" rel="external">{t.nav_graphiql}</a>
                    </li>
                </ul>
            </nav>
        }
    };

    view! {
        <a class="skip-link" href="#main" on:click=skip>{move || i18n.t_tracked().skip_link}</a>
        <header class="site-header">
            <div class="header-bar">
                {brand}
                {move || {
                    state().track();
                    account_bar(i18n.t_tracked(), i18n.lang_tracked())
                }}
                <LanguageSwitch/>
            </div>
            {nav}
        </header>
        {move || {
            state().track();
            sample_data().then(|| {
                let t = i18n.t_tracked();
                view! {
                    <p class="sample-banner" role="note">
                        <strong>{t.samples_title}</strong>
                        " "
                        {t.samples_text}
                    </p>
                }
            })
        }}
        <main id="main" class="site-main" tabindex="-1" node_ref=main_ref>
            {children()}
        </main>
        <footer class="site-footer">
            <p>{move || i18n.t_tracked().footer}</p>
        </footer>
    }
}

/// For a signed-in user: the search box, who is signed in, a button to sign out and, for
/// admins, the administration pages.
fn account_bar(t: &'static Texts, lang: Lang) -> Option<AnyView> {
    let (name, role) = account()?;
    let tools = el("div", "header-tools");
    let _ = tools.append_child(&search_box(t, lang));
    let bar = add(&tools, "div", "account");
    let who = text(&bar, "span", &format!("{} ", t.signed_in_as));
    // The name leads to the account page.
    let link = add(&who, "a", "account-link");
    set(&link, "href", "/account");
    text(&link, "strong", &name);
    who.append_with_str_1(&format!(" ({})", role.label(lang)))
        .ok()?;
    desk::inbox_link(&bar, t);
    // Signed out either way: a failed request leaves no usable session behind.
    button(
        &bar,
        t.logout,
        Box::new(|| {
            send(
                AUTH,
                "Logout",
                serde_json::Value::Null,
                Box::new(|_| signed_out()),
            )
        }),
    );
    // Editors import; admins also reach the administration pages.
    if role.includes(Role::Editor) {
        let nav = add(&bar, "nav", "admin-nav");
        set(&nav, "aria-label", t.nav_admin);
        let list = add(&nav, "ul", "");
        let admin = [
            ("/admin/users", t.nav_users),
            ("/admin/tokens", t.nav_tokens),
            ("/admin/operations", t.nav_operations),
            ("/admin/audit", t.nav_audit),
        ];
        let admin = if role.includes(Role::Admin) {
            &admin[..]
        } else {
            &[]
        };
        for (href, label) in [("/import", t.import.nav)].iter().chain(admin) {
            set(&text(&add(&list, "li", ""), "a", label), "href", href);
        }
    }
    Some(mount(tools))
}

/// Two buttons, each named in its own language; the pressed one is the current language.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let button = move |lang: Lang, name: &'static str| {
        view! {
            <button
                type="button"
                lang=lang.as_str()
                aria-pressed=move || if i18n.lang_tracked() == lang { "true" } else { "false" }
                on:click=move |_| i18n.set(lang)
            >
                {name}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || i18n.t_tracked().language>
            {button(Lang::De, "Deutsch")}
            {button(Lang::En, "English")}
        </div>
    }
}
