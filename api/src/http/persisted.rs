//! Persisted queries: Apollo's automatic persisted queries, and trusted documents.
//!
//! - **Automatic persisted queries** (APQ, the `persistedQuery` extension Apollo Client and urql
//!   send): a client first sends only the SHA-256 of its document; on `PERSISTED_QUERY_NOT_FOUND`
//!   it sends the document with its hash, which the server checks and keeps (the latest 1,000),
//!   and later requests carry the hash alone.
//! - **Trusted documents** (`TRUSTED_DOCUMENTS`, a JSON file mapping each SHA-256 to its
//!   document, as `@graphql-codegen`'s or Relay's persisted-documents output): when set, the server
//!   runs those documents only, named by hash or sent whole; any other is refused. For production,
//!   where the operations are known in advance.

use std::{
    collections::{HashMap, VecDeque},
    sync::Mutex,
};

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::Code;

/// Documents kept for APQ.
const KEPT: usize = 1_000;

/// Why a request's document could not be had.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The hash names no document the server holds: send the document with it.
    NotFound,
    /// The hash sent is not the document's.
    Mismatch,
    /// Only trusted documents run here.
    NotTrusted,
}

impl Refused {
    /// The code and message the client gets.
    pub fn described(&self) -> (Code, &'static str) {
        match self {
            Refused::NotFound => (Code::PersistedQueryNotFound, "PersistedQueryNotFound"),
            Refused::Mismatch => (Code::BadUserInput, "the persistedQuery sha256Hash is not the document's"),
            Refused::NotTrusted => (
                Code::PersistedQueryNotFound,
                "only the registered operations run on this server; send one by its hash",
            ),
        }
    }
}

/// The persisted documents of a server.
pub struct Persisted {
    kept: Mutex<(HashMap<String, String>, VecDeque<String>)>,
    trusted: Option<HashMap<String, String>>,
}

/// The lower-case hex SHA-256 of a document.
pub fn hash(document: &str) -> String {
    Sha256::digest(document.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

impl Persisted {
    /// Automatic persisted queries, and trusted documents only if `trusted` is given.
    pub fn new(trusted: Option<HashMap<String, String>>) -> Persisted {
        Persisted { kept: Mutex::new((HashMap::new(), VecDeque::new())), trusted }
    }

    /// Puts the document into a request body (a JSON object) that names it by hash only, checks
    /// a hash sent with a document, and keeps it; under trusted documents, refuses any other.
    pub fn resolve(&self, body: &mut Value) -> Result<(), Refused> {
        let sent_hash =
            body.pointer("/extensions/persistedQuery/sha256Hash").and_then(Value::as_str).map(str::to_ascii_lowercase);
        let document = body.get("query").and_then(Value::as_str).filter(|q| !q.is_empty()).map(str::to_owned);
        if let Some(trusted) = &self.trusted {
            let key = match (&sent_hash, &document) {
                (Some(h), _) => h.clone(),
                (None, Some(d)) => hash(d),
                (None, None) => return Err(Refused::NotTrusted),
            };
            let known = trusted.get(&key).ok_or(Refused::NotTrusted)?;
            if document.as_deref().is_some_and(|d| d != known) {
                return Err(Refused::Mismatch);
            }
            body["query"] = Value::String(known.clone());
            return Ok(());
        }
        match (sent_hash, document) {
            (None, _) => Ok(()),
            (Some(h), Some(d)) => {
                if hash(&d) != h {
                    return Err(Refused::Mismatch);
                }
                self.keep(h, d);
                Ok(())
            }
            (Some(h), None) => {
                let kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
                let d = kept.0.get(&h).cloned().ok_or(Refused::NotFound)?;
                body["query"] = Value::String(d);
                Ok(())
            }
        }
    }

    fn keep(&self, h: String, d: String) {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if kept.0.insert(h.clone(), d).is_none() {
            kept.1.push_back(h);
            while kept.1.len() > KEPT {
                if let Some(oldest) = kept.1.pop_front() {
                    kept.0.remove(&oldest);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_hash_alone_finds_a_document_once_it_was_sent_with_it() {
        let p = Persisted::new(None);
        let doc = "{ me { id } }";
        let ext = json!({ "persistedQuery": { "version": 1, "sha256Hash": hash(doc) } });
        let mut first = json!({ "extensions": ext });
        assert_eq!(p.resolve(&mut first), Err(Refused::NotFound));
        let mut wrong = json!({ "query": "{ me { username } }", "extensions": ext });
        assert_eq!(p.resolve(&mut wrong), Err(Refused::Mismatch));
        let mut with = json!({ "query": doc, "extensions": ext });
        assert_eq!(p.resolve(&mut with), Ok(()));
        let mut again = json!({ "extensions": ext });
        assert_eq!(p.resolve(&mut again), Ok(()));
        assert_eq!(again["query"], doc);
    }

    #[test]
    fn trusted_documents_run_alone() {
        let doc = "{ me { id } }";
        let p = Persisted::new(Some(HashMap::from([(hash(doc), doc.to_owned())])));
        let mut by_hash = json!({ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": hash(doc) } } });
        assert_eq!(p.resolve(&mut by_hash), Ok(()));
        assert_eq!(by_hash["query"], doc);
        assert_eq!(p.resolve(&mut json!({ "query": doc })), Ok(()));
        assert_eq!(p.resolve(&mut json!({ "query": "{ users { totalCount } }" })), Err(Refused::NotTrusted));
    }
}
