//! Loading an operation into a page: [`load`] asks the server whenever the variables change
//! and keeps the latest answer in a signal that the page renders as loading, data or error.

use std::{any::Any, marker::PhantomData, sync::Arc};

use leptos::{prelude::*, task::spawn_local_scoped};

use serde_json::Value;

use super::{
    ApiError, call,
    node::{NodeOf, node_of},
};

/// Where a page's data stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded<T> {
    /// Asked, no answer yet.
    Loading,
    /// The answer.
    Ready(T),
    /// No data, and why.
    Failed(ApiError),
}

/// An answer of any type. Every page keeps its answer in a signal of this one type, so the
/// signal's code exists once in the wasm rather than once per page.
type Answer = Arc<dyn Any + Send + Sync>;

/// A loaded operation: its state, and a way to ask again after an error.
#[derive(Debug)]
pub struct Load<T: 'static> {
    state: RwSignal<Loaded<Answer>>,
    retries: RwSignal<u32>,
    data: PhantomData<fn() -> T>,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Load<T> {}

impl<T: Send + Sync + 'static> Load<T> {
    /// Reads the state reactively.
    pub fn with<R>(&self, f: impl FnOnce(Loaded<&T>) -> R) -> R {
        self.state.with(|state| {
            f(match state {
                Loaded::Loading => Loaded::Loading,
                Loaded::Failed(error) => Loaded::Failed(error.clone()),
                // Only `load_with` below stores answers, always of type `T`.
                Loaded::Ready(answer) => answer
                    .downcast_ref::<T>()
                    .map_or(Loaded::Failed(ApiError::InvalidResponse), Loaded::Ready),
            })
        })
    }

    /// Asks again with the same variables.
    pub fn retry(&self) {
        self.retries.update(|n| *n = n.wrapping_add(1));
    }
}

/// Loads `operation` of `document` with the variables `variables()` answers, again whenever
/// they change.
pub fn load(
    document: &'static str,
    operation: &'static str,
    variables: impl Fn() -> Value + 'static,
) -> Load<Value> {
    load_with(move || call(document, operation, variables()))
}

/// Like [`load`], for a `node(id:)` query: the record when it is a `typename`.
pub fn load_node(
    document: &'static str,
    operation: &'static str,
    typename: &'static str,
    variables: impl Fn() -> Value + 'static,
) -> Load<NodeOf> {
    load_with(move || {
        let answer = call(document, operation, variables());
        async move { answer.await.map(|data| node_of(data, typename)) }
    })
}

/// Loads what the future `ask()` answers, again whenever the signals `ask` reads change.
/// For pages that need more than one request (e.g. page after page of a list).
///
/// `ask` runs inside an effect and its future under that effect's owner, so [`call`]
/// aborts what is still in flight when the signals change and when the page is left.
pub fn load_with<T, F>(ask: impl Fn() -> F + 'static) -> Load<T>
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(Loaded::Loading);
    let retries = RwSignal::new(0_u32);
    Effect::new(move || {
        retries.track();
        let answer = ask();
        state.set(Loaded::Loading);
        spawn_local_scoped(async move {
            match answer.await {
                // Nobody waits for it: a newer request or a left page took over.
                Err(ApiError::Aborted) => {}
                Ok(data) => {
                    state.try_set(Loaded::Ready(Arc::new(data) as Answer));
                }
                Err(error) => {
                    state.try_set(Loaded::Failed(error));
                }
            }
        });
    });
    Load {
        state,
        retries,
        data: PhantomData,
    }
}
