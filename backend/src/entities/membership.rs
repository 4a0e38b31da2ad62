//! An organisation's membership (Trägerschaft) in the provider for a period.

super::record::record! {
    /// A membership: joined on, left on (open), founding or not, the contract it rests on,
    /// the share of the capital and seats, and the milestones on the way.
    table "memberships" as Membership {
        organisation_id: i32 => "organisation";
        joined_on: Date => "joinedOn";
        left_on: Option<Date> => "leftOn";
        founding: bool => "founding", plain;
        contract_id: Option<i32> => "contract";
        capital_share_cents: Option<i64> => "capitalShare", cents;
        seats: Option<i32> => "seats", plain;
        council_decision_on: Option<Date> => "councilDecisionOn";
        contract_signed_on: Option<Date> => "contractSignedOn";
        legal_effect_on: Option<Date> => "legalEffectOn";
        it_takeover_on: Option<Date> => "itTakeoverOn";
        source_id: Option<i32> => "source";
    }
    always [organisation_id];
    relations ["isActive"];
}
