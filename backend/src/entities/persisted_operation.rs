//! A GraphQL document registered under a name and its SHA-256 (hex), to be sent by hash.

super::record::record! {
    /// A registered operation.
    table "persisted_operations" as PersistedOperation {
        name: String => "name", plain;
        sha256: String => "sha256", plain;
        #[sea_orm(column_type = "Text")]
        document: String => "document", plain;
    }
    always [];
    relations [];
}
