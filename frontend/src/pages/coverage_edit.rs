//! The coverage forms on the member page: record that the organisation receives a service
//! (chosen from the catalogue, its facts from one of the register's sources), and for each coverage change its counts or record its last
//! day, next to its changes. Editors and admins only; the page reloads after a change.

use std::rc::Rc;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use verbund_shared::{access::Role, drafts::CoverageDraft};
use web_sys::Element;

use crate::{
    api::{Read, read::obj},
    auth::allowed,
    components::history::{keeping_open, with_changes},
    dom::{
        Asking, CONTRACTS, Check, SERVICES, SOURCES, Values, day_form, disclosure, drafted, edit,
        el, ends_after, field, form, mount, search, update_form,
    },
    format::{self, parse_iso},
    i18n::{fill, use_i18n},
};

/// A `CoverageInput`: `input` with the counts of the form, checked as the server will for a
/// coverage from `starts` (unknown when its input was refused) to `ends`.
fn coverage_input(
    v: &Values,
    check: &mut Check,
    (starts, ends): (Option<NaiveDate>, Option<NaiveDate>),
    mut input: Vec<(&'static str, Value)>,
) -> Value {
    let workstations = v.number(check, "workstations");
    let users = v.number(check, "users");
    if let Some(starts_on) = starts {
        let draft = CoverageDraft {
            organisation: (),
            service: (),
            contract: None,
            starts_on,
            ends_on: ends,
            workstations,
            users,
            source: None,
        };
        drafted(check, draft.check().err());
    }
    input.extend([
        ("workstations", Value::from(workstations)),
        ("users", Value::from(users)),
    ]);
    obj(input)
}

/// The coverage forms of organisation `org`; nothing for viewers.
pub fn coverage_forms(org: &Value, reload: &Rc<dyn Fn()>) -> Option<AnyView> {
    if !allowed(Role::Editor) {
        return None;
    }
    let i18n = use_i18n();
    let (t, lang) = (i18n.t(), i18n.lang());
    let new = new_coverage(&org.text("id"), reload);
    let all = el("div", "edit-forms");
    let _ = all.append_child(&disclosure(t.new_coverage, &new));
    for (i, c) in org["coverages"].list("nodes").iter().enumerate() {
        let summary = fill(
            t.coverage_change,
            &[
                ("service", c["service"].str("name")),
                ("date", &format::date_text(lang, c.str("startsOn"))),
            ],
        );
        let _ = all.append_child(&change_coverage(org, c, (i, &summary), reload));
    }
    Some(mount(all))
}

/// The form that records that the organisation `org_id` receives a service of the
/// catalogue, under one of the contracts it is party to, its facts from one of the
/// register's sources, each searched.
fn new_coverage(org_id: &str, reload: &Rc<dyn Fn()>) -> Element {
    let t = use_i18n().t();
    let party = Asking::of(&CONTRACTS).of_party(org_id);
    let org_id = Value::from(org_id);
    form(
        "new-coverage",
        vec![
            search(
                "serviceId",
                t.service,
                Asking::of(&SERVICES),
                Default::default(),
            ),
            search("contractId", t.contract, party, Default::default()),
            field("startsOn", t.coverage_first_day, "date", ""),
            field("endsOn", t.coverage_last_day, "date", ""),
            field("workstations", t.workstations, "number", ""),
            field("users", t.users, "number", ""),
            search(
                "sourceId",
                t.source,
                Asking::of(&SOURCES),
                Default::default(),
            ),
        ],
        t.create,
        edit(
            "CreateCoverage",
            Box::new(move |v, check| {
                if v.get("serviceId").is_empty() {
                    check.fail("serviceId", v.t().check_service_missing);
                }
                let days = (v.required_date(check, "startsOn"), v.date(check, "endsOn"));
                let input = vec![
                    ("organisationId", org_id.clone()),
                    ("serviceId", Value::from(v.get("serviceId"))),
                    ("contractId", v.opt("contractId")),
                    ("startsOn", v.opt("startsOn")),
                    ("endsOn", v.opt("endsOn")),
                    ("sourceId", v.opt("sourceId")),
                ];
                obj(vec![("input", coverage_input(v, check, days, input))])
            }),
        ),
        {
            let reload = reload.clone();
            Rc::new(move |data: Value| keeping_open(data["createCoverage"].str("id"), &reload)())
        },
        reload.clone(),
    )
}

/// The forms of coverage `c` of `org`, the `index`th of the page, under `summary`: its
/// counts, its last day (while it has none), and its changes, loaded when first opened (open
/// at once when a form of it was sent before the page reloaded).
fn change_coverage(
    org: &Value,
    c: &Value,
    (index, summary): (usize, &str),
    reload: &Rc<dyn Fn()>,
) -> Element {
    let t = use_i18n().t();
    let (id, version) = (c.text("id"), c.int("version"));
    let reload = &keeping_open(&id, reload);
    let count = |key: &str| c.int(key).map(|n| n.to_string()).unwrap_or_default();
    let days = (parse_iso(c.str("startsOn")), parse_iso(c.str("endsOn")));
    let input = vec![
        ("organisationId", Value::from(org.str("id"))),
        ("serviceId", Value::from(c["service"].str("id"))),
        ("contractId", given_id(c, "contract")),
        ("startsOn", Value::from(c.str("startsOn"))),
        ("endsOn", Value::from(c.opt("endsOn"))),
        ("sourceId", given_id(c, "source")),
    ];
    let all = el("div", "");
    let counts = update_form(
        &format!("coverage-{index}"),
        "UpdateCoverage",
        (id.clone(), version),
        vec![
            field(
                "workstations",
                t.workstations,
                "number",
                &count("workstations"),
            ),
            field("users", t.users, "number", &count("users")),
        ],
        Box::new(move |v, check| coverage_input(v, check, days, input.clone())),
        reload,
    );
    let _ = all.append_child(&counts);
    if c.opt("endsOn").is_none() {
        let end = day_form(
            (&format!("coverage-end-{index}"), "EndCoverage"),
            (id.clone(), version),
            ("endsOn", t.coverage_last_day),
            t.end_coverage,
            // A coverage ends after it began.
            ends_after("endsOn", days.0),
            reload,
        );
        let _ = all.append_child(&end);
    }
    with_changes(summary, &all, id)
}

/// The ID of the object `key` of `c`, or null when there is none.
fn given_id(c: &Value, key: &str) -> Value {
    Value::from(c.obj(key).map(|o| o.text("id")))
}
