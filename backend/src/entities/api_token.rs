//! A partner system's read-only token. Only the SHA-256 digest of the token is stored, with
//! its first characters (`prefix`) so people can tell tokens apart.

super::record::record! {
    /// A partner token: its scopes, the member it is limited to, its expiry and revocation.
    table "api_tokens" as ApiToken {
        name: String => "name", plain;
        prefix: String => "prefix", plain;
        #[serde(skip)]
        token_hash: String;
        /// Comma-separated scopes, e.g. `members:read,contracts:read`.
        scopes: String => "scopes";
        /// When set, the token sees only this member's own data.
        organisation_id: Option<i32> => "member";
        /// When true, the token may run registered (persisted) operations only.
        persisted_only: bool => "persistedOnly", plain;
        expires_at: DateTimeUtc => "expiresAt";
        revoked_at: Option<DateTimeUtc> => "revokedAt";
        last_used_at: Option<DateTimeUtc> => "lastUsedAt";
        created_by: Option<i32>;
    }
    always [];
    relations ["isActive"];
}
