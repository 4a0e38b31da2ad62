//! An entry of the provider's service catalogue.

super::record::record! {
    /// A service of the catalogue: a code, a name, a category, the vendor of a specialist
    /// application.
    table "services" as Service {
        code: String => "code", plain, search;
        name: String => "name", plain, search;
        category: String => "category";
        vendor: Option<String> => "vendor", search;
        description: Option<String> => "description";
        source_id: Option<i32> => "source";
    }
    always [];
    relations ["coverages", "recipientCount", "workstations"];
}
