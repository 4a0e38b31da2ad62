//! Relay connections: the pagination arguments as clients send them (`first`/`after`,
//! `last`/`before` with opaque cursors), turned into the register's page requests, and the
//! connection type every list field answers with.

use async_graphql::{
    Context, OutputType, SelectionField, SimpleObject,
    connection::{Connection, CursorType, Edge},
};
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use super::plain::{Plain, PlainFields};
use crate::error::{ApiError, ApiResult};
use crate::register::page::{DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageRequest, Window};

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

/// `prefix:n`, encoded opaquely: the form of every cursor this server hands out.
pub fn encode_opaque(prefix: &str, n: impl std::fmt::Display) -> String {
    URL_SAFE_NO_PAD.encode(format!("{prefix}:{n}"))
}

/// The number of a cursor made by [`encode_opaque`] with `prefix`.
pub fn decode_opaque<T: std::str::FromStr>(cursor: &str, prefix: &str) -> Result<T, BadCursor> {
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| BadCursor)?;
    let text = String::from_utf8(bytes).map_err(|_| BadCursor)?;
    let raw = text
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix(':'))
        .ok_or(BadCursor)?;
    raw.parse().map_err(|_| BadCursor)
}

impl CursorType for Position {
    type Error = BadCursor;

    fn decode_cursor(s: &str) -> Result<Self, Self::Error> {
        decode_opaque(s, "pos").map(Position)
    }

    fn encode_cursor(&self) -> String {
        encode_opaque("pos", self.0)
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

    fn type_description() -> Option<String> {
        Some(format!(
            "A page of a list of `{}` records (a Relay connection): its `nodes`, or its `edges` \
             with each node's cursor; `pageInfo` to ask for the next or the previous page; \
             `totalCount` for the whole list.",
            Node::type_name()
        ))
    }
}

/// The pagination arguments as the client sent them.
#[derive(Debug, Clone, Default)]
pub struct PageArgs {
    pub first: Option<i32>,
    pub after: Option<String>,
    pub last: Option<i32>,
    pub before: Option<String>,
    /// Records skipped from the start of the list (`offset`), where a field takes it.
    pub offset: Option<i32>,
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
            offset: None,
        }
    }

    /// The same arguments with `offset` (records skipped from the start): a pager's way to
    /// a numbered page, instead of a cursor.
    #[must_use]
    pub fn skipping(self, offset: Option<i32>) -> Self {
        Self { offset, ..self }
    }

    /// The register's page request, checked before any work is done; the total is counted
    /// (see [`PageArgs::counted`] for lists that count only when asked).
    pub fn request(&self) -> ApiResult<PageRequest> {
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
        let after = match self.offset {
            None => cursor("after", &self.after)?,
            Some(offset) => self.offset_position(offset)?,
        };
        PageRequest::new(
            self.first,
            after,
            self.last,
            cursor("before", &self.before)?,
        )
    }

    /// The position after which a page at `offset` starts (none for the first record): an
    /// offset goes with `first` only, never with a cursor or `last`.
    fn offset_position(&self, offset: i32) -> ApiResult<Option<usize>> {
        if self.after.is_some() || self.before.is_some() || self.last.is_some() {
            return Err(ApiError::bad_input(
                "offset",
                "Use either `offset` (with `first`) or cursors and `last`, not both.",
            ));
        }
        let offset = usize::try_from(offset)
            .map_err(|_| ApiError::bad_input("offset", "`offset` must not be negative."))?;
        Ok(offset.checked_sub(1))
    }

    /// [`PageArgs::request`] for a list field that counts its total only when the query
    /// selects `totalCount` (or pages backwards).
    pub fn counted(&self, ctx: &Context<'_>) -> ApiResult<PageRequest> {
        Ok(self
            .request()?
            .counting(ctx.look_ahead().field("totalCount").exists()))
    }
}

