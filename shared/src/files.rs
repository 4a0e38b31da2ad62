//! The files staff exchange with the register, as the server and the app both see them: the
//! largest file the app may upload for an import, and a file's size as people read it.

/// The largest file the app may send to the import: about 50,000 rows.
pub const UPLOAD_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// A file's size of `bytes` in megabytes (of 1,048,576 bytes) with one decimal: `100.0 MB`.
#[must_use]
pub fn megabytes(bytes: u64) -> String {
    let tenths = (bytes.saturating_mul(10) + 512 * 1024) / (1024 * 1024);
    format!("{}.{} MB", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_megabytes() {
        assert_eq!(megabytes(100 * 1024 * 1024), "100.0 MB");
        assert_eq!(megabytes(UPLOAD_MAX_BYTES + 1), "8.0 MB");
        assert_eq!(megabytes(9_000_000), "8.6 MB");
    }
}
