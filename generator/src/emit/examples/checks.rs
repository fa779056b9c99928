//! What one generated test checks: the plan each test file is rendered from.

use super::downcast::DowncastCheck;
use super::sample::ClearedUpdate;
use crate::emit::plan::operations::{BodyPlan, OpPlan};
use crate::emit::plan::types::Scalar;
use crate::ir::{BodyKind, Example};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// One generated test.
#[derive(Clone, Debug)]
pub struct TestPlan<'a> {
    pub op: &'a OpPlan<'a>,
    pub name: String,
    pub(super) url: Option<UrlCheck>,
    /// The request body example, as JSON text.
    pub(super) request_body: Option<String>,
    pub(super) response: Option<ResponseCheck>,
    /// Response values to read as the derived type their `@odata.type` names.
    pub(super) downcasts: Vec<DowncastCheck>,
}

#[derive(Clone, Debug)]
pub(super) struct UrlCheck {
    pub(super) template: usize,
    /// Field name -> value (decoded) of each path parameter.
    pub(super) params: Vec<(String, String)>,
    /// Field name -> value of documented query options set from the example.
    pub(super) query_fields: Vec<(String, QueryValue)>,
    pub(super) extra_query: Vec<(String, String)>,
    pub(super) body: BodyInit,
    pub(super) method: String,
    /// As written in the example (the test decodes both sides).
    pub(super) expected_path: String,
    /// Indexes (in `expected_path.split('/')`) of segments the example spells in another case
    /// than the template's literal text: Graph ignores that case, so the test does too.
    pub(super) literal_case: Vec<usize>,
    pub(super) expected_query: Vec<(String, String)>,
    /// The JSON the request must send, when the test knows it exactly.
    pub(super) expected_body: Option<String>,
}

/// A query option's value, converted exactly from the example's text.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum QueryValue {
    Str(String),
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A list field's items (`Vec<String>`).
    List(Vec<String>),
}

impl QueryValue {
    pub(super) fn tokens(&self) -> TokenStream {
        match self {
            QueryValue::Str(text) => quote!(::std::string::String::from(#text)),
            QueryValue::Bool(value) => quote!(#value),
            QueryValue::Int(value) => {
                let literal = Literal::i64_unsuffixed(*value);
                quote!(#literal)
            }
            QueryValue::Float(value) => {
                let literal = Literal::f64_unsuffixed(*value);
                quote!(#literal)
            }
            QueryValue::List(items) => {
                quote!(::std::vec![#(::std::string::String::from(#items)),*])
            }
        }
    }
}

#[derive(Clone, Debug)]
pub(super) enum BodyInit {
    None,
    /// From the example's JSON (the test's `request_body`).
    Json(String),
    Default,
    /// An update body with some properties cleared (see [`super::sample::cleared_update`]).
    Cleared(ClearedUpdate),
}

#[derive(Clone, Debug)]
pub(super) struct ResponseCheck {
    pub(super) status: u16,
    pub(super) body: String,
    pub(super) round_trip: bool,
}

pub(super) fn has_default(body: &BodyPlan<'_>) -> bool {
    match body {
        BodyPlan::Value(value) => {
            value.collection || !matches!(value.scalar, Scalar::Named { is_enum: true, .. })
        }
        BodyPlan::None | BodyPlan::Struct { .. } | BodyPlan::Raw => true,
    }
}

/// The example's request body as JSON text, when the model says it is testable.
pub(super) fn usable_request_json(op: &OpPlan<'_>, example: &Example) -> Option<String> {
    let body = &example.request.body;
    let usable = example.test.request_body
        && matches!(body.kind, BodyKind::Json | BodyKind::Repaired)
        && matches!(op.body, BodyPlan::Value(_) | BodyPlan::Struct { .. });
    usable
        .then(|| body.json.as_ref().map(pretty_json))
        .flatten()
}

/// Example JSON as the test shows it: pretty-printed, so a reviewer can read it.
pub(super) fn pretty_json(json: &serde_json::Value) -> String {
    serde_json::to_string_pretty(json).unwrap_or_else(|_| json.to_string())
}
