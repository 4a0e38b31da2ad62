//! Relay cursor pagination: `first`/`after`, `last`/`before`, capped page size, opaque
//! cursors and the connection type every list field answers with.
//!
//! A cursor is the position of an edge in the ordered result. Order is always total (every
//! ordering ends with the row id), so a position names the same row as long as the data
//! does not change between two requests.

use async_graphql::{
    Context, OutputType, SelectionField, SimpleObject,
    connection::{Connection, CursorType, Edge},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use super::plain::{Plain, PlainFields};
use crate::error::{ApiError, ApiResult};

/// The largest page a client may ask for.
pub const MAX_PAGE_SIZE: usize = 100;
/// The page size when a client names neither `first` nor `last`.
pub const DEFAULT_PAGE_SIZE: usize = 20;

/// The complexity of a connection field: what one record asks for, times the records a page
/// may hold (`first` or `last`, the default page size without either; out-of-range sizes are
/// refused when the field runs, so they are clamped here).
pub fn page_cost(first: Option<i32>, last: Option<i32>, child_complexity: usize) -> usize {
    let size = first
        .or(last)
        .and_then(|size| usize::try_from(size).ok())
        .unwrap_or(DEFAULT_PAGE_SIZE)
        .clamp(1, MAX_PAGE_SIZE);
    size.saturating_mul(child_complexity)
}

/// The fields asked for on each node of the connection that `ctx` resolves: those under
/// `nodes` and those under `edges { node }` (fragments included).
pub fn node_fields<'c>(ctx: &'c Context<'_>) -> Vec<SelectionField<'c>> {
    let page = ctx.look_ahead();
    let mut parents = page.field("nodes").selection_fields();
    parents.extend(page.field("edges").field("node").selection_fields());
    parents
        .iter()
        .flat_map(|node| node.selection_set())
        .collect()
}

/// An edge's position, encoded opaquely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position(pub usize);

/// A cursor this server did not hand out.
#[derive(Debug, Clone, Copy)]
pub struct BadCursor;

impl std::fmt::Display for BadCursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a valid cursor")
    }
}

impl CursorType for Position {
    type Error = BadCursor;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        let invalid = || BadCursor;
        let bytes = URL_SAFE_NO_PAD.decode(s).map_err(|_| invalid())?;
        let text = String::from_utf8(bytes).map_err(|_| invalid())?;
        let raw = text.strip_prefix("pos:").ok_or_else(invalid)?;
        raw.parse().map(Position).map_err(|_| invalid())
    }

    fn encode_cursor(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("pos:{}", self.0))
    }
}

/// The extra field every connection has.
#[derive(Debug, SimpleObject)]
pub struct Totals {
    /// How many records match, on all pages together.
    pub total_count: u64,
}

/// A page of `Node`s. [`Plain`]: its `nodes` are resolved without the executor's per-object
/// work (none of its own fields is a plain column).
pub type Page<Node> = Plain<Connection<Position, Node, Totals>>;

impl<Node: OutputType> PlainFields for Connection<Position, Node, Totals> {
    fn plain_field(&self, _name: &str) -> Option<async_graphql::Value> {
        None
    }
}

/// The pagination arguments as the client sent them.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
}

impl PageArgs {
    pub fn new(
        first: Option<i32>,
        after: Option<String>,
        last: Option<i32>,
        before: Option<String>,
    ) -> Self {
        Self {
            first,
            after,
            last,
            before,
        }
    }

    /// Checks the arguments before any work is done.
    pub fn validate(&self) -> ApiResult<CheckedArgs> {
        let size = |name: &str, value: Option<i32>| -> ApiResult<Option<usize>> {
            match value {
                None => Ok(None),
                Some(n) if n < 0 => Err(ApiError::bad_input(
                    name,
                    format!("`{name}` must not be negative."),
                )),
                Some(n) if n as usize > MAX_PAGE_SIZE => Err(ApiError::bad_input(
                    name,
                    format!("`{name}` must be at most {MAX_PAGE_SIZE}, got {n}."),
                )),
                Some(n) => Ok(Some(n as usize)),
            }
        };
        let cursor = |name: &str, value: &Option<String>| -> ApiResult<Option<usize>> {
            value
                .as_deref()
                .map(|raw| {
                    Position::decode_cursor(raw).map(|p| p.0).map_err(|_| {
                        ApiError::bad_input(name, format!("`{name}` is not a valid cursor."))
                    })
                })
                .transpose()
        };
        let first = size("first", self.first)?;
        let last = size("last", self.last)?;
        if first.is_some() && last.is_some() {
            return Err(ApiError::bad_input(
                "last",
                "Use either `first` or `last`, not both.",
            ));
        }
        Ok(CheckedArgs {
            first: if first.is_none() && last.is_none() {
                Some(DEFAULT_PAGE_SIZE)
            } else {
                first
            },
            after: cursor("after", &self.after)?,
            last,
            before: cursor("before", &self.before)?,
            total: true,
        })
    }
}

/// Validated pagination arguments.
#[derive(Debug, Clone, Copy)]
pub struct CheckedArgs {
    first: Option<usize>,
    after: Option<usize>,
    last: Option<usize>,
    before: Option<usize>,
    /// Whether the total must be known (see [`CheckedArgs::counting`]).
    total: bool,
}

