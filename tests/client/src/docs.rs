//! The docs' example pairs as the service's answers: the request of each example (method,
//! path, query) and the response the docs show for it.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::script::Reply;

/// The service root the docs' example URLs and links are written for.
pub const DOCS_SERVICE_ROOT: &str = "https://graph.microsoft.com/v1.0";

/// A request as the service matches it: method, decoded path below the service root, and
/// the decoded query pairs, sorted.
pub type RequestKey = (String, String, Vec<(String, String)>);

/// The example responses of the docs, by request.
#[derive(Debug, Default)]
pub struct DocsExamples {
    answers: BTreeMap<RequestKey, Reply>,
}

impl DocsExamples {
    /// The example pairs of `docs-input/` (every example with a method, a path and a
    /// response).
    pub fn load() -> DocsExamples {
        let input = workspace_root().join("docs-input");
        let model = docgen::Config::new(&input)
            .model()
            .unwrap_or_else(|error| panic!("{}: {error}", input.display()));
        let mut answers = BTreeMap::new();
        for operation in &model.operations {
            for example in &operation.examples {
                let (Some(method), Some(path), Some(response)) = (
                    example.request.method.as_ref(),
                    example.request.path.as_ref(),
                    example.response.as_ref(),
                ) else {
                    continue;
                };
                let query: Vec<(String, String)> = example
                    .request
                    .query
                    .iter()
                    .map(|(name, value)| (decode(name), decode(value)))
                    .collect();
                let key = request_key(method.as_str(), &decode(path), query);
                // Content-Length is the server's to set: the docs' are often wrong.
                let headers = response
                    .headers
                    .iter()
                    .filter(|(name, _)| !name.eq_ignore_ascii_case("content-length"))
                    .cloned()
                    .collect();
                let reply = Reply::Answer {
                    status: response.status.unwrap_or(200),
                    headers,
                    body: response.body.text.trim().as_bytes().to_vec(),
                    gzip: false,
                };
                answers.entry(key).or_insert(reply);
            }
        }
        DocsExamples { answers }
    }

    /// The docs' answer to a request, if an example shows one.
    pub fn answer(&self, key: &RequestKey) -> Option<&Reply> {
        self.answers.get(key)
    }

    pub fn len(&self) -> usize {
        self.answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }

    /// The requests the docs have answers for.
    pub fn requests(&self) -> impl Iterator<Item = &RequestKey> {
        self.answers.keys()
    }
}

/// The key of a request: the query pairs sorted, so their order does not matter.
pub fn request_key(method: &str, path: &str, mut query: Vec<(String, String)>) -> RequestKey {
    query.sort();
    (method.to_ascii_uppercase(), path.to_string(), query)
}

/// Percent-decoding, as the generated crate's runtime does it.
pub fn decode(text: &str) -> String {
    graph_bindings::runtime::percent_decode(text)
}

/// The workspace root (two folders up from this package).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .and_then(|tests| tests.parent())
        .map(PathBuf::from)
        .unwrap_or(manifest)
}
