//! Batching of a request's loads without a timer.
//!
//! A query walks its relations level by level: the fifty members of a page each ask for their
//! contracts, and all fifty asks should become one statement. A batch that waits a fixed time
//! for the asks to arrive (a millisecond, say) splits whenever the machine is busy: the
//! thread resolving the page is preempted, the window closes after twenty members, and the
//! other thirty cost a second statement (under load, a page of members with their contracts
//! ran 3.2 statements instead of 2).
//!
//! The fields of one request are resolved by one task, which polls every field that can make
//! progress before it waits. So the first ask of a batch leads it: it gives way to the rest of
//! the task (a yield) until a pass of the task adds no key, then loads every key gathered and
//! hands each waiting ask its share. The batch closes when the request has nothing left to
//! add, however busy the machine, and no request waits for a clock.

use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};

use async_graphql::dataloader::Loader;
use tokio::sync::oneshot;

/// The most keys one call of a loader gets; a larger batch is loaded in parts of this size.
pub const MAX_BATCH: usize = 1000;

/// How often the leader of a batch gives way while the batch still grows. Each level of a
/// query adds its keys in one pass of the request's task, so two passes are the rule; the
/// bound only keeps a request that keeps adding keys from waiting for ever.
const MAX_PASSES: usize = 16;

/// Loads keys in batches for one request with the loader `T`.
pub struct Batcher<T> {
    loader: T,
    open: Mutex<HashMap<TypeId, Box<dyn Any + Send>>>,
}

/// What a batch loaded, shared by every ask in it.
type Outcome<K, V, E> = Arc<Result<HashMap<K, V>, E>>;

/// The batch of one key type that is still gathering keys.
struct Open<K, V, E> {
    keys: HashSet<K>,
    waiting: Vec<oneshot::Sender<Outcome<K, V, E>>>,
}

impl<K, V, E> Default for Open<K, V, E> {
    fn default() -> Self {
        Self {
            keys: HashSet::new(),
            waiting: Vec::new(),
        }
    }
}

/// Closes the batch of key type `K` if its leader goes away before loading it (the request
/// was cancelled): the waiting asks see their channel close and ask again.
struct Leading<'a, T, K: 'static> {
    batcher: &'a Batcher<T>,
    armed: bool,
    key: std::marker::PhantomData<fn() -> K>,
}

impl<T, K: 'static> Drop for Leading<'_, T, K> {
    fn drop(&mut self) {
        if self.armed {
            self.batcher.lock().remove(&TypeId::of::<K>());
        }
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Batcher<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batcher")
            .field("loader", &self.loader)
            .field("open", &self.lock().len())
            .finish()
    }
}

