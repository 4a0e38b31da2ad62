//! `/desk`: the deadline desk. Counters (deadlines within 7, 30 and 90 days, overdue ones,
//! contracts ended lately), then the deadlines, earliest day to act first, filtered by
//! window, state and owner (by the server) and by member and kind (in the page, on what was
//! loaded: the API has no such arguments); the filters live in the URL. Editors assign,
//! decide and snooze on each row ([`actions`]); viewers read. `/inbox` ([`inbox`]) lists the
//! reminders that reached the signed-in account; the contract page shows a contract's
//! reminders and decisions ([`contract`]).

mod actions;
mod contract;
mod inbox;
mod list;

use std::{cell::RefCell, rc::Rc};

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{
    Lang,
    access::Role,
    contract::{DeadlineKind, DeadlineState},
};
use web_sys::Element;

pub use contract::{decisions_section, reminder_days_form, reminders_section};
pub use inbox::{InboxPage, inbox_link, on_inbox, refresh_unread};

use crate::{
    api::{
        ops::{ADMIN, DESK, EDIT},
        read::{Read, choices, obj},
    },
    auth::{account_id, allowed},
    components::{
        export::report_link,
        filters::select_field,
        title::set_title,
        url_query::{UrlQuery, use_set_query, use_url_query},
    },
    dom::{add, el, fill_reloading, mount, on, prop, send, set, status_region, text},
    format,
    i18n::{texts, use_i18n},
};

/// The desk's last answer and the function that asks for it again.
type Loaded = (Value, Rc<dyn Fn()>);

/// The desk.
#[component]
pub fn DeskPage() -> impl IntoView {
    let t = use_i18n().t();
    let d = t.desk;
    set_title(d.title);
    let query = use_url_query();
    // One element, filled anew whenever the URL's filters change (a view rebuilt in place
    // would keep the old element and its content).
    let list = el("div", "");
    let staff = staff();
    // The server filters by window, state and owner (the list is paged); member and kind
    // narrow what was loaded, drawn again without asking the server.
    let asked = Memo::new(move |_| variables(query));
    let narrowed = Memo::new(move |_| (query.get("kind"), query.get("member")));
    let loaded: Rc<RefCell<Option<Loaded>>> = Rc::default();
    let picked = move |staff: Vec<(String, String)>| {
        let (kind, member) = narrowed.get_untracked();
        list::Picked {
            kind: kind.unwrap_or_default(),
            member: member.unwrap_or_default(),
            staff,
        }
    };
    {
        let (target, loaded) = (list.clone(), loaded.clone());
        Effect::new(move || {
            // An admin's desk waits for the accounts, so that its forms are drawn once.
            let Some(staff) = staff.get() else {
                return;
            };
            let loaded = loaded.clone();
            fill_reloading(
                target.clone(),
                DESK,
                "Desk",
                asked.get(),
                Rc::new(move |data, reload| {
                    *loaded.borrow_mut() = Some((data.clone(), reload.clone()));
                    list::show(data, &picked(staff.clone()), reload)
                }),
            );
        });
    }
    {
        let target = list.clone();
        Effect::new(move || {
            narrowed.track();
            let Some((data, reload)) = loaded.borrow().clone() else {
                return;
            };
            let staff = staff.get_untracked().unwrap_or_default();
            target.set_text_content(None);
            let _ = target.append_child(&list::show(&data, &picked(staff), reload));
        });
    }
    let note = (!allowed(Role::Editor)).then(|| view! { <p class="callout">{d.read_only}</p> });
    view! {
        <h1>{d.title}</h1>
        <p class="lead">{d.intro}</p>
        {note}
        {status_region()}
        <form class="filters" role="search" aria-label=t.filters on:submit=|ev| ev.prevent_default()>
            {select_field("desk-window", "window", |t| t.desk.window, windows)}
            {select_field("desk-state", "state", |t| t.desk.state, states)}
            {select_field("desk-owner", "owner", |t| t.desk.owner, owners)}
            {member_field()}
            {select_field("desk-kind", "kind", |t| t.kind, kinds)}
            <p class="filters-reset">
                <a href="/desk">{t.reset_filters}</a>
            </p>
        </form>
        {report_link(move || ("/report/deadlines.html".to_owned(), report_window(query)))}
        {mount(list)}
    }
}

