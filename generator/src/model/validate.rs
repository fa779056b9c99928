//! Example validation against the model, as ApiDoctor's check-docs does.
//!
//! Each example's bodies are checked against the operation's body and response types (see
//! [`super::conform`]) and their shape (one object vs `{"value": [...]}`). What the generated test
//! can check is recorded in `Example::test`; every part that cannot be tested is named in
//! `skipped` and reported as an `example-not-tested` note, never dropped silently.

use super::conform::{check_complete_value, check_value, Declared, Finding};
use super::lookup::find_type;
use super::types::TypeIndex;
use crate::diag::{Code, Diagnostic, Span};
use crate::ir::{
    BodyKind, Example, ExampleBody, ExampleTest, Method, Operation, RequestBody, Response,
    TypeRefKind,
};
use serde_json::Value;

/// At most this many findings are reported per body; the rest are summed up.
const MAX_FINDINGS: usize = 10;

pub fn validate_examples(
    types: &TypeIndex,
    operations: &mut [Operation],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for op in operations.iter_mut() {
        let method = op.method;
        let body_decl = op.request_body.clone();
        let response_decl = op.response.clone();
        for example in &mut op.examples {
            example.test = check_example(
                types,
                method,
                body_decl.as_ref(),
                response_decl.as_ref(),
                example,
                diagnostics,
            );
            if !example.test.skipped.is_empty() {
                diagnostics.push(Diagnostic::new(
                    Code::ExampleNotTested,
                    example.request.source.clone(),
                    format!(
                        "example `{}` is not fully tested: {}",
                        example_label(example),
                        example.test.skipped.join("; ")
                    ),
                ));
            }
        }
    }
}

fn example_label(example: &Example) -> String {
    example
        .name
        .clone()
        .unwrap_or_else(|| example.request.url.clone())
}

fn check_example(
    types: &TypeIndex,
    method: Method,
    body_decl: Option<&RequestBody>,
    response_decl: Option<&Response>,
    example: &Example,
    diagnostics: &mut Vec<Diagnostic>,
) -> ExampleTest {
    let mut test = ExampleTest::default();
    test.url = url_testable(method, example, &mut test.skipped);
    let request = &example.request;
    if request.body.kind != BodyKind::None {
        test.request_body = request_body_testable(
            types,
            body_decl,
            response_decl,
            &request.body,
            &request.source,
            diagnostics,
            &mut test.skipped,
        );
    }
    match &example.response {
        None => test
            .skipped
            .push("there is no response example".to_string()),
        Some(response) if response.body.kind != BodyKind::None => {
            test.response_body = response_body_testable(
                types,
                response_decl,
                &response.body,
                response.truncated,
                &response.source,
                diagnostics,
                &mut test.skipped,
            );
        }
        Some(_) => {}
    }
    test
}

fn url_testable(method: Method, example: &Example, skipped: &mut Vec<String>) -> bool {
    let request = &example.request;
    let reason = if request.path.is_none() {
        Some("the URL names no Graph resource path".to_string())
    } else if let Some(other) = request.method.filter(|m| *m != method) {
        Some(format!(
            "the example uses {other} but the operation is {method}"
        ))
    } else if request.matched_template.is_none() {
        Some("the URL matches none of the operation's paths".to_string())
    } else {
        None
    };
    match reason {
        Some(reason) => {
            skipped.push(reason);
            false
        }
        None => true,
    }
}

/// Why a body's text cannot be tested at all, by its kind.
fn unusable(kind: BodyKind, which: &str) -> Option<String> {
    match kind {
        BodyKind::Placeholder => Some(format!(
            "the {which} body holds type placeholders, not values"
        )),
        BodyKind::Invalid => Some(format!("the {which} body is not valid JSON")),
        BodyKind::Other => Some(format!("the {which} body is not JSON")),
        BodyKind::None | BodyKind::Json | BodyKind::Repaired => None,
    }
}

