//! The frame every report shares: the document, its print stylesheet (A4, the page number and
//! the count of pages, the day and who printed it in the page's margins), escaping, dates in
//! either language, and the sources as numbered notes.

use base64::Engine as _;
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest as _, Sha256};
use verbund_shared::Lang;

use crate::auth::access::{Access, Principal};
use crate::register::sources::Source;

/// Who printed a report, when, and in which language.
#[derive(Debug, Clone)]
pub struct Meta {
    pub lang: Lang,
    /// The account (or token, or system user) that printed it.
    pub printed_by: String,
    pub printed_at: DateTime<Utc>,
}

impl Meta {
    /// A report in `lang` printed now by the caller of `access`: the staff account, or the
    /// partner token's name.
    pub fn of(lang: Lang, access: &Access) -> Self {
        let printed_by = match &access.principal {
            Principal::Staff(staff) => staff.name.clone(),
            Principal::Partner(partner) => format!("Token {}", partner.name),
            Principal::Anonymous => String::new(),
        };
        Self {
            lang,
            printed_by,
            printed_at: access.timing.clock.now(),
        }
    }
}

/// A rendered report: the document, and the digest of its one stylesheet for the answer's
/// Content-Security-Policy (`'sha256-…'`), so the page loads nothing and runs nothing else.
#[derive(Debug, Clone)]
pub struct Html {
    pub text: String,
    pub style_digest: String,
}

impl Html {
    /// The Content-Security-Policy of the report's answer: its own stylesheet, nothing more.
    pub fn policy(&self) -> String {
        format!(
            "default-src 'none'; style-src '{}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            self.style_digest
        )
    }
}

/// The German or the English text.
pub fn tr(lang: Lang, de: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::De => de,
        Lang::En => en,
    }
}

/// `text` escaped for HTML text and attribute values.
pub use verbund_shared::text::escape_html as esc;

/// `text` as a CSS string: everything but letters, digits, spaces and a few marks written as
/// an escape, so no text can end the string or the stylesheet.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_alphanumeric() || matches!(c, ' ' | '.' | ',' | ':' | '-' | '_' | '(' | ')') {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// A day as the language writes it.
pub use verbund_shared::said::day_in as day;

/// A day, or a dash.
pub fn opt_day(lang: Lang, value: Option<NaiveDate>) -> String {
    value.map_or_else(|| "–".to_owned(), |value| day(lang, value))
}

/// A whole number with the language's thousands mark.
pub use verbund_shared::said::number_in as number;