impl<T> Batcher<T> {
    /// A batcher with nothing gathered yet.
    pub fn new(loader: T) -> Self {
        Self {
            loader,
            open: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<TypeId, Box<dyn Any + Send>>> {
        crate::sync::locked(&self.open)
    }

    /// The open batch of key type `K`, created when there is none.
    fn with_open<K, V, E, R>(
        open: &mut HashMap<TypeId, Box<dyn Any + Send>>,
        f: impl FnOnce(&mut Open<K, V, E>) -> R,
    ) -> R
    where
        K: Send + Sync + 'static,
        V: Send + Sync + 'static,
        E: Send + Sync + 'static,
    {
        let entry = open
            .entry(TypeId::of::<K>())
            .or_insert_with(|| Box::new(Open::<K, V, E>::default()));
        match entry.downcast_mut::<Open<K, V, E>>() {
            Some(batch) => f(batch),
            // Keyed by the key's type, which fixes the loader's value and error types.
            None => unreachable!("a batch is stored under its own key type"),
        }
    }

    /// The loader.
    pub fn loader(&self) -> &T {
        &self.loader
    }

    /// Loads one key; `None` when the loader found nothing for it.
    pub async fn load_one<K>(&self, key: K) -> Result<Option<T::Value>, T::Error>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        T: Loader<K>,
        T::Error: Sync,
    {
        match &*self.gather(std::slice::from_ref(&key)).await {
            Ok(found) => Ok(found.get(&key).cloned()),
            Err(error) => Err(error.clone()),
        }
    }

    /// Loads keys, together with every other key of their type the request asks for at the
    /// same time; the keys the loader found nothing for are left out.
    pub async fn load_many<K>(
        &self,
        keys: impl IntoIterator<Item = K>,
    ) -> Result<HashMap<K, T::Value>, T::Error>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        T: Loader<K>,
        T::Error: Sync,
    {
        let keys: Vec<K> = keys.into_iter().collect();
        if keys.is_empty() {
            return Ok(HashMap::new());
        }
        match &*self.gather(&keys).await {
            Ok(found) => Ok(keys
                .iter()
                .filter_map(|key| found.get(key).map(|value| (key.clone(), value.clone())))
                .collect()),
            Err(error) => Err(error.clone()),
        }
    }

    /// Adds `keys` to the open batch of their type and waits for what it loaded: as its
    /// leader when the batch was empty, else for the leader's answer.
    async fn gather<K>(&self, keys: &[K]) -> Outcome<K, T::Value, T::Error>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        T: Loader<K>,
        T::Error: Sync,
    {
        loop {
            let waiting = Self::with_open::<K, T::Value, T::Error, _>(&mut self.lock(), |batch| {
                let leads = batch.keys.is_empty();
                batch.keys.extend(keys.iter().cloned());
                (!leads).then(|| {
                    let (sender, receiver) = oneshot::channel();
                    batch.waiting.push(sender);
                    receiver
                })
            });
            match waiting {
                None => return self.lead::<K>().await,
                Some(receiver) => match receiver.await {
                    Ok(outcome) => return outcome,
                    // The leader went away before loading: ask again.
                    Err(_) => continue,
                },
            }
        }
    }

    /// Leads the open batch of `K`: gives way while it grows, then loads it and answers the
    /// asks that wait for it.
    async fn lead<K>(&self) -> Outcome<K, T::Value, T::Error>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        T: Loader<K>,
        T::Error: Sync,
    {
        let mut guard = Leading::<T, K> {
            batcher: self,
            armed: true,
            key: std::marker::PhantomData,
        };
        let size = || {
            Self::with_open::<K, T::Value, T::Error, _>(&mut self.lock(), |batch| batch.keys.len())
        };
        let mut gathered = size();
        for _ in 0..MAX_PASSES {
            tokio::task::yield_now().await;
            let now = size();
            if now == gathered {
                break;
            }
            gathered = now;
        }
        let batch = self
            .lock()
            .remove(&TypeId::of::<K>())
            .and_then(|open| open.downcast::<Open<K, T::Value, T::Error>>().ok())
            .map(|open| *open)
            .unwrap_or_default();
        guard.armed = false;
        let keys: Vec<K> = batch.keys.into_iter().collect();
        let mut found = HashMap::with_capacity(keys.len());
        let mut outcome = Ok(());
        for part in keys.chunks(MAX_BATCH) {
            match self.loader.load(part).await {
                Ok(rows) => found.extend(rows),
                Err(error) => {
                    outcome = Err(error);
                    break;
                }
            }
        }
        let outcome = Arc::new(outcome.map(|()| found));
        for sender in batch.waiting {
            // An ask that went away (its request was cancelled) needs no answer.
            let _ = sender.send(Arc::clone(&outcome));
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Doubles numbers, noting how many keys each call got; fails for 999.
    #[derive(Default)]
    struct Doubler {
        sizes: Mutex<Vec<usize>>,
    }

    impl Doubler {
        fn calls(&self) -> usize {
            self.sizes.lock().unwrap().len()
        }
    }

    impl Loader<u32> for Doubler {
        type Value = u64;
        type Error = String;

        async fn load(&self, keys: &[u32]) -> Result<HashMap<u32, u64>, String> {
            self.sizes.lock().unwrap().push(keys.len());
            if keys.contains(&999) {
                return Err("unlucky".into());
            }
            Ok(keys
                .iter()
                .filter(|k| **k % 10 != 0)
                .map(|k| (*k, u64::from(*k) * 2))
                .collect())
        }
    }

    #[tokio::test]
    async fn asks_made_together_are_one_batch() {
        let batcher = Batcher::new(Doubler::default());
        let asks = (1..=50u32).map(|k| batcher.load_one(k));
        let found = futures_util::future::join_all(asks).await;
        assert_eq!(batcher.loader.calls(), 1);
        assert_eq!(*batcher.loader.sizes.lock().unwrap(), vec![50]);
        assert_eq!(found[0], Ok(Some(2)));
        assert_eq!(found[48], Ok(Some(98)));
        assert_eq!(found[49], Ok(None), "the loader found nothing for 50");
    }

    #[tokio::test]
    async fn a_failed_batch_fails_every_ask_in_it() {
        let batcher = Batcher::new(Doubler::default());
        let found =
            futures_util::future::join_all((998..=1000u32).map(|k| batcher.load_one(k))).await;
        assert_eq!(batcher.loader.calls(), 1);
        assert!(
            found.iter().all(|f| *f == Err("unlucky".to_owned())),
            "{found:?}"
        );
        // The failure is not remembered: the next batch is loaded afresh.
        assert_eq!(batcher.load_one(998).await, Ok(Some(1996)));
    }

    #[tokio::test]
    async fn a_later_level_is_a_batch_of_its_own() {
        let batcher = Batcher::new(Doubler::default());
        let batcher = &batcher;
        let asks = (1..=5u32).map(|k| async move {
            let doubled = batcher.load_one(k).await.unwrap().unwrap();
            batcher
                .load_one(u32::try_from(doubled).unwrap() + 101)
                .await
        });
        let found = futures_util::future::join_all(asks).await;
        assert_eq!(found[4], Ok(Some(222)));
        assert_eq!(*batcher.loader.sizes.lock().unwrap(), vec![5, 5]);
    }

    #[tokio::test]
    async fn large_batches_are_loaded_in_parts() {
        let batcher = Batcher::new(Doubler::default());
        let found = batcher
            .load_many((1..=2500u32).filter(|k| *k != 999))
            .await
            .unwrap();
        assert_eq!(found.len(), 2499 - 250);
        let mut sizes = batcher.loader.sizes.lock().unwrap().clone();
        sizes.sort_unstable();
        assert_eq!(sizes, vec![499, 1000, 1000]);
    }

    #[tokio::test]
    async fn a_cancelled_leader_leaves_no_ask_hanging() {
        let batcher = Batcher::new(Doubler::default());
        {
            // The leader gathers key 1 and is dropped before it loads.
            let leader = batcher.load_one(1u32);
            futures_util::pin_mut!(leader);
            let waker = futures_util::task::noop_waker();
            let mut cx = std::task::Context::from_waker(&waker);
            assert!(leader.as_mut().poll(&mut cx).is_pending());
        }
        let found = tokio::time::timeout(std::time::Duration::from_secs(5), batcher.load_one(2))
            .await
            .expect("a new ask leads a new batch");
        assert_eq!(found, Ok(Some(4)));

        // An ask already waiting for a leader that goes away asks again and is answered.
        let waker = futures_util::task::noop_waker();
        let mut cx = std::task::Context::from_waker(&waker);
        let mut leader = Box::pin(batcher.load_one(3u32));
        let mut waiter = Box::pin(batcher.load_one(4u32));
        assert!(leader.as_mut().poll(&mut cx).is_pending());
        assert!(waiter.as_mut().poll(&mut cx).is_pending());
        drop(leader);
        let found = tokio::time::timeout(std::time::Duration::from_secs(5), waiter)
            .await
            .expect("the waiting ask leads a batch of its own");
        assert_eq!(found, Ok(Some(8)));
        assert_eq!(*batcher.loader.sizes.lock().unwrap(), vec![1, 1]);
    }
}
