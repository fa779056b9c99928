//! Example request and response fences, and their pairing.
//!
//! A request fence is a request line, optional blank lines, headers, a blank line and a body. A
//! response fence is a status line (`HTTP/1.1 200 OK`, `HTTP 1.1 200 OK`, `HTTP/1.1 422`, the
//! token `HTTP` alone), optional blank lines, headers, and a body that may follow the headers
//! without a blank line.

use super::body::{classify_body, Side};
use super::http::{strip_protocol_suffix, METHODS};
use super::status::parse_status_line;
use super::url::{split_url, UrlTarget};
use crate::diag::{excerpt, Code, Diagnostic, Span};
use crate::ir::{Example, ExampleRequest, ExampleResponse, ExampleTest, Method};
use crate::pages::{Annotation, CodeBlock};
use std::collections::BTreeMap;

/// What a fence outside the HTTP request section holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FenceKind {
    Request,
    Response,
    Other,
}

/// Classifies a fence by its annotation, checked against its first line (annotations lie).
pub fn fence_kind(code: &CodeBlock, file: &str, diagnostics: &mut Vec<Diagnostic>) -> FenceKind {
    let first = first_line(&code.text)
        .map(|(_, l)| l.trim())
        .unwrap_or_default();
    let by_content = if is_request_line(first) {
        FenceKind::Request
    } else if is_status_line(first) {
        FenceKind::Response
    } else {
        FenceKind::Other
    };
    let annotated = code.annotation.as_ref().and_then(Annotation::block_type);
    match annotated {
        Some("request") | Some("response") => {
            let said = if annotated == Some("request") {
                FenceKind::Request
            } else {
                FenceKind::Response
            };
            if by_content != FenceKind::Other && by_content != said {
                let span = code
                    .annotation
                    .as_ref()
                    .map(|a| a.span.clone())
                    .unwrap_or_else(|| code.span.clone());
                diagnostics.push(Diagnostic::new(
                    Code::AnnotationMisplaced,
                    Span {
                        file: file.to_string(),
                        ..span
                    },
                    format!(
                        "the annotation says `{}` but the fence holds a {}",
                        excerpt(annotated.unwrap_or_default()),
                        describe(by_content)
                    ),
                ));
                return by_content;
            }
            said
        }
        Some(_) => FenceKind::Other,
        None if code.lang == "json" => FenceKind::Other,
        None => by_content,
    }
}

fn describe(kind: FenceKind) -> &'static str {
    match kind {
        FenceKind::Request => "request",
        FenceKind::Response => "response",
        FenceKind::Other => "something else",
    }
}

/// `GET https://...`, `POST /x`.
pub fn is_request_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or_default();
    METHODS.iter().any(|m| m.eq_ignore_ascii_case(method)) && words.next().is_some()
}

/// `HTTP/1.1 200 OK`, `HTTP 1.1 200 OK`, `HTTP`.
pub fn is_status_line(line: &str) -> bool {
    line.get(..4)
        .is_some_and(|head| head.eq_ignore_ascii_case("HTTP"))
        && !line
            .get(..5)
            .is_some_and(|h| h.eq_ignore_ascii_case("http:") || h.eq_ignore_ascii_case("https"))
}

/// The first non-blank line and its 0-based index.
fn first_line(text: &str) -> Option<(usize, &str)> {
    text.lines().enumerate().find(|(_, l)| !l.trim().is_empty())
}

/// Headers then body, starting after the first line. Blank lines before the headers are skipped;
/// headers end at a blank line or at the first line that is not `Name: value`.
struct HeadersAndBody {
    headers: Vec<(String, String)>,
    body: String,
    /// Index (in the lines given) of the body's first non-blank line.
    body_line: usize,
}

fn headers_and_body(lines: &[&str]) -> HeadersAndBody {
    let mut index = 0;
    while lines.get(index).is_some_and(|l| l.trim().is_empty()) {
        index += 1;
    }
    let mut headers = Vec::new();
    while let Some(line) = lines.get(index) {
        match header(line) {
            Some(pair) => {
                headers.push(pair);
                index += 1;
            }
            None => break,
        }
    }
    let body = lines.get(index..).unwrap_or_default().join("\n");
    while lines.get(index).is_some_and(|l| l.trim().is_empty()) {
        index += 1;
    }
    HeadersAndBody {
        headers,
        body,
        body_line: index,
    }
}

