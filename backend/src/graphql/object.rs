//! What every record type of the API has: a global ID and its history. [`record_object!`]
//! writes a type's `#[Object]` impl with both fields, so each record type states only its own.

/// Writes `impl $ty` with the fields `history` and `id` of the record type `$kind` (whose row
/// id is `$id`, an expression of `$this`), after the fields of an optional `first { .. }`
/// block and before the type's own fields.
///
/// The `#[Object]` attribute, the names of `history`'s arguments and its complexity come from
/// the caller: a complexity expression can name the field's arguments and
/// `child_complexity` only when all three are written in the same place.
macro_rules! record_object {
    (
        $pound:tt $object:tt
        $(#[doc = $doc:literal])*
        impl $ty:ident as $kind:ident, id = |$this:ident| $id:expr;
        history($first_arg:ident, $after:ident, $last:ident, $before:ident) = $cost:literal;
        $(first { $($first:tt)* })?
        { $($fields:tt)* }
    ) => {
        // The attribute's own tokens, not re-written ones: the names it binds are the caller's.
        $pound $object
        $(#[doc = $doc])*
        impl $ty {
            $($($first)*)?

            /// Its changes, newest first (staff only).
            #[graphql(complexity = $cost)]
            async fn history(
                &self,
                ctx: &async_graphql::Context<'_>,
                $first_arg: Option<i32>,
                $after: Option<String>,
                $last: Option<i32>,
                $before: Option<String>,
            ) -> crate::error::ApiResult<
                crate::graphql::pagination::Page<crate::graphql::history::HistoryEntry>,
            > {
                let $this = self;
                let args = crate::graphql::pagination::PageArgs::new($first_arg, $after, $last, $before);
                crate::graphql::history::of(ctx, crate::register::RecordType::$kind, $id, args)
                    .await
            }

            /// The global ID.
            pub async fn id(&self) -> async_graphql::ID {
                let $this = self;
                crate::graphql::ids::encode(crate::register::RecordType::$kind, $id)
            }

            $($fields)*
        }
    };
}
pub(crate) use record_object;