/// The accounts that may own a deadline (active editors and admins), by ID and name, as
/// far as the signed-in account may list them: only admins may, and until their list is
/// there it is none; for others it is empty.
fn staff() -> RwSignal<Option<Vec<(String, String)>>> {
    let admin = allowed(Role::Admin);
    let staff = RwSignal::new((!admin).then(Vec::new));
    if admin {
        send(
            ADMIN,
            "Users",
            Value::Null,
            Box::new(move |answer| {
                // Without the list (refused, failed), the desk offers what others get.
                let data = answer.unwrap_or_default();
                let owners = data
                    .list("users")
                    .iter()
                    .filter(|u| u.str("role") != "VIEWER" && !u.flag("disabled"))
                    .map(|u| (u.text("id"), u.text("name")))
                    .collect();
                staff.try_set(Some(owners));
            }),
        );
    }
    staff
}

/// The server's filters from the URL: window, state and owner (`me`: the signed-in account).
fn variables(query: UrlQuery) -> Value {
    let window = query.get("window").and_then(|w| w.parse::<i64>().ok());
    let state = query
        .get("state")
        .filter(|s| states(Lang::En).iter().any(|(code, _)| code == s))
        .unwrap_or_else(|| "UNDECIDED".to_owned());
    let owner = query
        .get("owner")
        .filter(|o| o == "me")
        .map(|_| account_id());
    obj(vec![
        ("window", Value::from(window)),
        ("state", Value::from(state)),
        ("owner", Value::from(owner)),
    ])
}

/// The deadline report's window: from today to the end of the desk's window (the report's
/// own default without one).
fn report_window(query: UrlQuery) -> Vec<(&'static str, Value)> {
    let days = query.get("window").and_then(|w| w.parse::<u64>().ok());
    let to = days.map(|days| format::add_days(format::today(), days));
    vec![("to", Value::from(to.map(format::iso)))]
}

fn windows(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let d = texts(lang).desk;
    vec![("7", d.days7), ("30", d.days30), ("90", d.days90)]
}

fn states(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let d = texts(lang).desk;
    vec![
        ("UPCOMING", d.upcoming),
        ("OVERDUE", d.overdue),
        ("DECIDED", DeadlineState::Decided.label(lang)),
        ("SUPERSEDED", DeadlineState::Superseded.label(lang)),
    ]
}

fn owners(lang: Lang) -> Vec<(&'static str, &'static str)> {
    vec![("me", texts(lang).desk.mine)]
}

fn kinds(lang: Lang) -> Vec<(&'static str, &'static str)> {
    choices::<DeadlineKind>(lang)
}

/// The choice of a member (any organisation that is a party), its options loaded once.
fn member_field() -> AnyView {
    let i18n = use_i18n();
    let query = use_url_query();
    let set_query = use_set_query();
    let wrap = el("div", "field");
    let label = text(&wrap, "label", i18n.t().desk.member);
    set(&label, "for", "desk-member");
    let select = add(&wrap, "select", "");
    set(&select, "id", "desk-member");
    set(&text(&select, "option", i18n.t().all), "value", "");
    let current = untrack(move || query.get("member").unwrap_or_default());
    {
        let select = select.clone();
        on(
            &select.clone(),
            "change",
            Box::new(move |_| {
                set_query("member", prop(&select, "value").as_string());
            }),
        );
    }
    send(
        EDIT,
        "Organisations",
        Value::Null,
        Box::new(move |answer| {
            let data = answer.unwrap_or_default();
            for org in data["organisations"].list("nodes") {
                let id = org.str("id");
                let option = text(&select, "option", org.str("name"));
                set(&option, "value", id);
                if id == current {
                    set(&option, "selected", "");
                }
            }
        }),
    );
    mount(wrap)
}

/// An element holding `child`.
fn holding(tag: &str, child: &Element) -> Element {
    let e = el(tag, "");
    let _ = e.append_child(child);
    e
}
