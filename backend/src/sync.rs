//! Locks that outlive a panic.

use std::sync::{Mutex, MutexGuard, PoisonError};

/// What `mutex` guards, also after a thread panicked while holding it. Every value this server
/// keeps behind a lock (a cache, a count, a list of open batches) is changed in one call, so
/// it is whole between calls, and a panic in one request must not stop the others from
/// reading it.
pub fn locked<T: ?Sized>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
