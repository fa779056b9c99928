//! Operations: one HTTP request each, with its parameters, body, response and examples.

use super::examples::Example;
use super::paths::PathTemplate;
use super::types::{Property, TypeRefKind};
use crate::diag::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// *contract*: unique in the model; lowerCamel words from the page title (`updateUserRunStates`),
    /// qualified when two pages would give the same name.
    pub name: String,
    /// The page's H1.
    pub title: String,
    pub description: String,
    /// *contract*: serialized as the upper-case HTTP method.
    pub method: Method,
    /// *contract*: the path templates relative to the service root, e.g.
    /// `/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}`, as written
    /// (`template`) and parsed (`segments`).
    pub paths: Vec<PathTemplate>,
    /// Documented query parameters and OData query options.
    pub query: Vec<Parameter>,
    /// Documented request headers.
    pub headers: Vec<Parameter>,
    /// *contract*
    pub request_body: Option<RequestBody>,
    /// *contract*
    pub response: Option<Response>,
    pub examples: Vec<Example>,
    /// File grouping for output: the type the operation acts on, or its first path segment.
    pub group: String,
    pub workload: String,
    /// Where the operation is documented (the page's H1).
    pub source: Span,
    /// When the path was not on the page but inferred (the seed's empty HTTP block).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred_path: Option<InferredPath>,
}

impl Operation {
    /// The text of each path template, in order.
    pub fn path_texts(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(|t| t.template.as_str())
    }
}

/// The HTTP methods an operation can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

impl Method {
    pub const ALL: [Method; 5] = [
        Method::Get,
        Method::Post,
        Method::Patch,
        Method::Put,
        Method::Delete,
    ];

    /// The upper-case name (`GET`), as HTTP and the JSON write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }

    /// The method named by `text`, in any case; None for any other word.
    pub fn parse(text: &str) -> Option<Method> {
        Method::ALL
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(text))
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InferredPath {
    /// How: e.g. "relationship userRunStates of deviceManagementScript".
    pub reason: String,
    pub from: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    pub name: String,
    /// Primitive or model type name; `String` when the docs give none.
    #[serde(rename = "type")]
    pub type_name: String,
    pub type_kind: TypeRefKind,
    pub collection: bool,
    pub required: bool,
    pub description: String,
    pub source: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestBody {
    /// *contract*: the body's type, or null when the body is an object of `parameters`
    /// (actions) or unknown.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub type_kind: Option<TypeRefKind>,
    /// *contract*
    pub collection: bool,
    /// Action parameters (the body object's properties) when `type` is null.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Property>,
    pub source: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// *contract*: the success status code.
    pub status: u16,
    /// *contract*: returned type, or null for no content.
    #[serde(rename = "type")]
    pub type_name: Option<String>,
    pub type_kind: Option<TypeRefKind>,
    /// *contract*: a collection (`{"value": [...]}` on the wire).
    pub collection: bool,
    pub source: Span,
}
