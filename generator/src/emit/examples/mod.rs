//! The generated crate's tests: one `#[test]` per example pair of the docs, in
//! `tests/examples/<group>.rs`, all in one test binary (`tests/examples/main.rs`) so that the
//! crate is linked once. A test checks what the model says is testable (`Example::test`) and
//! what the emitter can rebuild; each part it cannot check is a note, never a silent drop.

use super::docs::code;
use super::example_sample::{self as sample, ClearedUpdate};
use super::op_plan::{BodyPlan, OpPlan, ResponsePlan};
use super::operations::retarget;
use super::plan::{Scalar, TypesPlan};
use super::structs::value_tokens;
use super::{cfg_feature, rust_ident};
use crate::diag::{Code, Diagnostic};
use crate::model::{BodyKind, Example};
use crate::naming::{self, Case, Request};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use std::collections::BTreeMap;

/// One generated test.
#[derive(Clone, Debug)]
pub struct TestPlan<'a> {
    pub op: &'a OpPlan<'a>,
    pub name: String,
    url: Option<UrlCheck>,
    /// The request body example, as JSON text.
    request_body: Option<String>,
    response: Option<ResponseCheck>,
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
    /// An update body with some properties cleared (see [`sample::cleared_update`]).
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
                tests.push(TestPlan {
                    op,
                    name,
                    url,
                    request_body,
                    response,
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

fn url_check(op: &OpPlan<'_>, example: &Example, notes: &mut Vec<String>) -> Option<UrlCheck> {
    if !example.test.url {
        return None;
    }
    let request = &example.request;
    let Some(template_index) = request.matched_template else {
        notes.push(
            "the request URL matches none of the operation's paths; the URL is not checked".into(),
        );
        return None;
    };
    let (Some(template), Some(expected_path)) = (op.templates.get(template_index), &request.path)
    else {
        notes.push("the matched path template is missing; the URL is not checked".into());
        return None;
    };
    if let Some(method) = &request.method {
        if !method.eq_ignore_ascii_case(&op.op.method) {
            notes.push(format!(
                "the example sends {method}, the operation {}; the URL is not checked",
                op.op.method
            ));
            return None;
        }
    }
    if template.params.iter().any(|p| p.repeated) {
        notes.push("the path names a parameter twice, so the example's values cannot be told apart; the URL is not checked".into());
        return None;
    }
    let mut params = Vec::new();
    for param in &template.params {
        match request.path_values.get(&param.wire) {
            Some(value) => params.push((param.rust.clone(), percent_decode(value))),
            None => {
                notes.push(format!(
                    "no value for path parameter {}; the URL is not checked",
                    code(&param.wire)
                ));
                return None;
            }
        }
    }
    let body = match &op.body {
        BodyPlan::None => BodyInit::None,
        BodyPlan::Value(_) | BodyPlan::Struct { .. } => match usable_request_json(op, example) {
            Some(text) => BodyInit::Json(text),
            None if has_default(&op.body) => BodyInit::Default,
            None => {
                notes.push(
                    "the request body cannot be built from the example; the URL is not checked"
                        .into(),
                );
                return None;
            }
        },
        BodyPlan::Raw => BodyInit::Default,
    };

    // Query: the template's fixed pairs are sent by the operation itself; the rest go to
    // documented fields where the value converts exactly, else to `additional_query`.
    let mut remaining: Vec<(String, String)> = request.query.clone();
    let mut expected_query = request.query.clone();
    for (name, value) in &template.template.fixed_query {
        match remaining
            .iter()
            .position(|(n, v)| percent_decode(n) == *name && percent_decode(v) == *value)
        {
            Some(i) => {
                remaining.remove(i);
            }
            None => expected_query.push((name.clone(), value.clone())),
        }
    }
    let mut query_fields: Vec<(String, QueryValue)> = Vec::new();
    let mut extra_query = Vec::new();
    for (name, value) in remaining {
        let (name, value) = (percent_decode(&name), percent_decode(&value));
        let field = op
            .query
            .iter()
            .find(|q| q.param.name == name && !query_fields.iter().any(|(f, _)| *f == q.rust));
        match field
            .filter(|q| !q.value.collection)
            .and_then(|q| query_literal(&q.value.scalar, &value).map(|t| (q, t)))
        {
            Some((q, tokens)) => query_fields.push((q.rust.clone(), tokens)),
            None => extra_query.push((name, value)),
        }
    }
    let literal_case =
        literal_case_segments(template.template, expected_path, &request.path_values);
    Some(UrlCheck {
        literal_case,
        template: template_index,
        params,
        query_fields,
        extra_query,
        body,
        method: op.op.method.to_ascii_uppercase(),
        expected_path: expected_path.clone(),
        expected_query,
        expected_body: None,
    })
}

/// For an example whose URL names no resource path: the request built from the operation's
/// first path with sample parameter values (see [`sample`]). The note says what is checked and
/// what is not.
fn sample_check(
    op: &OpPlan<'_>,
    types: &TypesPlan<'_>,
    example: &Example,
    notes: &mut Vec<String>,
) -> Option<UrlCheck> {
    let request = &example.request;
    let method_fits = request
        .method
        .as_deref()
        .is_none_or(|m| m.eq_ignore_ascii_case(&op.op.method));
    if request.path.is_some() || !method_fits {
        return None;
    }
    let template = op.templates.first()?;
    let expected_path = sample::sample_path(op, 0)?;
    let params = template
        .params
        .iter()
        .map(|p| (p.rust.clone(), sample::sample_value(&p.wire)))
        .collect();
    let cleared = sample::cleared_update(op, types, example);
    let (body, expected_body) = match (&op.body, cleared) {
        (BodyPlan::None, _) => (BodyInit::None, None),
        (_, Some(cleared)) => {
            let expected = cleared.expected.clone();
            (BodyInit::Cleared(cleared), Some(expected))
        }
        (body, None) => match usable_request_json(op, example) {
            Some(text) => (BodyInit::Json(text), None),
            None if has_default(body) => (BodyInit::Default, None),
            None => return None,
        },
    };
    let cleared = match &body {
        BodyInit::Cleared(cleared) => Some(cleared),
        _ => None,
    };
    notes.push(sample::describe(op, 0, cleared, &example.test.skipped));
    Some(UrlCheck {
        template: 0,
        params,
        query_fields: Vec::new(),
        extra_query: Vec::new(),
        body,
        method: op.op.method.to_ascii_uppercase(),
        expected_path,
        // Built from the template itself: spelled alike.
        literal_case: Vec::new(),
        expected_query: template.template.fixed_query.clone(),
        expected_body,
    })
}

/// Segments of the example path that differ from the template (its literals with the example's
/// values) only in ASCII case. Empty when the two do not align segment by segment.
fn literal_case_segments(
    template: &crate::model::PathTemplate,
    path: &str,
    values: &BTreeMap<String, String>,
) -> Vec<usize> {
    use crate::model::SegmentPart;
    let written: Vec<String> = path.split('/').map(percent_decode).collect();
    let rendered: Vec<String> = std::iter::once(String::new())
        .chain(template.segments.iter().map(|segment| {
            segment
                .parts
                .iter()
                .map(|part| match part {
                    SegmentPart::Literal(text) => text.clone(),
                    SegmentPart::Param(name) => values.get(name).cloned().unwrap_or_default(),
                })
                .collect()
        }))
        .collect();
    if written.len() != rendered.len() {
        return Vec::new();
    }
    written
        .iter()
        .zip(&rendered)
        .enumerate()
        .filter(|(_, (w, r))| w != r && w.eq_ignore_ascii_case(r))
        .map(|(i, _)| i)
        .collect()
}

/// The value of a documented query field, when the text converts back to the same text.
fn query_literal(scalar: &Scalar, value: &str) -> Option<QueryValue> {
    match scalar {
        Scalar::String => Some(QueryValue::Str(value.to_string())),
        Scalar::Bool => match value {
            "true" => Some(QueryValue::Bool(true)),
            "false" => Some(QueryValue::Bool(false)),
            _ => None,
        },
        Scalar::I8 | Scalar::U8 | Scalar::I16 | Scalar::I32 | Scalar::I64 => {
            let number: i64 = value.parse().ok()?;
            let fits = match scalar {
                Scalar::I8 => i8::try_from(number).is_ok(),
                Scalar::U8 => u8::try_from(number).is_ok(),
                Scalar::I16 => i16::try_from(number).is_ok(),
                Scalar::I32 => i32::try_from(number).is_ok(),
                _ => true,
            };
            (fits && number.to_string() == value).then_some(QueryValue::Int(number))
        }
        Scalar::F32 | Scalar::F64 => {
            let number: f64 = value.parse().ok()?;
            (number.is_finite() && number.to_string() == value && value.contains('.'))
                .then_some(QueryValue::Float(number))
        }
        Scalar::Named { .. } | Scalar::Json => None,
    }
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

/// A literal for example JSON: a raw string (`r#"..."#` with enough `#`s that no `"#...` inside
/// ends it) so the JSON reads as written, or an escaped string when the text holds a character
/// that Rust's escaping would show differently (a control character, a bidi override): a raw
/// string would hide it, or reject it (a carriage return).
///
/// Only JSON that [`pretty_json`] printed goes here: each of its lines starts with a quote,
/// bracket, brace or literal, never with an item keyword, which `format::space_out_items`
/// relies on to leave multi-line literals alone.
fn json_literal(text: &str) -> Literal {
    let plain =
        |c: char| matches!(c, '\n' | '\t' | '"' | '\\' | '\'') || c.escape_debug().count() == 1;
    if !text.chars().all(plain) {
        return Literal::string(text);
    }
    let hashes = "#".repeat(longest_hash_run_after_quote(text) + 1);
    format!("r{hashes}\"{text}\"{hashes}")
        .parse::<Literal>()
        .unwrap_or_else(|_| Literal::string(text))
}

/// The longest run of `#` right after a `"` in `text` (0 when there is none).
fn longest_hash_run_after_quote(text: &str) -> usize {
    text.split('"')
        .skip(1)
        .map(|after| after.chars().take_while(|c| *c == '#').count())
        .max()
        .unwrap_or(0)
}

/// Decodes `%XX` escapes (invalid ones are kept as written; `+` stays `+`).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (byte, hex(i + 1), hex(i + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub fn main_file(modules: &[&str]) -> TokenStream {
    let modules = modules.iter().map(|m| rust_ident(m));
    quote! {
        //! Tests made from the docs' example requests and responses, one per example pair: the
        //! request value rebuilds the example's method, path and query; the request body example
        //! deserializes into the body type; the response example parses into the response type
        //! and serializes back without losing a property.

        #[rustfmt::skip]
        mod support;
        #(
            #[rustfmt::skip]
            mod #modules;
        )*
    }
}

pub fn tests_file(tests: &[TestPlan<'_>], krate: &str) -> TokenStream {
    let krate = rust_ident(krate);
    let root = quote!(::#krate);
    let items = tests.iter().map(|test| test_fn(test, &root));
    quote! { #(#items)* }
}

fn test_fn(test: &TestPlan<'_>, root: &TokenStream) -> TokenStream {
    let op = test.op;
    let cfg = cfg_feature(std::slice::from_ref(&op.feature));
    let name = rust_ident(&test.name);
    let op_ident = rust_ident(&op.rust);
    let op_path = quote!(#root::operations::#op_ident);

    let url = test.url.as_ref().map(|url| {
        let literal = operation_literal(op, url, &op_path, root);
        let method = &url.method;
        let path = &url.expected_path;
        let query = url.expected_query.iter().map(|(k, v)| quote!((#k, #v)));
        let check = if url.literal_case.is_empty() {
            quote!(crate::support::check_request(&request, #method, #path, &[#(#query),*]);)
        } else {
            let segments = url.literal_case.iter().map(|i| Literal::usize_unsuffixed(*i));
            quote! {
                crate::support::check_request_ignoring_case(&request, #method, #path, &[#(#query),*], &[#(#segments),*]);
            }
        };
        let body = url.expected_body.as_ref().map(|expected| {
            let expected = json_literal(expected);
            quote! { crate::support::check_body(&request, #expected); }
        });
        quote! {
            let operation = #literal;
            let request = #root::runtime::Operation::to_request(&operation)
                .unwrap_or_else(|error| panic!("building the request failed: {error}"));
            #check
            #body
        }
    });
    let request_body = test.request_body.as_ref().map(|text| {
        let ty = match &op.body {
            BodyPlan::Struct { rust, .. } => {
                let ident = rust_ident(rust);
                quote!(#root::operations::#ident)
            }
            BodyPlan::Value(value) => retarget(value_tokens(value), root),
            BodyPlan::None | BodyPlan::Raw => quote!(::serde_json::Value),
        };
        let text = json_literal(text);
        quote! { crate::support::round_trip::<#ty>(#text); }
    });
    let response = test.response.as_ref().map(|check| {
        let status = check.status;
        let body = if check.round_trip {
            json_literal(&check.body)
        } else {
            Literal::string(&check.body)
        };
        let parse = quote! {
            <#op_path as #root::runtime::Operation>::parse_response(crate::support::response(#status, #body))
                .unwrap_or_else(|error| panic!("the response example does not parse: {error}"))
        };
        if check.round_trip {
            quote! {
                let parsed = #parse;
                crate::support::check_no_loss(&parsed, #body);
            }
        } else if op.response == ResponsePlan::Raw {
            quote! { assert_eq!(#parse, #body.as_bytes()); }
        } else {
            quote! { #parse; }
        }
    });
    quote! {
        #cfg
        #[test]
        fn #name() {
            #url
            #request_body
            #response
        }
    }
}

/// The operation value for the example: path parameters, body, query fields.
fn operation_literal(
    op: &OpPlan<'_>,
    url: &UrlCheck,
    op_path: &TokenStream,
    root: &TokenStream,
) -> TokenStream {
    let string = |value: &str| quote!(::std::string::String::from(#value));
    let param_fields = |only_unique: bool| {
        let mut seen = std::collections::BTreeSet::new();
        url.params
            .iter()
            .filter(|(rust, _)| !only_unique || seen.insert(rust.clone()))
            .map(|(rust, value)| {
                let field = rust_ident(rust);
                let value = string(value);
                quote!(#field: #value)
            })
            .collect::<Vec<_>>()
    };
    let mut fields: Vec<TokenStream> = Vec::new();
    match (&op.path_enum, op.templates.get(url.template)) {
        (Some(path_enum), Some(template)) => {
            let enum_ident = rust_ident(path_enum);
            let variant = rust_ident(&template.variant);
            let params = param_fields(true);
            let path_field = rust_ident(super::op_plan::PATH_FIELD);
            if params.is_empty() {
                fields.push(quote!(#path_field: #root::operations::#enum_ident::#variant));
            } else {
                fields.push(
                    quote!(#path_field: #root::operations::#enum_ident::#variant { #(#params),* }),
                );
            }
        }
        _ => fields.extend(param_fields(true)),
    }
    let body_field = rust_ident(super::op_plan::BODY_FIELD);
    match &url.body {
        BodyInit::None => {}
        BodyInit::Json(text) => {
            let text = json_literal(text);
            fields.push(quote!(#body_field: crate::support::from_json(#text)));
        }
        BodyInit::Default => fields.push(quote!(#body_field: ::core::default::Default::default())),
        BodyInit::Cleared(cleared) => {
            let update = rust_ident(&cleared.update);
            let cleared = cleared.fields.iter().map(|field| {
                let field = rust_ident(field);
                quote!(#field: #root::runtime::Patch::Clear)
            });
            fields.push(quote! {
                #body_field: #root::types::#update {
                    #(#cleared,)*
                    ..::core::default::Default::default()
                }
            });
        }
    }
    for q in &op.query {
        let field = rust_ident(&q.rust);
        let set = url
            .query_fields
            .iter()
            .find(|(rust, _)| *rust == q.rust)
            .map(|(_, value)| value.tokens());
        fields.push(match (set, q.value.collection) {
            (Some(tokens), _) => quote!(#field: ::core::option::Option::Some(#tokens)),
            (None, true) => quote!(#field: ::std::vec::Vec::new()),
            (None, false) => quote!(#field: ::core::option::Option::None),
        });
    }
    let extra_field = rust_ident(super::op_plan::EXTRA_QUERY_FIELD);
    let extra = url.extra_query.iter().map(|(k, v)| {
        let (k, v) = (string(k), string(v));
        quote!((#k, #v))
    });
    fields.push(quote!(#extra_field: ::std::vec![#(#extra),*]));
    quote!(#op_path { #(#fields),* })
}

pub fn support_file(krate: &str) -> TokenStream {
    let krate = rust_ident(krate);
    quote! {
        //! Checks shared by the example tests.
        #![allow(dead_code, reason = "a workload feature can leave a check unused")]

        /// Deserializes an example, or fails the test saying why.
        pub fn from_json<T: ::serde::de::DeserializeOwned>(text: &str) -> T {
            ::serde_json::from_str(text).unwrap_or_else(|error| panic!("the example does not deserialize: {error}\n{text}"))
        }

        /// Deserializes an example into `T` and checks that serializing it loses nothing.
        pub fn round_trip<T: ::serde::Serialize + ::serde::de::DeserializeOwned>(text: &str) {
            let value: T = from_json(text);
            check_no_loss(&value, text);
        }

        /// Checks that `value` serializes to JSON holding every property of the example `text`.
        /// A `null` or empty array may come back absent (Graph treats them alike); numbers
        /// compare as numbers (`1` = `1.0`; `Single` loses precision).
        pub fn check_no_loss<T: ::serde::Serialize>(value: &T, text: &str) {
            let original: ::serde_json::Value = from_json(text);
            let again = ::serde_json::to_value(value).unwrap_or_else(|error| panic!("serializing failed: {error}"));
            compare(&original, &again, "$");
        }

        fn compare(original: &::serde_json::Value, again: &::serde_json::Value, at: &str) {
            use ::serde_json::Value;
            match (original, again) {
                (Value::Object(original), Value::Object(again)) => {
                    for (key, value) in original {
                        match again.get(key) {
                            Some(other) => compare(value, other, &format!("{at}.{key}")),
                            None => assert!(
                                value.is_null() || value.as_array().is_some_and(Vec::is_empty),
                                "{at}.{key} was lost in the round trip (it was {value})"
                            ),
                        }
                    }
                }
                (Value::Array(original), Value::Array(again)) => {
                    assert_eq!(original.len(), again.len(), "{at}: the array changed length");
                    for (index, (value, other)) in original.iter().zip(again).enumerate() {
                        compare(value, other, &format!("{at}[{index}]"));
                    }
                }
                (Value::Number(a), Value::Number(b)) => {
                    let same = match (a.as_i64(), b.as_i64(), a.as_u64(), b.as_u64()) {
                        (Some(x), Some(y), _, _) => x == y,
                        (_, _, Some(x), Some(y)) => x == y,
                        _ => match (a.as_f64(), b.as_f64()) {
                            (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
                            _ => false,
                        },
                    };
                    assert!(same, "{at}: {a} came back as {b}");
                }
                (original, again) => assert_eq!(original, again, "{at} changed in the round trip"),
            }
        }

        /// Decodes `%XX` escapes (`+` stays `+`).
        pub fn decode(text: &str) -> String {
            let bytes = text.as_bytes();
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while let Some(&byte) = bytes.get(i) {
                let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
                match (byte, hex(i + 1), hex(i + 2)) {
                    (b'%', Some(high), Some(low)) => {
                        out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                        i += 3;
                    }
                    _ => {
                        out.push(byte);
                        i += 1;
                    }
                }
            }
            String::from_utf8_lossy(&out).into_owned()
        }

        /// Checks a built request against an example's method, path (relative to the service
        /// root) and query, comparing decoded text (the example may encode differently).
        pub fn check_request(request: &::http::Request<Vec<u8>>, method: &str, path: &str, query: &[(&str, &str)]) {
            check_request_ignoring_case(request, method, path, query, &[]);
        }

        /// `check_request`, where the segments of `path` at the indexes `literal_case` (of
        /// `path.split('/')`) compare without ASCII case: the example spells a literal segment
        /// in another case than the docs' request syntax, and Graph ignores that case.
        pub fn check_request_ignoring_case(request: &::http::Request<Vec<u8>>, method: &str, path: &str, query: &[(&str, &str)], literal_case: &[usize]) {
            assert_eq!(request.method().as_str(), method, "method");
            let base: ::http::Uri = ::#krate::runtime::DEFAULT_BASE_URL
                .parse()
                .unwrap_or_else(|error| panic!("DEFAULT_BASE_URL: {error}"));
            let expected = decode(&format!("{}{}", base.path().trim_end_matches('/'), path));
            let actual = decode(request.uri().path());
            if literal_case.is_empty() {
                assert_eq!(actual, expected, "path");
            } else {
                let actual_segments: Vec<&str> = actual.split('/').collect();
                let expected_segments: Vec<&str> = expected.split('/').collect();
                assert_eq!(actual_segments.len(), expected_segments.len(), "path: {actual} vs {expected}");
                let offset = expected_segments.len().saturating_sub(path.split('/').count());
                for (i, (a, e)) in actual_segments.iter().zip(&expected_segments).enumerate() {
                    let same = if i >= offset && literal_case.contains(&(i - offset)) {
                        a.eq_ignore_ascii_case(e)
                    } else {
                        a == e
                    };
                    assert!(same, "path: {actual} vs {expected} (segment {i})");
                }
            }
            let mut actual: Vec<(String, String)> = request
                .uri()
                .query()
                .unwrap_or_default()
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(name), decode(value))
                })
                .collect();
            let mut expected: Vec<(String, String)> = query.iter().map(|(name, value)| (decode(name), decode(value))).collect();
            actual.sort();
            expected.sort();
            assert_eq!(actual, expected, "query");
        }

        /// Checks that a built request sends exactly the JSON body `expected`.
        pub fn check_body(request: &::http::Request<Vec<u8>>, expected: &str) {
            let sent: ::serde_json::Value = ::serde_json::from_slice(request.body())
                .unwrap_or_else(|error| panic!("the request body is not JSON: {error}"));
            let expected: ::serde_json::Value = from_json(expected);
            assert_eq!(sent, expected, "body");
        }

        /// An HTTP response holding an example body.
        pub fn response(status: u16, body: &str) -> ::http::Response<Vec<u8>> {
            ::http::Response::builder()
                .status(status)
                .header("content-type", "application/json")
                .body(body.as_bytes().to_vec())
                .unwrap_or_else(|error| panic!("building the response failed: {error}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_keeps_what_is_not_an_escape() {
        assert_eq!(percent_decode("a%2Fb%20c"), "a/b c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz+%4"), "%zz+%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
    }

    #[test]
    fn literal_case_segments_are_those_differing_only_in_case() {
        let template = crate::facts::template::parse_template(
            "/directoryRoles/{id}/scopedMembers",
            &crate::diag::Span::default(),
        )
        .expect("template");
        let segments = |path: &str| {
            let values =
                crate::model::matching::match_template(path, &template).unwrap_or_default();
            literal_case_segments(&template, path, &values)
        };
        assert_eq!(segments("/directoryroles/AbC/scopedMembers"), [1]);
        assert_eq!(segments("/DIRECTORYROLES/AbC/scopedmembers"), [1, 3]);
        assert!(segments("/directoryRoles/AbC/scopedMembers").is_empty());
        // The value keeps its case: only literals are compared without it.
        assert!(segments("/directoryRoles/a%20b/scopedMembers").is_empty());
    }

    #[test]
    fn query_values_convert_only_when_exact() {
        assert_eq!(query_literal(&Scalar::I32, "5"), Some(QueryValue::Int(5)));
        assert_eq!(query_literal(&Scalar::I32, "05"), None);
        assert_eq!(query_literal(&Scalar::I8, "300"), None);
        assert_eq!(query_literal(&Scalar::Bool, "True"), None);
        assert_eq!(
            query_literal(&Scalar::Bool, "true"),
            Some(QueryValue::Bool(true))
        );
        assert_eq!(
            query_literal(&Scalar::F64, "1.5"),
            Some(QueryValue::Float(1.5))
        );
        assert_eq!(query_literal(&Scalar::F64, "1"), None);
        assert_eq!(query_literal(&Scalar::Json, "x"), None);
        assert_eq!(
            query_literal(&Scalar::String, "a b"),
            Some(QueryValue::Str("a b".into()))
        );
    }

    #[test]
    fn json_literals_are_raw_with_enough_hashes() {
        let json = "{\n  \"@odata.type\": \"#microsoft.graph.user\"\n}";
        let literal = json_literal(json).to_string();
        assert_eq!(literal, format!("r##\"{json}\"##"));
        let parsed: syn::LitStr = syn::parse_str(&literal).expect("a string literal");
        assert_eq!(parsed.value(), json);
        assert_eq!(json_literal("{}").to_string(), "r#\"{}\"#");
        assert_eq!(longest_hash_run_after_quote("\"###a\" \"#b"), 3);
        let tricky = "[\"\\\"#\", \"a\\\\\"##\"]";
        let parsed: syn::LitStr = syn::parse_str(&json_literal(tricky).to_string()).expect("lit");
        assert_eq!(parsed.value(), tricky);
    }

    #[test]
    fn json_literals_escape_what_a_raw_string_would_hide() {
        for text in [
            "{\"a\": \"\u{202e}\"}",
            "{\"a\":\r\n1}",
            "{\"a\": \"\u{0}\"}",
        ] {
            let literal = json_literal(text).to_string();
            assert!(literal.starts_with('"'), "{literal}");
            let parsed: syn::LitStr = syn::parse_str(&literal).expect("a string literal");
            assert_eq!(parsed.value(), text);
        }
    }

    #[test]
    fn prettyplease_keeps_raw_literals() {
        let literal = json_literal("{\n  \"a\": \"#b\"\n}");
        let file = crate::format::format_file(quote! {
            fn f() { check(#literal); }
        })
        .expect("valid tokens");
        assert!(file.contains("r##\"{\n  \"a\": \"#b\"\n}\"##"), "{file}");
    }
}
