//! The generated crate's tests: one `#[test]` per example pair of the docs, in
//! `tests/examples/<group>.rs`, all in one test binary (`tests/examples/main.rs`) so that the
//! crate is linked once. A test checks what the model says is testable (`Example::test`) and
//! what the emitter can rebuild; each part it cannot check is a note, never a silent drop.
//!
//! Here: what each test checks (the plan). `url.rs`: the URL check; `sample.rs`: sample bodies;
//! `downcast.rs`: downcast checks of derived response values; `render.rs`: the test
//! files; `support.rs`: the helpers the tests share.

use crate::diag::{Code, Diagnostic};
use crate::emit::plan::operations::{OpPlan, ResponsePlan};
use crate::emit::plan::types::TypesPlan;
use crate::ir::{BodyKind, Example};
use crate::naming::{self, Case, Request};
use std::collections::BTreeMap;

mod checks;
mod downcast;
mod render;
mod sample;
mod support;
mod url;

pub use render::{main_file, tests_file};
pub use support::support_file;
use url::{sample_check, url_check};

pub use checks::TestPlan;
use checks::{pretty_json, usable_request_json, ResponseCheck};

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
                    Some(check) if check.round_trip => downcast::plan(op, example, types),
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