/// The rows to fetch: `offset` and `limit` within a result of `total` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: usize,
    pub limit: usize,
    pub total: usize,
}

impl CheckedArgs {
    /// Asks for the total only when the query selects `totalCount` or pages backwards
    /// (`last` counts from the end): otherwise a list costs one statement instead of two, and
    /// `hasNextPage` comes from fetching one row more than the page holds.
    pub fn counting(mut self, ctx: &async_graphql::Context<'_>) -> Self {
        self.total = self.last.is_some() || ctx.look_ahead().field("totalCount").exists();
        self
    }

    /// Whether the total must be counted.
    pub fn needs_total(&self) -> bool {
        self.total
    }

    /// The window of a forward page without counting: from `after`, `first` rows, not past
    /// `before`; the caller fetches `limit + 1` rows and reports what it found with
    /// [`Window::uncounted`].
    pub fn forward(&self) -> (usize, usize) {
        let start = self.after.map_or(0, |a| a.saturating_add(1));
        let mut limit = self.first.unwrap_or(DEFAULT_PAGE_SIZE);
        if let Some(before) = self.before {
            limit = limit.min(before.saturating_sub(start));
        }
        (start, limit)
    }

    /// Where the page lies in a result of `total` rows.
    pub fn window(&self, total: usize) -> Window {
        let mut start = self.after.map_or(0, |a| a.saturating_add(1)).min(total);
        let mut end = self.before.map_or(total, |b| b.min(total)).max(start);
        if let Some(first) = self.first {
            end = end.min(start + first);
        }
        if let Some(last) = self.last {
            start = start.max(end.saturating_sub(last));
        }
        Window {
            offset: start,
            limit: end - start,
            total,
        }
    }

    /// Pages through rows that are all in memory already.
    pub fn page_of<T, Node: OutputType>(
        &self,
        rows: Vec<T>,
        into_node: impl FnMut(T) -> Node,
    ) -> Page<Node> {
        let window = self.window(rows.len());
        let rows = rows
            .into_iter()
            .skip(window.offset)
            .take(window.limit)
            .map(into_node)
            .collect();
        window.connection(rows)
    }
}

impl Window {
    /// A window found without counting: `found` rows from `offset`, and whether more follow.
    /// `total` is then only a lower bound, enough for `hasNextPage`; it is used only when
    /// the query does not ask for `totalCount`.
    pub fn uncounted(offset: usize, found: usize, more: bool) -> Self {
        Self {
            offset,
            limit: found,
            total: offset + found + usize::from(more),
        }
    }

    /// The connection for the rows of this window (already fetched, in order).
    pub fn connection<Node: OutputType>(&self, nodes: Vec<Node>) -> Page<Node> {
        let end = self.offset + nodes.len();
        let mut page = Connection::with_additional_fields(
            self.offset > 0,
            end < self.total,
            Totals {
                total_count: self.total as u64,
            },
        );
        page.edges.extend(
            nodes
                .into_iter()
                .enumerate()
                .map(|(i, node)| Edge::new(Position(self.offset + i), node)),
        );
        Plain(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(
        first: Option<i32>,
        after: Option<usize>,
        last: Option<i32>,
        before: Option<usize>,
    ) -> CheckedArgs {
        PageArgs::new(
            first,
            after.map(|a| Position(a).encode_cursor()),
            last,
            before.map(|b| Position(b).encode_cursor()),
        )
        .validate()
        .unwrap()
    }

    #[test]
    fn first_and_after_walk_forward() {
        assert_eq!(
            args(Some(2), None, None, None).window(5),
            Window {
                offset: 0,
                limit: 2,
                total: 5
            }
        );
        assert_eq!(
            args(Some(2), Some(1), None, None).window(5),
            Window {
                offset: 2,
                limit: 2,
                total: 5
            }
        );
        assert_eq!(
            args(Some(2), Some(4), None, None).window(5),
            Window {
                offset: 5,
                limit: 0,
                total: 5
            }
        );
    }

    #[test]
    fn last_and_before_walk_backward() {
        assert_eq!(
            args(None, None, Some(2), None).window(5),
            Window {
                offset: 3,
                limit: 2,
                total: 5
            }
        );
        assert_eq!(
            args(None, None, Some(2), Some(3)).window(5),
            Window {
                offset: 1,
                limit: 2,
                total: 5
            }
        );
        assert_eq!(
            args(None, None, Some(9), Some(1)).window(5),
            Window {
                offset: 0,
                limit: 1,
                total: 5
            }
        );
    }

    #[test]
    fn limits_are_enforced() {
        assert!(
            PageArgs::new(Some(101), None, None, None)
                .validate()
                .is_err()
        );
        assert!(
            PageArgs::new(Some(-1), None, None, None)
                .validate()
                .is_err()
        );
        assert!(
            PageArgs::new(Some(1), None, Some(1), None)
                .validate()
                .is_err()
        );
        assert!(
            PageArgs::new(None, Some("bogus".into()), None, None)
                .validate()
                .is_err()
        );
        assert_eq!(
            PageArgs::default().validate().unwrap().window(50).limit,
            DEFAULT_PAGE_SIZE
        );
    }
}
