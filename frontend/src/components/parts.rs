//! Small views several pages share: contract status badges, deadlines that need attention,
//! links to records and the list of sources.

use chrono::NaiveDate;
use leptos::prelude::*;
use verbund_shared::{Lang, contract::ContractStatus};

use serde_json::Value;

use crate::{
    api::Read,
    components::{
        states::empty,
        table::{Caption, Cell, Column, Row, col, data_table, num},
        url_query::encode,
    },
    format,
    i18n::{Texts, fill},
};

/// How many days ahead a deadline counts as "soon".
pub const SOON_DAYS: i64 = 90;

/// A contract's status as a coloured label; the colour only repeats what the text says.
pub fn status_badge(lang: Lang, status: Option<ContractStatus>) -> AnyView {
    let class = match status {
        Some(ContractStatus::Draft) | None => "badge badge-draft",
        Some(ContractStatus::Signed) => "badge badge-signed",
        Some(ContractStatus::InForce) => "badge badge-in-force",
        Some(ContractStatus::NoticeGiven) => "badge badge-notice",
        Some(ContractStatus::Ended) => "badge badge-ended",
    };
    let label = status.map_or(format::DASH, |s| s.label(lang));
    view! { <span class=class>{label}</span> }.into_any()
}

/// A deadline, marked when it falls within the next [`SOON_DAYS`] days.
pub fn deadline(lang: Lang, t: &'static Texts, date: Option<&String>, today: NaiveDate) -> AnyView {
    let Some(text) = date else {
        return view! { <span class="muted">{format::DASH}</span> }.into_any();
    };
    let shown = format::date_text(lang, text);
    let days = format::parse_iso(text).map(|d| format::days_between(today, d));
    match days {
        Some(days @ 0..=SOON_DAYS) => {
            let when = if days == 0 {
                t.today.to_owned()
            } else {
                fill(t.in_days, &[("n", &days.to_string())])
            };
            view! {
                <span class="deadline-soon">
                    <strong>{shown}</strong>
                    " "
                    <span class="deadline-hint">"(" {when} ")"</span>
                </span>
            }
            .into_any()
        }
        _ => view! { <span>{shown}</span> }.into_any(),
    }
}

/// Where a record's detail page is: `/members/<id>` etc., the ID encoded.
pub fn href(base: &str, id: &str) -> String {
    format!("{base}/{}", encode(id))
}

/// A link to a page of the app: a plain anchor, whose clicks the app's router takes.
pub fn link(href: String, text: &str) -> AnyView {
    let text = text.to_owned();
    view! { <a href=href>{text}</a> }.into_any()
}

/// A note with a link to another page of the app (built without a generic view).
pub fn note_link(href: &str, text: &str) -> AnyView {
    let p = crate::dom::el("p", "note");
    let a = crate::dom::text(&p, "a", text);
    crate::dom::set(&a, "href", href);
    crate::dom::mount(p)
}

/// A link to a member's (any organisation's) page.
pub fn org_link(id: &str, name: &str) -> AnyView {
    link(href("/members", id), name)
}

/// A link to a contract's page.
pub fn contract_link(id: &str, title: &str) -> AnyView {
    link(href("/contracts", id), title)
}

/// "läuft", "beendet" or "künftig": where a period (a coverage) stands on the date asked
/// about, given whether the API says it runs then.
pub fn period_state(
    t: &'static Texts,
    active: bool,
    starts_on: &str,
    as_of: NaiveDate,
) -> &'static str {
    if active {
        t.running
    } else if format::parse_iso(starts_on).is_some_and(|start| start > as_of) {
        t.upcoming
    } else {
        t.ended
    }
}

