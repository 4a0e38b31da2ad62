//! The frames the list pages and the detail pages share: what is loaded and how, and the
//! parts around the page's own table or sections.

use std::rc::Rc;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde_json::Value;
use web_sys::Element;

use verbund_shared::Lang;

use crate::{
    api::{
        Loaded, NodeOf, Read, load, load_node,
        read::{given, obj},
    },
    components::{
        export::export_links,
        filters::{as_of_field, search_field},
        pager::{PageAt, pager},
        parts::link,
        states::{detail_heading, empty, record_not_found, render},
        table::{Caption, Column, Row, data_table},
        title::set_title,
        url_query::{UrlQuery, encode, use_record_id, use_url_query},
    },
    dom::{el, intro, mount, set, status_region, text},
    format,
    i18n::{Texts, fill, use_i18n},
    live::{list_notice, record_notice},
};

/// A list page: a title, a lead with the form for a new record, filters kept in the URL
/// and the list on the date asked about, as a table with a row per record.
pub struct ListPage {
    /// The page's heading and title.
    pub title: &'static str,
    /// The lead under the heading.
    pub lead: &'static str,
    /// The form for a new record, if the user may add one.
    pub create: fn() -> Option<(&'static str, Element)>,
    /// Another page on the same records (its address and the link's text), shown for the
    /// same date.
    pub see_also: Option<(&'static str, &'static str)>,
    /// The query document and its operation's name.
    pub query: (&'static str, &'static str),
    /// The query's `filter` entries for the URL query now; those without a value are left out.
    pub filter: fn(UrlQuery) -> Vec<(&'static str, Value)>,
    /// The ids of the search box and of the date field.
    pub ids: (&'static str, &'static str),
    /// The page's select fields, between the search box and the date field.
    pub selects: fn() -> AnyView,
    /// The page's own address, where the filters start over.
    pub path: &'static str,
    /// The record types whose changes the list shows (`recordType` of the live feed).
    pub live: &'static [&'static str],
    /// The list's export (`members`, ...), and whether it takes the date (`asOf`).
    pub export: (&'static str, bool),
    /// How the answer is shown.
    pub table: ListTable,
}

/// How a list page shows its answer: a table with a row per record, its caption saying how
/// many there are on which date, or a text saying there are none.
pub struct ListTable {
    /// The connection in the answer that holds the list (`members`, ...).
    pub list: &'static str,
    /// The table's caption, with the placeholders `{n}` (how many) and `{date}`.
    pub caption: &'static str,
    /// What the page says when the list is empty.
    pub empty: &'static str,
    /// The table's columns.
    pub columns: Vec<Column>,
    /// A record's row on the date.
    pub row: fn(&Value, &Shown) -> Row,
}

/// What a list's rows or a record are shown for: the language, its texts and the date.
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub t: &'static Texts,
    pub lang: Lang,
    pub as_of: NaiveDate,
}

/// Shows list page `p`.
pub fn list_page(p: ListPage) -> AnyView {
    let i18n = use_i18n();
    set_title(p.title);
    let query = use_url_query();
    let as_of = move || query.as_of();
    let filter = p.filter;
    let at = move || PageAt::of(query);
    let data = load(p.query.0, p.query.1, move || {
        let filter = given(filter(query));
        let at = at();
        obj(vec![
            ("asOf", Value::from(format::iso(as_of()))),
            ("filter", filter),
            ("first", Value::from(at.size)),
            ("offset", Value::from(at.offset())),
        ])
    });
    let table = p.table;
    let (export, dated) = p.export;
    let changed = list_notice(p.live, Rc::new(move || data.retry()));
    let exported = move || {
        let mut params = filter(query);
        if dated {
            params.push(("asOf", Value::from(format::iso(as_of()))));
        }
        params
    };
    view! {
        <h1>{p.title}</h1>
        {intro(p.lead, (p.create)())}
        {p.see_also.map(|(path, label)| see_also(query, path, label))}
        <form class="filters" role="search" aria-label=i18n.t().filters on:submit=|ev| ev.prevent_default()>
            {search_field(p.ids.0, "q")}
            {(p.selects)()}
            {as_of_field(p.ids.1)}
            <p class="filters-reset">
                <a href=p.path>{i18n.t().reset_filters}</a>
            </p>
        </form>
        {export_links(export, exported)}
        {changed}
        {render(data, move |d| table.show(d, as_of(), untrack(at)))}
    }
    .into_any()
}

/// A note with a link to `path` on the list's date, which follows the date as it changes.
fn see_also(query: UrlQuery, path: &'static str, label: &'static str) -> AnyView {
    let note = el("p", "note");
    let a = text(&note, "a", label);
    Effect::new(move || {
        let to = match query.get("asOf") {
            Some(day) => format!("{path}?asOf={}", encode(&day)),
            None => path.to_owned(),
        };
        set(&a, "href", &to);
    });
    mount(note)
}

impl ListTable {
    /// The records of answer `d` on `as_of` (page `at` of the list), with their total and
    /// the pager, or that there are none.
    fn show(&self, d: &Value, as_of: NaiveDate, at: PageAt) -> AnyView {
        let i18n = use_i18n();
        let (t, lang) = (i18n.t(), i18n.lang());
        let list = &d[self.list];
        let nodes = list.list("nodes");
        let total = list.int("totalCount").unwrap_or_default();
        if nodes.is_empty() {
            // A page beyond the end of a list that has records: the pager leads back.
            return match pager(at, 0, total) {
                Some(pager) if total > 0 => pager,
                _ => empty(self.empty).into_any(),
            };
        }
        let shown = Shown { t, lang, as_of };
        let rows = nodes.iter().map(|r| (self.row)(r, &shown)).collect();
        let caption = fill(
            self.caption,
            &[
                ("n", &format::number(lang, total)),
                ("date", &format::date(lang, as_of)),
            ],
        );
        view! {
            {data_table(Caption::Shown(caption), &self.columns, rows, None, "")}
            {pager(at, nodes.len(), total)}
        }
        .into_any()
    }
}

/// What a detail page shows of its record: the lead under the heading, then its parts
/// (facts, forms, sections).
pub struct Detail {
    pub lead: AnyView,
    pub parts: Vec<AnyView>,
}

/// Shows a record: from the record, the language and date it is shown for, and a way to
/// load the record again.
pub type Sections = fn(&Value, &Shown, Rc<dyn Fn()>) -> Detail;

/// A detail page: a way back to the list, the record's name as heading, the region edits
/// report in, and the record on the date asked about: its lead, the date to change, its parts.
pub struct DetailPage {
    /// The list's address and the link's text.
    pub back: (&'static str, &'static str),
    /// The query document, its operation's name and the record's type.
    pub query: (&'static str, &'static str, &'static str),
    /// The field that names the record, and the heading while there is none.
    pub heading: (&'static str, &'static str),
    /// The id of the date field; none (empty) for a record that is the same on every date.
    pub as_of_id: &'static str,
    /// The record's sections.
    pub page: Sections,
}

/// Shows detail page `p`.
pub fn detail_page(p: &DetailPage) -> AnyView {
    let query = use_url_query();
    let id = use_record_id();
    let as_of = move || query.as_of();
    let data = load_node(p.query.0, p.query.1, p.query.2, move || {
        obj(vec![
            ("id", Value::from(id())),
            ("asOf", Value::from(format::iso(as_of()))),
        ])
    });
    let reload = move || data.retry();
    let shown_version = move || {
        data.with(|d| match d {
            Loaded::Ready(NodeOf(Some(record))) => record.int("version"),
            _ => None,
        })
    };
    let changed = record_notice(id, shown_version, Rc::new(reload));
    let (page, as_of_id) = (p.page, p.as_of_id);
    let i18n = use_i18n();
    view! {
        <p class="breadcrumb">{link(p.back.0.to_owned(), p.back.1)}</p>
        {detail_heading(data, p.heading.0, p.heading.1)}
        {status_region()}
        {changed}
        {render(data, move |d| match &d.0 {
            Some(record) => {
                let shown = Shown {
                    t: i18n.t(),
                    lang: i18n.lang(),
                    as_of: as_of(),
                };
                let Detail { lead, parts } = page(record, &shown, Rc::new(reload));
                view! {
                    <p class="lead">{lead}</p>
                    {(!as_of_id.is_empty()).then(|| view! {
                        <form class="filters filters-compact" on:submit=|ev| ev.prevent_default()>
                            {as_of_field(as_of_id)}
                        </form>
                    })}
                    {parts}
                }
                .into_any()
            }
            None => record_not_found(),
        })}
    }
    .into_any()
}