/// `Content-Type: application/json` -> (name, value). Names are RFC 7230 tokens.
fn header(line: &str) -> Option<(String, String)> {
    let (name, value) = line.split_once(':')?;
    let name = name.trim();
    let token = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    (token && !line.starts_with(char::is_whitespace))
        .then(|| (name.to_string(), value.trim().to_string()))
}

fn content_type(headers: &[(String, String)]) -> Option<&str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.as_str())
}

/// The span of the fence's `index`-th content line (0-based).
fn line_span(code: &CodeBlock, file: &str, index: usize) -> Span {
    Span::new(file, code.content_line.saturating_add(index as u32), 1)
}

/// Reads a request fence. None when the fence holds no request line.
pub fn read_request(
    code: &CodeBlock,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ExampleRequest> {
    let lines: Vec<&str> = code.text.lines().collect();
    let (index, line) = first_line(&code.text)?;
    let span = Span::new(file, code.content_line.saturating_add(index as u32), 1);
    // The URL is the rest of the line: OData queries hold spaces (`$filter=a eq true`).
    let line = line.trim();
    let (first, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let method = Method::parse(first);
    let url = strip_protocol_suffix(rest.trim()).to_string();
    let mut path = None;
    let mut query = Vec::new();
    match split_url(&url) {
        UrlTarget::Foreign(host) => diagnostics.push(Diagnostic::new(
            Code::HttpForeignHost,
            span.clone(),
            format!(
                "the example request goes to `{}`, not Microsoft Graph; it is not an example of this operation",
                excerpt(&host)
            ),
        )),
        UrlTarget::Graph(parts) => {
            if parts.path.is_none() {
                diagnostics.push(Diagnostic::new(
                    Code::ExampleUrlNoPath,
                    span.clone(),
                    format!(
                        "the example URL `{}` is the service root: it names no resource",
                        excerpt(&url)
                    ),
                ));
            }
            path = parts.path;
            query = parts
                .query
                .as_deref()
                .map(super::template::split_query)
                .unwrap_or_default();
        }
    }
    let rest = headers_and_body(lines.get(index + 1..).unwrap_or_default());
    let body_span = line_span(code, file, index + 1 + rest.body_line);
    let body = classify_body(
        &rest.body,
        content_type(&rest.headers),
        Side::Request,
        &body_span,
        diagnostics,
    );
    Some(ExampleRequest {
        method,
        url,
        path,
        query,
        headers: rest.headers,
        body,
        matched_template: None,
        path_values: BTreeMap::new(),
        source: span,
    })
}

/// Reads a response fence (a status line, or a bare JSON body under a `response` annotation).
pub fn read_response(
    code: &CodeBlock,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> ExampleResponse {
    let lines: Vec<&str> = code.text.lines().collect();
    let (index, line) = first_line(&code.text).unwrap_or((0, ""));
    let span = Span::new(file, code.content_line.saturating_add(index as u32), 1);
    let (status, rest, body_offset) = if is_status_line(line.trim()) {
        let parsed = parse_status_line(line.trim());
        if !parsed.problems.is_empty() {
            diagnostics.push(Diagnostic::new(
                Code::ExampleStatusLine,
                span.clone(),
                format!(
                    "malformed status line `{}`: {}",
                    excerpt(line.trim()),
                    parsed.problems.join("; ")
                ),
            ));
        }
        let rest = headers_and_body(lines.get(index + 1..).unwrap_or_default());
        (parsed.status, rest, index + 1)
    } else {
        diagnostics.push(Diagnostic::new(
            Code::ExampleStatusLine,
            span.clone(),
            "the response example has no status line",
        ));
        let body_line = index;
        let rest = HeadersAndBody {
            headers: Vec::new(),
            body: code.text.clone(),
            body_line,
        };
        (None, rest, 0)
    };
    let body_span = line_span(code, file, body_offset + rest.body_line);
    let body = classify_body(
        &rest.body,
        content_type(&rest.headers),
        Side::Response,
        &body_span,
        diagnostics,
    );
    let annotation = code.annotation.as_ref();
    let odata_type = annotation
        .and_then(Annotation::odata_type)
        .map(str::to_string);
    if let (Some(name), Some(annotation)) = (&odata_type, annotation) {
        check_annotation_type(
            name,
            &Span {
                file: file.to_string(),
                ..annotation.span.clone()
            },
            diagnostics,
        );
    }
    ExampleResponse {
        status,
        headers: rest.headers,
        body,
        truncated: annotation
            .and_then(|a| a.get_bool("truncated"))
            .unwrap_or(false),
        odata_type,
        is_collection: annotation.and_then(|a| a.get_bool("isCollection")),
        source: span,
    }
}

/// `$(this.ReturnTypeFullName)` and internal service names are not Graph types.
fn check_annotation_type(name: &str, span: &Span, diagnostics: &mut Vec<Diagnostic>) {
    if name.contains("$(") {
        diagnostics.push(Diagnostic::new(
            Code::AnnotationPlaceholder,
            span.clone(),
            format!(
                "the response annotation's @odata.type is the template placeholder `{}`; ignored",
                excerpt(name)
            ),
        ));
    } else if is_internal_type_name(name) {
        diagnostics.push(Diagnostic::new(
            Code::AnnotationValue,
            span.clone(),
            format!("the response annotation's @odata.type `{name}` is an internal service name, not a Graph type; ignored"),
        ));
    }
}

/// `Microsoft.OutlookServices.message`, `microsoft.management.services.api.x`: dotted names
/// outside the `microsoft.graph` namespace.
pub fn is_internal_type_name(name: &str) -> bool {
    let name = name.trim().trim_start_matches('#');
    let inner = name
        .get(..11)
        .filter(|h| h.eq_ignore_ascii_case("collection("))
        .and_then(|_| name.get(11..))
        .map(|n| n.trim_end_matches(')'))
        .unwrap_or(name);
    inner.contains('.')
        && !inner.starts_with("microsoft.graph.")
        && !inner.starts_with("Edm.")
        && !inner.starts_with("edm.")
}

/// One fence outside the HTTP request section, in page order, classified.
pub struct Fence<'a> {
    pub code: &'a CodeBlock,
    pub kind: FenceKind,
}

/// Pairs request and response fences in page order. A response pairs with the pending request
/// (the same annotation `name`, or the last one); a response without a request and a request
/// without a response are `example-unpaired` (the lone request is kept, the response dropped).
pub fn pair_examples(
    fences: &[Fence<'_>],
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let mut pending: Option<Example> = None;
    // A request to another host (a bot callback) is no example; its response goes with it.
    let mut foreign_pending = false;
    for fence in fences {
        match fence.kind {
            FenceKind::Request => {
                let Some(request) = read_request(fence.code, file, diagnostics) else {
                    continue;
                };
                if let Some(lone) = pending.take() {
                    examples.push(unpaired_request(lone, diagnostics));
                }
                foreign_pending = matches!(split_url(&request.url), UrlTarget::Foreign(_));
                if foreign_pending {
                    continue;
                }
                let name = fence.code.annotation.as_ref().and_then(annotation_name);
                pending = Some(Example {
                    name,
                    request,
                    response: None,
                    test: ExampleTest::default(),
                });
            }
            FenceKind::Response => {
                let response = read_response(fence.code, file, diagnostics);
                match pending.take() {
                    Some(mut example) => {
                        example.response = Some(response);
                        examples.push(example);
                    }
                    None if foreign_pending => {}
                    None => diagnostics.push(Diagnostic::new(
                        Code::ExampleUnpaired,
                        response.source.clone(),
                        "this response example follows no request example; it was dropped",
                    )),
                }
                foreign_pending = false;
            }
            FenceKind::Other => {}
        }
    }
    if let Some(lone) = pending.take() {
        examples.push(unpaired_request(lone, diagnostics));
    }
    examples
}

fn unpaired_request(example: Example, diagnostics: &mut Vec<Diagnostic>) -> Example {
    diagnostics.push(Diagnostic::new(
        Code::ExampleUnpaired,
        example.request.source.clone(),
        "this request example has no response example",
    ));
    example
}

fn annotation_name(annotation: &Annotation) -> Option<String> {
    annotation
        .get_str("name")
        .map(str::to_string)
        .or_else(|| annotation.get_strings("name").into_iter().next())
}

#[cfg(test)]
#[path = "example_tests.rs"]
mod tests;
