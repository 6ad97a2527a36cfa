//! Documents kept parsed, by their text: a client sends the same few operations again and again,
//! and parsing one took about 8% of the server's time on a unit's task list (W2 of the
//! benchmark). A document that does not parse is not kept; each request still has its document
//! measured against the limits, with its own variables.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
};

use async_graphql::{ServerError, parser::types::ExecutableDocument};

/// Documents kept at most. When it is full the cache starts afresh: the operations in use are
/// parsed once more, and a stream of distinct documents cannot make it grow.
const KEPT: usize = 256;
/// The longest document kept, in bytes; a longer one is parsed each time it comes.
const LONGEST: usize = 16 * 1024;

/// Parsed documents by their text.
#[derive(Default)]
pub struct Parsed(Mutex<HashMap<String, Arc<ExecutableDocument>>>);

impl Parsed {
    /// The document `query` parses to: kept from an earlier request, or parsed now.
    pub fn parse(&self, query: &str) -> Result<Arc<ExecutableDocument>, ServerError> {
        if let Some(doc) = self.kept().get(query) {
            return Ok(doc.clone());
        }
        let doc = Arc::new(async_graphql::parser::parse_query(query)?);
        if query.len() <= LONGEST {
            let mut kept = self.kept();
            if kept.len() >= KEPT {
                kept.clear();
            }
            kept.insert(query.to_owned(), doc.clone());
        }
        Ok(doc)
    }

    fn kept(&self) -> MutexGuard<'_, HashMap<String, Arc<ExecutableDocument>>> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_parsed_once_and_what_does_not_parse_is_not_kept() {
        let parsed = Parsed::default();
        let first = parsed.parse("{ a { b } }").unwrap();
        let again = parsed.parse("{ a { b } }").unwrap();
        assert!(Arc::ptr_eq(&first, &again), "parsed twice");
        assert!(parsed.parse("{ a { b }").is_err());
        assert!(parsed.parse("{ a { b }").is_err());
        assert_eq!(parsed.kept().len(), 1);
    }

    #[test]
    fn the_kept_documents_stay_bounded() {
        let parsed = Parsed::default();
        for n in 0..(KEPT * 3 + 7) {
            parsed.parse(&format!("{{ a{n} }}")).unwrap();
            assert!(parsed.kept().len() <= KEPT);
        }
        let long = format!("{{ {} }}", "a ".repeat(LONGEST));
        parsed.parse(&long).unwrap();
        assert!(!parsed.kept().contains_key(&long), "a document longer than kept ones was kept");
    }
}
