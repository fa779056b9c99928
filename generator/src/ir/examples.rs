//! The docs' example requests and responses, and what the generated tests check of them.

use super::method::Method;
use crate::diag::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The request annotation's `name`, when there is one.
    pub name: Option<String>,
    pub request: ExampleRequest,
    pub response: Option<ExampleResponse>,
    /// What the generated test checks, and why it cannot check the rest.
    pub test: ExampleTest,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExampleRequest {
    pub method: Option<Method>,
    /// The URL as written.
    pub url: String,
    /// The path relative to the service root (`/v1.0` or `/beta` removed), not decoded; None when
    /// the URL has no resource path.
    pub path: Option<String>,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: ExampleBody,
    /// Index into `Operation::paths` of the template the path matches, and the values
    /// of its parameters.
    pub matched_template: Option<usize>,
    pub path_values: BTreeMap<String, String>,
    pub source: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExampleResponse {
    pub status: Option<u16>,
    pub headers: Vec<(String, String)>,
    pub body: ExampleBody,
    /// The annotation says the body was shortened: missing properties are not an error.
    pub truncated: bool,
    /// The annotation's `@odata.type`, as written.
    pub odata_type: Option<String>,
    pub is_collection: Option<bool>,
    pub source: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyKind {
    None,
    /// Valid JSON as written.
    Json,
    /// JSON after repair (comments, `...`, trailing commas removed).
    Repaired,
    /// JSON whose values are type placeholders (`"Int32"`, `"String (identifier)"`).
    Placeholder,
    /// Not JSON even after repair.
    Invalid,
    /// A non-JSON body (text, binary, form data).
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExampleBody {
    pub kind: BodyKind,
    /// The body text as written (after the headers).
    pub text: String,
    /// The parsed (possibly repaired) JSON value, for `Json`, `Repaired` and `Placeholder`.
    pub json: Option<serde_json::Value>,
    pub content_type: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ExampleTest {
    /// The request URL can be rebuilt from the operation's request value.
    pub url: bool,
    /// The request body deserializes into the body type.
    pub request_body: bool,
    /// The response body deserializes into the response type and round-trips.
    pub response_body: bool,
    /// Why a part is not tested (one sentence each).
    pub skipped: Vec<String>,
}
