//! A person named in a role at an organisation.

super::record::record! {
    /// A person in a role (the mayor, the head of an Amt, the provider's board member).
    table "people" as Person {
        organisation_id: i32 => "organisation";
        name: String => "name", plain, search;
        role: String => "role", plain, search;
        since: Option<Date> => "since";
        until: Option<Date> => "until";
        source_id: Option<i32> => "source";
    }
    always [organisation_id];
    relations [];
}
