//! Stage 3: every page's facts -> one model (the IR of [`crate::ir`]): cross-page resolution of
//! types and operations, inheritance, recursion, example validation.
//!
//! The IR's types are re-exported here for callers outside the crate (`docgen::model::Model`);
//! inside it, every stage names them by [`crate::ir`].

pub mod bound;
pub mod conform;
pub mod draft;
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

pub use crate::ir::text::Description;
pub use crate::ir::{
    BodyKind, EnumBody, EnumMember, Example, ExampleBody, ExampleRequest, ExampleResponse,
    ExampleTest, InferredPath, Method, Model, Operation, PageInfo, PageKind, Parameter,
    PathTemplate, Property, RequestBody, Response, Segment, SegmentPart, StructBody, TypeBody,
    TypeDef, TypeKind, TypeRef, TypeRefKind, IR_VERSION, PRIMITIVES,
};
