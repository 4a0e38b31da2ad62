//! Where a fact comes from: an article, a notice, a register.

super::record::record! {
    /// A source: its title, publisher, address, and when it was published.
    table "sources" as Source {
        title: String => "title", plain, search;
        publisher: Option<String> => "publisher", plain, search;
        url: Option<String> => "url", plain;
        published_on: Option<Date> => "publishedOn";
        note: Option<String> => "note", plain;
    }
    always [];
    relations [];
}
