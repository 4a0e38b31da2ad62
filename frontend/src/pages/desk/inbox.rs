//! `/inbox`: the reminders that reached the signed-in account, newest first, each linking to
//! its contract, marked read one by one or all at once; and the header's link to it with the
//! number of unread entries.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::contract::DeadlineKind;
use web_sys::Element;

use super::holding;
use crate::{
    api::{
        ops::INBOX,
        read::{Read, obj},
    },
    auth::{SIGNED_IN, state},
    components::{parts::href, title::set_title},
    dom::{
        Send, action_button, add, cell, el, fill_reloading, mount, send, set, status_region, table,
        text,
    },
    format,
    i18n::{Texts, fill, use_i18n},
    router::is_current,
};

/// The id of the header's link to the inbox.
const LINK: &str = "inbox-link";

/// Adds the link to the inbox to `parent` (the header's account bar) and loads its count,
/// unless the inbox is shown: it loads the count with its entries.
pub fn inbox_link(parent: &Element, t: &'static Texts) {
    // Drawn with a stand-in for the count, so that the header keeps its height when the
    // count arrives.
    let link = text(parent, "a", &fill(t.desk.inbox_unread, &[("n", "…")]));
    set(&link, "id", LINK);
    link.set_class_name("inbox-link");
    set(&link, "href", "/inbox");
    let path = window().location().pathname().unwrap_or_default();
    if !on_inbox(&path) {
        refresh_unread();
    }
    follow_unread(t);
}

/// Whether `path` is the inbox's.
pub fn on_inbox(path: &str) -> bool {
    is_current(path, "/inbox", true)
}

/// Asks the server again how many inbox entries are unread and says it in the header; not
/// while nobody is signed in.
pub fn refresh_unread() {
    if state().get_untracked() != SIGNED_IN {
        return;
    }
    let t = use_i18n().t();
    send(
        INBOX,
        "Unread",
        Value::Null,
        Box::new(move |answer| {
            show_unread(t, answer.ok().and_then(|d| d["me"].int("unreadCount")));
        }),
    );
}

/// Keeps the header's unread count current while the tab is signed in: the desk's
/// subscription says the count with every change to the account's inbox.
fn follow_unread(t: &'static Texts) {
    if state().get_untracked() != SIGNED_IN {
        return;
    }
    crate::live::follow_unread(
        Rc::new(move |n| show_unread(t, Some(n))),
        Rc::new(refresh_unread),
    );
}

/// Says in the header's link that `n` entries are unread (just its name when unknown).
fn show_unread(t: &'static Texts, n: Option<i64>) {
    let Some(link) = document().get_element_by_id(LINK) else {
        return;
    };
    let label = n.map_or_else(
        || t.desk.inbox.to_owned(),
        |n| fill(t.desk.inbox_unread, &[("n", &n.to_string())]),
    );
    link.set_text_content(Some(&label));
}

/// The inbox.
#[component]
pub fn InboxPage() -> impl IntoView {
    let t = use_i18n().t();
    let d = t.desk;
    set_title(d.inbox);
    let target = el("div", "");
    fill_reloading(
        target.clone(),
        INBOX,
        "Inbox",
        Value::Null,
        Rc::new(move |data, reload| entries(t, data, reload)),
    );
    view! {
        <h1>{d.inbox}</h1>
        <p class="lead">{d.inbox_intro}</p>
        {status_region()}
        {mount(target)}
    }
}

/// A request that marks the entries `ids` read.
fn mark(ids: Vec<String>) -> Send {
    Send {
        document: INBOX,
        operation: "MarkRead",
        variables: obj(vec![("ids", Value::from(ids))]),
    }
}

/// The entries of answer `data`, with their buttons, and its count of unread entries in the
/// header; after a change both are loaded again.
fn entries(t: &'static Texts, data: &Value, reload: Rc<dyn Fn()>) -> Element {
    let (d, lang) = (t.desk, use_i18n().lang());
    let all = el("div", "");
    // The answer counts the unread entries too: the header says it without asking again.
    show_unread(t, data["me"].int("unreadCount"));
    let list = data["me"].list("inbox");
    if list.is_empty() {
        text(&all, "p", d.inbox_empty).set_class_name("state state-empty");
        return all;
    }
    let unread: Vec<String> = list
        .iter()
        .filter(|e| e.opt("readAt").is_none())
        .map(|e| e.text("id"))
        .collect();
    let summary = add(&all, "p", "");
    text(
        &summary,
        "span",
        &fill(d.inbox_unread, &[("n", &unread.len().to_string())]),
    );
    if !unread.is_empty() {
        let _ = summary.append_with_str_1(" ");
        action_button(
            t,
            &summary,
            d.mark_all_read,
            d.mark_all_read,
            Rc::new(move || mark(unread.clone())),
            reload.clone(),
        );
    }
    let rows = list
        .iter()
        .map(|e| {
            let deadline = &e["deadline"];
            let contract = &deadline["contract"];
            let link = el("td", "");
            set(
                &text(&link, "a", contract.str("title")),
                "href",
                &href("/contracts", contract.str("id")),
            );
            let read = e.opt("readAt").is_some();
            let state = cell(if read { d.read } else { d.unread });
            if !read {
                let id = e.text("id");
                action_button(
                    t,
                    &state,
                    d.mark_read,
                    &format!("{}: {}", d.mark_read, contract.str("title")),
                    Rc::new(move || mark(vec![id.clone()])),
                    reload.clone(),
                );
            }
            let mut late = format::date_text(lang, e["reminder"].str("dueOn"));
            if e["reminder"].flag("late") {
                late = format!("{late} ({})", d.late);
            }
            vec![
                cell(&format::date_time(e.str("createdAt"))),
                link,
                cell(deadline.label::<DeadlineKind>("kind", lang)),
                cell(&format::date_text(lang, deadline.str("day"))),
                cell(&format::date_text(lang, deadline.str("dayToAct"))),
                cell(&late),
                state,
            ]
        })
        .collect();
    let headers = [
        d.arrived,
        t.contract,
        t.kind,
        d.day,
        d.day_to_act,
        d.reminder_day,
        d.state,
    ];
    let _ = all.append_child(&holding("div", &table(d.inbox_caption, &headers, rows)));
    all
}
