//! The API model (IR): plain serde data, the single source of truth between reading and emitting.
//!
//! Everything here is owned, ordered data (`Vec` sorted by name, `BTreeMap`) with no Rust-emission
//! concerns, so the same model can be printed by `docgen ir` and read by other tools. Names are
//! spelled as the docs spell them (`identitySet`); primitives are Edm names without `Edm.` (`String`).
//! This module is a leaf: it depends on nothing in the crate but [`crate::diag`], so every stage
//! (facts, model, emit) can share its types without depending on each other.
//!
//! Field names marked *contract* are read by other tools and must not change.

mod examples;
mod method;
mod operations;
mod paths;
pub mod text;
mod types;

pub use examples::{BodyKind, Example, ExampleBody, ExampleRequest, ExampleResponse, ExampleTest};
pub use method::Method;
pub use operations::{InferredPath, Operation, Parameter, RequestBody, Response};
pub use paths::{PathTemplate, Segment, SegmentPart};
pub use types::{
    EnumBody, EnumMember, Property, StructBody, TypeBody, TypeDef, TypeKind, TypeRef, TypeRefKind,
    PRIMITIVES,
};

use crate::diag::Diagnostic;
use serde::{Deserialize, Serialize};

/// Version of the IR's JSON shape; bumped on any breaking change to it (the README's "The IR"
/// section says what changed).
pub const IR_VERSION: u32 = 2;

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
