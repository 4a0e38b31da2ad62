//! Limits checked on the parsed document before anything runs.
//!
//! async-graphql's own depth and complexity limits count neither `__typename` nor the true
//! size of fragments (each spread is expanded in full), so a small document of fragments that
//! spread the next one twice expands to millions of selections. Here each fragment's expanded
//! size is computed once and reused, so the check costs time linear in the document.

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, OperationType, Selection, SelectionSet,
};
use std::collections::HashMap;

/// The longest query text accepted, in bytes. The app's largest query is about 1.5 KB; 32 KB
/// leaves room for hand-written queries while bounding parse time and memory.
pub const MAX_QUERY_BYTES: usize = 32 * 1024;
/// The most lexical tokens (names, numbers, strings, punctuators) a document may hold. The
/// app's largest query has about 300; the byte limit alone would still let 32,000 one-byte
/// punctuators through to the parser.
pub const MAX_TOKENS: usize = 10_000;
/// The most field selections a document may expand to, counting `__typename`, aliases and
/// every fragment spread as often as it is spread. The app's queries stay under 200.
pub const MAX_SELECTIONS: u64 = 2_000;
/// The most aliases a document may hold. Aliases let one field be asked for many times; the
/// app uses a handful.
pub const MAX_ALIASES: usize = 50;
/// The most directives (`@include`, `@skip`, ...) a document may hold.
pub const MAX_DIRECTIVES: usize = 50;

pub use super::depth::MAX_DEPTH;

/// Why a document was refused before it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitError(pub String);

impl std::fmt::Display for LimitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the check found out about a document that passed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    /// Whether any operation in the document is a mutation.
    pub has_mutation: bool,
}

/// Checks the size limits of a request's document. The text is measured before it is parsed;
/// the parsed document stays in the request, so the schema does not parse it again. A
/// document that does not parse passes (the schema reports the syntax error in its usual
/// shape).
pub fn check(request: &mut async_graphql::Request) -> Result<Checked, LimitError> {
    let query = &request.query;
    if query.len() > MAX_QUERY_BYTES {
        return Err(LimitError(format!(
            "The query is {} bytes long; at most {MAX_QUERY_BYTES} are accepted.",
            query.len()
        )));
    }
    let tokens = count_tokens(query);
    if tokens > MAX_TOKENS {
        return Err(LimitError(format!(
            "The query has {tokens} tokens; at most {MAX_TOKENS} are accepted."
        )));
    }
    match request.parsed_query() {
        Ok(document) => check_document(document),
        Err(_) => Ok(Checked {
            has_mutation: false,
        }),
    }
}

/// Counts the lexical tokens of a GraphQL document, roughly as the GraphQL lexer would:
/// whitespace, commas and comments are ignored, a string (block strings included) is one
/// token, a run of name or number characters is one, `...` is one and any other character is
/// one. Cheap and linear, so it can run before the parser.
pub fn count_tokens(query: &str) -> usize {
    let bytes = query.as_bytes();
    let mut tokens = 0;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                tokens += 1;
                if bytes[i..].starts_with(b"\"\"\"") {
                    i += 3;
                    while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                        i += if bytes[i..].starts_with(b"\\\"\"\"") {
                            4
                        } else {
                            1
                        };
                    }
                    i += 3;
                } else {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    i += 1;
                }
            }
            b'.' if bytes[i..].starts_with(b"...") => {
                tokens += 1;
                i += 3;
            }
            _ if byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' => {
                tokens += 1;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric()
                        || matches!(bytes[i], b'_' | b'.' | b'-' | b'+'))
                {
                    i += 1;
                }
            }
            _ => {
                tokens += 1;
                i += 1;
            }
        }
    }
    tokens
}

/// Checks the size limits of a parsed document.
pub fn check_document(document: &ExecutableDocument) -> Result<Checked, LimitError> {
    let mut counts = Counts::default();
    for fragment in document.fragments.values() {
        counts.count_literal(&fragment.node.selection_set.node);
        counts.directives += fragment.node.directives.len();
    }
    let operations: Vec<_> = match &document.operations {
        DocumentOperations::Single(operation) => vec![operation],
        DocumentOperations::Multiple(operations) => operations.values().collect(),
    };
    let mut has_mutation = false;
    for operation in &operations {
        has_mutation |= operation.node.ty == OperationType::Mutation;
        counts.directives += operation.node.directives.len();
        counts.directives += operation
            .node
            .variable_definitions
            .iter()
            .map(|variable| variable.node.directives.len())
            .sum::<usize>();
        counts.count_literal(&operation.node.selection_set.node);
    }
    if counts.aliases > MAX_ALIASES {
        return Err(LimitError(format!(
            "The query has {} aliases; at most {MAX_ALIASES} are accepted.",
            counts.aliases
        )));
    }
    if counts.directives > MAX_DIRECTIVES {
        return Err(LimitError(format!(
            "The query has {} directives; at most {MAX_DIRECTIVES} are accepted.",
            counts.directives
        )));
    }

    let mut expansion = Expansion {
        document,
        sizes: HashMap::new(),
    };
    for operation in &operations {
        let size = expansion.size(&operation.node.selection_set.node)?;
        if size > MAX_SELECTIONS {
            return Err(too_many_selections(size));
        }
    }
    for operation in &operations {
        let depth = super::depth::depth(document, &operation.node.selection_set.node);
        if depth > MAX_DEPTH {
            return Err(LimitError(format!(
                "The query nests fields {depth} levels deep; at most {MAX_DEPTH} are accepted \
                 (the schema's description by introspection not counted)."
            )));
        }
    }
    Ok(Checked { has_mutation })
}

