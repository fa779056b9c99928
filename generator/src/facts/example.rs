//! Example request and response fences, and their pairing.
//!
//! A request fence is a request line, optional blank lines, headers, a blank line and a body. A
//! response fence is a status line (`HTTP/1.1 200 OK`, `HTTP 1.1 200 OK`, `HTTP/1.1 422`, the
//! token `HTTP` alone), optional blank lines, headers, and a body that may follow the headers
//! without a blank line.

use super::body::classify_body;
use super::http::METHODS;
use super::url::{split_url, UrlTarget};
use crate::diag::{Code, Diagnostic, Span};
use crate::model::{Example, ExampleRequest, ExampleResponse, ExampleTest};
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
                        annotated.unwrap_or_default(),
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
    HeadersAndBody { headers, body, body_line: index }
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
    let mut words = line.split_whitespace();
    let method = words
        .next()
        .map(str::to_ascii_uppercase)
        .filter(|m| METHODS.contains(&m.as_str()));
    let url = words.next().unwrap_or_default().to_string();
    let mut path = None;
    let mut query = Vec::new();
    match split_url(&url) {
        UrlTarget::Foreign(host) => diagnostics.push(Diagnostic::new(
            Code::HttpForeignHost,
            span.clone(),
            format!("the example request goes to `{host}`, not Microsoft Graph; it is not tested"),
        )),
        UrlTarget::Graph(parts) => {
            if parts.path.is_none() {
                diagnostics.push(Diagnostic::new(
                    Code::ExampleUrlNoPath,
                    span.clone(),
                    format!("the example URL `{url}` is the service root: it names no resource"),
                ));
            }
            path = parts.path;
            query = parts
                .query
                .as_deref()
                .map(super::http::split_query)
                .unwrap_or_default();
        }
    }
    let rest = headers_and_body(lines.get(index + 1..).unwrap_or_default());
    let body_span = line_span(code, file, index + 1 + rest.body_line);
    let body = classify_body(&rest.body, content_type(&rest.headers), &body_span, diagnostics);
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

/// A status line, read: the code (None when missing) and what was wrong with the line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusLine {
    pub status: Option<u16>,
    pub problems: Vec<String>,
}

/// Reads `HTTP/1.1 200 OK` and its variants.
pub fn parse_status_line(line: &str) -> StatusLine {
    let mut problems = Vec::new();
    let mut words = line.split_whitespace().peekable();
    let first = words.next().unwrap_or_default();
    if !first
        .get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case("HTTP"))
    {
        return StatusLine {
            status: None,
            problems: vec![format!("`{line}` is not a status line")],
        };
    }
    match first.get(4..).unwrap_or_default() {
        "" => {
            // `HTTP 1.1 200 OK` or `HTTP 200` or `HTTP` alone.
            if words.peek().is_some_and(|w| w.contains('.')) {
                words.next();
                problems.push("`HTTP 1.1` lacks the `/` of `HTTP/1.1`".to_string());
            } else {
                problems.push("no HTTP version".to_string());
            }
        }
        version if version.starts_with('/') => {}
        _ => problems.push(format!("`{first}` is not `HTTP/1.1`")),
    }
    let status = words
        .next()
        .and_then(|w| w.parse::<u16>().ok())
        .filter(|s| (100..600).contains(s));
    let Some(status) = status else {
        problems.push("no status code".to_string());
        return StatusLine {
            status: None,
            problems,
        };
    };
    let reason: Vec<&str> = words.collect();
    let reason = reason.join(" ");
    match standard_reason(status) {
        _ if reason.is_empty() => problems.push("no reason phrase".to_string()),
        Some(expected) if !same_reason(&reason, expected) => problems.push(format!(
            "reason `{reason}` does not match status {status} (`{expected}`)"
        )),
        _ => {}
    }
    StatusLine {
        status: Some(status),
        problems,
    }
}

fn same_reason(written: &str, expected: &str) -> bool {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase()
    };
    squash(written) == squash(expected)
}

