//! Password hashing with Argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane).
//! Hashing takes tens of milliseconds on purpose, so it runs on the blocking pool.

use std::sync::OnceLock;

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

/// [`hash_blocking`] on the blocking pool.
pub async fn hash(password: String) -> ApiResult<String> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(|err| ApiError::internal("password hash task", &err))?
}

/// [`verify_blocking`] on the blocking pool.
pub async fn verify(password: String, stored: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || verify_blocking(&password, stored.as_deref()))
        .await
        .unwrap_or(false)
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
}
