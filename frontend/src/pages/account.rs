//! `/account`: the signed-in account. Who it is (name and role), the address the deadline
//! desk mails reminders to (`setEmail`), and the personal calendar feed of the open
//! deadlines: whether there is one and since when, making it (or a new address: the old one
//! stops working), its address shown once with a button that copies it, and revoking it
//! after a question. The page loads once; each change updates what it changed.

use std::rc::Rc;

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::{
    api::{
        ops::ACCOUNT,
        read::{Read, obj},
    },
    auth::account,
    components::title::set_title,
    dom::{
        Send, add, button, el, field, fill_with, focus, form, invoke, mount, prop, say, send, set,
        status_region, text, titled,
    },
    format::date_time,
    i18n::{Texts, fill, use_i18n},
};

/// The account page.
#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_i18n().t();
    let a = t.account;
    set_title(a.title);
    let target = el("div", "");
    fill_with(
        target.clone(),
        ACCOUNT,
        "Account",
        Value::Null,
        Rc::new(move |d| sections(t, &d["me"])),
    );
    view! {
        <h1>{a.title}</h1>
        <p class="lead">{a.intro}</p>
        {status_region()}
        {mount(target)}
    }
}

/// The page's three sections, from the `me` of the answer.
fn sections(t: &'static Texts, me: &Value) -> Element {
    let all = el("div", "");
    let _ = all.append_child(&who(t));
    let _ = all.append_child(&email(t, me.opt("email")));
    let created = me.obj("calendarFeed").map(|f| f.text("createdAt"));
    let _ = all.append_child(&feed(t, created));
    all
}

/// Name and role of the signed-in account.
fn who(t: &'static Texts) -> Element {
    let a = t.account;
    let lang = use_i18n().lang();
    let list = el("dl", "facts");
    if let Some((name, role)) = account() {
        for (term, value) in [(a.name, name.as_str()), (a.role, role.label(lang))] {
            let pair = add(&list, "div", "fact");
            text(&pair, "dt", term);
            text(&pair, "dd", value);
        }
    }
    titled(a.who, "account-who-heading", list)
}

/// The address reminders are mailed to, and the form that sets or removes it.
fn email(t: &'static Texts, current: Option<String>) -> Element {
    let a = t.account;
    let content = el("div", "");
    text(&content, "p", a.email_intro);
    let now = add(&content, "p", "");
    set(&now, "id", "account-email-now");
    let say_now = move |address: Option<&str>| {
        now.set_text_content(Some(&address.map_or_else(
            || a.email_none.to_owned(),
            |email| fill(a.email_now, &[("email", email)]),
        )));
    };
    say_now(current.as_deref());
    let done: Rc<dyn Fn(Value)> = Rc::new(move |d| say_now(d["setEmail"].opt("email").as_deref()));
    let fields = vec![field(
        "email",
        a.email_label,
        "email",
        current.as_deref().unwrap_or_default(),
    )];
    let set_email = form(
        "account",
        fields,
        a.email_submit,
        Box::new(|v, _| Send {
            document: ACCOUNT,
            operation: "SetEmail",
            variables: obj(vec![("email", Value::from(v.get("email")))]),
        }),
        done,
        Rc::new(|| {}),
    );
    let _ = content.append_child(&set_email);
    titled(a.email, "account-email-heading", content)
}

/// The calendar feed: what there is, the address once it is made, and the buttons.
fn feed(t: &'static Texts, created: Option<String>) -> Element {
    let content = el("div", "");
    text(&content, "p", t.account.feed_intro);
    // The address made last; it stays until the feed is revoked or the page is left.
    let once = add(&content, "div", "");
    let state = add(&content, "div", "");
    feed_state(t, &state, &once, created.as_deref());
    titled(t.account.feed, "account-feed-heading", content)
}

/// Draws into `state` whether there is a feed (made at `created`) and the buttons that make
/// a new address or revoke it; a new address is shown in `once`.
fn feed_state(t: &'static Texts, state: &Element, once: &Element, created: Option<&str>) {
    let a = t.account;
    state.set_text_content(None);
    let p = text(
        state,
        "p",
        &created.map_or_else(
            || a.feed_none.to_owned(),
            |at| fill(a.feed_since, &[("at", &date_time(at))]),
        ),
    );
    set(&p, "id", "account-feed-state");
    if created.is_some() {
        text(state, "p", a.feed_renew_hint).set_class_name("muted");
    }
    let actions = add(state, "p", "feed-actions");
    let (s, o) = (state.clone(), once.clone());
    let label = if created.is_some() {
        a.feed_renew
    } else {
        a.feed_create
    };
    button(
        &actions,
        label,
        Box::new(move || {
            let (s, o) = (s.clone(), o.clone());
            send(
                ACCOUNT,
                "CreateCalendarFeed",
                Value::Null,
                Box::new(move |answer| match answer {
                    Ok(d) => {
                        let made = &d["createCalendarFeed"];
                        show_address(t, &o, made.str("url"));
                        feed_state(t, &s, &o, Some(made.str("createdAt")));
                    }
                    Err(error) => say(t, t.error(&error), "field-error", None),
                }),
            );
        }),
    );
    if created.is_some() {
        let _ = actions.append_with_str_1(" ");
        let (s, o) = (state.clone(), once.clone());
        let ask = actions.clone();
        button(
            &actions,
            a.feed_revoke,
            Box::new(move || confirm_revoke(t, &ask, &s, &o)),
        );
    }
}

