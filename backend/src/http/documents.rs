//! Documents already parsed and checked, by their text.
//!
//! The web app and partner systems send the same few queries over and over; parsing one and
//! checking its limits cost more than answering a small query. A document that passed
//! [`limits::check`] is kept here, and the next request with the very same text gets a copy
//! of the parsed document and the check's outcome. Only short documents are kept, and only so
//! many: the cache cannot be used to hold much memory, and a document that does not parse
//! or is refused is never kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_graphql::parser::types::ExecutableDocument;

use super::limits::{self, Checked, LimitError};

/// The most documents kept.
pub const CAPACITY: usize = 256;
/// The longest text kept, in bytes: the app's largest query is about 1.5 KB.
pub const MAX_TEXT_BYTES: usize = 4 * 1024;

/// The parsed documents, by text.
#[derive(Debug, Default)]
pub struct Documents {
    kept: Mutex<HashMap<Box<str>, Arc<Kept>>>,
}

#[derive(Debug)]
struct Kept {
    document: ExecutableDocument,
    checked: Checked,
}

impl Documents {
    /// [`limits::check`] for `request`, from the cache when its text was checked before
    /// (the request then carries a copy of the parsed document).
    pub fn check(&self, request: &mut async_graphql::Request) -> Result<Checked, LimitError> {
        let found = self.lock().get(request.query.as_str()).cloned();
        if let Some(kept) = found {
            request.set_parsed_query(kept.document.clone());
            return Ok(kept.checked);
        }
        let checked = limits::check(request)?;
        if request.query.len() <= MAX_TEXT_BYTES
            && let Ok(document) = request.parsed_query()
        {
            let kept = Arc::new(Kept {
                document: document.clone(),
                checked,
            });
            let mut map = self.lock();
            if map.len() >= CAPACITY {
                // Full: one document makes room. Which one does not matter much; the queries
                // in use come back and are kept again.
                if let Some(key) = map.keys().next().cloned() {
                    map.remove(&key);
                }
            }
            map.insert(request.query.as_str().into(), kept);
        }
        Ok(checked)
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Box<str>, Arc<Kept>>> {
        crate::sync::locked(&self.kept)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str) -> async_graphql::Request {
        async_graphql::Request::new(query)
    }

    #[test]
    fn a_checked_document_is_kept_and_handed_out_again() {
        let documents = Documents::default();
        let query = "{ members(first: 2) { nodes { name } } }";
        let mut first = request(query);
        let checked = documents.check(&mut first).unwrap();
        assert_eq!(documents.len(), 1);
        let mut second = request(query);
        assert_eq!(documents.check(&mut second).unwrap(), checked);
        // The copy is the parsed document of this text.
        let parsed = second.parsed_query().unwrap().clone();
        let fresh = async_graphql::parser::parse_query(query).unwrap();
        assert_eq!(format!("{parsed:?}"), format!("{fresh:?}"));
    }

    #[test]
    fn a_mutation_is_still_known_as_one() {
        let documents = Documents::default();
        let query = "mutation { logout }";
        for _ in 0..2 {
            assert!(documents.check(&mut request(query)).unwrap().has_mutation);
        }
    }

    #[test]
    fn refused_unparsable_and_long_documents_are_not_kept() {
        let documents = Documents::default();
        let aliases: String = (0..=limits::MAX_ALIASES)
            .map(|i| format!("a{i}: __typename "))
            .collect();
        assert!(
            documents
                .check(&mut request(&format!("{{ {aliases} }}")))
                .is_err()
        );
        assert!(documents.check(&mut request("{ members { ")).is_ok());
        let long = format!("{{ __typename }}{}", " ".repeat(MAX_TEXT_BYTES));
        assert!(documents.check(&mut request(&long)).is_ok());
        assert_eq!(documents.len(), 0);
    }

    #[test]
    fn the_cache_stays_within_its_capacity() {
        let documents = Documents::default();
        for i in 0..CAPACITY + 10 {
            let query = format!("{{ a{i}: __typename }}");
            documents.check(&mut request(&query)).unwrap();
        }
        assert_eq!(documents.len(), CAPACITY);
    }
}
