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
        $crate::graphql::pagination::paged_object! {
            $pound $object
            $(#[doc = $doc])*
            impl $ty {
                $($($first)*)?

                /// Its changes, newest first (staff only).
                #[graphql(complexity = $cost)]
                paged($first_arg, $after, $last, $before) as args
                async fn history(
                    &self,
                    ctx: &async_graphql::Context<'_>
                ) -> crate::error::ApiResult<
                    crate::graphql::pagination::Page<crate::graphql::history::HistoryEntry>,
                > {
                    let $this = self;
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
        }
    };
}
pub(crate) use record_object;

/// Writes `impl $ty` (with the caller's `#[Object]` attribute) with the standard mutations of
/// one record type (`$kind`, wrapped as `$record` from the register's row) and any fields of
/// its own after them:
///
/// - `create name(Input);`: `name(input: Input): Record`, the input's draft stored as a new
///   record (see `register::stored`);
/// - `update name(Input);`: `name(id: ID, version: Int, input: Input)`, the record changed to
///   the input's draft;
/// - `dated name(day) => register::fn;`: `name(id: ID, version: Int, day: Date)`;
/// - `delete name(Row);`: `name(id: ID, version: Int): ID`, the register's row type `Row`
///   removed, answering the ID;
/// - `{ .. }`: fields written out, in their place among the others.
///
/// Each needs the editor role before any of its input is looked at (see `editor`).
macro_rules! record_mutations {
    (
        $pound:tt $object:tt
        impl $ty:ident for $record:ident as $kind:ident { $($ops:tt)* }
        $({ $($fields:tt)* })?
    ) => {
        $crate::graphql::object::record_mutations!(
            @munch [$pound $object $ty $record $kind] [] [$($ops)*] [$($($fields)*)?]
        );
    };
    // All operations written: the impl.
    (@munch [$pound:tt $object:tt $ty:ident $record:ident $kind:ident] [$($done:tt)*] [] [$($fields:tt)*]) => {
        $pound $object
        impl $ty {
            $($done)*
            $($fields)*
        }
    };
    // Fields of the type's own, in their place among the others.
    (@munch $head:tt [$($done:tt)*] [{ $($own:tt)* } $($rest:tt)*] $fields:tt) => {
        $crate::graphql::object::record_mutations!(@munch $head [$($done)* $($own)*] [$($rest)*] $fields);
    };
    (@munch [$pound:tt $object:tt $ty:ident $record:ident $kind:ident] [$($done:tt)*]
        [$(#[doc = $doc:literal])* create $name:ident($input:ty); $($rest:tt)*] $fields:tt) => {
        $crate::graphql::object::record_mutations!(@munch [$pound $object $ty $record $kind] [$($done)*
            $(#[doc = $doc])*
            async fn $name(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = "The record's fields, checked as a whole before anything is stored.")]
                input: $input,
            ) -> crate::error::ApiResult<$record> {
                let (db, access) = crate::graphql::editor(ctx)?;
                let draft = input.draft()?;
                Ok(From::from(crate::register::stored::create(db, access, draft).await?))
            }
        ] [$($rest)*] $fields);
    };
    (@munch [$pound:tt $object:tt $ty:ident $record:ident $kind:ident] $done:tt
        [$(#[doc = $doc:literal])* update $name:ident($input:ty); $($rest:tt)*] $fields:tt) => {
        $crate::graphql::object::record_mutations!(@versioned [$pound $object $ty $record $kind] $done [$($rest)*] $fields
            [$(#[doc = $doc])*] $name(db, access, id => id, version)
            [
                #[graphql(desc = "The record's fields, checked as a whole before anything is stored.")]
                input: $input,
            ]
            -> [$record] {
                let draft = input.draft()?;
                let row = crate::register::stored::update(db, access, id, version, draft).await?;
                Ok(From::from(row))
            }
        );
    };
    (@munch [$pound:tt $object:tt $ty:ident $record:ident $kind:ident] $done:tt
        [$(#[doc = $doc:literal])* dated $name:ident($day:ident) => $call:path; $($rest:tt)*] $fields:tt) => {
        $crate::graphql::object::record_mutations!(@versioned [$pound $object $ty $record $kind] $done [$($rest)*] $fields
            [$(#[doc = $doc])*] $name(db, access, id => id, version)
            [
                #[graphql(desc = "The day it takes effect.")]
                $day: crate::graphql::scalars::Date,
            ]
            -> [$record] {
                Ok(From::from($call(db, access, id, version, $day.0).await?))
            }
        );
    };
    (@munch $head:tt $done:tt
        [$(#[doc = $doc:literal])* delete $name:ident($row:ty); $($rest:tt)*] $fields:tt) => {
        $crate::graphql::object::record_mutations!(@versioned $head $done [$($rest)*] $fields
            [$(#[doc = $doc])*] $name(db, access, id => raw, version)
            []
            -> [async_graphql::ID] {
                crate::register::stored::delete::<$row>(db, access, raw, version).await?;
                Ok(id)
            }
        );
    };
    // A mutation of one stored record at the version it was read at (`id` and `version`, then
    // the operation's own parameters): the editor's database and access, and the record's row
    // id decoded, before the operation's body. Its names are the caller's, so that the body
    // can use them.
    (@versioned [$pound:tt $object:tt $ty:ident $record:ident $kind:ident] [$($done:tt)*] $rest:tt $fields:tt
        [$($doc:tt)*] $name:ident($db:ident, $access:ident, $id:ident => $raw:ident, $version:ident)
        [$($param:tt)*] -> [$($answer:tt)*] { $($body:tt)* }) => {
        $crate::graphql::object::record_mutations!(@munch [$pound $object $ty $record $kind] [$($done)*
            $($doc)*
            async fn $name(
                &self,
                ctx: &async_graphql::Context<'_>,
                #[graphql(desc = "The record's global ID.")]
                $id: async_graphql::ID,
                #[graphql(desc = "The version the change is based on, as read; `CONFLICT` when the record has changed since.")]
                $version: i32,
                $($param)*
            ) -> crate::error::ApiResult<$($answer)*> {
                let ($db, $access) = crate::graphql::editor(ctx)?;
                let $raw = crate::graphql::ids::decode_as(&$id, crate::register::RecordType::$kind, "id")?;
                $($body)*
            }
        ] $rest $fields);
    };
}
pub(crate) use record_mutations;
