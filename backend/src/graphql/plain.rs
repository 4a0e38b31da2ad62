//! Long lists of small objects answered without the executor's per-field work.
//!
//! The executor resolves every field of every object as a future of its own: a page of fifty
//! members with ten contract titles each is five hundred objects, and for a title that is a
//! column of a row already read, that machinery cost more than reading the row. A type whose
//! fields are mostly plain columns says which ones are ([`PlainFields`]); wrapped in
//! [`Plain`], an object whose selection asks only for such fields, each without arguments or
//! directives, is answered straight from its row. Any other selection (a fragment, a
//! directive, a field that needs more) goes the usual way, so the answer is the same either
//! way; only the work differs.

use std::borrow::Cow;

use async_graphql::parser::types::{Field, Selection};
use async_graphql::registry::Registry;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ServerResult, Value};

/// A type with fields that are plain values of the row it wraps.
pub trait PlainFields {
    /// The value of the field `name` when it is a plain value of the row, else `None` (the
    /// field is resolved the usual way). Must equal what the field's resolver answers.
    fn plain_field(&self, name: &str) -> Option<Value>;
}

/// An object of type `T` that is answered from its row when the selection allows it; to
/// the schema it is `T` itself.
#[derive(Debug, Clone)]
pub struct Plain<T>(pub T);

impl<T: OutputType + PlainFields> OutputType for Plain<T> {
    fn type_name() -> Cow<'static, str> {
        T::type_name()
    }

    fn qualified_type_name() -> String {
        T::qualified_type_name()
    }

    fn introspection_type_name(&self) -> Cow<'static, str> {
        self.0.introspection_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        T::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        match plain_object(&self.0, ctx) {
            Some(value) => Ok(value),
            None => self.0.resolve(ctx, field).await,
        }
    }
}

/// The object for the selection `ctx` when every selected field is plain, else `None`.
fn plain_object<T: OutputType + PlainFields>(
    row: &T,
    ctx: &ContextSelectionSet<'_>,
) -> Option<Value> {
    let items = &ctx.item.node.items;
    if items.is_empty() {
        return None;
    }
    let mut object = async_graphql::indexmap::IndexMap::with_capacity(items.len());
    for item in items {
        let Selection::Field(field) = &item.node else {
            return None;
        };
        let field = &field.node;
        if !field.arguments.is_empty()
            || !field.directives.is_empty()
            || !field.selection_set.node.items.is_empty()
        {
            return None;
        }
        let key = field.response_key().node.clone();
        if object.contains_key(&key) {
            // The same field asked twice under one key: the first answer stands.
            continue;
        }
        let name = field.name.node.as_str();
        let value = if name == "__typename" {
            Value::String(row.introspection_type_name().into_owned())
        } else {
            row.plain_field(name)?
        };
        object.insert(key, value);
    }
    Some(Value::Object(object))
}

/// `Some(text)` as a GraphQL value (null for `None`).
pub fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |text| Value::String(text.to_owned()))
}
