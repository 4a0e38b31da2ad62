//! A contract with its dates and term rules; its status is derived, never stored.

super::record::record! {
    /// A contract: a public-law contract to join, a service agreement, a data processing
    /// agreement, a cooperation agreement. The terms are stored as given; what follows from
    /// them (status, deadlines) is worked out by the domain crate.
    table "contracts" as Contract {
        number: Option<String> => "number", plain, search;
        title: String => "title", plain, search;
        /// The provider's file reference (Aktenzeichen).
        file_reference: Option<String> => "fileReference", plain, search;
        kind: String => "kind";
        signed_on: Option<Date> => "signedOn";
        effective_from: Option<Date> => "effectiveFrom";
        initial_term_months: Option<i32>;
        initial_term_until: Option<Date>;
        renewal: String;
        renewal_months: Option<i32>;
        notice_months: Option<i32>;
        notice_to: Option<String>;
        /// Express renewal only: the months before a term ends by which the parties decide.
        decision_months: Option<i32>;
        notice_given_on: Option<Date> => "noticeGivenOn";
        ended_on: Option<Date> => "endedOn";
        source_id: Option<i32> => "source";
    }
    always [];
    relations ["parties", "memberships", "coverages"];
}