fn request_body_testable(
    types: &TypeIndex,
    decl: Option<&RequestBody>,
    response: Option<&Response>,
    body: &ExampleBody,
    span: &Span,
    diagnostics: &mut Vec<Diagnostic>,
    skipped: &mut Vec<String>,
) -> bool {
    let Some(decl) = decl else {
        skipped.push("the operation documents no request body".to_string());
        return false;
    };
    if let Some(shown) = typed_object_for_parameters(types, decl, response, body) {
        diagnostics.push(Diagnostic::new(
            Code::ExampleRequestShape,
            span.clone(),
            shown,
        ));
        skipped.push("the request body is not the action's parameters".to_string());
        return false;
    }
    let shape_ok = match (&body.json, decl.type_name()) {
        (Some(Value::Array(_)), Some(name)) if !decl.collection() => {
            diagnostics.push(Diagnostic::new(
                Code::ExampleRequestShape,
                span.clone(),
                format!(
                    "the request body is a JSON array, but the operation takes one `{name}` object"
                ),
            ));
            false
        }
        _ => true,
    };
    if let Some(reason) = unusable(body.kind, "request") {
        skipped.push(reason);
        return false;
    }
    let Some(json) = &body.json else { return false };
    let mut findings = Vec::new();
    match decl.type_name() {
        Some(name) => {
            let kind = decl.type_kind().unwrap_or(TypeRefKind::Json);
            check_value(
                types,
                json,
                Declared {
                    name,
                    kind,
                    collection: decl.collection(),
                },
                "",
                &mut findings,
            );
        }
        None => check_parameters(types, json, decl, &mut findings),
    }
    let ok = report(findings, "request", span, diagnostics, skipped);
    if !shape_ok {
        skipped.push("the request body's shape does not fit the operation".to_string());
    }
    ok && shape_ok
}

/// An action's example body that is an object of some type (the newer template puts the
/// response type's JSON there) rather than an object of its parameters: why, when so.
fn typed_object_for_parameters(
    types: &TypeIndex,
    decl: &RequestBody,
    response: Option<&Response>,
    body: &ExampleBody,
) -> Option<String> {
    if decl.type_ref.is_some() || decl.parameters.is_empty() {
        return None;
    }
    let object = match body.json.as_ref()? {
        Value::Array(items) => items.first()?,
        other => other,
    };
    let map = object.as_object()?;
    let written = map.get("@odata.type")?.as_str()?;
    let shown = find_type(types, written)?;
    let is_parameter = |key: &String| decl.parameters.iter().any(|p| &p.name == key);
    let returned = response.and_then(|r| r.type_name());
    let is_response = returned.is_some_and(|r| r.eq_ignore_ascii_case(&shown.name));
    if map.keys().filter(|k| !k.contains('@')).any(is_parameter) {
        return None;
    }
    let parameters: Vec<String> = decl
        .parameters
        .iter()
        .map(|p| format!("`{}`", p.name))
        .collect();
    let what = if is_response {
        " (the operation's response type)"
    } else {
        ""
    };
    Some(format!(
        "the request body is a `{}` object{what}, not an object of the action's parameters ({}); it is not tested",
        shown.name,
        parameters.join(", ")
    ))
}

/// An action body: an object whose keys are the documented parameters.
fn check_parameters(
    types: &TypeIndex,
    json: &Value,
    decl: &RequestBody,
    findings: &mut Vec<Finding>,
) {
    let Value::Object(map) = json else {
        findings.push(Finding {
            code: Code::ExampleWrongKind,
            path: String::new(),
            message: "expected an object of parameters".to_string(),
        });
        return;
    };
    for (key, value) in map {
        if key.contains('@') {
            continue;
        }
        match decl.parameters.iter().find(|p| &p.name == key) {
            Some(p) => check_value(
                types,
                value,
                Declared {
                    name: &p.type_ref.name,
                    kind: p.type_ref.kind,
                    collection: p.type_ref.collection,
                },
                key,
                findings,
            ),
            None => findings.push(Finding {
                code: Code::ExampleUnknownProperty,
                path: key.clone(),
                message: format!("`{key}` is not a documented parameter"),
            }),
        }
    }
}

