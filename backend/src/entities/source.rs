//! Where a fact comes from: an article, a notice, a register.

super::record::record! {
    /// A source: its title, publisher, address, when it was published and when it was read.
    table "sources" as Source {
        title: String => "title", plain, search;
        publisher: Option<String> => "publisher", plain, search;
        url: Option<String> => "url", plain;
        published_on: Option<Date> => "publishedOn";
        accessed_on: Option<Date> => "accessedOn";
        note: Option<String> => "note", plain;
    }
    always [];
    relations [];
}