fn too_many_selections(size: u64) -> LimitError {
    let shown = if size == u64::MAX {
        "more than 18 quintillion".to_owned()
    } else {
        size.to_string()
    };
    LimitError(format!(
        "The query expands to {shown} field selections (fragments counted each time they are spread, \
         `__typename` and aliases included); at most {MAX_SELECTIONS} are accepted."
    ))
}

/// Aliases and directives as written (each fragment once).
#[derive(Debug, Default)]
struct Counts {
    aliases: usize,
    directives: usize,
}

impl Counts {
    fn count_literal(&mut self, set: &SelectionSet) {
        for item in &set.items {
            match &item.node {
                Selection::Field(field) => {
                    self.aliases += usize::from(field.node.alias.is_some());
                    self.directives += field.node.directives.len();
                    self.count_literal(&field.node.selection_set.node);
                }
                Selection::FragmentSpread(spread) => {
                    self.directives += spread.node.directives.len();
                }
                Selection::InlineFragment(inline) => {
                    self.directives += inline.node.directives.len();
                    self.count_literal(&inline.node.selection_set.node);
                }
            }
        }
    }
}

/// The expanded size of each fragment, computed once.
enum Size {
    /// Being computed: meeting it again means the fragment spreads itself.
    InProgress,
    Done(u64),
}

struct Expansion<'a> {
    document: &'a ExecutableDocument,
    sizes: HashMap<&'a str, Size>,
}

impl<'a> Expansion<'a> {
    /// The number of field selections `set` expands to, saturating at `u64::MAX`.
    fn size(&mut self, set: &'a SelectionSet) -> Result<u64, LimitError> {
        let mut total: u64 = 0;
        for item in &set.items {
            let part = match &item.node {
                Selection::Field(field) => {
                    1u64.saturating_add(self.size(&field.node.selection_set.node)?)
                }
                Selection::InlineFragment(inline) => self.size(&inline.node.selection_set.node)?,
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str())?
                }
            };
            total = total.saturating_add(part);
            // Stop as soon as the answer is known; the sizes of fragments are bounded by the
            // limit too, so nothing here grows past it by more than one step.
            if total > MAX_SELECTIONS {
                return Ok(total);
            }
        }
        Ok(total)
    }

    fn fragment(&mut self, name: &'a str) -> Result<u64, LimitError> {
        match self.sizes.get(name) {
            Some(Size::Done(size)) => return Ok(*size),
            Some(Size::InProgress) => {
                return Err(LimitError(format!(
                    "The fragment `{name}` spreads itself (directly or through other fragments)."
                )));
            }
            None => {}
        }
        // An unknown fragment is reported by validation; it adds nothing here.
        let Some((key, definition)) = self.document.fragments.get_key_value(name) else {
            return Ok(0);
        };
        let key = key.as_str();
        self.sizes.insert(key, Size::InProgress);
        let size = self.size(&definition.node.selection_set.node)?;
        self.sizes.insert(key, Size::Done(size));
        Ok(size)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn check(query: &str) -> Result<Checked, LimitError> {
        super::check(&mut async_graphql::Request::new(query))
    }

    /// A document of `levels` fragments, each spreading the next one twice.
    pub(crate) fn bomb(levels: usize) -> String {
        let mut query = String::from("query { ...F1 }\n");
        for level in 1..levels {
            let next = level + 1;
            query.push_str(&format!(
                "fragment F{level} on Query {{ ...F{next} ...F{next} }}\n"
            ));
        }
        query.push_str(&format!("fragment F{levels} on Query {{ __typename }}\n"));
        query
    }

    #[test]
    fn fragment_bombs_are_refused() {
        for levels in [24, 28, 64] {
            let err = check(&bomb(levels)).unwrap_err();
            assert!(err.0.contains("field selections"), "{err}");
        }
    }

    #[test]
    fn small_fragment_chains_pass() {
        assert!(check(&bomb(8)).is_ok());
    }

    #[test]
    fn cycles_are_refused() {
        let err = check("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }")
            .unwrap_err();
        assert!(err.0.contains("spreads itself"), "{err}");
    }

    #[test]
    fn tokens_are_counted() {
        assert_eq!(count_tokens("{ a(b: \"x, y\") { ...F } } # c d e"), 12);
        assert_eq!(count_tokens("query Q($n: Int = -1.5e3) { x }"), 13);
        assert_eq!(count_tokens("{ a(s: \"\"\"one \\\"\"\" two\"\"\") }"), 8);
        let err = check(&"{".repeat(20_000)).unwrap_err();
        assert!(err.0.contains("tokens"), "{err}");
    }

    #[test]
    fn mutations_are_found() {
        assert!(check("mutation { x }").unwrap().has_mutation);
        assert!(!check("query { x }").unwrap().has_mutation);
    }
}
