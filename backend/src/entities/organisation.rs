//! Any party: a district, a town, an Amt, an Eigenbetrieb, a company, the provider itself.

super::record::record! {
    /// An organisation. It may belong to a parent, either as a unit (an Eigenbetrieb of its
    /// town) or as part of its territory (a town in its district): `parent_link` says which.
    table "organisations" as Organisation {
        name: String => "name", plain, search;
        short_name: Option<String> => "shortName", plain, search;
        kind: String => "kind";
        official_key: Option<String> => "officialKey", plain, search;
        parent_id: Option<i32> => "parent";
        /// `UNIT` or `TERRITORY` when there is a parent.
        parent_link: Option<String> => "parentLink";
        source_id: Option<i32> => "source";
    }
    always [];
    relations [
        "units", "territory", "memberships", "isMember", "contracts", "coverages",
        "workstations", "people", "figures",
    ];
}
