//! Pieces every page uses: the frame ([`shell`]), the loading, empty and error states
//! ([`states`]), the frames of the list and detail pages ([`page`]), the page title
//! ([`title`]), filters kept in the URL ([`filters`], [`url_query`]), every table
//! ([`table`]), the pager under the lists ([`pager`]), the links that download a whole list
//! ([`export`]), the search box in the header ([`search`]) and the small views several
//! pages show ([`parts`], [`timeline`]).

pub mod export;
pub mod filters;
pub mod history;
pub mod page;
pub mod pager;
pub mod parts;
pub mod search;
pub mod shell;
pub mod states;
pub mod table;
pub mod timeline;
pub mod title;
pub mod url_query;
