//! Which organisation receives which service, under which contract, when and how much.

super::record::record! {
    /// A coverage: an organisation receives a service from a day, until a day, for a number of
    /// workstations and users.
    table "coverages" as Coverage {
        contract_id: Option<i32> => "contract";
        service_id: i32 => "service";
        organisation_id: i32 => "organisation";
        starts_on: Date => "startsOn";
        ends_on: Option<Date> => "endsOn";
        workstations: Option<i32> => "workstations", plain;
        users: Option<i32> => "users", plain;
        source_id: Option<i32> => "source";
    }
    always [contract_id, service_id, organisation_id, starts_on, ends_on];
    relations ["isActive"];
}