/// `truncated`: the annotation says the body was shortened; else it must be complete.
fn response_body_testable(
    types: &TypeIndex,
    decl: Option<&Response>,
    body: &ExampleBody,
    truncated: bool,
    span: &Span,
    diagnostics: &mut Vec<Diagnostic>,
    skipped: &mut Vec<String>,
) -> bool {
    let Some((decl, name)) = decl.and_then(|d| d.type_name().map(|n| (d, n))) else {
        if body.kind != BodyKind::Other {
            skipped.push("the operation documents no response type".to_string());
        }
        return false;
    };
    let items = body
        .json
        .as_ref()
        .map(|json| response_items(types, json, decl, name, span, diagnostics));
    if let Some(reason) = unusable(body.kind, "response") {
        skipped.push(reason);
        return false;
    }
    let Some(Some(items)) = items else {
        skipped.push("the response body's shape does not fit the operation".to_string());
        return false;
    };
    let kind = decl.type_kind().unwrap_or(TypeRefKind::Json);
    let mut findings = Vec::new();
    let check = if truncated {
        check_value
    } else {
        check_complete_value
    };
    for (path, item) in items {
        let declared = Declared {
            name,
            kind,
            collection: false,
        };
        check(types, item, declared, &path, &mut findings);
    }
    report(findings, "response", span, diagnostics, skipped)
}

/// The values to check against the response type: the body itself, or the items of its
/// `value` array for a collection. None (with `example-response-shape`) when the shape is wrong.
fn response_items<'a>(
    types: &TypeIndex,
    json: &'a Value,
    decl: &Response,
    name: &str,
    span: &Span,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<(String, &'a Value)>> {
    let wrapped = wrapped_value(json);
    let scalar = matches!(
        decl.type_kind(),
        Some(TypeRefKind::Primitive | TypeRefKind::Enum)
    );
    let type_has_value =
        find_type(types, name).is_some_and(|t| t.properties().iter().any(|p| p.name == "value"));
    let shape_error =
        |message: String| Diagnostic::new(Code::ExampleResponseShape, span.clone(), message);
    if decl.collection() {
        match wrapped {
            Some(Value::Array(items)) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (format!("value[{i}]"), v))
                    .collect(),
            ),
            _ if decl.type_kind() == Some(TypeRefKind::Primitive) && json.is_array() => {
                Some(vec![(String::new(), json)])
            }
            _ => {
                diagnostics.push(shape_error(format!(
                    "the operation returns a collection of `{name}`, but the response body is not `{{\"value\": [...]}}`"
                )));
                None
            }
        }
    } else if let (Some(inner), true) = (wrapped, scalar) {
        // OData wraps a single primitive or enum value: `{"value": 42}`.
        Some(vec![("value".to_string(), inner)])
    } else if let (Some(inner), false) = (wrapped, type_has_value) {
        let what = if inner.is_array() {
            "`{\"value\": [...]}`"
        } else {
            "`{\"value\": {...}}`"
        };
        diagnostics.push(shape_error(format!(
            "the operation returns one `{name}` object, but the response body wraps it in {what}"
        )));
        None
    } else {
        Some(vec![(String::new(), json)])
    }
}

/// `{"value": x, "@odata.*": ...}` -> x.
fn wrapped_value(json: &Value) -> Option<&Value> {
    let Value::Object(map) = json else {
        return None;
    };
    let value = map.get("value")?;
    map.keys()
        .all(|k| k == "value" || k.contains('@'))
        .then_some(value)
}

/// Findings become diagnostics (at most [`MAX_FINDINGS`]); true when none makes the body
/// non-conforming (a missing property does not: the body still fits its type).
fn report(
    findings: Vec<Finding>,
    which: &str,
    span: &Span,
    diagnostics: &mut Vec<Diagnostic>,
    skipped: &mut Vec<String>,
) -> bool {
    if findings.is_empty() {
        return true;
    }
    let total = findings.len();
    for finding in findings.iter().take(MAX_FINDINGS) {
        let place = if finding.path.is_empty() {
            String::new()
        } else {
            format!(" at `{}`", finding.path)
        };
        diagnostics.push(Diagnostic::new(
            finding.code,
            span.clone(),
            format!("{which} body{place}: {}", finding.message),
        ));
    }
    if total > MAX_FINDINGS {
        let code = findings
            .first()
            .map(|f| f.code)
            .unwrap_or(Code::ExampleWrongKind);
        diagnostics.push(Diagnostic::new(
            code,
            span.clone(),
            format!(
                "{which} body: {} more findings not shown",
                total - MAX_FINDINGS
            ),
        ));
    }
    let blocking = findings
        .iter()
        .filter(|f| f.code != Code::ExampleMissingProperty)
        .count();
    if blocking == 0 {
        return true;
    }
    skipped.push(format!(
        "the {which} body does not conform to its type ({blocking} finding(s))"
    ));
    false
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
