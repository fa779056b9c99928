//! The generated crate's tests: one `#[test]` per example pair of the docs, in
//! `tests/examples/<group>.rs`, all in one test binary (`tests/examples/main.rs`) so that the
//! crate is linked once. A test checks what the model says is testable (`Example::test`) and
//! what the emitter can rebuild; each part it cannot check is a note, never a silent drop.
//!
//! Here: what each test checks (the plan). `url.rs`: the URL check; `render.rs`: the test
//! files; `support.rs`: the helpers the tests share.

use super::example_sample::ClearedUpdate;
use super::op_plan::{BodyPlan, OpPlan, ResponsePlan};
use super::plan::{Scalar, TypesPlan};
use crate::diag::{Code, Diagnostic};
use crate::ir::{BodyKind, Example};
use crate::naming::{self, Case, Request};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::BTreeMap;

mod render;
mod support;
mod url;

pub use render::{main_file, tests_file};
pub use support::support_file;
use url::{sample_check, url_check};

/// One generated test.
#[derive(Clone, Debug)]
pub struct TestPlan<'a> {
    pub op: &'a OpPlan<'a>,
    pub name: String,
    url: Option<UrlCheck>,
    /// The request body example, as JSON text.
    request_body: Option<String>,
    response: Option<ResponseCheck>,
    /// Response values to read as the derived type their `@odata.type` names.
    downcasts: Vec<super::example_downcast::DowncastCheck>,
}

#[derive(Clone, Debug)]
struct UrlCheck {
    template: usize,
    /// Field name -> value (decoded) of each path parameter.
    params: Vec<(String, String)>,
    /// Field name -> value of documented query options set from the example.
    query_fields: Vec<(String, QueryValue)>,
    extra_query: Vec<(String, String)>,
    body: BodyInit,
    method: String,
    /// As written in the example (the test decodes both sides).
    expected_path: String,
    /// Indexes (in `expected_path.split('/')`) of segments the example spells in another case
    /// than the template's literal text: Graph ignores that case, so the test does too.
    literal_case: Vec<usize>,
    expected_query: Vec<(String, String)>,
    /// The JSON the request must send, when the test knows it exactly.
    expected_body: Option<String>,
}

/// A query option's value, converted exactly from the example's text.
#[derive(Clone, Debug, PartialEq)]
enum QueryValue {
    Str(String),
    Bool(bool),
    Int(i64),
    Float(f64),
}

impl QueryValue {
    fn tokens(&self) -> TokenStream {
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
        }
    }
}

#[derive(Clone, Debug)]
enum BodyInit {
    None,
    /// From the example's JSON (the test's `request_body`).
    Json(String),
    Default,
    /// An update body with some properties cleared (see [`super::example_sample::cleared_update`]).
    Cleared(ClearedUpdate),
}

#[derive(Clone, Debug)]
struct ResponseCheck {
    status: u16,
    body: String,
    round_trip: bool,
}

/// Tests per operations module, in operation and example order.
pub fn plan_tests<'a>(
    groups: &BTreeMap<&'a str, Vec<&'a OpPlan<'a>>>,
    types: &TypesPlan<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<&'a str, Vec<TestPlan<'a>>> {
    let mut out = BTreeMap::new();
    for (module, ops) in groups {
        let mut tests = Vec::new();
        for op in ops {
            for (index, example) in op.op.examples.iter().enumerate() {
                let mut notes = Vec::new();
                let url = url_check(op, example, &mut notes)
                    .or_else(|| sample_check(op, types, example, &mut notes));
                let request_body = request_body_check(op, example, &mut notes);
                let response = response_check(op, example, &mut notes);
                for note in &notes {
                    diagnostics.push(Diagnostic::new(
                        Code::ExampleNotTested,
                        example.request.source.clone(),
                        format!("example {} of `{}`: {note}", index + 1, op.op.name),
                    ));
                }
                if url.is_none() && request_body.is_none() && response.is_none() {
                    continue;
                }
                let name = format!("{}_example_{}", naming::snake(&op.rust), index + 1);
                let downcasts = match &response {
                    Some(check) if check.round_trip => {
                        super::example_downcast::plan(op, example, types)
                    }
                    _ => Vec::new(),
                };
                tests.push(TestPlan {
                    op,
                    name,
                    url,
                    request_body,
                    response,
                    downcasts,
                });
            }
        }
        // Test names are unique per module; operation names are unique, so this rarely renames.
        let requests: Vec<Request> = tests
            .iter()
            .map(|t| Request::new(&t.name, naming::snake(&t.name), t.op.op.source.clone()))
            .collect();
        let (names, diags) = naming::resolve(
            &format!("the tests of `{module}`"),
            &[],
            &requests,
            Case::Snake,
        );
        diagnostics.extend(diags);
        for (test, name) in tests.iter_mut().zip(names) {
            test.name = name;
        }
        if !tests.is_empty() {
            out.insert(*module, tests);
        }
    }
    out
}

fn has_default(body: &BodyPlan<'_>) -> bool {
    match body {
        BodyPlan::Value(value) => {
            value.collection || !matches!(value.scalar, Scalar::Named { is_enum: true, .. })
        }
        BodyPlan::None | BodyPlan::Struct { .. } | BodyPlan::Raw => true,
    }
}

/// The example's request body as JSON text, when the model says it is testable.
fn usable_request_json(op: &OpPlan<'_>, example: &Example) -> Option<String> {
    let body = &example.request.body;
    let usable = example.test.request_body
        && matches!(body.kind, BodyKind::Json | BodyKind::Repaired)
        && matches!(op.body, BodyPlan::Value(_) | BodyPlan::Struct { .. });
    usable
        .then(|| body.json.as_ref().map(pretty_json))
        .flatten()
}

fn request_body_check(
    op: &OpPlan<'_>,
    example: &Example,
    notes: &mut Vec<String>,
) -> Option<String> {
    if !example.test.request_body {
        return None;
    }
    let text = usable_request_json(op, example);
    if text.is_none() {
        notes.push("the request body is not JSON the body type can be checked against".into());
    }
    text
}

fn response_check(
    op: &OpPlan<'_>,
    example: &Example,
    notes: &mut Vec<String>,
) -> Option<ResponseCheck> {
    if !example.test.response_body {
        return None;
    }
    let Some(response) = &example.response else {
        notes.push("there is no response example".into());
        return None;
    };
    let status = response
        .status
        .or(op.op.response.as_ref().map(|r| r.status))
        .unwrap_or(200);
    if !(200..300).contains(&status) {
        notes.push(format!(
            "the response example has status {status}, not a success"
        ));
        return None;
    }
    let json = matches!(response.body.kind, BodyKind::Json | BodyKind::Repaired)
        .then(|| response.body.json.as_ref().map(pretty_json))
        .flatten();
    match (&op.response, json) {
        (ResponsePlan::Json(_) | ResponsePlan::Collection(_), Some(body)) => Some(ResponseCheck {
            status,
            body,
            round_trip: true,
        }),
        (ResponsePlan::Json(_) | ResponsePlan::Collection(_), None) => {
            notes.push(
                "the response body is not JSON the response type can be checked against".into(),
            );
            None
        }
        (ResponsePlan::Empty | ResponsePlan::Raw, _) => Some(ResponseCheck {
            status,
            body: response.body.text.clone(),
            round_trip: false,
        }),
    }
}

/// Example JSON as the test shows it: pretty-printed, so a reviewer can read it.
fn pretty_json(json: &serde_json::Value) -> String {
    serde_json::to_string_pretty(json).unwrap_or_else(|_| json.to_string())
}
