//! The desk's counters and its table of deadlines, drawn with the app's DOM helpers.

use std::rc::Rc;

use serde_json::Value;
use verbund_shared::{
    access::Role,
    contract::{DeadlineKind, DeadlineState, Outcome},
};
use web_sys::Element;

use super::{actions, holding};
use crate::{
    api::read::Read,
    auth::allowed,
    components::parts::href,
    dom::{add, cell, el, set, table, text},
    format,
    i18n::{Texts, fill, use_i18n},
};

/// The filters the page applies itself (the API has none for them): kind and member; and
/// the staff accounts the page could list (for admins), to offer as owners.
#[derive(Debug, Clone)]
pub(super) struct Picked {
    pub kind: String,
    pub member: String,
    pub staff: Vec<(String, String)>,
}

impl Picked {
    /// Whether deadline `x` passes them.
    fn admits(&self, x: &Value) -> bool {
        let kind = self.kind.is_empty() || x.str("kind") == self.kind;
        let member = self.member.is_empty()
            || x["contract"]
                .list("parties")
                .iter()
                .any(|p| p["organisation"].str("id") == self.member);
        kind && member
    }
}

/// The counters and the deadlines of answer `data`; rows get `reload` for their forms.
pub(super) fn show(data: &Value, picked: &Picked, reload: Rc<dyn Fn()>) -> Element {
    let i18n = use_i18n();
    let t = i18n.t();
    let all = el("div", "");
    let _ = all.append_child(&counters(t, &data["deadlineCounts"]));

    let list = &data["deadlines"];
    let nodes: Vec<&Value> = list
        .list("nodes")
        .iter()
        .filter(|x| picked.admits(x))
        .collect();
    let heading = text(
        &all,
        "h2",
        &fill(t.desk.caption, &[("n", &nodes.len().to_string())]),
    );
    set(&heading, "id", "desk-list-heading");
    let total = list.int("totalCount").unwrap_or_default();
    let fetched = list.list("nodes").len();
    if usize::try_from(total).unwrap_or_default() > fetched {
        let shown = fill(
            t.shown_of,
            &[
                ("shown", &fetched.to_string()),
                ("total", &total.to_string()),
            ],
        );
        text(&all, "p", &shown).set_class_name("callout");
    }
    if nodes.is_empty() {
        text(&all, "p", t.desk.empty).set_class_name("state state-empty");
        return all;
    }
    let editor = allowed(Role::Editor);
    let owners = actions::owners(&picked.staff, list.list("nodes"));
    let rows = nodes
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let mut cells = row(t, x);
            if editor {
                let actions = actions::cell(t, x, i, &owners, &reload);
                cells.push(holding("td", &actions));
            }
            cells
        })
        .collect();
    let d = t.desk;
    let mut headers = vec![t.contract, t.kind, d.day, d.day_to_act, d.owner, d.state];
    if editor {
        headers.push(d.actions);
    }
    let _ = all.append_child(&table(d.title, &headers, rows));
    all
}

/// The five counters.
fn counters(t: &'static Texts, counts: &Value) -> Element {
    let d = t.desk;
    let section = el("section", "");
    set(&section, "aria-labelledby", "desk-counters-heading");
    let heading = text(&section, "h2", d.counters);
    set(&heading, "id", "desk-counters-heading");
    heading.set_class_name("visually-hidden");
    let list = add(&section, "dl", "stats");
    for (label, key) in [
        (d.within7, "within7"),
        (d.within30, "within30"),
        (d.within90, "within90"),
        (d.overdue_count, "overdue"),
        (d.ended30, "endedLast30"),
    ] {
        let stat = add(&list, "div", "stat");
        text(&stat, "dt", label);
        let value = add(&stat, "dd", "");
        text(
            &value,
            "span",
            &counts.int(key).unwrap_or_default().to_string(),
        )
        .set_class_name("stat-value");
    }
    section
}

/// A deadline's cells: contract, kind, day, day to act, owner, state.
fn row(t: &'static Texts, x: &Value) -> Vec<Element> {
    let lang = use_i18n().lang();
    let d = t.desk;
    let contract = &x["contract"];
    let link_cell = el("td", "");
    let link = text(&link_cell, "a", contract.str("title"));
    set(&link, "href", &href("/contracts", contract.str("id")));
    let (day, act) = (x.str("day"), x.str("dayToAct"));
    let act_cell = cell(&format::date_text(lang, act));
    if act != day {
        // The deadline falls on a weekend or holiday: say so beside the day to act.
        let _ = act_cell.append_with_str_1(" ");
        text(&act_cell, "span", &format!("({})", d.moved)).set_class_name("deadline-hint");
    }
    let owner = x
        .obj("owner")
        .map_or_else(|| d.nobody.to_owned(), |o| o.text("name"));
    let state_cell = el("td", "");
    if x.flag("overdue") {
        text(&state_cell, "strong", d.overdue).set_class_name("badge badge-ended");
    } else {
        state_cell.set_text_content(Some(x.label::<DeadlineState>("state", lang)));
    }
    if x.opt("outcome").is_some() {
        let by = x
            .obj("decidedBy")
            .map(|b| b.text("name"))
            .unwrap_or_default();
        let line = format!(
            ": {} ({by}, {})",
            x.label::<Outcome>("outcome", lang),
            format::date_time(x.str("decidedAt"))
        );
        let _ = state_cell.append_with_str_1(&line);
        if let Some(note) = x.opt("note") {
            text(&state_cell, "p", &note).set_class_name("muted");
        }
    }
    vec![
        link_cell,
        cell(x.label::<DeadlineKind>("kind", lang)),
        cell(&format::date_text(lang, day)),
        act_cell,
        cell(&owner),
        state_cell,
    ]
}
