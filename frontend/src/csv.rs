//! CSV for spreadsheets used in German offices: `;` between fields (the comma is the decimal
//! sign there), CRLF line ends, and a UTF-8 byte order mark so that umlauts survive opening
//! the file by double-click. Downloaded in the browser, without asking the server.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// The lines as CSV text, BOM first.
pub fn to_csv(lines: &[Vec<String>]) -> String {
    let mut out = String::from('\u{feff}');
    for line in lines {
        let fields: Vec<String> = line.iter().map(|field| quote(field)).collect();
        out.push_str(&fields.join(";"));
        out.push_str("\r\n");
    }
    out
}

/// Quotes a field that holds a separator, a quote or a line break; doubles inner quotes.
/// A field that starts like a formula is quoted and prefixed with `'` so that a spreadsheet
/// shows it as text instead of running it.
fn quote(field: &str) -> String {
    let formula = field.starts_with(['=', '+', '-', '@']) && !is_integer(field);
    let field = if formula {
        format!("'{field}")
    } else {
        field.to_owned()
    };
    if formula || field.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// Whether `field` is a whole number such as `-5` (the only numbers the app exports).
fn is_integer(field: &str) -> bool {
    let digits = field.strip_prefix('-').unwrap_or(field);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Offers `content` as a file named `file_name` for download.
pub fn download(file_name: &str, content: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = BlobPropertyBag::new();
    options.set_type("text/csv;charset=utf-8");
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = leptos::prelude::document();
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    // `rel=external` keeps the app's router from treating the click as a navigation.
    link.set_rel("external");
    link.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&link)?;
    link.click();
    link.remove();
    Url::revoke_object_url(&url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_separated_and_quoted_for_spreadsheets() {
        let lines = vec![
            vec![
                "Organisation".to_owned(),
                "Leistung; mit Semikolon".to_owned(),
            ],
            vec!["Stadt \"Grabow\"".to_owned(), "83".to_owned()],
            vec!["=SUMME(A1)".to_owned(), "-5".to_owned()],
        ];
        assert_eq!(
            to_csv(&lines),
            "\u{feff}Organisation;\"Leistung; mit Semikolon\"\r\n\
             \"Stadt \"\"Grabow\"\"\";83\r\n\
             \"'=SUMME(A1)\";-5\r\n"
        );
    }
}