/// The moment a report was printed, in German time.
fn printed_at(meta: &Meta) -> String {
    let local = verbund_shared::berlin::utc_to_berlin(meta.printed_at)
        .unwrap_or_else(|| meta.printed_at.naive_utc());
    match meta.lang {
        Lang::De => local.format("%d.%m.%Y %H:%M").to_string(),
        Lang::En => local.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// The sources a report cites, numbered in the order of their first citation.
#[derive(Debug, Default)]
pub struct Notes {
    cited: Vec<i32>,
}

impl Notes {
    /// The note mark of source `id` (none without a source).
    pub fn mark(&mut self, id: Option<i32>) -> String {
        let Some(id) = id else {
            return String::new();
        };
        let n = match self.cited.iter().position(|cited| *cited == id) {
            Some(at) => at + 1,
            None => {
                self.cited.push(id);
                self.cited.len()
            }
        };
        format!("<sup class=\"note\">{n}</sup>")
    }

    /// The notes: each cited source with its publisher, day and address.
    pub fn section(&self, lang: Lang, sources: &[Source]) -> String {
        if self.cited.is_empty() {
            return String::new();
        }
        let mut out = format!(
            "<section class=\"notes\"><h2>{}</h2><ol>",
            tr(lang, "Quellen", "Sources")
        );
        for id in &self.cited {
            let Some(source) = sources.iter().find(|s| s.id == *id) else {
                out.push_str(&format!(
                    "<li>{}</li>",
                    tr(lang, "(nicht sichtbar)", "(not visible)")
                ));
                continue;
            };
            let mut parts = vec![format!("<cite>{}</cite>", esc(&source.title))];
            parts.extend(source.publisher.as_deref().map(esc));
            parts.extend(source.published_on.map(|on| day(lang, on)));
            parts.extend(
                source
                    .url
                    .as_deref()
                    .map(|url| format!("<span class=\"url\">{}</span>", esc(url))),
            );
            parts.extend(source.accessed_on.map(|on| {
                format!(
                    "{} {}",
                    tr(lang, "abgerufen am", "accessed on"),
                    day(lang, on)
                )
            }));
            out.push_str(&format!("<li>{}</li>", parts.join(", ")));
        }
        out.push_str("</ol></section>");
        out
    }
}

/// The stylesheet: A4 paper, the report's title at the top of each page, the day and who
/// printed it at the bottom left, `page / pages` at the bottom right.
fn style(meta: &Meta, title: &str, landscape: bool) -> String {
    let printed = format!(
        "{} {} {} {}",
        tr(meta.lang, "Gedruckt am", "Printed on"),
        printed_at(meta),
        tr(meta.lang, "von", "by"),
        meta.printed_by
    );
    format!(
        "@page {{ size: A4{orientation}; margin: 18mm 15mm 20mm 15mm; \
@top-left {{ content: {title}; font: 8pt sans-serif; color: #555; }} \
@bottom-left {{ content: {printed}; font: 8pt sans-serif; color: #555; }} \
@bottom-right {{ content: counter(page) \" / \" counter(pages); font: 8pt sans-serif; color: #555; }} }}\n\
{BASE}",
        orientation = if landscape { " landscape" } else { "" },
        title = css_string(title),
        printed = css_string(&printed),
    )
}

/// The rules that do not depend on the report.
const BASE: &str = "\
html { font: 10pt/1.35 sans-serif; color: #000; background: #fff; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; }
h1 { font-size: 16pt; margin: 0 0 .2rem; }
h2 { font-size: 12pt; margin: 1.2rem 0 .4rem; border-bottom: 1px solid #999; break-after: avoid; }
h3 { font-size: 10.5pt; margin: .8rem 0 .3rem; break-after: avoid; }
p.meta { color: #444; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .6rem; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; vertical-align: top; }
th { background: #eee; font-weight: bold; }
td.num, th.num { text-align: right; }
table.matrix { font-size: 8pt; }
table.matrix td { text-align: center; }
table.matrix td.name { text-align: left; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 1rem; margin: .3rem 0; }
dt { font-weight: bold; }
dd { margin: 0; }
sup.note { font-size: 7pt; color: #333; }
.notes ol { padding-left: 1.5rem; font-size: 8.5pt; }
.url { word-break: break-all; }
.empty, .withheld { color: #555; font-style: italic; }
@media print { body { max-width: none; padding: 0; } }
";

/// The whole document of a report titled `title`, `subtitle` under it.
pub fn frame(meta: &Meta, title: &str, subtitle: &str, body: &str, landscape: bool) -> Html {
    let style = style(meta, title, landscape);
    let digest = Sha256::digest(style.as_bytes());
    let style_digest = format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    let text = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title><style>{style}</style></head><body>\
<header><h1>{title}</h1><p class=\"meta\">{subtitle} · {printed} {at} {by} {who}</p></header>\
<main>{body}</main></body></html>\n",
        lang = meta.lang.as_str(),
        title = esc(title),
        subtitle = esc(subtitle),
        printed = tr(meta.lang, "Gedruckt am", "Printed on"),
        at = esc(&printed_at(meta)),
        by = tr(meta.lang, "von", "by"),
        who = esc(&meta.printed_by),
    );
    Html { text, style_digest }
}

/// A table with these headers (`num` ones right-aligned) and rows of ready cells.
pub fn table(headers: &[(&str, bool)], rows: &[String]) -> String {
    let mut out = String::from("<table><thead><tr>");
    for (header, num) in headers {
        let class = if *num { " class=\"num\"" } else { "" };
        out.push_str(&format!("<th{class}>{}</th>", esc(header)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str(row);
    }
    out.push_str("</tbody></table>");
    out
}

/// A row of cells already escaped.
pub fn row(cells: &[String]) -> String {
    let mut out = String::from("<tr>");
    for cell in cells {
        out.push_str(&format!("<td>{cell}</td>"));
    }
    out.push_str("</tr>");
    out
}

/// A paragraph saying a part is empty.
pub fn empty(text: &str) -> String {
    format!("<p class=\"empty\">{}</p>", esc(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_break_out_of_html_or_css() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        let css = css_string("x\"; } </style><b>");
        assert!(
            !css[1..css.len() - 1].contains(['"', '<', '}', ';']),
            "{css}"
        );
    }

    #[test]
    fn numbers_and_days_in_either_language() {
        assert_eq!(number(Lang::De, 1_234_567), "1.234.567");
        assert_eq!(number(Lang::En, -1234), "-1,234");
        let on = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        assert_eq!(day(Lang::De, on), "01.03.2026");
        assert_eq!(day(Lang::En, on), "2026-03-01");
    }
}
