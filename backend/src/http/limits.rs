//! Limits checked on the parsed document before anything runs.
//!
//! async-graphql's own depth and complexity limits count neither `__typename` nor the true
//! size of fragments (each spread is expanded in full), so a small document of fragments that
//! spread the next one twice expands to millions of selections. Here each fragment's expanded
//! size is computed once and reused, so the check costs time linear in the document.

use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Field, OperationType, Selection, SelectionSet,
};
use async_graphql::{Value, Variables};
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

/// The cost of a request's document before it runs, for the rate limiter: every field
/// selection counts 1, and what a list field selects counts once per record its page may hold
/// (`first` or `last`, or the default page size for a connection without either; a page size
/// given as a variable is read from the request's variables), and what `nodes(ids:)` selects
/// once per ID, repeated ones too. Fragments are costed once and
/// reused, like their sizes above. Saturates instead of overflowing; a document that does not
/// parse costs 1.
pub fn cost(request: &mut async_graphql::Request) -> u64 {
    let variables = request.variables.clone();
    let Ok(document) = request.parsed_query() else {
        return 1;
    };
    let operations: Vec<_> = match &document.operations {
        DocumentOperations::Single(operation) => vec![operation],
        DocumentOperations::Multiple(operations) => operations.values().collect(),
    };
    let mut costing = Costing {
        document,
        variables: &variables,
        costs: HashMap::new(),
    };
    operations
        .iter()
        .map(|operation| costing.cost(&operation.node.selection_set.node))
        .fold(0u64, u64::saturating_add)
        .max(1)
}

struct Costing<'a> {
    document: &'a ExecutableDocument,
    variables: &'a Variables,
    /// Fragments costed so far; `None` while one is being costed (a fragment that spreads
    /// itself has been refused by the size check before, and costs nothing more here).
    costs: HashMap<&'a str, Option<u64>>,
}

impl<'a> Costing<'a> {
    fn cost(&mut self, set: &'a SelectionSet) -> u64 {
        let mut total: u64 = 0;
        for item in &set.items {
            let part = match &item.node {
                Selection::Field(field) => {
                    let inner = self.cost(&field.node.selection_set.node);
                    1u64.saturating_add(inner.saturating_mul(self.page_size(&field.node)))
                }
                Selection::InlineFragment(inline) => self.cost(&inline.node.selection_set.node),
                Selection::FragmentSpread(spread) => {
                    self.fragment(spread.node.fragment_name.node.as_str())
                }
            };
            total = total.saturating_add(part);
        }
        total
    }

    fn fragment(&mut self, name: &'a str) -> u64 {
        if let Some(known) = self.costs.get(name) {
            return known.unwrap_or(0);
        }
        let Some((key, definition)) = self.document.fragments.get_key_value(name) else {
            return 0;
        };
        self.costs.insert(key.as_str(), None);
        let cost = self.cost(&definition.node.selection_set.node);
        self.costs.insert(key.as_str(), Some(cost));
        cost
    }

    /// How many records `field` may return: its `first` or `last`, or the number of its
    /// `ids`, clamped to the largest page; the default page size for a connection (a field
    /// that selects `nodes`, `edges`, `pageInfo` or `totalCount`) without either; 1 for any
    /// other field. What cannot be read counts as the largest page.
    fn page_size(&self, field: &Field) -> u64 {
        use crate::register::page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
        let given = field.arguments.iter().find_map(|(name, value)| {
            let argument = name.node.as_str();
            if !matches!(argument, "first" | "last" | "ids") {
                return None;
            }
            let count = match &value.node {
                async_graphql_value::Value::Variable(variable) => self
                    .variables
                    .get(variable)
                    .map(|value| count(argument, value)),
                async_graphql_value::Value::List(ids) if argument == "ids" => {
                    Some(ids.len() as u64)
                }
                literal => literal
                    .clone()
                    .into_const()
                    .map(|value| count(argument, &value)),
            };
            Some(count.unwrap_or(MAX_PAGE_SIZE as u64))
        });
        if let Some(size) = given {
            return size.clamp(1, MAX_PAGE_SIZE as u64);
        }
        let connection = field.selection_set.node.items.iter().any(|item| {
            matches!(&item.node, Selection::Field(child)
                if matches!(child.node.name.node.as_str(), "nodes" | "edges" | "pageInfo" | "totalCount"))
        });
        if connection {
            DEFAULT_PAGE_SIZE as u64
        } else {
            1
        }
    }
}

/// The records an argument asks for: a page size as given, the length of a list of IDs (one
/// ID alone is a list of one).
fn count(argument: &str, value: &Value) -> u64 {
    let largest = crate::register::page::MAX_PAGE_SIZE as u64;
    match (argument, value) {
        ("ids", Value::List(ids)) => ids.len() as u64,
        ("ids", _) => 1,
        (_, Value::Number(number)) => number.as_u64().unwrap_or(largest),
        _ => largest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(query: &str) -> Result<Checked, LimitError> {
        super::check(&mut async_graphql::Request::new(query))
    }

    fn cost_of(query: &str) -> u64 {
        super::cost(&mut async_graphql::Request::new(query))
    }

    #[test]
    fn cost_counts_fields_times_the_page_they_sit_in() {
        assert_eq!(cost_of("{ me { name } }"), 2);
        // A connection without `first` holds the default page: 20 × (nodes + name).
        assert_eq!(cost_of("{ members { nodes { name } } }"), 1 + 20 * 2);
        // 100 members × (nodes + name + contracts + 20 × (nodes + title)).
        let big =
            "{ members(first: 100) { nodes { name contracts(first: 20) { nodes { title } } } } }";
        assert_eq!(cost_of(big), 1 + 100 * (1 + 1 + 1 + 20 * 2));
        // Sizes above the largest page count as the largest page.
        assert_eq!(cost_of("{ members(first: 5000) { totalCount } }"), 1 + 100);
    }

    #[test]
    fn nodes_cost_each_id_they_ask_for() {
        let id = "\"T3JnYW5pc2F0aW9uOjE\"";
        let once = cost_of(&format!("{{ nodes(ids: [{id}]) {{ id }} }}"));
        let hundred = cost_of(&format!(
            "{{ nodes(ids: [{}]) {{ id }} }}",
            vec![id; 100].join(", ")
        ));
        assert_eq!((once, hundred), (2, 101));
        assert_eq!(cost_of(&format!("{{ nodes(ids: {id}) {{ id }} }}")), 2);
        let mut request =
            async_graphql::Request::new("query($i: [ID!]!) { nodes(ids: $i) { id } }").variables(
                async_graphql::Variables::from_json(serde_json::json!({ "i": vec!["x"; 40] })),
            );
        assert_eq!(super::cost(&mut request), 41);
    }

    #[test]
    fn cost_reads_page_sizes_from_variables_and_fragments_once() {
        let mut request = async_graphql::Request::new(
            "query($n: Int) { members(first: $n) { ...M } } fragment M on OrganisationConnection { nodes { name } }",
        )
        .variables(async_graphql::Variables::from_json(serde_json::json!({ "n": 3 })));
        assert_eq!(super::cost(&mut request), 1 + 3 * 2);
        // A variable that is missing counts as the largest page.
        assert_eq!(
            cost_of("query($n: Int) { members(first: $n) { totalCount } }"),
            1 + 100
        );
        // The fragment bomb is refused by the size check; its cost saturates, never panics.
        assert!(cost_of(&bomb(64)) > 1);
        assert_eq!(cost_of("not graphql"), 1);
    }

    fn bomb(levels: usize) -> String {
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
