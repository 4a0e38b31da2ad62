//! Long lists of small objects answered without the executor's per-object work.
//!
//! The executor resolves every object by boxing a future for each selected field and running
//! them in a set of tasks of its own, and it does so for every object of a list: a page of
//! twenty contracts with ten coverages each is hundreds of objects, and for a title that is a
//! column of a row already read, that machinery cost more than reading the row. A type whose
//! fields are mostly plain columns says which ones are ([`PlainFields`]). Wrapped in
//! [`Plain`], an object whose selection is a plain list of fields (no fragments, no
//! directives, no response key twice) is answered field by field: a plain field without
//! arguments straight from its row, any other field by the type's own resolver, several of
//! them side by side so that their loads still join one batch. An object read along with
//! the row (a coverage's service) is made the same way when only its plain fields are asked
//! for. Any other selection goes the usual way. The answer is the same either way; only the
//! work differs.

use std::borrow::Cow;

use async_graphql::parser::types::{Field, Selection};
use async_graphql::registry::{MetaType, Registry};
use async_graphql::resolver_utils::ContainerType;
use async_graphql::{ContextSelectionSet, OutputType, Positioned, ServerResult, Value};

use crate::register::{Cell, Record};

/// A type with fields that are plain values of the row it wraps.
pub trait PlainFields {
    /// The value of the field `name` when it is a plain value of the row, else `None` (the
    /// field is resolved the usual way). Must equal what the field's resolver answers.
    fn plain_field(&self, name: &str) -> Option<Value>;

    /// The object the field `name` answers when it is already at hand (read along with the
    /// row) and `selection` asks only for its plain fields (see [`plain_only`]), else `None`
    /// (the field is resolved the usual way). Must equal what the field's resolver answers.
    fn plain_object(&self, _name: &str, _selection: &ContextSelectionSet<'_>) -> Option<Value> {
        None
    }

    /// The type's description, for a type whose own definition has none (the library's
    /// connections): what clients and the schema's explorer show for it.
    fn type_description() -> Option<String>
    where
        Self: Sized,
    {
        None
    }
}

/// `row` as the object `selection` asks for, when every field it asks for is plain (see
/// [`plain_value`]); else `None`.
pub fn plain_only<T: OutputType + PlainFields>(
    row: &T,
    selection: &ContextSelectionSet<'_>,
) -> Option<Value> {
    let fields = simple_fields(selection)?;
    let mut object = async_graphql::indexmap::IndexMap::with_capacity(fields.len());
    for field in fields {
        let value = plain_value(row, selection, field)?;
        object.insert(field.node.response_key().node.clone(), value);
    }
    Some(Value::Object(object))
}

/// The answer to `field` of `row` when it needs no resolver: `__typename`, a plain field
/// without arguments, or an object at hand whose selection is all plain fields.
fn plain_value<T: OutputType + PlainFields>(
    row: &T,
    ctx: &ContextSelectionSet<'_>,
    field: &Positioned<Field>,
) -> Option<Value> {
    let node = &field.node;
    let name = node.name.node.as_str();
    if name == "__typename" {
        Some(Value::String(row.introspection_type_name().into_owned()))
    } else if !node.arguments.is_empty() {
        None
    } else if node.selection_set.node.items.is_empty() {
        row.plain_field(name)
    } else {
        row.plain_object(name, &ctx.with_selection_set(&node.selection_set))
    }
}

/// An object of type `T` that is answered from its row when the selection allows it; to
/// the schema it is `T` itself.
#[derive(Debug, Clone)]
pub struct Plain<T>(pub T);

impl<T: ContainerType + PlainFields> OutputType for Plain<T> {
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
        let name = T::create_type_info(registry);
        if let Some(text) = T::type_description()
            && let Some(MetaType::Object { description, .. }) =
                registry.types.get_mut(T::type_name().as_ref())
        {
            description.get_or_insert(text);
        }
        name
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        match simple_fields(ctx) {
            Some(fields) => Ok(resolve_fields(&self.0, ctx, &fields).await),
            None => self.0.resolve(ctx, field).await,
        }
    }
}

/// The fields of the selection `ctx` when it is a plain list of fields: no fragment, no
/// directive, no response key twice (the executor merges those). Else `None`.
fn simple_fields<'a>(ctx: &ContextSelectionSet<'a>) -> Option<Vec<&'a Positioned<Field>>> {
    let items = &ctx.item.node.items;
    if items.is_empty() {
        return None;
    }
    let mut fields: Vec<&'a Positioned<Field>> = Vec::with_capacity(items.len());
    for item in items {
        let Selection::Field(field) = &item.node else {
            return None;
        };
        let key = field.node.response_key();
        if !field.node.directives.is_empty()
            || fields
                .iter()
                .any(|seen| seen.node.response_key().node == key.node)
        {
            return None;
        }
        fields.push(field);
    }
    Some(fields)
}

type FieldFuture<'a> =
    std::pin::Pin<Box<dyn std::future::Future<Output = ServerResult<Option<Value>>> + Send + 'a>>;

/// The object for `fields` of `row`, in the order asked. Plain fields come from the row; the
/// others from `T`'s resolver, side by side. As in the executor, a field whose resolver fails
/// is reported as an error and left out, and an object left without fields is null.
async fn resolve_fields<T: ContainerType + PlainFields>(
    row: &T,
    ctx: &ContextSelectionSet<'_>,
    fields: &[&Positioned<Field>],
) -> Value {
    let mut object = async_graphql::indexmap::IndexMap::with_capacity(fields.len());
    let mut resolved = Vec::new();
    for field in fields {
        let key = field.node.response_key().node.clone();
        match plain_value(row, ctx, field) {
            Some(value) => {
                object.insert(key, value);
            }
            None => {
                // A place in the order asked, filled in below.
                object.insert(key.clone(), Value::Null);
                // The context the executor gives a field (`with_field` is how its own
                // containers make it).
                resolved.push((key, ctx.with_field(field)));
            }
        }
    }
    // Boxed as the executor boxes them: a field's answer may hold objects of this very type
    // (a service's coverages have a service), so the future cannot contain itself.
    let resolve = |field| -> FieldFuture<'_> { Box::pin(row.resolve_field(field)) };
    let answers = match resolved.as_slice() {
        [] => Vec::new(),
        [(_, field)] => vec![resolve(field).await],
        many => futures_util::future::join_all(many.iter().map(|(_, field)| resolve(field))).await,
    };
    for ((key, _), answer) in resolved.iter().zip(answers) {
        match answer {
            Ok(value) => {
                if let Some(place) = object.get_mut(key) {
                    *place = value.unwrap_or_default();
                }
            }
            Err(error) => {
                ctx.add_error(error);
                object.shift_remove(key);
            }
        }
    }
    if object.is_empty() {
        Value::Null
    } else {
        Value::Object(object)
    }
}

/// The answer to the plain field `name` of a record: its global ID, or a column the record's
/// declaration marks plain (see `register::Record`).
pub fn record_field<R: Record>(row: &R, name: &str) -> Option<Value> {
    if name == "id" {
        return Some(Value::String(super::ids::encode(R::TYPE, row.id()).0));
    }
    row.plain(name).map(|cell| match cell {
        Cell::Null => Value::Null,
        Cell::Text(text) => Value::String(text),
        Cell::Int(number) => Value::from(number),
        Cell::Bool(flag) => Value::Boolean(flag),
        Cell::Date(day) => Value::String(day.format("%Y-%m-%d").to_string()),
    })
}
