//! Random secrets (session ids, tokens, salts) and the digests stored in their place.

use base64::Engine as _;
use sha2::{Digest as _, Sha256};

use crate::error::{ApiError, ApiResult};

/// `n` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> ApiResult<[u8; N]> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|err| ApiError::internal("random bytes", &err))?;
    Ok(bytes)
}

/// `N` random bytes as URL-safe base64 without padding.
pub fn random_text<const N: usize>() -> ApiResult<String> {
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<N>()?))
}

/// The SHA-256 digest of a secret, as 64 lowercase hex digits: what the database keeps.
/// Session ids and tokens are 128 to 192 random bits, so a fast digest is enough; a
/// password-style hash would only slow down every request.
pub fn digest(secret: &str) -> String {
    let hash = Sha256::digest(secret.as_bytes());
    let mut out = String::with_capacity(64);
    for byte in hash {
        out.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_is_sha256_hex() {
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn random_texts_differ_and_have_the_expected_length() -> ApiResult<()> {
        let a = random_text::<16>()?;
        let b = random_text::<16>()?;
        assert_ne!(a, b);
        assert_eq!(a.len(), 22);
        Ok(())
    }
}