/// The connection for the rows of `window` (already fetched, in order).
pub fn connection<Node: OutputType>(window: Window, nodes: Vec<Node>) -> Page<Node> {
    let end = window.offset + nodes.len();
    let mut page = Connection::with_additional_fields(
        window.offset > 0,
        end < window.total,
        Totals {
            total_count: window.total as u64,
        },
    );
    page.edges.extend(
        nodes
            .into_iter()
            .enumerate()
            .map(|(i, node)| Edge::new(Position(window.offset + i), node)),
    );
    Plain(page)
}

/// The connection for a page of `rows` the register found, each wrapped by `node`.
pub fn page_of<T, Node: OutputType>(
    (rows, window): (Vec<T>, Window),
    node: impl FnMut(T) -> Node,
) -> Page<Node> {
    connection(window, rows.into_iter().map(node).collect())
}

/// A page of rows that are all in memory already.
pub fn slice<T, Node: OutputType>(
    page: PageRequest,
    rows: Vec<T>,
    node: impl FnMut(T) -> Node,
) -> Page<Node> {
    page_of(page.slice(rows), node)
}

/// Writes `impl $ty` (with the caller's `#[Object]` attribute) with its fields as given, and
/// the arguments every field means the same by described once, here:
///
/// - a field marked `paged(first, after[, last, before[, offset]]) as args` (after its
///   attributes, before `async fn`) gets the pagination arguments of those names after its
///   own, and its body gets them as one [`PageArgs`] named `args`;
/// - an argument written without attributes as `as_of: T`, `filter: T` or `order_by: T` is
///   the day asked about, the list's filter or its order.
///
/// The names are the caller's, so the field's body and its complexity expression can use them.
macro_rules! paged_object {
    (
        $pound:tt $object:tt
        $(#[$attr:meta])*
        impl $ty:ident { $($items:tt)* }
    ) => {
        $crate::graphql::pagination::paged_object!(
            @munch [$pound $object $(#[$attr])* impl $ty] [] $($items)*
        );
    };
    // A pagination argument the field takes, or none.
    (@given) => { None };
    (@given $arg:ident) => { $arg };
    // All fields written: the impl.
    (@munch [$($head:tt)*] [$($done:tt)*]) => {
        $($head)* { $($done)* }
    };
    (@munch $head:tt $done:tt
        $(#[$meta:meta])*
        paged($first:ident, $after:ident $(, $last:ident, $before:ident $(, $offset:ident)?)?)
        as $args:ident
        $vis:vis async fn $name:ident($($params:tt)*) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::graphql::pagination::paged_object!(@params $head $done
            [$(#[$meta])* $vis async fn $name] [] [$($params)*]
            [
                #[graphql(desc = "Records from the start of the list, at most 100 (20 when neither `first` nor `last` is given).")]
                $first: Option<i32>,
                #[graphql(desc = "Only records after this cursor (an edge's `cursor` from an earlier page).")]
                $after: Option<String>,
                $(
                    #[graphql(desc = "Records from the end of the list, at most 100.")]
                    $last: Option<i32>,
                    #[graphql(desc = "Only records before this cursor (an edge's `cursor` from an earlier page).")]
                    $before: Option<String>,
                    $(
                        #[graphql(desc = "Records skipped from the start of the list, for a pager that goes to a numbered page (with `first`; not with `after`, `before` or `last`).")]
                        $offset: Option<i32>,
                    )?
                )?
            ]
            [-> $ret {
                let $args = $crate::graphql::pagination::PageArgs::new(
                    $first,
                    $after,
                    $crate::graphql::pagination::paged_object!(@given $($last)?),
                    $crate::graphql::pagination::paged_object!(@given $($before)?),
                )
                $($(.skipping($offset))?)?;
                $body
            }] $($rest)*);
    };
    (@munch $head:tt $done:tt
        $(#[$meta:meta])*
        $vis:vis async fn $name:ident($($params:tt)*) -> $ret:ty $body:block
        $($rest:tt)*
    ) => {
        $crate::graphql::pagination::paged_object!(@params $head $done
            [$(#[$meta])* $vis async fn $name] [] [$($params)*] [] [-> $ret $body] $($rest)*);
    };
    // A field's arguments, one by one; then the field, and on to the next.
    (@params $head:tt [$($done:tt)*] [$($field:tt)*] [$($args:tt)*] [] [$($tail:tt)*] [$($end:tt)*]
        $($rest:tt)*
    ) => {
        $crate::graphql::pagination::paged_object!(@munch $head
            [$($done)* $($field)* ($($args)* $($tail)*) $($end)*] $($rest)*);
    };
    (@params $head:tt $done:tt $field:tt [$($args:tt)*] [& $this:tt $(, $($more:tt)*)?] $($rest:tt)*) => {
        $crate::graphql::pagination::paged_object!(@params $head $done $field
            [$($args)* & $this,] [$($($more)*)?] $($rest)*);
    };
    // The context, its type as written: async-graphql tells it from the arguments by its name.
    (@params $head:tt $done:tt $field:tt [$($args:tt)*]
        [$name:ident: & $($path:ident)::+ <$life:lifetime> $(, $($more:tt)*)?] $($rest:tt)*
    ) => {
        $crate::graphql::pagination::paged_object!(@params $head $done $field
            [$($args)* $name: & $($path)::+ <$life>,] [$($($more)*)?] $($rest)*);
    };
    (@params $head:tt $done:tt $field:tt [$($args:tt)*]
        [#[$first:meta] $(#[$meta:meta])* $name:ident: $arg:ty $(, $($more:tt)*)?] $($rest:tt)*
    ) => {
        $crate::graphql::pagination::paged_object!(@params $head $done $field
            [$($args)* #[$first] $(#[$meta])* $name: $arg,] [$($($more)*)?] $($rest)*);
    };
    // An argument without attributes: described here if its name is one of those above.
    (@params $head:tt $done:tt $field:tt $args:tt [$name:ident: $arg:ty $(, $($more:tt)*)?]
        $($rest:tt)*
    ) => {
        $crate::graphql::pagination::paged_object!(@described $name $name: $arg;
            $head $done $field $args [$($($more)*)?] $($rest)*);
    };
    (@described as_of $name:ident: $arg:ty; $head:tt $done:tt $field:tt [$($args:tt)*] $($rest:tt)*) => {
        $crate::graphql::pagination::paged_object!(@params $head $done $field [$($args)*
            #[graphql(desc = "The day asked about; the field says what it decides and what applies without it.")]
            $name: $arg,
        ] $($rest)*);
    };
    (@described filter $name:ident: $arg:ty; $head:tt $done:tt $field:tt [$($args:tt)*] $($rest:tt)*) => {
        $crate::graphql::pagination::paged_object!(@params $head $done $field [$($args)*
            #[graphql(desc = "Narrows the list: a record is listed when it meets every criterion given.")]
            $name: $arg,
        ] $($rest)*);
    };
    (@described order_by $name:ident: $arg:ty; $head:tt $done:tt $field:tt [$($args:tt)*] $($rest:tt)*) => {
        $crate::graphql::pagination::paged_object!(@params $head $done $field [$($args)*
            #[graphql(desc = "How the list is ordered; its fields say the default.")]
            $name: $arg,
        ] $($rest)*);
    };
    (@described $other:ident $name:ident: $arg:ty; $head:tt $done:tt $field:tt [$($args:tt)*] $($rest:tt)*) => {
        $crate::graphql::pagination::paged_object!(@params $head $done $field [$($args)* $name: $arg,] $($rest)*);
    };
}
pub(crate) use paged_object;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_foreign_ones_are_refused() {
        let cursor = Position(41).encode_cursor();
        assert_eq!(Position::decode_cursor(&cursor).map(|p| p.0).ok(), Some(41));
        assert!(Position::decode_cursor("bogus").is_err());
        let args = PageArgs::new(None, Some("bogus".into()), None, None);
        assert!(args.request().is_err());
        let huge = Position(usize::MAX).encode_cursor();
        let args = PageArgs::new(None, Some(huge), None, None);
        assert!(args.request().is_err(), "beyond any list");
    }
}
