//! Password hashing with Argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane).
//! Hashing takes tens of milliseconds and 19 MiB on purpose, so it runs on the blocking pool,
//! and at most as many hashes run at once as the machine has cores ([`PERMITS`]); a request
//! that finds no free place within [`WAIT`] is answered `RATE_LIMITED`.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, OnceLock};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use super::secrets;
use crate::error::{ApiError, ApiResult};

/// Memory cost in KiB (OWASP: 19 MiB with 2 passes).
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

fn hasher() -> ApiResult<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None)
        .map_err(|err| ApiError::internal("argon2 parameters", &err))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes `password` with a fresh random salt; the PHC string holds the parameters too.
pub fn hash_blocking(password: &str) -> ApiResult<String> {
    let salt = SaltString::encode_b64(&secrets::random_bytes::<16>()?)
        .map_err(|err| ApiError::internal("password salt", &err))?;
    let hash = hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map_err(|err| ApiError::internal("password hash", &err))?;
    Ok(hash.to_string())
}

/// Whether `password` matches `stored`. An unknown account is checked against a stand-in
/// hash, so the answer takes as long either way and does not tell which names exist.
pub fn verify_blocking(password: &str, stored: Option<&str>) -> bool {
    static STAND_IN: OnceLock<String> = OnceLock::new();
    let stand_in = STAND_IN.get_or_init(|| {
        hash_blocking("stand-in password for unknown accounts").unwrap_or_default()
    });
    let (stored, known) = match stored {
        Some(stored) => (stored, true),
        None => (stand_in.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let matches = Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok();
    known && matches
}

/// Places for hashes running at once: one per core.
static PERMITS: LazyLock<std::sync::Arc<Semaphore>> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    std::sync::Arc::new(Semaphore::new(cores))
});

/// How long a request waits for a place before it is refused.
pub const WAIT: Duration = Duration::from_secs(2);

/// A place to hash in, or `RATE_LIMITED` when none came free within [`WAIT`].
async fn permit() -> ApiResult<OwnedSemaphorePermit> {
    match tokio::time::timeout(WAIT, PERMITS.clone().acquire_owned()).await {
        Ok(Ok(permit)) => Ok(permit),
        Ok(Err(err)) => Err(ApiError::internal("password permits", &err)),
        Err(_) => Err(ApiError::RateLimited {
            message: "The server is busy checking passwords; try again in a moment.".to_owned(),
            retry_after: 2,
        }),
    }
}

/// [`hash_blocking`] on the blocking pool, once a place is free.
pub async fn hash(password: String) -> ApiResult<String> {
    let permit = permit().await?;
    tokio::task::spawn_blocking(move || {
        let hashed = hash_blocking(&password);
        drop(permit);
        hashed
    })
    .await
    .map_err(|err| ApiError::internal("password hash task", &err))?
}

/// Passwords evaluated by one server (for `/metrics`, and for tests that count them).
#[derive(Debug, Default)]
pub struct Evaluations(AtomicU64);

impl Evaluations {
    /// How many passwords have been checked so far.
    pub fn count(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// [`verify_blocking`] on the blocking pool, once a place is free, counted in `evaluations`.
/// The place is held until the hash is done, even when the request is gone before.
pub async fn verify(
    password: String,
    stored: Option<String>,
    evaluations: &Evaluations,
) -> ApiResult<bool> {
    let permit = permit().await?;
    evaluations.0.fetch_add(1, Ordering::Relaxed);
    tokio::task::spawn_blocking(move || {
        let matches = verify_blocking(&password, stored.as_deref());
        drop(permit);
        matches
    })
    .await
    .map_err(|err| ApiError::internal("password check task", &err))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() -> ApiResult<()> {
        let a = hash_blocking("correct horse battery")?;
        let b = hash_blocking("correct horse battery")?;
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_blocking("correct horse battery", Some(&a)));
        assert!(!verify_blocking("correct horse batterz", Some(&a)));
        assert!(!verify_blocking("correct horse battery", None));
        assert!(!verify_blocking("x", Some("not a hash")));
        Ok(())
    }

    #[tokio::test]
    async fn no_more_checks_at_once_than_cores_the_others_wait_then_are_refused() {
        let hash = hash_blocking("correct horse battery").unwrap_or_default();
        let evaluations = Evaluations::default();
        let cores = u32::try_from(PERMITS.available_permits()).unwrap_or(1);
        let busy = PERMITS.clone().acquire_many_owned(cores).await;
        let waited = std::time::Instant::now();
        let refused = verify("x".to_owned(), Some(hash.clone()), &evaluations).await;
        assert!(
            matches!(refused, Err(ApiError::RateLimited { retry_after, .. }) if retry_after > 0),
            "{refused:?}"
        );
        assert!(waited.elapsed() >= WAIT);
        assert_eq!(evaluations.count(), 0);
        drop(busy);
        let checked = verify("correct horse battery".to_owned(), Some(hash), &evaluations).await;
        assert!(matches!(checked, Ok(true)), "{checked:?}");
        assert_eq!(evaluations.count(), 1);
    }
}
