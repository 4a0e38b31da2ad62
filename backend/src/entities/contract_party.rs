//! An organisation that is a party to a contract.

super::record::record! {
    /// A party to a contract, with its role.
    table "contract_parties" as ContractParty {
        contract_id: i32;
        organisation_id: i32 => "organisation";
        role: Option<String> => "role", plain;
    }
    always [contract_id, organisation_id];
    relations [];
}
