//! A staff account.

super::record::record! {
    /// A staff account: its name, role and whether it is disabled.
    table "users" as User {
        name: String => "name", plain;
        /// `ADMIN`, `EDITOR` or `VIEWER`.
        role: String => "role";
        /// The Argon2id hash in PHC form; never leaves the backend, never audited.
        #[serde(skip)]
        password_hash: String;
        disabled: bool => "disabled", plain;
        /// Where the deadline desk's reminders are mailed; none: only the inbox.
        email: Option<String> => "email";
    }
    always [];
    relations [];
}
