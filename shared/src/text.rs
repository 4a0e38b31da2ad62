//! How much text and how many values a caller may send, and which characters: the bounds every
//! free text, search and filter list is held to before it reaches a database, so both
//! databases answer alike (SQLite refuses long `LIKE` patterns and long lists of parameters,
//! PostgreSQL refuses U+0000 in any text).
//!
//! | what | at most | control characters |
//! |---|---|---|
//! | a name (see [`crate::name::Name`]) or a search | [`SEARCH_MAX_CHARS`] (200) | none |
//! | a one-line text (an address) | [`LINE_MAX_CHARS`] (2,000) | none |
//! | a multi-line text (a note, a description) | [`TEXT_MAX_CHARS`] (10,000) | line breaks and tabs only |
//! | a filter list | [`FILTER_MAX_ITEMS`] (100) values | |
//!
//! A few names are kept narrower: an organisation's short name ([`SHORT_NAME_MAX_CHARS`], 50),
//! a contract's number and the name of an account, a token or a registered operation
//! ([`LABEL_MAX_CHARS`], 100), a party's role ([`ROLE_MAX_CHARS`], 32).

use crate::said::say;
use crate::validate::FieldError;

/// The most characters of a search text, as of a name.
pub const SEARCH_MAX_CHARS: usize = 200;
/// The fewest characters of a search over the whole register, after trimming: one letter
/// would match most of it.
pub const SEARCH_MIN_CHARS: usize = 2;
/// The most characters of a one-line text such as an address.
pub const LINE_MAX_CHARS: usize = 2_000;
/// The most characters of a multi-line text such as a note or a description.
pub const TEXT_MAX_CHARS: usize = 10_000;
/// The most characters of an organisation's short name.
pub const SHORT_NAME_MAX_CHARS: usize = 50;
/// The most characters of a contract's number and of the name of an account, a token or a
/// registered operation.
pub const LABEL_MAX_CHARS: usize = 100;
/// The most characters of a party's role in a contract.
pub const ROLE_MAX_CHARS: usize = 32;
/// The most values a filter list may hold.
pub const FILTER_MAX_ITEMS: usize = 100;

/// The first control character of `text` that a text of its kind may not hold: any of them
/// in a one-line text, any but line breaks (`\n`, `\r`) and tabs in a multi-line one.
#[must_use]
pub fn control_character(text: &str, multi_line: bool) -> Option<char> {
    text.chars()
        .find(|&c| c.is_control() && !(multi_line && matches!(c, '\n' | '\r' | '\t')))
}

/// What is wrong with `text` as a text of at most `max` characters, on one line or not.
#[must_use]
pub fn problem(text: &str, max: usize, multi_line: bool) -> Option<String> {
    let chars = text.chars().count();
    if chars > max {
        return Some(say(
            format!("at most {max} characters, not {chars}"),
            format!("höchstens {max} Zeichen, nicht {chars}"),
        ));
    }
    control_character(text, multi_line).map(|found| {
        if multi_line {
            say(
                format!("no control characters but line breaks and tabs, found {found:?}"),
                format!("keine Steuerzeichen außer Zeilenumbrüchen und Tabs, gefunden {found:?}"),
            )
        } else {
            say(
                format!("one line without control characters, found {found:?}"),
                format!("eine Zeile ohne Steuerzeichen, gefunden {found:?}"),
            )
        }
    })
}

/// A search over the whole register's text, trimmed, when it has at least
/// [`SEARCH_MIN_CHARS`] characters.
pub fn register_search(text: &str) -> Option<&str> {
    let text = text.trim();
    (text.chars().count() >= SEARCH_MIN_CHARS).then_some(text)
}

/// A search text as `field` gives it: trimmed, `None` when empty.
///
/// # Errors
///
/// More than [`SEARCH_MAX_CHARS`] characters or a control character.
pub fn search(field: &str, text: Option<String>) -> Result<Option<String>, FieldError> {
    let Some(text) = text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match problem(&text, SEARCH_MAX_CHARS, false) {
        Some(message) => Err(FieldError {
            field: field.to_owned(),
            message,
        }),
        None => Ok(Some(text)),
    }
}

/// A filter list as `field` gives it: empty when absent.
///
/// # Errors
///
/// More than [`FILTER_MAX_ITEMS`] values.
pub fn filter_list<T>(field: &str, values: Option<Vec<T>>) -> Result<Vec<T>, FieldError> {
    let values = values.unwrap_or_default();
    if values.len() > FILTER_MAX_ITEMS {
        return Err(FieldError {
            field: field.to_owned(),
            message: format!("at most {FILTER_MAX_ITEMS} values, not {}", values.len()),
        });
    }
    Ok(values)
}

/// `text` for HTML or SVG markup, as text or an attribute's value: `&`, `<`, `>`, `"` and `'`
/// escaped (the app's drawings and the server's printable reports).
#[must_use]
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_and_multi_line_texts_differ_in_line_breaks_and_tabs() {
        assert_eq!(control_character("a\nb\tc\r\n", true), None);
        assert_eq!(control_character("a\nb", false), Some('\n'));
        assert_eq!(control_character("a\u{0}b", true), Some('\u{0}'));
        assert_eq!(control_character("a\u{1b}[31m", true), Some('\u{1b}'));
        assert_eq!(control_character("a\u{85}b", true), Some('\u{85}'));
        assert_eq!(control_character("Grüße – ẞ", false), None);
    }

    #[test]
    fn searches_are_trimmed_bounded_and_on_one_line() {
        assert_eq!(search("s", None), Ok(None));
        assert_eq!(search("s", Some("  ".into())), Ok(None));
        assert_eq!(search("s", Some(" ab ".into())), Ok(Some("ab".into())));
        let longest = "ä".repeat(SEARCH_MAX_CHARS);
        assert_eq!(
            search("s", Some(longest.clone())),
            Ok(Some(longest.clone()))
        );
        let err = search("filter.search", Some(format!("{longest}ä"))).err();
        assert_eq!(err.map(|e| e.field), Some("filter.search".to_owned()));
        assert!(search("s", Some("a\u{0}b".into())).is_err());
        assert!(search("s", Some("a\tb".into())).is_err());
    }

    #[test]
    fn filter_lists_are_bounded() {
        assert_eq!(filter_list::<u8>("f", None), Ok(vec![]));
        assert_eq!(
            filter_list("f", Some(vec![1; FILTER_MAX_ITEMS])).map(|v| v.len()),
            Ok(100)
        );
        assert!(filter_list("f", Some(vec![1; FILTER_MAX_ITEMS + 1])).is_err());
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape_html("<b>\"a\" & 'b'</b>"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;"
        );
    }
}