/// Asks below `actions` whether to revoke the feed; yes revokes it and redraws `state`.
fn confirm_revoke(t: &'static Texts, actions: &Element, state: &Element, once: &Element) {
    let a = t.account;
    if let Some(open) = state.query_selector(".confirm").ok().flatten() {
        open.remove();
    }
    let question = el("div", "callout confirm");
    set(&question, "role", "group");
    set(&question, "aria-labelledby", "account-revoke-ask");
    set(
        &text(&question, "p", a.feed_revoke_ask),
        "id",
        "account-revoke-ask",
    );
    let buttons = add(&question, "p", "");
    let (s, o, q) = (state.clone(), once.clone(), question.clone());
    let yes = button(
        &buttons,
        a.feed_revoke_yes,
        Box::new(move || {
            let (s, o, q) = (s.clone(), o.clone(), q.clone());
            send(
                ACCOUNT,
                "RevokeCalendarFeed",
                Value::Null,
                Box::new(move |answer| match answer {
                    Ok(_) => {
                        q.remove();
                        o.set_text_content(None);
                        feed_state(t, &s, &o, None);
                        say(t, a.feed_revoked, "callout", None);
                    }
                    Err(error) => say(t, t.error(&error), "field-error", None),
                }),
            );
        }),
    );
    let _ = buttons.append_with_str_1(" ");
    let (q, back) = (question.clone(), actions.clone());
    button(
        &buttons,
        a.feed_revoke_no,
        Box::new(move || {
            q.remove();
            if let Some(first) = back.first_element_child() {
                focus(&first);
            }
        }),
    );
    let _ = actions.after_with_node_1(&question);
    focus(&yes);
}

/// Shows the feed's address `url` in `once` (made absolute, for the calendar program) with
/// the button that copies it.
fn show_address(t: &'static Texts, once: &Element, url: &str) {
    let a = t.account;
    let address = if url.starts_with('/') {
        let origin = window().location().origin().unwrap_or_default();
        format!("{origin}{url}")
    } else {
        url.to_owned()
    };
    once.set_text_content(None);
    let note = add(once, "div", "callout token-once");
    set(&note, "role", "group");
    set(&note, "aria-label", a.feed_secret);
    text(&note, "p", a.feed_once);
    let wrap = add(&note, "p", "field feed-address");
    let label = text(&wrap, "label", a.feed_address);
    set(&label, "for", "account-feed-address");
    let input = add(&wrap, "input", "");
    set(&input, "id", "account-feed-address");
    set(&input, "type", "text");
    set(&input, "readonly", "");
    set(&input, "value", &address);
    focus(&input);
    let copy = add(&note, "p", "");
    button(
        &copy,
        a.feed_copy,
        Box::new(move || copy_address(t, &input)),
    );
}

/// Copies what `input` holds to the clipboard and says whether it worked; where it does not
/// (no clipboard, refused), the text is selected for copying by hand.
fn copy_address(t: &'static Texts, input: &Element) {
    let a = t.account;
    let failed = {
        let input = input.clone();
        move || {
            focus(&input);
            invoke(&input, "select", &[]);
            say(t, a.feed_copy_failed, "field-error", None);
        }
    };
    let navigator = js_sys::Reflect::get(&window(), &"navigator".into()).ok();
    let clipboard = navigator
        .and_then(|n| js_sys::Reflect::get(&n, &"clipboard".into()).ok())
        .filter(|c| c.is_object());
    let Some(clipboard) = clipboard else {
        failed();
        return;
    };
    let promise = invoke(&clipboard, "writeText", &[prop(input, "value")]);
    let Ok(promise) = promise.dyn_into::<js_sys::Promise>() else {
        failed();
        return;
    };
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => say(t, a.feed_copied, "callout", None),
            Err(_) => failed(),
        }
    });
}
