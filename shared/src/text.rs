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
    fn markup_is_escaped() {
        assert_eq!(
            escape_html("<b>\"a\" & 'b'</b>"),
            "&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;"
        );
    }
}
