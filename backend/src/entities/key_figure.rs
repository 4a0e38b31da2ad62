//! A figure an organisation is known by (staff, workstations, applications) on a date.

super::record::record! {
    /// A key figure: what is counted, the value, how exact it is, and the day it describes.
    table "key_figures" as KeyFigure {
        organisation_id: i32 => "organisation";
        metric: String => "metric";
        value: i64 => "value", plain;
        qualifier: String => "qualifier";
        as_of: Date => "asOf";
        source_id: Option<i32> => "source";
    }
    always [organisation_id];
    relations [];
}
