//! Every table of the app, drawn by one function from plain data: a caption, the column
//! heads and rows of cells. The first cell of a row is its header (`<th scope="row">`).
//!
//! One generic renderer instead of a `view!` per table keeps the wasm small (each distinct
//! view type costs its own code) and every table alike for screen readers.

use std::borrow::Cow;

use leptos::prelude::*;

/// A column head.
#[derive(Debug, Clone)]
pub struct Column {
    pub label: Cow<'static, str>,
    /// Where the head links to, when the column is about a record (the matrix's services).
    pub href: Option<String>,
    /// Numbers are right-aligned, heads included.
    pub numeric: bool,
}

/// A text column.
pub fn col(label: &'static str) -> Column {
    Column {
        label: Cow::Borrowed(label),
        href: None,
        numeric: false,
    }
}

/// A number column.
pub fn num(label: &'static str) -> Column {
    Column {
        numeric: true,
        ..col(label)
    }
}

/// What a cell shows.
#[derive(Debug)]
pub enum Cell {
    /// Plain text.
    Text(String),
    /// Text that does not break across lines (dates).
    Date(String),
    /// A right-aligned number (already formatted).
    Num(String),
    /// A link to another page of the app, with an optional remark after it.
    Link {
        href: String,
        text: String,
        note: Option<String>,
    },
    /// Anything else.
    View(AnyView),
    /// Anything else, aligned like a number (a mark in a column of numbers).
    NumView(AnyView),
}

/// One row; `attention` highlights it (a deadline is near).
#[derive(Debug)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub attention: bool,
}

impl Row {
    /// A row without highlight.
    pub fn new(cells: Vec<Cell>) -> Self {
        Self {
            cells,
            attention: false,
        }
    }
}

/// The caption: shown, or only for screen readers when a heading above says the same.
#[derive(Debug)]
pub enum Caption {
    Shown(String),
    Hidden(&'static str),
}

/// A table with a caption, column heads, rows and, for totals, an optional last row in
/// `<tfoot>`.
pub fn data_table(
    caption: Caption,
    columns: &[Column],
    rows: Vec<Row>,
    foot: Option<Row>,
    class: &'static str,
) -> AnyView {
    let caption = match caption {
        Caption::Shown(text) => view! { <caption>{text}</caption> }.into_any(),
        Caption::Hidden(text) => {
            view! { <caption class="visually-hidden">{text}</caption> }.into_any()
        }
    };
    let heads = columns
        .iter()
        .map(|c| {
            let class = c.numeric.then_some("num");
            let label = c.label.to_string();
            let content = match &c.href {
                Some(href) => view! { <a href=href.clone()>{label}</a> }.into_any(),
                None => label.into_any(),
            };
            view! { <th scope="col" class=class>{content}</th> }.into_any()
        })
        .collect_view();
    let body = rows.into_iter().map(row).collect_view();
    let foot = foot.map(|r| view! { <tfoot>{row(r)}</tfoot> });
    view! {
        <div class="table-wrap">
            <table class=class>
                {caption}
                <thead>
                    <tr>{heads}</tr>
                </thead>
                <tbody>{body}</tbody>
                {foot}
            </table>
        </div>
    }
    .into_any()
}

fn row(row: Row) -> AnyView {
    let cells = row
        .cells
        .into_iter()
        .enumerate()
        .map(|(i, cell)| {
            let (class, content) = match cell {
                Cell::Text(text) => (None, text.into_any()),
                Cell::Date(text) => (Some("nowrap"), text.into_any()),
                Cell::Num(text) => (Some("num"), text.into_any()),
                Cell::Link { href, text, note } => (
                    None,
                    view! {
                        <a href=href>{text}</a>
                        {note.map(|n| view! { <span class="muted">" · " {n}</span> })}
                    }
                    .into_any(),
                ),
                Cell::View(view) => (None, view),
                Cell::NumView(view) => (Some("num"), view),
            };
            if i == 0 {
                view! { <th scope="row" class=class>{content}</th> }.into_any()
            } else {
                view! { <td class=class>{content}</td> }.into_any()
            }
        })
        .collect_view();
    let class = row.attention.then_some("row-attention");
    view! { <tr class=class>{cells}</tr> }.into_any()
}