/// The names of a contract's parties, separated by commas.
pub fn party_names(contract: &Value) -> String {
    contract
        .list("parties")
        .iter()
        .map(|p| p["organisation"].str("name"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A table cell linking to a record of `base` (`/members`, ...).
pub fn link_cell(base: &str, id: &str, text: &str, note: Option<String>) -> Cell {
    Cell::Link {
        href: href(base, id),
        text: text.to_owned(),
        note,
    }
}

/// A table cell linking to the record `record` (an object with `id` and `name`) of `base`.
pub fn record_cell(base: &str, record: &Value) -> Cell {
    link_cell(base, record.str("id"), record.str("name"), None)
}

/// A cell with a date, or "open" where it has none.
pub fn end_cell(lang: Lang, t: &'static Texts, end: Option<&str>) -> Cell {
    Cell::Date(end.map_or_else(|| t.open_ended.to_owned(), |e| format::date_text(lang, e)))
}

/// A cell with an optional link to a contract, or a dash.
pub fn contract_cell(contract: Option<(&str, &str)>) -> Cell {
    match contract {
        Some((id, title)) => link_cell("/contracts", id, title, None),
        None => Cell::Text(format::DASH.to_owned()),
    }
}

/// The cells of a `Coverage` object from its start on: start, end, where it stands on
/// `as_of`, workstations and users.
pub fn period_cells(
    lang: Lang,
    t: &'static Texts,
    coverage: &Value,
    as_of: NaiveDate,
) -> [Cell; 5] {
    let starts_on = coverage.str("startsOn");
    [
        Cell::Date(format::date_text(lang, starts_on)),
        end_cell(lang, t, coverage.opt("endsOn").as_deref()),
        Cell::Text(period_state(t, coverage.flag("isActive"), starts_on, as_of).to_owned()),
        Cell::Num(format::opt_number(lang, coverage.int("workstations"))),
        Cell::Num(format::opt_number(lang, coverage.int("users"))),
    ]
}

/// A key figure's value (`KeyFigure` object) with its qualifier: "über 3.000".
pub fn figure_value(t: &'static Texts, lang: Lang, figure: &Value) -> String {
    let value = format::number(lang, figure.int("value").unwrap_or_default());
    match t.qualifier(figure.str("qualifier")) {
        Some(q) => format!("{q} {value}"),
        None => value,
    }
}

/// The heads of the columns [`period_cells`] fills.
pub fn period_columns(t: &'static Texts) -> [Column; 5] {
    [
        col(t.from),
        col(t.until),
        col(t.status),
        num(t.workstations),
        num(t.users),
    ]
}

/// A source of facts, whichever query brought it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    /// Its ID; its page is `/sources/{id}`.
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_on: Option<String>,
    pub accessed_on: Option<String>,
    pub note: Option<String>,
}

impl SourceInfo {
    /// A `Source` object of an answer.
    pub fn read(source: &Value) -> Self {
        Self {
            id: source.text("id"),
            title: source.text("title"),
            publisher: source.opt("publisher"),
            url: source.opt("url"),
            published_on: source.opt("publishedOn"),
            accessed_on: source.opt("accessedOn"),
            note: source.opt("note"),
        }
    }
}

/// The "Sources" section: each source once, in the order first met.
pub fn sources_section(lang: Lang, t: &'static Texts, sources: Vec<SourceInfo>) -> AnyView {
    let mut unique: Vec<SourceInfo> = Vec::new();
    for source in sources {
        if !unique.contains(&source) {
            unique.push(source);
        }
    }
    let body = if unique.is_empty() {
        view! { <p class="state state-empty">{t.sources_empty}</p> }.into_any()
    } else {
        let items = unique
            .into_iter()
            .map(|source| {
                // The title opens the source's page, which shows its address.
                let page = href("/sources", &source.id);
                let title = source.title.clone();
                view! {
                    <li>
                        <p class="source-title">
                            <a href=page>{title}</a>
                        </p>
                        <dl class="facts facts-compact">
                            {source.publisher.map(|p| view! { <dt>{t.publisher}</dt><dd>{p}</dd> })}
                            {source.published_on.map(|d| view! { <dt>{t.published}</dt><dd>{format::date_text(lang, &d)}</dd> })}
                            {source.accessed_on.map(|d| view! { <dt>{t.accessed}</dt><dd>{format::date_text(lang, &d)}</dd> })}
                            {source.note.map(|n| view! { <dt>{t.note}</dt><dd>{n}</dd> })}
                        </dl>
                    </li>
                }
            })
            .map(IntoAny::into_any).collect_view();
        view! { <ol class="sources">{items}</ol> }.into_any()
    };
    let body = view! {
        <p class="section-intro">{t.sources_intro}</p>
        {body}
    }
    .into_any();
    section("sources", t.sources_title.to_owned(), body)
}

/// One term and its value in a description list; a dash where nothing is recorded.
pub fn fact(term: &'static str, value: Option<String>) -> AnyView {
    let (class, value) = match value {
        Some(v) => (None, v),
        None => (Some("muted"), format::DASH.to_owned()),
    };
    fact_view(term, value.into_any(), class)
}

/// One term and a view as its value.
pub fn fact_view(term: &'static str, value: AnyView, class: Option<&'static str>) -> AnyView {
    view! {
        <div class="fact">
            <dt>{term}</dt>
            <dd class=class>{value}</dd>
        </div>
    }
    .into_any()
}

/// Terms and their values, as a description list.
pub fn facts(items: Vec<AnyView>) -> AnyView {
    view! { <dl class="facts">{items}</dl> }.into_any()
}

/// A section of a page with its heading; the heading names the section for screen readers.
pub fn section(id: &'static str, title: String, body: AnyView) -> AnyView {
    let heading = format!("{id}-heading");
    let labelled_by = heading.clone();
    view! {
        <section aria-labelledby=labelled_by>
            <h2 id=heading>{title}</h2>
            {body}
        </section>
    }
    .into_any()
}

/// A table of `rows` under `columns` with `caption` for screen readers, or `none` when there
/// are no rows.
pub fn table_or_empty(
    caption: &'static str,
    none: &'static str,
    columns: &[Column],
    rows: Vec<Row>,
) -> AnyView {
    if rows.is_empty() {
        empty(none).into_any()
    } else {
        data_table(Caption::Hidden(caption), columns, rows, None, "")
    }
}

/// A section `id` headed `title` with a table of `rows` (see [`table_or_empty`]).
pub fn table_section(
    id: &'static str,
    title: &'static str,
    none: &'static str,
    columns: &[Column],
    rows: Vec<Row>,
) -> AnyView {
    section(
        id,
        title.to_owned(),
        table_or_empty(title, none, columns, rows),
    )
}