fn standard_reason(status: u16) -> Option<&'static str> {
    Some(match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        416 => "Range Not Satisfiable",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => return None,
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
                    line.trim(),
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
        let rest = HeadersAndBody { headers: Vec::new(), body: code.text.clone(), body_line };
        (None, rest, 0)
    };
    let body_span = line_span(code, file, body_offset + rest.body_line);
    let body = classify_body(&rest.body, content_type(&rest.headers), &body_span, diagnostics);
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
            Code::PlaceholderValue,
            span.clone(),
            format!("the response annotation's @odata.type is the template placeholder `{name}`; ignored"),
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
    for fence in fences {
        match fence.kind {
            FenceKind::Request => {
                let Some(request) = read_request(fence.code, file, diagnostics) else {
                    continue;
                };
                if let Some(lone) = pending.take() {
                    examples.push(unpaired_request(lone, diagnostics));
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
                    None => diagnostics.push(Diagnostic::new(
                        Code::ExampleUnpaired,
                        response.source.clone(),
                        "this response example follows no request example; it was dropped",
                    )),
                }
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
mod tests {
    use super::*;
    use crate::model::BodyKind;

    fn annotation(json: &str) -> Annotation {
        let fields = match serde_json::from_str(json) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => panic!("bad test annotation"),
        };
        Annotation {
            fields,
            span: Span::new("api/x.md", 4, 1),
        }
    }

    fn fence(text: &str, annotation_json: Option<&str>) -> CodeBlock {
        CodeBlock {
            lang: "http".into(),
            text: text.into(),
            span: Span::new("api/x.md", 9, 1),
            content_line: 10,
            annotation: annotation_json.map(annotation),
        }
    }

    fn codes(d: &[Diagnostic]) -> Vec<&str> {
        d.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn status_line_variants() {
        let ok = |l: &str| parse_status_line(l);
        assert_eq!(
            ok("HTTP/1.1 200 OK"),
            StatusLine {
                status: Some(200),
                problems: vec![]
            }
        );
        assert_eq!(ok("HTTP/1.1 204 No content").problems, Vec::<String>::new());
        assert_eq!(ok("HTTP/1.1 204 NoContent").problems, Vec::<String>::new());
        let cases = [
            ("HTTP 1.1 200 OK", Some(200), "lacks the `/`"),
            ("HTTP/1.1 422", Some(422), "no reason phrase"),
            ("HTTP/1.1 201 OK", Some(201), "does not match"),
            ("HTTP/1.1 202 Accpted", Some(202), "does not match"),
            ("HTTP 201 Created", Some(201), "no HTTP version"),
            ("HTTP", None, "no status code"),
        ];
        for (line, status, problem) in cases {
            let parsed = ok(line);
            assert_eq!(parsed.status, status, "{line}");
            assert!(
                parsed.problems.iter().any(|p| p.contains(problem)),
                "{line}: {:?}",
                parsed.problems
            );
        }
    }

    #[test]
    fn request_with_blank_line_before_headers() {
        let mut d = Vec::new();
        let text = "POST https://graph.microsoft.com/v1.0/users?$select=id\n\nContent-type: application/json\nContent-length: 20\n\n{\"displayName\": \"A\"}\n";
        let r = read_request(&fence(text, None), "api/x.md", &mut d).expect("request");
        assert_eq!(r.method.as_deref(), Some("POST"));
        assert_eq!(r.path.as_deref(), Some("/users"));
        assert_eq!(r.query, vec![("$select".to_string(), "id".to_string())]);
        assert_eq!(r.headers.len(), 2);
        assert_eq!(r.body.kind, BodyKind::Json);
        assert_eq!(r.source.line, 10);
        assert!(d.is_empty(), "{d:?}");
    }

    #[test]
    fn request_without_headers_and_foreign_host() {
        let mut d = Vec::new();
        let r =
            read_request(&fence("GET /me/events\n", None), "api/x.md", &mut d).expect("request");
        assert_eq!(
            (r.path.as_deref(), r.body.kind),
            (Some("/me/events"), BodyKind::None)
        );
        let r = read_request(
            &fence("POST https://bot.contoso.com/api/calls\n", None),
            "api/x.md",
            &mut d,
        )
        .expect("request");
        assert_eq!(r.path, None);
        assert_eq!(codes(&d), vec!["http-foreign-host"]);
    }

    #[test]
    fn seed_request_has_no_path_and_a_placeholder_array() {
        let mut d = Vec::new();
        let text = "PATCH https://graph.microsoft.com/beta\n\nContent-Type: application/json\nContent-Length: 224\n\n[\n  {\n    \"@odata.type\": \"#microsoft.graph.x\",\n    \"errorDeviceCount\": \"Int32\",\n    \"id\": \"String(identifier)\"\n  }\n]\n\n";
        let r = read_request(&fence(text, None), "api/x.md", &mut d).expect("request");
        assert_eq!(r.path, None);
        assert_eq!(r.body.kind, BodyKind::Placeholder);
        assert!(r.body.json.as_ref().is_some_and(|j| j.is_array()));
        assert_eq!(
            codes(&d),
            vec!["example-url-no-path", "example-body-placeholder"]
        );
    }

    #[test]
    fn seed_response_blank_line_after_status_and_no_blank_before_body() {
        let mut d = Vec::new();
        let text = "HTTP 1.1 200 OK\n\nContent-Type: application/json\n{\n  \"value\": [ {\"id\": \"x\"} ]\n}\n";
        let code = fence(
            text,
            Some(
                r#"{"blockType": "response", "truncated": true, "@odata.type": "$(this.ReturnTypeFullName)"}"#,
            ),
        );
        let r = read_response(&code, "api/x.md", &mut d);
        assert_eq!(r.status, Some(200));
        assert_eq!(
            r.headers,
            vec![("Content-Type".to_string(), "application/json".to_string())]
        );
        assert_eq!(r.body.kind, BodyKind::Json);
        assert!(r.truncated);
        assert_eq!(codes(&d), vec!["example-status-line", "placeholder-value"]);
    }

    #[test]
    fn response_annotation_values() {
        let mut d = Vec::new();
        let code = fence(
            "HTTP/1.1 200 OK\nContent-type: application/json\n\n{}\n",
            Some(
                r#"{"blockType": "response", "truncated": "true", "isCollection": true, "@odata.type": "Microsoft.OutlookServices.message"}"#,
            ),
        );
        let r = read_response(&code, "api/x.md", &mut d);
        assert!(r.truncated);
        assert_eq!(r.is_collection, Some(true));
        assert_eq!(codes(&d), vec!["annotation-value"]);
        assert!(!is_internal_type_name("Collection(microsoft.graph.user)"));
        assert!(!is_internal_type_name(
            "#microsoft.graph.callRecords.session"
        ));
        assert!(is_internal_type_name("microsoft.management.services.api.x"));
    }

    #[test]
    fn non_json_response_body() {
        let mut d = Vec::new();
        let r = read_response(
            &fence("HTTP/1.1 200 OK\nContent-Type: text/plain\n\n893\n", None),
            "api/x.md",
            &mut d,
        );
        assert_eq!(r.body.kind, BodyKind::Other);
        assert!(d.is_empty());
    }

    #[test]
    fn fence_kinds_by_annotation_and_content() {
        let mut d = Vec::new();
        assert_eq!(
            fence_kind(
                &fence("GET /me\n", Some(r#"{"blockType": "request"}"#)),
                "api/x.md",
                &mut d
            ),
            FenceKind::Request
        );
        assert_eq!(
            fence_kind(&fence("GET /me\n", None), "api/x.md", &mut d),
            FenceKind::Request
        );
        assert_eq!(
            fence_kind(
                &fence("HTTP/1.1 204 No Content\n", None),
                "api/x.md",
                &mut d
            ),
            FenceKind::Response
        );
        assert_eq!(
            fence_kind(
                &fence("GET /me\n", Some(r#"{"blockType": "ignored"}"#)),
                "api/x.md",
                &mut d
            ),
            FenceKind::Other
        );
        assert_eq!(
            fence_kind(
                &fence("{}\n", Some(r#"{"blockType": "response"}"#)),
                "api/x.md",
                &mut d
            ),
            FenceKind::Response
        );
        assert!(d.is_empty());
        assert_eq!(
            fence_kind(
                &fence("GET /me\n", Some(r#"{"blockType": "response"}"#)),
                "api/x.md",
                &mut d
            ),
            FenceKind::Request
        );
        assert_eq!(codes(&d), vec!["annotation-misplaced"]);
    }

    #[test]
    fn pairing() {
        let request = fence(
            "GET /me\n",
            Some(r#"{"blockType": "request", "name": "get_me"}"#),
        );
        let response = fence("HTTP/1.1 200 OK\n", Some(r#"{"blockType": "response"}"#));
        let f = |code, kind| Fence { code, kind };
        let mut d = Vec::new();
        let examples = pair_examples(
            &[
                f(&response, FenceKind::Response),
                f(&request, FenceKind::Request),
                f(&response, FenceKind::Response),
                f(&request, FenceKind::Request),
            ],
            "api/x.md",
            &mut d,
        );
        assert_eq!(examples.len(), 2);
        assert_eq!(examples[0].name.as_deref(), Some("get_me"));
        assert!(examples[0].response.is_some());
        assert!(examples[1].response.is_none());
        assert_eq!(codes(&d), vec!["example-unpaired", "example-unpaired"]);
    }
}
