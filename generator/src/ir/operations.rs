//! Operations: one HTTP request each, with its parameters, body, response and examples.

use super::examples::Example;
use super::method::Method;
use super::paths::PathTemplate;
use super::text::Description;
use super::types::{Property, TypeRef, TypeRefKind};
use crate::diag::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// *contract*: unique in the model; lowerCamel words from the page title (`updateUserRunStates`),
    /// qualified when two pages would give the same name.
    pub name: String,
    /// The page's H1.
    pub title: String,
    pub description: Description,
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

/// The parts of a request body's or a response's type that callers ask for most.
macro_rules! typed_accessors {
    ($owner:ty) => {
        impl $owner {
            /// The type's name, when there is a type.
            pub fn type_name(&self) -> Option<&str> {
                self.type_ref.as_ref().map(|t| t.name.as_str())
            }

            pub fn type_kind(&self) -> Option<TypeRefKind> {
                self.type_ref.as_ref().map(|t| t.kind)
            }

            /// A collection of values (false when there is no type).
            pub fn collection(&self) -> bool {
                self.type_ref.as_ref().is_some_and(|t| t.collection)
            }
        }
    };
}

typed_accessors!(RequestBody);
typed_accessors!(Response);

impl Operation {
    /// The text of each path template, in order.
    pub fn path_texts(&self) -> impl Iterator<Item = &str> {
        self.paths.iter().map(|t| t.template.as_str())
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
    /// `String` when the docs give none.
    #[serde(rename = "type")]
    pub type_ref: TypeRef,
    pub required: bool,
    pub description: Description,
    pub source: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestBody {
    /// *contract*: the body's type, or null when the body is an object of `parameters`
    /// (actions) or unknown.
    #[serde(rename = "type")]
    pub type_ref: Option<TypeRef>,
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
    pub type_ref: Option<TypeRef>,
    pub source: Span,
}
