//! The API model (IR): plain serde data, the single source of truth between reading and emitting.
//!
//! Everything here is owned, ordered data (`Vec` sorted by name, `BTreeMap`) with no Rust-emission
//! concerns, so the same model can be printed by `docgen ir` and read by other tools. Names are
//! spelled as the docs spell them (`identitySet`); primitives are Edm names without `Edm.` (`String`).
//!
//! Field names marked *contract* are read by other tools and must not change.

pub mod bound;
pub mod conform;
pub mod example_path;
pub mod infer;
pub mod lookup;
pub mod matching;
pub mod methods_index;
pub mod operations;
pub mod opnames;
pub mod owners;
pub mod relationship;
pub mod resolve;
pub mod scalar_response;
pub mod signature;
pub mod type_agreement;
pub mod type_evidence;
pub mod types;
pub mod validate;
pub mod workloads;

use crate::diag::{Diagnostic, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the IR's JSON shape; bumped on any breaking change to it.
pub const IR_VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    pub ir_version: u32,
    /// Every page read, in path order, with what it produced.
    pub pages: Vec<PageInfo>,
    /// *contract*: every type, sorted by `name`.
    pub types: Vec<TypeDef>,
    /// *contract*: every operation, sorted by `name`.
    pub operations: Vec<Operation>,
    /// Every diagnostic of every stage, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Model {
    pub fn type_by_name(&self, name: &str) -> Option<&TypeDef> {
        self.types
            .binary_search_by(|t| t.name.as_str().cmp(name))
            .ok()
            .and_then(|i| self.types.get(i))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PageKind {
    Resource,
    Enum,
    Api,
    Conceptual,
    /// Could not tell (no or unknown doc_type and nothing recognisable).
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PageInfo {
    /// Relative to the input folder, `/` separated.
    pub path: String,
    pub kind: PageKind,
    pub title: String,
    pub workload: String,
    /// Names of the types and operations this page produced.
    pub produced: Vec<String>,
    /// Why the page produced nothing, as `<cause>: <detail>`, when it did not (conceptual pages
    /// say they were not expected to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropped: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// Has a key (explicit or inherited): addressable by id.
    Entity,
    /// A structured value without identity.
    Complex,
    Enum,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeDef {
    /// *contract*: unique in the model. Bare for `microsoft.graph` types (`identitySet`); qualified
    /// by the sub-namespace for others (`callRecords.session`).
    pub name: String,
    /// Full OData namespace, e.g. `microsoft.graph` or `microsoft.graph.callRecords`.
    pub namespace: String,
    /// *contract*
    pub kind: TypeKind,
    /// *contract*: name of the base type, or null.
    pub base: Option<String>,
    #[serde(rename = "abstract")]
    pub is_abstract: bool,
    /// Open types accept properties they do not declare.
    pub open: bool,
    /// Name of the key property (own or inherited), for entities.
    pub key: Option<String>,
    pub description: String,
    /// *contract*: the type's own properties (not those of its base types), in page order.
    pub properties: Vec<Property>,
    /// *contract*: enum members in page order; empty for structured types.
    pub members: Vec<EnumMember>,
    /// Whether the enum is a flags enum (members combine).
    pub flags: bool,
    /// Names of the types whose `base` is this type, sorted.
    pub derived: Vec<String>,
    /// Properties a complete example of the type shows (ApiDoctor's rule): the JSON
    /// representation's keys that are properties, minus the annotation's `optionalProperties`.
    /// A response example not marked `truncated` that lacks one is reported.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub example_properties: Vec<String>,
    /// The docs' `ms.prod` (or area) of the defining page; used for cargo features.
    pub workload: String,
    /// Where the type is defined.
    pub source: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TypeRefKind {
    /// An Edm primitive (`type` is its name: String, Int32, DateTimeOffset, ...).
    Primitive,
    /// A structured type defined in the model.
    Entity,
    Complex,
    Enum,
    /// Untyped JSON (`Json`, `JSON object`, or a type that could not be read).
    Json,
    /// A named type that no page defines; emitted as untyped JSON.
    Unresolved,
}

/// The primitive type names the model uses (canonical Edm spelling, no `Edm.`).
pub const PRIMITIVES: &[&str] = &[
    "Binary",
    "Boolean",
    "Byte",
    "Date",
    "DateTimeOffset",
    "Decimal",
    "Double",
    "Duration",
    "Guid",
    "Int16",
    "Int32",
    "Int64",
    "SByte",
    "Single",
    "Stream",
    "String",
    "TimeOfDay",
];

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Property {
    /// *contract*: the wire name, as the docs spell it (`errorDeviceCount`, `@odata.type`).
    pub name: String,
    /// *contract*: primitive name, a model type name, `Json`, or (when unresolved) the name as written.
    #[serde(rename = "type")]
    pub type_name: String,
    pub type_kind: TypeRefKind,
    /// *contract*
    pub collection: bool,
    /// *contract*: whether the value may be null or absent.
    pub nullable: bool,
    /// *contract*: set by the service; never sent in create or update bodies.
    pub read_only: bool,
    /// *contract*: a relationship (navigation property).
    pub navigation: bool,
    /// The property's own type refers back to the owner through non-collection fields: the
    /// emitter must box it.
    pub recursive: bool,
    pub description: String,
    /// Values listed in "Possible values are ..." prose, when the type is a String.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub possible_values: Vec<String>,
    pub source: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnumMember {
    /// *contract*: the wire value (`notApplicable`).
    pub name: String,
    /// *contract*: the documented integer value, or null.
    pub value: Option<i64>,
    pub description: String,
    pub source: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    /// *contract*: unique in the model; lowerCamel words from the page title (`updateUserRunStates`),
    /// qualified when two pages would give the same name.
    pub name: String,
    /// The page's H1.
    pub title: String,
    pub description: String,
    /// *contract*: upper-case HTTP method.
    pub method: String,
    /// *contract*: path templates relative to the service root, e.g.
    /// `/deviceManagement/deviceManagementScripts/{deviceManagementScriptId}`.
    pub paths: Vec<String>,
    /// The same paths, parsed. Same order as `paths`.
    pub path_templates: Vec<PathTemplate>,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InferredPath {
    /// How: e.g. "relationship userRunStates of deviceManagementScript".
    pub reason: String,
    pub from: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathTemplate {
    /// The normalised template text, as in `Operation::paths`.
    pub template: String,
    pub segments: Vec<Segment>,
    /// Query string fixed by the template (`?$expand=x`), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixed_query: Vec<(String, String)>,
    pub source: Span,
}

impl PathTemplate {
    /// Names of the template's parameters in order of appearance.
    pub fn parameters(&self) -> impl Iterator<Item = &str> {
        self.segments
            .iter()
            .flat_map(|s| s.parts.iter())
            .filter_map(|p| match p {
                SegmentPart::Param(name) => Some(name.as_str()),
                SegmentPart::Literal(_) => None,
            })
    }
}

/// One `/`-separated path segment: literal text and parameters, e.g.
/// `getSchedule(start='{start}')` is `[Literal("getSchedule(start='"), Param("start"), Literal("')")]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    pub parts: Vec<SegmentPart>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentPart {
    Literal(String),
    /// A placeholder: the docs' name inside the braces, normalised (`{id | userPrincipalName}` is `id`).
    Param(String),
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
    pub method: Option<String>,
    /// The URL as written.
    pub url: String,
    /// The path relative to the service root (`/v1.0` or `/beta` removed), not decoded; None when
    /// the URL has no resource path.
    pub path: Option<String>,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: ExampleBody,
    /// Index into `Operation::path_templates` of the template the path matches, and the values
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
